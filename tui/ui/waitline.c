/* SPDX-License-Identifier: MIT */
/*
 * waitline.c - a lock wait in a worker thread, counted down on the bottom
 * line (waitline.h).
 */
#include "ui/waitline.h"

#include "ui/draw.h"
#include "ui/termsig.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

struct job {
	int (*fn)(void *ctx);
	void *ctx;
	int result;
	int done;
	pthread_mutex_t m;
	pthread_cond_t c;
};

static void *worker(void *arg)
{
	struct job *j = arg;
	termsig_block_in_thread();
	int r = j->fn(j->ctx);
	pthread_mutex_lock(&j->m);
	j->result = r;
	j->done = 1;
	pthread_cond_signal(&j->c);
	pthread_mutex_unlock(&j->m);
	return NULL;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait up to `ms` for the worker; non-zero once it is done. */
static int wait_done(struct job *j, long ms)
{
	struct timespec at;
	clock_gettime(CLOCK_REALTIME, &at);
	at.tv_sec += ms / 1000;
	at.tv_nsec += (ms % 1000) * 1000000L;
	if (at.tv_nsec >= 1000000000L) {
		at.tv_sec++;
		at.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&j->m);
	while (!j->done &&
	       pthread_cond_timedwait(&j->c, &j->m, &at) != ETIMEDOUT)
		;
	int done = j->done;
	pthread_mutex_unlock(&j->m);
	return done;
}

static void draw(const struct ui *ui, const char *what, long long left_ms,
		 int cancelling)
{
	char line[600], key[KEYCODE_NAME_MAX];
	keymap_first_key(ui->keys, KV_WAIT, KA_CANCEL, key, sizeof key);
	if (cancelling)
		snprintf(line, sizeof line, "%s: stopping...", what);
	else if (left_ms > 0)
		snprintf(line, sizeof line, "%s: %.1fs left%s%s%s", what,
			 (double)left_ms / 1000.0, key[0] ? " (" : "", key,
			 key[0] ? " stops waiting)" : "");
	else
		snprintf(line, sizeof line, "%s: finishing...", what);
	ui_line(ui, LINES - 1, line, ui_attr(ui, THEME_MESSAGE));
	refresh();
}

int waitline_run(const struct ui *ui, const char *what, long timeout_ms,
		 int (*fn)(void *ctx), void *ctx, int *cancelled)
{
	struct job j = {fn, ctx, 0, 0, PTHREAD_MUTEX_INITIALIZER,
			PTHREAD_COND_INITIALIZER};
	pthread_t t;
	int stop = 0;
	termsig_cancel_reset();
	if (pthread_create(&t, NULL, worker, &j) != 0) {
		/* no thread: wait without the countdown */
		draw(ui, what, timeout_ms, 0);
		j.result = fn(ctx);
		goto out;
	}
	long long start = now_ms();
	if (!wait_done(&j, WAITLINE_QUIET_MS)) {
		for (;;) {
			draw(ui, what, start + timeout_ms - now_ms(), stop);
			int k = ui_key(ui, 0);
			if (k == KC_HANGUP ||
			    ui_action(ui, KV_WAIT, k) == KA_CANCEL) {
				stop = 1;
				termsig_cancel();
			}
			if (wait_done(&j, 50))
				break;
		}
	}
	pthread_join(t, NULL);
out:
	termsig_cancel_reset();
	if (cancelled != NULL)
		*cancelled = stop;
	return j.result;
}
