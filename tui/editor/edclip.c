/* SPDX-License-Identifier: MIT */
/* edclip.c - selection range, in-process clipboard, OSC 52 sequence. */
#include "editor/edclip.h"

#include "common/base64.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int edsel_range(const struct edsel *s, size_t cursor, size_t *lo,
		size_t *hi)
{
	if (!s->active || s->anchor == cursor)
		return 0;
	*lo = s->anchor < cursor ? s->anchor : cursor;
	*hi = s->anchor < cursor ? cursor : s->anchor;
	return 1;
}

void edclip_init(struct edclip *c)
{
	c->bytes = NULL;
	c->len = 0;
}

void edclip_done(struct edclip *c)
{
	free(c->bytes);
	edclip_init(c);
}

int edclip_copy(struct edclip *c, const struct gapbuf *gb, size_t lo,
		size_t hi)
{
	char *b = malloc(hi - lo + 1);
	if (b == NULL)
		return ENOMEM;
	gapbuf_copy(gb, lo, b, hi - lo);
	free(c->bytes);
	c->bytes = b;
	c->len = hi - lo;
	return 0;
}

int edclip_cut(struct edclip *c, struct edbuf *eb, size_t lo, size_t hi)
{
	struct edclip old = *c;
	edclip_init(c);
	int err = edclip_copy(c, &eb->gb, lo, hi);
	if (!err) {
		edbuf_break(eb);
		err = edbuf_delete(eb, lo, hi - lo, EDBUF_MERGE_NONE);
		edbuf_break(eb);
	}
	if (err) {
		edclip_done(c);
		*c = old;
		return err;
	}
	free(old.bytes);
	return 0;
}

int edclip_paste(const struct edclip *c, struct edbuf *eb, size_t lo,
		 size_t hi, size_t *end)
{
	if (c->bytes == NULL)
		return ENOENT;
	edbuf_break(eb);
	edbuf_group_begin(eb);
	/* in before out: a failure half way loses nothing */
	int err = c->len ? edbuf_insert(eb, hi, c->bytes, c->len,
					EDBUF_MERGE_NONE) : 0;
	if (!err && hi > lo)
		err = edbuf_delete(eb, lo, hi - lo, EDBUF_MERGE_NONE);
	edbuf_group_end(eb);
	edbuf_break(eb);
	if (!err)
		*end = lo + c->len;
	return err;
}

int edclip_osc52(const void *data, size_t n, char **out, size_t *out_len)
{
	static const char head[] = "\033]52;c;";
	if (n > EDCLIP_OSC52_MAX)
		return EFBIG;
	size_t hn = sizeof head - 1, bn = base64_encoded_len(n);
	char *s = malloc(hn + bn + 2);
	if (s == NULL)
		return ENOMEM;
	memcpy(s, head, hn);
	base64_encode(data, n, s + hn);
	s[hn + bn] = '\a';
	s[hn + bn + 1] = '\0';
	*out = s;
	*out_len = hn + bn + 1;
	return 0;
}
