/* SPDX-License-Identifier: MIT */
/*
 * layout.h - where the panes go for a terminal size: three panes when wide,
 * two around the focused pane when narrower, only the focused one below 60
 * columns; a status line at the bottom. Rectangles never overlap and never
 * leave the screen. No curses.
 */
#ifndef TUI_BROWSER_LAYOUT_H
#define TUI_BROWSER_LAYOUT_H

#include "ui/rect.h"

enum layout_pane {
	PANE_TABLES = 0,
	PANE_KEYS,
	PANE_PREVIEW,
	PANE_COUNT
};

struct layout {
	struct ui_rect pane[PANE_COUNT];
	struct ui_rect status;
};

/* What the user chose: the tables pane's width and zoom. */
struct layout_prefs {
	int tables_w; /* columns of the tables pane when three panes show;
			 0: 18% of the screen (12..30) */
	int zoom;     /* the focused pane alone, on the whole screen */
};

/* layout_compute - the layout of a `cols` x `rows` screen with `focus` the
 * focused pane and the user's `prefs` (NULL: none). A pane is only shown
 * with room for its frame and one row (3x3 at least); a chosen tables
 * width is kept within what leaves the other panes 20 columns each. */
void layout_compute(int cols, int rows, enum layout_pane focus,
		    const struct layout_prefs *prefs, struct layout *out);

/* layout_tables_w - the tables pane's width on a `cols`-wide screen of
 * three panes with `prefs`; the start for widening or narrowing it. */
int layout_tables_w(int cols, const struct layout_prefs *prefs);

/* layout_pane_at - the shown pane containing screen cell (y, x), or -1. */
int layout_pane_at(const struct layout *l, int y, int x);

#endif
