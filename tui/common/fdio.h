/* SPDX-License-Identifier: MIT */
/*
 * fdio.h - writing bytes to files without losing any: the whole buffer
 * (short writes and EINTR retried), and a new file written, fsync'd and
 * closed, removed again when any step failed. Plain C.
 */
#ifndef TUI_COMMON_FDIO_H
#define TUI_COMMON_FDIO_H

#include <stddef.h>
#include <sys/types.h>

/* fdio_write_all - write all `len` bytes to `fd`. 0 or an errno value. */
int fdio_write_all(int fd, const void *data, size_t len);

/* fdio_write_new - create `path` (it must not exist, and is not followed
 * if a symlink) with permission bits `mode` exactly, write the bytes,
 * fsync, close. 0 or an errno value (EEXIST: it exists); on error nothing
 * of ours is left at `path`. */
int fdio_write_new(const char *path, const void *data, size_t len,
		   mode_t mode);

#endif
