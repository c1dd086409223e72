/*
 * view_tables.c - the tables pane: the root and every table by its path.
 * Model: the table list.
 */
#include "browser/pane.h"
#include "browser/table_list.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

static void tables_draw(void *model, const struct ui_rect *r, int focused,
			const struct ui *ui)
{
	struct table_list *tl = model;
	int inner = r->h - 2, w = r->w - 2;
	char title[64];

	snprintf(title, sizeof title, "Tables (%zu)", tl->count);
	ui_frame(ui, r, title, NULL, focused);
	size_t top = table_list_scroll(tl, (size_t)(inner > 0 ? inner : 0));
	for (int i = 0; i < inner; i++) {
		size_t t = top + (size_t)i;
		if (t >= tl->count)
			break;
		const char *name = table_list_display(tl->names[t]);
		attr_t a = A_NORMAL;
		if (t == tl->cur)
			a = ui_attr(ui, focused ? THEME_CURSOR
						: THEME_CURSOR_OTHER);
		if (a != A_NORMAL)
			ui_fill(r->y + 1 + i, r->x + 1, w, a);
		ui_text(ui, r->y + 1 + i, r->x + 1, name, strlen(name), w, a);
	}
}

static enum pane_result tables_handle(void *model, enum keymap_action action,
				      const struct ui_rect *r)
{
	struct table_list *tl = model;
	long page = r->h - 2 > 1 ? r->h - 3 : 1;
	long delta;

	switch (action) {
	case KA_UP: delta = -1; break;
	case KA_DOWN: delta = 1; break;
	case KA_PAGE_UP: delta = -page; break;
	case KA_PAGE_DOWN: delta = page; break;
	case KA_FIRST: delta = -(long)tl->count; break;
	case KA_LAST: delta = (long)tl->count; break;
	case KA_OPEN:
	case KA_PANE_RIGHT: return PANE_FOCUS_NEXT;
	case KA_PANE_LEFT: return PANE_DONE;
	default: return PANE_PASS;
	}
	return table_list_move(tl, delta) ? PANE_SELECT_TABLE : PANE_DONE;
}

static enum pane_result tables_mouse(void *model, const struct ui_rect *r,
				     int y, int wheel)
{
	struct table_list *tl = model;
	if (wheel != 0)
		return table_list_move(tl, wheel) ? PANE_SELECT_TABLE
						  : PANE_DONE;
	if (y >= 0 && y < r->h - 2) {
		size_t t = tl->top + (size_t)y;
		if (t < tl->count && t != tl->cur) {
			tl->cur = t;
			return PANE_SELECT_TABLE;
		}
	}
	return PANE_DONE;
}

const struct pane_view pane_tables = {
	.name = "tables",
	.keymap = KV_TABLES,
	.draw = tables_draw,
	.handle = tables_handle,
	.mouse = tables_mouse,
};
