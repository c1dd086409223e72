/*
 * replica_diff_job.c - a table of two databases compared in slices
 * (replica_diff.h): each side listed a batch of entries at a time,
 * sorted in slices (common/slice_sort.h), merged, then compared key by
 * key; replica_diff_table runs the same steps to the end.
 */
#include "inspect/replica_diff_impl.h"

#include "common/slice_sort.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define LIST_BATCH 256     /* directory entries per listing round */
#define SORT_ROUND 4096    /* comparisons per sorting round */
#define COMPARE_ROUND 8    /* keys per comparing round */

enum phase { LIST_A, LIST_B, SORT_A, SORT_B, MERGE, COMPARE, DONE };

/* Where the merge of both sorted sides is. */
struct merge_pos {
	size_t i, j;
};

struct side {
	flockd_table *t;   /* NULL: the table is not on that side */
	char **keys;
	size_t n, cap;
};

struct replica_diff_job {
	enum phase phase;
	unsigned read_flags;
	struct side s[2];
	flockd_scan *scan;
	struct slice_sort sort;
	int sorting;
	struct merge_pos merge;
	struct diff_table out;
	size_t next;       /* the next key to compare */
	char *buf;
	int err;
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int cmp_str_r(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Open `name` of `db`; a missing table is *t == NULL and success. */
static int open_side(flockd_db *db, const char *name, flockd_table **t)
{
	*t = NULL;
	int err = flockd_table_open(db, name, 0, t);
	if (err == FLOCKD_ENOTFOUND) {
		*t = NULL;
		return 0;
	}
	return err;
}

static int push_key(struct side *s, const struct flockd_scan_entry *e)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **v = realloc(s->keys, cap * sizeof *v);
		if (v == NULL)
			return ENOMEM;
		s->keys = v;
		s->cap = cap;
	}
	s->keys[s->n] = strndup(e->name + e->key_off, e->key_len);
	if (s->keys[s->n] == NULL)
		return ENOMEM;
	s->n++;
	return 0;
}

/* A batch of one side's directory: its keys (not leftovers, not
 * directories named like keys). 1 when the side is listed. */
static int list_round(struct replica_diff_job *j, struct side *s, int *err)
{
	struct flockd_scan_entry batch[LIST_BATCH];
	size_t got;
	if (s->t == NULL)
		return 1;
	if (j->scan == NULL && (*err = flockd_scan_open(s->t, &j->scan)) != 0)
		return 1;
	if ((*err = flockd_scan_next(j->scan, batch, LIST_BATCH, &got)) != 0 ||
	    got == 0) {
		flockd_scan_close(j->scan);
		j->scan = NULL;
		return 1;
	}
	for (size_t i = 0; i < got && *err == 0; i++) {
		const struct flockd_scan_entry *e = &batch[i];
		struct flockd_stat st;
		if (e->kind != FLOCKD_ENTRY_KEY || e->d_type == DT_DIR)
			continue;
		if (e->d_type == DT_UNKNOWN &&
		    flockd_entry_stat(s->t, e->name, &st) == 0 &&
		    S_ISDIR(st.mode))
			continue;
		*err = push_key(s, e);
	}
	return 0;
}

/* A round of sorting one side. 1 when it is sorted. */
static int sort_round(struct replica_diff_job *j, struct side *s, int *err)
{
	if (!j->sorting) {
		if ((*err = slice_sort_init(&j->sort, s->keys, s->n,
					    sizeof *s->keys, cmp_str_r,
					    NULL)) != 0)
			return 1;
		j->sorting = 1;
	}
	if (!slice_sort_step(&j->sort, SORT_ROUND))
		return 0;
	slice_sort_done(&j->sort);
	j->sorting = 0;
	return 1;
}

/* Both sorted sides into out.keys (taking their strings), a round of
 * `budget` keys. 1 when merged. */
static int merge_round(struct replica_diff_job *j, size_t budget)
{
	struct merge_pos *m = &j->merge;
	struct side *a = &j->s[0], *b = &j->s[1];
	struct diff_table *out = &j->out;
	for (size_t done = 0; done < budget && (m->i < a->n || m->j < b->n);
	     done++) {
		struct diff_key *k = &out->keys[out->n++];
		int c = m->i == a->n ? 1 : m->j == b->n ? -1
			: strcmp(a->keys[m->i], b->keys[m->j]);
		if (c < 0) {
			k->key = a->keys[m->i];
			a->keys[m->i++] = NULL;
			k->status = DIFF_ONLY_A;
		} else if (c > 0) {
			k->key = b->keys[m->j];
			b->keys[m->j++] = NULL;
			k->status = DIFF_ONLY_B;
		} else {
			k->key = a->keys[m->i];
			a->keys[m->i++] = NULL;
			free(b->keys[m->j]);
			b->keys[m->j++] = NULL;
			k->status = DIFF_SAME; /* until compared */
		}
	}
	return m->i == a->n && m->j == b->n;
}

/* A round of comparing keys on both sides. 1 when all are. */
static int compare_round(struct replica_diff_job *j)
{
	for (int r = 0; r < COMPARE_ROUND && j->next < j->out.n; r++) {
		struct diff_key *k = &j->out.keys[j->next++];
		if (k->status == DIFF_SAME)
			rd_compare_key(j->s[0].t, j->s[1].t, j->buf, k,
				       j->read_flags);
		if (k->status == DIFF_TROUBLE)
			j->out.ntrouble++;
		else if (k->status != DIFF_SAME)
			j->out.ndiff++;
	}
	return j->next >= j->out.n;
}

static int start_merge(struct replica_diff_job *j)
{
	j->out.keys = calloc(j->s[0].n + j->s[1].n + 1, sizeof *j->out.keys);
	j->buf = malloc(2 * DIFF_CHUNK);
	return j->out.keys == NULL || j->buf == NULL ? ENOMEM : 0;
}

/* One round of whatever phase the job is in. */
static void round_of(struct replica_diff_job *j)
{
	int err = 0;
	switch (j->phase) {
	case LIST_A: case LIST_B:
		if (list_round(j, &j->s[j->phase == LIST_B], &err) && !err)
			j->phase++;
		break;
	case SORT_A: case SORT_B:
		if (sort_round(j, &j->s[j->phase == SORT_B], &err) && !err) {
			j->phase++;
			if (j->phase == MERGE)
				err = start_merge(j);
		}
		break;
	case MERGE:
		if (merge_round(j, LIST_BATCH * 16))
			j->phase = COMPARE;
		break;
	case COMPARE:
		if (compare_round(j))
			j->phase = DONE;
		break;
	case DONE:
		break;
	}
	if (err != 0) {
		j->err = err;
		j->phase = DONE;
	}
}

int replica_diff_start(flockd_db *a, flockd_db *b, const char *name,
		       unsigned read_flags, struct replica_diff_job **out)
{
	*out = NULL;
	struct replica_diff_job *j = calloc(1, sizeof *j);
	if (j == NULL)
		return ENOMEM;
	j->read_flags = read_flags;
	int err = open_side(a, name, &j->s[0].t);
	if (err == 0)
		err = open_side(b, name, &j->s[1].t);
	if (err == 0 && j->s[0].t == NULL && j->s[1].t == NULL)
		err = FLOCKD_ENOTFOUND;
	if (err == 0 && (j->out.name = strdup(name)) == NULL)
		err = ENOMEM;
	if (err != 0) {
		replica_diff_job_free(j);
		return err;
	}
	j->out.in_a = j->s[0].t != NULL;
	j->out.in_b = j->s[1].t != NULL;
	*out = j;
	return 0;
}

int replica_diff_step(struct replica_diff_job *j, long budget_ms)
{
	long long start = now_ms();
	do
		round_of(j);
	while (j->phase != DONE && now_ms() - start < budget_ms);
	if (j->phase != DONE)
		return 0;
	return j->err != 0 ? j->err : 1;
}

int replica_diff_finish(struct replica_diff_job *j, struct diff_table *out)
{
	memset(out, 0, sizeof *out);
	if (j->phase != DONE || j->err != 0)
		return j->err != 0 ? j->err : EINVAL;
	*out = j->out;
	memset(&j->out, 0, sizeof j->out);
	return 0;
}

void replica_diff_progress(const struct replica_diff_job *j, size_t *done,
			   size_t *total)
{
	*done = j->phase >= COMPARE ? j->next : 0;
	*total = j->phase >= COMPARE ? j->out.n : 0;
}

void replica_diff_job_free(struct replica_diff_job *j)
{
	if (j == NULL)
		return;
	if (j->sorting)
		slice_sort_done(&j->sort);
	flockd_scan_close(j->scan);
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < j->s[k].n; i++)
			free(j->s[k].keys[i]);
		free(j->s[k].keys);
		flockd_table_close(j->s[k].t);
	}
	diff_table_free(&j->out);
	free(j->buf);
	free(j);
}

int replica_diff_table(flockd_db *a, flockd_db *b, const char *name,
		       struct diff_table *out)
{
	struct replica_diff_job *j;
	int err = replica_diff_start(a, b, name, 0, &j);
	memset(out, 0, sizeof *out);
	if (err != 0)
		return err;
	while ((err = replica_diff_step(j, 1000)) == 0)
		;
	err = err == 1 ? replica_diff_finish(j, out) : err;
	replica_diff_job_free(j);
	return err;
}
