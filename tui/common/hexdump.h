/* SPDX-License-Identifier: MIT */
/*
 * hexdump.h - the one hex dump of the program (the preview, the editor's
 * hex mode, the compare view and the conflict diff), laid out as
 * `hexdump -C` draws it:
 *   00000010  7b 22 6e 61 6d 65 22 3a  20 22 41 6c 69 63 65 22  |{"name": "Alice"|
 * offset, 16 (or, where that does not fit, 8 or 4) bytes in hex with a gap
 * after the eighth, and the printable column, which keeps its place on a
 * short last row. Only printable ASCII is ever produced. Plain C.
 */
#ifndef TUI_COMMON_HEXDUMP_H
#define TUI_COMMON_HEXDUMP_H

#include <stddef.h>
#include <stdint.h>

struct hexdump_layout {
	int per_row;    /* bytes per row: 16, 8 or 4 */
	int off_digits; /* hex digits of the offset column (>= 8); 0: none
			   (a diff of dumps, where an inserted byte must not
			   change every later offset) */
};

/* The longest row, with its NUL: 16 offset digits, 16 bytes. */
#define HEXDUMP_ROW_MAX 96

/* hexdump_layout_for - the widest layout whose rows fit `width` columns,
 * with offsets wide enough for `len` bytes (per_row 4 when even that does
 * not fit: the view cuts the row). */
struct hexdump_layout hexdump_layout_for(int width, uint64_t len);

/* hexdump_layout_max - the same, with at most `max_per_row` (4, 8 or 16;
 * the hex-width setting) bytes per row. */
struct hexdump_layout hexdump_layout_max(int width, uint64_t len,
					 int max_per_row);

/* hexdump_row_width - columns of a full row. */
int hexdump_row_width(const struct hexdump_layout *lay);

/* hexdump_rows - how many rows `len` bytes take (0 for none). */
uint64_t hexdump_rows(uint64_t len, const struct hexdump_layout *lay);

/* hexdump_hex_column / hexdump_text_column - the column of byte `i` of a
 * row in the hex part (plus `nibble`, 0 high or 1 low) and in the
 * printable column. */
int hexdump_hex_column(const struct hexdump_layout *lay, int i, int nibble);
int hexdump_text_column(const struct hexdump_layout *lay, int i);

/*
 * hexdump_format_row - the row of the `n` bytes (n <= per_row) at
 * `bytes`, which start at offset `off` of the value, into buf
 * (NUL-terminated; `size` >= HEXDUMP_ROW_MAX holds any row). Missing bytes
 * of a short row are blanks, so the printable column stays in its column.
 * Returns the length written (0 when size is too small).
 */
size_t hexdump_format_row(const struct hexdump_layout *lay, uint64_t off,
			  const void *bytes, size_t n, char *buf, size_t size);

/* hexdump_digit_value - 0..15 for a hex digit character (either case),
 * else -1: what a user types into the hex view or a hex search. */
int hexdump_digit_value(int c);

/* hexdump_text - the whole dump of data[0..len), one row per line, each
 * ending in '\n', in a malloc'd string owned by the caller (*out, its
 * length in *out_len). Returns 0 or ENOMEM. */
int hexdump_text(const void *data, size_t len,
		 const struct hexdump_layout *lay, char **out,
		 size_t *out_len);

#endif
