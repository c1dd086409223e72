/* SPDX-License-Identifier: MIT */
/* colindex.c - marks of long lines (colindex.h). */
#include "editor/colindex.h"

#include <stdlib.h>
#include <string.h>

void colindex_init(struct colindex *ix)
{
	memset(ix, 0, sizeof *ix);
}

void colindex_done(struct colindex *ix)
{
	for (size_t i = 0; i < COLINDEX_LINES; i++)
		free(ix->line[i].m);
	memset(ix, 0, sizeof *ix);
}

static void drop(struct colindex *ix, size_t i)
{
	free(ix->line[i].m);
	ix->line[i] = ix->line[--ix->n];
	memset(&ix->line[ix->n], 0, sizeof ix->line[ix->n]);
}

void colindex_changed(struct colindex *ix, size_t low)
{
	if (low == (size_t)-1)
		return;
	for (size_t i = ix->n; i-- > 0;) {
		struct colindex_line *l = &ix->line[i];
		/* a mark depends on the bytes from the line's start to it:
		 * a change at `low` leaves the marks at or before it */
		if (l->start > low) {
			drop(ix, i);
			continue;
		}
		while (l->n > 1 && l->m[l->n - 1].pos > low)
			l->n--;
		if (l->end != (size_t)-1 && low <= l->end)
			l->end = (size_t)-1;
	}
}

struct colindex_line *colindex_line(struct colindex *ix, size_t start,
				    int make)
{
	for (size_t i = 0; i < ix->n; i++) {
		if (ix->line[i].start == start) {
			ix->line[i].used = ++ix->clock;
			return &ix->line[i];
		}
	}
	if (!make)
		return NULL;
	if (ix->n == COLINDEX_LINES) {
		size_t old = 0;
		for (size_t i = 1; i < ix->n; i++)
			if (ix->line[i].used < ix->line[old].used)
				old = i;
		drop(ix, old);
	}
	struct colindex_line *l = &ix->line[ix->n];
	l->m = malloc(16 * sizeof *l->m);
	if (l->m == NULL)
		return NULL;
	ix->n++;
	l->cap = 16;
	l->n = 1;
	l->m[0].pos = start;
	l->m[0].col = 0;
	l->start = start;
	l->end = (size_t)-1;
	l->used = ++ix->clock;
	return l;
}

struct colindex_line *colindex_find(struct colindex *ix, size_t pos)
{
	for (size_t i = 0; i < ix->n; i++) {
		struct colindex_line *l = &ix->line[i];
		if (l->end != (size_t)-1 && l->start <= pos && pos <= l->end) {
			l->used = ++ix->clock;
			return l;
		}
	}
	return NULL;
}

const struct colindex_mark *colindex_best(const struct colindex_line *l,
					  size_t pos)
{
	size_t lo = 0, hi = l->n; /* the answer is in [lo, hi) */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->m[mid].pos <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return &l->m[lo];
}

const struct colindex_mark *colindex_best_col(const struct colindex_line *l,
					      long col)
{
	size_t lo = 0, hi = l->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->m[mid].col <= col)
			lo = mid;
		else
			hi = mid;
	}
	return &l->m[lo];
}

size_t colindex_next_at(const struct colindex_line *l)
{
	return l->start + l->n * (size_t)COLINDEX_STEP;
}

void colindex_add(struct colindex_line *l, size_t pos, long col)
{
	if (l->n == l->cap) {
		struct colindex_mark *m = realloc(l->m, 2 * l->cap * sizeof *m);
		if (m == NULL)
			return;
		l->m = m;
		l->cap *= 2;
	}
	l->m[l->n].pos = pos;
	l->m[l->n].col = col;
	l->n++;
}
