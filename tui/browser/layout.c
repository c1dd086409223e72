/* SPDX-License-Identifier: MIT */
/*
 * layout.c - pane rectangles for a terminal size.
 */
#include "browser/layout.h"

#include <string.h>

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void put(struct layout *l, enum layout_pane p, int x, int w, int h)
{
	l->pane[p] = (struct ui_rect){0, x, h, w};
}

int layout_tables_w(int cols, const struct layout_prefs *prefs)
{
	int hi = cols - 40 > 12 ? cols - 40 : 12;
	if (prefs != NULL && prefs->tables_w > 0)
		return clamp(prefs->tables_w, 8, hi);
	return clamp(cols * 18 / 100, 12, 30);
}

void layout_compute(int cols, int rows, enum layout_pane focus,
		    const struct layout_prefs *prefs, struct layout *out)
{
	int body;

	memset(out, 0, sizeof *out);
	if (cols <= 0 || rows <= 0)
		return;
	out->status = (struct ui_rect){rows - 1, 0, 1, cols};
	body = rows - 1;
	if (body < 3 || cols < 3)
		return;
	if (prefs != NULL && prefs->zoom) {
		put(out, focus, 0, cols, body);
		return;
	}
	if (cols >= 90) {
		int tw = layout_tables_w(cols, prefs);
		int kw = (cols - tw) * 45 / 100;
		put(out, PANE_TABLES, 0, tw, body);
		put(out, PANE_KEYS, tw, kw, body);
		put(out, PANE_PREVIEW, tw + kw, cols - tw - kw, body);
	} else if (cols >= 60) {
		if (focus == PANE_TABLES) {
			int tw = prefs != NULL && prefs->tables_w > 0
					 ? clamp(prefs->tables_w, 12, cols - 24)
					 : clamp(cols / 3, 12, 24);
			put(out, PANE_TABLES, 0, tw, body);
			put(out, PANE_KEYS, tw, cols - tw, body);
		} else {
			int kw = cols * 45 / 100;
			put(out, PANE_KEYS, 0, kw, body);
			put(out, PANE_PREVIEW, kw, cols - kw, body);
		}
	} else {
		put(out, focus, 0, cols, body);
	}
}

int layout_pane_at(const struct layout *l, int y, int x)
{
	for (int p = 0; p < PANE_COUNT; p++) {
		const struct ui_rect *r = &l->pane[p];
		if (r->w > 0 && r->h > 0 && y >= r->y && y < r->y + r->h &&
		    x >= r->x && x < r->x + r->w)
			return p;
	}
	return -1;
}
