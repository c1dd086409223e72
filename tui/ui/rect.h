/* SPDX-License-Identifier: MIT */
/*
 * rect.h - a rectangle of the screen (rows y..y+h-1, columns x..x+w-1),
 * shared by the browser's layout (a model) and the drawing helpers.
 */
#ifndef TUI_UI_RECT_H
#define TUI_UI_RECT_H

struct ui_rect {
	int y, x, h, w; /* h == 0 or w == 0: not shown */
};

#endif
