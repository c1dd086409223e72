/* view_check.c - the browser's check view: leftovers of the database, with
 * removal of stale temp files and resolution of conflict copies. */
#include "inspect/inspect_views.h"

#include "common/curses_ui.h"
#include "common/textsafe.h"
#include "inspect/inspect_text.h"
#include "inspect/inspect_ui.h"
#include "inspect/leftovers.h"
#include "inspect/view_pair.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define READONLY_MSG "read-only: nothing changed (open the database without -r)"

static int load_report(flockd_db *db, struct leftover_report *r,
		       struct leftover_opts *o)
{
	leftover_report_free(r);
	struct proc_locks locks;
	int have = proc_locks_load(PROC_LOCKS_PATH, &locks) == 0;
	leftover_opts_init(o, have ? &locks : NULL);
	int err = leftovers_check_db(db, o, r);
	if (have)
		proc_locks_free(&locks);
	o->locks = NULL; /* freed: removals probe on their own */
	return err;
}

/* The finding's path below the database, for a narrow screen. */
static const char *rel_path(flockd_db *db, const struct leftover *f)
{
	const char *dir = flockd_db_path(db);
	size_t n = strlen(dir);
	if (strncmp(f->path, dir, n) == 0 && f->path[n] == '/')
		return f->path + n + 1;
	return f->path;
}

static void draw_check(flockd_db *db, const struct leftover_report *r,
		       const struct leftover_opts *o, struct iui_list *l,
		       int readonly, int err, const char *msg)
{
	erase();
	char title[160];
	size_t attention = 0;
	for (size_t i = 0; i < r->n; i++)
		attention += r->v[i].attention != 0;
	snprintf(title, sizeof title, " Check: %zu finding%s, %zu to act on%s%s",
		 r->n, r->n == 1 ? "" : "s", attention,
		 r->ntroubles ? ", some tables could not be read" : "",
		 readonly ? "  [read-only]" : "");
	iui_title(title);
	iui_put(1, 0, COLS, "KIND                   AGE  PATH, STATUS (why)",
		0, A_BOLD);
	size_t page = LINES > 3 ? (size_t)(LINES - 3) : 1;
	iui_list_fit(l, r->n, page);
	if (err != 0)
		iui_put(2, 0, COLS, flockd_strerror(err), 0, A_BOLD);
	else if (r->n == 0)
		iui_put(2, 0, COLS, "no leftovers found", 0, 0);
	/* the path column as wide as the widest path on screen, so the
	 * statuses line up, but never more than half the screen */
	size_t pw = 4, cap = COLS > 40 ? (size_t)COLS / 2 : 20;
	for (size_t i = l->top; i < r->n && i < l->top + page; i++) {
		char *path = textsafe_name_str(rel_path(db, &r->v[i]));
		size_t w = path ? (size_t)textsafe_width(path, strlen(path),
				 TEXTSAFE_ESCAPED | textsafe_locale(), INT_MAX - 1) : 1;
		pw = w > pw ? (w < cap ? w : cap) : pw;
		free(path);
	}
	for (size_t i = l->top; i < r->n && i < l->top + page; i++) {
		const struct leftover *f = &r->v[i];
		char age[32], status[1200];
		inspect_format_age(&f->mtime, o->now.tv_sec, age, sizeof age);
		leftover_status(f, o, status, sizeof status);
		char *path = textsafe_name_str(rel_path(db, f));
		char *st = textsafe_name_str(status);
		size_t w = path ? (size_t)textsafe_width(path, strlen(path),
				 TEXTSAFE_ESCAPED | textsafe_locale(), INT_MAX - 1) : 1;
		char line[8192];
		snprintf(line, sizeof line, "%-21s %5s  %s%*s  %s",
			 leftover_kind_name(f), age, path ? path : "?",
			 w < pw ? (int)(pw - w) : 0, "", st ? st : "?");
		free(path);
		free(st);
		int attr = i == l->cur ? A_REVERSE : 0;
		if (f->attention)
			attr |= A_BOLD;
		iui_put(2 + (int)(i - l->top), 0, COLS, line, 0, attr);
	}
	iui_status(" d remove (if the cleaning rule allows)  Enter resolve "
		   "conflict copy  r rescan  q back", msg);
	refresh();
}

/* Remove the selected file after confirmation, if the rule allows it. */
static void remove_temp(flockd_db *db, const struct leftover *f,
			const struct leftover_opts *o, char *msg, size_t msz)
{
	char why[200];
	if (f->verdict != CLEAN_REMOVABLE) {
		clean_rule_why(f->verdict, &f->facts, o->now, o->stale_ms, why,
			       sizeof why);
		snprintf(msg, msz, "%s: nothing removed", why);
		return;
	}
	char *path = textsafe_name_str(rel_path(db, f));
	char q[4200];
	snprintf(q, sizeof q, "Remove %s %s?", leftover_kind_name(f),
		 path ? path : "?");
	free(path);
	if (!iui_confirm(q)) {
		snprintf(msg, msz, "nothing removed");
		return;
	}
	struct leftover_opts now = *o;
	clock_gettime(CLOCK_REALTIME, &now.now);
	enum clean_verdict v = CLEAN_REMOVABLE;
	int err = leftover_remove(db, f, &now, &v);
	if (err == LEFTOVER_KEPT) {
		clean_rule_why(v, &f->facts, now.now, now.stale_ms, why,
			       sizeof why);
		snprintf(msg, msz, "%s (looked again just now)", why);
		return;
	}
	snprintf(msg, msz, "%s",
		 err == 0 ? "removed"
		 : err == LEFTOVER_KEPT_CHANGED
			 ? "kept: the name now names another file"
		 : err == LEFTOVER_KEPT_GONE ? "already gone"
					     : flockd_strerror(err));
}

static int same_bytes(const void *a, size_t alen, const void *b, size_t blen)
{
	return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

/* Delete the copy through a view session, if it is still what was shown. */
static int remove_copy(flockd_table *t, const char *copy, const void *shown,
		       size_t len)
{
	flockd_view *v;
	int err = flockd_view_open(t, copy, &v);
	if (err != 0)
		return err;
	size_t now_len;
	const void *now = flockd_view_value(v, &now_len);
	err = same_bytes(now, now_len, shown, len)
		      ? flockd_view_delete(v, 0)
		      : FLOCKD_ECONFLICT;
	flockd_view_close(v);
	return err;
}

/* Make the copy's value the key's: a view session save on the key (which
 * verifies under the exclusive lock that the key did not change since it
 * was read), after checking that what it read is what the user saw. */
static int keep_copy(flockd_table *t, const char *key, int key_missing,
		     const void *kv, size_t klen, const void *cv, size_t clen)
{
	if (key_missing)
		return flockd_create(t, key, cv, clen);
	flockd_view *v;
	int err = flockd_view_open(t, key, &v);
	if (err != 0)
		return err;
	size_t now_len;
	const void *now = flockd_view_value(v, &now_len);
	err = same_bytes(now, now_len, kv, klen)
		      ? flockd_view_save(v, cv, clen, 0)
		      : FLOCKD_ECONFLICT;
	flockd_view_close(v);
	return err;
}

static void resolve_copy(flockd_db *db, const struct leftover *f,
			 char *msg, size_t msz)
{
	int readonly = flockd_db_readonly(db);
	flockd_table *t;
	int err = flockd_table_open(db, f->table, 0, &t);
	if (err != 0) {
		snprintf(msg, msz, "cannot open the table: %s",
			 flockd_strerror(err));
		return;
	}
	char *copy = strndup(f->name, strlen(f->name) - 3); /* no ".kv" */
	void *kv = NULL, *cv = NULL;
	size_t klen = 0, clen = 0;
	int kerr = flockd_get(t, f->key, &kv, &klen);
	int cerr = copy ? flockd_get(t, copy, &cv, &clen) : ENOMEM;
	if ((kerr != 0 && kerr != FLOCKD_ENOTFOUND) || cerr != 0) {
		snprintf(msg, msz, "cannot read the %s: %s",
			 cerr ? "conflict copy" : "key",
			 flockd_strerror(cerr ? cerr : kerr));
		goto out;
	}
	char *ek = textsafe_name_str(f->key), *ec = textsafe_name_str(copy);
	char title[2048], lkey[1100], lcopy[1100], q[2400];
	snprintf(title, sizeof title, "Conflict copy of %s", f->key);
	snprintf(lkey, sizeof lkey, "key %s", f->key);
	snprintf(lcopy, sizeof lcopy, "copy %s%s%s%s%s", copy,
		 f->who ? " by " : "", f->who ? f->who : "",
		 f->when ? ", " : "", f->when ? f->when : "");
	struct pair_view pv = {
		.title = title, .left_label = lkey, .right_label = lcopy,
		.a = kv, .alen = klen, .a_missing = kerr != 0,
		.b = cv, .blen = clen,
		.actions = "ck",
		.actions_hint = "c keep copy's value  k keep key's value ",
	};
	for (;;) {
		int act = pair_view_run(&pv);
		if (act <= 0) {
			snprintf(msg, msz, act < 0 ? "out of memory"
						   : "nothing changed");
			break;
		}
		if (readonly) {
			pv.message = READONLY_MSG;
			continue;
		}
		if (act == 'c')
			snprintf(q, sizeof q, "Make the copy's value (%zu "
				 "bytes) the value of %s, and remove the copy?",
				 clen, ek ? ek : "?");
		else if (kerr != 0)
			snprintf(q, sizeof q, "The key %s does not exist: "
				 "remove the copy anyway (its value is lost)?",
				 ek ? ek : "?");
		else
			snprintf(q, sizeof q, "Keep the value of %s and "
				 "remove the copy %s?", ek ? ek : "?",
				 ec ? ec : "?");
		if (!iui_confirm(q)) {
			pv.message = "nothing changed";
			continue;
		}
		err = act == 'c' ? keep_copy(t, f->key, kerr != 0, kv, klen,
					     cv, clen)
				 : 0;
		if (err == 0)
			err = remove_copy(t, copy, cv, clen);
		if (err == FLOCKD_ECONFLICT || err == FLOCKD_EEXIST)
			snprintf(msg, msz, "%s changed since shown: look again",
				 act == 'c' && err == FLOCKD_EEXIST ? "the key"
				 : "a value");
		else if (err != 0)
			snprintf(msg, msz, "failed: %s", flockd_strerror(err));
		else
			snprintf(msg, msz, act == 'c' ? "the copy's value is "
				 "now the key's; copy removed"
				 : "kept the key's value; copy removed");
		break;
	}
	free(ek);
	free(ec);
out:
	free(kv);
	free(cv);
	free(copy);
	flockd_table_close(t);
}

static int is_conflict(const struct leftover *f)
{
	return f->kind == LEFTOVER_FILE &&
	       flockd_entry_class_of(f->entry) == FLOCKD_CLASS_CONFLICT &&
	       f->key != NULL;
}

int inspect_view_check(flockd_db *db)
{
	struct leftover_report r = {0};
	struct leftover_opts o;
	struct iui_list l = {0};
	int readonly = flockd_db_readonly(db);
	char msg[512] = "";
	int err = load_report(db, &r, &o);
	for (;;) {
		draw_check(db, &r, &o, &l, readonly, err, msg);
		msg[0] = '\0';
		int key = iui_getkey(-1);
		if (key == 'q' || key == INSPECT_KEY_ESC)
			break;
		if (iui_list_key(&l, key))
			continue;
		const struct leftover *f = r.n ? &r.v[l.cur] : NULL;
		if (key == 'r') {
			err = load_report(db, &r, &o);
		} else if (key == 'd' && f != NULL) {
			if (!f->cleanable)
				snprintf(msg, sizeof msg, "only temp files and "
					 "abandoned placeholders can be "
					 "removed here");
			else if (readonly)
				snprintf(msg, sizeof msg, READONLY_MSG);
			else {
				remove_temp(db, f, &o, msg, sizeof msg);
				err = load_report(db, &r, &o);
			}
		} else if ((key == '\n' || key == '\r' || key == KEY_ENTER) &&
			   f != NULL) {
			if (!is_conflict(f)) {
				snprintf(msg, sizeof msg, "Enter resolves "
					 "conflict copies; d removes temp files");
			} else {
				resolve_copy(db, f, msg, sizeof msg);
				err = load_report(db, &r, &o);
			}
		}
	}
	leftover_report_free(&r);
	clear();
	return err;
}
