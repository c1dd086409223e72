/* view_pair.c - two values side by side or as a diff (hex for binary). */
#include "inspect/view_pair.h"

#include "common/curses_ui.h"
#include "common/textsafe.h"
#include "common/textsafe_draw.h"
#include "inspect/inspect_ui.h"
#include "inspect/value_compare.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char row_mark(enum vc_kind k)
{
	switch (k) {
	case VC_CHANGED:
		return '!';
	case VC_ONLY_LEFT:
		return '-';
	case VC_ONLY_RIGHT:
		return '+';
	default:
		return ' ';
	}
}

static void draw_label(int y, int x, int width, char sign, const char *label,
		       int missing)
{
	char *l = textsafe_name_str(label);
	char buf[1024];
	snprintf(buf, sizeof buf, "%c %s%s", sign, l ? l : "?",
		 missing ? "  (missing)" : "");
	free(l);
	iui_put(y, x, width, buf, 0, A_BOLD | A_UNDERLINE);
}

/* A line of a value (or a hex row) as the editor shows values. */
static void draw_value(int y, int x, int width, const char *s, size_t len,
		       size_t skip, int attr)
{
	int cols = skip > INT_MAX / 2 ? INT_MAX / 2 : (int)skip;
	textsafe_draw(y, x, s, len, width, cols, TEXTSAFE_VALUE, (attr_t)attr,
		      A_UNDERLINE);
}

static void draw_pair(const struct pair_view *pv, const struct vc_rows *r,
		      enum vc_layout layout, size_t top, size_t hscroll,
		      const char *msg)
{
	erase();
	char *t = textsafe_name_str(pv->title);
	iui_title(t ? t : "?");
	free(t);
	int half = (COLS - 3) / 2;
	if (layout == VC_SIDE_BY_SIDE) {
		draw_label(1, 2, half, '<', pv->left_label, pv->a_missing);
		draw_label(1, half + 3, COLS - half - 3, '>', pv->right_label,
			   pv->b_missing);
	} else {
		draw_label(1, 0, COLS / 2, '-', pv->left_label, pv->a_missing);
		draw_label(1, COLS / 2, COLS - COLS / 2, '+', pv->right_label,
			   pv->b_missing);
	}
	int rows = LINES - 3;
	for (int y = 0; y < rows && top + (size_t)y < r->n; y++) {
		const struct vc_row *row = &r->v[top + (size_t)y];
		int attr = row->kind == VC_SAME ? 0 : A_BOLD;
		char mark[2] = {row_mark(row->kind), '\0'};
		iui_put(2 + y, 0, 1, mark, 0, attr);
		if (layout == VC_SIDE_BY_SIDE) {
			if (row->left)
				draw_value(2 + y, 2, half, row->left,
					   row->left_len, hscroll, attr);
			iui_put(2 + y, half + 2, 1, "|", 0, 0);
			if (row->right)
				draw_value(2 + y, half + 3, COLS - half - 3,
					   row->right, row->right_len, hscroll,
					   attr);
		} else if (row->left) {
			draw_value(2 + y, 2, COLS - 2, row->left,
				   row->left_len, hscroll, attr);
		} else if (row->right) {
			draw_value(2 + y, 2, COLS - 2, row->right,
				   row->right_len, hscroll, attr);
		}
	}
	if (r->n == 0)
		iui_put(2, 2, COLS - 2, "(both values are empty)", 0, 0);
	char hints[512];
	snprintf(hints, sizeof hints, " %s%s%zu rows differ%s  v %s  n/N next/"
		 "prev diff  q back", pv->actions_hint ? pv->actions_hint : "",
		 pv->actions_hint ? "  " : "", r->ndiff,
		 r->binary ? " (hex)" : "",
		 layout == VC_SIDE_BY_SIDE ? "diff" : "side by side");
	iui_status(hints, msg);
	refresh();
}

/* The next row at or after `from` (or before, dir < 0) that differs. */
static size_t next_diff(const struct vc_rows *r, size_t from, int dir,
			size_t fallback)
{
	for (size_t i = from; i < r->n; i = dir > 0 ? i + 1 : i - 1) {
		if (r->v[i].kind != VC_SAME)
			return i;
		if (dir < 0 && i == 0)
			break;
	}
	return fallback;
}

int pair_view_run(const struct pair_view *pv)
{
	enum vc_layout layout = VC_SIDE_BY_SIDE;
	struct vc_rows r;
	if (value_compare(pv->a ? pv->a : "", pv->alen, pv->b ? pv->b : "",
			  pv->blen, layout, &r) != 0)
		return -1;
	size_t top = 0, hscroll = 0;
	const char *msg = pv->message;
	int result = 0;
	for (;;) {
		size_t page = LINES > 4 ? (size_t)(LINES - 3) : 1;
		if (top + page > r.n)
			top = r.n > page ? r.n - page : 0;
		draw_pair(pv, &r, layout, top, hscroll, msg);
		msg = NULL;
		int key = iui_getkey(-1);
		if (key == 'q' || key == INSPECT_KEY_ESC)
			break;
		if (key > 0 && key < 128 && pv->actions &&
		    strchr(pv->actions, key)) {
			result = key;
			break;
		}
		switch (key) {
		case 'v': {
			struct vc_rows other;
			layout = layout == VC_SIDE_BY_SIDE ? VC_UNIFIED
							   : VC_SIDE_BY_SIDE;
			if (value_compare(pv->a ? pv->a : "", pv->alen,
					  pv->b ? pv->b : "", pv->blen, layout,
					  &other) != 0) {
				vc_rows_free(&r);
				return -1;
			}
			vc_rows_free(&r);
			r = other;
			top = 0;
			break;
		}
		case KEY_DOWN: case 'j':
			top++;
			break;
		case KEY_UP: case 'k':
			top = top ? top - 1 : 0;
			break;
		case KEY_NPAGE: case ' ':
			top += page;
			break;
		case KEY_PPAGE:
			top = top > page ? top - page : 0;
			break;
		case KEY_HOME: case 'g':
			top = 0;
			break;
		case KEY_END: case 'G':
			top = r.n;
			break;
		case KEY_RIGHT: case 'l':
			hscroll += 8;
			break;
		case KEY_LEFT: case 'h':
			hscroll = hscroll > 8 ? hscroll - 8 : 0;
			break;
		case 'n':
			top = next_diff(&r, top + 1, 1, top);
			break;
		case 'N':
			top = top ? next_diff(&r, top - 1, -1, top) : 0;
			break;
		default:
			break;
		}
	}
	vc_rows_free(&r);
	clear();
	return result;
}
