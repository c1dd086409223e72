/*
 * locked_read.h - open a key's file for streaming under a shared flock,
 * following the store protocol's reader rules (lock the descriptor that is
 * read, then verify the name still names it; bounded wait), for comparing
 * values chunk by chunk without holding them in memory.
 */
#ifndef TUI_INSPECT_LOCKED_READ_H
#define TUI_INSPECT_LOCKED_READ_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/*
 * locked_open_shared - open `name` in directory `dirfd` (O_NOFOLLOW,
 * O_NONBLOCK, O_CLOEXEC), take a shared flock within `timeout_ms`, and
 * check that `name` still names the locked file (retrying on the new file
 * when a writer renamed one over it). On success *fd is the descriptor
 * holding the lock (close it to release) and *st its fstat.
 * Errors: FLOCKD_ENOTFOUND, FLOCKD_ENOTREG (symlink, FIFO, directory...),
 * FLOCKD_ETIMEOUT, errno values.
 */
int locked_open_shared(int dirfd, const char *name, long timeout_ms, int *fd,
		       struct stat *st);

/* Results of locked_compare_fds besides errno values. */
enum { LOCKED_SAME = 0, LOCKED_DIFFERENT = -1 };

/* locked_compare_fds - compare the first `size` bytes (both files' size,
 * known equal from their fstat under the lock) of two descriptors in
 * chunks of `chunk` bytes (pread), using `buf` (2 * chunk bytes, the
 * caller's: allocated once for many keys). Returns LOCKED_SAME,
 * LOCKED_DIFFERENT, or an errno value (EIO, ...). */
int locked_compare_fds(int a, int b, uint64_t size, char *buf,
		       size_t chunk);

#define LOCKED_CHUNK (64 * 1024)

#endif
