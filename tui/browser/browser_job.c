/* SPDX-License-Identifier: MIT */
/*
 * browser_job.c - the controller's bulk actions: starting one on a
 * thread of its own (a store call's fsync can take hundreds of ms on a
 * busy disk: no slice of the loop could bound it), the lists following
 * it key by key as the loop takes the outcomes the thread hands over (a
 * deleted key leaves the list, a copied one arrives, a key done is
 * unpicked), its summary on the status line. And going to a key of any
 * table (the lock view and the recent changes jump there).
 *
 * Threads: the worker alone uses the job (its own store handles) until
 * it is complete; the loop reads only the job's plan, which never
 * changes. They share the outcome queue and the stop flag, under a
 * mutex.
 */
#include "browser/browser_ctl.h"

#include "common/textsafe.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define JOB_SLICE_MS 50 /* the worker looks at the stop flag this often */

struct outcome {
	char *key; /* owned */
	int err;
};

struct job_thread {
	pthread_t thread;
	pthread_mutex_t mu;
	struct outcome *q;  /* handed over, not taken yet */
	size_t n, cap;
	int stop;           /* asked to stop */
	int complete;       /* the worker is done with the job */
	int lost;           /* outcomes that found no memory */
};

static int shown_is(const struct browser_ctl *c, const char *table)
{
	return table != NULL && c->cur.name != NULL &&
	       strcmp(c->cur.name, table) == 0 && c->cur.keys != NULL;
}

/* The worker: each key's outcome into the queue. */
static void job_key(void *ctx, const char *key, int err)
{
	struct job_thread *th = ctx;
	pthread_mutex_lock(&th->mu);
	if (th->n == th->cap) {
		size_t cap = th->cap ? th->cap * 2 : 256;
		struct outcome *q = realloc(th->q, cap * sizeof *q);
		if (q != NULL) {
			th->q = q;
			th->cap = cap;
		}
	}
	char *k = th->n < th->cap ? strdup(key) : NULL;
	if (k != NULL)
		th->q[th->n++] = (struct outcome){k, err};
	else
		th->lost++;
	pthread_mutex_unlock(&th->mu);
}

static void *job_main(void *arg)
{
	struct browser_ctl *c = arg;
	struct job_thread *th = c->jobs.th;
	for (;;) {
		pthread_mutex_lock(&th->mu);
		int stop = th->stop;
		pthread_mutex_unlock(&th->mu);
		if (stop)
			bulk_job_stop(c->jobs.run);
		if (stop || bulk_job_step(c->jobs.run, JOB_SLICE_MS))
			break;
	}
	pthread_mutex_lock(&th->mu);
	th->complete = 1;
	pthread_mutex_unlock(&th->mu);
	return NULL;
}

/* The loop: one key's outcome on the lists. */
static void apply_outcome(struct browser_ctl *c, const char *key, int err)
{
	const struct bulk_plan *p = bulk_job_plan(c->jobs.run);
	struct key_list *kl = c->cur.keys;
	size_t len = strlen(key);
	if (err != 0) {
		c->jobs.failed += err != FLOCKD_EEXIST;
		return; /* it stays picked, for another try */
	}
	c->jobs.done++;
	switch (p->op) {
	case BULK_DELETE: case BULK_DROP_TABLE:
	case BULK_MOVE: case BULK_RENAME_TABLE:
		if (shown_is(c, p->table))
			key_list_remove(kl, key, len, 0);
		break;
	case BULK_COPY: case BULK_EXPORT:
		if (shown_is(c, p->table))
			key_list_select_name(kl, key, len, 0);
		break;
	}
	if ((p->op == BULK_COPY || p->op == BULK_MOVE) &&
	    shown_is(c, p->target))
		key_list_add(kl, key, len, 0, DT_UNKNOWN, 0);
	c->cur.pending_changes = 1;
}

static void free_thread(struct job_thread *th)
{
	if (th == NULL)
		return;
	for (size_t i = 0; i < th->n; i++)
		free(th->q[i].key);
	free(th->q);
	pthread_mutex_destroy(&th->mu);
	free(th);
}

int ctl_job_start(struct browser_ctl *c, struct bulk_plan *plan)
{
	char why[512];
	if (c->jobs.run != NULL) {
		bulk_plan_done(plan);
		ctl_message(c, 1, "a bulk action is running (Esc stops it)");
		return FLOCKD_EEXIST;
	}
	struct job_thread *th = calloc(1, sizeof *th);
	if (th == NULL || pthread_mutex_init(&th->mu, NULL) != 0) {
		free(th);
		bulk_plan_done(plan);
		ctl_message(c, 1, "out of memory");
		return ENOMEM;
	}
	struct bulk_env env = {
		.dir = c->src.dir,
		.timeout_ms = c->src.timeout_ms,
		.read_only = c->src.read_only,
		.fn = job_key,
		.ctx = th,
	};
	size_t n = plan->n_keys;
	enum bulk_op op = plan->op;
	int err = bulk_job_start(plan, &env, &c->jobs.run, why, sizeof why);
	if (err != 0) {
		free_thread(th);
		ctl_message(c, 1, "%s", why);
		return err;
	}
	c->jobs.th = th;
	c->jobs.done = c->jobs.failed = 0;
	if ((err = pthread_create(&th->thread, NULL, job_main, c)) != 0) {
		bulk_job_free(c->jobs.run);
		c->jobs.run = NULL;
		c->jobs.th = NULL;
		free_thread(th);
		ctl_message(c, 1, "cannot start the bulk action: %s",
			    strerror(err));
		return err;
	}
	ctl_message(c, 0, "%s: %zu key%s... (Esc stops)", bulk_op_verb(op), n,
		    n == 1 ? "" : "s");
	return 0;
}

/* Take what the worker handed over; non-zero once it is complete. */
static int take_outcomes(struct browser_ctl *c)
{
	struct job_thread *th = c->jobs.th;
	pthread_mutex_lock(&th->mu);
	struct outcome *q = th->q;
	size_t n = th->n;
	int complete = th->complete;
	th->q = NULL;
	th->n = th->cap = 0;
	pthread_mutex_unlock(&th->mu);
	for (size_t i = 0; i < n; i++) {
		apply_outcome(c, q[i].key, q[i].err);
		free(q[i].key);
	}
	free(q);
	return complete;
}

int ctl_job_step(struct browser_ctl *c)
{
	struct bulk_job *j = c->jobs.run;
	if (j == NULL)
		return 0;
	c->dirty = 1;
	if (!take_outcomes(c))
		return 0; /* the worker runs: nothing for the loop to do */
	pthread_join(c->jobs.th->thread, NULL);
	take_outcomes(c); /* the last ones, handed over before it ended */
	free_thread(c->jobs.th);
	c->jobs.th = NULL;
	char sum[600];
	bulk_job_summary(j, sum, sizeof sum);
	ctl_message(c, bulk_job_failed(j) > 0 || bulk_job_stopped(j), "%s",
		    sum);
	bulk_job_free(c->jobs.last);
	c->jobs.last = j;
	c->jobs.run = NULL;
	enum bulk_op op = bulk_job_plan(j)->op;
	if (op == BULK_DROP_TABLE || op == BULK_RENAME_TABLE ||
	    ((op == BULK_COPY || op == BULK_MOVE) &&
	     table_list_find(&c->tables, bulk_job_plan(j)->target) ==
		     (size_t)-1))
		ctl_reload_tables_goto(c, op == BULK_RENAME_TABLE
					       ? bulk_job_plan(j)->target
					       : NULL);
	ctl_refresh_marks(c);
	c->pv.stale = 1;
	return 0;
}

int ctl_job_stop(struct browser_ctl *c)
{
	if (c->jobs.run == NULL)
		return 0;
	pthread_mutex_lock(&c->jobs.th->mu);
	c->jobs.th->stop = 1;
	pthread_mutex_unlock(&c->jobs.th->mu);
	/* the worker stops after the key it is on: its summary then */
	while (c->jobs.run != NULL) {
		struct timespec nap = {0, 2000000};
		ctl_job_step(c);
		nanosleep(&nap, NULL);
	}
	return 1;
}

int ctl_goto_key(struct browser_ctl *c, const char *table, const char *key)
{
	char shown[300];
	if (table_list_goto(&c->tables, table) != 0) {
		textsafe_name_buf(shown, sizeof shown, table, strlen(table),
				  textsafe_locale());
		ctl_message(c, 1, "no table %s any more", shown);
		return -1;
	}
	ctl_select_table(c, 0);
	if (c->cur.keys == NULL)
		return -1;
	if (key_list_filter(c->cur.keys)[0] != '\0')
		key_list_set_filter(c->cur.keys, "", NULL, 0);
	if (key_list_want(c->cur.keys, key, strlen(key)) == 0 &&
	    c->cur.loader == NULL && c->cur.pending_changes == 0) {
		textsafe_name_buf(shown, sizeof shown, key, strlen(key),
				  textsafe_locale());
		ctl_message(c, 1, "no key %s in the table now", shown);
	}
	c->pv.stale = 1;
	c->dirty = 1;
	return 0;
}
