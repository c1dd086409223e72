/* SPDX-License-Identifier: MIT */
/* cli_conflicts.c - `flockd conflicts`: each key's conflict copies (what
 * Syncthing, unison, Dropbox and Nextcloud leave), with who made each and
 * whether it holds the key's bytes (tui/sync/conflicts.h). */
#include "cli/cli_sync.h"

#include "cli/cli_common.h"
#include "cli/cli_output.h"
#include "common/jsonfmt.h"
#include "inspect/proc_locks.h"
#include "sync/conflicts.h"

#include <inttypes.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* conflicts' statuses, as check's: 0 none, 1 found, 2+ trouble */
enum { CONFLICTS_NONE = 0, CONFLICTS_FOUND = 1 };

static const char *same_word(int identical)
{
	return identical == 1 ? "same" : identical == 0 ? "differs" : "-";
}

/* A name field, or "-" when the name says nothing. */
static int opt_name(struct cli_args *args, const char *name)
{
	return name != NULL ? cli_field_name(args, name)
			    : cli_field_word(args, "-");
}

static int facts(struct cli_args *args, const struct flockd_stat *st,
		 int have)
{
	char size[24] = "-", mtime[CLI_TIME_LEN] = "-";
	if (have) {
		snprintf(size, sizeof size, "%" PRIu64, st->size);
		cli_format_time(&st->mtime, mtime, sizeof mtime);
	}
	return cli_field_word(args, size) || cli_field_word(args, mtime);
}

/* TABLE KEY FILE KIND SIZE MTIME WHO WHEN SAME: the key's own record,
 * then one per copy. */
static int group_records(struct cli_args *args, const struct conflict_group *g)
{
	size_t kl = strlen(g->key);
	char *file = malloc(kl + 4);
	if (file == NULL)
		return -1;
	memcpy(file, g->key, kl);
	memcpy(file + kl, ".kv", 4);
	int rc = cli_field_name(args, g->table) ||
		 cli_field_name(args, g->key) || cli_field_name(args, file) ||
		 cli_field_word(args, g->key_exists ? "key" : "missing") ||
		 facts(args, &g->key_st, g->key_exists) ||
		 cli_field_word(args, "-") || cli_field_word(args, "-") ||
		 cli_field_word(args, "-") || cli_record_end(args);
	free(file);
	for (size_t i = 0; rc == 0 && i < g->ncopies; i++) {
		const struct conflict_copy *c = &g->copies[i];
		rc = cli_field_name(args, g->table) ||
		     cli_field_name(args, g->key) ||
		     cli_field_name(args, c->f->name) ||
		     cli_field_word(args, flockd_entry_kind_name(c->f->entry)) ||
		     facts(args, &c->st, 1) || opt_name(args, c->f->who) ||
		     opt_name(args, c->f->when) ||
		     cli_field_word(args, same_word(c->identical)) ||
		     cli_record_end(args);
	}
	return rc ? -1 : 0;
}

static void set_facts(json_t *o, const struct flockd_stat *st)
{
	json_object_set_new(o, "size", json_integer((json_int_t)st->size));
	cli_json_set_time(o, "mtime", &st->mtime);
}

static json_t *group_json(const struct conflict_group *g)
{
	json_t *o = json_object(), *copies = json_array();
	jsonfmt_set_name(o, "table", g->table);
	jsonfmt_set_name(o, "key", g->key);
	json_object_set_new(o, "key_exists", json_boolean(g->key_exists));
	if (g->key_exists)
		set_facts(o, &g->key_st);
	for (size_t i = 0; i < g->ncopies; i++) {
		const struct conflict_copy *c = &g->copies[i];
		json_t *j = json_object();
		jsonfmt_set_name(j, "name", c->f->name);
		json_object_set_new(j, "kind", json_string(
			flockd_entry_kind_name(c->f->entry)));
		set_facts(j, &c->st);
		if (c->f->who != NULL)
			jsonfmt_set_name(j, "who", c->f->who);
		if (c->f->when != NULL)
			jsonfmt_set_name(j, "when", c->f->when);
		json_object_set_new(j, "identical",
				    c->identical < 0 ? json_null()
						     : json_boolean(c->identical));
		json_array_append_new(copies, j);
	}
	json_object_set_new(o, "copies", copies);
	return o;
}

/* Tables that could not be walked, and copies that could not be
 * compared: one error line each; the status of the first. */
static int troubles(struct cli_args *args, const struct conflict_set *s)
{
	int status = 0;
	for (size_t i = 0; i < s->report.ntroubles; i++) {
		int one = cli_error(args, s->report.troubles[i].table, NULL,
				    s->report.troubles[i].err,
				    s->report.troubles[i].step);
		status = status ? status : one;
	}
	for (size_t g = 0; g < s->n; g++)
		for (size_t i = 0; i < s->groups[g].ncopies; i++) {
			const struct conflict_copy *c = &s->groups[g].copies[i];
			if (c->err == 0)
				continue;
			int one = cli_error(args, s->groups[g].table, c->f->name,
					    c->err, "compare with the key");
			status = status ? status : one;
		}
	return status;
}

/* The groups of the database's tables (or -t's), of KEYs if given. */
int cli_conflicts_find(struct cli_args *args, flockd_db *db,
		       struct conflict_set *set)
{
	struct proc_locks locks;
	int have_locks = proc_locks_load(PROC_LOCKS_PATH, &locks) == 0;
	struct leftover_opts lo;
	leftover_opts_init(&lo, have_locks ? &locks : NULL);
	const char *root = "";
	const char *const *tables = args->tables;
	size_t ntables = args->n_tables;
	if (args->argc > 1 && ntables == 0) { /* keys are the root's */
		tables = &root;
		ntables = 1;
	}
	int err = conflicts_find(db, tables, ntables,
				 (const char *const *)args->argv + 1,
				 (size_t)args->argc - 1, &lo, set);
	if (have_locks)
		proc_locks_free(&locks);
	return err;
}

int cli_cmd_conflicts(struct cli_args *args)
{
	flockd_db *db = NULL;
	int status = cli_open_db(args, args->argv[0],
				 FLOCKD_OPEN_READONLY | FLOCKD_OPEN_NOCREATE,
				 &db);
	if (status != 0)
		return status;
	struct conflict_set set;
	int err = cli_conflicts_find(args, db, &set);
	if (err != 0) {
		status = cli_error_path(args, args->argv[0], err, NULL);
		flockd_close(db);
		return status;
	}
	status = troubles(args, &set);
	if (args->json) {
		json_t *doc = cli_json_object(), *keys = json_array();
		for (size_t i = 0; i < set.n; i++)
			json_array_append_new(keys, group_json(&set.groups[i]));
		json_object_set_new(doc, "keys", keys);
		json_object_set_new(doc, "partial",
				    json_integer((json_int_t)set.partial));
		cli_json_print(args, doc);
	} else if (set.n == 0) {
		cli_note(args, "no conflict copies found");
	} else {
		static const char *const head[] = {"TABLE", "KEY", "FILE",
						   "KIND", "SIZE", "MTIME",
						   "WHO", "WHEN", "SAME"};
		cli_headings(args, head, 9);
		for (size_t i = 0; i < set.n; i++)
			if (group_records(args, &set.groups[i]) != 0)
				break;
	}
	if (set.partial > 0)
		cli_note(args, "%zu conflict copies have a name cut short by "
			 "their tool: the key is not known (see flockd check)",
			 set.partial);
	if (status == 0)
		status = set.n > 0 ? CONFLICTS_FOUND : CONFLICTS_NONE;
	conflict_set_free(&set);
	flockd_close(db);
	return status;
}
