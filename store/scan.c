/* SPDX-License-Identifier: MIT */
/*
 * scan.c - listing a table's directory for the browser: getdents64(2) in
 * large chunks, names and types only, nothing opened or stat'ed, so a table
 * of a million keys lists in a fraction of a second.
 */
#include "store_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SCAN_BUFFER (256 * 1024)

/* The kernel's record; glibc does not export it. */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct flockd_scan {
	int fd;      /* own descriptor: its own directory offset */
	char *buf;
	size_t used; /* bytes of buf filled by the last getdents64 */
	size_t pos;  /* next record in buf */
	int eof;
};

int flockd_scan_open(flockd_table *t, flockd_scan **out)
{
	/* a CREATE_ON_WRITE table not created yet lists nothing */
	int err = store_table_ready(t, 0);
	if (err != FLOCKD_OK && err != FLOCKD_ENOTFOUND)
		return err;
	struct flockd_scan *scan = calloc(1, sizeof *scan);
	if (scan == NULL)
		return ENOMEM;
	scan->fd = -1;
	scan->eof = err == FLOCKD_ENOTFOUND;
	scan->buf = malloc(SCAN_BUFFER);
	if (scan->buf != NULL && !scan->eof)
		scan->fd = openat(t->dirfd, ".",
				  O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (scan->buf == NULL || (scan->fd < 0 && !scan->eof)) {
		err = scan->buf == NULL ? ENOMEM : errno;
		free(scan->buf);
		free(scan);
		return err;
	}
	*out = scan;
	return FLOCKD_OK;
}

static int refill(struct flockd_scan *scan)
{
	for (;;) {
		long got = syscall(SYS_getdents64, scan->fd, scan->buf,
				   SCAN_BUFFER);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return errno;
		scan->used = (size_t)got;
		scan->pos = 0;
		if (got == 0)
			scan->eof = 1;
		return FLOCKD_OK;
	}
}

int flockd_scan_next(flockd_scan *scan, struct flockd_scan_entry *entries,
		     size_t max, size_t *n)
{
	*n = 0;
	/* Names point into buf: refill only when the caller has none of
	 * ours left, i.e. at the start of a call. */
	if (scan->pos >= scan->used && !scan->eof) {
		int err = refill(scan);
		if (err != FLOCKD_OK)
			return err;
	}
	while (*n < max && scan->pos < scan->used) {
		struct linux_dirent64 *d =
			(struct linux_dirent64 *)(scan->buf + scan->pos);
		scan->pos += d->d_reclen;
		const char *name = d->d_name;
		if (name[0] == '.' &&
		    (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
			continue;
		struct flockd_scan_entry *e = &entries[(*n)++];
		e->name = name;
		e->name_len = strlen(name);
		e->ino = d->d_ino;
		e->d_type = d->d_type;
		e->kind = flockd_classify(name, e->name_len, &e->key_off,
					  &e->key_len);
	}
	/* A chunk of only "." and "..": go on to the next one. */
	if (*n == 0 && !scan->eof)
		return flockd_scan_next(scan, entries, max, n);
	return FLOCKD_OK;
}

void flockd_scan_close(flockd_scan *scan)
{
	if (scan == NULL)
		return;
	if (scan->fd >= 0)
		close(scan->fd);
	free(scan->buf);
	free(scan);
}
