/* SPDX-License-Identifier: MIT */
/* view_check.c - the browser's check view: leftovers of the database, with
 * removal of stale temp files and resolution of conflict copies (one at a
 * time here; many at once in view_settle.c). */
#include "inspect/inspect_views.h"

#include "common/curses_ui.h"
#include "common/store_warn.h"
#include "common/textsafe.h"
#include "inspect/inspect_text.h"
#include "inspect/inspect_ui.h"
#include "inspect/leftovers.h"
#include "inspect/view_pair.h"
#include "inspect/view_settle.h"
#include "ui/ask.h"
#include "ui/draw.h"
#include "ui/termsig.h"
#include "ui/waitline.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define READONLY_MSG CHECK_READONLY_MSG

/* The findings again, grouped by key where they are conflict copies
 * (the model `flockd conflicts` uses), the marks carried over by key. */
static int load_report(flockd_db *db, struct check_model *m,
		       struct leftover_opts *o)
{
	struct proc_locks locks;
	int have = proc_locks_load(PROC_LOCKS_PATH, &locks) == 0;
	leftover_opts_init(o, have ? &locks : NULL);
	struct conflict_set next;
	/* a key a writer holds is not waited for: shown "not compared" */
	int err = conflicts_find_flags(db, NULL, 0, NULL, 0, o,
				       FLOCKD_READ_NOWAIT, &next);
	if (have)
		proc_locks_free(&locks);
	o->locks = NULL; /* freed: removals probe on their own */
	if (settle_marks_carry(&m->marks, &m->set, &next) != 0)
		settle_marks_done(&m->marks); /* out of memory: unmarked */
	conflict_set_free(&m->set);
	m->set = next;
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

/* The path column as wide as the widest path on screen, so the statuses
 * line up, but never more than half the screen. */
static size_t path_width(flockd_db *db, const struct leftover_report *r,
			 const struct iui_list *l, size_t page)
{
	size_t pw = 4, cap = COLS > 40 ? (size_t)COLS / 2 : 20;
	for (size_t i = l->top; i < r->n && i < l->top + page; i++) {
		char *path = textsafe_name_str(rel_path(db, &r->v[i]));
		size_t w = path ? (size_t)textsafe_width(path, strlen(path),
				 TEXTSAFE_ESCAPED | textsafe_locale(), INT_MAX - 1) : 1;
		pw = w > pw ? (w < cap ? w : cap) : pw;
		free(path);
	}
	return pw;
}

/* One finding's row: mark, kind, age, path, status (why; for a
 * conflict copy its facts). */
static void draw_row(const struct ui *ui, flockd_db *db, int y,
		     const struct check_model *m, const struct leftover *f,
		     const struct leftover_opts *o, size_t pw, attr_t attr)
{
	char age[32], status[1200], line[8192];
	inspect_format_age(&f->mtime, o->now.tv_sec, age, sizeof age);
	if (check_copy_status(m, f, status, sizeof status) != 0)
		leftover_status(f, o, status, sizeof status);
	long g = settle_group_of(&m->set, f);
	int marked = g >= 0 && settle_marks_has(&m->marks, (size_t)g);
	char *path = textsafe_name_str(rel_path(db, f));
	char *st = textsafe_name_str(status);
	size_t w = path ? (size_t)textsafe_width(path, strlen(path),
			 TEXTSAFE_ESCAPED | textsafe_locale(), INT_MAX - 1) : 1;
	snprintf(line, sizeof line, "%c %-21s %5s  %s%*s  %s",
		 marked ? '*' : ' ', leftover_kind_name(f), age,
		 path ? path : "?",
		 w < pw ? (int)(pw - w) : 0, "", st ? st : "?");
	free(path);
	free(st);
	if (f->attention || marked)
		attr |= A_BOLD;
	iui_put(ui, y, 0, COLS, line, 0, attr);
}

static void draw_check(const struct ui *ui, flockd_db *db,
		       const struct check_model *m,
		       const struct leftover_opts *o, struct iui_list *l,
		       int readonly, int err, const char *msg)
{
	static const struct keymap_hint hints[] = {
		{KA_REMOVE, "remove (if the cleaning rule allows)"},
		{KA_RESOLVE, "resolve"}, {KA_SELECT, "mark"},
		{KA_KEEP_NEWEST, "keep newest"}, {KA_KEEP_KEY, "keep key"},
		{KA_DROP_IDENTICAL, "drop identical"}, {KA_HELP, "help"},
		{KA_RELOAD, "rescan"}, {KA_CLOSE, "back"},
	};
	const struct leftover_report *r = &m->set.report;
	erase();
	char title[200], marks[40] = "";
	size_t attention = 0;
	for (size_t i = 0; i < r->n; i++)
		attention += r->v[i].attention != 0;
	if (m->marks.count > 0)
		snprintf(marks, sizeof marks, ", %zu key%s marked",
			 m->marks.count, m->marks.count == 1 ? "" : "s");
	snprintf(title, sizeof title,
		 " Check: %zu finding%s, %zu to act on%s%s%s", r->n,
		 r->n == 1 ? "" : "s", attention, marks,
		 r->ntroubles ? ", some tables could not be read" : "",
		 readonly ? "  [read-only]" : "");
	ui_bar(ui, 0, title);
	iui_put(ui, 1, 0, COLS, "  KIND                   AGE  PATH, STATUS (why)",
		0, ui_attr(ui, THEME_HEADER));
	size_t page = LINES > 3 ? (size_t)(LINES - 3) : 1;
	iui_list_fit(l, r->n, page);
	if (err != 0)
		iui_put(ui, 2, 0, COLS, flockd_strerror(err), 0,
			ui_attr(ui, THEME_ERROR));
	else if (r->n == 0)
		iui_put(ui, 2, 0, COLS, "no leftovers found", 0, A_NORMAL);
	size_t pw = path_width(db, r, l, page);
	for (size_t i = l->top; i < r->n && i < l->top + page; i++)
		draw_row(ui, db, 2 + (int)(i - l->top), m, &r->v[i], o, pw,
			 i == l->cur ? ui_attr(ui, THEME_CURSOR) : A_NORMAL);
	iui_status(ui, KV_CHECK, hints, sizeof hints / sizeof hints[0], NULL,
		   msg);
	refresh();
}

/* Remove the selected file after confirmation, if the rule allows it. */
static void remove_temp(const struct ui *ui, flockd_db *db,
			const struct leftover *f, const struct leftover_opts *o,
			char *msg, size_t msz)
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
	if (!ask_yesno(ui, q)) {
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

/* A conflict copy and its key as read for the screen. */
struct copy_pair {
	flockd_table *t;
	const struct leftover *f;
	char *copy;            /* the copy's key name (no ".kv") */
	void *kv, *cv;         /* the key's and the copy's values */
	size_t klen, clen;
	int key_missing;
	long timeout_ms;       /* the database's lock timeout */
};

/* The question before acting on `act` (keep-copy or keep-key). */
static void question(const struct copy_pair *p, enum keymap_action act,
		     char *q, size_t size)
{
	char *ek = textsafe_name_str(p->f->key), *ec = textsafe_name_str(p->copy);
	if (act == KA_KEEP_COPY)
		snprintf(q, size, "Make the copy's value (%zu bytes) the value "
			 "of %s, and remove the copy?", p->clen,
			 ek ? ek : "?");
	else if (p->key_missing)
		snprintf(q, size, "The key %s does not exist: remove the copy "
			 "anyway (its value is lost)?", ek ? ek : "?");
	else
		snprintf(q, size, "Keep the value of %s and remove the copy "
			 "%s?", ek ? ek : "?", ec ? ec : "?");
	free(ek);
	free(ec);
}

/* Do what the user confirmed; the outcome in msg. */
static void act_on_copy(const struct copy_pair *p, enum keymap_action act,
			char *msg, size_t msz)
{
	int err = act == KA_KEEP_COPY
			  ? keep_copy(p->t, p->f->key, p->key_missing, p->kv,
				      p->klen, p->cv, p->clen)
			  : 0;
	char warn[300] = "";
	if (err == 0 && act == KA_KEEP_COPY) {
		/* the key's owner and mode are kept, or we say so */
		char *ek = textsafe_name_str(p->f->key);
		store_warn_text(flockd_table_warnings(p->t), ek ? ek : "?", warn,
				sizeof warn);
		free(ek);
	}
	if (err == 0)
		err = remove_copy(p->t, p->copy, p->cv, p->clen);
	if (err == FLOCKD_ECONFLICT || err == FLOCKD_EEXIST)
		snprintf(msg, msz, "%s changed since shown: look again",
			 act == KA_KEEP_COPY && err == FLOCKD_EEXIST
				 ? "the key" : "a value");
	else if (err != 0)
		snprintf(msg, msz, "failed: %s", flockd_strerror(err));
	else
		snprintf(msg, msz, "%s%s%s", act == KA_KEEP_COPY
			 ? "the copy's value is now the key's; copy removed"
			 : "kept the key's value; copy removed",
			 warn[0] ? "; " : "", warn);
}

/* act_on_copy in the wait line's worker (it only touches the store and
 * the message). */
struct act_call {
	const struct copy_pair *p;
	enum keymap_action act;
	char *msg;
	size_t msz;
};

static int act_call(void *arg)
{
	struct act_call *c = arg;
	act_on_copy(c->p, c->act, c->msg, c->msz);
	return 0;
}

/* The two values side by side until the user keeps one (confirmed) or
 * leaves. */
static void decide(const struct ui *ui, const struct copy_pair *p,
		   int readonly, char *msg, size_t msz)
{
	char title[2048], lkey[1100], lcopy[1100], q[2400];
	snprintf(title, sizeof title, "Conflict copy of %s", p->f->key);
	snprintf(lkey, sizeof lkey, "key %s", p->f->key);
	snprintf(lcopy, sizeof lcopy, "copy %s%s%s%s%s", p->copy,
		 p->f->who ? " by " : "", p->f->who ? p->f->who : "",
		 p->f->when ? ", " : "", p->f->when ? p->f->when : "");
	struct pair_view pv = {
		.view = KV_RESOLVE,
		.title = title, .left_label = lkey, .right_label = lcopy,
		.a = p->kv, .alen = p->klen, .a_missing = p->key_missing,
		.b = p->cv, .blen = p->clen,
	};
	for (;;) {
		enum keymap_action act;
		if (pair_view_run(ui, &pv, &act) != 0) {
			snprintf(msg, msz, "out of memory");
			return;
		}
		if (act == KA_NONE) {
			snprintf(msg, msz, "nothing changed");
			return;
		}
		if (readonly) {
			pv.message = READONLY_MSG;
			continue;
		}
		question(p, act, q, sizeof q);
		if (!ask_yesno(ui, q)) {
			pv.message = "nothing changed";
			continue;
		}
		struct act_call c = {p, act, msg, msz};
		/* the locks of the key and the copy: counted down, Esc stops */
		flockd_table_set_cancel(p->t, termsig_cancel_flag());
		waitline_run(ui, "resolving: waiting for the locks",
			     p->timeout_ms, act_call, &c, NULL);
		return;
	}
}

static void resolve_copy(const struct ui *ui, flockd_db *db,
			 const struct leftover *f, char *msg, size_t msz)
{
	struct copy_pair p = {.f = f, .timeout_ms = flockd_db_timeout_ms(db)};
	int err = flockd_table_open(db, f->table, 0, &p.t);
	if (err != 0) {
		snprintf(msg, msz, "cannot open the table: %s",
			 flockd_strerror(err));
		return;
	}
	p.copy = strndup(f->name, strlen(f->name) - 3); /* no ".kv" */
	int kerr = flockd_get(p.t, f->key, &p.kv, &p.klen);
	int cerr = p.copy ? flockd_get(p.t, p.copy, &p.cv, &p.clen) : ENOMEM;
	p.key_missing = kerr != 0;
	if ((kerr != 0 && kerr != FLOCKD_ENOTFOUND) || cerr != 0)
		snprintf(msg, msz, "cannot read the %s: %s",
			 cerr ? "conflict copy" : "key",
			 flockd_strerror(cerr ? cerr : kerr));
	else
		decide(ui, &p, flockd_db_readonly(db), msg, msz);
	free(p.kv);
	free(p.cv);
	free(p.copy);
	flockd_table_close(p.t);
}

static int is_conflict(const struct leftover *f)
{
	return f->kind == LEFTOVER_FILE &&
	       flockd_entry_class_of(f->entry) == FLOCKD_CLASS_CONFLICT &&
	       f->key != NULL;
}

/* The remove action on `f`; non-zero when the report must be read
 * again. */
static int remove_action(const struct ui *ui, flockd_db *db,
			 const struct leftover *f,
			 const struct leftover_opts *o, char *msg, size_t msz)
{
	if (!f->cleanable) {
		snprintf(msg, msz, "only temp files and abandoned placeholders "
			 "can be removed here");
		return 0;
	}
	if (flockd_db_readonly(db)) {
		snprintf(msg, msz, READONLY_MSG);
		return 0;
	}
	remove_temp(ui, db, f, o, msg, msz);
	return 1;
}

/* An action of the check view on the selected finding `f` (may be NULL);
 * non-zero when the report must be read again. */
static int check_action(const struct ui *ui, flockd_db *db,
			enum keymap_action a, const struct leftover *f,
			const struct leftover_opts *o, char *msg, size_t msz)
{
	char rm[KEYCODE_NAME_MAX], rs[KEYCODE_NAME_MAX];
	if (a == KA_RELOAD)
		return 1;
	if (f == NULL)
		return 0;
	if (a == KA_REMOVE)
		return remove_action(ui, db, f, o, msg, msz);
	if (a != KA_RESOLVE)
		return 0;
	if (is_conflict(f)) {
		resolve_copy(ui, db, f, msg, msz);
		return 1;
	}
	keymap_first_key(ui->keys, KV_CHECK, KA_RESOLVE, rs, sizeof rs);
	keymap_first_key(ui->keys, KV_CHECK, KA_REMOVE, rm, sizeof rm);
	snprintf(msg, msz, "%s resolves conflict copies; %s removes temp "
		 "files", rs[0] ? rs : "resolve", rm[0] ? rm : "remove");
	return 0;
}

int inspect_view_check(const struct ui *ui, flockd_db *db)
{
	struct check_model m = {0};
	struct leftover_opts o;
	struct iui_list l = {0};
	char msg[1024] = "";
	int err = load_report(db, &m, &o);
	for (;;) {
		const struct leftover_report *r = &m.set.report;
		draw_check(ui, db, &m, &o, &l, flockd_db_readonly(db), err,
			   msg);
		msg[0] = '\0';
		enum keymap_action a = ui_action(ui, KV_CHECK, ui_key(ui, -1));
		const struct leftover *here = r->n ? &r->v[l.cur] : NULL;
		if (a == KA_CLOSE)
			break;
		if (iui_list_action(&l, a) ||
		    check_mark_action(&m, &l, a, msg, sizeof msg))
			continue;
		if (a == KA_HELP)
			iui_help(ui, KV_CHECK, " Check view keys");
		else if (a == KA_REDRAW)
			clearok(curscr, TRUE);
		else if (check_settle_action(ui, db, &m, here, a, msg,
					     sizeof msg) ||
			 check_action(ui, db, a, here, &o, msg, sizeof msg))
			err = load_report(db, &m, &o);
	}
	conflict_set_free(&m.set);
	settle_marks_done(&m.marks);
	clear();
	return err;
}
