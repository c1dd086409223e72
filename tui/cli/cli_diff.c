/* cli_diff.c - `flockd diff`: how a replica differs from its primary
 * (tui/inspect/replica_diff.h), as records or one JSON document; the exit
 * statuses are diff(1)'s. */
#include "cli/cli_inspect.h"

#include "cli/cli_common.h"
#include "cli/cli_output.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "common/textsafe.h"
#include "inspect/replica_diff.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* diff(1)'s statuses; trouble is exit_code_for_trouble's (2 or more) */
enum { DIFF_EXIT_SAME = 0, DIFF_EXIT_DIFFERENT = 1 };

struct diff_run {
	struct cli_args *args;
	const char *dir_a, *dir_b;
	size_t diffs;
	int trouble;  /* the status of the first trouble, or 0 */
	int headed;   /* the headings were written (before the first record) */
	json_t *only_a, *only_b, *keys, *troubles; /* --json */
};

/* Before the first record: the headings (stderr, not with -q). */
static void diff_headings(struct diff_run *r)
{
	static const char *const head[] = {"STATUS", "TABLE", "KEY",
					   "DETAIL"};

	if (!r->headed)
		cli_headings(r->args, head, 4);
	r->headed = 1;
}

static void diff_table_only(struct diff_run *r, const char *name, char side)
{
	struct cli_args *args = r->args;

	r->diffs++;
	if (args->json) {
		json_t *n = json_object();
		jsonfmt_set_name(n, "table", name);
		json_array_append_new(side == 'A' ? r->only_a : r->only_b, n);
		return;
	}
	diff_headings(r);
	if (cli_field_word(args, side == 'A' ? "only-a" : "only-b") == 0 &&
	    cli_field_name(args, name) == 0 && cli_field_name(args, "") == 0 &&
	    cli_field_word(args, "table") == 0)
		cli_record_end(args);
}

static json_t *diff_key_json(const char *table, const struct diff_key *k)
{
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
	return n;
}

/* One key that is only on one side or differs: STATUS TABLE KEY DETAIL. */
static void diff_key(struct diff_run *r, const char *table,
		     const struct diff_key *k)
{
	struct cli_args *args = r->args;
	char detail[96] = "key";

	r->diffs++;
	if (args->json) {
		json_array_append_new(r->keys, diff_key_json(table, k));
		return;
	}
	diff_headings(r);
	if (k->status == DIFF_DIFFERS && k->reason == DIFF_REASON_SIZE)
		snprintf(detail, sizeof detail,
			 "size %" PRIu64 " vs %" PRIu64, k->size_a, k->size_b);
	else if (k->status == DIFF_DIFFERS)
		snprintf(detail, sizeof detail, "%s",
			 diff_reason_name(k->reason));
	if (cli_field_word(args, diff_status_name(k->status)) == 0 &&
	    cli_field_name(args, table) == 0 &&
	    cli_field_name(args, k->key) == 0 &&
	    cli_field_word(args, detail) == 0)
		cli_record_end(args);
}

/* What could not be compared: an error line "flockd diff: TABLE/KEY:
 * reason (in B: DIR)" and, with --json, an element of "troubles". */
static void diff_trouble(struct diff_run *r, const char *table,
			 const char *key, char side, int err)
{
	char step[400] = "", dir[300];

	if (side != 0) {
		textsafe_name_buf(dir, sizeof dir, side == 'A' ? r->dir_a
							       : r->dir_b,
				  strlen(side == 'A' ? r->dir_a : r->dir_b),
				  r->args->escape);
		snprintf(step, sizeof step, "in %c: %s", side, dir);
	}
	int status = cli_error(r->args, table, key, err, step);
	if (r->trouble == 0)
		r->trouble = status;
	if (!r->args->json)
		return;
	json_t *n = json_object();
	jsonfmt_set_name(n, "table", table);
	if (key != NULL)
		jsonfmt_set_name(n, "key", key);
	if (side != 0)
		json_object_set_new(n, "side", json_stringn(&side, 1));
	json_object_set_new(n, "error", json_string(flockd_strerror(err)));
	json_array_append_new(r->troubles, n);
}

/* Compare one table (present on one side at least). */
static void diff_one_table(struct diff_run *r, flockd_db *a, flockd_db *b,
			   const char *name)
{
	struct diff_table dt;
	int err = replica_diff_table(a, b, name, &dt);

	if (err != 0) {
		diff_trouble(r, name, NULL, 0, err);
		return;
	}
	if (!dt.in_a || !dt.in_b) {
		diff_table_only(r, name, dt.in_a ? 'A' : 'B');
		diff_table_free(&dt);
		return;
	}
	for (size_t i = 0; i < dt.n; i++) {
		const struct diff_key *k = &dt.keys[i];
		if (k->status == DIFF_TROUBLE)
			diff_trouble(r, name, k->key, k->side, k->err);
		else if (k->status != DIFF_SAME)
			diff_key(r, name, k);
	}
	diff_table_free(&dt);
}

/* Every table of either side, in bytewise order. */
static void diff_all_tables(struct diff_run *r, flockd_db *a, flockd_db *b)
{
	struct diff_table_names tn = {0};
	int err = replica_diff_tables(a, b, &tn);

	if (err != 0) {
		diff_trouble(r, "", NULL, 0, err);
		return;
	}
	size_t i = 0, j = 0;
	while (i < tn.na || j < tn.nb) {
		int c = i == tn.na ? 1 : j == tn.nb ? -1
						     : strcmp(tn.a[i], tn.b[j]);
		if (c < 0) {
			diff_table_only(r, tn.a[i++], 'A');
		} else if (c > 0) {
			diff_table_only(r, tn.b[j++], 'B');
		} else {
			diff_one_table(r, a, b, tn.a[i]);
			i++, j++;
		}
	}
	diff_table_names_free(&tn);
}

static json_t *diff_json(struct diff_run *r)
{
	json_t *doc = cli_json_object();

	json_object_set_new(doc, "tables_only_a", r->only_a);
	json_object_set_new(doc, "tables_only_b", r->only_b);
	json_object_set_new(doc, "keys", r->keys);
	json_object_set_new(doc, "troubles", r->troubles);
	r->only_a = r->only_b = r->keys = r->troubles = NULL;
	return doc;
}

int cli_cmd_diff(struct cli_args *args)
{
	struct diff_run r = {args, args->argv[0], args->argv[1], 0, 0, 0,
			     json_array(), json_array(), json_array(),
			     json_array()};
	const unsigned flags = FLOCKD_OPEN_READONLY | FLOCKD_OPEN_NOCREATE;
	flockd_db *a = NULL, *b = NULL;
	int status = cli_open_db(args, r.dir_a, flags, &a);

	if (status == 0)
		status = cli_open_db(args, r.dir_b, flags, &b);
	if (status == 0) {
		if (args->n_tables == 0)
			diff_all_tables(&r, a, b);
		for (size_t i = 0; i < args->n_tables; i++)
			diff_one_table(&r, a, b, args->tables[i]);
		if (args->json)
			cli_json_print(args, diff_json(&r));
		status = r.trouble ? r.trouble
			 : r.diffs > 0 ? DIFF_EXIT_DIFFERENT
				       : DIFF_EXIT_SAME;
	}
	json_decref(r.only_a);
	json_decref(r.only_b);
	json_decref(r.keys);
	json_decref(r.troubles);
	flockd_close(a);
	flockd_close(b);
	return cli_output_finish(args, status);
}
