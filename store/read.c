/* SPDX-License-Identifier: MIT */
/*
 * read.c - read handles: the open, shared-locked, verified descriptor of a
 * value (or the unlocked descriptor of any entry), for programs that
 * stream, compare or preview values. The read protocol itself (lock the
 * descriptor that is read, verify, skip placeholders) stays in keyfile.c.
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct flockd_reader {
	int fd;
	struct flockd_stat st;
};

static int reader_new(int fd, const struct stat *st, flockd_reader **out)
{
	struct flockd_reader *r = malloc(sizeof *r);
	if (r == NULL) {
		close(fd);
		return ENOMEM;
	}
	r->fd = fd;
	store_stat_from(&r->st, st);
	*out = r;
	return FLOCKD_OK;
}

int flockd_read_open(flockd_table *table, const char *key, unsigned flags,
		     flockd_reader **out)
{
	if (flags & ~(unsigned)FLOCKD_READ_NOWAIT)
		return store_fail(table, "open key", EINVAL);
	int fd;
	struct stat st;
	int err = store_acquire_shared(table, key, flags, &fd, &st);
	if (err != FLOCKD_OK)
		return err;
	return store_fail(table, "open key", reader_new(fd, &st, out));
}

int flockd_entry_open(flockd_table *table, const char *name,
		      flockd_reader **out)
{
	if (name == NULL || *name == '\0' || strchr(name, '/') != NULL ||
	    !strcmp(name, ".") || !strcmp(name, ".."))
		return FLOCKD_EINVALID;
	int err = store_table_ready(table, 0);
	if (err != FLOCKD_OK)
		return err;
	/* O_NONBLOCK: a FIFO opens at once (and is refused below) */
	int fd = openat(table->dirfd, name, O_RDONLY | O_NOFOLLOW |
						    O_NONBLOCK | O_CLOEXEC |
						    O_NOCTTY);
	if (fd < 0) {
		err = errno;
		return err == ENOENT ? FLOCKD_ENOTFOUND
		       : err == ELOOP || err == ENXIO ? FLOCKD_ENOTREG
						       : err;
	}
	struct stat st;
	err = fstat(fd, &st) != 0    ? errno
	      : S_ISREG(st.st_mode) ? FLOCKD_OK
				    : FLOCKD_ENOTREG;
	if (err != FLOCKD_OK) {
		close(fd);
		return err;
	}
	return reader_new(fd, &st, out);
}

int flockd_read_fd(const flockd_reader *reader)
{
	return reader->fd;
}

const struct flockd_stat *flockd_read_stat(const flockd_reader *reader)
{
	return &reader->st;
}

void flockd_read_close(flockd_reader *reader)
{
	if (reader == NULL)
		return;
	close(reader->fd);
	free(reader);
}
