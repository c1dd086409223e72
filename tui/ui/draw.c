/* SPDX-License-Identifier: MIT */
/*
 * draw.c - safe text, frames and bars for every view.
 */
#include "ui/draw.h"

#include "common/textsafe_draw.h"

#include <string.h>

int ui_draw(const struct ui *ui, int y, int x, const char *bytes, size_t len,
	    int cols, int skip, unsigned flags, attr_t attr)
{
	return textsafe_draw(y, x, bytes, len, cols, skip, flags, attr,
			     ui_attr(ui, THEME_ESCAPE));
}

int ui_text_as(const struct ui *ui, int y, int x, const char *bytes,
	       size_t len, int cols, unsigned flags, attr_t attr)
{
	return ui_draw(ui, y, x, bytes, len, cols, 0, flags, attr);
}

int ui_text(const struct ui *ui, int y, int x, const char *bytes, size_t len,
	    int cols, attr_t attr)
{
	return ui_draw(ui, y, x, bytes, len, cols, 0, 0, attr);
}

int ui_say(const struct ui *ui, int y, int x, const char *text, int cols,
	   attr_t attr)
{
	return ui_draw(ui, y, x, text, strlen(text), cols, 0,
		       TEXTSAFE_ESCAPED, attr);
}

int ui_width(const char *bytes, size_t len, unsigned flags, int limit)
{
	return textsafe_width(bytes, len, flags | textsafe_locale(), limit);
}

void ui_fill(int y, int x, int cols, attr_t attr)
{
	attr_t old;
	short pair;
	attr_get(&old, &pair, NULL);
	attrset(attr);
	for (int i = 0; i < cols; i++)
		mvaddch(y, x + i, ' ');
	attr_set(old, pair, NULL);
}

void ui_bar(const struct ui *ui, int y, const char *text)
{
	attr_t a = ui_attr(ui, THEME_TITLE);
	ui_fill(y, 0, COLS, a);
	ui_say(ui, y, 0, text, COLS, a);
}

void ui_line(const struct ui *ui, int y, const char *text, attr_t attr)
{
	move(y, 0);
	clrtoeol();
	ui_say(ui, y, 0, text, COLS - 1, attr);
}

void ui_frame(const struct ui *ui, const struct ui_rect *r, const char *title,
	      const char *right, int focused)
{
	attr_t a = ui_attr(ui, focused ? THEME_FRAME_FOCUS : THEME_FRAME);
	int x2 = r->x + r->w - 1, y2 = r->y + r->h - 1;

	if (r->w < 2 || r->h < 2)
		return;
	attron(a);
	mvaddch(r->y, r->x, ACS_ULCORNER);
	mvhline(r->y, r->x + 1, ACS_HLINE, r->w - 2);
	mvaddch(r->y, x2, ACS_URCORNER);
	mvvline(r->y + 1, r->x, ACS_VLINE, r->h - 2);
	mvvline(r->y + 1, x2, ACS_VLINE, r->h - 2);
	mvaddch(y2, r->x, ACS_LLCORNER);
	mvhline(y2, r->x + 1, ACS_HLINE, r->w - 2);
	mvaddch(y2, x2, ACS_LRCORNER);
	attroff(a);
	int room = r->w - 4, used = 0;
	if (right != NULL && room > 12) {
		int rw = ui_width(right, strlen(right), 0, room / 2);
		if (rw <= room / 2 && rw > 0) {
			ui_text(ui, r->y, x2 - 1 - rw, right, strlen(right),
				rw, a);
			room -= rw + 1;
		}
	}
	if (title != NULL && room > 0) {
		mvaddch(r->y, r->x + 1, ' ');
		used = ui_text(ui, r->y, r->x + 2, title, strlen(title),
			       room - 1, a);
		mvaddch(r->y, r->x + 2 + used, ' ');
	}
}
