/* SPDX-License-Identifier: MIT */
/*
 * textcell.h - how the bytes of a value in the editor's buffer become
 * screen cells. What is unsafe and how it looks is textsafe's (a value's
 * rendering, TEXTSAFE_VALUE: one backslash is one backslash, escapes such
 * as \x1b, \r, \xff, \u202e for the rest); this adds what the cursor needs.
 *
 * A cell is what the cursor steps over: one character with the combining
 * marks that follow it, one escaped control or one invalid byte. A tab is a
 * cell as wide as the distance to the next tab stop. '\n' ends a line and is
 * never part of a cell.
 */
#ifndef TUI_EDITOR_TEXTCELL_H
#define TUI_EDITOR_TEXTCELL_H

#include "editor/gapbuf.h"

#include <stddef.h>
#include <stdint.h>

#define TEXTCELL_TAB 8
#define TEXTCELL_MAX_CLUSTER 32 /* bytes of one character + its marks */

enum textcell_kind {
	TEXTCELL_CHAR,    /* printable text: `text` is its UTF-8 bytes */
	TEXTCELL_TAB_FILL, /* a tab: `text` is the spaces to draw */
	TEXTCELL_ESCAPE,  /* `text` is a visible escape (\r, \xff, \u202e) */
	TEXTCELL_NEWLINE, /* '\n' (len 1, width 0, no text) */
	TEXTCELL_END,     /* at the end of the buffer (len 0) */
};

struct textcell {
	enum textcell_kind kind;
	size_t len; /* bytes of the buffer this cell covers */
	int width;  /* terminal columns */
	char text[TEXTCELL_MAX_CLUSTER + 16]; /* NUL-terminated */
};

/* textcell_valid_text - non-zero when the buffer is valid UTF-8 without
 * NUL: the value is shown as text, else as hex. */
int textcell_valid_text(const struct gapbuf *gb);

/* textcell_at - the cell starting at `pos`, which is drawn at screen column
 * `col` (for tab stops), for the current locale. */
void textcell_at(const struct gapbuf *gb, size_t pos, int col,
		 struct textcell *cell);

#endif
