/* locked_read.c - shared-locked, verified opening of key files. */
#include "inspect/locked_read.h"

#include "flockd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int locked_open_shared(int dirfd, const char *name, long timeout_ms, int *fd,
		       struct stat *st)
{
	long long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 1);
	long pause = 1;
	for (;;) {
		int f = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
						    O_NOCTTY | O_CLOEXEC);
		if (f < 0) {
			if (errno == ENOENT)
				return FLOCKD_ENOTFOUND;
			if (errno == ELOOP || errno == ENXIO)
				return FLOCKD_ENOTREG;
			return errno;
		}
		if (fstat(f, st) != 0) {
			int err = errno;
			close(f);
			return err;
		}
		if (!S_ISREG(st->st_mode)) {
			close(f);
			return FLOCKD_ENOTREG;
		}
		while (flock(f, LOCK_SH | LOCK_NB) != 0) {
			if (errno != EWOULDBLOCK && errno != EINTR) {
				int err = errno;
				close(f);
				return err;
			}
			if (now_ms() >= deadline) {
				close(f);
				return FLOCKD_ETIMEOUT;
			}
			sleep_ms(pause);
			if (pause < 50)
				pause *= 2;
		}
		struct stat cur;
		if (fstatat(dirfd, name, &cur, AT_SYMLINK_NOFOLLOW) == 0 &&
		    cur.st_dev == st->st_dev && cur.st_ino == st->st_ino) {
			/* the same file, as of now: its size after any write
			 * that finished while we waited */
			*st = cur;
			*fd = f;
			return 0;
		}
		/* a writer renamed a new value over it (or deleted it) */
		close(f);
		if (now_ms() >= deadline)
			return FLOCKD_ETIMEOUT;
	}
}

static int read_full(int fd, char *buf, size_t len, off_t off, size_t *got)
{
	size_t n = 0;
	while (n < len) {
		ssize_t r = pread(fd, buf + n, len - n, off + (off_t)n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*got = n;
	return 0;
}

int locked_compare_fds(int a, int b, uint64_t size, char *buf,
		       size_t chunk)
{
	char *bufa = buf, *bufb = buf + chunk;
	uint64_t off = 0;
	while (off < size) {
		size_t want = size - off < chunk ? (size_t)(size - off) : chunk;
		size_t na, nb;
		int res = read_full(a, bufa, want, (off_t)off, &na);
		if (res == 0)
			res = read_full(b, bufb, want, (off_t)off, &nb);
		if (res != 0)
			return res;
		if (na != nb || memcmp(bufa, bufb, na) != 0)
			return LOCKED_DIFFERENT;
		if (na < want)
			return LOCKED_SAME; /* both shorter than their size */
		off += na;
	}
	return LOCKED_SAME;
}
