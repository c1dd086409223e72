/* SPDX-License-Identifier: MIT */
/*
 * lockwait.c - flock(2) with a deadline. The kernel offers only blocking or
 * non-blocking locks; a library must not use signals or threads to bound a
 * blocking one, so we poll LOCK_NB with a short, growing sleep (as the Go
 * original's gofrs/flock does). The caller's cancel flag ends a wait too.
 */
#include "store_internal.h"

#include <errno.h>
#include <sys/file.h>

static void deadline_in(struct store_deadline *dl, const flockd_table *t,
			long timeout_ms)
{
	clock_gettime(CLOCK_MONOTONIC, &dl->at);
	dl->at.tv_sec += timeout_ms / 1000;
	dl->at.tv_nsec += (timeout_ms % 1000) * 1000000L;
	if (dl->at.tv_nsec >= 1000000000L) {
		dl->at.tv_sec++;
		dl->at.tv_nsec -= 1000000000L;
	}
	dl->cancel = t->report->cancel;
}

void store_deadline_start(struct store_deadline *dl, const flockd_table *t)
{
	deadline_in(dl, t, t->timeout_ms);
}

void store_deadline_now(struct store_deadline *dl, const flockd_table *t)
{
	deadline_in(dl, t, 0);
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

static int cancelled(const struct store_deadline *dl)
{
	return dl->cancel != NULL && *dl->cancel != 0;
}

int store_nap(const struct store_deadline *dl, long ns)
{
	if (cancelled(dl))
		return ECANCELED;
	long left = remaining_ns(dl);
	if (left == 0)
		return FLOCKD_ETIMEOUT;
	struct timespec nap = {0, ns < left ? ns : left};
	nanosleep(&nap, NULL); /* a signal ends it early: the flag decides */
	return cancelled(dl) ? ECANCELED : FLOCKD_OK;
}

int store_lock_wait(int fd, int op, const struct store_deadline *dl)
{
	long sleep_ns = 50000; /* 50us, doubling up to 10ms */
	for (;;) {
		if (flock(fd, op | LOCK_NB) == 0)
			return FLOCKD_OK;
		if (errno != EINTR && errno != EWOULDBLOCK)
			return errno;
		int err = store_nap(dl, sleep_ns);
		if (err != FLOCKD_OK)
			return err;
		if (sleep_ns < 10000000L)
			sleep_ns *= 2;
	}
}
