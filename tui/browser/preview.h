/* SPDX-License-Identifier: MIT */
/*
 * preview.h - the value pane's model: the selected value's bytes (read
 * under a short shared lock, at most PREVIEW_MAX of them), whether they are
 * shown as text or as a hex dump, and the rows of either form for a width.
 * No curses.
 */
#ifndef TUI_BROWSER_PREVIEW_H
#define TUI_BROWSER_PREVIEW_H

#include "flockd.h"

#include <stddef.h>
#include <stdint.h>

#define PREVIEW_MAX (16u << 20) /* bytes read for a preview */

enum preview_mode {
	PREVIEW_TEXT,
	PREVIEW_HEX,
};

struct preview {
	char *name;          /* key or entry name shown; NULL: nothing */
	int is_entry;
	unsigned char *data; /* the bytes read (malloc'd) */
	size_t len;
	uint64_t file_size;  /* the whole value's size */
	int64_t mtime;
	int err;             /* 0, or why nothing could be read */
	int is_text;         /* valid UTF-8 without NUL */
	int hex_toggled;     /* the user flipped the automatic choice */
	int hex_width;       /* hex dump bytes per row at most (4, 8, 16;
				0: 16), kept across loads */
	uint64_t scroll;     /* first row shown */
	/* cache of the text rows count for one width */
	int rows_width;
	uint64_t rows_total;
};

void preview_init(struct preview *p);
void preview_done(struct preview *p);

/*
 * preview_load - read `name` of `table` (a key through the store's read
 * handle, or for is_entry a leftover file read without a lock) into p,
 * replacing what it held. Values larger than PREVIEW_MAX are read in part.
 * A lock that does not come within the table's timeout leaves p->err =
 * FLOCKD_ETIMEOUT. Returns p->err.
 */
int preview_load(struct preview *p, flockd_table *table, const char *name,
		 int is_entry);

/* preview_clear - show nothing. */
void preview_clear(struct preview *p);

/* preview_mode - what the pane shows now. */
enum preview_mode preview_mode(const struct preview *p);

/* preview_toggle - flip between text and hex (resets the scroll). */
void preview_toggle(struct preview *p);

/* preview_rows - how many rows the value takes at `width` columns. */
uint64_t preview_rows(struct preview *p, int width);

/* preview_row_fn - receives one row: `len` bytes (of the value, or of its
 * hex dump) that fit the width when drawn with textsafe `flags`
 * (TEXTSAFE_VALUE: a backslash is one backslash, tabs expand, unsafe bytes
 * are escapes). Not NUL-terminated; valid during the call only. */
typedef void (*preview_row_fn)(void *ctx, int row, const char *text,
			       size_t len, unsigned flags);

/* preview_render - produce rows [p->scroll, p->scroll + height) at `width`
 * columns, calling fn(ctx, i, text) with i counting from 0. */
void preview_render(struct preview *p, int width, int height,
		    preview_row_fn fn, void *ctx);

/* preview_scroll - move the scroll by `delta` rows within [0, rows -
 * height]. */
void preview_scroll(struct preview *p, long delta, int width, int height);

#endif
