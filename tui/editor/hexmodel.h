/* SPDX-License-Identifier: MIT */
/*
 * hexmodel.h - editing in the hex view of a buffer: nibble and byte edits
 * at the cursor (recorded in the document's undo history). The rows and
 * the columns of each byte are the program's one hex dump (hexdump.h).
 */
#ifndef TUI_EDITOR_HEXMODEL_H
#define TUI_EDITOR_HEXMODEL_H

#include "editor/edbuf.h"

#include <stddef.h>

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


#endif
