/* cmd_locks.c - `flockd locks`: who holds locks on a database's files. */
#include "inspect/inspect_cli.h"

#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "inspect/inspect_cmd.h"
#include "inspect/inspect_text.h"
#include "inspect/lock_holders.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define LOCKS_SCOPE                                                         \
	"this machine's holders only (from /proc/locks): locks held by "   \
	"other NFS clients are not shown, and holders in other PID "       \
	"namespaces show no pid"

static void locks_help(FILE *out)
{
	fputs("Usage: flockd locks [-t TABLE] [--json] DIR\n"
	      "List every lock now held on (or waited for on) a key file or\n"
	      "temp file of the database in DIR: table, key, shared or\n"
	      "exclusive, lock type (flock, posix, ofd), process id and\n"
	      "command name.\n"
	      "\n"
	      "This machine's holders only: the list comes from /proc/locks,\n"
	      "which does not show locks that other NFS clients hold; a\n"
	      "holder in another PID namespace shows no pid (-) or command.\n"
	      "\n"
	      "  -t, --table TABLE  only this table (\"\" is the root table)\n"
	      "      --json         one JSON object: {\"scope\", \"locks\": [...]}\n"
	      "  -h, --help         this help\n"
	      "\n"
	      "Exit status: 0 listed (even when nothing is locked), 3 no such\n"
	      "table, 8 /proc/locks is missing (not Linux, or /proc not\n"
	      "mounted), 1 other errors, 2 usage.\n",
	      out);
}

static const char *holder_file_kind(enum flockd_entry_kind kind)
{
	/* the classifier's kind name, as in check, ls and the browser */
	return flockd_entry_kind_name(kind);
}

static json_t *holders_json(const struct lock_holders *h)
{
	json_t *doc = json_object(), *arr = json_array();
	json_object_set_new(doc, "scope", json_string(LOCKS_SCOPE));
	for (size_t i = 0; i < h->n; i++) {
		const struct lock_holder *x = &h->v[i];
		json_t *o = json_object();
		jsonfmt_set_name(o, "table", x->table);
		if (x->key != NULL)
			jsonfmt_set_name(o, "key", x->key);
		else
			json_object_set_new(o, "key", json_null());
		jsonfmt_set_name(o, "file", x->name);
		json_object_set_new(o, "file_kind",
				    json_string(holder_file_kind(x->kind)));
		json_object_set_new(o, "state", json_string(x->lock.blocked
							? "waiting" : "held"));
		json_object_set_new(o, "mode", json_string(proc_lock_mode_name(
							x->lock.access)));
		json_object_set_new(o, "type", json_string(proc_lock_class_name(
							x->lock.cls)));
		json_object_set_new(o, "mandatory",
				    json_boolean(x->lock.mandatory));
		json_object_set_new(o, "pid", x->lock.pid > 0
					     ? json_integer(x->lock.pid)
					     : json_null());
		if (x->comm[0] != '\0')
			jsonfmt_set_name(o, "command", x->comm);
		else
			json_object_set_new(o, "command", json_null());
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "locks", arr);
	return doc;
}

static int holders_text(const struct lock_holders *h, FILE *out)
{
	fprintf(out, "# %s\n", LOCKS_SCOPE);
	if (h->n == 0) {
		fputs("# no locks are held on this database's files\n", out);
		return 0;
	}
	struct text_table t;
	text_table_init(&t, 8);
	const char *head[] = {"TABLE", "KEY", "STATE", "MODE",
			      "TYPE", "PID", "COMMAND", "FILE"};
	int err = text_table_add(&t, head);
	for (size_t i = 0; err == 0 && i < h->n; i++) {
		const struct lock_holder *x = &h->v[i];
		char pid[32], type[32], file[64];
		snprintf(pid, sizeof pid, "%ld", x->lock.pid);
		snprintf(type, sizeof type, "%s%s",
			 proc_lock_class_name(x->lock.cls),
			 x->lock.mandatory ? ",mandatory" : "");
		char *tab = inspect_esc(inspect_table_label(x->table));
		char *key = inspect_esc(x->key ? x->key : "-");
		char *comm = inspect_esc(x->comm[0] ? x->comm : "?");
		char *name = inspect_esc(x->name);
		snprintf(file, sizeof file, "(%s)", holder_file_kind(x->kind));
		char *filecol = malloc(strlen(name) + strlen(file) + 2);
		if (filecol != NULL)
			sprintf(filecol, "%s %s", name, file);
		const char *row[] = {tab, key,
				     x->lock.blocked ? "waiting" : "held",
				     proc_lock_mode_name(x->lock.access), type,
				     x->lock.pid > 0 ? pid : "-", comm,
				     filecol ? filecol : name};
		err = text_table_add(&t, row);
		free(filecol);
		inspect_esc_free(tab);
		inspect_esc_free(key);
		inspect_esc_free(comm);
		inspect_esc_free(name);
	}
	text_table_print(&t, out);
	text_table_done(&t);
	return err;
}

/* Collect the holders of table `only` (or of every table); returns the
 * exit status so far, printing a line for each table that fails. */
static int collect_holders(const char *cmd, flockd_db *db, const char *only,
			   const struct proc_locks *locks,
			   struct lock_holders *holders)
{
	char **names = NULL;
	size_t count = 0;
	char *one[1] = {(char *)only};
	int err = 0;
	if (only != NULL) {
		names = one;
		count = 1;
	} else if ((err = flockd_tables(db, &names, &count)) != 0) {
		inspect_err(cmd, "listing the tables: %s", flockd_strerror(err));
		return exit_code_for_error(err);
	}
	int status = EXIT_OK;
	for (size_t i = 0; i < count; i++) {
		flockd_table *t;
		err = flockd_table_open(db, names[i], 0, &t);
		if (err == 0) {
			err = lock_holders_collect(t, locks, PROC_ROOT, holders);
			flockd_table_close(t);
		}
		if (err != 0) {
			char *n = inspect_esc(inspect_table_label(names[i]));
			inspect_err(cmd, "table %s: %s", n,
				    flockd_strerror(err));
			inspect_esc_free(n);
			status = exit_code_for_error(err);
		}
	}
	if (names != one)
		flockd_names_free(names, count);
	return status;
}

int inspect_cmd_locks(int argc, char **argv)
{
	static const struct option opts[] = {
		{"table", required_argument, NULL, 't'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *cmd = "locks";
	const char *only = NULL;
	int json = 0, c;
	inspect_getopt_reset();
	while ((c = getopt_long(argc, argv, ":t:h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			only = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			locks_help(stdout);
			return EXIT_OK;
		default:
			return inspect_bad_option(cmd, argv, c);
		}
	}
	if (argc - optind != 1)
		return inspect_usage_error(cmd, argc - optind < 1
				? "missing the database directory"
				: "too many arguments");
	struct proc_locks locks;
	int err = proc_locks_load(PROC_LOCKS_PATH, &locks);
	if (err != 0) {
		if (err == ENOENT)
			inspect_err(cmd, "cannot list lock holders: %s is "
				    "missing (not Linux, or /proc is not "
				    "mounted)", PROC_LOCKS_PATH);
		else
			inspect_err(cmd, "cannot read %s: %s", PROC_LOCKS_PATH,
				    flockd_strerror(err));
		return err == ENOENT ? EXIT_UNSUPPORTED : EXIT_OTHER;
	}
	flockd_db *db;
	if ((err = inspect_open_db(cmd, argv[optind], FLOCKD_OPEN_READONLY,
				   INSPECT_DEFAULT_TIMEOUT_MS, &db)) != 0) {
		proc_locks_free(&locks);
		return exit_code_for_error(err);
	}
	struct lock_holders holders = {0};
	int status = collect_holders(cmd, db, only, &locks, &holders);
	/* a missing -t table is the answer; other tables' trouble is not */
	if (only == NULL || status == EXIT_OK) {
		err = json ? (jsonfmt_print(holders_json(&holders), stdout)
			      ? EIO : 0)
			   : holders_text(&holders, stdout);
		if (err != 0 || fflush(stdout) != 0) {
			inspect_err(cmd, "writing the list: %s",
				    flockd_strerror(err ? err : EIO));
			status = EXIT_OTHER;
		}
	}
	lock_holders_free(&holders);
	flockd_close(db);
	proc_locks_free(&locks);
	return status;
}
