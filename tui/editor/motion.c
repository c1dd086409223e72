/* SPDX-License-Identifier: MIT */
/* motion.c - cursor motion over UTF-8 text in a gap buffer. */
#include "editor/motion.h"
#include "editor/textcell.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define STEP ((size_t)COLINDEX_STEP)
#define NEAR_START 64 /* bytes looked back for an ASCII byte (a cell start) */

size_t motion_line_start(const struct gapbuf *gb, size_t pos)
{
	size_t nl = pos > 0 ? gapbuf_rfind_byte(gb, 0, pos, '\n') : GAPBUF_NONE;
	return nl == GAPBUF_NONE ? 0 : nl + 1;
}

size_t motion_line_end(const struct gapbuf *gb, size_t pos)
{
	size_t len = gapbuf_len(gb);
	size_t nl = gapbuf_find_byte(gb, pos, len, '\n');
	return nl == GAPBUF_NONE ? len : nl;
}

size_t motion_next_line(const struct gapbuf *gb, size_t pos)
{
	size_t end = motion_line_end(gb, pos);
	return end >= gapbuf_len(gb) ? GAPBUF_NONE : end + 1;
}

size_t motion_next_cell(const struct gapbuf *gb, size_t pos)
{
	struct textcell cell;
	textcell_at(gb, pos, 0, &cell);
	return pos + cell.len;
}

/* textsafe measures tabs by the column modulo the tab width: keep that
 * while fitting a long line's column in an int. */
static int tab_col(long col)
{
	return (int)(col % (1L << 20));
}

/* ------------------------------------------------------ walking a line */

static int fast_byte(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

/*
 * Walk the cells of a line from (w_pos, w_col), a cell start, until the
 * position reaches `stop_pos` or `end` (the line's end), or the next cell
 * would reach past column `stop_col` (-1: no limit). Records the index's
 * marks it passes in `rec` (NULL: none), which must end at or before the
 * walk's start. Printable ASCII followed by ASCII (one cell, one column)
 * goes by runs, without measuring each.
 */
static void walk(const struct gapbuf *gb, size_t *w_pos, long *w_col,
		 size_t end, size_t stop_pos, long stop_col,
		 struct colindex_line *rec)
{
	size_t p = *w_pos;
	long col = *w_col;
	size_t mark_at = rec != NULL ? colindex_next_at(rec) : SIZE_MAX;
	size_t len = gapbuf_len(gb);
	if (end > len)
		end = len;
	while (p < stop_pos && p < end) {
		if (p >= mark_at) {
			size_t had = rec->n;
			colindex_add(rec, p, col);
			mark_at = rec->n > had ? colindex_next_at(rec) : SIZE_MAX;
		}
		size_t limit = stop_pos < end ? stop_pos : end;
		if (mark_at < limit)
			limit = mark_at;
		size_t avail, run = 0;
		const unsigned char *s = gapbuf_span(gb, p, &avail);
		size_t max = limit - p < avail ? limit - p : avail;
		if (stop_col >= 0)
			max = stop_col - col <= 0 ? 0
			      : (size_t)(stop_col - col) < max
				      ? (size_t)(stop_col - col) : max;
		while (run < max && run + 1 < avail && fast_byte(s[run]) &&
		       s[run + 1] < 0x80)
			run++;
		if (run > 0) {
			p += run;
			col += (long)run;
			continue;
		}
		struct textcell cell;
		textcell_at(gb, p, tab_col(col), &cell);
		if (cell.len == 0 || cell.kind == TEXTCELL_NEWLINE)
			break;
		if (stop_col >= 0 && col + cell.width > stop_col)
			break;
		p += cell.len;
		col += cell.width;
	}
	*w_pos = p;
	*w_col = col;
}

/* Where to start walking line `ls` towards `pos` (or column `col` when
 * pos is SIZE_MAX): the best mark, and the line's record to extend. */
static void walk_from(struct colindex *ix, size_t ls, size_t pos, long col,
		      size_t *from, long *from_col,
		      struct colindex_line **rec)
{
	*from = ls;
	*from_col = 0;
	*rec = NULL;
	if (ix == NULL)
		return;
	int far = pos != SIZE_MAX ? pos - ls >= STEP : col >= (long)STEP;
	struct colindex_line *l = colindex_line(ix, ls, far);
	if (l == NULL)
		return;
	const struct colindex_mark *m = pos != SIZE_MAX
		? colindex_best(l, pos) : colindex_best_col(l, col);
	*from = m->pos;
	*from_col = m->col;
	/* extend the marks only from the last one */
	if (m == &l->m[l->n - 1])
		*rec = l;
}

long motion_column(const struct gapbuf *gb, struct colindex *ix, size_t pos)
{
	size_t ls = motion_line_start(gb, pos), p;
	long col;
	struct colindex_line *rec;
	walk_from(ix, ls, pos, 0, &p, &col, &rec);
	walk(gb, &p, &col, SIZE_MAX, pos, -1, rec);
	return col;
}

size_t motion_at_column(const struct gapbuf *gb, struct colindex *ix,
			size_t line_start, long col, long *at_col)
{
	size_t p;
	long c;
	struct colindex_line *rec;
	walk_from(ix, line_start, SIZE_MAX, col, &p, &c, &rec);
	walk(gb, &p, &c, SIZE_MAX, SIZE_MAX, col < 0 ? 0 : col, rec);
	if (at_col != NULL)
		*at_col = c;
	return p;
}

/* ------------------------------------------------------- cell starts */

/* A cell start at or before `pos` (< the buffer's length), near it: an
 * ASCII byte always starts one (continuation bytes and combining marks are
 * >= 0x80); in a run of non-ASCII text, the line's nearest mark. */
static size_t known_start(const struct gapbuf *gb, struct colindex *ix,
			  size_t pos)
{
	size_t floor = pos > NEAR_START ? pos - NEAR_START : 0;
	for (size_t q = pos + 1; q-- > floor;)
		if (gapbuf_at(gb, q) < 0x80)
			return q;
	if (floor == 0)
		return 0;
	size_t ls = motion_line_start(gb, pos), p;
	long col;
	struct colindex_line *rec;
	walk_from(ix, ls, pos, 0, &p, &col, &rec);
	if (rec != NULL) {
		/* mark the way, so that the next look starts near */
		walk(gb, &p, &col, SIZE_MAX, pos, -1, rec);
		walk_from(ix, ls, pos, 0, &p, &col, &rec);
	}
	return p;
}

size_t motion_snap(const struct gapbuf *gb, struct colindex *ix, size_t pos)
{
	size_t len = gapbuf_len(gb);
	if (pos >= len)
		return len;
	size_t p = known_start(gb, ix, pos);
	for (;;) {
		size_t next = motion_next_cell(gb, p);
		if (next > pos || next == p)
			return p;
		p = next;
	}
}

size_t motion_prev_cell(const struct gapbuf *gb, struct colindex *ix,
			size_t pos)
{
	if (pos == 0)
		return 0;
	if (gapbuf_at(gb, pos - 1) == '\n')
		return pos - 1;
	return motion_snap(gb, ix, pos - 1);
}

static int is_word_byte(unsigned char c)
{
	return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') ||
	       (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t motion_next_word(const struct gapbuf *gb, struct colindex *ix,
			size_t pos)
{
	size_t len = gapbuf_len(gb);
	while (pos < len && is_word_byte(gapbuf_at(gb, pos)))
		pos++;
	while (pos < len && !is_word_byte(gapbuf_at(gb, pos)))
		pos++;
	return motion_snap(gb, ix, pos);
}

size_t motion_prev_word(const struct gapbuf *gb, struct colindex *ix,
			size_t pos)
{
	while (pos > 0 && !is_word_byte(gapbuf_at(gb, pos - 1)))
		pos--;
	while (pos > 0 && is_word_byte(gapbuf_at(gb, pos - 1)))
		pos--;
	return motion_snap(gb, ix, pos);
}

/* ------------------------------------------------------------- lines */

size_t motion_lines(const struct gapbuf *gb, struct colindex *ix, size_t pos,
		    long n, long goal)
{
	size_t line = motion_line_start(gb, pos);
	for (; n > 0; n--) {
		size_t next = motion_next_line(gb, line);
		if (next == GAPBUF_NONE)
			break;
		line = next;
	}
	for (; n < 0; n++) {
		if (line == 0)
			break;
		line = motion_line_start(gb, line - 1);
	}
	return motion_at_column(gb, ix, line, goal, NULL);
}

size_t motion_goto_line(const struct gapbuf *gb, size_t line)
{
	size_t pos = 0, len = gapbuf_len(gb);
	for (size_t l = 1; l < line; l++) {
		size_t nl = gapbuf_find_byte(gb, pos, len, '\n');
		if (nl == GAPBUF_NONE)
			break;
		pos = nl + 1;
	}
	return pos;
}

size_t motion_line_number(const struct gapbuf *gb, size_t pos)
{
	return 1 + gapbuf_count_byte(gb, 0, pos, '\n');
}

/* ----------------------------------------------------------- soft wrap */

void motion_segment(const struct gapbuf *gb, struct colindex *ix, size_t pos,
		    size_t *start, size_t *end, long *col)
{
	struct colindex_line *l = ix != NULL ? colindex_find(ix, pos) : NULL;
	size_t ls = l != NULL ? l->start : motion_line_start(gb, pos);
	size_t le = l != NULL ? l->end : motion_line_end(gb, ls);
	*start = ls;
	*end = le;
	*col = 0;
	if (ix == NULL || le - ls < STEP)
		return;
	/* every long line is cut at its marks, whoever asks: the marks up
	 * to pos, and the one after it when the line goes on */
	if (l == NULL && (l = colindex_line(ix, ls, 1)) == NULL)
		return;
	l->end = le;
	size_t want = pos + STEP + TEXTCELL_MAX_CLUSTER + 16;
	if (want > le)
		want = le;
	size_t p = l->m[l->n - 1].pos;
	long c = l->m[l->n - 1].col;
	if (p < want)
		walk(gb, &p, &c, le, want, -1, l);
	const struct colindex_mark *m = colindex_best(l, pos);
	*start = m->pos;
	*col = m->col;
	if (m + 1 < l->m + l->n)
		*end = m[1].pos;
}

size_t motion_wrap_row_end(const struct gapbuf *gb, size_t row_start,
			   size_t end, long col, int width, long *end_col)
{
	size_t p = row_start;
	int used = 0;
	for (;;) {
		struct textcell cell;
		textcell_at(gb, p, tab_col(col), &cell);
		if (p >= end || cell.kind == TEXTCELL_END ||
		    cell.kind == TEXTCELL_NEWLINE ||
		    (used > 0 && used + cell.width > width)) {
			if (end_col != NULL)
				*end_col = col;
			return p;
		}
		used += cell.width;
		col += cell.width;
		p += cell.len;
	}
}

int motion_parse_position(const char *text, int allow_hex,
			  unsigned long long *out)
{
	int base = 10;
	const char *digits = text;
	if (allow_hex && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
		base = 16;
		digits = text + 2;
	}
	/* strtoull alone would take a sign, leading blanks and octal */
	const char *accept = base == 16 ? "0123456789abcdefABCDEF"
					: "0123456789";
	size_t n = strspn(digits, accept);
	if (n == 0 || digits[n] != '\0')
		return -1;
	errno = 0;
	unsigned long long v = strtoull(digits, NULL, base);
	if (errno != 0)
		return -1;
	*out = v;
	return 0;
}

int motion_parse_goto(const char *text, struct motion_goto *out)
{
	struct motion_goto g = {0, 0, 0, 0};
	if (text[0] == '@') {
		if (motion_parse_position(text + 1, 1, &g.byte) != 0)
			return -1;
		g.is_byte = 1;
		*out = g;
		return 0;
	}
	const char *colon = strchr(text, ':');
	char line[32];
	size_t n = colon != NULL ? (size_t)(colon - text) : strlen(text);
	if (n >= sizeof line)
		return -1; /* far past any size_t, leading zeros or not */
	memcpy(line, text, n);
	line[n] = '\0';
	if (motion_parse_position(line, 0, &g.line) != 0)
		return -1;
	if (colon != NULL && motion_parse_position(colon + 1, 0, &g.col) != 0)
		return -1;
	*out = g;
	return 0;
}

size_t motion_goto_column(const struct gapbuf *gb, struct colindex *ix,
			  size_t line_start, unsigned long long col)
{
	if (col <= 1)
		return line_start;
	long c = col - 1 > (unsigned long long)LONG_MAX ? LONG_MAX
							 : (long)(col - 1);
	return motion_at_column(gb, ix, line_start, c, NULL);
}
