/* SPDX-License-Identifier: MIT */
/* value_equal.c - comparing two values' bytes. */
#include "sync/value_equal.h"

#include <errno.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

int value_pread_full(int fd, char *buf, size_t len, uint64_t off,
		     size_t *got)
{
	size_t n = 0;
	while (n < len) {
		ssize_t r = pread(fd, buf + n, len - n, (off_t)(off + n));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return errno;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*got = n;
	return 0;
}

int value_equal_fds(int a, int b, uint64_t size, char *buf, int *equal)
{
	char *ba = buf, *bb = buf + VALUE_EQUAL_CHUNK;
	uint64_t off = 0;
	*equal = 0;
	while (off < size) {
		size_t want = size - off < VALUE_EQUAL_CHUNK
				      ? (size_t)(size - off)
				      : VALUE_EQUAL_CHUNK;
		size_t na, nb;
		int err = value_pread_full(a, ba, want, off, &na);
		if (err == 0)
			err = value_pread_full(b, bb, want, off, &nb);
		if (err != 0)
			return err;
		if (na != nb || memcmp(ba, bb, na) != 0)
			return 0;
		if (na < want)
			break; /* both shorter than announced, alike */
		off += na;
	}
	*equal = 1;
	return 0;
}
