/* SPDX-License-Identifier: MIT */
/*
 * view.c - view sessions: a value kept open under a shared lock while a
 * person looks at it; opening, checking, reloading, handing the bytes over.
 * Saving and deleting (the lock conversion) are in view_save.c.
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

void store_view_drop(struct flockd_view *v)
{
	if (v->fd >= 0)
		close(v->fd);
	v->fd = -1;
	v->locked = 0;
	free(v->value);
	v->value = NULL;
	v->len = 0;
}

void store_view_adopt(struct flockd_view *v, int fd, const struct stat *st)
{
	v->fd = fd;
	v->locked = 1;
	v->st = *st;
	store_stat_from(&v->facts, st);
	clock_gettime(CLOCK_MONOTONIC, &v->locked_since);
}

/* Open the key's current file under a shared lock and read it. */
static int view_load(struct flockd_view *v)
{
	struct store_deadline dl;
	store_deadline_start(&dl, v->table);
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
	store_view_adopt(v, fd, &st);
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
	err = store_table_ready(table, 0);
	if (err != FLOCKD_OK)
		return err;
	struct flockd_view *v = calloc(1, sizeof *v);
	if (v == NULL)
		return store_fail(table, "open key", ENOMEM);
	v->fd = -1;
	memcpy(v->name, name, sizeof name);
	v->key = strdup(key);
	err = v->key == NULL ? ENOMEM : store_table_clone(table, &v->table);
	if (err != FLOCKD_OK)
		store_fail(table, "open key", err);
	else
		err = view_load(v); /* its failures show on `table` too */
	if (err != FLOCKD_OK) {
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
	return v->value;
}

int flockd_view_take_value(flockd_view *v, void **value, size_t *len)
{
	if (v->value == NULL)
		return ENOENT;
	*value = v->value;
	*len = v->len;
	v->value = NULL;
	v->len = 0;
	return FLOCKD_OK;
}

struct timespec flockd_view_locked_since(const flockd_view *v)
{
	return v->locked_since;
}

int flockd_view_locked(const flockd_view *v)
{
	return v->fd >= 0 && v->locked;
}

const struct flockd_stat *flockd_view_stat(const flockd_view *v)
{
	return &v->facts;
}

int store_view_verify(struct flockd_view *v, struct stat *now)
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
	if (now != NULL)
		*now = at_fd;
	return FLOCKD_OK;
}

int store_view_retake_now(struct flockd_view *v)
{
	if (v->locked)
		return 1;
	if (flock(v->fd, LOCK_SH | LOCK_NB) != 0)
		return 0;
	v->locked = 1;
	clock_gettime(CLOCK_MONOTONIC, &v->locked_since);
	return 1;
}

void store_view_relock(struct flockd_view *v)
{
	struct store_deadline dl;
	store_deadline_start(&dl, v->table);
	dl.cancel = NULL; /* taking the lock back is never cancelled */
	v->locked = store_lock_wait(v->fd, LOCK_SH, &dl) == FLOCKD_OK;
	if (v->locked)
		clock_gettime(CLOCK_MONOTONIC, &v->locked_since);
}

int flockd_view_check(flockd_view *v)
{
	if (v->fd < 0)
		return FLOCKD_ENOTFOUND;
	if (!store_view_retake_now(v))
		return FLOCKD_ELOCKLOST;
	return store_view_verify(v, NULL);
}

int flockd_view_reload(flockd_view *v)
{
	store_view_drop(v);
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
	store_view_drop(v);
	flockd_table_close(v->table);
	free(v->key);
	free(v);
}
