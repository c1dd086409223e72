/* SPDX-License-Identifier: MIT */
/* cli_sync_cmd.c - `flockd sync --from A --to B`: repair a replica key by
 * key through the store (tui/sync/sync_plan.h): what differs or is
 * missing in B is copied from A with its modification time, atomically,
 * under B's locks and durably; with --delete what is only in B goes. */
#include "cli/cli_sync.h"

#include "cli/cli_common.h"
#include "cli/cli_output.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "common/store_warn.h"
#include "sync/sync_plan.h"

#include <inttypes.h>
#include <signal.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sync_run {
	struct cli_args *args;
	struct replica *from, *to;
	struct replica_writer *w;
	struct cli_json_stream js;
	int status;            /* of the first failure */
	size_t done[4], failed, skipped, conflicts;
	unsigned warnings;     /* FLOCKD_WARN_OWNER/MODE of any write */
	size_t warned;         /* how many writes had one */
};

/* ACTION TABLE KEY SIZE RESULT, or a JSON element. */
static void change(struct sync_run *s, enum sync_action act,
		   const char *table, const char *key, uint64_t size,
		   int have_size, const char *result, int err)
{
	struct cli_args *args = s->args;
	char sz[24] = "-";
	if (have_size)
		snprintf(sz, sizeof sz, "%" PRIu64, size);
	const char *action = act == SYNC_NONE ? "skip" : sync_action_name(act);
	if (args->json) {
		json_t *o = json_object();
		json_object_set_new(o, "action", json_string(action));
		jsonfmt_set_name(o, "table", table);
		jsonfmt_set_name(o, "key", key);
		if (have_size)
			json_object_set_new(o, "size", json_integer(
				(json_int_t)size));
		json_object_set_new(o, "result", json_string(result));
		if (err != 0)
			json_object_set_new(o, "error", json_string(
				flockd_strerror(err)));
		cli_json_stream_add(args, &s->js, o);
		return;
	}
	if (cli_field_word(args, action) == 0 &&
	    cli_field_name(args, table) == 0 &&
	    cli_field_name(args, key) == 0 && cli_field_word(args, sz) == 0 &&
	    cli_field_word(args, result) == 0)
		cli_record_end(args);
}

static void failed(struct sync_run *s, int status)
{
	s->failed++;
	if (s->status == 0)
		s->status = status;
}

/* A write's outcome (from the writer: for a local --to when its batch
 * is installed, for a remote one at once). */
static void written(const struct replica_result *res, void *ctx)
{
	struct sync_run *s = ctx;
	enum sync_action act = res->is_delete ? SYNC_DELETE
			       : res->mode == FLOCKD_PUT_CREATE ? SYNC_CREATE
								 : SYNC_UPDATE;
	if (res->err != 0) {
		if (res->messages != NULL)
			cli_replica_messages(s->args, s->to);
		failed(s, cli_error(s->args, res->table, res->key, res->err,
				    res->step));
		change(s, act, res->table, res->key, res->size,
		       !res->is_delete, "failed", res->err);
		return;
	}
	if (res->warnings & (FLOCKD_WARN_OWNER | FLOCKD_WARN_MODE)) {
		s->warnings |= res->warnings;
		s->warned++;
	}
	s->done[act]++;
	change(s, act, res->table, res->key, res->size, !res->is_delete,
	       "done", 0);
}

/* What replaces could not keep (owner, mode), said once for them all. */
static void warn_once(struct sync_run *s)
{
	char shown[64], text[256];
	snprintf(shown, sizeof shown, "%zu replaced key%s", s->warned,
		 s->warned == 1 ? "" : "s");
	if (store_warn_text(s->warnings, shown, text, sizeof text))
		cli_message(s->args, "%s", text);
}

/* One record of the comparison of --from (A) with --to (B). */
static void sync_one(struct sync_run *s, const struct rc_record *rec,
		     const struct sync_opts *o)
{
	struct cli_args *args = s->args;
	if (rec->status == RC_TROUBLE && rec->err_side == 0) {
		failed(s, cli_error(args, rec->table, NULL, rec->err, NULL));
		return;
	}
	if (rec->status == RC_TROUBLE) {
		int side = rec->err_side == 'A';
		failed(s, cli_replica_error(
			args, side ? s->from : s->to, side ? "in --from"
							   : "in --to",
			rec->table,
			rec->kind == FLOCKD_ENTRY_TABLE ? NULL : rec->name,
			rec->err, rec->step));
		return;
	}
	const char *why;
	enum sync_action act = sync_plan_record(rec, o, &why);
	if (rec->status == RC_CONFLICT) {
		s->conflicts++;
		return;
	}
	if (act == SYNC_NONE && *why != '\0') {
		s->skipped++;
		cli_error(args, rec->table, rec->name, FLOCKD_ECONFLICT, why);
		change(s, act, rec->table, rec->name, rec->a.st.size,
		       rec->a.have_stat, "suspect", 0);
		if (s->status == 0)
			s->status = EXIT_OTHER;
		return;
	}
	if (act == SYNC_NONE)
		return;
	if (args->dry_run) {
		s->done[act]++;
		change(s, act, rec->table, rec->name, rec->a.st.size,
		       act != SYNC_DELETE && rec->a.have_stat, "dry-run", 0);
		return;
	}
	if (act == SYNC_DELETE) {
		replica_delete(s->w, rec->table, rec->name);
		return;
	}
	const char *step;
	int err = sync_copy(s->from, s->w, rec, act, &step);
	if (err != 0) {
		failed(s, cli_replica_error(args, s->from, "in --from",
					    rec->table, rec->name, err, step));
		change(s, act, rec->table, rec->name, rec->a.st.size, 1,
		       "failed", err);
	}
}

static void sync_start(struct sync_run *s)
{
	struct cli_args *args = s->args;
	static const char *const head[] = {"ACTION", "TABLE", "KEY", "SIZE",
					   "RESULT"};
	if (!args->json) {
		cli_headings(args, head, 5);
		return;
	}
	json_t *doc = cli_json_object();
	jsonfmt_set_name(doc, "from", replica_label(s->from));
	jsonfmt_set_name(doc, "to", replica_label(s->to));
	json_object_set_new(doc, "dry_run", json_boolean(args->dry_run));
	cli_json_stream_begin(args, &s->js, doc, "changes");
}

/* Compare, and copy or delete as each record says. */
static int sync_walk(struct sync_run *s)
{
	struct cli_args *args = s->args;
	const char *root = "";
	struct rc_opts o = {
		.tables = args->tables, .ntables = args->n_tables,
		.keys = (const char *const *)args->argv,
		.nkeys = (size_t)args->argc, .leftovers = 1,
	};
	if (o.nkeys > 0 && o.ntables == 0) {
		o.tables = &root;
		o.ntables = 1;
	}
	struct sync_opts so = {args->only_missing, args->only_differs,
			       args->delete_keys};
	struct replica_compare *c;
	char side;
	const char *why;
	int err = replica_compare_open(s->from, s->to, &o, &c, &side, &why);
	if (err != 0)
		return cli_replica_error(args, side == 'A' ? s->from : s->to,
					 side == 'A' ? "in --from" : "in --to",
					 NULL, NULL, err, why);
	sync_start(s);
	struct rc_record rec;
	while ((err = replica_compare_next(c, &rec)) == 0)
		sync_one(s, &rec, &so);
	if (err != MANIFEST_END) {
		side = replica_compare_failed_side(c);
		failed(s, cli_replica_error(
			args, side == 'A' ? s->from : s->to,
			side == 'A' ? "in --from" : "in --to", NULL, NULL, err,
			NULL));
	}
	replica_compare_close(c);
	return 0;
}

static void summary(const struct sync_run *s)
{
	const struct cli_args *args = s->args;
	cli_note(args, "%s%zu created, %zu updated, %zu deleted, %zu failed, "
		 "%zu skipped", args->dry_run ? "dry run, would be: " : "",
		 s->done[SYNC_CREATE], s->done[SYNC_UPDATE],
		 s->done[SYNC_DELETE], s->failed, s->skipped);
	if (s->conflicts > 0)
		cli_note(args, "%zu conflict copies are not copied: settle them "
			 "with flockd resolve", s->conflicts);
}

int cli_cmd_sync(struct cli_args *args)
{
	if (args->from == NULL || args->to == NULL)
		return cli_usage(args, "needs --from DB and --to DB");
	struct sync_run s = {.args = args};
	int status = cli_replica_open(args, args->from, 0, &s.from);
	if (status == 0)
		status = cli_replica_open(args, args->to, !args->dry_run, &s.to);
	if (status == 0 && replica_is_remote(s.from) &&
	    replica_is_remote(s.to))
		status = cli_usage(args, "--from and --to cannot both be on "
				   "other hosts");
	/* a remote command that dies while we write to it is an error of
	 * that write, not the end of this program */
	struct sigaction old, ign;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	if (status == 0 && !args->dry_run) {
		int err = replica_writer_open(s.to, written, &s, &s.w);
		if (err != 0)
			status = cli_error_path(args, args->to, err, NULL);
	}
	if (status == 0)
		status = sync_walk(&s);
	if (s.w != NULL)
		replica_writer_close(s.w);
	warn_once(&s);
	if (status == 0 && args->json)
		cli_json_stream_end(args, &s.js);
	if (status == 0)
		summary(&s);
	sigaction(SIGPIPE, &old, NULL);
	if (s.from != NULL)
		cli_replica_messages(args, s.from);
	replica_close(s.from);
	replica_close(s.to);
	if (status == 0)
		status = s.status;
	return cli_output_finish(args, status);
}
