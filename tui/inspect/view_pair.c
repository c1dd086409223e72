/* SPDX-License-Identifier: MIT */
/* view_pair.c - two values side by side or as a diff (hex for binary). */
#include "inspect/view_pair.h"

#include "common/textsafe.h"
#include "inspect/inspect_ui.h"
#include "inspect/value_compare.h"
#include "ui/draw.h"

#include <errno.h>
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

static void draw_label(const struct ui *ui, int y, int x, int width,
		       char sign, const char *label, int missing)
{
	char *l = textsafe_name_str(label);
	char buf[1024];
	snprintf(buf, sizeof buf, "%c %s%s", sign, l ? l : "?",
		 missing ? "  (missing)" : "");
	free(l);
	iui_put(ui, y, x, width, buf, 0,
		ui_attr(ui, THEME_HEADER) | A_UNDERLINE);
}

/* A line of a value (or a hex row) as the editor shows values. */
static void draw_value(const struct ui *ui, int y, int x, int width,
		       const char *s, size_t len, size_t skip, attr_t attr)
{
	int cols = skip > INT_MAX / 2 ? INT_MAX / 2 : (int)skip;
	ui_draw(ui, y, x, s, len, width, cols, TEXTSAFE_VALUE, attr);
}

static void draw_row(const struct ui *ui, int y, const struct vc_row *row,
		     enum vc_layout layout, size_t hscroll)
{
	int half = (COLS - 3) / 2;
	attr_t attr = row->kind == VC_SAME ? A_NORMAL
					   : ui_attr(ui, THEME_DIFF_CHANGE);
	char mark[2] = {row_mark(row->kind), '\0'};
	iui_put(ui, y, 0, 1, mark, 0, attr);
	if (layout == VC_SIDE_BY_SIDE) {
		if (row->left)
			draw_value(ui, y, 2, half, row->left, row->left_len,
				   hscroll, attr);
		iui_put(ui, y, half + 2, 1, "|", 0, A_NORMAL);
		if (row->right)
			draw_value(ui, y, half + 3, COLS - half - 3, row->right,
				   row->right_len, hscroll, attr);
	} else if (row->left) {
		draw_value(ui, y, 2, COLS - 2, row->left, row->left_len,
			   hscroll, attr);
	} else if (row->right) {
		draw_value(ui, y, 2, COLS - 2, row->right, row->right_len,
			   hscroll, attr);
	}
}

static void draw_status(const struct ui *ui, const struct pair_view *pv,
			const struct vc_rows *r, enum vc_layout layout,
			const char *msg)
{
	static const struct keymap_hint resolve[] = {
		{KA_KEEP_COPY, "keep copy's value"},
		{KA_KEEP_KEY, "keep key's value"},
	};
	const struct keymap_hint more[] = {
		{KA_TOGGLE_DIFF,
		 layout == VC_SIDE_BY_SIDE ? "diff" : "side by side"},
		{KA_NEXT_DIFF, "next diff"}, {KA_HELP, "help"},
		{KA_CLOSE, "back"},
	};
	char head[256], tail[256];
	head[0] = '\0';
	if (pv->view == KV_RESOLVE)
		keymap_hints(ui->keys, pv->view, resolve, 2, head, sizeof head);
	keymap_hints(ui->keys, pv->view, more, 4, tail, sizeof tail);
	char hints[600];
	snprintf(hints, sizeof hints, "%s%s%zu rows differ%s  %s", head,
		 head[0] ? "  " : "", r->ndiff, r->binary ? " (hex)" : "",
		 tail);
	if (msg != NULL && msg[0] != '\0')
		iui_put(ui, LINES - 1, 0, COLS, msg, 0,
			ui_attr(ui, THEME_MESSAGE));
	else
		ui_line(ui, LINES - 1, hints, A_NORMAL);
}

static void draw_pair(const struct ui *ui, const struct pair_view *pv,
		      const struct vc_rows *r, enum vc_layout layout,
		      size_t top, size_t hscroll, const char *msg)
{
	erase();
	char *t = textsafe_name_str(pv->title);
	ui_bar(ui, 0, t ? t : "?");
	free(t);
	int half = (COLS - 3) / 2;
	if (layout == VC_SIDE_BY_SIDE) {
		draw_label(ui, 1, 2, half, '<', pv->left_label, pv->a_missing);
		draw_label(ui, 1, half + 3, COLS - half - 3, '>',
			   pv->right_label, pv->b_missing);
	} else {
		draw_label(ui, 1, 0, COLS / 2, '-', pv->left_label,
			   pv->a_missing);
		draw_label(ui, 1, COLS / 2, COLS - COLS / 2, '+',
			   pv->right_label, pv->b_missing);
	}
	int rows = LINES - 3;
	for (int y = 0; y < rows && top + (size_t)y < r->n; y++)
		draw_row(ui, 2 + y, &r->v[top + (size_t)y], layout, hscroll);
	if (r->n == 0)
		iui_put(ui, 2, 2, COLS - 2, "(both values are empty)", 0,
			A_NORMAL);
	draw_status(ui, pv, r, layout, msg);
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

/* The screen's position: what is shown from where. */
struct pair_pos {
	enum vc_layout layout;
	size_t top, hscroll;
};

/* Switch between side by side and the unified diff. 0 or ENOMEM. */
static int toggle_layout(const struct pair_view *pv, struct vc_rows *r,
			 struct pair_pos *p)
{
	struct vc_rows other;
	enum vc_layout next = p->layout == VC_SIDE_BY_SIDE ? VC_UNIFIED
							   : VC_SIDE_BY_SIDE;
	if (value_compare(pv->a ? pv->a : "", pv->alen, pv->b ? pv->b : "",
			  pv->blen, next, &other) != 0)
		return ENOMEM;
	vc_rows_free(r);
	*r = other;
	p->layout = next;
	p->top = 0;
	return 0;
}

/* A motion action on the rows shown; non-zero if `a` was one. */
static int pair_move(const struct vc_rows *r, struct pair_pos *p,
		enum keymap_action a, size_t page)
{
	switch (a) {
	case KA_DOWN: p->top++; break;
	case KA_UP: p->top = p->top ? p->top - 1 : 0; break;
	case KA_PAGE_DOWN: p->top += page; break;
	case KA_PAGE_UP: p->top = p->top > page ? p->top - page : 0; break;
	case KA_HALF_PAGE_DOWN: p->top += page / 2; break;
	case KA_HALF_PAGE_UP:
		p->top = p->top > page / 2 ? p->top - page / 2 : 0;
		break;
	case KA_FIRST: p->top = 0; break;
	case KA_LAST: p->top = r->n; break;
	case KA_SCROLL_RIGHT: p->hscroll += 8; break;
	case KA_SCROLL_LEFT:
		p->hscroll = p->hscroll > 8 ? p->hscroll - 8 : 0;
		break;
	case KA_NEXT_DIFF: p->top = next_diff(r, p->top + 1, 1, p->top); break;
	case KA_PREV_DIFF:
		p->top = p->top ? next_diff(r, p->top - 1, -1, p->top) : 0;
		break;
	default: return 0;
	}
	return 1;
}

int pair_view_run(const struct ui *ui, const struct pair_view *pv,
		  enum keymap_action *picked)
{
	struct pair_pos p = {VC_SIDE_BY_SIDE, 0, 0};
	struct vc_rows r;
	const char *msg = pv->message;
	int err = 0;
	*picked = KA_NONE;
	if (value_compare(pv->a ? pv->a : "", pv->alen, pv->b ? pv->b : "",
			  pv->blen, p.layout, &r) != 0)
		return ENOMEM;
	for (;;) {
		size_t page = LINES > 4 ? (size_t)(LINES - 3) : 1;
		if (p.top + page > r.n)
			p.top = r.n > page ? r.n - page : 0;
		draw_pair(ui, pv, &r, p.layout, p.top, p.hscroll, msg);
		msg = NULL;
		enum keymap_action a = ui_action(ui, pv->view, ui_key(ui, -1));
		if (a == KA_CLOSE)
			break;
		if (pv->view == KV_RESOLVE &&
		    (a == KA_KEEP_COPY || a == KA_KEEP_KEY)) {
			*picked = a;
			break;
		}
		if (pair_move(&r, &p, a, page))
			continue;
		if (a == KA_TOGGLE_DIFF && (err = toggle_layout(pv, &r, &p)))
			break;
		if (a == KA_HELP)
			iui_help(ui, pv->view, pv->view == KV_RESOLVE
				 ? " Conflict copy keys" : " Compare keys");
		if (a == KA_REDRAW)
			clearok(curscr, TRUE);
	}
	vc_rows_free(&r);
	clear();
	return err;
}
