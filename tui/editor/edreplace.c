/* SPDX-License-Identifier: MIT */
/* edreplace.c - replacing matches: one, or all as one undo step. */
#include "editor/edreplace.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The new text goes in after the match before the match goes: when memory
 * runs out half way, both are there and no byte is lost. */
static int replace_at(struct edbuf *eb, const struct edfind_match *m,
		      const char *rep, size_t rn)
{
	int err = rn > 0 ? edbuf_insert(eb, m->end, rep, rn, EDBUF_MERGE_NONE)
			 : 0;
	if (!err && m->end > m->start)
		err = edbuf_delete(eb, m->start, m->end - m->start,
				   EDBUF_MERGE_NONE);
	return err;
}

int edreplace_one(const struct edfind *f, struct edbuf *eb,
		  const struct edfind_match *m, const char *tmpl, size_t tn,
		  size_t *end)
{
	char *rep;
	size_t rn;
	if (edfind_expand(f, &eb->gb, m, tmpl, tn, &rep, &rn) != 0)
		return ENOMEM;
	edbuf_group_begin(eb);
	int err = replace_at(eb, m, rep, rn);
	edbuf_group_end(eb);
	free(rep);
	if (!err)
		*end = m->start + rn;
	return err;
}

/* A batch of matches with their replacement texts, in order. */
struct batch {
	struct edfind *f;
	const struct gapbuf *gb;
	const char *tmpl;
	size_t tn;
	struct edfind_match *m;
	char **rep;
	size_t *rn;
	size_t n;
	int err;
};

static int collect(void *ctx, const struct edfind_match *m)
{
	struct batch *b = ctx;
	if (edfind_expand(b->f, b->gb, m, b->tmpl, b->tn, &b->rep[b->n],
			  &b->rn[b->n]) != 0) {
		b->err = ENOMEM;
		return 1;
	}
	b->m[b->n++] = *m;
	return b->n == EDREPLACE_BATCH;
}

/* Replace the batch's matches from the last to the first, so that every
 * position is still where it was found. Frees the texts. */
static int apply(struct batch *b, struct edbuf *eb, size_t *count)
{
	int err = 0;
	for (size_t i = b->n; i-- > 0;) {
		const struct edfind_match *m = &b->m[i];
		if (!err)
			err = replace_at(eb, m, b->rep[i], b->rn[i]);
		if (!err)
			(*count)++;
		free(b->rep[i]);
	}
	return err;
}

int edreplace_all(struct edfind *f, struct edbuf *eb, const char *tmpl,
		  size_t tn, size_t *count)
{
	*count = 0;
	struct batch b = {f, &eb->gb, tmpl, tn, NULL, NULL, NULL, 0, 0};
	b.m = malloc(EDREPLACE_BATCH * sizeof *b.m);
	b.rep = malloc(EDREPLACE_BATCH * sizeof *b.rep);
	b.rn = malloc(EDREPLACE_BATCH * sizeof *b.rn);
	int err = b.m && b.rep && b.rn ? 0 : ENOMEM;
	size_t from = 0;
	edbuf_group_begin(eb);
	while (!err) {
		b.n = 0;
		int r = edfind_each(f, &eb->gb, from, edbuf_len(eb), collect,
				    &b);
		err = b.err ? b.err : r > 1 ? r : 0;
		if (b.n == 0)
			break;
		int stopped = b.n == EDREPLACE_BATCH;
		/* where the text after the batch's last match moves to */
		long long shift = 0;
		for (size_t i = 0; i < b.n; i++)
			shift += (long long)b.rn[i] -
				 (long long)(b.m[i].end - b.m[i].start);
		const struct edfind_match last = b.m[b.n - 1];
		int aerr = apply(&b, eb, count);
		if (!err)
			err = aerr;
		if (!stopped || err)
			break;
		from = (size_t)((long long)last.end + shift);
		if (last.end == last.start)
			from++;
	}
	edbuf_group_end(eb);
	free(b.m);
	free(b.rep);
	free(b.rn);
	return err;
}
