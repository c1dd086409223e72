/* SPDX-License-Identifier: MIT */
/* inspect_ui.c - curses helpers of the inspection views. */
#include "inspect/inspect_ui.h"

#include "ui/draw.h"
#include "ui/pager.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

int iui_put(const struct ui *ui, int y, int x, int width, const char *s,
	    size_t skip, attr_t attr)
{
	return ui_draw(ui, y, x, s, strlen(s), width,
		       skip > INT_MAX ? INT_MAX : (int)skip, TEXTSAFE_ESCAPED,
		       attr);
}

void iui_status(const struct ui *ui, enum keymap_view v,
		const struct keymap_hint *hints, size_t n, const char *tail,
		const char *msg)
{
	char text[512];
	move(LINES - 1, 0);
	clrtoeol();
	if (msg != NULL && msg[0] != '\0') {
		iui_put(ui, LINES - 1, 0, COLS, msg, 0,
			ui_attr(ui, THEME_MESSAGE));
		return;
	}
	text[0] = ' ';
	keymap_hints(ui->keys, v, hints, n, text + 1, sizeof text - 1);
	if (tail != NULL)
		strncat(text, tail, sizeof text - strlen(text) - 1);
	/* key names as they are written (a backslash is one) */
	ui_text_as(ui, LINES - 1, 0, text, strlen(text), COLS, TEXTSAFE_VALUE,
		   A_NORMAL);
}

void iui_help(const struct ui *ui, enum keymap_view v, const char *title)
{
	static const char *const notes[] = {
		"",
		"Keys: ~/.config/flockd/config (flockd --dump-config lists "
		"them)",
	};
	help_run(ui, v, title, notes, sizeof notes / sizeof notes[0]);
}

void iui_list_fit(struct iui_list *l, size_t n, size_t page)
{
	l->n = n;
	l->page = page ? page : 1;
	if (l->cur >= n)
		l->cur = n ? n - 1 : 0;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + l->page)
		l->top = l->cur - l->page + 1;
	if (l->top + l->page > n)
		l->top = n > l->page ? n - l->page : 0;
}

int iui_list_action(struct iui_list *l, enum keymap_action a)
{
	size_t last = l->n ? l->n - 1 : 0;
	switch (a) {
	case KA_UP:
		if (l->cur > 0)
			l->cur--;
		return 1;
	case KA_DOWN:
		if (l->cur < last)
			l->cur++;
		return 1;
	case KA_PAGE_UP:
		l->cur = l->cur > l->page ? l->cur - l->page : 0;
		return 1;
	case KA_PAGE_DOWN:
		l->cur = l->cur + l->page < last ? l->cur + l->page : last;
		return 1;
	case KA_HALF_PAGE_UP:
		l->cur = l->cur > l->page / 2 ? l->cur - l->page / 2 : 0;
		return 1;
	case KA_HALF_PAGE_DOWN:
		l->cur = l->cur + l->page / 2 < last ? l->cur + l->page / 2
						      : last;
		return 1;
	case KA_FIRST:
		l->cur = 0;
		return 1;
	case KA_LAST:
		l->cur = last;
		return 1;
	default:
		return 0;
	}
}
