/*
 * motion.h - cursor motion over a text buffer: by cell (a character with its
 * combining marks, an escaped byte), word, line, page, line start/end,
 * buffer start/end, and go to line; plus the mapping between byte positions
 * and screen columns, and soft-wrap rows. Positions are byte offsets and
 * always land on cell starts.
 */
#ifndef TUI_EDITOR_MOTION_H
#define TUI_EDITOR_MOTION_H

#include "editor/gapbuf.h"

#include <stddef.h>

/* A line longer than this is laid out as segments of this many bytes, each
 * shown and moved through like a line of its own (columns restart), so a
 * 100 MB value on one line (minified JSON) stays quick to draw and edit:
 * no operation walks more than one segment cell by cell. */
#define MOTION_SEGMENT 65536

/* the start of pos's line (or of its segment, for a very long line) */
size_t motion_line_start(const struct gapbuf *gb, size_t pos);
/* the position of the line's '\n' (or the buffer's end, or the end of the
 * segment for a very long line) */
size_t motion_line_end(const struct gapbuf *gb, size_t pos);
/* the start of the next line (or segment), GAPBUF_NONE on the last */
size_t motion_next_line(const struct gapbuf *gb, size_t pos);

/* next/previous cell start; at the ends they return pos unchanged. A '\n'
 * is one step. */
size_t motion_next_cell(const struct gapbuf *gb, size_t pos);
size_t motion_prev_cell(const struct gapbuf *gb, size_t pos);

/* start of the next word / of this or the previous word. Word characters
 * are ASCII letters, digits, '_' and every non-ASCII byte. */
size_t motion_next_word(const struct gapbuf *gb, size_t pos);
size_t motion_prev_word(const struct gapbuf *gb, size_t pos);

/* screen column of `pos` within its line (tabs and widths counted). */
int motion_column(const struct gapbuf *gb, size_t pos);

/* the cell of line `line_start` under screen column `col` (or the line's
 * end when the line is shorter). */
size_t motion_at_column(const struct gapbuf *gb, size_t line_start, int col);

/* move `n` lines down (n > 0) or up (n < 0) keeping screen column `goal`. */
size_t motion_lines(const struct gapbuf *gb, size_t pos, long n, int goal);

/* start of line `line` (1-based; clamped to the first/last line). */
size_t motion_goto_line(const struct gapbuf *gb, size_t line);

/* motion_parse_position - what the user typed at the go-to prompt: a line
 * number in decimal, or (with `allow_hex`, the hex view's byte offset) a
 * decimal or "0x"-prefixed hexadecimal number. Nothing else is accepted: no
 * sign, space, octal or trailing text. Returns 0 and sets *out, or -1 (a
 * malformed or out-of-range number; *out unchanged). */
int motion_parse_position(const char *text, int allow_hex,
			  unsigned long long *out);

/* 1-based line number of `pos` (counts '\n' before it). */
size_t motion_line_number(const struct gapbuf *gb, size_t pos);

/* soft wrap: where the screen row that starts at `row_start` (at logical
 * column `col` of its line, for tab stops) ends when rows are `width`
 * columns wide: at least one cell per row, never past `end` (the line's
 * end, from motion_line_end). *end_col (if not NULL) receives the logical
 * column there. */
size_t motion_wrap_row_end(const struct gapbuf *gb, size_t row_start,
			   size_t end, int col, int width, int *end_col);

#endif
