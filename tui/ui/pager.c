/*
 * pager.c - the full-screen pager and the help screens on it.
 */
#include "ui/pager.h"

#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

static void draw_page(const struct ui *ui, const char *title, size_t n,
		      size_t top, int rows, pager_line_fn line, void *ctx)
{
	char buf[4096], hint[256], close[KEYCODE_NAME_MAX];
	erase();
	ui_bar(ui, 0, title);
	for (int r = 0; r < rows && top + (size_t)r < n; r++) {
		enum theme_element elem = THEME_COUNT;
		unsigned flags = TEXTSAFE_ESCAPED;
		buf[0] = '\0';
		line(top + (size_t)r, buf, sizeof buf, &elem, &flags, ctx);
		ui_text_as(ui, 1 + r, 0, buf, strlen(buf), COLS, flags,
			   elem == THEME_COUNT ? A_NORMAL : ui_attr(ui, elem));
	}
	keymap_first_key(ui->keys, KV_PAGER, KA_CLOSE, close, sizeof close);
	snprintf(hint, sizeof hint, "lines %zu-%zu of %zu   %s close",
		 n ? top + 1 : 0,
		 top + (size_t)rows < n ? top + (size_t)rows : n, n,
		 close[0] ? close : "-");
	ui_line(ui, LINES - 1, hint, ui_attr(ui, THEME_DIM));
	refresh();
}

void pager_run(const struct ui *ui, const char *title, size_t n,
	       pager_line_fn line, void *ctx)
{
	size_t top = 0;
	for (;;) {
		int rows = LINES - 2 > 1 ? LINES - 2 : 1;
		size_t page = (size_t)rows;
		size_t last = n > page ? n - page : 0;
		if (top > last)
			top = last;
		draw_page(ui, title, n, top, rows, line, ctx);
		switch (ui_action(ui, KV_PAGER, ui_key(ui, -1))) {
		case KA_CLOSE:
			return;
		case KA_UP:
			top = top > 0 ? top - 1 : 0;
			break;
		case KA_DOWN:
			top = top < last ? top + 1 : last;
			break;
		case KA_PAGE_UP:
			top = top > page ? top - page : 0;
			break;
		case KA_PAGE_DOWN:
			top = top + page < last ? top + page : last;
			break;
		case KA_HALF_PAGE_UP:
			top = top > page / 2 ? top - page / 2 : 0;
			break;
		case KA_HALF_PAGE_DOWN:
			top = top + page / 2 < last ? top + page / 2 : last;
			break;
		case KA_FIRST:
			top = 0;
			break;
		case KA_LAST:
			top = last;
			break;
		case KA_REDRAW:
			clearok(curscr, TRUE);
			break;
		default:
			break;
		}
	}
}

struct help_ctx {
	const struct keymap *km;
	enum keymap_view v;
	const char *const *notes;
	size_t nactions, nnotes;
};

static void help_pager_line(size_t i, char *buf, size_t size,
			    enum theme_element *elem, unsigned *flags,
			    void *ctx)
{
	const struct help_ctx *h = ctx;
	if (i < h->nactions) {
		/* key names and the program's words, drawn as they are */
		*flags = TEXTSAFE_VALUE;
		keymap_help_line(h->km, h->v, i, buf, size);
	} else if (i - h->nactions < h->nnotes) {
		*elem = THEME_COUNT;
		snprintf(buf, size, "%s", h->notes[i - h->nactions]);
	}
}

void help_run(const struct ui *ui, enum keymap_view v, const char *title,
	      const char *const *notes, size_t nnotes)
{
	struct help_ctx h = {ui->keys, v, notes, keymap_help_count(v),
			     nnotes};
	pager_run(ui, title, h.nactions + nnotes, help_pager_line, &h);
}
