/* SPDX-License-Identifier: MIT */
/*
 * db_compare.c - the whole-database comparison's results (db_compare.h):
 * the worker (db_compare_worker.c) queues replica_compare's records as
 * items; the loop moves them into tables of sorted keys.
 */
#include "browser/db_compare.h"
#include "browser/db_compare_worker.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define DC_TAKE_MAX 8192 /* records moved to the results per take */

struct db_compare {
	struct replica *here, *there;
	struct dc_worker *w;  /* NULL: no run */
	int whole;            /* the run covers every table */
	struct cmp_table **t; /* sorted by name */
	size_t nt, capt;
	struct cmp_table *building; /* the run's current table (not in t
				       until complete when t has it) */
	size_t progress;
	int err;
	char side;
	const char *why;
	unsigned char *seen;  /* a whole run: tables it gave (by index) */
	size_t backlog;       /* records left queued by the last take */
};

static size_t key_pos(const struct cmp_table *t, const char *key,
		      int *found);

static void table_free(struct cmp_table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->keys[i].name);
	free(t->keys);
	free(t->name);
	free(t);
}

static size_t table_pos(const struct db_compare *dc, const char *name,
			int *found);

/* A run cut short: a table shown while it filled stays (not complete);
 * new results of a table held before are dropped. */
static void drop_building(struct db_compare *dc)
{
	if (dc->building == NULL)
		return;
	int found;
	size_t i = table_pos(dc, dc->building->name, &found);
	if (!found || dc->t[i] != dc->building)
		table_free(dc->building);
	dc->building = NULL;
}

static void stop_run(struct db_compare *dc)
{
	if (dc->w == NULL)
		return;
	dc_worker_stop(dc->w);
	dc->w = NULL;
	drop_building(dc);
	free(dc->seen);
	dc->seen = NULL;
}

int db_compare_new(struct replica *here, struct replica *there,
		   struct db_compare **out)
{
	struct db_compare *dc = calloc(1, sizeof *dc);
	*out = NULL;
	if (dc == NULL) {
		replica_close(here);
		replica_close(there);
		return ENOMEM;
	}
	dc->here = here;
	dc->there = there;
	*out = dc;
	return 0;
}

void db_compare_free(struct db_compare *dc)
{
	if (dc == NULL)
		return;
	stop_run(dc);
	for (size_t i = 0; i < dc->nt; i++)
		table_free(dc->t[i]);
	free(dc->t);
	replica_close(dc->here);
	replica_close(dc->there);
	free(dc);
}

int db_compare_run(struct db_compare *dc, const char *table)
{
	stop_run(dc);
	int err = 0;
	if (table == NULL && dc->nt > 0 &&
	    (dc->seen = calloc(dc->nt, 1)) == NULL)
		err = ENOMEM;
	if (err == 0)
		err = dc_worker_start(dc->here, dc->there, table, &dc->w);
	if (err != 0) {
		dc->err = err;
		dc->side = 0;
		dc->why = err == ENOMEM ? "out of memory" : "";
		free(dc->seen);
		dc->seen = NULL;
		return err;
	}
	dc->whole = table == NULL;
	dc->err = 0;
	dc->side = 0;
	dc->why = "";
	dc->progress = 0;
	dc->backlog = 0;
	return 0;
}

/* The index of `name` in dc->t, or where it goes (*found 0). */
static size_t table_pos(const struct db_compare *dc, const char *name,
			int *found)
{
	size_t lo = 0, hi = dc->nt;
	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(dc->t[mid]->name, name);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int insert_table(struct db_compare *dc, size_t at,
			struct cmp_table *t)
{
	if (dc->nt == dc->capt) {
		size_t cap = dc->capt ? dc->capt * 2 : 32;
		struct cmp_table **v = realloc(dc->t, cap * sizeof *v);
		if (v == NULL)
			return ENOMEM;
		dc->t = v;
		dc->capt = cap;
	}
	memmove(dc->t + at + 1, dc->t + at, (dc->nt - at) * sizeof *dc->t);
	dc->t[at] = t;
	dc->nt++;
	if (dc->seen != NULL) {
		/* a whole run's marks follow the indexes */
		unsigned char *s = realloc(dc->seen, dc->nt);
		if (s == NULL)
			return ENOMEM;
		memmove(s + at + 1, s + at, dc->nt - 1 - at);
		s[at] = 1;
		dc->seen = s;
	}
	return 0;
}

/* The table being built is complete: it replaces the one held. */
static int finish_table(struct db_compare *dc)
{
	struct cmp_table *t = dc->building;
	if (t == NULL)
		return 0;
	dc->building = NULL;
	t->complete = 1;
	int found;
	size_t i = table_pos(dc, t->name, &found);
	if (found) {
		if (dc->t[i] != t)
			table_free(dc->t[i]);
		dc->t[i] = t;
		if (dc->seen != NULL)
			dc->seen[i] = 1;
		return 0;
	}
	int err = insert_table(dc, i, t);
	if (err != 0)
		table_free(t);
	return err;
}

static int start_table(struct db_compare *dc, struct dc_item *it)
{
	int err = finish_table(dc);
	struct cmp_table *t = calloc(1, sizeof *t);
	if (err != 0 || t == NULL) {
		free(t);
		return ENOMEM;
	}
	t->name = it->table;
	it->table = NULL;
	t->in_here = it->in_here;
	t->in_there = it->in_there;
	t->trouble = it->trouble;
	dc->building = t;
	/* a table seen for the first time shows at once, filling up */
	int found;
	size_t i = table_pos(dc, t->name, &found);
	if (!found)
		return insert_table(dc, i, t);
	return 0;
}

static int add_key(struct db_compare *dc, struct dc_item *it)
{
	struct cmp_table *t = dc->building;
	if (t == NULL)
		return 0; /* a key before any table: cannot happen */
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct cmp_key *v = realloc(t->keys, cap * sizeof *v);
		if (v == NULL)
			return ENOMEM;
		t->keys = v;
		t->cap = cap;
	}
	/* manifest order is bytewise within a table; anything else is
	 * put in its place, so that the lookups' binary search holds */
	int found;
	size_t at = t->n;
	if (t->n > 0 && strcmp(t->keys[t->n - 1].name, it->key.name) >= 0) {
		at = key_pos(t, it->key.name, &found);
		if (found)
			return 0; /* the same key twice: the first stays */
		memmove(t->keys + at + 1, t->keys + at,
			(t->n - at) * sizeof *t->keys);
	}
	t->keys[at] = it->key;
	t->n++;
	t->counts[it->key.status]++;
	it->key.name = NULL;
	return 0;
}

/* A whole run ended: tables it did not give are gone from both sides. */
static void drop_unseen(struct db_compare *dc)
{
	size_t j = 0;
	for (size_t i = 0; i < dc->nt; i++) {
		if (dc->seen[i])
			dc->t[j++] = dc->t[i];
		else
			table_free(dc->t[i]);
	}
	dc->nt = j;
}

static void end_run(struct db_compare *dc)
{
	dc->err = dc_worker_end(dc->w, &dc->side, &dc->why);
	dc->w = NULL;
	if (dc->err == 0)
		finish_table(dc);
	else
		drop_building(dc);
	if (dc->err == 0 && dc->whole && dc->seen != NULL)
		drop_unseen(dc);
	free(dc->seen);
	dc->seen = NULL;
}

int db_compare_take(struct db_compare *dc, int *ended)
{
	*ended = 0;
	if (dc->w == NULL)
		return 0;
	/* a bounded batch per call: a keystroke never waits behind the
	 * worker's lead; the rest stays queued */
	struct dc_item *q = NULL;
	int done = 0;
	size_t n = dc_worker_take(dc->w, DC_TAKE_MAX, &q, &done,
				  &dc->progress, &dc->backlog);
	int err = n == (size_t)-1 ? ENOMEM : 0;
	for (size_t i = 0; err == 0 && i < n; i++)
		err = q[i].kind == DC_ITEM_TABLE ? start_table(dc, &q[i])
						 : add_key(dc, &q[i]);
	for (size_t i = 0; n != (size_t)-1 && i < n; i++)
		dc_item_free(&q[i]);
	free(q);
	if (err != 0) {
		/* no memory for the results: the run stops, said */
		stop_run(dc);
		dc->err = err;
		dc->side = 0;
		dc->why = "out of memory";
		*ended = 1;
		return 1;
	}
	if (done) {
		end_run(dc);
		*ended = 1;
	}
	return (n > 0 && n != (size_t)-1) || done;
}

size_t db_compare_backlog(const struct db_compare *dc)
{
	return dc->w != NULL ? dc->backlog : 0;
}

int db_compare_running(const struct db_compare *dc)
{
	return dc->w != NULL;
}

size_t db_compare_progress(const struct db_compare *dc)
{
	return dc->progress;
}

int db_compare_error(const struct db_compare *dc, char *side,
		     const char **why)
{
	*side = dc->side;
	*why = dc->why != NULL ? dc->why : "";
	return dc->err;
}

size_t db_compare_ntables(const struct db_compare *dc)
{
	return dc->nt;
}

const struct cmp_table *db_compare_table_at(const struct db_compare *dc,
					    size_t i)
{
	return i < dc->nt ? dc->t[i] : NULL;
}

const struct cmp_table *db_compare_table(const struct db_compare *dc,
					 const char *name)
{
	int found;
	size_t i = table_pos(dc, name, &found);
	return found ? dc->t[i] : NULL;
}

static size_t key_pos(const struct cmp_table *t, const char *key,
		      int *found)
{
	size_t lo = 0, hi = t->n;
	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->keys[mid].name, key);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct cmp_key *cmp_table_find(const struct cmp_table *t,
				     const char *key)
{
	int found;
	if (t == NULL)
		return NULL;
	size_t i = key_pos(t, key, &found);
	return found ? &t->keys[i] : NULL;
}

void db_compare_totals(const struct db_compare *dc, size_t out[CMP_COUNT])
{
	memset(out, 0, CMP_COUNT * sizeof *out);
	for (size_t i = 0; i < dc->nt; i++)
		for (int s = 0; s < CMP_COUNT; s++)
			out[s] += dc->t[i]->counts[s];
}

int db_compare_table_differs(const struct cmp_table *t)
{
	return !t->in_here || !t->in_there || t->counts[CMP_ONLY_HERE] ||
	       t->counts[CMP_ONLY_THERE] || t->counts[CMP_DIFFERS];
}

int db_compare_set_same(struct db_compare *dc, const char *table,
			const char *key, const struct flockd_stat *st)
{
	int found;
	size_t i = table_pos(dc, table, &found);
	if (!found)
		return FLOCKD_ENOTFOUND;
	struct cmp_table *t = dc->t[i];
	size_t k = key_pos(t, key, &found);
	if (!found)
		return FLOCKD_ENOTFOUND;
	struct cmp_key *ck = &t->keys[k];
	t->counts[ck->status]--;
	ck->status = CMP_SAME;
	ck->rc = RC_SAME;
	ck->reason = RC_REASON_NONE;
	t->counts[CMP_SAME]++;
	t->in_here = t->in_there = 1;
	if (st != NULL) {
		ck->have = 3;
		ck->size[0] = ck->size[1] = st->size;
		ck->mtime[0] = ck->mtime[1] = st->mtime;
	}
	return 0;
}
