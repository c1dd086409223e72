/* SPDX-License-Identifier: MIT */
/* cli_locks.c - `flockd locks`: who holds locks on a database's files
 * (tui/inspect/lock_holders.h), as records or one JSON document. */
#include "cli/cli_inspect.h"

#include "cli/cli_common.h"
#include "cli/cli_output.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "inspect/lock_holders.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define LOCKS_SCOPE                                                         \
	"this machine's holders only (from /proc/locks): locks held by "   \
	"other NFS clients are not shown, and holders in other PID "       \
	"namespaces show no pid"

static json_t *holder_json(const struct lock_holder *x)
{
	json_t *o = json_object();

	jsonfmt_set_name(o, "table", x->table);
	if (x->key != NULL)
		jsonfmt_set_name(o, "key", x->key);
	else
		json_object_set_new(o, "key", json_null());
	jsonfmt_set_name(o, "file", x->name);
	json_object_set_new(o, "file_kind",
			    json_string(flockd_entry_kind_name(x->kind)));
	json_object_set_new(o, "state",
			    json_string(x->lock.blocked ? "waiting" : "held"));
	json_object_set_new(o, "mode", json_string(proc_lock_mode_name(
						x->lock.access)));
	json_object_set_new(o, "type", json_string(proc_lock_class_name(
						x->lock.cls)));
	json_object_set_new(o, "mandatory", json_boolean(x->lock.mandatory));
	json_object_set_new(o, "pid", x->lock.pid > 0
					      ? json_integer(x->lock.pid)
					      : json_null());
	if (x->comm[0] != '\0')
		jsonfmt_set_name(o, "command", x->comm);
	else
		json_object_set_new(o, "command", json_null());
	return o;
}

static json_t *holders_json(const struct lock_holders *h)
{
	json_t *doc = cli_json_object(), *arr = json_array();

	json_object_set_new(doc, "scope", json_string(LOCKS_SCOPE));
	for (size_t i = 0; i < h->n; i++)
		json_array_append_new(arr, holder_json(&h->v[i]));
	json_object_set_new(doc, "locks", arr);
	return doc;
}

/* One record: TABLE KEY STATE MODE TYPE PID COMMAND FILE KIND. */
static int holder_record(struct cli_args *args, const struct lock_holder *x)
{
	char pid[32], type[32];

	snprintf(pid, sizeof pid, "%ld", x->lock.pid);
	snprintf(type, sizeof type, "%s%s", proc_lock_class_name(x->lock.cls),
		 x->lock.mandatory ? ",mandatory" : "");
	if (cli_field_name(args, x->table) ||
	    cli_field_name(args, x->key ? x->key : "") ||
	    cli_field_word(args, x->lock.blocked ? "waiting" : "held") ||
	    cli_field_word(args, proc_lock_mode_name(x->lock.access)) ||
	    cli_field_word(args, type) ||
	    cli_field_word(args, x->lock.pid > 0 ? pid : "-"))
		return -1;
	if ((x->comm[0] ? cli_field_name(args, x->comm)
			: cli_field_word(args, "-")) ||
	    cli_field_name(args, x->name) ||
	    cli_field_word(args, flockd_entry_kind_name(x->kind)) ||
	    cli_record_end(args))
		return -1;
	return 0;
}

static void holders_text(struct cli_args *args, const struct lock_holders *h)
{
	static const char *const head[] = {"TABLE", "KEY",  "STATE",
					   "MODE",  "TYPE", "PID",
					   "COMMAND", "FILE", "KIND"};

	cli_note(args, "%s", LOCKS_SCOPE);
	if (h->n == 0) {
		cli_note(args, "no locks are held on this database's files");
		return;
	}
	cli_headings(args, head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < h->n; i++)
		if (holder_record(args, &h->v[i]) != 0)
			return;
}

/* Collect the holders of the -t table (or of every table); returns the
 * exit status so far, printing a line for each table that fails. */
static int collect_holders(struct cli_args *args, flockd_db *db,
			   const struct proc_locks *locks,
			   struct lock_holders *holders)
{
	char *one[1] = {(char *)cli_table_arg(args)};
	char **names = one;
	size_t count = 1;
	int err, status = EXIT_OK;

	if (args->n_tables == 0 &&
	    (err = flockd_tables(db, &names, &count)) != 0)
		return cli_error_path(args, args->argv[0], err, "list tables");
	for (size_t i = 0; i < count; i++) {
		flockd_table *t;
		err = flockd_table_open(db, names[i], 0, &t);
		if (err == 0) {
			err = lock_holders_collect(t, locks, PROC_ROOT, holders);
			flockd_table_close(t);
		}
		if (err != 0 && status == EXIT_OK)
			status = cli_error(args, names[i], NULL, err, NULL);
		else if (err != 0)
			cli_error(args, names[i], NULL, err, NULL);
	}
	if (names != one)
		flockd_names_free(names, count);
	return status;
}

int cli_cmd_locks(struct cli_args *args)
{
	struct proc_locks locks;
	int err = proc_locks_load(PROC_LOCKS_PATH, &locks);

	if (err == ENOENT) {
		cli_message(args, "cannot list lock holders: %s is missing "
			    "(not Linux, or /proc is not mounted)",
			    PROC_LOCKS_PATH);
		return EXIT_UNSUPPORTED;
	}
	if (err != 0)
		return cli_error_path(args, PROC_LOCKS_PATH, err, "read lock table");
	flockd_db *db = NULL;
	int status = cli_open_db(args, args->argv[0],
				 FLOCKD_OPEN_READONLY | FLOCKD_OPEN_NOCREATE,
				 &db);
	struct lock_holders holders = {0};
	if (status == 0)
		status = collect_holders(args, db, &locks, &holders);
	/* a missing -t table is the answer; other tables' trouble is not */
	if (db != NULL && (args->n_tables == 0 || status == EXIT_OK)) {
		if (args->json)
			cli_json_print(args, holders_json(&holders));
		else
			holders_text(args, &holders);
	}
	lock_holders_free(&holders);
	flockd_close(db);
	proc_locks_free(&locks);
	return cli_output_finish(args, status);
}
