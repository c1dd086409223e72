/* SPDX-License-Identifier: MIT */
/*
 * value_equal.h - are two values the same bytes? Read from two open
 * descriptors (the store's read handles, a leftover's) chunk by chunk,
 * stopping at the first difference. Plain C.
 */
#ifndef TUI_SYNC_VALUE_EQUAL_H
#define TUI_SYNC_VALUE_EQUAL_H

#include <stddef.h>
#include <stdint.h>

/* The buffer value_equal_fds needs: two chunks. */
#define VALUE_EQUAL_CHUNK (64 * 1024)
#define VALUE_EQUAL_BUF (2 * VALUE_EQUAL_CHUNK)

/*
 * value_equal_fds - compare the first `size` bytes of `a` and `b` (both
 * values' size, as their locked descriptors' fstat says: a value of
 * another size is different without reading) from offset 0 (pread: the
 * offsets are left alone), using `buf` (VALUE_EQUAL_BUF bytes): *equal
 * is 1 when they hold the same bytes, 0 otherwise. Returns 0 or the
 * errno of pread.
 */
int value_equal_fds(int a, int b, uint64_t size, char *buf, int *equal);

/* value_pread_full - read up to `len` bytes of `fd` at `off` into buf,
 * as many as the file has (EINTR retried): *got of them. 0 or the errno
 * of pread. */
int value_pread_full(int fd, char *buf, size_t len, uint64_t off,
		     size_t *got);

#endif
