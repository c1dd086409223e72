/* SPDX-License-Identifier: MIT */
/*
 * test_preview.c - the value pane's model: text or hex by content, the
 * toggle, wrapped rows that never exceed the width, scrolling bounds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browser/preview.h"
#include "common/textsafe.h"
#include "common/utf8.h"

static void set_value(struct preview *p, const char *v, size_t len)
{
	preview_clear(p);
	p->name = strdup("k");
	p->data = malloc(len ? len : 1);
	memcpy(p->data, v, len);
	p->len = len;
	p->file_size = len;
	p->is_text = utf8_is_text(v, len);
}

struct rows {
	int n;
	char text[32][256]; /* each row as the pane shows it */
	int full_width[32]; /* the columns of its whole rendering */
	int one_token[32];  /* it is a single character or escape */
};

static void collect(void *ctx, int row, const char *text, size_t len,
		    unsigned flags)
{
	struct rows *r = ctx;
	assert_int_equal(row, r->n);
	flags |= textsafe_locale();
	textsafe_render(text, len, 120, flags, r->text[r->n],
			sizeof r->text[0], NULL);
	struct textsafe_token t;
	textsafe_token(text, len, 0, flags | TEXTSAFE_AT_START, &t);
	r->one_token[r->n] = len > 0 && t.bytes == len;
	r->full_width[r->n++] = textsafe_width(text, len, flags, 999);
}

static void test_text_wraps_lines(void **state)
{
	struct preview p;
	struct rows r = {0};
	(void)state;
	preview_init(&p);
	set_value(&p, "abcdefghij\nxy\n\nz", 16);
	assert_int_equal(preview_mode(&p), PREVIEW_TEXT);
	assert_int_equal(preview_rows(&p, 4), 6); /* abcd efgh ij xy "" z */
	preview_render(&p, 4, 10, collect, &r);
	assert_int_equal(r.n, 6);
	assert_string_equal(r.text[0], "abcd");
	assert_string_equal(r.text[2], "ij");
	assert_string_equal(r.text[3], "xy");
	assert_string_equal(r.text[4], "");
	assert_string_equal(r.text[5], "z");
	preview_done(&p);
}

static void test_hostile_value_rows_are_safe(void **state)
{
	struct preview p;
	struct rows r = {0};
	(void)state;
	preview_init(&p);
	set_value(&p, "a\x1b]0;x\x07\tb\xc2\x9b", 11);
	assert_int_equal(preview_mode(&p), PREVIEW_TEXT);
	preview_render(&p, 40, 5, collect, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.text[0], "a\\x1b]0;x\\x07   b\\u009b");
	preview_done(&p);
}

static void test_binary_is_hex_and_toggles(void **state)
{
	struct preview p;
	struct rows r = {0};
	(void)state;
	preview_init(&p);
	set_value(&p, "\x89PNG\0\0\0\rIHDR\0\0\0\x10\0\0", 18);
	assert_int_equal(preview_mode(&p), PREVIEW_HEX);
	assert_int_equal(preview_rows(&p, 80), 2);
	assert_int_equal(preview_rows(&p, 50), 3); /* 8 bytes a line */
	preview_render(&p, 80, 5, collect, &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(strncmp(r.text[0], "00000000  89 50 4e 47", 21), 0);
	preview_toggle(&p);
	assert_int_equal(preview_mode(&p), PREVIEW_TEXT);
	r.n = 0;
	preview_render(&p, 80, 5, collect, &r);
	assert_true(strstr(r.text[0], "\\x00") != NULL);
	preview_done(&p);
}

static void test_scroll_bounds(void **state)
{
	struct preview p;
	char v[400];
	(void)state;
	for (int i = 0; i < 100; i++)
		memcpy(v + i * 4, "abc\n", 4);
	preview_init(&p);
	set_value(&p, v, sizeof v);
	preview_scroll(&p, 1000, 10, 10);
	assert_int_equal(p.scroll, 90);
	preview_scroll(&p, -5, 10, 10);
	assert_int_equal(p.scroll, 85);
	preview_scroll(&p, -1000, 10, 10);
	assert_int_equal(p.scroll, 0);
	preview_done(&p);
}

static void test_rows_never_wider_than_width(void **state)
{
	struct preview p;
	(void)state;
	const char v[] = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\t\xff\xfe wide "
			 "and bad bytes \x01\x02 and a long tail of text";
	preview_init(&p);
	set_value(&p, v, sizeof v - 1);
	/* binary: hex rows, which the pane cuts (with an ellipsis) */
	assert_int_equal(preview_mode(&p), PREVIEW_HEX);
	preview_toggle(&p);
	for (int w = 1; w < 30; w++) {
		struct rows r = {0};
		preview_render(&p, w, 30, collect, &r);
		/* a row wider than the pane is a lone tab, escape or
		 * wide character in a pane narrower than it */
		for (int i = 0; i < r.n; i++)
			if (r.full_width[i] > w && !r.one_token[i])
				fail_msg("width %d row %d '%s' is %d wide", w,
					 i, r.text[i], r.full_width[i]);
	}
	preview_done(&p);
}

static void test_hex_text_column_stays(void **state)
{
	struct preview p;
	struct rows r = {0};
	(void)state;
	char v[40];
	memset(v, '\\', sizeof v);
	v[39] = '\0';
	preview_init(&p);
	set_value(&p, v, sizeof v);
	assert_int_equal(preview_mode(&p), PREVIEW_HEX);
	preview_render(&p, 80, 5, collect, &r);
	assert_int_equal(r.n, 3);
	/* one backslash is one column: the rows are the dump itself, the
	 * printable column of every row, short or not, in one place */
	assert_string_equal(r.text[0], "00000000  5c 5c 5c 5c 5c 5c 5c 5c  "
				       "5c 5c 5c 5c 5c 5c 5c 5c  "
				       "|\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\|");
	assert_int_equal(strlen(r.text[0]), 78);
	for (int i = 1; i < r.n; i++)
		assert_int_equal(strchr(r.text[i], '|') - r.text[i], 60);
	preview_done(&p);
}

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_CTYPE, "C.UTF-8") == NULL ? -1 : 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_wraps_lines),
		cmocka_unit_test(test_hostile_value_rows_are_safe),
		cmocka_unit_test(test_binary_is_hex_and_toggles),
		cmocka_unit_test(test_scroll_bounds),
		cmocka_unit_test(test_rows_never_wider_than_width),
		cmocka_unit_test(test_hex_text_column_stays),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
