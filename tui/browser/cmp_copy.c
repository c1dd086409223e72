/* SPDX-License-Identifier: MIT */
/*
 * cmp_copy.c - copying keys from one replica over the other on a worker
 * thread (cmp_copy.h).
 */
#include "browser/cmp_copy.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

struct cmp_copy {
	struct replica *from, *to;
	char *table;
	char **keys;
	size_t n;
	pthread_t thread;
	pthread_mutex_t mu;
	volatile sig_atomic_t stop;
	struct cmp_copy_outcome *q;   /* handed over */
	size_t nq, capq;
	struct cmp_copy_outcome *taken; /* the loop's, until the next take */
	size_t ntaken;
	int done;
	/* the worker's: the facts of the values put, in order, until their
	 * results come (a local writer gives them later, as a batch) */
	struct flockd_stat *facts;
	int *have;
	size_t put, answered;
};

static void push(struct cmp_copy *j, const char *key, int err,
		 const struct flockd_stat *st, int have)
{
	struct cmp_copy_outcome o = {strdup(key), err, {0}, have};
	if (have)
		o.st = *st;
	pthread_mutex_lock(&j->mu);
	if (j->nq == j->capq) {
		size_t cap = j->capq ? j->capq * 2 : 64;
		struct cmp_copy_outcome *v = realloc(j->q, cap * sizeof *v);
		if (v != NULL) {
			j->q = v;
			j->capq = cap;
		}
	}
	if (o.key != NULL && j->nq < j->capq)
		j->q[j->nq++] = o;
	else
		free(o.key); /* no memory: the key shows as not done */
	pthread_mutex_unlock(&j->mu);
}

/* A write's result (the writer's callback). */
static void written(const struct replica_result *res, void *ctx)
{
	struct cmp_copy *j = ctx;
	size_t i = j->answered++;
	int have = i < j->put && j->have[i];
	push(j, res->key, res->err, &j->facts[i < j->put ? i : 0], have);
}

/* The whole value of `key` from `from`, and its facts when the replica
 * knows them (a local one always; replica_get leaves *st alone when not,
 * so an impossible time says "unknown"). */
static int read_value(struct cmp_copy *j, const char *key, void **buf,
		      size_t *len, struct flockd_stat *st, int *have)
{
	memset(st, 0, sizeof *st);
	st->mtime.tv_nsec = -1;
	int err = replica_get(j->from, j->table, key, buf, len, st);
	*have = err == 0 && st->mtime.tv_nsec >= 0;
	return err;
}

static void copy_one(struct cmp_copy *j, struct replica_writer *w,
		     const char *key)
{
	void *buf = NULL;
	size_t len = 0;
	struct flockd_stat st;
	int have = 0;
	int err = read_value(j, key, &buf, &len, &st, &have);
	if (err != 0) {
		push(j, key, err, NULL, 0);
		return;
	}
	j->facts[j->put] = st;
	j->have[j->put] = have;
	j->put++;
	/* the time carried, as flockd sync does */
	if (replica_put_start(w, j->table, key, FLOCKD_PUT_SET,
			      have ? &st.mtime : NULL, len) == 0 &&
	    replica_put_write(w, buf, len) == 0)
		replica_put_end(w);
	free(buf);
}

static void *copy_main(void *arg)
{
	struct cmp_copy *j = arg;
	struct replica_writer *w = NULL;
	int err = replica_writer_open(j->to, written, j, &w);
	for (size_t i = 0; i < j->n; i++) {
		if (err != 0)
			push(j, j->keys[i], err, NULL, 0);
		else if (!j->stop)
			copy_one(j, w, j->keys[i]);
	}
	if (w != NULL)
		replica_writer_close(w); /* the batch's last results */
	pthread_mutex_lock(&j->mu);
	j->done = 1;
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

static void free_outcomes(struct cmp_copy_outcome *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].key);
	free(v);
}

static void job_free(struct cmp_copy *j)
{
	for (size_t i = 0; i < j->n; i++)
		free(j->keys[i]);
	free(j->keys);
	free(j->table);
	free(j->facts);
	free(j->have);
	free_outcomes(j->q, j->nq);
	free_outcomes(j->taken, j->ntaken);
	replica_close(j->from);
	replica_close(j->to);
	pthread_mutex_destroy(&j->mu);
	free(j);
}

int cmp_copy_start(struct replica *from, struct replica *to,
		   const char *table, char *const *keys, size_t n,
		   struct cmp_copy **out)
{
	struct cmp_copy *j = calloc(1, sizeof *j);
	*out = NULL;
	if (j == NULL || pthread_mutex_init(&j->mu, NULL) != 0) {
		free(j);
		replica_close(from);
		replica_close(to);
		return ENOMEM;
	}
	j->from = from;
	j->to = to;
	j->table = strdup(table);
	j->keys = calloc(n + 1, sizeof *j->keys);
	j->facts = calloc(n + 1, sizeof *j->facts);
	j->have = calloc(n + 1, sizeof *j->have);
	int err = j->table == NULL || j->keys == NULL || j->facts == NULL ||
		  j->have == NULL ? ENOMEM : 0;
	for (size_t i = 0; err == 0 && i < n; i++, j->n++)
		if ((j->keys[i] = strdup(keys[i])) == NULL)
			err = ENOMEM;
	if (err == 0)
		err = pthread_create(&j->thread, NULL, copy_main, j);
	if (err != 0) {
		job_free(j);
		return err;
	}
	*out = j;
	return 0;
}

int cmp_copy_take(struct cmp_copy *j, const struct cmp_copy_outcome **v,
		  size_t *n)
{
	free_outcomes(j->taken, j->ntaken);
	pthread_mutex_lock(&j->mu);
	j->taken = j->q;
	j->ntaken = j->nq;
	int done = j->done;
	j->q = NULL;
	j->nq = j->capq = 0;
	pthread_mutex_unlock(&j->mu);
	*v = j->taken;
	*n = j->ntaken;
	return done;
}

size_t cmp_copy_total(const struct cmp_copy *j)
{
	return j->n;
}

const char *cmp_copy_table(const struct cmp_copy *j)
{
	return j->table;
}

void cmp_copy_free(struct cmp_copy *j)
{
	if (j == NULL)
		return;
	j->stop = 1;
	pthread_join(j->thread, NULL);
	job_free(j);
}
