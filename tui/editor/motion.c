/* motion.c - cursor motion over UTF-8 text in a gap buffer. */
#include "editor/motion.h"
#include "editor/textcell.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/*
 * Very long lines are cut into segments at absolute multiples of
 * MOTION_SEGMENT: boundary k*S is a segment break when no '\n' lies in the
 * S bytes before it (the line has run on for a whole segment there). A
 * shorter line that crosses a boundary is never cut. Every search below is
 * bounded by a few segments, whatever the size of the value.
 */
#define S ((size_t)MOTION_SEGMENT)

static int is_break(const struct gapbuf *gb, size_t k)
{
	size_t b = k * S;
	return k > 0 && b < gapbuf_len(gb) &&
	       gapbuf_rfind_byte(gb, b - S, b, '\n') == GAPBUF_NONE;
}

size_t motion_line_start(const struct gapbuf *gb, size_t pos)
{
	size_t k = pos / S;
	size_t lo = k > 0 ? (k - 1) * S : 0;
	size_t nl = pos > lo ? gapbuf_rfind_byte(gb, lo, pos, '\n')
			     : GAPBUF_NONE;
	if (nl != GAPBUF_NONE) {
		/* the newline is after boundary k, or boundary k is no break */
		return nl + 1;
	}
	return k > 0 ? k * S : 0; /* no newline for a segment: a break */
}

size_t motion_line_end(const struct gapbuf *gb, size_t pos)
{
	size_t len = gapbuf_len(gb);
	size_t b = (pos / S + 1) * S;
	for (int i = 0; i < 3; i++, b += S) {
		size_t nl = gapbuf_find_byte(gb, pos, b < len ? b : len, '\n');
		if (nl != GAPBUF_NONE)
			return nl;
		if (b >= len)
			return len;
		if (is_break(gb, b / S))
			return b;
		pos = b;
	}
	return b - S; /* unreachable: two newline-free segments make a break */
}

size_t motion_next_line(const struct gapbuf *gb, size_t pos)
{
	size_t end = motion_line_end(gb, pos);
	if (end >= gapbuf_len(gb))
		return GAPBUF_NONE;
	return gapbuf_at(gb, end) == '\n' ? end + 1 : end;
}

size_t motion_next_cell(const struct gapbuf *gb, size_t pos)
{
	struct textcell cell;
	textcell_at(gb, pos, 0, &cell);
	return pos + cell.len;
}

size_t motion_prev_cell(const struct gapbuf *gb, size_t pos)
{
	if (pos == 0)
		return 0;
	if (gapbuf_at(gb, pos - 1) == '\n')
		return pos - 1;
	/* An ASCII byte other than '\n' always starts a cell (combining marks
	 * and continuation bytes are >= 0x80), so walk forward from the
	 * nearest one before pos. */
	size_t start = pos - 1;
	size_t floor = motion_line_start(gb, pos - 1);
	while (start > floor && gapbuf_at(gb, start) >= 0x80)
		start--;
	size_t prev = start;
	for (size_t p = start; p < pos;) {
		prev = p;
		size_t next = motion_next_cell(gb, p);
		if (next == p)
			break;
		p = next;
	}
	return prev;
}

static int is_word_byte(unsigned char c)
{
	return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') ||
	       (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t motion_next_word(const struct gapbuf *gb, size_t pos)
{
	size_t len = gapbuf_len(gb);
	while (pos < len && is_word_byte(gapbuf_at(gb, pos)))
		pos++;
	while (pos < len && !is_word_byte(gapbuf_at(gb, pos)))
		pos++;
	return pos;
}

size_t motion_prev_word(const struct gapbuf *gb, size_t pos)
{
	while (pos > 0 && !is_word_byte(gapbuf_at(gb, pos - 1)))
		pos--;
	while (pos > 0 && is_word_byte(gapbuf_at(gb, pos - 1)))
		pos--;
	return pos;
}

int motion_column(const struct gapbuf *gb, size_t pos)
{
	size_t p = motion_line_start(gb, pos);
	int col = 0;
	while (p < pos) {
		struct textcell cell;
		textcell_at(gb, p, col, &cell);
		if (cell.len == 0 || cell.kind == TEXTCELL_NEWLINE)
			break;
		col += cell.width;
		p += cell.len;
	}
	return col;
}

size_t motion_at_column(const struct gapbuf *gb, size_t line_start, int col)
{
	size_t p = line_start;
	size_t end = motion_line_end(gb, line_start);
	int c = 0;
	for (;;) {
		struct textcell cell;
		textcell_at(gb, p, c, &cell);
		if (p >= end || cell.kind == TEXTCELL_END ||
		    cell.kind == TEXTCELL_NEWLINE)
			return p;
		if (c + cell.width > col)
			return p;
		c += cell.width;
		p += cell.len;
	}
}

size_t motion_lines(const struct gapbuf *gb, size_t pos, long n, int goal)
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
	return motion_at_column(gb, line, goal);
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

size_t motion_wrap_row_end(const struct gapbuf *gb, size_t row_start,
			   size_t end, int col, int width, int *end_col)
{
	size_t p = row_start;
	int used = 0;
	for (;;) {
		struct textcell cell;
		textcell_at(gb, p, col, &cell);
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
