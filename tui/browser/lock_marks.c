/* SPDX-License-Identifier: MIT */
/*
 * lock_marks.c - the key list's lock marks from /proc/locks (see
 * lock_marks.h for why a directory pass maps inodes to names).
 */
#include "browser/lock_marks.h"

#include "browser/table_loader.h"
#include "inspect/inspect_views.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define LOCK_MARKS_SOON_MS 300   /* after a list change, read soon */
#define LOCK_MARKS_BATCH 512     /* scan entries per flockd_scan_next */

#define LOCK_BITS (KL_MARK_LOCK_SH | KL_MARK_LOCK_EX)

void lock_marks_init(struct lock_marks *lm)
{
	memset(lm, 0, sizeof *lm);
	lm->gen = (unsigned long)-1;
}

static void hits_free(struct lock_hit *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static void stop_pass(struct lock_marks *lm)
{
	flockd_scan_close(lm->scan);
	lm->scan = NULL;
	locked_set_free(&lm->pending);
	hits_free(lm->found, lm->n_found);
	lm->found = NULL;
	lm->n_found = lm->cap_found = 0;
}

void lock_marks_done(struct lock_marks *lm)
{
	stop_pass(lm);
	locked_set_free(&lm->applied);
	hits_free(lm->hits, lm->n_hits);
	lock_marks_init(lm);
}

void lock_marks_reset(struct lock_marks *lm)
{
	lock_marks_done(lm);
}

void lock_marks_refresh(struct lock_marks *lm)
{
	lm->next_ms = 0;
	lm->stale = 1;
}

size_t lock_marks_count(const struct lock_marks *lm)
{
	return lm->n_hits;
}

static void mark_hits(struct key_list *kl, const struct lock_hit *v,
		      size_t n, int set)
{
	for (size_t i = 0; i < n; i++)
		key_list_mark(kl, v[i].name, v[i].len, v[i].is_entry,
			      set ? v[i].mark : 0, LOCK_BITS);
}

/* The pass is complete: its names replace the marked ones. */
static void finish_pass(struct lock_marks *lm, struct key_list *kl)
{
	if (lm->n_hits != 0 || lm->n_found != 0)
		lm->changes++;
	mark_hits(kl, lm->hits, lm->n_hits, 0);
	hits_free(lm->hits, lm->n_hits);
	lm->hits = lm->found;
	lm->n_hits = lm->n_found;
	lm->cap_hits = lm->cap_found;
	lm->found = NULL;
	lm->n_found = lm->cap_found = 0;
	mark_hits(kl, lm->hits, lm->n_hits, 1);
	locked_set_free(&lm->applied);
	lm->applied = lm->pending;
	memset(&lm->pending, 0, sizeof lm->pending);
	flockd_scan_close(lm->scan);
	lm->scan = NULL;
}

static int add_found(struct lock_marks *lm, const struct table_row_spec *r,
		     unsigned mark)
{
	if (lm->n_found == lm->cap_found) {
		size_t cap = lm->cap_found ? lm->cap_found * 2 : 8;
		struct lock_hit *v = realloc(lm->found, cap * sizeof *v);
		if (v == NULL)
			return ENOMEM;
		lm->found = v;
		lm->cap_found = cap;
	}
	char *name = malloc(r->len + 1);
	if (name == NULL)
		return ENOMEM;
	memcpy(name, r->name, r->len);
	name[r->len] = '\0';
	lm->found[lm->n_found++] = (struct lock_hit){name, r->len, r->is_entry,
						     mark};
	return 0;
}

/* Read up to `budget` entries of the pass; 1 when it is complete, 0 while
 * more remain, or an error (the pass is then dropped). */
static int pass_step(struct lock_marks *lm, size_t budget)
{
	struct flockd_scan_entry buf[LOCK_MARKS_BATCH];
	size_t done = 0;

	while (done < budget) {
		size_t n = 0;
		int err = flockd_scan_next(lm->scan, buf, LOCK_MARKS_BATCH, &n);
		if (err != FLOCKD_OK)
			return err;
		if (n == 0)
			return 1;
		done += n;
		for (size_t i = 0; i < n; i++) {
			const struct locked_inode *li =
				locked_set_find(&lm->pending, buf[i].ino);
			struct table_row_spec r;
			if (li == NULL ||
			    !table_row_classify(buf[i].name, buf[i].name_len,
						buf[i].d_type, &r))
				continue;
			err = add_found(lm, &r, li->access == PROC_LOCK_WRITE
						  ? KL_MARK_LOCK_EX
						  : KL_MARK_LOCK_SH);
			if (err != 0)
				return err;
		}
	}
	return 0;
}

static int same_set(const struct locked_set *a, const struct locked_set *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].ino != b->v[i].ino ||
		    a->v[i].access != b->v[i].access)
			return 0;
	return 1;
}

/* Read /proc/locks; start a pass when the marks may be wrong. */
static void read_locks(struct lock_marks *lm, flockd_table *table,
		       struct key_list *kl, int list_changed)
{
	struct locked_set now;
	int err = inspect_locked_keys(table, &now);

	lm->err = err;
	if (err != 0) {
		/* Nothing is known: show no marks rather than old ones. */
		stop_pass(lm);
		if (lm->n_hits != 0)
			lm->changes++;
		mark_hits(kl, lm->hits, lm->n_hits, 0);
		hits_free(lm->hits, lm->n_hits);
		lm->hits = NULL;
		lm->n_hits = lm->cap_hits = 0;
		locked_set_free(&lm->applied);
		return;
	}
	if (lm->scan == NULL && !list_changed && same_set(&now, &lm->applied)) {
		locked_set_free(&now);
		return;
	}
	stop_pass(lm);
	lm->pending = now;
	if (now.n == 0) {
		finish_pass(lm, kl); /* no lock: unmark without a pass */
		return;
	}
	err = flockd_scan_open(table, &lm->scan);
	if (err != FLOCKD_OK) {
		lm->err = err;
		stop_pass(lm);
	}
}

int lock_marks_step(struct lock_marks *lm, flockd_table *table,
		    struct key_list *kl, unsigned long gen, long long now_ms,
		    size_t budget)
{
	int list_changed = gen != lm->gen;

	if (table == NULL || kl == NULL)
		return 0;
	if (list_changed) {
		/* A new or changed list: keep the known marks on it until the
		 * next read says otherwise. */
		mark_hits(kl, lm->hits, lm->n_hits, 1);
		lm->gen = gen;
		if (lm->next_ms > now_ms + LOCK_MARKS_SOON_MS)
			lm->next_ms = now_ms + LOCK_MARKS_SOON_MS;
		lm->stale = 1;
	}
	if (lm->scan == NULL && now_ms >= lm->next_ms) {
		lm->next_ms = now_ms + LOCK_MARKS_PERIOD_MS;
		read_locks(lm, table, kl, lm->stale);
		lm->stale = 0;
	}
	if (lm->scan == NULL)
		return 0;
	int rc = pass_step(lm, budget);
	if (rc == 1)
		finish_pass(lm, kl);
	else if (rc != 0) {
		lm->err = rc;
		stop_pass(lm);
	}
	return lm->scan != NULL;
}
