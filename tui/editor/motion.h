/* SPDX-License-Identifier: MIT */
/*
 * motion.h - cursor motion over a text buffer: by cell (a character with its
 * combining marks, an escaped byte), word, line, page, line start/end,
 * buffer start/end, and go to line; plus the mapping between byte positions
 * and screen columns, and soft-wrap rows. Positions are byte offsets and
 * always land on cell starts.
 *
 * A line is what '\n' ends, however long: Home, End, Down and the column
 * are the whole line's. The functions that measure columns take a column
 * index (colindex.h) that remembers marks of long lines, so that a line of
 * 100 MB is measured once, not at every key; NULL measures from the line's
 * start every time (fine for short lines and tests).
 */
#ifndef TUI_EDITOR_MOTION_H
#define TUI_EDITOR_MOTION_H

#include "editor/colindex.h"
#include "editor/gapbuf.h"

#include <stddef.h>

/* the start of pos's line */
size_t motion_line_start(const struct gapbuf *gb, size_t pos);
/* the position of the line's '\n' (or the buffer's end) */
size_t motion_line_end(const struct gapbuf *gb, size_t pos);
/* the start of the next line, GAPBUF_NONE on the last */
size_t motion_next_line(const struct gapbuf *gb, size_t pos);

/* next/previous cell start; at the ends they return pos unchanged. A '\n'
 * is one step. Never inside a character, however long its line. */
size_t motion_next_cell(const struct gapbuf *gb, size_t pos);
size_t motion_prev_cell(const struct gapbuf *gb, struct colindex *ix,
			size_t pos);

/* motion_snap - the start of the cell holding `pos` (the buffer's end for
 * a position past it). */
size_t motion_snap(const struct gapbuf *gb, struct colindex *ix, size_t pos);

/* start of the next word / of this or the previous word. Word characters
 * are ASCII letters, digits, '_' and every non-ASCII byte. Cell starts. */
size_t motion_next_word(const struct gapbuf *gb, struct colindex *ix,
			size_t pos);
size_t motion_prev_word(const struct gapbuf *gb, struct colindex *ix,
			size_t pos);

/* screen column of `pos` within its line (tabs and widths counted). */
long motion_column(const struct gapbuf *gb, struct colindex *ix, size_t pos);

/* the cell of line `line_start` under screen column `col` (or the line's
 * end when the line is shorter); *at_col (if not NULL) receives the
 * cell's own column (<= col). */
size_t motion_at_column(const struct gapbuf *gb, struct colindex *ix,
			size_t line_start, long col, long *at_col);

/* move `n` lines down (n > 0) or up (n < 0) keeping screen column `goal`. */
size_t motion_lines(const struct gapbuf *gb, struct colindex *ix, size_t pos,
		    long n, long goal);

/* start of line `line` (1-based; clamped to the first/last line). */
size_t motion_goto_line(const struct gapbuf *gb, size_t line);

/* motion_parse_position - what the user typed at the go-to prompt: a line
 * number in decimal, or (with `allow_hex`, the hex view's byte offset) a
 * decimal or "0x"-prefixed hexadecimal number. Nothing else is accepted: no
 * sign, space, octal or trailing text. Returns 0 and sets *out, or -1 (a
 * malformed or out-of-range number; *out unchanged). */
int motion_parse_position(const char *text, int allow_hex,
			  unsigned long long *out);

/* What the text mode's go-to prompt asks for. */
struct motion_goto {
	int is_byte;             /* a byte offset rather than a line */
	unsigned long long line; /* 1-based (0 taken as 1) */
	unsigned long long col;  /* 1-based screen column; 0: none given */
	unsigned long long byte; /* the offset, when is_byte */
};

/* motion_parse_goto - the text mode's go-to prompt: "LINE", "LINE:COL"
 * (COL a screen column as the status line counts it), or "@OFFSET" for a
 * byte offset (decimal or 0x hexadecimal). Numbers as
 * motion_parse_position reads them. Returns 0 and fills *out, or -1 (then
 * *out unchanged). */
int motion_parse_goto(const char *text, struct motion_goto *out);

/* motion_goto_column - the cell of line `line_start` at 1-based screen
 * column `col` (the line's end when it is shorter; 0 or 1: its start). */
size_t motion_goto_column(const struct gapbuf *gb, struct colindex *ix,
			  size_t line_start, unsigned long long col);

/* 1-based line number of `pos` (counts '\n' before it). */
size_t motion_line_number(const struct gapbuf *gb, size_t pos);

/*
 * motion_segment - soft wrap lays a line out in rows from its start; a
 * line longer than COLINDEX_STEP is laid out from the index's marks (its
 * wrapped rows restart there, a row being a little shorter), so no layout
 * walks more than a piece of it. The piece holding `pos`: [*start, *end)
 * and the column at *start. Without an index, the whole line.
 */
void motion_segment(const struct gapbuf *gb, struct colindex *ix, size_t pos,
		    size_t *start, size_t *end, long *col);

/* soft wrap: where the screen row that starts at `row_start` (at logical
 * column `col` of its line, for tab stops) ends when rows are `width`
 * columns wide: at least one cell per row, never past `end` (the end of
 * its piece, from motion_segment). *end_col (if not NULL) receives the
 * logical column there. */
size_t motion_wrap_row_end(const struct gapbuf *gb, size_t row_start,
			   size_t end, long col, int width, long *end_col);

#endif
