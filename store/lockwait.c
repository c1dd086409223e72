/*
 * lockwait.c - flock(2) with a deadline. The kernel offers only blocking or
 * non-blocking locks; a library must not use signals or threads to bound a
 * blocking one, so we poll LOCK_NB with a short, growing sleep (as the Go
 * original's gofrs/flock does).
 */
#include "store_internal.h"

#include <errno.h>
#include <sys/file.h>

void store_deadline_start(struct store_deadline *dl, long timeout_ms)
{
	clock_gettime(CLOCK_MONOTONIC, &dl->at);
	dl->at.tv_sec += timeout_ms / 1000;
	dl->at.tv_nsec += (timeout_ms % 1000) * 1000000L;
	if (dl->at.tv_nsec >= 1000000000L) {
		dl->at.tv_sec++;
		dl->at.tv_nsec -= 1000000000L;
	}
}

static long remaining_ns(const struct store_deadline *dl)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long ns = (long long)(dl->at.tv_sec - now.tv_sec) * 1000000000LL +
		       (dl->at.tv_nsec - now.tv_nsec);
	if (ns <= 0)
		return 0;
	return ns > 1000000000LL ? 1000000000L : (long)ns;
}

int store_deadline_passed(const struct store_deadline *dl)
{
	return remaining_ns(dl) == 0;
}

int store_lock_wait(int fd, int op, const struct store_deadline *dl)
{
	long sleep_ns = 50000; /* 50us, doubling up to 10ms */
	for (;;) {
		if (flock(fd, op | LOCK_NB) == 0)
			return FLOCKD_OK;
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK)
			return errno;
		long left = remaining_ns(dl);
		if (left == 0)
			return FLOCKD_ETIMEOUT;
		struct timespec nap = {0, sleep_ns < left ? sleep_ns : left};
		nanosleep(&nap, NULL);
		if (sleep_ns < 10000000L)
			sleep_ns *= 2;
	}
}
