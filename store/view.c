/*
 * view.c - view sessions (spec section 5): a value kept open under a shared
 * lock while a person looks at it, saved or deleted by converting the lock
 * to exclusive and verifying that nobody changed the key in between.
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

struct flockd_view {
	flockd_table *table; /* own clone: the view outlives the caller's */
	char *key;
	char name[NAME_MAX + 1];
	int fd;              /* the viewed file, shared-locked; -1 if none */
	struct stat st;      /* fstat of fd when read */
	struct flockd_stat facts;
	void *value;
	size_t len;
	struct timespec locked_since;
};

static void view_drop(struct flockd_view *v)
{
	if (v->fd >= 0)
		close(v->fd);
	v->fd = -1;
	free(v->value);
	v->value = NULL;
	v->len = 0;
}

static void view_adopt(struct flockd_view *v, int fd, const struct stat *st)
{
	v->fd = fd;
	v->st = *st;
	store_stat_from(&v->facts, st);
	clock_gettime(CLOCK_MONOTONIC, &v->locked_since);
}

/* Open the key's current file under a shared lock and read it. */
static int view_load(struct flockd_view *v)
{
	struct store_deadline dl;
	store_deadline_start(&dl, v->table->timeout_ms);
	int fd;
	struct stat st;
	int err = store_keyfile_acquire(v->table, v->name, STORE_OPEN_READ,
					LOCK_SH, &dl, &fd, &st);
	if (err != FLOCKD_OK)
		return err;
	void *value;
	size_t len;
	err = store_read_all(fd, (size_t)st.st_size, &value, &len);
	if (err != FLOCKD_OK) {
		close(fd);
		return store_fail(v->table, "read value", err);
	}
	view_adopt(v, fd, &st);
	v->value = value;
	v->len = len;
	return FLOCKD_OK;
}

int flockd_view_open(flockd_table *table, const char *key, flockd_view **out)
{
	char name[NAME_MAX + 1];
	int err = store_key_filename(key, name);
	if (err != FLOCKD_OK)
		return store_fail(table, "check name", err);
	struct flockd_view *v = calloc(1, sizeof *v);
	if (v == NULL)
		return ENOMEM;
	v->fd = -1;
	memcpy(v->name, name, sizeof name);
	v->key = strdup(key);
	err = v->key == NULL ? ENOMEM : store_table_clone(table, &v->table);
	if (err == FLOCKD_OK)
		err = view_load(v);
	if (err != FLOCKD_OK) {
		if (v->table != NULL)
			store_fail(table, v->table->last_step, err);
		flockd_view_close(v);
		return err;
	}
	*out = v;
	return FLOCKD_OK;
}

const char *flockd_view_key(const flockd_view *v) { return v->key; }

const void *flockd_view_value(const flockd_view *v, size_t *len)
{
	*len = v->len;
	return v->value != NULL ? v->value : (const void *)"";
}

struct timespec flockd_view_locked_since(const flockd_view *v)
{
	return v->locked_since;
}

const struct flockd_stat *flockd_view_stat(const flockd_view *v)
{
	return &v->facts;
}

/* Is the key still exactly the file we read? FLOCKD_OK, ECONFLICT,
 * ENOTFOUND or errno. */
static int view_verify(struct flockd_view *v)
{
	struct stat at_name, at_fd;
	if (fstatat(v->table->dirfd, v->name, &at_name, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? FLOCKD_ENOTFOUND : errno;
	if (fstat(v->fd, &at_fd) != 0)
		return errno;
	/* Another file under the name (rsync, Syncthing, a writer that got
	 * in during the lock conversion), or ours modified in place. */
	if (!store_same_file(&at_name, &v->st) ||
	    !store_same_content(&at_fd, &v->st) || at_fd.st_nlink == 0)
		return FLOCKD_ECONFLICT;
	return FLOCKD_OK;
}

int flockd_view_check(flockd_view *v)
{
	if (v->fd < 0)
		return FLOCKD_ENOTFOUND;
	return view_verify(v);
}

/* Back from exclusive (or nothing) to shared on the viewed file, so the
 * view keeps protecting what is on screen. */
static void view_relock_shared(struct flockd_view *v)
{
	struct store_deadline dl;
	store_deadline_start(&dl, v->table->timeout_ms);
	if (store_lock_wait(v->fd, LOCK_SH, &dl) == FLOCKD_OK)
		clock_gettime(CLOCK_MONOTONIC, &v->locked_since);
}

/* Convert to exclusive within the timeout and verify. On failure the view
 * is back under a shared lock (when it can get one) and the error says why. */
static int view_lock_exclusive(struct flockd_view *v, unsigned flags)
{
	struct store_deadline dl;
	store_deadline_start(&dl, v->table->timeout_ms);
	int err = store_lock_wait(v->fd, LOCK_EX, &dl);
	if (err != FLOCKD_OK) {
		/* A failed conversion has dropped our shared lock. */
		view_relock_shared(v);
		return store_fail(v->table, "lock", err);
	}
	err = view_verify(v);
	if (err == FLOCKD_OK || (flags & FLOCKD_SAVE_FORCE))
		return FLOCKD_OK;
	view_relock_shared(v);
	return store_fail(v->table, "verify key",
			  err == FLOCKD_ENOTFOUND ? FLOCKD_ECONFLICT : err);
}

/* Did the temp file become the key (renamed or linked into place)? Then
 * its name is gone from the directory. */
static int temp_installed(flockd_table *t, const char *tmpname, int tmpfd)
{
	struct stat st;
	return tmpfd >= 0 &&
	       fstatat(t->dirfd, tmpname, &st, AT_SYMLINK_NOFOLLOW) != 0 &&
	       errno == ENOENT;
}

int flockd_view_save(flockd_view *v, const void *value, size_t len,
		     unsigned flags)
{
	flockd_table *t = v->table;
	if (t->readonly)
		return store_fail(t, "save", FLOCKD_EREADONLY);
	if (v->fd < 0)
		return store_fail(t, "save", EBADF);
	void *copy = malloc(len ? len : 1);
	if (copy == NULL)
		return store_fail(t, "save", ENOMEM);
	memcpy(copy, value, len);

	char tmpname[NAME_MAX + 1];
	int tmpfd = -1;
	int err = store_temp_create(t, v->name, tmpname, &tmpfd);
	struct store_source src = {value, len, -1};
	if (err == FLOCKD_OK)
		err = store_fill_temp(t, tmpfd, &src, NULL);
	if (err == FLOCKD_OK)
		err = view_lock_exclusive(v, flags);
	if (err == FLOCKD_OK) {
		if (view_verify(v) == FLOCKD_OK) {
			if (renameat(t->dirfd, tmpname, t->dirfd, v->name) != 0)
				err = store_fail(t, "rename temp file", errno);
			else
				err = store_sync_dir(t);
		} else {
			/* FORCE over a changed key: the common write path
			 * locks and verifies whatever the key is now (and
			 * syncs the directory). */
			struct store_deadline dl;
			store_deadline_start(&dl, t->timeout_ms);
			err = store_install(t, v->name, tmpname, tmpfd,
					    FLOCKD_PUT_SET, &dl);
		}
	}
	if (err != FLOCKD_OK && !temp_installed(t, tmpname, tmpfd)) {
		if (v->fd >= 0)
			view_relock_shared(v);
		if (tmpfd >= 0)
			store_temp_discard(t, tmpname, tmpfd);
		free(copy);
		return err;
	}
	/* The temp file is the key now (even if only the directory fsync
	 * failed: then the caller learns that error), and we hold it
	 * exclusively: go on viewing it under a shared lock. The old file's
	 * lock goes with its descriptor. */
	struct stat st;
	if (fstat(tmpfd, &st) != 0)
		memset(&st, 0, sizeof st);
	close(v->fd);
	free(v->value);
	v->value = copy;
	v->len = len;
	view_adopt(v, tmpfd, &st);
	if (flock(tmpfd, LOCK_SH | LOCK_NB) != 0)
		view_relock_shared(v);
	return err;
}

int flockd_view_delete(flockd_view *v, unsigned flags)
{
	flockd_table *t = v->table;
	if (t->readonly)
		return store_fail(t, "delete", FLOCKD_EREADONLY);
	if (v->fd < 0)
		return store_fail(t, "delete", EBADF);
	int err = view_lock_exclusive(v, flags);
	if (err != FLOCKD_OK)
		return err;
	if (view_verify(v) != FLOCKD_OK) {
		/* FORCE: delete whatever the key is now, with the usual lock */
		err = flockd_delete(t, v->key);
	} else if (unlinkat(t->dirfd, v->name, 0) != 0) {
		err = store_fail(t, "unlink key", errno);
	} else {
		err = store_sync_dir(t);
	}
	if (err != FLOCKD_OK) {
		view_relock_shared(v);
		return err;
	}
	view_drop(v);
	return FLOCKD_OK;
}

int flockd_view_reload(flockd_view *v)
{
	view_drop(v);
	return view_load(v);
}

int flockd_view_read_current(flockd_view *v, void **value, size_t *len)
{
	return flockd_get(v->table, v->key, value, len);
}

void flockd_view_close(flockd_view *v)
{
	if (v == NULL)
		return;
	view_drop(v);
	flockd_table_close(v->table);
	free(v->key);
	free(v);
}
