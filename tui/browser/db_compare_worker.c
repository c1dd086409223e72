/* SPDX-License-Identifier: MIT */
/*
 * db_compare_worker.c - the comparison's thread (db_compare_worker.h).
 */
#include "browser/db_compare_worker.h"

#include "common/background.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

struct dc_worker {
	pthread_t thread;
	pthread_mutex_t mu;
	struct replica *here, *there;
	const char *tables[1]; /* rc_opts' table list: `only` */
	char *only;           /* the one table of this run, or NULL */
	struct dc_item *q;    /* q[head..n): handed over, not taken yet */
	size_t head, n, cap;
	size_t progress;
	int ended, err;
	char side;
	const char *why;
	volatile sig_atomic_t cancel;
	struct replica_compare *rc;
};

enum cmp_status cmp_status_of(enum rc_status s)
{
	switch (s) {
	case RC_SAME: return CMP_SAME;
	case RC_ONLY_A: return CMP_ONLY_HERE;
	case RC_ONLY_B: return CMP_ONLY_THERE;
	case RC_DIFFERS: case RC_SUSPECT: return CMP_DIFFERS;
	default: return CMP_UNKNOWN;
	}
}

void dc_item_free(struct dc_item *it)
{
	free(it->table);
	free(it->key.name);
	it->table = it->key.name = NULL;
}

static void side_facts(struct cmp_key *k, int i, const struct rc_side *s)
{
	if (!s->present || !s->have_stat)
		return;
	k->have |= (unsigned char)(1u << i);
	k->size[i] = s->st.size;
	k->mtime[i] = s->st.mtime;
}

/* One item into the queue; ENOMEM when there is no room. */
static int push(struct dc_worker *w, struct dc_item *it)
{
	pthread_mutex_lock(&w->mu);
	if (w->n == w->cap && w->head > 0) {
		/* what was taken leaves room at the front: move down once per
		 * filling, not at every take */
		memmove(w->q, w->q + w->head, (w->n - w->head) * sizeof *w->q);
		w->n -= w->head;
		w->head = 0;
	}
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 1024;
		struct dc_item *q = realloc(w->q, cap * sizeof *q);
		if (q == NULL) {
			pthread_mutex_unlock(&w->mu);
			return ENOMEM;
		}
		w->q = q;
		w->cap = cap;
	}
	w->q[w->n++] = *it;
	w->progress = replica_compare_progress(w->rc);
	pthread_mutex_unlock(&w->mu);
	return 0;
}

/* A record as an item: 0, ENOMEM, or EAGAIN for one that is no key. */
static int record_item(const struct rc_record *r, struct dc_item *it)
{
	memset(it, 0, sizeof *it);
	switch (r->status) {
	case RC_TABLE: case RC_TABLE_ONLY_A: case RC_TABLE_ONLY_B:
		it->kind = DC_ITEM_TABLE;
		it->in_here = r->status != RC_TABLE_ONLY_B;
		it->in_there = r->status != RC_TABLE_ONLY_A;
		it->table = strdup(r->table);
		return it->table == NULL ? ENOMEM : 0;
	case RC_CONFLICT: case RC_LEFTOVER:
		return EAGAIN; /* not keys: the key list marks them itself */
	case RC_TROUBLE:
		if (r->name[0] == '\0') {
			/* a table that could not be listed on a side */
			it->kind = DC_ITEM_TABLE;
			it->in_here = it->in_there = 1;
			it->trouble = 1;
			it->table = strdup(r->table);
			return it->table == NULL ? ENOMEM : 0;
		}
		break;
	default:
		break;
	}
	it->kind = DC_ITEM_KEY;
	it->key.status = (unsigned char)cmp_status_of(r->status);
	it->key.rc = (unsigned char)r->status;
	it->key.reason = (unsigned char)r->reason;
	side_facts(&it->key, 0, &r->a);
	side_facts(&it->key, 1, &r->b);
	it->key.name = strdup(r->name);
	return it->key.name == NULL ? ENOMEM : 0;
}

/* Open the comparison, then hand over its records until the end. */
static void *worker_main(void *arg)
{
	struct dc_worker *w = arg;
	background_thread();
	struct rc_opts o = {
		.tables = w->only != NULL ? w->tables : NULL,
		.ntables = w->only != NULL,
		.cancel = &w->cancel,
	};
	char side = 0;
	const char *why = "";
	struct rc_record rec;
	int err = replica_compare_open(w->here, w->there, &o, &w->rc, &side,
				       &why);
	while (err == 0 && (err = replica_compare_next(w->rc, &rec)) == 0) {
		struct dc_item it;
		int e = record_item(&rec, &it);
		if (e == EAGAIN)
			continue;
		if (e == 0)
			e = push(w, &it);
		if (e != 0) {
			dc_item_free(&it);
			err = e;
			why = "out of memory";
			side = 0;
			break;
		}
	}
	pthread_mutex_lock(&w->mu);
	w->ended = 1;
	w->err = err == MANIFEST_END ? 0 : err;
	if (w->rc != NULL && w->err != 0 && w->err != ENOMEM) {
		/* a record failed (not the opening): its side */
		side = replica_compare_failed_side(w->rc);
	}
	w->side = side;
	w->why = w->err == ENOMEM ? "out of memory" : why;
	if (w->rc != NULL)
		w->progress = replica_compare_progress(w->rc);
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static void worker_free(struct dc_worker *w)
{
	for (size_t i = w->head; i < w->n; i++)
		dc_item_free(&w->q[i]);
	free(w->q);
	free(w->only);
	replica_compare_close(w->rc);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

int dc_worker_start(struct replica *here, struct replica *there,
		    const char *table, struct dc_worker **out)
{
	struct dc_worker *w = calloc(1, sizeof *w);
	*out = NULL;
	if (w == NULL)
		return ENOMEM;
	if (pthread_mutex_init(&w->mu, NULL) != 0) {
		free(w);
		return ENOMEM;
	}
	w->here = here;
	w->there = there;
	w->why = "";
	if (table != NULL && (w->only = strdup(table)) == NULL) {
		worker_free(w);
		return ENOMEM;
	}
	w->tables[0] = w->only;
	int err = pthread_create(&w->thread, NULL, worker_main, w);
	if (err != 0) {
		worker_free(w);
		return err;
	}
	*out = w;
	return 0;
}

size_t dc_worker_take(struct dc_worker *w, size_t max, struct dc_item **items,
		      int *ended, size_t *progress, size_t *backlog)
{
	pthread_mutex_lock(&w->mu);
	size_t queued = w->n - w->head;
	size_t n = queued < max ? queued : max;
	struct dc_item *q = n > 0 ? malloc(n * sizeof *q) : NULL;
	*progress = w->progress;
	if (n > 0 && q == NULL) {
		*ended = 0;
		*backlog = queued;
		pthread_mutex_unlock(&w->mu);
		return (size_t)-1;
	}
	if (n > 0) {
		memcpy(q, w->q + w->head, n * sizeof *q);
		w->head += n;
		if (w->head == w->n)
			w->head = w->n = 0;
	}
	*ended = w->ended && w->head == w->n;
	*backlog = w->n - w->head;
	pthread_mutex_unlock(&w->mu);
	*items = q;
	return n;
}

int dc_worker_end(struct dc_worker *w, char *side, const char **why)
{
	pthread_join(w->thread, NULL);
	int err = w->err;
	*side = w->side;
	*why = w->why != NULL ? w->why : "";
	worker_free(w);
	return err;
}

void dc_worker_stop(struct dc_worker *w)
{
	if (w == NULL)
		return;
	w->cancel = 1;
	pthread_join(w->thread, NULL);
	worker_free(w);
}
