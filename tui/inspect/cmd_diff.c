/* cmd_diff.c - `flockd diff`: how a replica differs from its primary. */
#include "inspect/inspect_cli.h"

#include "common/duration.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "inspect/inspect_cmd.h"
#include "inspect/inspect_text.h"
#include "inspect/replica_diff.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* diff(1)'s exit statuses */
enum { DIFF_EXIT_SAME = 0, DIFF_EXIT_DIFFERENT = 1, DIFF_EXIT_TROUBLE = 2 };

static void diff_help(FILE *out)
{
	fputs("Usage: flockd diff [--json] [-t TABLE]... DIR_A DIR_B\n"
	      "Compare two databases, typically a primary (A) and a replica\n"
	      "(B): tables only in A or only in B, keys only in A or only in\n"
	      "B, and keys whose values differ. Sizes are compared first; when\n"
	      "they match, the bytes are, read in chunks under shared locks on\n"
	      "both sides. Both databases are opened read-only.\n"
	      "\n"
	      "Output, one line per difference: STATUS TABLE KEY DETAIL, where\n"
	      "STATUS is only-a, only-b or differs, and KEY is '-' for a whole\n"
	      "table.\n"
	      "\n"
	      "  -t, --table TABLE   compare only this table (repeatable; \"\"\n"
	      "                      is the root table)\n"
	      "      --timeout DUR   how long to wait for a lock (default 5s)\n"
	      "      --json          one JSON object: {\"tables_only_a\",\n"
	      "                      \"tables_only_b\", \"keys\", \"troubles\"}\n"
	      "  -h, --help          this help\n"
	      "\n"
	      "Exit status as diff(1): 0 the same, 1 different, 2 trouble (a\n"
	      "value could not be read, a lock timed out, bad usage).\n",
	      out);
}

struct diff_out {
	int json;
	struct text_table text;
	json_t *only_a, *only_b, *keys, *troubles;
	int err; /* ENOMEM while collecting */
};

static void out_table_only(struct diff_out *o, const char *name, char side)
{
	if (o->json) {
		json_t *n = json_object();
		jsonfmt_set_name(n, "table", name);
		json_array_append_new(side == 'A' ? o->only_a : o->only_b, n);
		return;
	}
	char *t = inspect_esc(inspect_table_label(name));
	const char *row[] = {side == 'A' ? "only-a" : "only-b", t, "-",
			     "table"};
	if (text_table_add(&o->text, row) != 0)
		o->err = ENOMEM;
	inspect_esc_free(t);
}

static void out_key(struct diff_out *o, const char *table,
		    const struct diff_key *k)
{
	char detail[96] = "";
	if (k->status == DIFF_DIFFERS && k->reason == DIFF_REASON_SIZE)
		snprintf(detail, sizeof detail,
			 "size %" PRIu64 " vs %" PRIu64, k->size_a, k->size_b);
	else if (k->status == DIFF_DIFFERS)
		snprintf(detail, sizeof detail, "%s",
			 diff_reason_name(k->reason));
	if (o->json) {
		json_t *n = json_object();
		jsonfmt_set_name(n, "table", table);
		jsonfmt_set_name(n, "key", k->key);
		json_object_set_new(n, "status",
				    json_string(diff_status_name(k->status)));
		if (k->status == DIFF_DIFFERS) {
			json_object_set_new(n, "reason", json_string(
				diff_reason_name(k->reason)));
			json_object_set_new(n, "size_a",
					    json_integer((json_int_t)k->size_a));
			json_object_set_new(n, "size_b",
					    json_integer((json_int_t)k->size_b));
		}
		json_array_append_new(o->keys, n);
		return;
	}
	char *t = inspect_esc(inspect_table_label(table));
	char *key = inspect_esc(k->key);
	const char *row[] = {diff_status_name(k->status), t, key, detail};
	if (text_table_add(&o->text, row) != 0)
		o->err = ENOMEM;
	inspect_esc_free(t);
	inspect_esc_free(key);
}

static void out_trouble(const char *cmd, struct diff_out *o,
			const char *table, const char *key, char side,
			const char *dir, int err)
{
	char *t = inspect_esc(inspect_table_label(table));
	char *k = key ? inspect_esc(key) : NULL;
	char *d = inspect_esc(dir);
	if (k)
		inspect_err(cmd, "%s: table %s, key %s: %s", d, t, k,
			    flockd_strerror(err));
	else
		inspect_err(cmd, "%s: table %s: %s", d, t,
			    flockd_strerror(err));
	inspect_esc_free(t);
	if (k)
		inspect_esc_free(k);
	inspect_esc_free(d);
	if (o->json) {
		json_t *n = json_object();
		jsonfmt_set_name(n, "table", table);
		if (key)
			jsonfmt_set_name(n, "key", key);
		json_object_set_new(n, "side", json_stringn(&side, 1));
		json_object_set_new(n, "error",
				    json_string(flockd_strerror(err)));
		json_array_append_new(o->troubles, n);
	}
}

/* Compare one table present on both sides; returns the number of
 * differences, and counts troubles in *troubles. */
static size_t diff_one_table(const char *cmd, struct diff_out *o,
			     flockd_db *a, flockd_db *b, const char *name,
			     const char *dir_a, const char *dir_b,
			     size_t *troubles)
{
	struct diff_table dt;
	int err = replica_diff_table(a, b, name, &dt);
	if (err != 0) {
		out_trouble(cmd, o, name, NULL, 'A', dir_a, err);
		(*troubles)++;
		return 0;
	}
	size_t diffs = 0;
	if (!dt.in_a || !dt.in_b) {
		out_table_only(o, name, dt.in_a ? 'A' : 'B');
		diffs = 1;
	} else {
		for (size_t i = 0; i < dt.n; i++) {
			const struct diff_key *k = &dt.keys[i];
			if (k->status == DIFF_SAME)
				continue;
			if (k->status == DIFF_TROUBLE) {
				out_trouble(cmd, o, name, k->key, k->side,
					    k->side == 'A' ? dir_a : dir_b,
					    k->err);
				(*troubles)++;
				continue;
			}
			out_key(o, name, k);
			diffs++;
		}
	}
	diff_table_free(&dt);
	return diffs;
}

static int parse_diff_args(int argc, char **argv, struct diff_out *o,
			   const char ***tables, size_t *ntables, long *timeout)
{
	static const struct option opts[] = {
		{"table", required_argument, NULL, 't'},
		{"json", no_argument, NULL, 'j'},
		{"timeout", required_argument, NULL, 'T'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *cmd = "diff";
	int c;
	inspect_getopt_reset();
	while ((c = getopt_long(argc, argv, ":t:h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			(*tables)[(*ntables)++] = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'T':
			if (duration_parse(optarg, timeout) != 0 ||
			    *timeout <= 0) {
				char *a = inspect_esc(optarg), what[200];
				snprintf(what, sizeof what, "--timeout: not a "
					 "positive duration: '%.100s'", a);
				inspect_esc_free(a);
				inspect_usage_error(cmd, what);
				return DIFF_EXIT_TROUBLE;
			}
			break;
		case 'h':
			diff_help(stdout);
			return -1;
		default:
			inspect_bad_option(cmd, argv, c);
			return DIFF_EXIT_TROUBLE;
		}
	}
	if (argc - optind != 2) {
		inspect_usage_error(cmd, argc - optind < 2
				? "needs two database directories"
				: "too many arguments");
		return DIFF_EXIT_TROUBLE;
	}
	return 0;
}

static int print_out(struct diff_out *o)
{
	if (!o->json) {
		text_table_print(&o->text, stdout);
		return fflush(stdout) != 0 ? EIO : 0;
	}
	json_t *doc = json_object();
	json_object_set(doc, "tables_only_a", o->only_a);
	json_object_set(doc, "tables_only_b", o->only_b);
	json_object_set(doc, "keys", o->keys);
	json_object_set(doc, "troubles", o->troubles);
	int err = jsonfmt_print(doc, stdout);
	return err != 0 || fflush(stdout) != 0 ? EIO : 0;
}

int inspect_cmd_diff(int argc, char **argv)
{
	const char *cmd = "diff";
	struct diff_out o;
	memset(&o, 0, sizeof o);
	long timeout = INSPECT_DEFAULT_TIMEOUT_MS;
	const char **tables = calloc((size_t)argc + 1, sizeof *tables);
	size_t ntables = 0;
	if (tables == NULL) {
		inspect_err(cmd, "%s", flockd_strerror(ENOMEM));
		return DIFF_EXIT_TROUBLE;
	}
	int res = parse_diff_args(argc, argv, &o, &tables, &ntables, &timeout);
	if (res != 0) {
		free(tables);
		return res < 0 ? DIFF_EXIT_SAME : res;
	}
	const char *dir_a = argv[optind], *dir_b = argv[optind + 1];
	flockd_db *a = NULL, *b = NULL;
	if (inspect_open_db(cmd, dir_a, FLOCKD_OPEN_READONLY, timeout, &a) ||
	    inspect_open_db(cmd, dir_b, FLOCKD_OPEN_READONLY, timeout, &b)) {
		flockd_close(a);
		free(tables);
		return DIFF_EXIT_TROUBLE;
	}
	text_table_init(&o.text, 4);
	o.only_a = json_array();
	o.only_b = json_array();
	o.keys = json_array();
	o.troubles = json_array();
	size_t diffs = 0, troubles = 0;
	struct diff_table_names tn = {0};
	if (ntables > 0) {
		for (size_t i = 0; i < ntables; i++)
			diffs += diff_one_table(cmd, &o, a, b, tables[i],
						dir_a, dir_b, &troubles);
	} else if ((res = replica_diff_tables(a, b, &tn)) != 0) {
		inspect_err(cmd, "listing tables: %s", flockd_strerror(res));
		troubles++;
	} else {
		/* merge the two sorted lists */
		size_t i = 0, j = 0;
		while (i < tn.na || j < tn.nb) {
			int c = i == tn.na ? 1
				: j == tn.nb ? -1
					     : strcmp(tn.a[i], tn.b[j]);
			if (c < 0) {
				out_table_only(&o, tn.a[i++], 'A');
				diffs++;
			} else if (c > 0) {
				out_table_only(&o, tn.b[j++], 'B');
				diffs++;
			} else {
				diffs += diff_one_table(cmd, &o, a, b, tn.a[i],
							dir_a, dir_b,
							&troubles);
				i++, j++;
			}
		}
	}
	int status = troubles > 0 ? DIFF_EXIT_TROUBLE
		     : diffs > 0  ? DIFF_EXIT_DIFFERENT
				  : DIFF_EXIT_SAME;
	if (o.err != 0 || print_out(&o) != 0) {
		inspect_err(cmd, "writing the differences: %s",
			    flockd_strerror(o.err ? o.err : EIO));
		status = DIFF_EXIT_TROUBLE;
	}
	diff_table_names_free(&tn);
	text_table_done(&o.text);
	json_decref(o.only_a);
	json_decref(o.only_b);
	json_decref(o.keys);
	json_decref(o.troubles);
	flockd_close(a);
	flockd_close(b);
	free(tables);
	return status;
}
