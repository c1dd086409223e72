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

#define CHECK_DEFAULT_AGE_MS (3600L * 1000L)

static void check_help(FILE *out)
{
	fputs("Usage: flockd check [--json] [--fix] [--older-than DURATION] DIR\n"
	      "Walk every table of the database in DIR and report, each with\n"
	      "its path and age, what writers and sync tools left behind:\n"
	      "  temp            stale temp file of flockd or the Go library\n"
	      "                  (KEY.kv + letters/digits, no process holds a\n"
	      "                  lock on it)\n"
	      "  rsync-temp      rsync's .KEY.kv.XXXXXX\n"
	      "  rsync-dir       rsync --delay-updates' .~tmp~ directory\n"
	      "  syncthing-temp  .syncthing.KEY.kv.tmp\n"
	      "  unison-temp     .unison.KEY.kv.*.unison.tmp\n"
	      "  conflict-copy   KEY.sync-conflict-DATE-TIME-DEVICE.kv, with\n"
	      "                  the key it is a copy of\n"
	      "  empty-value     a key whose file is empty\n"
	      "  not-regular     NAME.kv that is a symlink, directory, FIFO...\n"
	      "  table-not-dir   NAME.tbl that is not a directory\n"
	      "  unreadable      a key or table this user cannot read\n"
	      "Temp files that a process holds a lock on are being written\n"
	      "and are not reported.\n"
	      "\n"
	      "      --fix                  remove the temp files above (temp,\n"
	      "                             rsync-temp, syncthing-temp,\n"
	      "                             unison-temp) that are older than\n"
	      "                             the threshold, checking just\n"
	      "                             before each removal that no\n"
	      "                             process holds a lock on it; never\n"
	      "                             touches values, conflict copies or\n"
	      "                             directories\n"
	      "      --older-than DURATION  the threshold for --fix (default\n"
	      "                             1h; e.g. 30m, 2h, 1d)\n"
	      "      --json                 one JSON object: {\"findings\",\n"
	      "                             \"troubles\"}\n"
	      "  -h, --help                 this help\n"
	      "\n"
	      "Exit status: 0 nothing found (or everything found was removed\n"
	      "by --fix), 1 findings remain, 2 trouble (a table could not be\n"
	      "read, a removal failed, bad usage, no such directory).\n",
	      out);
}

/* What --fix did to one finding. */
enum fix_outcome { FIX_NONE, FIX_REMOVED, FIX_KEPT, FIX_FAILED };

struct check_fix {
	enum fix_outcome outcome;
	int code; /* leftover_remove_temp's result */
};

static const char *fix_text(const struct check_fix *f, const char *age,
			    char *buf, size_t size)
{
	switch (f->code) {
	case 0:
		return "removed";
	case LEFTOVER_KEPT_LOCKED:
		return "kept: a process holds a lock on it";
	case LEFTOVER_KEPT_YOUNG:
		snprintf(buf, size, "kept: younger than %s", age);
		return buf;
	case LEFTOVER_KEPT_CHANGED:
		return "kept: the name changed to another file";
	case LEFTOVER_KEPT_GONE:
		return "already gone";
	default:
		snprintf(buf, size, "not removed: %s",
			 flockd_strerror(f->code));
		return buf;
	}
}

/* The detail column of a finding. */
static char *finding_detail(const struct leftover *f)
{
	char *key = f->key ? inspect_esc(f->key) : NULL;
	const char *text = leftover_kind_text(f->kind);
	size_t size = strlen(text) + (key ? strlen(key) : 0) + 80;
	char *out = malloc(size);
	if (out != NULL) {
		if (f->kind == LEFTOVER_CONFLICT_COPY)
			snprintf(out, size, "%s of key %s%s", text, key,
				 f->key_exists ? "" : " (key missing)");
		else if (leftover_is_temp(f->kind) && key)
			snprintf(out, size, "%s of key %s%s", text, key,
				 f->lock == LEFTOVER_LOCK_UNKNOWN
					 ? " (lock state unknown)" : "");
		else
			snprintf(out, size, "%s", text);
	}
	if (key)
		inspect_esc_free(key);
	return out;
}

static int print_text(const struct leftover_report *r,
		      const struct check_fix *fixes, time_t now,
		      const char *age, FILE *out)
{
	struct text_table t;
	text_table_init(&t, fixes ? 5 : 4);
	const char *head[] = {"KIND", "AGE", "PATH", "DETAIL", "FIX"};
	int err = r->n ? text_table_add(&t, head) : 0;
	for (size_t i = 0; err == 0 && i < r->n; i++) {
		const struct leftover *f = &r->v[i];
		char agebuf[32], fixbuf[96];
		inspect_format_age(&f->mtime, now, agebuf, sizeof agebuf);
		char *path = inspect_esc(f->path);
		char *detail = finding_detail(f);
		const char *row[] = {
			leftover_kind_name(f->kind), agebuf, path,
			detail ? detail : "",
			fixes && fixes[i].outcome != FIX_NONE
				? fix_text(&fixes[i], age, fixbuf,
					   sizeof fixbuf)
				: "-"};
		err = text_table_add(&t, row);
		inspect_esc_free(path);
		free(detail);
	}
	text_table_print(&t, out);
	text_table_done(&t);
	if (r->n == 0)
		fputs("no leftovers found\n", out);
	return err;
}

static json_t *report_json(const struct leftover_report *r,
			   const struct check_fix *fixes, time_t now,
			   const char *age)
{
	json_t *doc = json_object(), *arr = json_array(), *tr = json_array();
	for (size_t i = 0; i < r->n; i++) {
		const struct leftover *f = &r->v[i];
		json_t *o = json_object();
		json_object_set_new(o, "kind",
				    json_string(leftover_kind_name(f->kind)));
		jsonfmt_set_name(o, "table", f->table);
		jsonfmt_set_name(o, "name", f->name);
		jsonfmt_set_name(o, "path", f->path);
		if (f->key)
			jsonfmt_set_name(o, "key", f->key);
		else
			json_object_set_new(o, "key", json_null());
		if (f->kind == LEFTOVER_CONFLICT_COPY)
			json_object_set_new(o, "key_exists",
					    json_boolean(f->key_exists));
		long long a = (long long)now - (long long)f->mtime.tv_sec;
		json_object_set_new(o, "age_seconds",
				    json_integer(a < 0 ? 0 : a));
		json_object_set_new(o, "mtime",
				    json_integer(f->mtime.tv_sec));
		json_object_set_new(o, "size", json_integer((json_int_t)f->size));
		if (leftover_is_temp(f->kind))
			json_object_set_new(o, "lock", json_string(
				f->lock == LEFTOVER_LOCK_UNKNOWN ? "unknown"
								 : "none"));
		if (fixes && fixes[i].outcome != FIX_NONE) {
			json_object_set_new(o, "removed", json_boolean(
				fixes[i].outcome == FIX_REMOVED));
			char fixbuf[96];
			json_object_set_new(o, "fix", json_string(fix_text(
				&fixes[i], age, fixbuf, sizeof fixbuf)));
		}
		json_array_append_new(arr, o);
	}
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

/* Remove the stale temps of the report; fixes[i] says what happened. */
static void apply_fixes(flockd_db *db, const struct leftover_report *r,
			struct check_fix *fixes, time_t now, long min_age_ms)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct leftover *f = &r->v[i];
		if (!leftover_is_temp(f->kind))
			continue;
		flockd_table *t;
		int err = flockd_table_open(db, f->table, 0, &t);
		if (err == 0) {
			err = leftover_remove_temp(flockd_table_dirfd(t),
						   f->name, now, min_age_ms);
			flockd_table_close(t);
		}
		fixes[i].code = err;
		fixes[i].outcome = err == 0 || err == LEFTOVER_KEPT_GONE
					   ? FIX_REMOVED
				   : err < 0 && err >= LEFTOVER_KEPT_GONE
					   ? FIX_KEPT
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
static int report(const char *cmd, const struct leftover_report *rep,
		  const struct check_fix *fixes, int json, time_t now,
		  const char *age)
{
	print_troubles(cmd, rep);
	int werr = json ? jsonfmt_print(report_json(rep, fixes, now, age),
					     stdout)
			: print_text(rep, fixes, now, age, stdout);
	size_t left = 0, failed = 0;
	for (size_t i = 0; i < rep->n; i++) {
		if (fixes && fixes[i].outcome == FIX_REMOVED)
			continue;
		left++;
		if (fixes && fixes[i].outcome == FIX_FAILED)
			failed++;
	}
	if (werr != 0 || fflush(stdout) != 0) {
		inspect_err(cmd, "writing the report: %s",
			    flockd_strerror(errno ? errno : EIO));
		return CHECK_TROUBLE;
	}
	if (rep->ntroubles > 0 || failed > 0)
		return CHECK_TROUBLE;
	return left > 0 ? CHECK_FOUND : CHECK_CLEAN;
}

int inspect_cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"fix", no_argument, NULL, 'f'},
		{"older-than", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *cmd = "check";
	int json = 0, fix = 0, c;
	long min_age_ms = CHECK_DEFAULT_AGE_MS;
	inspect_getopt_reset();
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'f':
			fix = 1;
			break;
		case 'o':
			if (duration_parse(optarg, &min_age_ms) != 0) {
				char *a = inspect_esc(optarg);
				char what[200];
				snprintf(what, sizeof what, "--older-than: not "
					 "a duration: '%.100s'", a);
				inspect_esc_free(a);
				return inspect_usage_error(cmd, what);
			}
			break;
		case 'h':
			check_help(stdout);
			return EXIT_OK;
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
	flockd_db *db;
	if (inspect_open_db(cmd, argv[optind], fix ? 0 : FLOCKD_OPEN_READONLY,
			    INSPECT_DEFAULT_TIMEOUT_MS, &db) != 0)
		return CHECK_TROUBLE;
	struct proc_locks locks;
	int have_locks = proc_locks_load(PROC_LOCKS_PATH, &locks) == 0;
	struct leftover_report rep = {0};
	int err = leftovers_check_db(db, have_locks ? &locks : NULL, &rep);
	time_t now = time(NULL);
	char age[32];
	duration_format(min_age_ms, age, sizeof age);
	struct check_fix *fixes = NULL;
	if (err == 0 && fix && rep.n > 0) {
		fixes = calloc(rep.n, sizeof *fixes);
		if (fixes == NULL)
			err = ENOMEM;
		else
			apply_fixes(db, &rep, fixes, now, min_age_ms);
	}
	int status;
	if (err != 0) {
		inspect_err(cmd, "%s", flockd_strerror(err));
		status = CHECK_TROUBLE;
	} else {
		status = report(cmd, &rep, fixes, json, now, age);
	}
	free(fixes);
	leftover_report_free(&rep);
	if (have_locks)
		proc_locks_free(&locks);
	flockd_close(db);
	return status;
}
