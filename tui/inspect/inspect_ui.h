/* SPDX-License-Identifier: MIT */
/*
 * inspect_ui.h - what the inspection views share on top of ui/: escaped
 * text at a position, the status line with the user's keys, a scrolling
 * list cursor moved by actions, and each view's help screen. Internal to
 * tui/inspect/; view files only.
 */
#ifndef TUI_INSPECT_INSPECT_UI_H
#define TUI_INSPECT_INSPECT_UI_H

#include "ui/keymap.h"
#include "ui/ui.h"

#include <stddef.h>

/* iui_put - draw the safe string `s` (the program's words and names
 * escaped by textsafe_name_*) at (y, x) within `width` columns, skipping
 * its first `skip` columns; escapes in the `escape` colour, a cut-off end
 * shows as an ellipsis (TEXTSAFE_ESCAPED). Returns the columns drawn. */
int iui_put(const struct ui *ui, int y, int x, int width, const char *s,
	    size_t skip, attr_t attr);

/* iui_status - the bottom line: `msg` (if any, as a message) or else the
 * user's keys for `hints` in view `v`, then `tail` (may be NULL). */
void iui_status(const struct ui *ui, enum keymap_view v,
		const struct keymap_hint *hints, size_t n, const char *tail,
		const char *msg);

/* iui_help - the help screen of view `v`. */
void iui_help(const struct ui *ui, enum keymap_view v, const char *title);

/* A cursor over `n` rows shown `page` at a time. */
struct iui_list {
	size_t n, cur, top, page;
};

/* iui_list_action - move the cursor for a motion action (up, down,
 * page-up, page-down, first, last); non-zero if `a` was one. */
int iui_list_action(struct iui_list *l, enum keymap_action a);

/* iui_list_fit - clamp cur and scroll top so cur is visible in `page`. */
void iui_list_fit(struct iui_list *l, size_t n, size_t page);

#endif
