/* SPDX-License-Identifier: MIT */
/* cli_resolve.c - `flockd resolve`: settle conflict copies in bulk
 * (tui/sync/resolve.h): each key keeps the version asked for, installed
 * atomically under its lock before any copy is removed. */
#include "cli/cli_sync.h"

#include "cli/cli_common.h"
#include "cli/cli_output.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "common/textsafe.h"
#include "sync/resolve.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct resolve_run {
	struct cli_args *args;
	struct resolve_policy policy;
	const struct conflict_group *g;
	size_t removed, left;
	size_t stuck;         /* copies the plan settles that stayed */
	int status;           /* of the first failure */
	json_t *copies;       /* --json: this key's copies */
	int copy_found;       /* --keep COPY: some group holds it */
};

static const char *removal_word(enum resolve_removal r)
{
	return r == RESOLVE_DROP ? "drop"
	       : r == RESOLVE_DROP_EQUAL ? "drop-if-equal" : "keep";
}

/* Why a copy the plan settles stays: words, and the error it stands
 * for (for the exit status). */
/* The error a copy that stayed is reported with (its reason is
 * resolve_kept_why's): a lock is a timeout, a change a conflict. */
static int kept_error(int outcome)
{
	switch (outcome) {
	case LEFTOVER_KEPT:
		return FLOCKD_ETIMEOUT;
	case LEFTOVER_KEPT_CHANGED:
	case LEFTOVER_KEPT_DIFFERENT:
		return FLOCKD_ECONFLICT;
	default:
		return outcome;
	}
}

static void failed(struct resolve_run *r, int status)
{
	if (r->status == 0)
		r->status = status;
}

/* One copy's removal (resolve_apply's callback). */
static void copy_done(const struct resolve_copy_result *c, void *ctx)
{
	struct resolve_run *r = ctx;
	int gone = c->removed || c->outcome == LEFTOVER_KEPT_GONE;
	const char *what = gone ? "removed" : NULL;
	char kept[96]; /* what, for a copy that stayed */
	if (gone) {
		r->removed++;
	} else {
		const char *why = resolve_kept_why(c->outcome);
		char step[128];
		snprintf(kept, sizeof kept, "kept: %s",
			 why ? why : "it could not be removed");
		what = kept;
		int err = kept_error(c->outcome);
		r->left++;
		r->stuck++;
		snprintf(step, sizeof step, "copy %s",
			 err == c->outcome ? "not removed" : what);
		failed(r, cli_error(r->args, r->g->table, c->copy->f->name,
				    err, step));
	}
	if (r->copies != NULL) {
		json_t *o = json_object();
		jsonfmt_set_name(o, "name", c->copy->f->name);
		json_object_set_new(o, "removal",
				    json_string(removal_word(c->removal)));
		json_object_set_new(o, "removed", json_boolean(gone));
		json_object_set_new(o, "outcome", json_string(what));
		json_array_append_new(r->copies, o);
	}
}

/* RESULT TABLE KEY ACTION CHOSEN REMOVED LEFT */
static void key_record(struct resolve_run *r, const struct resolve_plan *p,
		       const char *result, json_t *keys)
{
	struct cli_args *args = r->args;
	const struct conflict_group *g = r->g;
	char *chosen = NULL;
	if (p->action == RESOLVE_INSTALL)
		chosen = strdup(g->copies[p->chosen].f->name);
	else if (p->action == RESOLVE_KEEP && asprintf(&chosen, "%s.kv",
						       g->key) < 0)
		chosen = NULL;
	if (keys != NULL) {
		json_t *o = json_object();
		json_object_set_new(o, "result", json_string(result));
		jsonfmt_set_name(o, "table", g->table);
		jsonfmt_set_name(o, "key", g->key);
		json_object_set_new(o, "action", json_string(
			resolve_action_name(p->action)));
		if (chosen != NULL)
			jsonfmt_set_name(o, "chosen", chosen);
		else
			json_object_set_new(o, "chosen", json_null());
		if (*p->why)
			json_object_set_new(o, "why", json_string(p->why));
		json_object_set_new(o, "removed", json_integer(
			(json_int_t)r->removed));
		json_object_set_new(o, "left", json_integer((json_int_t)r->left));
		json_object_set_new(o, "copies", r->copies);
		r->copies = NULL;
		json_array_append_new(keys, o);
	} else {
		char removed[24], left[24];
		snprintf(removed, sizeof removed, "%zu", r->removed);
		snprintf(left, sizeof left, "%zu", r->left);
		if (cli_field_word(args, result) == 0 &&
		    cli_field_name(args, g->table) == 0 &&
		    cli_field_name(args, g->key) == 0 &&
		    cli_field_word(args, resolve_action_name(p->action)) == 0 &&
		    (chosen ? cli_field_name(args, chosen)
			    : cli_field_word(args, "-")) == 0 &&
		    cli_field_word(args, removed) == 0 &&
		    cli_field_word(args, left) == 0)
			cli_record_end(args);
	}
	free(chosen);
}

/* Plan a dry run's removals as if each had gone through. */
static void dry_copies(struct resolve_run *r, const struct resolve_plan *p)
{
	for (size_t i = 0; i < r->g->ncopies; i++) {
		if (p->removal[i] == RESOLVE_LEAVE) {
			r->left++;
			continue;
		}
		r->removed++;
		if (r->copies != NULL) {
			json_t *o = json_object();
			jsonfmt_set_name(o, "name", r->g->copies[i].f->name);
			json_object_set_new(o, "removal", json_string(
				removal_word(p->removal[i])));
			json_object_set_new(o, "removed", json_false());
			json_array_append_new(r->copies, o);
		}
	}
}

static const char *apply_group(struct resolve_run *r, flockd_db *db,
			       const struct resolve_plan *p)
{
	if (p->action == RESOLVE_REFUSED) {
		failed(r, cli_error(r->args, r->g->table, r->g->key,
				    FLOCKD_ENOTFOUND, p->why));
		return "refused";
	}
	if (p->action == RESOLVE_NOTHING)
		return "nothing";
	if (r->args->dry_run) {
		dry_copies(r, p);
		return "dry-run";
	}
	flockd_table *t;
	int err = flockd_table_open(db, r->g->table, 0, &t);
	const char *step = "open table";
	if (err == 0) {
		err = resolve_apply(t, r->g, p, copy_done, r, &step);
		flockd_table_close(t);
	}
	if (err != 0) {
		failed(r, cli_error(r->args, r->g->table, r->g->key, err, step));
		return "failed";
	}
	for (size_t i = 0; i < r->g->ncopies; i++)
		r->left += p->removal[i] == RESOLVE_LEAVE;
	return r->stuck > 0 ? "partial" : "done";
}

static void resolve_group(struct resolve_run *r, flockd_db *db,
			  const struct conflict_group *g, json_t *keys)
{
	struct resolve_plan plan;
	r->g = g;
	r->removed = r->left = r->stuck = 0;
	if (resolve_plan_group(g, &r->policy, &plan) != 0) {
		failed(r, cli_error(r->args, g->table, g->key, ENOMEM, NULL));
		return;
	}
	int copy_named = r->policy.keep == RESOLVE_KEEP_COPY &&
			 plan.action == RESOLVE_NOTHING;
	if (!copy_named) {
		r->copy_found |= r->policy.keep == RESOLVE_KEEP_COPY;
		if (keys != NULL)
			r->copies = json_array();
		const char *result = apply_group(r, db, &plan);
		/* nothing left to do for a key with no identical copy
		 * (--drop-identical alone) is not a failure */
		key_record(r, &plan, result, keys);
		json_decref(r->copies);
		r->copies = NULL;
	}
	resolve_plan_free(&plan);
}

int cli_cmd_resolve(struct cli_args *args)
{
	if (args->keep == NULL && !args->drop_identical)
		return cli_usage(args, "needs --keep VERSION or "
				 "--drop-identical");
	struct resolve_run r = {.args = args};
	r.policy.drop_identical = args->drop_identical;
	if (args->keep != NULL)
		resolve_keep_parse(args->keep, &r.policy);
	flockd_db *db = NULL;
	int status = cli_open_db(args, args->argv[0],
				 FLOCKD_OPEN_NOCREATE |
					 (args->dry_run ? FLOCKD_OPEN_READONLY
							: 0),
				 &db);
	if (status != 0)
		return status;
	struct conflict_set set;
	int err = cli_conflicts_find(args, db, &set);
	if (err != 0) {
		flockd_close(db);
		return cli_error_path(args, args->argv[0], err, NULL);
	}
	json_t *keys = args->json ? json_array() : NULL;
	if (!args->json) {
		static const char *const head[] = {"RESULT", "TABLE", "KEY",
						   "ACTION", "CHOSEN",
						   "REMOVED", "LEFT"};
		cli_headings(args, head, 7);
	}
	for (size_t i = 0; i < set.n; i++)
		resolve_group(&r, db, &set.groups[i], keys);
	if (r.policy.keep == RESOLVE_KEEP_COPY && !r.copy_found) {
		char *shown = textsafe_name_str(args->keep);
		cli_message(args, "--keep %s: no conflict copy has this name",
			    shown ? shown : "?");
		free(shown);
		failed(&r, cli_status(args, FLOCKD_ENOTFOUND));
	}
	if (keys != NULL) {
		json_t *doc = cli_json_object();
		json_object_set_new(doc, "dry_run", json_boolean(args->dry_run));
		json_object_set_new(doc, "keys", keys);
		cli_json_print(args, doc);
	}
	if (set.n == 0 && !args->json)
		cli_note(args, "no conflict copies found");
	conflict_set_free(&set);
	flockd_close(db);
	return r.status;
}
