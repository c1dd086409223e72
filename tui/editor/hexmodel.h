/*
 * hexmodel.h - the hex view of a buffer: rows of offset, hex bytes and a
 * printable column, the screen columns of each byte, and nibble/byte edits
 * (recorded in the document's undo history).
 *
 * Row layout for 16 bytes per row (8 groups are separated by an extra
 * space):  "00000010  48 65 6c 6c 6f 0a 00 ff  de ad ...  |Hello...|"
 */
#ifndef TUI_EDITOR_HEXMODEL_H
#define TUI_EDITOR_HEXMODEL_H

#include "editor/edbuf.h"

#include <stddef.h>

struct hexmodel_layout {
	int per_row;    /* bytes per row: 16, 8 or 4 */
	int off_digits; /* hex digits of the offset column (>= 8) */
};

/* hexmodel_layout_for - the widest layout that fits `width` columns for a
 * buffer of `len` bytes. */
struct hexmodel_layout hexmodel_layout_for(int width, size_t len);

/* hexmodel_row_width - columns one row takes. */
int hexmodel_row_width(const struct hexmodel_layout *lay);

/* hexmodel_format_row - the row starting at byte `off` (a multiple of per_row)
 * into buf (ASCII only; size >= hexmodel_row_width + 1). Bytes past the end are
 * blanks. */
void hexmodel_format_row(const struct gapbuf *gb, const struct hexmodel_layout *lay,
		    size_t off, char *buf, size_t size);

/* hexmodel_hex_column / hexmodel_text_column - screen column of byte `i` (0-based in
 * its row) in the hex column (plus `nibble`, 0 high or 1 low) and in the
 * printable column. */
int hexmodel_hex_column(const struct hexmodel_layout *lay, int i, int nibble);
int hexmodel_text_column(const struct hexmodel_layout *lay, int i);

/* Where the cursor is in hex mode. */
struct hexmodel_cursor {
	size_t pos; /* byte offset, 0..len (len: append position) */
	int nibble; /* 0 high, 1 low */
};

/* hexmodel_type_nibble - the user typed hex digit `value` (0..15): replace that
 * nibble of the byte under the cursor, or (at the end, or when `insert` and
 * on a high nibble) insert a new byte whose high nibble it is. Advances the
 * cursor. One undo step. 0 or ENOMEM. */
int hexmodel_type_nibble(struct edbuf *eb, struct hexmodel_cursor *cur, int value,
		    int insert);

/* hexmodel_type_byte - the user typed a character in the printable column:
 * replace (or insert) the whole byte and move to the next. 0 or ENOMEM. */
int hexmodel_type_byte(struct edbuf *eb, struct hexmodel_cursor *cur,
		  unsigned char byte, int insert);

/* hexmodel_digit_value - 0..15 for a hex digit character, else -1. */
int hexmodel_digit_value(int c);

#endif
