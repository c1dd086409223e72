/*
 * view_keys.c - the keys pane: name, mark, size and age of the rows on
 * screen (their facts are fetched here, for these rows only).
 */
#include "browser/browser_app.h"
#include "browser/fmt.h"
#include "browser/ui.h"
#include "common/textsafe.h"

#include <dirent.h>
#include <string.h>
#include <time.h>

/* The one-character mark of a row, most important first. */
static char row_mark(const struct key_list_row *row)
{
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
	if (row->marks & KL_MARK_SELECTED)
		return '*';
	return ' ';
}

static void keys_title(struct browser *b, char *title, size_t size,
		       char *right, size_t rsize)
{
	char count[32], total[80];
	const char *t = b->table_name ? table_list_display(b->table_name) : "";
	int utf8 = textsafe_locale() != 0;
	static const char *const sort_names[] = {"name", "size", "time"};

	if (b->keys == NULL) {
		snprintf(title, size, "Keys: %s", t);
		right[0] = '\0';
		return;
	}
	uint32_t files = key_list_count_files(b->keys);
	fmt_count(key_list_count(b->keys) - files, total, sizeof total);
	fmt_count(key_list_rows(b->keys), count, sizeof count);
	if (files > 0) { /* leftovers are rows, never keys */
		char f[32];
		fmt_count(files, f, sizeof f);
		size_t tl = strlen(total);
		snprintf(total + tl, sizeof total - tl, " + %s file%s", f,
			 files == 1 ? "" : "s");
	}
	if (b->loader != NULL)
	{
		fmt_count(table_loader_seen(b->loader), total, sizeof total);
		snprintf(title, size, "Keys: %s (loading %s...)", t, total);
	}
	else if (key_list_filter(b->keys)[0] != '\0')
		snprintf(title, size, "Keys: %s (%s of %s)", t, count, total);
	else
		snprintf(title, size, "Keys: %s (%s)", t, total);
	int desc;
	enum key_list_sort s = key_list_sort(b->keys, &desc);
	uint32_t pending = key_list_sort_pending(b->keys);
	if (pending > 0)
		snprintf(right, rsize, "sorting...");
	else
		snprintf(right, rsize, "%s %s", sort_names[s],
			 utf8 ? (desc ? "\xe2\x96\xbc" : "\xe2\x96\xb2")
			      : (desc ? "v" : "^"));
}

static void keys_draw(struct browser *b, const struct layout_rect *r,
		      int focused)
{
	char title[512], right[64];
	int inner = r->h - 2, w = r->w - 2;
	time_t now = time(NULL);

	keys_title(b, title, sizeof title, right, sizeof right);
	ui_frame(r, title, right, focused);
	if (inner <= 0 || w <= 0)
		return;
	if (b->table_error != NULL) {
		ui_text(r->y + 1, r->x + 1, b->table_error,
			strlen(b->table_error), w, ui_attr(UI_ERROR));
		return;
	}
	if (b->keys == NULL)
		return;
	if (key_list_rows(b->keys) == 0) {
		const char *empty = b->loader != NULL ? "loading..."
				    : key_list_filter(b->keys)[0]
					    ? "no key matches the filter"
					    : "no keys";
		ui_text(r->y + 1, r->x + 1, empty, strlen(empty), w,
			ui_attr(UI_DIM));
		return;
	}
	uint32_t top = key_list_scroll(b->keys, (uint32_t)inner);
	key_list_fetch(b->keys, top, (uint32_t)inner);
	/* columns: name | [compare mark] mark | size(6) | age(6), dropping
	 * from the right */
	int show_age = w >= 30, show_size = w >= 20;
	int cmp_w = b->cmp_db != NULL ? 1 : 0;
	int right_w = 2 + cmp_w + (show_size ? 7 : 0) + (show_age ? 7 : 0);
	int name_w = w - right_w;
	for (int i = 0; i < inner; i++) {
		struct key_list_row row;
		uint32_t rr = top + (uint32_t)i;
		if (key_list_row(b->keys, rr, &row) != 0)
			break;
		int y = r->y + 1 + i, x = r->x + 1;
		attr_t a = A_NORMAL;
		if (rr == key_list_cursor(b->keys))
			a = ui_attr(focused ? UI_CURSOR : UI_CURSOR_DIM);
		if (a != A_NORMAL)
			ui_fill(y, x, w, a);
		ui_text(y, x, row.name, row.name_len, name_w, a);
		if (cmp_w) {
			char cm[2] = {compare_mark_char(row.marks), '\0'};
			attr_t ca = cm[0] == '=' ? a | ui_attr(UI_DIM)
				    : a | ui_attr(UI_MARK);
			ui_text(y, x + name_w + 1, cm, 1, 1, ca);
		}
		char mark[2] = {row_mark(&row), '\0'};
		attr_t ma = mark[0] == ' ' ? a : (a | ui_attr(UI_MARK));
		if (mark[0] == '~' && (row.marks & KL_MARK_STALE))
			ma = a | ui_attr(UI_ERROR);
		ui_text(y, x + name_w + 1 + cmp_w, mark, 1, 1, ma);
		char buf[16];
		int cx = x + name_w + 2 + cmp_w;
		if (show_size) {
			if (row.have_stat && !(row.marks & KL_MARK_GONE))
				fmt_size(row.size, buf, sizeof buf);
			else
				buf[0] = '\0';
			attron(a);
			mvprintw(y, cx, "%6s", buf);
			attroff(a);
			cx += 7;
		}
		if (show_age) {
			if (row.have_stat && !(row.marks & KL_MARK_GONE))
				fmt_age((time_t)row.mtime, now, buf, sizeof buf);
			else
				buf[0] = '\0';
			attron(a);
			mvprintw(y, cx, "%6s", buf);
			attroff(a);
		}
	}
}

static int keys_handle(struct browser *b, enum keymap_action action)
{
	int inner = b->layout.pane[PANE_KEYS].h - 2;
	long page = inner > 1 ? inner - 1 : 1;

	if (b->keys == NULL)
		return 0;
	switch (action) {
	case KM_UP: key_list_move(b->keys, -1); break;
	case KM_DOWN: key_list_move(b->keys, 1); break;
	case KM_PAGE_UP: key_list_move(b->keys, -page); break;
	case KM_PAGE_DOWN: key_list_move(b->keys, page); break;
	case KM_HOME: key_list_set_cursor(b->keys, 0); break;
	case KM_END: key_list_set_cursor(b->keys, UINT32_MAX); break;
	case KM_LEFT: b->focus = PANE_TABLES; break;
	case KM_RIGHT: b->focus = PANE_PREVIEW; break;
	case KM_NEXT_MATCH:
	case KM_PREV_MATCH: {
		uint32_t n = key_list_rows(b->keys);
		if (n == 0)
			break;
		uint32_t c = key_list_cursor(b->keys);
		key_list_set_cursor(b->keys, action == KM_NEXT_MATCH
					 ? (c + 1) % n : (c + n - 1) % n);
		break;
	}
	default:
		return 0;
	}
	b->dirty = 1;
	return 1;
}

static void keys_mouse(struct browser *b, const struct layout_rect *r, int y,
		       int wheel)
{
	if (b->keys == NULL)
		return;
	uint32_t inner = r->h > 2 ? (uint32_t)(r->h - 2) : 1;
	uint32_t top = key_list_scroll(b->keys, inner);
	if (wheel != 0)
		key_list_set_top(b->keys, (long)top + wheel, inner);
	else if (y >= 0 && (uint32_t)y < inner &&
		 top + (uint32_t)y < key_list_rows(b->keys))
		key_list_set_cursor(b->keys, top + (uint32_t)y);
	b->dirty = 1;
}

const struct view view_keys = {
	.name = "keys",
	.draw = keys_draw,
	.handle = keys_handle,
	.mouse = keys_mouse,
};
