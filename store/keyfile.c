/* SPDX-License-Identifier: MIT */
/*
 * keyfile.c - the primitives every operation is built from: open a key file
 * relative to its table without following links or blocking, lock it within
 * the deadline and verify that the name still names it (the reader's and
 * writer's rule 1), read and write whole descriptors, fsync the directory.
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

/* Why an open of a key file failed, in the store's terms. */
static int open_error(flockd_table *t, const char *name,
		      enum store_open_mode mode, int err)
{
	struct stat st;
	switch (err) {
	case ENOENT:
		return FLOCKD_ENOTFOUND;
	case ELOOP: /* O_NOFOLLOW met a symlink: never followed */
	case ENXIO: /* a socket */
		return FLOCKD_ENOTREG;
	case EISDIR:
		return mode == STORE_OPEN_WRITE ? FLOCKD_EINVALID
						: FLOCKD_ENOTREG;
	case EACCES:
		/* a placeholder (mode 0000) is not a key yet, for those who
		 * may not open it; writers look at it by name */
		if (fstatat(t->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    store_is_placeholder(&st))
			return FLOCKD_ENOTFOUND;
		return err;
	default:
		return err;
	}
}

/* Open without following a symlink and without blocking: O_NONBLOCK makes
 * a FIFO open at once (fstat then refuses it), O_NOCTTY keeps a terminal
 * device from becoming ours. No stat before the open: that would cost a
 * system call on every read and still race with the open. */
static int open_keyfile(flockd_table *t, const char *name,
			enum store_open_mode mode, int *fd)
{
	const int common = O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
	int f;
	if (mode == STORE_OPEN_WRITE) {
		/* O_RDWR: on NFS an exclusive flock needs a writable fd. */
		f = openat(t->dirfd, name, O_RDWR | common);
		if (f < 0 && errno == EACCES)
			f = openat(t->dirfd, name, O_RDONLY | common);
	} else {
		f = openat(t->dirfd, name, O_RDONLY | common);
	}
	if (f < 0)
		return open_error(t, name, mode, errno);
	*fd = f;
	return FLOCKD_OK;
}

int store_is_placeholder(const struct stat *st)
{
	return S_ISREG(st->st_mode) && (st->st_mode & 07777) == 0 &&
	       st->st_size == 0;
}

int store_keyfile_is(flockd_table *t, const char *name, const struct stat *st)
{
	struct stat now;
	if (fstatat(t->dirfd, name, &now, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? 0 : -errno;
	return store_same_file(&now, st);
}

int store_keyfile_acquire(flockd_table *t, const char *name,
			  enum store_open_mode mode, int lock_op,
			  const struct store_deadline *dl, int *fd,
			  struct stat *st)
{
	if (t->dirfd < 0)
		return store_fail(t, "open table", FLOCKD_ENOTFOUND);
	for (;;) {
		int f = -1;
		int err = open_keyfile(t, name, mode, &f);
		if (err != FLOCKD_OK)
			return store_fail(t, "open key", err);
		/* Locking a FIFO or device descriptor opened O_NONBLOCK is
		 * harmless; it is refused below before anything reads it. */
		err = store_lock_wait(f, lock_op, dl);
		if (err != FLOCKD_OK) {
			close(f);
			return store_fail(t, "lock", err);
		}
		if (fstat(f, st) != 0) {
			err = errno;
			close(f);
			return store_fail(t, "open key", err);
		}
		if (!S_ISREG(st->st_mode)) {
			close(f);
			return store_fail(t, "open key", FLOCKD_ENOTREG);
		}
		/* The lock is ours; is the file still the key? A writer may
		 * have renamed a new value over it, or deleted it, while we
		 * waited. */
		int same = st->st_nlink > 0 ? store_keyfile_is(t, name, st) : 0;
		if (same == 1) {
			if (mode == STORE_OPEN_READ && store_is_placeholder(st)) {
				/* a create in progress: not there yet */
				close(f);
				return store_fail(t, "open key", FLOCKD_ENOTFOUND);
			}
			*fd = f;
			return FLOCKD_OK;
		}
		close(f);
		if (same < 0)
			return store_fail(t, "verify key", -same);
		if (store_deadline_passed(dl))
			return store_fail(t, "lock", FLOCKD_ETIMEOUT);
		/* replaced or gone: look again */
	}
}

int store_read_all(int fd, size_t size_hint, void **out, size_t *len)
{
	size_t cap = size_hint + 1; /* +1: see EOF without a second grow */
	size_t n = 0;
	char *buf = malloc(cap);
	if (buf == NULL)
		return ENOMEM;
	for (;;) {
		if (n == cap) {
			size_t bigger = cap * 2;
			char *grown = realloc(buf, bigger);
			if (grown == NULL) {
				free(buf);
				return ENOMEM;
			}
			buf = grown;
			cap = bigger;
		}
		ssize_t got = pread(fd, buf + n, cap - n, (off_t)n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			int err = errno;
			free(buf);
			return err;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		/* Under our lock the file does not change (writers rename new
		 * files in): once the size fstat gave is read, we are done,
		 * without a read that only confirms the end. */
		if (size_hint > 0 && n == size_hint)
			break;
	}
	*out = buf;
	*len = n;
	return FLOCKD_OK;
}

int store_write_all(flockd_table *t, int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t put = write(fd, p, len);
		if (put < 0) {
			if (errno == EINTR && store_cancelled(t))
				return ECANCELED;
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += put;
		len -= (size_t)put;
	}
	return FLOCKD_OK;
}

int store_sync_dir(flockd_table *t)
{
	/* EINVAL: a file system whose directories cannot be synced */
	if (fsync(t->dirfd) != 0 && errno != EINVAL && errno != EROFS)
		return store_fail_installed(t, "fsync directory", errno);
	return FLOCKD_OK;
}
