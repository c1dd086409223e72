/* SPDX-License-Identifier: MIT */
/*
 * view_save.c - saving and deleting through a view session: convert the
 * shared lock to exclusive, verify that nobody changed the key in between
 * (the conversion is not atomic), then write; on any failure take the
 * shared lock back, so the view keeps protecting what is on screen, or
 * say that it is lost.
 */
#include "store_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* Convert to exclusive within the timeout and verify, once. Verified:
 * FLOCKD_OK, *now the viewed file's fstat and *changed 0. With
 * FLOCKD_SAVE_FORCE a key that changed (another file, modified, gone) is
 * FLOCKD_OK with *changed 1 and our lock given up, so that the common
 * write path can lock whatever the key is now (even our own file,
 * modified in place) without waiting for ourselves. On failure the view is
 * back under a shared lock when it can get one (flockd_view_locked) and
 * the error says why: a conflict only when the key changed, else the
 * error that kept us from telling. */
static int view_lock_exclusive(struct flockd_view *v, unsigned flags,
			       struct stat *now, int *changed)
{
	struct store_deadline dl;
	store_deadline_start(&dl, v->table);
	*changed = 0;
	int err = store_lock_wait(v->fd, LOCK_EX, &dl);
	if (err != FLOCKD_OK) {
		/* A failed conversion has dropped our shared lock. */
		store_view_relock(v);
		return store_fail(v->table, "lock", err);
	}
	err = store_view_verify(v, now);
	if (err == FLOCKD_OK)
		return FLOCKD_OK;
	int differs = err == FLOCKD_ECONFLICT || err == FLOCKD_ENOTFOUND;
	if (differs && (flags & FLOCKD_SAVE_FORCE)) {
		flock(v->fd, LOCK_UN);
		v->locked = 0;
		*changed = 1;
		return FLOCKD_OK;
	}
	store_view_relock(v);
	return store_fail(v->table, "verify key",
			  differs ? FLOCKD_ECONFLICT : err);
}

/* The checks every save and delete starts with. */
static int view_writable(struct flockd_view *v, const char *what)
{
	flockd_table *t = v->table;
	store_begin_write(t);
	if (t->readonly)
		return store_fail(t, what, FLOCKD_EREADONLY);
	if (v->fd < 0)
		return store_fail(t, what, EBADF);
	if (!store_view_retake_now(v))
		return store_fail(t, "lock", FLOCKD_ELOCKLOST);
	return FLOCKD_OK;
}

/* Write the new value into a temp file with the viewed file's mode and
 * owner, durable. */
static int view_write_temp(struct flockd_view *v, const void *value,
			   size_t len, struct store_temp *tmp)
{
	flockd_table *t = v->table;
	int err = store_temp_open(t, v->name, tmp);
	if (err != FLOCKD_OK)
		return err;
	struct store_source src = {value, len, -1};
	int changed;
	err = store_temp_fill(t, tmp, &src, NULL);
	if (err == FLOCKD_OK)
		err = store_temp_adopt(t, tmp, &v->st, &changed);
	if (err == FLOCKD_OK)
		err = store_temp_sync(t, tmp);
	if (err != FLOCKD_OK)
		store_temp_discard(t, tmp);
	return err;
}

/* Under the exclusive lock: the verified key (whose fstat is *now) is
 * replaced by rename; a changed key (FORCE) through the common write path,
 * which locks and verifies whatever the key is now. */
static int view_install(struct flockd_view *v, struct store_temp *tmp,
			const struct stat *now, int changed)
{
	flockd_table *t = v->table;
	if (!changed)
		return store_install_locked(t, v->name, tmp, now, 0);
	struct store_deadline dl;
	store_deadline_start(&dl, t);
	return store_install(t, v->name, tmp, FLOCKD_PUT_SET, &dl, 0);
}

/* The temp file is the key now and we hold it exclusively: go on viewing
 * it under a shared lock. The old file's lock goes with its descriptor.
 * Its facts are those recorded before the rename (tmp->st), which the
 * rename does not change: asking again could fail and leave the view
 * without them, when the save itself went well. */
static void view_move_on(struct flockd_view *v, struct store_temp *tmp,
			 void *copy, size_t len)
{
	struct stat st = tmp->st;
	st.st_nlink = 1; /* its one name now: the key's */
	close(v->fd);
	free(v->value);
	v->value = copy;
	v->len = copy != NULL ? len : 0;
	store_view_adopt(v, tmp->fd, &st);
	tmp->fd = -1;
	/* downgrading is not atomic either: a writer may get in, which
	 * flockd_view_check then reports */
	if (flock(v->fd, LOCK_SH | LOCK_NB) != 0)
		store_view_relock(v);
}

int flockd_view_save(flockd_view *v, const void *value, size_t len,
		     unsigned flags)
{
	flockd_table *t = v->table;
	int err = view_writable(v, "save");
	if (err != FLOCKD_OK)
		return err;
	void *copy = NULL;
	if (!(flags & FLOCKD_SAVE_NOCOPY)) {
		copy = malloc(len ? len : 1);
		if (copy == NULL)
			return store_fail(t, "save", ENOMEM);
		memcpy(copy, value, len);
	}
	struct store_temp tmp;
	err = view_write_temp(v, value, len, &tmp);
	if (err != FLOCKD_OK) {
		free(copy);
		return err;
	}
	struct stat now;
	int changed;
	err = view_lock_exclusive(v, flags, &now, &changed);
	if (err == FLOCKD_OK) {
		err = view_install(v, &tmp, &now, changed);
		if (err != FLOCKD_OK && !tmp.installed)
			store_view_relock(v); /* back to shared */
	}
	if (err != FLOCKD_OK && !tmp.installed) {
		store_temp_discard(t, &tmp);
		free(copy);
		return err;
	}
	/* Installed, even if only the directory fsync (or removing a second
	 * name) failed: then the caller learns that error. */
	view_move_on(v, &tmp, copy, len);
	return err;
}

int flockd_view_delete(flockd_view *v, unsigned flags)
{
	flockd_table *t = v->table;
	struct stat now;
	int changed = 0;
	int err = view_writable(v, "delete");
	if (err == FLOCKD_OK)
		err = view_lock_exclusive(v, flags, &now, &changed);
	if (err != FLOCKD_OK)
		return err;
	if (changed) {
		/* FORCE: delete whatever the key is now, with the usual lock */
		err = flockd_delete(t, v->key);
	} else if (unlinkat(t->dirfd, v->name, 0) != 0) {
		err = store_fail(t, "unlink key", errno);
	} else {
		err = store_sync_dir(t);
		if (err != FLOCKD_OK) {
			store_view_drop(v); /* gone, if not durably */
			return err;
		}
	}
	if (err != FLOCKD_OK) {
		store_view_relock(v);
		return err;
	}
	store_view_drop(v);
	return FLOCKD_OK;
}
