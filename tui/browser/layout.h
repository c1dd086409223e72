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

/* layout_compute - the layout of a `cols` x `rows` screen with `focus` the
 * focused pane. A pane is only shown with room for its frame and one row
 * (3x3 at least). */
void layout_compute(int cols, int rows, enum layout_pane focus,
		    struct layout *out);

/* layout_pane_at - the shown pane containing screen cell (y, x), or -1. */
int layout_pane_at(const struct layout *l, int y, int x);

#endif
