/* SPDX-License-Identifier: MIT */
/*
 * test_table_list.c - the tables pane's model (cursor across re-reads) and
 * the screen layout (nothing overlaps or leaves the screen at any size),
 * plus the short human forms of the columns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browser/fmt.h"
#include "browser/layout.h"
#include "browser/table_list.h"

static char **names_of(const char *const *list, size_t n)
{
	char **v = malloc(n * sizeof *v);
	assert_non_null(v);
	for (size_t i = 0; i < n; i++)
		v[i] = strdup(list[i]);
	return v;
}

static void test_cursor_across_reread(void **state)
{
	(void)state;
	struct table_list tl;
	table_list_init(&tl);
	assert_null(table_list_current(&tl));
	const char *a[] = {"", "sessions", "users", "users/archive"};
	assert_int_equal(table_list_set(&tl, names_of(a, 4), 4), 1);
	assert_string_equal(table_list_current(&tl), "");
	assert_string_equal(table_list_display(""), "(root)");
	assert_true(table_list_move(&tl, 2));
	assert_string_equal(table_list_current(&tl), "users");
	/* a table appears before it: the cursor stays on users */
	const char *b[] = {"", "aaa", "sessions", "users", "users/archive"};
	assert_int_equal(table_list_set(&tl, names_of(b, 5), 5), 0);
	assert_string_equal(table_list_current(&tl), "users");
	/* users goes: the next table */
	const char *c[] = {"", "aaa", "sessions", "users/archive"};
	assert_int_equal(table_list_set(&tl, names_of(c, 4), 4), 1);
	assert_string_equal(table_list_current(&tl), "users/archive");
	/* the last goes: the new last */
	const char *d[] = {"", "aaa"};
	assert_int_equal(table_list_set(&tl, names_of(d, 2), 2), 1);
	assert_string_equal(table_list_current(&tl), "aaa");
	assert_int_equal(table_list_find(&tl, "aaa"), 1);
	assert_int_equal(table_list_find(&tl, "zzz"), (size_t)-1);
	assert_false(table_list_move(&tl, 5));
	table_list_done(&tl);
}

/* The tree: folders for paths above tables, tree order, folding, the
 * filter's flat list, the cursor across re-reads. */
static void test_tree(void **state)
{
	(void)state;
	struct table_list tl;
	struct table_row row;
	table_list_init(&tl);
	/* bytewise "a.b" < "a/b"; in the tree a's children follow a */
	const char *a[] = {"", "a", "a.b", "a/b", "a/b/c", "x/y"};
	assert_int_equal(table_list_set(&tl, names_of(a, 6), 6), 1);
	const char *want[] = {"", "a", "a/b", "a/b/c", "a.b", "x", "x/y"};
	const char *label[] = {"(root)", "a", "b", "c", "a.b", "x", "y"};
	assert_int_equal(table_list_rows(&tl), 7);
	for (size_t r = 0; r < 7; r++) {
		assert_int_equal(table_list_row(&tl, r, &row), 0);
		assert_string_equal(row.path, want[r]);
		assert_string_equal(row.label, label[r]);
	}
	assert_int_equal(table_list_row(&tl, 5, &row), 0);
	assert_false(row.is_table); /* x: a folder */
	assert_true(row.has_children);
	assert_int_equal(table_list_row(&tl, 3, &row), 0);
	assert_int_equal(row.depth, 2);
	assert_int_equal(table_list_tables(&tl), 6);
	/* on a folder nothing is current */
	assert_true(table_list_move(&tl, 5));
	assert_null(table_list_current(&tl));
	/* collapse a: its rows go; the cursor stays on a */
	assert_true(table_list_set_cursor(&tl, 1));
	assert_int_equal(table_list_toggle(&tl), 1);
	assert_int_equal(table_list_rows(&tl), 5);
	assert_string_equal(table_list_current(&tl), "a");
	/* collapse on a collapsed branch or a leaf: to the parent */
	assert_int_equal(table_list_collapse(&tl), 0);
	assert_int_equal(table_list_expand(&tl), 1);
	assert_true(table_list_set_cursor(&tl, 3)); /* a/b/c */
	assert_int_equal(table_list_collapse(&tl), 1);
	assert_string_equal(table_list_current(&tl), "a/b");
	assert_int_equal(table_list_collapse(&tl), 1); /* folds a/b */
	assert_int_equal(table_list_rows(&tl), 6);
	/* a re-read keeps the folds and the cursor */
	const char *b[] = {"", "a", "a.b", "a/b", "a/b/c", "a/b/d", "x/y"};
	assert_int_equal(table_list_set(&tl, names_of(b, 7), 7), 0);
	assert_int_equal(table_list_rows(&tl), 6);
	assert_string_equal(table_list_current(&tl), "a/b");
	/* goto a hidden table unfolds what hides it */
	assert_int_equal(table_list_goto(&tl, "a/b/d"), 0);
	assert_string_equal(table_list_current(&tl), "a/b/d");
	assert_int_equal(table_list_goto(&tl, "nope"), -1);
	assert_int_equal(table_list_expand_all(&tl, 0), 1);
	assert_int_equal(table_list_rows(&tl), 4); /* (root) a a.b x */
	assert_string_equal(table_list_current(&tl), "a");
	assert_int_equal(table_list_expand_all(&tl, 1), 1);
	assert_int_equal(table_list_rows(&tl), 8);
	table_list_done(&tl);
}

static void test_tree_filter(void **state)
{
	(void)state;
	struct table_list tl;
	struct table_row row;
	table_list_init(&tl);
	const char *a[] = {"", "Logs/2024", "logs/2025", "users",
			   "users/archive"};
	table_list_set(&tl, names_of(a, 5), 5);
	assert_true(table_list_set_cursor(&tl, 5)); /* users/archive */
	assert_int_equal(table_list_set_filter(&tl, "ar"), 0);
	assert_string_equal(table_list_filter(&tl), "ar");
	assert_int_equal(table_list_rows(&tl), 1);
	assert_int_equal(table_list_row(&tl, 0, &row), 0);
	assert_string_equal(row.label, "users/archive"); /* the full path */
	assert_int_equal(row.depth, 0);
	assert_false(row.has_children);
	assert_string_equal(table_list_current(&tl), "users/archive");
	/* smart case */
	table_list_set_filter(&tl, "logs");
	assert_int_equal(table_list_rows(&tl), 2);
	table_list_set_filter(&tl, "Logs");
	assert_int_equal(table_list_rows(&tl), 1);
	table_list_set_filter(&tl, "root");
	assert_int_equal(table_list_rows(&tl), 1);
	assert_string_equal(table_list_current(&tl), "");
	/* folding is off while filtering */
	assert_int_equal(table_list_toggle(&tl), 0);
	/* goto a table the filter hides drops the filter */
	assert_int_equal(table_list_goto(&tl, "users"), 0);
	assert_string_equal(table_list_filter(&tl), "");
	assert_int_equal(table_list_rows(&tl), 7);
	table_list_done(&tl);
}

static void test_table_scroll(void **state)
{
	(void)state;
	struct table_list tl;
	table_list_init(&tl);
	char **v = malloc(50 * sizeof *v);
	for (int i = 0; i < 50; i++) {
		v[i] = malloc(8);
		snprintf(v[i], 8, "t%02d", i);
	}
	table_list_set(&tl, v, 50);
	table_list_move(&tl, 30);
	assert_int_equal(table_list_scroll(&tl, 10), 21);
	table_list_move(&tl, -30);
	assert_int_equal(table_list_scroll(&tl, 10), 0);
	table_list_done(&tl);
}

static void check_layout_with(int cols, int rows, enum layout_pane focus,
			      const struct layout_prefs *prefs)
{
	struct layout l;
	layout_compute(cols, rows, focus, prefs, &l);
	struct ui_rect all[PANE_COUNT + 1];
	for (int p = 0; p < PANE_COUNT; p++)
		all[p] = l.pane[p];
	all[PANE_COUNT] = l.status;
	for (int i = 0; i <= PANE_COUNT; i++) {
		const struct ui_rect *r = &all[i];
		if (r->w <= 0 || r->h <= 0)
			continue;
		assert_true(r->x >= 0 && r->y >= 0);
		assert_true(r->x + r->w <= cols);
		assert_true(r->y + r->h <= rows);
		if (i < PANE_COUNT)
			assert_true(r->w >= 3 && r->h >= 3);
		for (int j = i + 1; j <= PANE_COUNT; j++) {
			const struct ui_rect *s = &all[j];
			if (s->w <= 0 || s->h <= 0)
				continue;
			int overlap = r->x < s->x + s->w && s->x < r->x + r->w &&
				      r->y < s->y + s->h && s->y < r->y + r->h;
			assert_false(overlap);
		}
	}
	if (rows >= 4 && cols >= 3)
		assert_true(l.pane[focus].w > 0);
}

static void check_layout(int cols, int rows, enum layout_pane focus)
{
	static const struct layout_prefs prefs[] = {
		{0, 0}, {1, 0}, {60, 0}, {500, 0}, {0, 1}, {40, 1},
	};
	check_layout_with(cols, rows, focus, NULL);
	for (size_t i = 0; i < sizeof prefs / sizeof prefs[0]; i++)
		check_layout_with(cols, rows, focus, &prefs[i]);
}

static void test_layout_every_size(void **state)
{
	(void)state;
	for (int cols = 0; cols <= 220; cols++)
		for (int rows = 0; rows <= 60; rows++)
			for (int f = 0; f < PANE_COUNT; f++)
				check_layout(cols, rows, (enum layout_pane)f);
}

static void test_layout_shapes(void **state)
{
	(void)state;
	struct layout l;
	/* zoom: the focused pane alone; a wider tables pane */
	struct layout_prefs zoom = {0, 1}, wide = {50, 0};
	layout_compute(120, 30, PANE_TABLES, &zoom, &l);
	assert_int_equal(l.pane[PANE_TABLES].w, 120);
	assert_int_equal(l.pane[PANE_KEYS].w, 0);
	layout_compute(120, 30, PANE_KEYS, &wide, &l);
	assert_int_equal(l.pane[PANE_TABLES].w, 50);
	assert_true(l.pane[PANE_PREVIEW].w >= 20);
	assert_int_equal(layout_tables_w(120, &wide), 50);
	assert_int_equal(layout_tables_w(120, NULL), 21);
	wide.tables_w = 1000; /* the other panes keep 40 columns */
	assert_int_equal(layout_tables_w(120, &wide), 80);
	layout_compute(120, 30, PANE_KEYS, NULL, &l);
	for (int p = 0; p < PANE_COUNT; p++)
		assert_true(l.pane[p].w > 0);
	assert_int_equal(l.status.y, 29);
	layout_compute(40, 10, PANE_KEYS, NULL, &l);
	assert_true(l.pane[PANE_KEYS].w == 40);
	assert_int_equal(l.pane[PANE_TABLES].w, 0);
	assert_int_equal(layout_pane_at(&l, 3, 5), PANE_KEYS);
	assert_int_equal(layout_pane_at(&l, 9, 5), -1);
	layout_compute(70, 20, PANE_TABLES, NULL, &l);
	assert_true(l.pane[PANE_TABLES].w > 0 && l.pane[PANE_KEYS].w > 0);
	assert_int_equal(l.pane[PANE_PREVIEW].w, 0);
}

static void test_fmt(void **state)
{
	char b[32];
	(void)state;
	fmt_size(0, b, sizeof b);
	assert_string_equal(b, "0 B");
	fmt_size(312, b, sizeof b);
	assert_string_equal(b, "312 B");
	fmt_size(1536, b, sizeof b);
	assert_string_equal(b, "1.5K");
	fmt_size(3 * 1024 * 1024 + 1, b, sizeof b);
	assert_string_equal(b, "3.0M");
	fmt_size(45 * 1024, b, sizeof b);
	assert_string_equal(b, "45K");
	fmt_age(1000, 1000, b, sizeof b);
	assert_string_equal(b, "now");
	fmt_age(1000, 1042, b, sizeof b);
	assert_string_equal(b, "42s");
	fmt_age(0, 7200, b, sizeof b);
	assert_string_equal(b, "2h");
	fmt_age(0, 86400 * 3, b, sizeof b);
	assert_string_equal(b, "3d");
	fmt_age(100, 50, b, sizeof b);
	assert_string_equal(b, "future");
	fmt_count(1204, b, sizeof b);
	assert_string_equal(b, "1,204");
	fmt_count(1000000, b, sizeof b);
	assert_string_equal(b, "1,000,000");
	fmt_count(7, b, sizeof b);
	assert_string_equal(b, "7");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor_across_reread),
		cmocka_unit_test(test_table_scroll),
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_tree_filter),
		cmocka_unit_test(test_layout_every_size),
		cmocka_unit_test(test_layout_shapes),
		cmocka_unit_test(test_fmt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
