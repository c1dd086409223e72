/* SPDX-License-Identifier: MIT */
/*
 * view_preview.c - the value pane: the selected value as wrapped text or as
 * a hex dump (the preview model produces safe rows; this draws them).
 * Model: struct browser_preview.
 */
#include "browser/browser_ctl.h"
#include "browser/fmt.h"
#include "browser/pane.h"
#include "ui/draw.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct draw_ctx {
	const struct ui *ui;
	int y, x, w;
};

static void put_row(void *ctx, int row, const char *text, size_t len,
		    unsigned flags)
{
	const struct draw_ctx *d = ctx;
	ui_text_as(d->ui, d->y + row, d->x, text, len, d->w, flags, A_NORMAL);
}

static void value_title(const struct browser_preview *pv, char *title,
			size_t size, char *right, size_t rsize)
{
	const struct preview *p = &pv->p;
	char bytes[16];
	snprintf(title, size, "Value");
	right[0] = '\0';
	if (p->name == NULL)
		return;
	fmt_size(p->file_size, bytes, sizeof bytes);
	snprintf(title, size, "Value%s: %s",
		 pv->there ? " (only there, read-only)" : "", p->name);
	if (p->err == 0)
		snprintf(right, rsize, "%s %s", bytes,
			 preview_mode(p) == PREVIEW_HEX ? "hex" : "text");
}

/* Why there is nothing to show, or false when there is a value. */
static int draw_nothing(const struct preview *p, const struct ui *ui,
			const struct ui_rect *r, int w)
{
	char msg[256], key[KEYCODE_NAME_MAX];
	if (p->err != 0) {
		keymap_first_key(ui->keys, KV_VALUE, KA_RELOAD, key,
				 sizeof key);
		if (p->err == EREMOTE)
			snprintf(msg, sizeof msg, "only on the other host: "
				 "Enter shows it");
		else if (p->err == FLOCKD_ETIMEOUT)
			snprintf(msg, sizeof msg, "locked by a writer; "
				 "retrying%s%s%s", key[0] ? " (" : "", key,
				 key[0] ? " reloads)" : "");
		else
			snprintf(msg, sizeof msg, "cannot read: %s",
				 flockd_strerror(p->err));
		ui_text(ui, r->y + 1, r->x + 1, msg, strlen(msg), w,
			ui_attr(ui, THEME_ERROR));
		return 1;
	}
	if (p->len == 0) {
		ui_text(ui, r->y + 1, r->x + 1, "(empty value)", 13, w,
			ui_attr(ui, THEME_DIM));
		return 1;
	}
	return 0;
}

static void value_draw(void *model, const struct ui_rect *r, int focused,
		       const struct ui *ui)
{
	struct browser_preview *pv = model;
	struct preview *p = &pv->p;
	char title[512], right[64];
	int inner = r->h - 2, w = r->w - 2;

	value_title(pv, title, sizeof title, right, sizeof right);
	ui_frame(ui, r, title, right, focused);
	if (inner <= 0 || w <= 0 || p->name == NULL ||
	    draw_nothing(p, ui, r, w))
		return;
	int rows = inner;
	if (p->len < p->file_size)
		rows--; /* room for the "first N bytes" note */
	preview_scroll(p, 0, w, rows);
	struct draw_ctx d = {ui, r->y + 1, r->x + 1, w};
	preview_render(p, w, rows, put_row, &d);
	if (p->len < p->file_size) {
		char note[128], a[16], t[16];
		fmt_size(p->len, a, sizeof a);
		fmt_size(p->file_size, t, sizeof t);
		snprintf(note, sizeof note, "(first %s of %s shown)", a, t);
		ui_text(ui, r->y + r->h - 2, r->x + 1, note, strlen(note), w,
			ui_attr(ui, THEME_DIM));
	}
}

static enum pane_result value_handle(void *model, enum keymap_action action,
				     const struct ui_rect *r)
{
	struct preview *p = &((struct browser_preview *)model)->p;
	int w = r->w - 2, h = r->h - 2;
	long page = h > 1 ? h - 1 : 1;

	switch (action) {
	case KA_UP: preview_scroll(p, -1, w, h); break;
	case KA_DOWN: preview_scroll(p, 1, w, h); break;
	case KA_PAGE_UP: preview_scroll(p, -page, w, h); break;
	case KA_PAGE_DOWN: preview_scroll(p, page, w, h); break;
	case KA_HALF_PAGE_UP: preview_scroll(p, -(page + 1) / 2, w, h); break;
	case KA_HALF_PAGE_DOWN: preview_scroll(p, (page + 1) / 2, w, h); break;
	case KA_FIRST: p->scroll = 0; break;
	case KA_LAST: preview_scroll(p, (long)1 << 40, w, h); break;
	case KA_PANE_LEFT: return PANE_FOCUS_PREV;
	case KA_PANE_RIGHT: break;
	default: return PANE_PASS;
	}
	return PANE_DONE;
}

static enum pane_result value_mouse(void *model, const struct ui_rect *r,
				    int y, int wheel)
{
	struct preview *p = &((struct browser_preview *)model)->p;
	(void)y;
	if (wheel != 0)
		preview_scroll(p, wheel, r->w - 2, r->h - 2);
	return PANE_DONE;
}

const struct pane_view pane_value = {
	.name = "value",
	.keymap = KV_VALUE,
	.draw = value_draw,
	.handle = value_handle,
	.mouse = value_mouse,
};
