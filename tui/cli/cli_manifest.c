/* SPDX-License-Identifier: MIT */
/* cli_manifest.c - `flockd manifest`: one record per key (or, with -a,
 * per entry) with its size, time, mode and content hash, streamed as the
 * walk goes (tui/sync/manifest.h). With -a -z it is what another host's
 * flockd reads to compare (tui/sync/manifest_wire.h). */
#include "cli/cli_sync.h"

#include "cli/cli_common.h"
#include "cli/cli_output.h"
#include "common/jsonfmt.h"
#include "sync/manifest_wire.h"

#include <stdlib.h>
#include <string.h>

struct manifest_run {
	struct cli_args *args;
	struct cli_json_stream js;
	int status;              /* of the first failure, or 0 */
};

/* TABLE KEY SIZE MTIME MODE HASH, or with -a TABLE KIND NAME SIZE MTIME
 * MODE HASH ERROR. */
static int entry_record(struct manifest_run *m, const struct manifest_entry *e,
			const struct manifest_wire_words *w)
{
	struct cli_args *args = m->args;
	if (cli_field_name(args, e->table) != 0)
		return -1;
	if (args->all && cli_field_word(args, flockd_entry_kind_name(e->kind)))
		return -1;
	if (cli_field_name(args, e->name) || cli_field_word(args, w->size) ||
	    cli_field_word(args, w->mtime) || cli_field_word(args, w->mode) ||
	    cli_field_word(args, w->hash))
		return -1;
	if (args->all && cli_field_word(args, w->error))
		return -1;
	return cli_record_end(args);
}

static json_t *entry_json(const struct cli_args *args,
			  const struct manifest_entry *e,
			  const struct manifest_wire_words *w)
{
	json_t *o = json_object();
	jsonfmt_set_name(o, "table", e->table);
	if (args->all)
		json_object_set_new(o, "kind", json_string(
			flockd_entry_kind_name(e->kind)));
	if (e->kind == FLOCKD_ENTRY_KEY) {
		jsonfmt_set_name(o, "key", e->name);
	} else if (e->kind != FLOCKD_ENTRY_TABLE) {
		jsonfmt_set_name(o, "name", e->name);
		if (e->key_len > 0) {
			char *of = strndup(e->name + e->key_off, e->key_len);
			if (of != NULL)
				jsonfmt_set_name(o, "of", of);
			free(of);
		}
	}
	if (e->have_stat) {
		if (e->kind != FLOCKD_ENTRY_TABLE)
			json_object_set_new(o, "size",
					    json_integer((json_int_t)e->st.size));
		cli_json_set_time(o, "mtime", &e->st.mtime);
		json_object_set_new(o, "mode", json_string(w->mode));
	}
	if (e->have_hash)
		json_object_set_new(o, "hash", json_string(w->hash));
	if (e->err != 0)
		json_object_set_new(o, "error", json_string(
			flockd_strerror(e->err)));
	return o;
}

/* An entry that could not be read: one error line, its status kept. */
static void entry_error(struct manifest_run *m, const struct manifest_entry *e)
{
	int is_table = e->kind == FLOCKD_ENTRY_TABLE;
	int status = cli_error(m->args, e->table, is_table ? NULL : e->name,
			       e->err, e->step);
	if (m->status == 0)
		m->status = status;
}

static int one_entry(struct manifest_run *m, const struct manifest_entry *e)
{
	struct cli_args *args = m->args;
	if (e->err != 0)
		entry_error(m, e);
	if (!args->all && e->kind != FLOCKD_ENTRY_KEY)
		return 0;
	struct manifest_wire_words w;
	manifest_wire_fields(e, cli_format_time, &w);
	if (args->json)
		return cli_json_stream_add(args, &m->js, entry_json(args, e, &w));
	return entry_record(m, e, &w);
}

/* -a without --json ends with a record of kind end: a reader tells a
 * whole manifest from one cut short. */
static int end_record(struct cli_args *args, int err)
{
	if (cli_field_name(args, "") || cli_field_word(args, "end") ||
	    cli_field_name(args, ""))
		return -1;
	for (int i = 0; i < 4; i++)
		if (cli_field_word(args, "-"))
			return -1;
	if (cli_field_word(args, manifest_error_name(err)))
		return -1;
	return cli_record_end(args);
}

static void manifest_headings(const struct cli_args *args)
{
	static const char *const plain[] = {"TABLE", "KEY", "SIZE", "MTIME",
					    "MODE", "HASH"};
	static const char *const all[] = {"TABLE", "KIND", "NAME", "SIZE",
					  "MTIME", "MODE", "HASH", "ERROR"};
	if (args->all)
		cli_headings(args, all, 8);
	else
		cli_headings(args, plain, 6);
}

int cli_cmd_manifest(struct cli_args *args)
{
	flockd_db *db = NULL;
	int status = cli_open_db(args, args->argv[0],
				 FLOCKD_OPEN_READONLY | FLOCKD_OPEN_NOCREATE,
				 &db);
	if (status != 0)
		return status;
	struct manifest_opts o = {
		.flags = MANIFEST_HASH | (args->all ? MANIFEST_ALL : 0),
		.tables = args->tables, .ntables = args->n_tables,
		.keys = (const char *const *)args->argv + 1,
		.nkeys = (size_t)args->argc - 1,
	};
	struct manifest *m = NULL;
	int err = manifest_open(db, &o, &m);
	if (err != 0) {
		flockd_close(db);
		return cli_error_path(args, args->argv[0], err, NULL);
	}
	struct manifest_run run = {.args = args};
	if (args->json) {
		json_t *head = cli_json_object();
		json_object_set_new(head, "hash_algorithm",
				    json_string(VHASH_ALGORITHM));
		cli_json_stream_begin(args, &run.js, head, "entries");
	} else {
		manifest_headings(args);
	}
	struct manifest_entry e;
	while ((err = manifest_next(m, &e)) == 0)
		if (one_entry(&run, &e) != 0)
			break;
	if (err == MANIFEST_END)
		err = 0;
	if (err != 0 && run.status == 0)
		run.status = cli_error_path(args, args->argv[0], err, NULL);
	if (args->json)
		cli_json_stream_end(args, &run.js);
	else if (args->all)
		end_record(args, err);
	manifest_close(m);
	flockd_close(db);
	return run.status;
}
