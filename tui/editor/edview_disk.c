/* SPDX-License-Identifier: MIT */
/* edview_disk.c - the editor screen and the disk: loading the view's
 * bytes, reloading, the poll that notices changes behind the lock, saving,
 * closing, deleting, and ending with a recovery file. */
#include "editor/edview.h"
#include "editor/edsave.h"

#include "common/curses_ui.h"
#include "inspect/lock_holders.h"
#include "ui/ask.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The view's bytes become the buffer's (taken, not copied: a value is
 * held once). */
void edview_load_from_view(struct edview *v)
{
	size_t len = 0;
	void *val = NULL;
	if (flockd_view_take_value(v->s->view, &val, &len) != 0) {
		edsession_say(v->s, 1, "%s: the value on disk could not be "
			      "read into the editor", v->s->key_shown);
		return;
	}
	edbuf_reset_take(&v->eb, val, len);
	if (v->cursor > len)
		v->cursor = len;
	if (!v->hex)
		v->cursor = edview_snap(v, v->cursor);
	v->nibble = 0;
	v->disk_state = 0;
}

/* A view opened after a save (a new key, another key) read its bytes:
 * the buffer has them, so they are not held twice. */
static void drop_view_bytes(struct edview *v)
{
	size_t n;
	void *bytes;
	if (v->s->view != NULL && flockd_view_value(v->s->view, &n) != NULL &&
	    flockd_view_take_value(v->s->view, &bytes, &n) == 0)
		free(bytes);
}

void edview_reload(struct edview *v)
{
	struct edsession *s = v->s;
	if (s->view == NULL || s->is_new) {
		edsession_say(s, 1, "%s: nothing to reload", s->key_shown);
		return;
	}
	int err = flockd_view_reload(s->view);
	if (err) {
		flockd_view_close(s->view);
		s->view = NULL;
		edsession_say_error(s, "reload", err);
		return;
	}
	edview_load_from_view(v);
	edsession_say(s, 0, "reloaded %s from disk", s->key_shown);
}

/* -------------------------------------------------- polling the disk */

int edview_long_lock(const struct edview *v, struct timespec now)
{
	if (v->s->view == NULL)
		return 0;
	struct timespec since = flockd_view_locked_since(v->s->view);
	long long ms = (long long)(now.tv_sec - since.tv_sec) * 1000 +
		       (now.tv_nsec - since.tv_nsec) / 1000000;
	return ms >= settings_ms(v->s->ui->set, SET_LONG_LOCK);
}

/* After the long-lock time under the shared lock, who waits for it
 * (blocking lockers only: flockd's and Go's writers poll, unseen), every
 * 5 s. */
static void check_waiters(struct edview *v, struct timespec now)
{
	struct edsession *s = v->s;
	if (s->view == NULL) {
		v->waiting[0] = '\0';
		return;
	}
	if (!edview_long_lock(v, now) ||
	    now.tv_sec - v->last_waiters.tv_sec < 5)
		return;
	v->last_waiters = now;
	struct proc_locks locks = {0};
	char who[sizeof v->waiting];
	int waiters = 0;
	v->waiting[0] = '\0';
	if (proc_locks_load(PROC_LOCKS_PATH, &locks) != 0)
		return;
	lock_holders_describe(s->table, s->key, &locks, PROC_ROOT,
			      (long)getpid(), who, sizeof who, &waiters);
	proc_locks_free(&locks);
	const char *w = strstr(who, "waiting: ");
	if (waiters > 0 && w != NULL)
		snprintf(v->waiting, sizeof v->waiting, "%s", w);
}

void edview_poll_disk(struct edview *v)
{
	struct edsession *s = v->s;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (now.tv_sec - v->last_check.tv_sec) * 1000 +
		  (now.tv_nsec - v->last_check.tv_nsec) / 1000000;
	if (ms < 900)
		return;
	v->last_check = now;
	check_waiters(v, now);
	char save[KEYCODE_NAME_MAX];
	edsession_key_hint(s, KA_SAVE, save, sizeof save);
	if (edsession_table_gone(s)) {
		if (v->disk_state != EDVIEW_TABLE_GONE)
			edsession_say(s, 1, "the directory of %s's table was "
				      "removed or moved: %s saves your text "
				      "elsewhere", s->key_shown,
				      save[0] ? save : "save");
		v->disk_state = EDVIEW_TABLE_GONE;
		return;
	}
	if (s->view == NULL)
		return;
	int st = flockd_view_check(s->view);
	if (st != FLOCKD_ECONFLICT && st != FLOCKD_ENOTFOUND) {
		if (st == FLOCKD_OK)
			v->disk_state = 0;
		return;
	}
	if (st == v->disk_state)
		return;
	v->disk_state = st;
	if (st == FLOCKD_ENOTFOUND) {
		edsession_say(s, 1, "%s was deleted or renamed on disk by a "
			      "program that ignores locks; %s offers to create "
			      "it again or save it elsewhere", s->key_shown,
			      save[0] ? save : "save");
		return;
	}
	edsession_say(s, 1, "%s was replaced on disk by a program that "
		      "ignores locks (rsync, Syncthing?)", s->key_shown);
	edview_draw(v);
	static const struct ask_choice choices[] = {
		{KA_RELOAD_THEIRS, "reload theirs"},
		{KA_KEEP_MINE, "keep mine (saving will ask)"},
	};
	char q[300], reload[KEYCODE_NAME_MAX];
	snprintf(q, sizeof q, "%s changed on disk behind the lock%s:",
		 s->key_shown,
		 edbuf_modified(&v->eb) ? " (reloading drops your edits)" : "");
	if (ask_choose(s->ui, KV_CHANGED, q, choices, 2) == KA_RELOAD_THEIRS) {
		edview_reload(v);
		return;
	}
	edsession_key_hint(s, KA_RELOAD, reload, sizeof reload);
	edsession_say(s, 1, "%s changed on disk: %s reloads theirs, %s asks "
		      "what to do", s->key_shown, reload[0] ? reload : "reload",
		      save[0] ? save : "save");
}

/* ---------------------------------------------------- save and close */

int edview_save(struct edview *v)
{
	struct edsession *s = v->s;
	if (!s->is_new && s->view != NULL && !s->read_only &&
	    !edbuf_modified(&v->eb)) {
		/* nothing to write: a new file (inode, mtime) would make
		 * sync tools copy an unchanged value everywhere */
		edsession_say(s, 0, "%s: no changes to save (nothing "
			      "written)", s->key_shown);
		return 1;
	}
	const unsigned char *bytes = gapbuf_contents(&v->eb.gb);
	size_t len = edbuf_len(&v->eb);
	switch (edsave_run(v->s, bytes, len)) {
	case EDSAVE_SAVED:   /* maybe under another key now: the title
				names it */
	case EDSAVE_SAVED_AS: /* in a file: the text is safe */
		edbuf_mark_saved(&v->eb);
		edrecover_done(s);
		v->disk_state = 0;
		drop_view_bytes(v);
		return 1;
	case EDSAVE_RELOADED:
		edview_load_from_view(v);
		return 0;
	case EDSAVE_DISCARDED:
		edrecover_done(s);
		v->quit = 1;
		return 0;
	default:
		return 0;
	}
}

void edview_close(struct edview *v)
{
	struct edsession *s = v->s;
	if (!edbuf_modified(&v->eb) || s->read_only) {
		if (s->is_new)
			edsession_say(s, 0, "%s was not created", s->key_shown);
		v->quit = 1;
		return;
	}
	static const struct ask_choice choices[] = {
		{KA_SAVE, "save"},
		{KA_DISCARD, "discard"},
		{KA_CANCEL, "cancel"},
	};
	char q[300];
	snprintf(q, sizeof q, "%s is modified. Save your changes?",
		 s->key_shown);
	switch (ask_choose(s->ui, KV_UNSAVED, q, choices, 3)) {
	case KA_SAVE:
		if (edview_save(v))
			v->quit = 1;
		break;
	case KA_DISCARD:
		edsession_say(s, 0, "discarded your changes to %s",
			      s->key_shown);
		edrecover_done(s);
		v->quit = 1;
		break;
	default:
		edsession_say(s, 0, "still editing %s", s->key_shown);
		break;
	}
}

struct view_delete {
	flockd_view *view;
	unsigned flags;
};

static int view_delete_call(void *arg)
{
	struct view_delete *d = arg;
	return flockd_view_delete(d->view, d->flags);
}

void edview_delete(struct edview *v)
{
	struct edsession *s = v->s;
	if (edview_refuse_read_only(v))
		return;
	if (s->is_new || s->view == NULL) {
		edsession_say(s, 1, "%s is not on disk: nothing to delete",
			      s->key_shown);
		return;
	}
	char q[300];
	snprintf(q, sizeof q, "Delete key %s?", s->key_shown);
	if (!ask_yesno(s->ui, q)) {
		edsession_say(s, 0, "not deleted");
		return;
	}
	snprintf(q, sizeof q, "deleting %s: waiting for the exclusive lock",
		 s->key_shown);
	struct view_delete d = {s->view, 0};
	int err = edsession_wait(s, q, view_delete_call, &d);
	if (err == FLOCKD_ECONFLICT) {
		snprintf(q, sizeof q, "%s changed on disk since you opened it. "
			 "Delete it anyway?", s->key_shown);
		if (!ask_yesno(s->ui, q)) {
			edsession_say(s, 0, "not deleted");
			return;
		}
		d.flags = FLOCKD_SAVE_FORCE;
		snprintf(q, sizeof q, "deleting %s: waiting for the exclusive "
			 "lock", s->key_shown);
		err = edsession_wait(s, q, view_delete_call, &d);
	}
	if (err == ECANCELED) {
		edsession_say_error(s, "delete", err);
		return;
	}
	if (err == FLOCKD_ETIMEOUT) {
		edsession_say(s, 1, "%s: not deleted: the exclusive lock did "
			      "not come within %.1fs (another process holds a "
			      "lock)", s->key_shown, s->timeout_ms / 1000.0);
		return;
	}
	if (err) {
		edsession_say_error(s, "delete", err);
		return;
	}
	edsession_say(s, 0, "deleted %s", s->key_shown);
	s->outcome = EDITOR_DELETED;
	v->quit = 1;
}

/* The program must end (SIGHUP, SIGTERM, the terminal went away): keep
 * unsaved text in a recovery file, and close without asking anything. */
void edview_hang_up(struct edview *v)
{
	struct edsession *s = v->s;
	size_t len = edbuf_len(&v->eb);
	if (!s->read_only && (edbuf_modified(&v->eb) || (s->is_new && len)))
		edrecover_write(s, gapbuf_contents(&v->eb.gb), len);
	v->quit = 1;
}

