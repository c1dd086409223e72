/* SPDX-License-Identifier: MIT */
/*
 * textsafe_render.c - the renderings built from textsafe tokens: escaped
 * names for the command line and for messages, and screen text measured,
 * cut with an ellipsis or wrapped (see textsafe.h).
 */
#include "common/textsafe.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Walks the input token by token, remembering whether a combining mark
 * would have a character to combine with (else it is escaped). */
struct walk {
	const unsigned char *p;
	size_t len, i;
	unsigned flags;
	int base; /* the previous token is a printable character */
};

static void walk_init(struct walk *w, const void *in, size_t len,
		      unsigned flags)
{
	w->p = in;
	w->len = len;
	w->i = 0;
	w->flags = flags & ~(unsigned)TEXTSAFE_AT_START;
	w->base = 0;
}

static void walk_peek(const struct walk *w, int col, struct textsafe_token *t)
{
	textsafe_token(w->p + w->i, w->len - w->i, col,
		       w->flags | (w->base ? 0 : TEXTSAFE_AT_START), t);
}

static void walk_take(struct walk *w, const struct textsafe_token *t)
{
	w->base = !t->escape && w->p[w->i] != '\t';
	w->i += t->bytes;
}

/* ---------------------------------------------------------------- names */

size_t textsafe_name_into(char *out, const void *s, size_t len,
			  unsigned flags)
{
	struct walk w;
	struct textsafe_token t;
	size_t o = 0;

	walk_init(&w, s, len, flags & TEXTSAFE_UTF8);
	while (w.i < w.len) {
		walk_peek(&w, 0, &t);
		memcpy(out + o, t.text, t.len);
		o += t.len;
		walk_take(&w, &t);
	}
	out[o] = '\0';
	return o;
}

char *textsafe_name_dup(const void *s, size_t len, unsigned flags)
{
	if (len > (SIZE_MAX - 1) / 4) {
		errno = ENOMEM;
		return NULL;
	}
	char *out = malloc(TEXTSAFE_NAME_MAX(len) + 1);
	if (out != NULL)
		textsafe_name_into(out, s, len, flags);
	return out;
}

char *textsafe_name_str(const char *s)
{
	return textsafe_name_dup(s, strlen(s), textsafe_locale());
}

int textsafe_name_write(FILE *out, const void *s, size_t len, unsigned flags)
{
	char small[1024 + 1];
	char *buf = small;

	if (TEXTSAFE_NAME_MAX(len) + 1 > sizeof small) {
		buf = textsafe_name_dup(s, len, flags);
		if (buf == NULL)
			return -1;
	} else {
		textsafe_name_into(buf, s, len, flags);
	}
	size_t n = strlen(buf);
	int rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
	if (buf != small)
		free(buf);
	return rc;
}

size_t textsafe_name_buf(char *out, size_t size, const void *s, size_t len,
			 unsigned flags)
{
	const char *ell = (flags & TEXTSAFE_UTF8) ? "\xe2\x80\xa6" : "...";
	size_t ell_len = strlen(ell), o = 0, room = size - 1;
	size_t fit = 0; /* the last token boundary that leaves the ellipsis room */
	struct walk w;
	struct textsafe_token t;

	walk_init(&w, s, len, flags & TEXTSAFE_UTF8);
	while (w.i < w.len) {
		walk_peek(&w, 0, &t);
		if (o + t.len > room) {
			o = fit;
			if (o + ell_len <= room) {
				memcpy(out + o, ell, ell_len);
				o += ell_len;
			}
			break;
		}
		memcpy(out + o, t.text, t.len);
		o += t.len;
		if (o + ell_len <= room)
			fit = o;
		walk_take(&w, &t);
	}
	out[o] = '\0';
	return o;
}

/* --------------------------------------------------------- screen text */

int textsafe_width(const void *in, size_t len, unsigned flags, int limit)
{
	struct walk w;
	struct textsafe_token t;
	int cols = 0;

	walk_init(&w, in, len, flags);
	while (w.i < w.len) {
		walk_peek(&w, cols, &t);
		cols += t.width;
		if (cols > limit)
			return limit + 1;
		walk_take(&w, &t);
	}
	return cols;
}

/* Whether the rendering from column `skip` fits `max_cols` columns and
 * `room` output bytes. Stops reading as soon as it cannot. */
static int fits_whole(const void *in, size_t len, int skip, int max_cols,
		      size_t room, unsigned flags)
{
	struct walk w;
	struct textsafe_token t;
	int cols = 0;
	size_t out = 0;

	walk_init(&w, in, len, flags);
	while (w.i < w.len) {
		walk_peek(&w, cols, &t);
		cols += t.width;
		if (cols > skip)
			out += t.len;
		if (cols - skip > max_cols || out > room)
			return 0;
		walk_take(&w, &t);
	}
	return 1;
}

static void emit_spaces(textsafe_emit_fn emit, void *ctx, int n)
{
	static const char spaces[] = "                ";

	while (n > 0) {
		int k = n < 16 ? n : 16;
		emit(ctx, spaces, (size_t)k, 0);
		n -= k;
	}
}

/* WRAP: a lone token wider than the whole row is cut so that the caller
 * moves on: its first columns when it is ASCII (an escape), else ">". */
static int emit_partial(const struct textsafe_token *t, int limit,
			size_t room, textsafe_emit_fn emit, void *ctx)
{
	size_t k = t->width > limit ? (size_t)limit : t->len;

	if (room == 0)
		return 0;
	if ((size_t)t->width != t->len) {
		emit(ctx, ">", 1, t->escape);
		return 1;
	}
	if (k > room)
		k = room;
	emit(ctx, t->text, k, t->escape);
	return (int)k;
}

/* The layout of textsafe.h with a byte budget (`room`) for render. */
static size_t layout_room(const void *in, size_t len, int max_cols, int skip,
			  unsigned flags, size_t room, textsafe_emit_fn emit,
			  void *ctx, int *cols_out)
{
	const char *ell = (flags & TEXTSAFE_UTF8) ? "\xe2\x80\xa6" : ">";
	size_t ell_len = strlen(ell), out = 0;
	int wrap = (flags & TEXTSAFE_WRAP) != 0, col = 0, used = 0;
	struct walk w;
	struct textsafe_token t;

	if (cols_out != NULL)
		*cols_out = 0;
	if (max_cols <= 0)
		return 0;
	if (skip < 0 || wrap)
		skip = 0;
	int limit = skip + max_cols; /* in columns of the whole rendering */
	if (!wrap && !fits_whole(in, len, skip, max_cols, room, flags)) {
		/* Keep one column and the ellipsis' bytes for the mark. */
		limit--;
		room = room > ell_len ? room - ell_len : 0;
	}
	walk_init(&w, in, len, flags);
	while (w.i < w.len) {
		walk_peek(&w, col, &t);
		int end = col + t.width;
		if (col < skip || (t.width == 0 && skip > 0 && used == 0)) {
			/* scrolled off the left edge, wholly or in part */
			int vis = end > skip ? end - skip : 0;
			if (skip + vis > limit)
				break;
			emit_spaces(emit, ctx, vis);
			used += vis;
		} else if (end > limit || out + t.len > room) {
			if (wrap && w.i == 0)
				used = emit_partial(&t, limit, room, emit, ctx),
				w.i += t.bytes;
			break;
		} else {
			emit(ctx, t.text, t.len, t.escape);
			out += t.len;
			used += t.width;
		}
		col = end;
		walk_take(&w, &t);
	}
	if (!wrap && w.i < w.len && limit < skip + max_cols) {
		emit(ctx, ell, ell_len, 0);
		used++;
	}
	if (cols_out != NULL)
		*cols_out = used;
	return w.i;
}

size_t textsafe_layout(const void *in, size_t len, int max_cols, int skip,
		       unsigned flags, textsafe_emit_fn emit, void *ctx,
		       int *cols)
{
	return layout_room(in, len, max_cols, skip, flags, SIZE_MAX, emit, ctx,
			   cols);
}

struct buf_sink {
	char *out;
	size_t o;
};

static void buf_emit(void *ctx, const char *text, size_t n, int escape)
{
	struct buf_sink *s = ctx;

	(void)escape;
	memcpy(s->out + s->o, text, n);
	s->o += n;
}

size_t textsafe_render(const void *in, size_t len, int max_cols,
		       unsigned flags, char *out, size_t out_size, int *cols)
{
	struct buf_sink sink = {out, 0};

	if (cols != NULL)
		*cols = 0;
	if (out_size == 0)
		return 0;
	out[0] = '\0';
	if (out_size < 8)
		return 0;
	size_t n = layout_room(in, len, max_cols, 0, flags, out_size - 1,
			       buf_emit, &sink, cols);
	out[sink.o] = '\0';
	return n;
}
