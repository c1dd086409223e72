/* SPDX-License-Identifier: MIT */
/*
 * view_tables.c - the tables pane: the root and every table as a tree
 * (branches expand and collapse; folders that are not tables dimmed), or
 * under a filter the matching tables by their full paths. Model: the
 * table list.
 */
#include "browser/pane.h"
#include "browser/table_list.h"
#include "common/textsafe.h"
#include "ui/draw.h"

#include <stdio.h>
#include <string.h>

static void tables_title(const struct table_list *tl, char *title,
			 size_t size)
{
	if (table_list_filter(tl)[0] != '\0')
		snprintf(title, size, "Tables (%zu of %zu)", table_list_rows(tl),
			 table_list_tables(tl));
	else
		snprintf(title, size, "Tables (%zu)", table_list_tables(tl));
}

static void draw_row(const struct ui *ui, const struct table_list *tl,
		     const struct table_row *row, int y, int x, int w,
		     attr_t a)
{
	char badge[48] = "";
	if (tl->badge != NULL && row->is_table)
		tl->badge(tl->badge_ctx, row->path, badge, sizeof badge);
	int bw = badge[0] ? (int)strlen(badge) + 1 : 0;
	if (bw > w / 2)
		bw = 0; /* a narrow pane keeps the names */
	if (a != A_NORMAL)
		ui_fill(y, x, w, a);
	if (bw > 0)
		ui_text_as(ui, y, x + w - bw + 1, badge, strlen(badge), bw - 1,
			   TEXTSAFE_ESCAPED, a | ui_attr(ui, THEME_MARK));
	w -= bw;
	int utf8 = textsafe_locale() != 0;
	const char *fold = !row->has_children ? "  "
			   : row->collapsed ? (utf8 ? "\xe2\x96\xb8 " : "+ ")
					    : (utf8 ? "\xe2\x96\xbe " : "- ");
	int indent = (int)row->depth * 2;
	if (indent > w / 2)
		indent = w / 2; /* deep trees keep room for the names */
	int used = indent;
	if (w - used > 2) {
		ui_text_as(ui, y, x + used, fold, strlen(fold), 2,
			   TEXTSAFE_ESCAPED, a | ui_attr(ui, THEME_DIM));
		used += 2;
	}
	attr_t na = row->is_table ? a : (a | ui_attr(ui, THEME_DIM));
	if (w - used > 0)
		ui_text(ui, y, x + used, row->label, strlen(row->label),
			w - used, na);
}

static void tables_draw(void *model, const struct ui_rect *r, int focused,
			const struct ui *ui)
{
	struct table_list *tl = model;
	int inner = r->h - 2, w = r->w - 2;
	char title[96];

	tables_title(tl, title, sizeof title);
	ui_frame(ui, r, title, NULL, focused);
	size_t top = table_list_scroll(tl, (size_t)(inner > 0 ? inner : 0));
	if (table_list_rows(tl) == 0 && inner > 0 &&
	    table_list_filter(tl)[0] != '\0') {
		const char *none = "no table matches";
		ui_text(ui, r->y + 1, r->x + 1, none, strlen(none), w,
			ui_attr(ui, THEME_DIM));
	}
	for (int i = 0; i < inner; i++) {
		struct table_row row;
		size_t t = top + (size_t)i;
		if (table_list_row(tl, t, &row) != 0)
			break;
		attr_t a = A_NORMAL;
		if (t == tl->cur)
			a = ui_attr(ui, focused ? THEME_CURSOR
						: THEME_CURSOR_OTHER);
		draw_row(ui, tl, &row, r->y + 1 + i, r->x + 1, w, a);
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
	case KA_HALF_PAGE_UP: delta = -(page + 1) / 2; break;
	case KA_HALF_PAGE_DOWN: delta = (page + 1) / 2; break;
	case KA_FIRST: delta = -(long)table_list_rows(tl); break;
	case KA_LAST: delta = (long)table_list_rows(tl); break;
	case KA_OPEN: return PANE_FOCUS_NEXT;
	case KA_PANE_RIGHT:
		return table_list_expand(tl) > 0 ? PANE_DONE : PANE_FOCUS_NEXT;
	case KA_PANE_LEFT:
		return table_list_collapse(tl) > 0 ? PANE_SELECT_TABLE
						   : PANE_DONE;
	case KA_TOGGLE_TREE:
		table_list_toggle(tl);
		return PANE_DONE;
	case KA_EXPAND_ALL: {
		/* expand all while any branch is collapsed, else collapse */
		int any_closed = 0;
		for (size_t i = 0; i < tl->n_nodes; i++)
			any_closed |= tl->nodes[i].has_children &&
				      tl->nodes[i].collapsed;
		table_list_expand_all(tl, any_closed);
		return PANE_SELECT_TABLE;
	}
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
	if (y >= 0 && y < r->h - 2 &&
	    table_list_set_cursor(tl, tl->top + (size_t)y))
		return PANE_SELECT_TABLE;
	return PANE_DONE;
}

const struct pane_view pane_tables = {
	.name = "tables",
	.keymap = KV_TABLES,
	.draw = tables_draw,
	.handle = tables_handle,
	.mouse = tables_mouse,
};
