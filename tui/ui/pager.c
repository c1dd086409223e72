/* SPDX-License-Identifier: MIT */
/*
 * pager.c - the full-screen pager, and the help screens and the log of
 * messages on it.
 */
#include "ui/pager.h"

#include "ui/draw.h"

#include <stdio.h>
#include <stdlib.h>
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

/* ------------------------------------------------------------- messages */

struct log_lines {
	char **line; /* owned: each entry cut into rows that fit */
	int *is_error;
	size_t n, cap;
};

static int log_push(struct log_lines *ll, const char *s, size_t len,
		    int is_error)
{
	if (ll->n == ll->cap) {
		size_t cap = ll->cap ? ll->cap * 2 : 64;
		char **nl = realloc(ll->line, cap * sizeof *nl);
		if (nl == NULL)
			return -1;
		ll->line = nl;
		int *ne = realloc(ll->is_error, cap * sizeof *ne);
		if (ne == NULL)
			return -1;
		ll->is_error = ne;
		ll->cap = cap;
	}
	char *copy = strndup(s, len);
	if (copy == NULL)
		return -1;
	ll->line[ll->n] = copy;
	ll->is_error[ll->n++] = is_error;
	return 0;
}

/* One entry as rows of at most `cols` columns, continued rows indented. */
static int log_wrap(struct log_lines *ll, const char *text, int cols,
		    int is_error)
{
	size_t len = strlen(text), start = 0;
	char row[MSGLOG_TEXT + 64];
	while (start < len) {
		const char *indent = start ? "           " : "";
		size_t il = strlen(indent), end = start, fit = start;
		while (end < len) {
			size_t next = end + 1;
			while (next < len && ((unsigned char)text[next] & 0xc0) == 0x80)
				next++;
			memcpy(row, indent, il);
			memcpy(row + il, text + start, next - start);
			if (ui_width(row, il + next - start, TEXTSAFE_ESCAPED,
				     cols) > cols)
				break;
			fit = end = next;
		}
		if (fit == start) /* one character wider than the screen */
			fit = end < len ? end + 1 : len;
		/* cut at a space when there is one in the second half */
		for (size_t sp = fit; fit < len && sp > start + (fit - start) / 2;
		     sp--) {
			if (text[sp - 1] == ' ') {
				fit = sp;
				break;
			}
		}
		memcpy(row, indent, il);
		memcpy(row + il, text + start, fit - start);
		if (log_push(ll, row, il + fit - start, is_error) != 0)
			return -1;
		start = fit;
	}
	return 0;
}

static void log_pager_line(size_t i, char *buf, size_t size,
			   enum theme_element *elem, unsigned *flags,
			   void *ctx)
{
	const struct log_lines *ll = ctx;
	(void)flags;
	if (ll->n == 0) {
		snprintf(buf, size, "(no messages yet)");
		return;
	}
	snprintf(buf, size, "%s", ll->line[i]);
	if (ll->is_error[i])
		*elem = THEME_ERROR;
}

void messages_run(const struct ui *ui)
{
	struct log_lines ll = {0};
	int cols = COLS > 20 ? COLS - 1 : 20;
	char text[MSGLOG_TEXT + 64];
	for (size_t i = msglog_count(ui->log); i-- > 0;) {
		msglog_format(ui->log, i, text, sizeof text);
		if (log_wrap(&ll, text, cols,
			     msglog_get(ui->log, i)->is_error) != 0)
			break;
	}
	pager_run(ui, " Messages, newest first", ll.n ? ll.n : 1,
		  log_pager_line, &ll);
	for (size_t i = 0; i < ll.n; i++)
		free(ll.line[i]);
	free(ll.line);
	free(ll.is_error);
}
