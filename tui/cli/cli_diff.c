/* SPDX-License-Identifier: MIT */
/* cli_diff.c - `flockd diff`: how two databases differ, here or on
 * another host (tui/sync/replica_compare.h), as records or one JSON
 * document streamed as the comparison goes; the exit statuses are
 * diff(1)'s. */
#include "cli/cli_inspect.h"

#include "cli/cli_common.h"
#include "cli/cli_output.h"
#include "cli/cli_sync.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "sync/replica_compare.h"

#include <inttypes.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* diff(1)'s statuses; trouble is cli_status's (2 or more) */
enum { DIFF_EXIT_SAME = 0, DIFF_EXIT_DIFFERENT = 1 };

struct diff_run {
	struct cli_args *args;
	struct replica *a, *b;
	struct cli_json_stream js;
	size_t diffs;
	int trouble;      /* the status of the first trouble, or 0 */
	int headed;       /* the headings were written */
	char *one_sided;  /* a table only on one side: its keys are not
			     listed one by one */
};

static const char *newer_word(char n)
{
	return n == 'a' ? "a" : n == 'b' ? "b" : n == '=' ? "same" : "-";
}

/* The DETAIL word: the reason, and for suspects whether values differ. */
static const char *detail_word(const struct rc_record *r, char *buf,
			       size_t size)
{
	const char *reason = rc_reason_name(r->reason);
	if (r->status == RC_SUSPECT && r->values_differ >= 0)
		snprintf(buf, size, "%s,%s", reason,
			 r->values_differ ? "differs" : "same");
	else
		snprintf(buf, size, "%s", *reason ? reason : "-");
	return buf;
}

static void side_words(const struct rc_side *s, char *size, char *mtime)
{
	strcpy(size, "-");
	strcpy(mtime, "-");
	if (!s->present || !s->have_stat)
		return;
	snprintf(size, 24, "%" PRIu64, s->st.size);
	cli_format_time(&s->st.mtime, mtime, CLI_TIME_LEN);
}

/* STATUS TABLE NAME KIND SIZE_A MTIME_A SIZE_B MTIME_B NEWER DETAIL */
static int diff_record(struct diff_run *r, const struct rc_record *rec)
{
	struct cli_args *args = r->args;
	char sa[24], ma[CLI_TIME_LEN], sb[24], mb[CLI_TIME_LEN], detail[64];
	side_words(&rec->a, sa, ma);
	side_words(&rec->b, sb, mb);
	if (cli_field_word(args, rc_status_name(rec->status)) ||
	    cli_field_name(args, rec->table) ||
	    cli_field_name(args, rec->name) ||
	    cli_field_word(args, flockd_entry_kind_name(rec->kind)) ||
	    cli_field_word(args, sa) || cli_field_word(args, ma) ||
	    cli_field_word(args, sb) || cli_field_word(args, mb) ||
	    cli_field_word(args, newer_word(rec->newer)) ||
	    cli_field_word(args, detail_word(rec, detail, sizeof detail)))
		return -1;
	return cli_record_end(args);
}

static void side_json(json_t *o, const struct rc_side *s, const char *size,
		      const char *mtime)
{
	if (!s->present || !s->have_stat)
		return;
	json_object_set_new(o, size, json_integer((json_int_t)s->st.size));
	cli_json_set_time(o, mtime, &s->st.mtime);
}

static json_t *diff_json(const struct rc_record *rec)
{
	json_t *o = json_object();
	json_object_set_new(o, "status",
			    json_string(rc_status_name(rec->status)));
	jsonfmt_set_name(o, "table", rec->table);
	json_object_set_new(o, "kind",
			    json_string(flockd_entry_kind_name(rec->kind)));
	if (rec->kind == FLOCKD_ENTRY_KEY) {
		jsonfmt_set_name(o, "key", rec->name);
	} else if (rec->kind != FLOCKD_ENTRY_TABLE) {
		jsonfmt_set_name(o, "name", rec->name);
		char *of = rec->key_len ? strndup(rec->name + rec->key_off,
						  rec->key_len) : NULL;
		if (of != NULL)
			jsonfmt_set_name(o, "of", of);
		free(of);
	}
	if (rec->kind != FLOCKD_ENTRY_TABLE) {
		json_object_set_new(o, "in_a", json_boolean(rec->a.present));
		json_object_set_new(o, "in_b", json_boolean(rec->b.present));
	}
	side_json(o, &rec->a, "size_a", "mtime_a");
	side_json(o, &rec->b, "size_b", "mtime_b");
	if (rec->newer)
		json_object_set_new(o, "newer",
				    json_string(newer_word(rec->newer)));
	if (rec->reason != RC_REASON_NONE)
		json_object_set_new(o, "reason", json_string(
			rc_reason_name(rec->reason)));
	if (rec->status == RC_SUSPECT && rec->values_differ >= 0)
		json_object_set_new(o, "values", json_string(
			rec->values_differ ? "differ" : "same"));
	if (rec->status == RC_TROUBLE) {
		char side[2] = {rec->err_side, '\0'};
		if (rec->err_side != 0)
			json_object_set_new(o, "side", json_string(side));
		json_object_set_new(o, "error",
				    json_string(flockd_strerror(rec->err)));
		if (rec->step != NULL && *rec->step)
			json_object_set_new(o, "step", json_string(rec->step));
	}
	return o;
}

/* What could not be compared: one error line naming the side. */
static void diff_trouble(struct diff_run *r, const struct rc_record *rec)
{
	struct replica *side = rec->err_side == 'A' ? r->a : r->b;
	if (rec->err_side == 0) { /* a table asked for, in neither */
		int status = cli_error(r->args, rec->table, NULL, rec->err,
				       NULL);
		if (r->trouble == 0)
			r->trouble = status;
		return;
	}
	int status = cli_replica_error(
		r->args, side, rec->err_side == 'A' ? "in A" : "in B",
		rec->table, rec->kind == FLOCKD_ENTRY_TABLE ? NULL : rec->name,
		rec->err, rec->step);
	if (r->trouble == 0)
		r->trouble = status;
}

/* Keys of a table that is only on one side are the table's difference,
 * not one each. */
static int in_one_sided(struct diff_run *r, const struct rc_record *rec)
{
	if (rec->kind == FLOCKD_ENTRY_TABLE) {
		free(r->one_sided);
		r->one_sided = NULL;
		if (rec->status == RC_TABLE_ONLY_A ||
		    rec->status == RC_TABLE_ONLY_B)
			r->one_sided = strdup(rec->table);
		return 0;
	}
	return r->one_sided != NULL && strcmp(r->one_sided, rec->table) == 0;
}

static void diff_headings(struct diff_run *r)
{
	static const char *const head[] = {
		"STATUS", "TABLE", "NAME", "KIND", "SIZE_A", "MTIME_A",
		"SIZE_B", "MTIME_B", "NEWER", "DETAIL"};
	if (!r->headed)
		cli_headings(r->args, head, 10);
	r->headed = 1;
}

static int diff_one(struct diff_run *r, const struct rc_record *rec)
{
	struct cli_args *args = r->args;
	int skip = in_one_sided(r, rec);
	if (rec->status == RC_TROUBLE)
		diff_trouble(r, rec);
	else if (!rc_is_difference(rec->status) || skip)
		return 0;
	else
		r->diffs++;
	if (args->json)
		return cli_json_stream_add(args, &r->js, diff_json(rec));
	if (rec->status == RC_TROUBLE)
		return 0;
	diff_headings(r); /* before the first record, not before errors */
	return diff_record(r, rec);
}

static void diff_start(struct diff_run *r)
{
	struct cli_args *args = r->args;
	if (!args->json)
		return;
	json_t *doc = cli_json_object();
	jsonfmt_set_name(doc, "a", replica_label(r->a));
	jsonfmt_set_name(doc, "b", replica_label(r->b));
	cli_json_stream_begin(args, &r->js, doc, "records");
}

/* Run the comparison to its end; the exit status. */
static int diff_run(struct diff_run *r)
{
	struct cli_args *args = r->args;
	const char *const *keys = (const char *const *)args->argv + 2;
	size_t nkeys = (size_t)args->argc - 2;
	const char *root = "";
	struct rc_opts o = {
		.tables = args->tables, .ntables = args->n_tables,
		.keys = keys, .nkeys = nkeys, .leftovers = 1,
	};
	if (nkeys > 0 && o.ntables == 0) { /* keys are the root table's */
		o.tables = &root;
		o.ntables = 1;
	}
	struct replica_compare *c;
	char side;
	const char *why;
	int err = replica_compare_open(r->a, r->b, &o, &c, &side, &why);
	if (err != 0)
		return cli_replica_error(args, side == 'A' ? r->a : r->b,
					 side == 'A' ? "in A" : "in B", NULL,
					 NULL, err, why);
	diff_start(r);
	struct rc_record rec;
	while ((err = replica_compare_next(c, &rec)) == 0)
		if (diff_one(r, &rec) != 0)
			break;
	if (err != 0 && err != MANIFEST_END) {
		side = replica_compare_failed_side(c);
		int status = cli_replica_error(
			args, side == 'A' ? r->a : r->b,
			side == 'A' ? "in A" : "in B", NULL, NULL, err, NULL);
		if (r->trouble == 0)
			r->trouble = status;
	}
	if (args->json)
		cli_json_stream_end(args, &r->js);
	replica_compare_close(c);
	cli_replica_messages(args, r->a);
	cli_replica_messages(args, r->b);
	return r->trouble ? r->trouble
	       : r->diffs > 0 ? DIFF_EXIT_DIFFERENT
			      : DIFF_EXIT_SAME;
}

int cli_cmd_diff(struct cli_args *args)
{
	struct diff_run r = {.args = args};
	int status = cli_replica_open(args, args->argv[0], 0, &r.a);
	if (status == 0)
		status = cli_replica_open(args, args->argv[1], 0, &r.b);
	if (status == 0)
		status = diff_run(&r);
	free(r.one_sided);
	replica_close(r.a);
	replica_close(r.b);
	return cli_output_finish(args, status);
}
