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

static void draw_check(const struct leftover_report *r, struct iui_list *l,
		       int readonly, int err, const char *msg)
{
	erase();
	char title[160];
	snprintf(title, sizeof title, " Check: %zu finding%s%s%s", r->n,
		 r->n == 1 ? "" : "s",
		 r->ntroubles ? ", some tables could not be read" : "",
		 readonly ? "  [read-only]" : "");
	iui_title(title);
	iui_put(1, 0, COLS, "KIND            AGE   PATH / DETAIL", 0, A_BOLD);
	size_t page = LINES > 3 ? (size_t)(LINES - 3) : 1;
	iui_list_fit(l, r->n, page);
	if (err != 0)
		iui_put(2, 0, COLS, flockd_strerror(err), 0, A_BOLD);
	else if (r->n == 0)
		iui_put(2, 0, COLS, "no leftovers found", 0, 0);
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
		iui_put(2 + (int)(i - l->top), 0, COLS, line, 0,
			i == l->cur ? A_REVERSE : 0);
	}
	iui_status(" d remove stale temp  Enter resolve conflict copy  "
		   "r rescan  q back", msg);
	refresh();
}

/* Remove the selected temp file after confirmation. */
static void remove_temp(flockd_db *db, const struct leftover *f, char *msg,
			size_t msz)
{
	char *path = textsafe_name_str(f->path);
	char q[4200];
	snprintf(q, sizeof q, "Remove %s %s?", leftover_kind_text(f->kind),
		 path ? path : "?");
	free(path);
	if (!iui_confirm(q)) {
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
	snprintf(lcopy, sizeof lcopy, "copy %s", copy);
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

int inspect_view_check(flockd_db *db)
{
	struct leftover_report r = {0};
	struct iui_list l = {0};
	int readonly = flockd_db_readonly(db);
	char msg[512] = "";
	int err = load_report(db, &r);
	for (;;) {
		draw_check(&r, &l, readonly, err, msg);
		msg[0] = '\0';
		int key = iui_getkey(-1);
		if (key == 'q' || key == INSPECT_KEY_ESC)
			break;
		if (iui_list_key(&l, key))
			continue;
		const struct leftover *f = r.n ? &r.v[l.cur] : NULL;
		if (key == 'r') {
			err = load_report(db, &r);
		} else if (key == 'd' && f != NULL) {
			if (!leftover_is_temp(f->kind))
				snprintf(msg, sizeof msg, "only temp files can "
					 "be removed here");
			else if (readonly)
				snprintf(msg, sizeof msg, READONLY_MSG);
			else {
				remove_temp(db, f, msg, sizeof msg);
				err = load_report(db, &r);
			}
		} else if ((key == '\n' || key == '\r' || key == KEY_ENTER) &&
			   f != NULL) {
			if (f->kind != LEFTOVER_CONFLICT_COPY) {
				snprintf(msg, sizeof msg, "Enter resolves "
					 "conflict copies; d removes temp files");
			} else {
				resolve_copy(db, f, msg, sizeof msg);
				err = load_report(db, &r);
			}
		}
	}
	leftover_report_free(&r);
	clear();
	return err;
}
