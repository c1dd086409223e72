/*
 * inspect_ui.h - drawing helpers shared by the inspection views: clipped
 * text, a scrolling list cursor, the status line and y/N prompts.
 * Internal to tui/inspect/; view files only.
 */
#ifndef TUI_INSPECT_INSPECT_UI_H
#define TUI_INSPECT_INSPECT_UI_H

#include <stddef.h>

#define INSPECT_KEY_ESC 27

/* iui_put - draw the safe string `s` (the program's words and names
 * escaped by textsafe_name_*) at (y, x) within `width` columns, skipping
 * its first `skip` columns; escapes are underlined, a cut-off end shows as
 * an ellipsis (textsafe_draw, TEXTSAFE_ESCAPED). Returns the columns
 * drawn. */
int iui_put(int y, int x, int width, const char *s, size_t skip, int attr);

/* iui_title - the top line, reversed, padded to the screen width. */
void iui_title(const char *s);

/* iui_status - the bottom line: `msg` (if any, bold) or else `hints`. */
void iui_status(const char *hints, const char *msg);

/* iui_confirm - ask `question` on the bottom line; non-zero for y/Y. */
int iui_confirm(const char *question);

/* iui_getkey - wait up to `timeout_ms` (-1: forever) for a key; returns
 * the key (KEY_* codes or a character), or -1 on timeout. */
int iui_getkey(int timeout_ms);

/* A cursor over `n` rows shown `page` at a time. */
struct iui_list {
	size_t n, cur, top, page;
};

/* iui_list_key - move the cursor for navigation keys (arrows, j/k,
 * PgUp/PgDn, Home/End, g/G); returns non-zero if `key` was one. */
int iui_list_key(struct iui_list *l, int key);

/* iui_list_fit - clamp cur and scroll top so cur is visible in `page`. */
void iui_list_fit(struct iui_list *l, size_t n, size_t page);

#endif
