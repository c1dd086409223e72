/*
 * ops.c - the key operations: get, set/create/update, delete, for-each and
 * stat. The write path (temp file, fsync, exclusive lock on the verified
 * key, rename or link, fsync of the directory) lives in store_install so
 * that view sessions reuse it.
 */
#include "store_internal.h"

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
 * get_to_fd and for-each. */
static int acquire_shared(flockd_table *t, const char *key, int *fd,
			  struct stat *st)
{
	char name[NAME_MAX + 1];
	int err = store_key_filename(key, name);
	if (err != FLOCKD_OK)
		return store_fail(t, "check name", err);
	struct store_deadline dl;
	store_deadline_start(&dl, t->timeout_ms);
	return store_keyfile_acquire(t, name, STORE_OPEN_READ, LOCK_SH, &dl, fd,
				     st);
}

int flockd_get(flockd_table *t, const char *key, void **value, size_t *len)
{
	int fd;
	struct stat st;
	int err = acquire_shared(t, key, &fd, &st);
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
	int err = acquire_shared(t, key, &fd, &st);
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
		err = store_write_all(out, buf, (size_t)got);
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

int store_fill_temp(flockd_table *t, int tmpfd, const struct store_source *src,
		    uint64_t *written)
{
	uint64_t total = 0;
	int err = FLOCKD_OK;
	if (src->fd < 0) {
		err = store_write_all(tmpfd, src->buf, src->len);
		total = src->len;
	} else {
		char *buf = malloc(COPY_CHUNK);
		if (buf == NULL)
			return store_fail(t, "read input", ENOMEM);
		for (;;) {
			ssize_t got = read(src->fd, buf, COPY_CHUNK);
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0) {
				free(buf);
				return store_fail(t, "read input", errno);
			}
			if (got == 0)
				break;
			err = store_write_all(tmpfd, buf, (size_t)got);
			if (err != FLOCKD_OK)
				break;
			total += (uint64_t)got;
		}
		free(buf);
	}
	if (err != FLOCKD_OK)
		return store_fail(t, "write temp file", err);
	if (fsync(tmpfd) != 0)
		return store_fail(t, "fsync temp file", errno);
	if (written != NULL)
		*written = total;
	return FLOCKD_OK;
}

/* Replace the existing key file: lock it exclusively, verify, rename. */
static int replace_existing(flockd_table *t, const char *name,
			    const char *tmpname, const struct store_deadline *dl)
{
	int fd;
	struct stat st;
	int err = store_keyfile_acquire(t, name, STORE_OPEN_WRITE, LOCK_EX, dl,
					&fd, &st);
	if (err != FLOCKD_OK)
		return err;
	if (renameat(t->dirfd, tmpname, t->dirfd, name) != 0)
		err = store_fail(t, "rename temp file", errno);
	/* Closing releases our lock on the old file; readers waiting on it
	 * verify, see the new file and read that. */
	close(fd);
	return err;
}

/* The key is missing: make it appear whole. link(2) fails atomically if
 * another writer created the key meanwhile. Where hard links are not
 * supported, create a placeholder (empty, mode 0000, so readers know it for
 * what it is), lock it exclusively and rename the temp file over it; readers
 * that wait on its lock then fail verification and read the new file. */
static int create_new(flockd_table *t, const char *name, const char *tmpname,
		      const struct store_deadline *dl)
{
	if (linkat(t->dirfd, tmpname, t->dirfd, name, 0) == 0) {
		unlinkat(t->dirfd, tmpname, 0);
		return FLOCKD_OK;
	}
	if (errno == EEXIST)
		return FLOCKD_EEXIST;
	if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS &&
	    errno != EMLINK && errno != EXDEV)
		return store_fail(t, "link key", errno);
	int ph = openat(t->dirfd, name,
			O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0);
	if (ph < 0)
		return errno == EEXIST ? FLOCKD_EEXIST
				       : store_fail(t, "create key", errno);
	/* A reader may have opened the placeholder and locked it before us;
	 * it sees mode 0000, lets go, and we get the lock. */
	int err = store_lock_wait(ph, LOCK_EX, dl);
	if (err != FLOCKD_OK)
		store_fail(t, "lock key", err);
	else if (renameat(t->dirfd, tmpname, t->dirfd, name) != 0)
		err = store_fail(t, "rename temp file", errno);
	if (err != FLOCKD_OK)
		unlinkat(t->dirfd, name, 0);
	close(ph);
	return err;
}

int store_install(flockd_table *t, const char *name, const char *tmpname,
		  int tmpfd, enum flockd_put_mode mode,
		  const struct store_deadline *dl)
{
	(void)tmpfd; /* stays open and locked by the caller until we return */
	for (;;) {
		struct stat st;
		int exists = fstatat(t->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
		if (!exists && errno != ENOENT)
			return store_fail(t, "stat key", errno);
		int err;
		if (exists) {
			if (mode == FLOCKD_PUT_CREATE)
				return store_fail(t, "create key", FLOCKD_EEXIST);
			err = replace_existing(t, name, tmpname, dl);
			if (err == FLOCKD_ENOTFOUND && mode == FLOCKD_PUT_SET)
				continue; /* deleted while we waited */
		} else {
			if (mode == FLOCKD_PUT_UPDATE)
				return store_fail(t, "open key", FLOCKD_ENOTFOUND);
			err = create_new(t, name, tmpname, dl);
			if (err == FLOCKD_EEXIST && mode == FLOCKD_PUT_SET)
				continue; /* created meanwhile: replace it */
			if (err == FLOCKD_EEXIST)
				return store_fail(t, "create key", err);
		}
		if (err != FLOCKD_OK)
			return err;
		return store_sync_dir(t);
	}
}

static int put(flockd_table *t, const char *key, const struct store_source *src,
	       enum flockd_put_mode mode, uint64_t *copied)
{
	if (copied != NULL)
		*copied = 0;
	if (t->readonly)
		return store_fail(t, "write", FLOCKD_EREADONLY);
	char name[NAME_MAX + 1];
	int err = store_key_filename(key, name);
	if (err != FLOCKD_OK)
		return store_fail(t, "check name", err);
	/* Cheap early answers, so that a doomed create/update does not write
	 * a large temp file first; store_install decides for real (and is
	 * all a set needs: no extra stat on its path). */
	if (mode != FLOCKD_PUT_SET) {
		struct stat st;
		int exists = fstatat(t->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
		if (!exists && errno != ENOENT)
			return store_fail(t, "stat key", errno);
		if (exists && !S_ISREG(st.st_mode))
			return store_fail(t, "open key", S_ISDIR(st.st_mode)
							  ? FLOCKD_EINVALID
							  : FLOCKD_ENOTREG);
		if (mode == FLOCKD_PUT_CREATE && exists)
			return store_fail(t, "create key", FLOCKD_EEXIST);
		if (mode == FLOCKD_PUT_UPDATE && !exists)
			return store_fail(t, "open key", FLOCKD_ENOTFOUND);
	}

	char tmpname[NAME_MAX + 1];
	int tmpfd;
	err = store_temp_create(t, name, tmpname, &tmpfd);
	if (err != FLOCKD_OK)
		return err;
	err = store_fill_temp(t, tmpfd, src, copied);
	if (err == FLOCKD_OK) {
		struct store_deadline dl;
		store_deadline_start(&dl, t->timeout_ms);
		err = store_install(t, name, tmpname, tmpfd, mode, &dl);
	}
	if (err != FLOCKD_OK) {
		store_temp_discard(t, tmpname, tmpfd);
		if (copied != NULL)
			*copied = 0;
		return err;
	}
	close(tmpfd);
	return FLOCKD_OK;
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
	if (t->readonly)
		return store_fail(t, "delete", FLOCKD_EREADONLY);
	char name[NAME_MAX + 1];
	int err = store_key_filename(key, name);
	if (err != FLOCKD_OK)
		return store_fail(t, "check name", err);
	struct store_deadline dl;
	store_deadline_start(&dl, t->timeout_ms);
	int fd;
	struct stat st;
	err = store_keyfile_acquire(t, name, STORE_OPEN_WRITE, LOCK_EX, &dl, &fd,
				    &st);
	if (err == FLOCKD_ENOTFOUND)
		return FLOCKD_OK; /* already gone */
	if (err != FLOCKD_OK)
		return err;
	if (unlinkat(t->dirfd, name, 0) != 0)
		err = store_fail(t, "unlink key", errno);
	close(fd);
	if (err != FLOCKD_OK)
		return err;
	return store_sync_dir(t);
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
