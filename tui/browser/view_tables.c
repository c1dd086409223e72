/*
 * view_tables.c - the tables pane: the root and every table by its path.
 */
#include "browser/browser_app.h"
#include "browser/fmt.h"
#include "browser/ui.h"

#include <string.h>

static void tables_draw(struct browser *b, const struct layout_rect *r,
			int focused)
{
	int inner = r->h - 2, w = r->w - 2;
	char title[64];

	snprintf(title, sizeof title, "Tables (%zu)", b->tables.count);
	ui_frame(r, title, NULL, focused);
	size_t top = table_list_scroll(&b->tables, (size_t)(inner > 0 ? inner : 0));
	for (int i = 0; i < inner; i++) {
		size_t t = top + (size_t)i;
		if (t >= b->tables.count)
			break;
		const char *name = table_list_display(b->tables.names[t]);
		attr_t a = A_NORMAL;
		if (t == b->tables.cur)
			a = ui_attr(focused ? UI_CURSOR : UI_CURSOR_DIM);
		if (a != A_NORMAL)
			ui_fill(r->y + 1 + i, r->x + 1, w, a);
		ui_text(r->y + 1 + i, r->x + 1, name, strlen(name), w, a);
	}
}

static int tables_handle(struct browser *b, enum keymap_action action)
{
	int inner = b->layout.pane[PANE_TABLES].h - 2;
	long page = inner > 1 ? inner - 1 : 1;
	long delta;

	switch (action) {
	case KM_UP: delta = -1; break;
	case KM_DOWN: delta = 1; break;
	case KM_PAGE_UP: delta = -page; break;
	case KM_PAGE_DOWN: delta = page; break;
	case KM_HOME: delta = -(long)b->tables.count; break;
	case KM_END: delta = (long)b->tables.count; break;
	case KM_OPEN:
	case KM_RIGHT:
		b->focus = PANE_KEYS;
		b->dirty = 1;
		return 1;
	case KM_LEFT:
		return 1;
	default:
		return 0;
	}
	if (table_list_move(&b->tables, delta))
		ctl_select_table(b, 0);
	b->dirty = 1;
	return 1;
}

static void tables_mouse(struct browser *b, const struct layout_rect *r,
			 int y, int wheel)
{
	if (wheel != 0) {
		if (table_list_move(&b->tables, wheel))
			ctl_select_table(b, 0);
	} else if (y >= 0 && y < r->h - 2) {
		size_t t = b->tables.top + (size_t)y;
		if (t < b->tables.count && t != b->tables.cur) {
			b->tables.cur = t;
			ctl_select_table(b, 0);
		}
	}
	b->dirty = 1;
}

const struct view view_tables = {
	.name = "tables",
	.draw = tables_draw,
	.handle = tables_handle,
	.mouse = tables_mouse,
};
