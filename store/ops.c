/* SPDX-License-Identifier: MIT */
/*
 * ops.c - the key operations: get, set/create/update, delete, for-each and
 * stat. The write path's pieces (temp files, and installing one as a key
 * under its verified exclusive lock) live in temp.c and install.c, shared
 * with view sessions, rename and batches.
 */
#include "store_write.h"

#include <dirent.h>
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define COPY_CHUNK (256 * 1024)

/* Open `key` under a shared lock, verified (rule 1): the read side of get,
 * get_to_fd, for-each and read handles. */
int store_acquire_shared(flockd_table *t, const char *key, unsigned flags,
			 int *fd, struct stat *st)
{
	char name[NAME_MAX + 1];
	int err = store_key_filename(key, name);
	if (err != FLOCKD_OK)
		return store_fail(t, "check name", err);
	err = store_table_ready(t, 0);
	if (err != FLOCKD_OK)
		return err;
	struct store_deadline dl;
	if (flags & FLOCKD_READ_NOWAIT)
		store_deadline_now(&dl, t);
	else
		store_deadline_start(&dl, t);
	return store_keyfile_acquire(t, name, STORE_OPEN_READ, LOCK_SH, &dl, fd,
				     st);
}

int flockd_get(flockd_table *t, const char *key, void **value, size_t *len)
{
	int fd;
	struct stat st;
	int err = store_acquire_shared(t, key, 0, &fd, &st);
	if (err != FLOCKD_OK)
		return err;
	err = store_read_all(fd, (size_t)st.st_size, value, len);
	close(fd);
	return store_fail(t, "read value", err);
}

int flockd_get_to_fd(flockd_table *t, const char *key, int out,
		     uint64_t *copied)
{
	if (copied != NULL)
		*copied = 0;
	int fd;
	struct stat st;
	int err = store_acquire_shared(t, key, 0, &fd, &st);
	if (err != FLOCKD_OK)
		return err;
	char *buf = malloc(COPY_CHUNK);
	if (buf == NULL) {
		close(fd);
		return store_fail(t, "read value", ENOMEM);
	}
	for (;;) {
		ssize_t got = read(fd, buf, COPY_CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = store_fail(t, "read value", errno);
			break;
		}
		if (got == 0)
			break;
		err = store_write_all(t, out, buf, (size_t)got);
		if (err != FLOCKD_OK) {
			store_fail(t, "write output", err);
			break;
		}
		if (copied != NULL)
			*copied += (uint64_t)got;
	}
	free(buf);
	close(fd);
	return err;
}

/* Write the value into a temp file, make it durable, install it. */
static int write_and_install(flockd_table *t, const char *name,
			     const struct store_source *src,
			     enum flockd_put_mode mode, uint64_t *copied,
			     int *installed)
{
	struct store_temp tmp;
	int err = store_temp_open(t, name, &tmp);
	if (err != FLOCKD_OK)
		return err;
	err = store_temp_fill(t, &tmp, src, copied);
	if (err == FLOCKD_OK)
		err = store_temp_sync(t, &tmp);
	if (err == FLOCKD_OK) {
		struct store_deadline dl;
		store_deadline_start(&dl, t);
		err = store_install(t, name, &tmp, mode, &dl, 0);
	}
	*installed = tmp.installed;
	if (err != FLOCKD_OK)
		store_temp_discard(t, &tmp);
	else
		store_temp_close(&tmp);
	return err;
}

static int put(flockd_table *t, const char *key, const struct store_source *src,
	       enum flockd_put_mode mode, uint64_t *copied)
{
	if (copied != NULL)
		*copied = 0;
	char name[NAME_MAX + 1];
	int err = store_put_prepare(t, key, mode, name);
	int installed = 0;
	uint64_t size = 0;
	if (err == FLOCKD_OK)
		err = write_and_install(t, name, src, mode, &size, &installed);
	store_table_write_done(t, installed);
	if (copied != NULL && installed)
		*copied = size;
	return err;
}

int flockd_set(flockd_table *t, const char *key, const void *value, size_t len)
{
	struct store_source src = {value, len, -1};
	return put(t, key, &src, FLOCKD_PUT_SET, NULL);
}

int flockd_create(flockd_table *t, const char *key, const void *value,
		  size_t len)
{
	struct store_source src = {value, len, -1};
	return put(t, key, &src, FLOCKD_PUT_CREATE, NULL);
}

int flockd_update(flockd_table *t, const char *key, const void *value,
		  size_t len)
{
	struct store_source src = {value, len, -1};
	return put(t, key, &src, FLOCKD_PUT_UPDATE, NULL);
}

int flockd_put_from_fd(flockd_table *t, const char *key, int fd,
		       enum flockd_put_mode mode, uint64_t *copied)
{
	struct store_source src = {NULL, 0, fd};
	return put(t, key, &src, mode, copied);
}

int flockd_delete(flockd_table *t, const char *key)
{
	store_begin_write(t);
	if (t->readonly)
		return store_fail(t, "delete", FLOCKD_EREADONLY);
	char name[NAME_MAX + 1];
	int err = store_key_filename(key, name);
	if (err != FLOCKD_OK)
		return store_fail(t, "check name", err);
	err = store_table_ready(t, 0);
	if (err == FLOCKD_ENOTFOUND)
		return FLOCKD_OK; /* no table, no key */
	if (err != FLOCKD_OK)
		return err;
	struct store_deadline dl;
	store_deadline_start(&dl, t);
	int fd;
	struct stat st;
	err = store_keyfile_acquire(t, name, STORE_OPEN_WRITE, LOCK_EX, &dl, &fd,
				    &st);
	if (err == FLOCKD_ENOTFOUND)
		return FLOCKD_OK; /* already gone (or a placeholder we
				     cannot open: not a key either) */
	if (err != FLOCKD_OK)
		return err;
	/* A placeholder is no key: nothing to delete; cleaners remove
	 * abandoned ones. */
	if (store_is_placeholder(&st))
		err = FLOCKD_OK;
	else if (unlinkat(t->dirfd, name, 0) != 0)
		err = store_fail(t, "unlink key", errno);
	else
		err = store_sync_dir(t);
	close(fd);
	return err;
}

int flockd_foreach(flockd_table *t, flockd_foreach_fn fn, void *ctx)
{
	flockd_scan *scan;
	int err = flockd_scan_open(t, &scan);
	if (err != FLOCKD_OK)
		return store_fail(t, "read directory", err);
	struct flockd_scan_entry entries[256];
	size_t n;
	char key[NAME_MAX + 1];
	while ((err = flockd_scan_next(scan, entries, 256, &n)) == FLOCKD_OK &&
	       n > 0) {
		for (size_t i = 0; i < n && err == FLOCKD_OK; i++) {
			const struct flockd_scan_entry *e = &entries[i];
			if (e->kind != FLOCKD_ENTRY_KEY || e->d_type == DT_DIR)
				continue;
			memcpy(key, e->name + e->key_off, e->key_len);
			key[e->key_len] = '\0';
			void *value;
			size_t len;
			err = flockd_get(t, key, &value, &len);
			if (err == FLOCKD_ENOTFOUND || err == FLOCKD_ENOTREG ||
			    err == FLOCKD_EINVALID) {
				err = FLOCKD_OK; /* gone, or not a value */
				continue;
			}
			if (err != FLOCKD_OK)
				break;
			err = fn(key, value, len, ctx);
			free(value);
		}
		if (err != FLOCKD_OK)
			break;
	}
	flockd_scan_close(scan);
	return err;
}

int flockd_entry_stat(flockd_table *t, const char *name,
		      struct flockd_stat *out)
{
	struct stat st;
	if (name == NULL || *name == '\0' || strchr(name, '/') != NULL)
		return FLOCKD_EINVALID;
	int err = store_table_ready(t, 0);
	if (err != FLOCKD_OK)
		return err;
	if (fstatat(t->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? FLOCKD_ENOTFOUND : errno;
	store_stat_from(out, &st);
	return FLOCKD_OK;
}

int flockd_key_stat(flockd_table *t, const char *key, struct flockd_stat *out)
{
	char name[NAME_MAX + 1];
	int err = store_key_filename(key, name);
	if (err != FLOCKD_OK)
		return err;
	return flockd_entry_stat(t, name, out);
}
