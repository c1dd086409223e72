/* view_check.c - the browser's check view: leftovers of the database, with
 * removal of stale temp files and resolution of conflict copies. */
#include "inspect/inspect_views.h"

#include "common/curses_ui.h"
#include "common/textsafe.h"
#include "inspect/inspect_text.h"
#include "inspect/inspect_ui.h"
#include "inspect/leftovers.h"
#include "inspect/view_pair.h"
#include "ui/ask.h"
#include "ui/draw.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define READONLY_MSG "read-only: nothing changed (open the database without -r)"

static int load_report(flockd_db *db, struct leftover_report *r)
{
	leftover_report_free(r);
	struct proc_locks locks;
	int have = proc_locks_load(PROC_LOCKS_PATH, &locks) == 0;
	int err = leftovers_check_db(db, have ? &locks : NULL, r);
	if (have)
		proc_locks_free(&locks);
	return err;
}

static void draw_check(const struct ui *ui, const struct leftover_report *r,
		       struct iui_list *l, int readonly, int err,
		       const char *msg)
{
	static const struct keymap_hint hints[] = {
		{KA_REMOVE, "remove stale temp"},
		{KA_RESOLVE, "resolve conflict copy"},
		{KA_RELOAD, "rescan"}, {KA_HELP, "help"}, {KA_CLOSE, "back"},
	};
	erase();
	char title[160];
	snprintf(title, sizeof title, " Check: %zu finding%s%s%s", r->n,
		 r->n == 1 ? "" : "s",
		 r->ntroubles ? ", some tables could not be read" : "",
		 readonly ? "  [read-only]" : "");
	ui_bar(ui, 0, title);
	iui_put(ui, 1, 0, COLS, "KIND            AGE   PATH / DETAIL", 0,
		ui_attr(ui, THEME_HEADER));
	size_t page = LINES > 3 ? (size_t)(LINES - 3) : 1;
	iui_list_fit(l, r->n, page);
	if (err != 0)
		iui_put(ui, 2, 0, COLS, flockd_strerror(err), 0,
			ui_attr(ui, THEME_ERROR));
	else if (r->n == 0)
		iui_put(ui, 2, 0, COLS, "no leftovers found", 0, A_NORMAL);
	time_t now = time(NULL);
	for (size_t i = l->top; i < r->n && i < l->top + page; i++) {
		const struct leftover *f = &r->v[i];
		char age[32];
		inspect_format_age(&f->mtime, now, age, sizeof age);
		char *path = textsafe_name_str(f->path);
		char *key = f->key ? textsafe_name_str(f->key) : NULL;
		char line[8192];
		snprintf(line, sizeof line, "%-15s %5s  %s  (%s%s%s%s)",
			 leftover_kind_name(f->kind), age, path ? path : "?",
			 leftover_kind_text(f->kind), key ? ", key " : "",
			 key ? key : "",
			 f->kind == LEFTOVER_CONFLICT_COPY && !f->key_exists
				 ? ", key missing" : "");
		free(path);
		free(key);
		iui_put(ui, 2 + (int)(i - l->top), 0, COLS, line, 0,
			i == l->cur ? ui_attr(ui, THEME_CURSOR) : A_NORMAL);
	}
	iui_status(ui, KV_CHECK, hints, sizeof hints / sizeof hints[0], NULL,
		   msg);
	refresh();
}

/* Remove the selected temp file after confirmation. */
static void remove_temp(const struct ui *ui, flockd_db *db,
			const struct leftover *f, char *msg, size_t msz)
{
	char *path = textsafe_name_str(f->path);
	char q[4200];
	snprintf(q, sizeof q, "Remove %s %s?", leftover_kind_text(f->kind),
		 path ? path : "?");
	free(path);
	if (!ask_yesno(ui, q)) {
		snprintf(msg, msz, "nothing removed");
		return;
	}
	flockd_table *t;
	int err = flockd_table_open(db, f->table, 0, &t);
	if (err == 0) {
		/* age 0: the user chose; the lock is still re-checked */
		err = leftover_remove_temp(flockd_table_dirfd(t), f->name,
					   time(NULL), 0);
		flockd_table_close(t);
	}
	snprintf(msg, msz, "%s",
		 err == 0 ? "removed"
		 : err == LEFTOVER_KEPT_LOCKED
			 ? "kept: a process holds a lock on it now"
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
	if (err == 0)
		err = remove_copy(p->t, p->copy, p->cv, p->clen);
	if (err == FLOCKD_ECONFLICT || err == FLOCKD_EEXIST)
		snprintf(msg, msz, "%s changed since shown: look again",
			 act == KA_KEEP_COPY && err == FLOCKD_EEXIST
				 ? "the key" : "a value");
	else if (err != 0)
		snprintf(msg, msz, "failed: %s", flockd_strerror(err));
	else
		snprintf(msg, msz, act == KA_KEEP_COPY
			 ? "the copy's value is now the key's; copy removed"
			 : "kept the key's value; copy removed");
}

/* The two values side by side until the user keeps one (confirmed) or
 * leaves. */
static void decide(const struct ui *ui, const struct copy_pair *p,
		   int readonly, char *msg, size_t msz)
{
	char title[2048], lkey[1100], lcopy[1100], q[2400];
	snprintf(title, sizeof title, "Conflict copy of %s", p->f->key);
	snprintf(lkey, sizeof lkey, "key %s", p->f->key);
	snprintf(lcopy, sizeof lcopy, "copy %s", p->copy);
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
		act_on_copy(p, act, msg, msz);
		return;
	}
}

static void resolve_copy(const struct ui *ui, flockd_db *db,
			 const struct leftover *f, char *msg, size_t msz)
{
	struct copy_pair p = {.f = f};
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

/* An action of the check view on the selected finding `f` (may be NULL);
 * non-zero when the report must be read again. */
static int check_action(const struct ui *ui, flockd_db *db,
			enum keymap_action a, const struct leftover *f,
			char *msg, size_t msz)
{
	char rm[KEYCODE_NAME_MAX], rs[KEYCODE_NAME_MAX];
	int readonly = flockd_db_readonly(db);
	if (a == KA_RELOAD)
		return 1;
	if (f == NULL)
		return 0;
	if (a == KA_REMOVE) {
		if (!leftover_is_temp(f->kind))
			snprintf(msg, msz, "only temp files can be removed "
				 "here");
		else if (readonly)
			snprintf(msg, msz, READONLY_MSG);
		else
			remove_temp(ui, db, f, msg, msz);
		return !readonly && leftover_is_temp(f->kind);
	}
	if (a != KA_RESOLVE)
		return 0;
	if (f->kind == LEFTOVER_CONFLICT_COPY) {
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
	struct leftover_report r = {0};
	struct iui_list l = {0};
	char msg[512] = "";
	int err = load_report(db, &r);
	for (;;) {
		draw_check(ui, &r, &l, flockd_db_readonly(db), err, msg);
		msg[0] = '\0';
		enum keymap_action a = ui_action(ui, KV_CHECK, ui_key(ui, -1));
		if (a == KA_CLOSE)
			break;
		if (iui_list_action(&l, a))
			continue;
		if (a == KA_HELP)
			iui_help(ui, KV_CHECK, " Check view keys");
		else if (a == KA_REDRAW)
			clearok(curscr, TRUE);
		else if (check_action(ui, db, a, r.n ? &r.v[l.cur] : NULL,
				      msg, sizeof msg))
			err = load_report(db, &r);
	}
	leftover_report_free(&r);
	clear();
	return err;
}
