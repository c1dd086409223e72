/* SPDX-License-Identifier: MIT */
/* edsearch.c - byte-string search over a gap buffer, with wrap-around. */
#include "editor/edsearch.h"

#include "common/hexdump.h"

size_t edsearch_find_in(const struct gapbuf *gb, size_t from, size_t to,
			const void *pattern, size_t n)
{
	const unsigned char *needle = pattern;
	size_t len = gapbuf_len(gb);
	if (n > len)
		return GAPBUF_NONE;
	if (to > len - n + 1)
		to = len - n + 1;
	while (from < to) {
		size_t hit = gapbuf_find_byte(gb, from, to, needle[0]);
		if (hit == GAPBUF_NONE)
			return GAPBUF_NONE;
		if (gapbuf_equal_at(gb, hit, needle, n))
			return hit;
		from = hit + 1;
	}
	return GAPBUF_NONE;
}

/* last match starting in [from, to) */
static size_t rfind_in(const struct gapbuf *gb, size_t from, size_t to,
		       const unsigned char *needle, size_t n)
{
	size_t len = gapbuf_len(gb);
	if (n > len)
		return GAPBUF_NONE;
	if (to > len - n + 1)
		to = len - n + 1;
	while (to > from) {
		size_t hit = gapbuf_rfind_byte(gb, from, to, needle[0]);
		if (hit == GAPBUF_NONE)
			return GAPBUF_NONE;
		if (gapbuf_equal_at(gb, hit, needle, n))
			return hit;
		to = hit;
	}
	return GAPBUF_NONE;
}

size_t edsearch_forward(const struct gapbuf *gb, size_t from,
		      const void *needle, size_t n, int *wrapped)
{
	*wrapped = 0;
	if (n == 0)
		return GAPBUF_NONE;
	size_t hit = edsearch_find_in(gb, from, gapbuf_len(gb), needle, n);
	if (hit != GAPBUF_NONE)
		return hit;
	hit = edsearch_find_in(gb, 0, from, needle, n);
	if (hit != GAPBUF_NONE)
		*wrapped = 1;
	return hit;
}

size_t edsearch_backward(const struct gapbuf *gb, size_t from,
		       const void *needle, size_t n, int *wrapped)
{
	*wrapped = 0;
	if (n == 0)
		return GAPBUF_NONE;
	size_t hit = rfind_in(gb, 0, from, needle, n);
	if (hit != GAPBUF_NONE)
		return hit;
	hit = rfind_in(gb, from, gapbuf_len(gb), needle, n);
	if (hit != GAPBUF_NONE)
		*wrapped = 1;
	return hit;
}

long edsearch_parse_hex(const char *text, unsigned char *out, size_t size)
{
	size_t n = 0;
	const char *p = text;
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		int hi = hexdump_digit_value((unsigned char)p[0]);
		int lo = hi < 0 ? -1 : hexdump_digit_value((unsigned char)p[1]);
		if (lo < 0 || n >= size)
			return -1;
		out[n++] = (unsigned char)(hi << 4 | lo);
		p += 2;
	}
	return n > 0 ? (long)n : -1;
}
