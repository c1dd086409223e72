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
#include "browser/safe_text.h"

static void set_value(struct preview *p, const char *v, size_t len)
{
	preview_clear(p);
	p->name = strdup("k");
	p->data = malloc(len ? len : 1);
	memcpy(p->data, v, len);
	p->len = len;
	p->file_size = len;
	p->is_text = safe_text_is_text(v, len);
}

struct rows {
	int n;
	char text[32][256];
};

static void collect(void *ctx, int row, const char *text)
{
	struct rows *r = ctx;
	assert_int_equal(row, r->n);
	snprintf(r->text[r->n++], sizeof r->text[0], "%s", text);
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
	assert_string_equal(r.text[0], "a^[]0;x^G       b\\xc2\\x9b");
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
	assert_true(strstr(r.text[0], "^@") != NULL);
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
	for (int w = 1; w < 30; w++) {
		struct rows r = {0};
		preview_render(&p, w, 30, collect, &r);
		for (int i = 0; i < r.n; i++)
			assert_true(safe_text_width(r.text[i],
						    strlen(r.text[i]), 99) <= w ||
				    strchr(r.text[i], '\\') != NULL);
	}
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
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
