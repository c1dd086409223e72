/* SPDX-License-Identifier: MIT */
/*
 * slice_sort.c - a merge sort resumable after any comparison
 * (slice_sort.h): blocks insertion-sorted first, then passes merging
 * pairs of runs from one array into the other.
 */
#include "common/slice_sort.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 16

int slice_sort_init(struct slice_sort *s, void *base, size_t n, size_t size,
		    slice_sort_cmp cmp, void *ctx)
{
	memset(s, 0, sizeof *s);
	if (size != 4 && size != 8)
		return EINVAL;
	s->scratch = s->tmp = malloc((n ? n : 1) * size);
	if (s->tmp == NULL)
		return ENOMEM;
	s->base = base;
	s->n = n;
	s->size = size;
	s->cmp = cmp;
	s->ctx = ctx;
	return 0;
}

void slice_sort_done(struct slice_sort *s)
{
	free(s->scratch);
	s->scratch = s->tmp = NULL;
}

static char *at(void *a, size_t i, size_t size)
{
	return (char *)a + i * size;
}

static size_t sort_blocks(struct slice_sort *s, size_t budget)
{
	size_t spent = 0, z = s->size;
	char v[8];
	while (spent < budget && s->block * BLOCK < s->n) {
		size_t lo = s->block * BLOCK;
		size_t hi = s->n - lo > BLOCK ? lo + BLOCK : s->n;
		for (size_t x = lo + 1; x < hi; x++) {
			size_t y = x;
			memcpy(v, at(s->base, x, z), z);
			while (y > lo && (spent++, s->cmp(at(s->base, y - 1, z), v,
							 s->ctx) > 0)) {
				memcpy(at(s->base, y, z), at(s->base, y - 1, z), z);
				y--;
			}
			memcpy(at(s->base, y, z), v, z);
		}
		s->block++;
	}
	if (s->block * BLOCK >= s->n)
		s->width = BLOCK;
	return spent;
}

/* The end of a pass: the runs are in the other array now. */
static void next_pass(struct slice_sort *s)
{
	void *t = s->base;
	s->base = s->tmp;
	s->tmp = t;
	s->swapped = !s->swapped;
	s->lo = 0;
	s->width = s->width > s->n / 2 ? s->n : s->width * 2;
}

static size_t merge_runs(struct slice_sort *s, size_t budget)
{
	size_t spent = 0, z = s->size;
	while (spent < budget && s->width < s->n) {
		size_t mid = s->n - s->lo > s->width ? s->lo + s->width : s->n;
		size_t hi = s->n - mid > s->width ? mid + s->width : s->n;
		if (!s->merging) {
			s->i = s->lo;
			s->j = mid;
			s->k = s->lo;
			s->merging = 1;
		}
		while (spent < budget && s->i < mid && s->j < hi) {
			spent++;
			if (s->cmp(at(s->base, s->j, z), at(s->base, s->i, z),
				   s->ctx) < 0)
				memcpy(at(s->tmp, s->k++, z),
				       at(s->base, s->j++, z), z);
			else
				memcpy(at(s->tmp, s->k++, z),
				       at(s->base, s->i++, z), z);
		}
		if (s->i < mid && s->j < hi)
			break; /* out of budget inside the merge */
		memcpy(at(s->tmp, s->k, z), at(s->base, s->i, z),
		       (mid - s->i) * z);
		s->k += mid - s->i;
		memcpy(at(s->tmp, s->k, z), at(s->base, s->j, z),
		       (hi - s->j) * z);
		s->k += hi - s->j;
		s->merging = 0;
		s->lo = hi;
		if (s->lo >= s->n)
			next_pass(s);
	}
	return spent;
}

int slice_sort_step(struct slice_sort *s, size_t budget)
{
	size_t spent = 0;
	if (s->width == 0)
		spent = sort_blocks(s, budget);
	if (s->width != 0 && spent < budget)
		merge_runs(s, budget - spent);
	if (s->width == 0 || s->width < s->n)
		return 0;
	if (s->swapped) { /* the caller's array holds the result */
		memcpy(s->tmp, s->base, s->n * s->size);
		void *t = s->base;
		s->base = s->tmp;
		s->tmp = t;
		s->swapped = 0;
	}
	return 1;
}

size_t slice_sort_left(const struct slice_sort *s)
{
	if (s->width == 0)
		return s->n - s->block * BLOCK + s->n;
	return s->width >= s->n ? 0 : s->n - s->lo / 2;
}
