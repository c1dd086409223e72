/* inspect_ui.c - curses helpers of the inspection views. */
#include "inspect/inspect_ui.h"

#include "common/curses_ui.h"
#include "common/textsafe_draw.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

int iui_put(int y, int x, int width, const char *s, size_t skip, int attr)
{
	return textsafe_draw(y, x, s, strlen(s), width,
			     skip > INT_MAX ? INT_MAX : (int)skip,
			     TEXTSAFE_ESCAPED, (attr_t)attr, A_UNDERLINE);
}

void iui_title(const char *s)
{
	move(0, 0);
	attron(A_REVERSE);
	for (int i = 0; i < COLS; i++)
		addch(' ');
	attroff(A_REVERSE);
	iui_put(0, 0, COLS, s, 0, A_REVERSE);
}

void iui_status(const char *hints, const char *msg)
{
	move(LINES - 1, 0);
	clrtoeol();
	if (msg != NULL && msg[0] != '\0')
		iui_put(LINES - 1, 0, COLS, msg, 0, A_BOLD);
	else
		iui_put(LINES - 1, 0, COLS, hints, 0, 0);
}

int iui_getkey(int timeout_ms)
{
	timeout(timeout_ms);
	wint_t wc;
	int rc = get_wch(&wc);
	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES)
		return (int)wc;
	/* only ASCII characters are bindings; others cannot alias KEY_* */
	return wc < 128 ? (int)wc : -2;
}

int iui_confirm(const char *question)
{
	move(LINES - 1, 0);
	clrtoeol();
	int n = iui_put(LINES - 1, 0, COLS - 6, question, 0, A_BOLD);
	iui_put(LINES - 1, n, 6, " [y/N]", 0, A_BOLD);
	refresh();
	int key;
	do
		key = iui_getkey(-1);
	while (key == KEY_RESIZE || key == -2);
	return key == 'y' || key == 'Y';
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

int iui_list_key(struct iui_list *l, int key)
{
	size_t last = l->n ? l->n - 1 : 0;
	switch (key) {
	case KEY_UP:
	case 'k':
		if (l->cur > 0)
			l->cur--;
		return 1;
	case KEY_DOWN:
	case 'j':
		if (l->cur < last)
			l->cur++;
		return 1;
	case KEY_PPAGE:
		l->cur = l->cur > l->page ? l->cur - l->page : 0;
		return 1;
	case KEY_NPAGE:
	case ' ':
		l->cur = l->cur + l->page < last ? l->cur + l->page : last;
		return 1;
	case KEY_HOME:
	case 'g':
		l->cur = 0;
		return 1;
	case KEY_END:
	case 'G':
		l->cur = last;
		return 1;
	default:
		return 0;
	}
}
