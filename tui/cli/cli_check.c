/* SPDX-License-Identifier: MIT */
/* cli_check.c - `flockd check`: leftovers of writers and sync tools
 * (tui/inspect/leftovers.h), as records or one JSON document, and --fix
 * under the cleaning rule. */
#include "cli/cli_inspect.h"

#include "cli/cli_common.h"
#include "cli/cli_output.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "common/textsafe.h"
#include "inspect/inspect_text.h"
#include "inspect/leftovers.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* check's exit statuses, as diff(1)'s (trouble: exit_code_for_trouble) */
enum { CHECK_CLEAN = 0, CHECK_FOUND = 1 };

/* What --fix did to one finding. */
enum fix_outcome { FIX_NONE, FIX_REMOVED, FIX_KEPT, FIX_FAILED };

struct check_fix {
	enum fix_outcome outcome;
	int code;                  /* leftover_remove's result */
	enum clean_verdict verdict; /* LEFTOVER_KEPT: why */
};

struct check_run {
	struct cli_args *args;
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

/* One record: KIND AGE PATH STATUS [FIX]. */
static int finding_record(const struct check_run *c, size_t i)
{
	struct cli_args *args = c->args;
	const struct leftover *f = &c->rep->v[i];
	char age[32], fixbuf[96], status[1200];

	inspect_format_age(&f->mtime, c->opts->now.tv_sec, age, sizeof age);
	leftover_status(f, c->opts, status, sizeof status);
	if (cli_field_word(args, leftover_kind_name(f)) ||
	    cli_field_word(args, age) || cli_field_name(args, f->path) ||
	    cli_field_name(args, status))
		return -1;
	if (c->fixes != NULL &&
	    cli_field_word(args, has_fix(c, i) ? fix_text(&c->fixes[i], fixbuf,
							  sizeof fixbuf)
					       : "-"))
		return -1;
	return cli_record_end(args);
}

static void print_text(const struct check_run *c)
{
	static const char *const head[] = {"KIND", "AGE", "PATH", "STATUS",
					   "FIX"};

	if (c->rep->n == 0) {
		cli_note(c->args, "no leftovers found");
		return;
	}
	cli_headings(c->args, head, c->fixes ? 5 : 4);
	for (size_t i = 0; i < c->rep->n; i++)
		if (finding_record(c, i) != 0)
			return;
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
	struct flockd_timespec mtime = {f->mtime.tv_sec, f->mtime.tv_nsec};
	cli_json_set_time(o, "mtime", &mtime);
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
	char *esc = textsafe_name_str(status);
	json_object_set_new(o, "status", json_string(esc ? esc : "?"));
	free(esc);
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
	json_t *doc = cli_json_object(), *arr = json_array();
	json_t *tr = json_array();
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

/* Each table that could not be walked, as an error line; returns the
 * status of the first. */
static int print_troubles(struct cli_args *args,
			  const struct leftover_report *r)
{
	int status = CHECK_CLEAN;

	for (size_t i = 0; i < r->ntroubles; i++) {
		int one = cli_error(args, r->troubles[i].table, NULL,
				    r->troubles[i].err, r->troubles[i].step);
		if (status == CHECK_CLEAN)
			status = one;
	}
	return status;
}

/* Print the findings (and what --fix did); returns the exit status. */
static int report(const struct check_run *c)
{
	const struct leftover_report *rep = c->rep;
	int status = print_troubles(c->args, rep);

	if (c->args->json)
		cli_json_print(c->args, report_json(c));
	else
		print_text(c);
	size_t left = 0;
	for (size_t i = 0; i < rep->n; i++) {
		if (has_fix(c, i) && c->fixes[i].outcome == FIX_REMOVED)
			continue;
		if (has_fix(c, i) && c->fixes[i].outcome == FIX_FAILED &&
		    status == CHECK_CLEAN)
			status = exit_code_for_trouble(c->fixes[i].code);
		/* kept now for a reason the rule accepts: in use, young */
		if (has_fix(c, i) && c->fixes[i].code == LEFTOVER_KEPT)
			continue;
		left += rep->v[i].attention != 0;
	}
	if (status != CHECK_CLEAN)
		return status;
	return left > 0 ? CHECK_FOUND : CHECK_CLEAN;
}

int cli_cmd_check(struct cli_args *args)
{
	flockd_db *db = NULL;
	int status = cli_open_db(args, args->argv[0],
				 FLOCKD_OPEN_NOCREATE |
					 (args->fix ? 0 : FLOCKD_OPEN_READONLY),
				 &db);
	if (status != 0)
		return status;
	struct proc_locks locks;
	int have_locks = proc_locks_load(PROC_LOCKS_PATH, &locks) == 0;
	struct leftover_opts o;
	leftover_opts_init(&o, have_locks ? &locks : NULL);
	if (args->older_than_ms > 0)
		o.stale_ms = args->older_than_ms;
	struct leftover_report rep = {0};
	int err = leftovers_check_db(db, &o, &rep);
	struct check_fix *fixes = NULL;
	if (err == 0 && args->fix && rep.n > 0) {
		fixes = calloc(rep.n, sizeof *fixes);
		if (fixes == NULL)
			err = ENOMEM;
		else
			apply_fixes(db, &rep, &o, fixes);
	}
	if (err != 0) {
		status = cli_error_path(args, args->argv[0], err, NULL);
	} else {
		struct check_run run = {args, &rep, fixes, &o};
		status = report(&run);
	}
	free(fixes);
	leftover_report_free(&rep);
	if (have_locks)
		proc_locks_free(&locks);
	flockd_close(db);
	return cli_output_finish(args, status);
}
