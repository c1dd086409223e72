/* cmd_check.c - `flockd check`: leftovers of writers and sync tools. */
#include "inspect/inspect_cli.h"

#include "common/duration.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "inspect/inspect_cmd.h"
#include "inspect/inspect_text.h"
#include "inspect/leftovers.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* check's exit statuses, as diff(1)'s */
enum { CHECK_CLEAN = 0, CHECK_FOUND = 1, CHECK_TROUBLE = 2 };

static void check_help(FILE *out)
{
	fputs("Usage: flockd check [--json] [--fix] [--older-than DURATION] DIR\n"
	      "Walk every table of the database in DIR and report, each with\n"
	      "its path, age and status, what writers and sync tools left:\n"
	      "  temp, rsync-temp, syncthing-temp, unison-temp\n"
	      "                  a writer's temp file (flockd, Go, rsync,\n"
	      "                  Syncthing, unison), with the cleaning rule's\n"
	      "                  verdict: removable, or kept and why\n"
	      "  syncthing-conflict, unison-conflict, cloud-conflict\n"
	      "                  a conflict copy (Syncthing, unison\n"
	      "                  -copyonconflict, Dropbox/Nextcloud), with its\n"
	      "                  key and who made it when, as its name says\n"
	      "  rsync-backup, unison-backup, syncthing-version\n"
	      "                  an older value kept by a tool\n"
	      "  rsync-dir       rsync's .~tmp~ or .rsync-partial directory\n"
	      "  nfs-silly       an NFS client's .nfsXXXX (deleted, still open)\n"
	      "  other           a file that is none of these (left alone)\n"
	      "  empty-value     a key whose file is empty\n"
	      "  suspect-value   a key with mtime at the epoch: an interrupted\n"
	      "                  rsync --partial may have torn it\n"
	      "  placeholder, abandoned-placeholder\n"
	      "                  the empty mode-0000 file of a create on a\n"
	      "                  file system without hard links; abandoned\n"
	      "                  once unlocked and older than the stale age\n"
	      "  not-regular     NAME.kv that is a symlink, directory, FIFO...\n"
	      "  table-not-dir   NAME.tbl that is not a directory\n"
	      "  unreadable      a key, table or directory this user cannot\n"
	      "                  read\n"
	      "  table-copies    a hidden directory holding table directories\n"
	      "                  (rsync --backup-dir, .stversions, a snapshot):\n"
	      "                  not part of the database, not searched\n"
	      "  bad-table-name  NAME.tbl whose table name (\"..\", \".\") cannot\n"
	      "                  be opened (made by another implementation)\n"
	      "  too-deep        a directory below the walk's depth limit\n"
	      "None of these is a key.\n"
	      "\n"
	      "Cleaning rule: a temp file or placeholder is removable only when\n"
	      "it is older than the stale age AND nobody holds a lock on it\n"
	      "AND it is not the newest temp of a key whose lock is held.\n"
	      "\n"
	      "      --fix                  remove what the rule says is\n"
	      "                             removable, deciding again under\n"
	      "                             the file's own exclusive lock just\n"
	      "                             before; never touches values,\n"
	      "                             conflict copies, backups or\n"
	      "                             directories\n"
	      "      --older-than DURATION  the stale age (default 1h; e.g.\n"
	      "                             30m, 2h, 1d)\n"
	      "      --json                 one JSON object: {\"findings\",\n"
	      "                             \"troubles\"} (see flockd(1))\n"
	      "  -h, --help                 this help\n"
	      "\n"
	      "Exit status: 0 nothing found that needs you (files in use or\n"
	      "younger than the stale age, backups and strangers are shown but\n"
	      "do not count; after --fix, what it removed does not count), 1\n"
	      "findings remain, 2 trouble (a table could not be read, a\n"
	      "removal failed, bad usage, no such directory).\n",
	      out);
}

/* What --fix did to one finding. */
enum fix_outcome { FIX_NONE, FIX_REMOVED, FIX_KEPT, FIX_FAILED };

struct check_fix {
	enum fix_outcome outcome;
	int code;                  /* leftover_remove's result */
	enum clean_verdict verdict; /* LEFTOVER_KEPT: why */
};

struct check_run {
	const char *cmd;
	const struct leftover_report *rep;
	const struct check_fix *fixes; /* NULL without --fix */
	const struct leftover_opts *opts;
};

static const char *fix_text(const struct check_fix *f, char *buf,
			    size_t size)
{
	switch (f->code) {
	case 0:
		return "removed";
	case LEFTOVER_KEPT:
		snprintf(buf, size, "kept: %s", clean_verdict_name(f->verdict));
		return buf;
	case LEFTOVER_KEPT_CHANGED:
		return "kept: the name changed to another file";
	case LEFTOVER_KEPT_GONE:
		return "already gone";
	case LEFTOVER_NOT_CLEANABLE:
		return "-";
	default:
		snprintf(buf, size, "not removed: %s",
			 flockd_strerror(f->code));
		return buf;
	}
}

static int has_fix(const struct check_run *c, size_t i)
{
	return c->fixes != NULL && c->fixes[i].outcome != FIX_NONE;
}

static int print_text(const struct check_run *c, FILE *out)
{
	const struct leftover_report *r = c->rep;
	struct text_table t;
	text_table_init(&t, c->fixes ? 5 : 4);
	const char *head[] = {"KIND", "AGE", "PATH", "STATUS", "FIX"};
	int err = r->n ? text_table_add(&t, head) : 0;
	for (size_t i = 0; err == 0 && i < r->n; i++) {
		const struct leftover *f = &r->v[i];
		char agebuf[32], fixbuf[96], status[1200];
		inspect_format_age(&f->mtime, c->opts->now.tv_sec, agebuf,
				   sizeof agebuf);
		leftover_status(f, c->opts, status, sizeof status);
		char *path = inspect_esc(f->path);
		char *st = inspect_esc(status);
		const char *row[] = {
			leftover_kind_name(f), agebuf, path, st,
			has_fix(c, i) ? fix_text(&c->fixes[i], fixbuf,
						 sizeof fixbuf)
				      : "-"};
		err = text_table_add(&t, row);
		inspect_esc_free(path);
		inspect_esc_free(st);
	}
	text_table_print(&t, out);
	text_table_done(&t);
	if (r->n == 0)
		fputs("no leftovers found\n", out);
	return err;
}

static void set_opt_name(json_t *o, const char *field, const char *v)
{
	if (v != NULL)
		jsonfmt_set_name(o, field, v);
	else
		json_object_set_new(o, field, json_null());
}

static json_t *finding_json(const struct check_run *c, size_t i)
{
	const struct leftover *f = &c->rep->v[i];
	json_t *o = json_object();
	char status[1200];
	json_object_set_new(o, "kind", json_string(leftover_kind_name(f)));
	jsonfmt_set_name(o, "table", f->table);
	jsonfmt_set_name(o, "name", f->name);
	jsonfmt_set_name(o, "path", f->path);
	set_opt_name(o, "key", f->key);
	if (f->key != NULL) {
		json_object_set_new(o, "key_exists", json_boolean(f->key_exists));
		json_object_set_new(o, "key_partial",
				    json_boolean(f->key_partial));
	}
	if (f->kind == LEFTOVER_FILE &&
	    flockd_entry_class_of(f->entry) == FLOCKD_CLASS_CONFLICT) {
		set_opt_name(o, "who", f->who);
		set_opt_name(o, "when", f->when);
	}
	long long a = (long long)c->opts->now.tv_sec - (long long)f->mtime.tv_sec;
	json_object_set_new(o, "age_seconds", json_integer(a < 0 ? 0 : a));
	json_object_set_new(o, "mtime", json_integer(f->mtime.tv_sec));
	json_object_set_new(o, "size", json_integer((json_int_t)f->size));
	json_object_set_new(o, "attention", json_boolean(f->attention));
	if (f->cleanable) {
		json_object_set_new(o, "verdict", json_string(
			clean_verdict_name(f->verdict)));
		json_object_set_new(o, "removable", json_boolean(
			f->verdict == CLEAN_REMOVABLE));
	}
	/* for people: escaped, so always valid UTF-8 */
	leftover_status(f, c->opts, status, sizeof status);
	char *esc = inspect_esc(status);
	json_object_set_new(o, "status", json_string(esc ? esc : "?"));
	inspect_esc_free(esc);
	if (has_fix(c, i)) {
		char fixbuf[96];
		json_object_set_new(o, "removed", json_boolean(
			c->fixes[i].outcome == FIX_REMOVED));
		json_object_set_new(o, "fix", json_string(fix_text(
			&c->fixes[i], fixbuf, sizeof fixbuf)));
	}
	return o;
}

static json_t *report_json(const struct check_run *c)
{
	const struct leftover_report *r = c->rep;
	json_t *doc = json_object(), *arr = json_array(), *tr = json_array();
	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(arr, finding_json(c, i));
	for (size_t i = 0; i < r->ntroubles; i++) {
		json_t *o = json_object();
		jsonfmt_set_name(o, "table", r->troubles[i].table);
		json_object_set_new(o, "step", json_string(r->troubles[i].step));
		json_object_set_new(o, "error", json_string(
			flockd_strerror(r->troubles[i].err)));
		json_array_append_new(tr, o);
	}
	json_object_set_new(doc, "findings", arr);
	json_object_set_new(doc, "troubles", tr);
	return doc;
}

/* Remove what the rule allows; fixes[i] says what happened. */
static void apply_fixes(flockd_db *db, const struct leftover_report *r,
			const struct leftover_opts *o, struct check_fix *fixes)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct leftover *f = &r->v[i];
		if (!f->cleanable)
			continue;
		int err = leftover_remove(db, f, o, &fixes[i].verdict);
		fixes[i].code = err;
		fixes[i].outcome = err == 0 || err == LEFTOVER_KEPT_GONE
					   ? FIX_REMOVED
				   : err < 0 ? FIX_KEPT
					     : FIX_FAILED;
	}
}

static void print_troubles(const char *cmd, const struct leftover_report *r)
{
	for (size_t i = 0; i < r->ntroubles; i++) {
		char *t = inspect_esc(inspect_table_label(r->troubles[i].table));
		inspect_err(cmd, "table %s: %s: %s", t, r->troubles[i].step,
			    flockd_strerror(r->troubles[i].err));
		inspect_esc_free(t);
	}
}

/* Print the findings (and what --fix did); returns the exit status. */
static int report(const struct check_run *c, int json)
{
	const struct leftover_report *rep = c->rep;
	print_troubles(c->cmd, rep);
	int werr = json ? jsonfmt_print(report_json(c), stdout)
			: print_text(c, stdout);
	size_t left = 0, failed = 0;
	for (size_t i = 0; i < rep->n; i++) {
		if (has_fix(c, i) && c->fixes[i].outcome == FIX_REMOVED)
			continue;
		if (has_fix(c, i) && c->fixes[i].outcome == FIX_FAILED)
			failed++;
		/* kept now for a reason the rule accepts: in use, young */
		if (has_fix(c, i) && c->fixes[i].code == LEFTOVER_KEPT)
			continue;
		left += rep->v[i].attention != 0;
	}
	if (werr != 0 || fflush(stdout) != 0) {
		inspect_err(c->cmd, "writing the report: %s",
			    flockd_strerror(errno ? errno : EIO));
		return CHECK_TROUBLE;
	}
	if (rep->ntroubles > 0 || failed > 0)
		return CHECK_TROUBLE;
	return left > 0 ? CHECK_FOUND : CHECK_CLEAN;
}

/* Parse the options; 0, or an exit status (-1: --help shown, exit 0). */
static int parse(int argc, char **argv, int *json, int *fix, long *stale_ms)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"fix", no_argument, NULL, 'f'},
		{"older-than", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *cmd = "check";
	int c;
	inspect_getopt_reset();
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			*json = 1;
			break;
		case 'f':
			*fix = 1;
			break;
		case 'o':
			if (duration_parse(optarg, stale_ms) != 0 ||
			    *stale_ms <= 0) {
				char *a = inspect_esc(optarg);
				char what[200];
				snprintf(what, sizeof what, "--older-than: not "
					 "a duration above 0: '%.100s'", a);
				inspect_esc_free(a);
				inspect_usage_error(cmd, what);
				return CHECK_TROUBLE;
			}
			break;
		case 'h':
			check_help(stdout);
			return -1;
		default:
			inspect_bad_option(cmd, argv, c);
			return CHECK_TROUBLE;
		}
	}
	if (argc - optind != 1) {
		inspect_usage_error(cmd, argc - optind < 1
				? "missing the database directory"
				: "too many arguments");
		return CHECK_TROUBLE;
	}
	return 0;
}

int inspect_cmd_check(int argc, char **argv)
{
	const char *cmd = "check";
	int json = 0, fix = 0;
	long stale_ms = CLEAN_DEFAULT_STALE_MS;
	int rc = parse(argc, argv, &json, &fix, &stale_ms);
	if (rc != 0)
		return rc < 0 ? EXIT_OK : rc;
	flockd_db *db;
	if (inspect_open_db(cmd, argv[optind], fix ? 0 : FLOCKD_OPEN_READONLY,
			    INSPECT_DEFAULT_TIMEOUT_MS, &db) != 0)
		return CHECK_TROUBLE;
	struct proc_locks locks;
	int have_locks = proc_locks_load(PROC_LOCKS_PATH, &locks) == 0;
	struct leftover_opts o;
	leftover_opts_init(&o, have_locks ? &locks : NULL);
	o.stale_ms = stale_ms;
	struct leftover_report rep = {0};
	int err = leftovers_check_db(db, &o, &rep);
	struct check_fix *fixes = NULL;
	if (err == 0 && fix && rep.n > 0) {
		fixes = calloc(rep.n, sizeof *fixes);
		if (fixes == NULL)
			err = ENOMEM;
		else
			apply_fixes(db, &rep, &o, fixes);
	}
	int status;
	if (err != 0) {
		inspect_err(cmd, "%s", flockd_strerror(err));
		status = CHECK_TROUBLE;
	} else {
		struct check_run run = {cmd, &rep, fixes, &o};
		status = report(&run, json);
	}
	free(fixes);
	leftover_report_free(&rep);
	if (have_locks)
		proc_locks_free(&locks);
	flockd_close(db);
	return status;
}
