/* SPDX-License-Identifier: MIT */
/*
 * view_keys.c - the keys pane: name, mark, size and age of the rows on
 * screen (their facts are fetched here, for these rows only). Model: the
 * shown table (struct browser_table).
 */
#include "browser/browser_ctl.h"
#include "browser/fmt.h"
#include "browser/pane.h"
#include "common/textsafe.h"
#include "ui/draw.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <time.h>

/* The one-character mark of a row, most important first: the user's
 * own pick before what the disk says (the details popup says the rest). */
static char row_mark(const struct key_list_row *row)
{
	if (row->marks & KL_MARK_SELECTED)
		return '*';
	if (row->marks & KL_MARK_LOCK_EX)
		return 'X';
	if (row->marks & KL_MARK_LOCK_SH)
		return 'L';
	if (row->marks & KL_MARK_CONFLICT)
		return '!';
	if (row->marks & KL_MARK_GONE)
		return '?';
	if (row->marks & (KL_MARK_TEMP | KL_MARK_STALE))
		return '~';
	if (row->marks & KL_MARK_SUSPECT)
		return '%';
	if (row->marks & KL_MARK_BACKUP)
		return '<';
	if (row->marks & KL_MARK_NOTREG)
		return '@';
	if (row->marks & KL_MARK_STRAY)
		return '.';
	return ' ';
}

static void keys_title(const struct browser_table *bt, char *title,
		       size_t size, char *right, size_t rsize)
{
	char count[32], total[80];
	const char *t = bt->name ? table_list_display(bt->name) : "";
	int utf8 = textsafe_locale() != 0;
	static const char *const sort_names[] = {"name", "size", "time",
						 "natural"};

	if (bt->keys == NULL) {
		snprintf(title, size, "Keys: %s", t);
		right[0] = '\0';
		return;
	}
	uint32_t files = key_list_count_files(bt->keys);
	fmt_count(key_list_count(bt->keys) - files, total, sizeof total);
	fmt_count(key_list_rows(bt->keys), count, sizeof count);
	if (files > 0) { /* leftovers are rows, never keys */
		char f[32];
		fmt_count(files, f, sizeof f);
		size_t tl = strlen(total);
		snprintf(total + tl, sizeof total - tl, " + %s file%s", f,
			 files == 1 ? "" : "s");
	}
	size_t picked = key_list_selected(bt->keys);
	if (picked > 0) { /* the picks count too: they are what acts */
		char pk[32];
		size_t tl = strlen(total);
		fmt_count(picked, pk, sizeof pk);
		snprintf(total + tl, sizeof total - tl, ", %s picked", pk);
	}
	if (bt->loader != NULL) {
		fmt_count(table_loader_seen(bt->loader), total, sizeof total);
		snprintf(title, size, "Keys: %s (loading %s...)", t, total);
	} else if (key_list_filter(bt->keys)[0] != '\0')
		snprintf(title, size, "Keys: %s (%s of %s)", t, count, total);
	else
		snprintf(title, size, "Keys: %s (%s)", t, total);
	int desc;
	enum key_list_sort s = key_list_sort(bt->keys, &desc);
	uint32_t pending = key_list_sort_pending(bt->keys);
	if (pending > 0)
		snprintf(right, rsize, "sorting...");
	else
		snprintf(right, rsize, "%s %s", sort_names[s],
			 utf8 ? (desc ? "\xe2\x96\xbc" : "\xe2\x96\xb2")
			      : (desc ? "v" : "^"));
}

/* The columns of a row: name | [compare mark] mark | size(6) | age(6),
 * dropping from the right as the pane narrows. */
struct keys_cols {
	int w, name_w, cmp_w, show_size, show_age;
};

static struct keys_cols keys_cols(int w, int compare)
{
	struct keys_cols k = {w, 0, compare ? 1 : 0, w >= 20, w >= 30};
	k.name_w = w - (2 + k.cmp_w + (k.show_size ? 7 : 0) +
			(k.show_age ? 7 : 0));
	return k;
}

/* A fact column (size or age) of `row`, blank when unknown. */
static void fact(int y, int x, const struct key_list_row *row, int size,
		 time_t now, attr_t a)
{
	char buf[16] = "";
	if (row->have_stat && !(row->marks & KL_MARK_GONE)) {
		if (size)
			fmt_size(row->size, buf, sizeof buf);
		else
			fmt_age((time_t)row->mtime, now, buf, sizeof buf);
	}
	attron(a);
	mvprintw(y, x, "%6s", buf);
	attroff(a);
}

/* The search's match in the name drawn at (y, x) in `cols` columns, in
 * the match colour over the name as drawn. */
static void draw_match(const struct ui *ui, const struct key_list *kl,
		       const struct key_list_row *row, int y, int x, int cols)
{
	size_t s, e;
	if (!key_list_search_span(kl, row->name, row->name_len, &s, &e) ||
	    e <= s)
		return;
	int c0 = ui_width(row->name, s, 0, cols);
	int c1 = ui_width(row->name, e, 0, cols);
	if (c0 >= cols)
		return;
	attr_t m = ui_attr(ui, THEME_MATCH);
	if (c1 >= cols) /* runs into the cut: ends in the same ellipsis */
		ui_text(ui, y, x + c0, row->name + s, row->name_len - s,
			cols - c0, m);
	else
		ui_text(ui, y, x + c0, row->name + s, e - s, c1 - c0, m);
}

static void draw_row(const struct ui *ui, const struct key_list *kl,
		     const struct keys_cols *k, int y, int x,
		     const struct key_list_row *row, attr_t a, time_t now)
{
	if (a != A_NORMAL)
		ui_fill(y, x, k->w, a);
	attr_t na = a;
	if (row->marks & KL_MARK_SELECTED)
		na = (a != A_NORMAL ? a | A_BOLD : ui_attr(ui, THEME_SELECTED));
	ui_text(ui, y, x, row->name, row->name_len, k->name_w, na);
	draw_match(ui, kl, row, y, x, k->name_w);
	if (k->cmp_w) {
		char cm[2] = {compare_mark_char(row->marks), '\0'};
		attr_t ca = a | ui_attr(ui, cm[0] == '=' ? THEME_DIM
							 : THEME_MARK);
		ui_text(ui, y, x + k->name_w + 1, cm, 1, 1, ca);
	}
	char mark[2] = {row_mark(row), '\0'};
	attr_t ma = mark[0] == ' ' ? a : (a | ui_attr(ui, THEME_MARK));
	if (mark[0] == '*')
		ma = a != A_NORMAL ? a | A_BOLD : ui_attr(ui, THEME_SELECTED);
	if (mark[0] == '~' && (row->marks & KL_MARK_STALE))
		ma = a | ui_attr(ui, THEME_STALE);
	ui_text(ui, y, x + k->name_w + 1 + k->cmp_w, mark, 1, 1, ma);
	int cx = x + k->name_w + 2 + k->cmp_w;
	if (k->show_size) {
		fact(y, cx, row, 1, now, a);
		cx += 7;
	}
	if (k->show_age)
		fact(y, cx, row, 0, now, a);
}

/* Nothing to list: why, or false when there are rows. */
static int draw_empty(const struct browser_table *bt, const struct ui *ui,
		      const struct ui_rect *r, int w)
{
	if (bt->error != NULL) {
		ui_text(ui, r->y + 1, r->x + 1, bt->error, strlen(bt->error),
			w, ui_attr(ui, THEME_ERROR));
		return 1;
	}
	if (bt->keys == NULL)
		return 1;
	if (key_list_rows(bt->keys) != 0)
		return 0;
	const char *empty = bt->loader != NULL ? "loading..."
			    : key_list_filter(bt->keys)[0]
				    ? "no key matches the filter"
				    : "no keys";
	ui_text(ui, r->y + 1, r->x + 1, empty, strlen(empty), w,
		ui_attr(ui, THEME_DIM));
	return 1;
}

static void keys_draw(void *model, const struct ui_rect *r, int focused,
		      const struct ui *ui)
{
	struct browser_table *bt = model;
	char title[512], right[64];
	int inner = r->h - 2, w = r->w - 2;
	time_t now = time(NULL);

	keys_title(bt, title, sizeof title, right, sizeof right);
	ui_frame(ui, r, title, right, focused);
	if (inner <= 0 || w <= 0 || draw_empty(bt, ui, r, w))
		return;
	uint32_t top = key_list_scroll(bt->keys, (uint32_t)inner);
	key_list_fetch(bt->keys, top, (uint32_t)inner);
	struct keys_cols k = keys_cols(w, bt->compare);
	attr_t cursor = ui_attr(ui, focused ? THEME_CURSOR : THEME_CURSOR_OTHER);
	for (int i = 0; i < inner; i++) {
		struct key_list_row row;
		uint32_t rr = top + (uint32_t)i;
		if (key_list_row(bt->keys, rr, &row) != 0)
			break;
		draw_row(ui, bt->keys, &k, r->y + 1 + i, r->x + 1, &row,
			 rr == key_list_cursor(bt->keys) ? cursor : A_NORMAL,
			 now);
	}
}

/* n/N: the next match of the search, or else the next row of what the
 * filter shows (wrapping round). */
static enum pane_result next_match(struct key_list *kl, int backward)
{
	uint32_t n = key_list_rows(kl);
	if (key_list_search(kl)[0] != '\0')
		return key_list_search_next(kl, backward, 0) ? PANE_DONE
							     : PANE_NOT_FOUND;
	if (n == 0)
		return PANE_DONE;
	uint32_t c = key_list_cursor(kl);
	key_list_set_cursor(kl, backward ? (c + n - 1) % n : (c + 1) % n);
	return PANE_DONE;
}

static enum pane_result keys_handle(void *model, enum keymap_action action,
				    const struct ui_rect *r)
{
	struct browser_table *bt = model;
	struct key_list *kl = bt->keys;
	long page = r->h - 2 > 1 ? r->h - 3 : 1;

	if (kl == NULL)
		return action == KA_PANE_LEFT ? PANE_FOCUS_PREV : PANE_PASS;
	switch (action) {
	case KA_UP: key_list_move(kl, -1); break;
	case KA_DOWN: key_list_move(kl, 1); break;
	case KA_PAGE_UP: key_list_move(kl, -page); break;
	case KA_PAGE_DOWN: key_list_move(kl, page); break;
	case KA_HALF_PAGE_UP: key_list_move(kl, -(page + 1) / 2); break;
	case KA_HALF_PAGE_DOWN: key_list_move(kl, (page + 1) / 2); break;
	case KA_FIRST: key_list_set_cursor(kl, 0); break;
	case KA_LAST: key_list_set_cursor(kl, UINT32_MAX); break;
	case KA_PANE_LEFT: return PANE_FOCUS_PREV;
	case KA_PANE_RIGHT: return PANE_FOCUS_NEXT;
	case KA_NEXT_MATCH:
	case KA_PREV_MATCH:
		return next_match(kl, action == KA_PREV_MATCH);
	case KA_SELECT:
		/* a leftover file is passed over, as nnn and ranger do */
		if (key_list_select_row(kl, key_list_cursor(kl), -1, NULL) ==
		    ENOMEM)
			return PANE_PASS;
		key_list_move(kl, 1);
		break;
	case KA_SELECT_INVERT: key_list_select_invert(kl); break;
	case KA_SELECT_SHOWN: key_list_select_shown(kl, 1); break;
	case KA_SELECT_NONE: key_list_select_none(kl); break;
	default:
		return PANE_PASS;
	}
	return PANE_DONE;
}

static enum pane_result keys_mouse(void *model, const struct ui_rect *r,
				   int y, int wheel)
{
	struct browser_table *bt = model;
	if (bt->keys == NULL)
		return PANE_DONE;
	uint32_t inner = r->h > 2 ? (uint32_t)(r->h - 2) : 1;
	uint32_t top = key_list_scroll(bt->keys, inner);
	if (wheel != 0)
		key_list_set_top(bt->keys, (long)top + wheel, inner);
	else if (y >= 0 && (uint32_t)y < inner &&
		 top + (uint32_t)y < key_list_rows(bt->keys))
		key_list_set_cursor(bt->keys, top + (uint32_t)y);
	return PANE_DONE;
}

const struct pane_view pane_keys = {
	.name = "keys",
	.keymap = KV_KEYS,
	.draw = keys_draw,
	.handle = keys_handle,
	.mouse = keys_mouse,
};
