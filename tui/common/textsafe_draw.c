/* SPDX-License-Identifier: MIT */
/*
 * textsafe_draw.c - textsafe renderings onto the curses screen. Pieces of
 * one attribute are gathered before they are added, so that a combining
 * mark reaches curses together with the character it belongs to.
 */
#include "common/textsafe_draw.h"

#include <string.h>

struct draw_sink {
	attr_t attr, esc;
	int escape;     /* what `buf` holds */
	size_t n;
	char buf[512];
};

static void flush(struct draw_sink *d)
{
	if (d->n == 0)
		return;
	attr_t a = d->attr;
	if (d->escape)
		a = (d->attr & A_COLOR) && (d->esc & A_COLOR)
			? d->attr | A_UNDERLINE : d->attr | d->esc;
	attrset(a);
	addnstr(d->buf, (int)d->n);
	d->n = 0;
}

static void draw_emit(void *ctx, const char *text, size_t n, int escape)
{
	struct draw_sink *d = ctx;

	if (escape != d->escape || d->n + n > sizeof d->buf) {
		flush(d);
		d->escape = escape;
	}
	if (n > sizeof d->buf) /* never: pieces are tokens or spaces */
		n = sizeof d->buf;
	memcpy(d->buf + d->n, text, n);
	d->n += n;
}

int textsafe_draw(int y, int x, const void *s, size_t len, int cols, int skip,
		  unsigned flags, attr_t attr, attr_t esc)
{
	struct draw_sink d;
	attr_t old_attr;
	short old_pair;
	int used = 0;

	if (cols <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (cols > COLS - x)
		cols = COLS - x;
	memset(&d, 0, sizeof d);
	d.attr = attr;
	d.esc = esc;
	attr_get(&old_attr, &old_pair, NULL);
	move(y, x);
	textsafe_layout(s, len, cols, skip,
			(flags & ~(unsigned)(TEXTSAFE_WRAP | TEXTSAFE_UTF8)) |
				textsafe_locale(),
			draw_emit, &d, &used);
	flush(&d);
	attr_set(old_attr, old_pair, NULL);
	return used;
}

int textsafe_draw_str(int y, int x, const char *s, int cols, unsigned flags,
		      attr_t attr, attr_t esc)
{
	return textsafe_draw(y, x, s, strlen(s), cols, 0, flags, attr, esc);
}
