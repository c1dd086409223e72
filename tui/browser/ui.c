/*
 * ui.c - colours, frames and safe text placement for the views.
 */
#include "browser/ui.h"

#include "common/textsafe_draw.h"

#include <stdlib.h>
#include <string.h>

static int use_color;

int ui_init_colors(void)
{
	const char *nc = getenv("NO_COLOR");
	use_color = 0;
	if (nc != NULL && nc[0] != '\0')
		return 0;
	if (!has_colors() || start_color() == ERR)
		return 0;
	use_default_colors();
	init_pair(1, COLOR_CYAN, -1);   /* focused frame */
	init_pair(2, COLOR_BLACK, COLOR_CYAN); /* cursor */
	init_pair(3, COLOR_YELLOW, -1); /* marks */
	init_pair(4, COLOR_WHITE, COLOR_RED); /* errors */
	init_pair(5, COLOR_BLACK, COLOR_YELLOW); /* badge */
	init_pair(6, COLOR_GREEN, -1);  /* info */
	init_pair(7, COLOR_CYAN, -1);   /* escapes */
	use_color = 1;
	return 1;
}

attr_t ui_attr(enum ui_role role)
{
	switch (role) {
	case UI_NORMAL:
		return A_NORMAL;
	case UI_FRAME:
		return A_NORMAL;
	case UI_FRAME_FOCUS:
		return use_color ? (COLOR_PAIR(1) | A_BOLD) : A_BOLD;
	case UI_CURSOR:
		return use_color ? COLOR_PAIR(2) : A_REVERSE;
	case UI_CURSOR_DIM:
		return use_color ? A_REVERSE : A_UNDERLINE;
	case UI_MARK:
		return use_color ? (COLOR_PAIR(3) | A_BOLD) : A_BOLD;
	case UI_DIM:
		return use_color ? A_DIM : A_NORMAL;
	case UI_ERROR:
		return use_color ? (COLOR_PAIR(4) | A_BOLD)
				 : (A_REVERSE | A_BOLD);
	case UI_BADGE:
		return use_color ? (COLOR_PAIR(5) | A_BOLD) : A_REVERSE;
	case UI_INFO:
		return use_color ? COLOR_PAIR(6) : A_NORMAL;
	case UI_ESCAPE:
		return use_color ? (COLOR_PAIR(7) | A_BOLD) : A_UNDERLINE;
	case UI_ROLE_COUNT:
		break;
	}
	return A_NORMAL;
}

void ui_fill(int y, int x, int cols, attr_t attr)
{
	attr_t old;
	short pair;
	attr_get(&old, &pair, NULL);
	attrset(attr);
	for (int i = 0; i < cols; i++)
		mvaddch(y, x + i, ' ');
	attrset(old);
}

int ui_text_as(int y, int x, const char *bytes, size_t len, int cols,
	       unsigned flags, attr_t attr)
{
	return textsafe_draw(y, x, bytes, len, cols, 0, flags, attr,
			     ui_attr(UI_ESCAPE));
}

int ui_text(int y, int x, const char *bytes, size_t len, int cols,
	    attr_t attr)
{
	return ui_text_as(y, x, bytes, len, cols, 0, attr);
}

int ui_width(const char *bytes, size_t len, unsigned flags, int limit)
{
	return textsafe_width(bytes, len, flags | textsafe_locale(), limit);
}

void ui_frame(const struct layout_rect *r, const char *title,
	      const char *right, int focused)
{
	attr_t a = ui_attr(focused ? UI_FRAME_FOCUS : UI_FRAME);
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
			ui_text(r->y, x2 - 1 - rw, right, strlen(right), rw, a);
			room -= rw + 1;
		}
	}
	if (title != NULL && room > 0) {
		mvaddch(r->y, r->x + 1, ' ');
		used = ui_text(r->y, r->x + 2, title, strlen(title), room - 1,
			       a);
		mvaddch(r->y, r->x + 2 + used, ' ');
	}
}
