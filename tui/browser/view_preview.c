/*
 * view_preview.c - the value pane: the selected value as wrapped text or as
 * a hex dump (the preview model produces safe rows; this draws them).
 */
#include "browser/browser_app.h"
#include "browser/fmt.h"
#include "browser/ui.h"

#include <string.h>

struct draw_ctx {
	int y, x, w;
};

static void put_row(void *ctx, int row, const char *text, size_t len,
		    unsigned flags)
{
	const struct draw_ctx *d = ctx;
	ui_text_as(d->y + row, d->x, text, len, d->w, flags, A_NORMAL);
}

static void preview_draw(struct browser *b, const struct layout_rect *r,
			 int focused)
{
	struct preview *p = &b->preview;
	char title[512] = "Value", right[64] = "";
	int inner = r->h - 2, w = r->w - 2;

	if (p->name != NULL) {
		char size[16];
		fmt_size(p->file_size, size, sizeof size);
		snprintf(title, sizeof title, "Value%s: %s",
			 b->preview_there ? " (only there, read-only)" : "",
			 p->name);
		if (p->err == 0)
			snprintf(right, sizeof right, "%s %s", size,
				 preview_mode(p) == PREVIEW_HEX ? "hex" : "text");
	}
	ui_frame(r, title, right, focused);
	if (inner <= 0 || w <= 0 || p->name == NULL)
		return;
	if (p->err != 0) {
		char msg[256];
		if (p->err == FLOCKD_ETIMEOUT)
			snprintf(msg, sizeof msg,
				 "locked by a writer; retrying (r reloads)");
		else
			snprintf(msg, sizeof msg, "cannot read: %s",
				 flockd_strerror(p->err));
		ui_text(r->y + 1, r->x + 1, msg, strlen(msg), w,
			ui_attr(UI_ERROR));
		return;
	}
	if (p->len == 0) {
		ui_text(r->y + 1, r->x + 1, "(empty value)", 13, w,
			ui_attr(UI_DIM));
		return;
	}
	int rows = inner;
	if (p->len < p->file_size)
		rows--; /* room for the "first N bytes" note */
	preview_scroll(p, 0, w, rows);
	struct draw_ctx d = {r->y + 1, r->x + 1, w};
	preview_render(p, w, rows, put_row, &d);
	if (p->len < p->file_size) {
		char note[128], a[16], t[16];
		fmt_size(p->len, a, sizeof a);
		fmt_size(p->file_size, t, sizeof t);
		snprintf(note, sizeof note, "(first %s of %s shown)", a, t);
		ui_text(r->y + r->h - 2, r->x + 1, note, strlen(note), w,
			ui_attr(UI_DIM));
	}
}

static int preview_handle(struct browser *b, enum keymap_action action)
{
	const struct layout_rect *r = &b->layout.pane[PANE_PREVIEW];
	int w = r->w - 2, h = r->h - 2;
	long page = h > 1 ? h - 1 : 1;

	switch (action) {
	case KM_UP: preview_scroll(&b->preview, -1, w, h); break;
	case KM_DOWN: preview_scroll(&b->preview, 1, w, h); break;
	case KM_PAGE_UP: preview_scroll(&b->preview, -page, w, h); break;
	case KM_PAGE_DOWN: preview_scroll(&b->preview, page, w, h); break;
	case KM_HOME: b->preview.scroll = 0; break;
	case KM_END: preview_scroll(&b->preview, (long)1 << 40, w, h); break;
	case KM_LEFT: b->focus = PANE_KEYS; break;
	case KM_RIGHT: break;
	default:
		return 0;
	}
	b->dirty = 1;
	return 1;
}

static void preview_mouse(struct browser *b, const struct layout_rect *r,
			  int y, int wheel)
{
	(void)y;
	if (wheel != 0)
		preview_scroll(&b->preview, wheel, r->w - 2, r->h - 2);
	b->dirty = 1;
}

const struct view view_preview = {
	.name = "preview",
	.draw = preview_draw,
	.handle = preview_handle,
	.mouse = preview_mouse,
};

const struct view *const browser_panes[PANE_COUNT] = {
	[PANE_TABLES] = &view_tables,
	[PANE_KEYS] = &view_keys,
	[PANE_PREVIEW] = &view_preview,
};
