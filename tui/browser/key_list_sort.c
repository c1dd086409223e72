/* SPDX-License-Identifier: MIT */
/*
 * key_list_sort.c - the key list's orders: by name (the name index
 * itself), natural, by size or by time (an order array). A new order on a
 * big list is sorted in slices (key_list_step), so the screen keeps
 * answering while a million names sort; the old order shows until the
 * new one is complete (common/slice_sort.h). Entries that come or change
 * meanwhile are placed when it finishes.
 */
#include "browser/key_list_filter.h"
#include "common/natcmp.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SORT_NOW_MAX 20000 /* lists up to this size sort at once */
#define CMP_PER_FACT 16    /* comparisons a step does per fact budget */

int kl_sort_needs_facts(enum key_list_sort sort)
{
	return sort == KL_SORT_SIZE || sort == KL_SORT_MTIME;
}

int kl_stat_cmp(const struct key_list *kl, uint32_t a, uint32_t b,
		enum key_list_sort sort)
{
	const struct kl_entry *x = &kl->e[a], *y = &kl->e[b];
	if (sort == KL_SORT_SIZE && x->size != y->size)
		return x->size < y->size ? -1 : 1;
	if (sort == KL_SORT_MTIME && x->mtime != y->mtime)
		return x->mtime < y->mtime ? -1 : 1;
	if (sort == KL_SORT_NATURAL) {
		int c = natcmp(ename(kl, a), x->name_len, ename(kl, b),
			       y->name_len);
		if (c != 0)
			return c;
	}
	return entry_name_cmp(kl, a, b);
}

int kl_qsort_stat_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct key_list *kl = ctx;
	return kl_stat_cmp(kl, *(const uint32_t *)pa, *(const uint32_t *)pb,
			   kl->sort);
}

static int want_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct key_list *kl = ctx;
	return kl_stat_cmp(kl, *(const uint32_t *)pa, *(const uint32_t *)pb,
			   kl->want_sort);
}

uint32_t kl_count_missing(const struct key_list *kl)
{
	uint32_t m = 0;
	for (uint32_t k = 0; k < kl->n_live; k++)
		if (!(kl->e[kl->by_name[k]].flags & KLF_STAT))
			m++;
	return m;
}

void kl_sorter_free(struct key_list *kl)
{
	if (kl->sorter == NULL)
		return;
	slice_sort_done(&kl->sorter->ss);
	free(kl->sorter->ids);
	free(kl->sorter);
	kl->sorter = NULL;
	for (uint32_t i = 0; i < kl->n; i++)
		kl->e[i].flags &= (uint8_t)~KLF_RESORT;
}

/* Make `order` (malloc'd, kl->n_live entries in want_sort's order) the
 * order shown. Takes `order` in every case. */
static int apply_order(struct key_list *kl, uint32_t *order)
{
	uint32_t keep = kl_cur_entry(kl);
	kl->sort = kl->want_sort;
	kl->desc = kl->want_desc;
	free(kl->order);
	kl->order = NULL;
	kl->order_valid = 0;
	if (kl->sort != KL_SORT_NAME) {
		kl->order = order;
		kl->order_valid = 1;
	} else {
		free(order);
	}
	if (kl_rebuild_rows(kl, 0))
		return ENOMEM;
	kl_place_cursor(kl, keep);
	return 0;
}

/* Sort now, in one go. */
static int sort_now(struct key_list *kl)
{
	uint32_t *o = NULL;
	kl->pending = 0;
	if (kl->want_sort != KL_SORT_NAME) {
		o = malloc((kl->n_live ? kl->n_live : 1) * sizeof *o);
		if (o == NULL)
			return ENOMEM;
		/* an empty list (sorted before it is listed) has no by_name */
		if (kl->n_live > 0) {
			memcpy(o, kl->by_name, kl->n_live * sizeof *o);
			qsort_r(o, kl->n_live, sizeof *o, want_cmp, kl);
		}
	}
	return apply_order(kl, o);
}

/* The order shown stays; only its direction may change. */
static int turn_round(struct key_list *kl)
{
	uint32_t keep = kl_cur_entry(kl);
	kl->desc = kl->want_desc;
	if (kl_rebuild_rows(kl, 0))
		return ENOMEM;
	kl_place_cursor(kl, keep);
	return 0;
}

static int start_sorter(struct key_list *kl)
{
	struct kl_sorter *s = calloc(1, sizeof *s);
	if (s == NULL)
		return ENOMEM;
	s->n = kl->n_live;
	s->ids = malloc((s->n ? s->n : 1) * sizeof *s->ids);
	if (s->ids == NULL ||
	    slice_sort_init(&s->ss, s->ids, s->n, sizeof *s->ids, want_cmp,
			    kl) != 0) {
		free(s->ids);
		free(s);
		return ENOMEM;
	}
	memcpy(s->ids, kl->by_name, s->n * sizeof *s->ids);
	kl->sorter = s;
	return 0;
}

int key_list_set_sort(struct key_list *kl, enum key_list_sort sort,
		      int descending)
{
	kl_sorter_free(kl);
	kl->want_sort = sort;
	kl->want_desc = descending ? 1 : 0;
	kl->pending = 0;
	kl->fetch_pos = 0;
	if (sort == kl->sort && (sort == KL_SORT_NAME || kl->order_valid))
		return turn_round(kl); /* the same order, maybe reversed */
	if (kl_sort_needs_facts(sort) && kl->stat_fn != NULL)
		kl->pending = kl_count_missing(kl);
	if (kl->pending == 0 &&
	    (sort == KL_SORT_NAME || kl->n_live <= SORT_NOW_MAX))
		return sort_now(kl);
	return 0;
}

/* The sort is done: its entries still live and unchanged, merged with
 * the entries that came or changed meanwhile (sorted now). */
static int finish_sort(struct key_list *kl)
{
	struct kl_sorter *s = kl->sorter;
	uint32_t nf = 0, no = 0;
	uint32_t *fresh = malloc(((size_t)kl->n_live + 1) * sizeof *fresh);
	uint32_t *o = malloc(((size_t)kl->n_live + 1) * sizeof *o);
	if (fresh == NULL || o == NULL) {
		free(fresh);
		free(o);
		return ENOMEM;
	}
	/* the entries in storage order, not name order: on a million keys
	 * a pass in name order is a cache miss per entry */
	for (uint32_t i = 0; i < kl->n; i++) {
		uint8_t f = kl->e[i].flags;
		if ((f & KLF_RESORT) && (f & KLF_LIVE) && !(f & KLF_DEAD)) {
			kl_fetch_one(kl, i);
			fresh[nf++] = i;
		}
	}
	if (nf == 0 && kl->n_live == s->n) {
		/* nothing came, changed or went meanwhile (a key that went
		 * makes fewer, one that came or changed is fresh): the sorted
		 * ids are the order, as they are */
		free(fresh);
		free(o);
		o = s->ids;
		s->ids = NULL;
		kl_sorter_free(kl);
		return apply_order(kl, o);
	}
	qsort_r(fresh, nf, sizeof *fresh, want_cmp, kl);
	uint32_t a = 0, b = 0;
	for (;;) {
		while (a < s->n && (kl->e[s->ids[a]].flags &
				    (KLF_DEAD | KLF_RESORT) ||
				    !(kl->e[s->ids[a]].flags & KLF_LIVE)))
			a++;
		if (a >= s->n && b >= nf)
			break;
		if (b >= nf || (a < s->n && want_cmp(&s->ids[a], &fresh[b],
						      kl) < 0))
			o[no++] = s->ids[a++];
		else
			o[no++] = fresh[b++];
	}
	free(fresh);
	kl_sorter_free(kl);
	return apply_order(kl, o);
}

/* Fetch up to `budget` missing facts, resuming where the last step
 * stopped. */
static void fetch_facts(struct key_list *kl, uint32_t budget)
{
	uint32_t done = 0;
	if (kl->fetch_pos >= kl->n_live)
		kl->fetch_pos = 0;
	for (uint32_t k = kl->fetch_pos; k < kl->n_live && done < budget;
	     k++) {
		uint32_t i = kl->by_name[k];
		kl->fetch_pos = k + 1;
		if (!(kl->e[i].flags & KLF_STAT)) {
			kl_fetch_one(kl, i);
			done++;
		}
	}
	if (kl->pending > done && kl->fetch_pos < kl->n_live)
		kl->pending -= done;
	else
		kl->pending = kl_count_missing(kl);
}

uint32_t key_list_step(struct key_list *kl, uint32_t budget)
{
	if (kl->pending > 0) {
		fetch_facts(kl, budget);
		if (kl->pending > 0 || kl->n_live > SORT_NOW_MAX)
			return key_list_sort_pending(kl);
	}
	if (kl->sorter == NULL) {
		if (kl->want_sort == kl->sort && kl->want_desc == kl->desc)
			return 0;
		if (kl->n_live <= SORT_NOW_MAX) {
			sort_now(kl);
			return key_list_sort_pending(kl);
		}
		if (start_sorter(kl) != 0)
			return key_list_sort_pending(kl);
	}
	struct kl_sorter *s = kl->sorter;
	if (slice_sort_step(&s->ss, (size_t)budget * CMP_PER_FACT) &&
	    finish_sort(kl) != 0) {
		/* out of memory: the old order stays */
		kl_sorter_free(kl);
		kl->want_sort = kl->sort;
		kl->want_desc = kl->desc;
	}
	return key_list_sort_pending(kl);
}

enum key_list_sort key_list_sort(const struct key_list *kl, int *descending)
{
	if (descending != NULL)
		*descending = kl->desc;
	return kl->sort;
}

uint32_t key_list_sort_pending(const struct key_list *kl)
{
	if (kl->pending > 0)
		return kl->pending;
	if (kl->sorter != NULL) {
		size_t left = slice_sort_left(&kl->sorter->ss);
		return left == 0 ? 1 : left > UINT32_MAX ? UINT32_MAX
							 : (uint32_t)left;
	}
	return kl->want_sort != kl->sort || kl->want_desc != kl->desc;
}
