/*
 * textcell.h - how the bytes of a value become screen cells: UTF-8
 * decoding, terminal widths (wcwidth) and visible escapes for everything
 * that must never reach the terminal raw (C0/C1 controls, DEL, invalid
 * UTF-8, format characters such as bidi overrides).
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
	TEXTCELL_ESCAPE,  /* `text` is a visible escape (^M, \xff, <U+202E>) */
	TEXTCELL_NEWLINE, /* '\n' (len 1, width 0, no text) */
	TEXTCELL_END,     /* at the end of the buffer (len 0) */
};

struct textcell {
	enum textcell_kind kind;
	size_t len; /* bytes of the buffer this cell covers */
	int width;  /* terminal columns */
	char text[TEXTCELL_MAX_CLUSTER + 16]; /* NUL-terminated */
};

/* textcell_set_utf8 - whether the terminal takes UTF-8 (the locale's
 * charset). When not, every byte >= 0x80 is shown as \xNN. Default: taken
 * from the locale at the first call of textcell_at (nl_langinfo). */
void textcell_set_utf8(int utf8);
int textcell_utf8(void);

/* textcell_decode - decode one UTF-8 sequence of at most `n` bytes at `s`.
 * Returns its length (1..4) and sets *cp, or 0 when the bytes do not start
 * a valid, shortest-form sequence of a scalar value. */
int textcell_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* textcell_valid_text - non-zero when the `len` bytes are valid UTF-8 without
 * NUL: the value is shown as text, else as hex. */
int textcell_valid_text(const struct gapbuf *gb);

/* textcell_at - the cell starting at `pos`, which is drawn at screen column
 * `col` (for tab stops). */
void textcell_at(const struct gapbuf *gb, size_t pos, int col,
		 struct textcell *cell);

/* textcell_escape_bytes - write a visible, terminal-safe form of `n` bytes
 * (a key name, a message part) into buf (size >= 1), truncating with "..."
 * when it does not fit. */
void textcell_escape_bytes(const void *s, size_t n, char *buf, size_t size);

#endif
