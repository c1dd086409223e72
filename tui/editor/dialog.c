/* dialog.c - bottom-line prompts, choices and a pager, drawn with curses. */
#include "editor/dialog.h"
#include "editor/edkeys.h"

#include "common/curses_ui.h"
#include "common/lineedit.h"
#include "common/textsafe_draw.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Untrusted or escaped text drawn with the editor's escape attribute. */
static int draw_as(int y, int x, const char *text, size_t n, int maxw,
		   unsigned flags, unsigned long attr)
{
	return textsafe_draw(y, x, text, n, maxw, 0, flags, (attr_t)attr,
			     (attr_t)edui_attr(EDUI_ESCAPE));
}

int dialog_draw_clipped(int y, int x, const char *text, int maxw,
			unsigned long attr)
{
	return draw_as(y, x, text, strlen(text), maxw, TEXTSAFE_ESCAPED, attr);
}

static void bottom_line(const char *text, unsigned long attr)
{
	move(LINES - 1, 0);
	clrtoeol();
	dialog_draw_clipped(LINES - 1, 0, text, COLS - 1, attr);
}

void dialog_message(const char *text, int is_error)
{
	bottom_line(text, is_error ? edui_attr(EDUI_ERROR) : A_NORMAL);
	refresh();
}

/* Screen width of escaped text as dialog_draw_clipped draws it. */
static int text_width(const char *s, size_t n)
{
	return textsafe_width(s, n, TEXTSAFE_ESCAPED | textsafe_locale(),
			      1 << 20);
}

static void draw_prompt(const char *question, const struct lineedit *le)
{
	move(LINES - 1, 0);
	clrtoeol();
	int qx = dialog_draw_clipped(LINES - 1, 0, question, COLS / 2, A_BOLD);
	int room = COLS - qx - 1;
	int cx;
	/* what is typed shows as a value; the cursor stays in view */
	size_t start = lineedit_view(le, room,
				     TEXTSAFE_VALUE | textsafe_locale(), &cx);
	draw_as(LINES - 1, qx, le->text + start, le->len - start, room,
		TEXTSAFE_VALUE, A_NORMAL);
	move(LINES - 1, qx + cx);
	curs_set(1);
	refresh();
}

int dialog_prompt(const char *question, const char *initial,
		  const char *note, char **out)
{
	if (note != NULL && LINES > 2) {
		move(LINES - 2, 0);
		clrtoeol();
		dialog_draw_clipped(LINES - 2, 0, note, COLS - 1,
				    edui_attr(EDUI_ERROR));
	}
	struct lineedit le;
	*out = NULL;
	if (lineedit_init(&le, initial))
		return ENOMEM;
	int result = 0;
	for (;;) {
		draw_prompt(question, &le);
		int k = edui_getkey(-1, 50);
		if (k == 27 || k == EK_CTRL('C') || k == EK_CTRL('G') ||
		    k == EK_F(10) || k == EK_CTRL('Q'))
			break;
		if (k == EK_ENTER || k == '\r' || k == '\n') {
			*out = strdup(le.text);
			result = *out ? 1 : ENOMEM;
			break;
		}
		switch (k) {
		case EK_BACKSPACE: case 0x7f: case EK_CTRL('H'):
			lineedit_backspace(&le); break;
		case EK_DELETE: case EK_CTRL('D'): lineedit_delete(&le); break;
		case EK_LEFT: case EK_CTRL('B'): lineedit_left(&le); break;
		case EK_RIGHT: case EK_CTRL('F'): lineedit_right(&le); break;
		case EK_HOME: case EK_CTRL('A'): lineedit_home(&le); break;
		case EK_END: case EK_CTRL('E'): lineedit_end(&le); break;
		case EK_CTRL('U'): lineedit_kill_before(&le); break;
		case EK_CTRL('K'): lineedit_kill_after(&le); break;
		default:
			if (k >= 0x20 && k < EK_SPECIAL && k != 0x7f &&
			    lineedit_insert_char(&le, k) == ENOMEM) {
				lineedit_done(&le);
				return ENOMEM;
			}
			break;
		}
	}
	lineedit_done(&le);
	curs_set(0);
	bottom_line("", A_NORMAL);
	return result;
}

int dialog_yesno(const char *question)
{
	char text[1024];
	snprintf(text, sizeof text, "%s (y/N) ", question);
	bottom_line(text, A_BOLD);
	refresh();
	int k;
	do
		k = edui_getkey(-1, 50);
	while (k == 0 || k == EK_RESIZE);
	bottom_line("", A_NORMAL);
	return k == 'y' || k == 'Y';
}

int dialog_choose(const char *question, const struct dialog_choice *choices,
		  size_t n)
{
	char text[1024], opts[512];
	size_t used = 0;
	opts[0] = '\0';
	for (size_t i = 0; i < n && used < sizeof opts; i++)
		used += (size_t)snprintf(opts + used, sizeof opts - used,
					 "%s%s", i ? "  " : "", choices[i].label);
	snprintf(text, sizeof text, "%s  %s", question, opts);
	/* too long for one line: the question goes on the line above */
	int two_lines = text_width(text, strlen(text)) > COLS - 1 && LINES > 2;
	for (;;) {
		if (two_lines) {
			move(LINES - 2, 0);
			clrtoeol();
			dialog_draw_clipped(LINES - 2, 0, question, COLS - 1,
					    A_BOLD);
			bottom_line(opts, A_BOLD);
		} else {
			bottom_line(text, A_BOLD);
		}
		refresh();
		int k = edui_getkey(-1, 50);
		if (k == 27 || k == EK_CTRL('C'))
			break;
		for (size_t i = 0; i < n; i++)
			if (k == choices[i].key ||
			    (k < 0x80 && choices[i].key < 0x80 &&
			     (k | 0x20) == (choices[i].key | 0x20))) {
				bottom_line("", A_NORMAL);
				return (int)i;
			}
	}
	bottom_line("", A_NORMAL);
	return -1;
}

void dialog_pager(const char *title, size_t n, dialog_line_fn line, void *ctx)
{
	size_t top = 0;
	char buf[4096];
	for (;;) {
		int rows = LINES - 2 > 1 ? LINES - 2 : 1;
		erase();
		attron((attr_t)edui_attr(EDUI_BAR));
		mvhline(0, 0, ' ', COLS);
		attroff((attr_t)edui_attr(EDUI_BAR));
		dialog_draw_clipped(0, 0, title, COLS, edui_attr(EDUI_BAR));
		for (int r = 0; r < rows && top + (size_t)r < n; r++) {
			enum edui_role role = EDUI_NORMAL;
			unsigned flags = TEXTSAFE_ESCAPED;
			buf[0] = '\0';
			line(top + (size_t)r, buf, sizeof buf, &role, &flags,
			     ctx);
			draw_as(1 + r, 0, buf, strlen(buf), COLS, flags,
				edui_attr(role));
		}
		char hint[128];
		snprintf(hint, sizeof hint,
			 "lines %zu-%zu of %zu   Up/Down PgUp/PgDn Home/End   q close",
			 n ? top + 1 : 0,
			 top + (size_t)rows < n ? top + (size_t)rows : n, n);
		bottom_line(hint, A_NORMAL);
		refresh();
		int k = edui_getkey(-1, 50);
		size_t page = (size_t)rows;
		size_t last = n > page ? n - page : 0;
		switch (k) {
		case 'q': case 'Q': case 27: case EK_F(10): case EK_CTRL('Q'):
		case EK_META('q'):
			return;
		case EK_UP: case 'k':
			if (top > 0)
				top--;
			break;
		case EK_DOWN: case 'j': case EK_ENTER: case '\r':
			if (top < last)
				top++;
			break;
		case EK_PGUP: case 'b':
			top = top > page ? top - page : 0;
			break;
		case EK_PGDN: case ' ':
			top = top + page < last ? top + page : last;
			break;
		case EK_HOME: case 'g':
			top = 0;
			break;
		case EK_END: case 'G':
			top = last;
			break;
		default:
			break;
		}
	}
}
