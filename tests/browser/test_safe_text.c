/*
 * test_safe_text.c - hostile bytes never reach the terminal raw, widths are
 * measured, and truncation never splits an escape.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "browser/safe_text.h"

static char out[512];

static const char *render(const char *in, size_t len, int cols, int *used)
{
	safe_text_render(in, len, cols, 0, out, sizeof out, used);
	return out;
}

/* Nothing in the output may be a control byte or a C1 sequence. */
static void assert_terminal_safe(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		assert_true(*p >= 0x20);
		assert_true(*p != 0x7f);
		if (p[0] == 0xc2)
			assert_false(p[1] >= 0x80 && p[1] < 0xa0);
	}
}

static int utf8_setup(void **state)
{
	(void)state;
	return setlocale(LC_CTYPE, "C.UTF-8") == NULL ? -1 : 0;
}

static void test_plain_ascii(void **state)
{
	int used;
	(void)state;
	assert_string_equal(render("alice", 5, 20, &used), "alice");
	assert_int_equal(used, 5);
}

static void test_c0_controls(void **state)
{
	(void)state;
	assert_string_equal(render("a\x1b[31mb", 7, 40, NULL), "a^[[31mb");
	assert_string_equal(render("\x01\x07\n\t\r", 5, 40, NULL),
			    "^A^G^J^I^M");
	assert_string_equal(render("x\0y", 3, 40, NULL), "x^@y");
	assert_string_equal(render("\x7f", 1, 40, NULL), "^?");
}

static void test_every_control_byte(void **state)
{
	(void)state;
	for (int c = 0; c < 256; c++) {
		char in[3] = {'a', (char)c, 'b'};
		int used;
		render(in, 3, 60, &used);
		assert_terminal_safe(out);
		assert_int_equal((int)strlen(out) >= 3, 1);
		if (c < 0x20 || c == 0x7f)
			assert_int_equal(used, 4);
		else if (c >= 0x80)
			assert_int_equal(used, 6); /* \xNN: invalid alone */
	}
}

static void test_c1_raw_and_encoded(void **state)
{
	(void)state;
	assert_string_equal(render("\x9b" "31m", 4, 40, NULL), "\\x9b31m");
	assert_string_equal(render("\xc2\x9b" "2J", 4, 40, NULL),
			    "\\xc2\\x9b2J");
	assert_string_equal(render("\xc2\x85", 2, 40, NULL), "\\xc2\\x85");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	assert_string_equal(render("\xff", 1, 40, NULL), "\\xff");
	/* overlong '/', lone continuation, truncated sequence, surrogate */
	assert_string_equal(render("\xc0\xaf", 2, 40, NULL), "\\xc0\\xaf");
	assert_string_equal(render("\x80x", 2, 40, NULL), "\\x80x");
	assert_string_equal(render("\xe6\x97", 2, 40, NULL), "\\xe6\\x97");
	assert_string_equal(render("\xed\xa0\x80", 3, 40, NULL),
			    "\\xed\\xa0\\x80");
	assert_string_equal(render("\xf4\x90\x80\x80", 4, 40, NULL),
			    "\\xf4\\x90\\x80\\x80");
}

static void test_backslash_doubled(void **state)
{
	(void)state;
	/* A name cannot fake an escape. */
	assert_string_equal(render("\\x1b", 4, 40, NULL), "\\\\x1b");
}

static void test_bidi_and_invisible(void **state)
{
	(void)state;
	assert_string_equal(render("a\xe2\x80\xae" "b", 5, 40, NULL),
			    "a\\u202eb");
	assert_string_equal(render("\xe2\x80\x8b", 3, 40, NULL), "\\u200b");
	assert_string_equal(render("\xef\xbb\xbf", 3, 40, NULL), "\\ufeff");
}

static void test_wide_and_combining(void **state)
{
	int used;
	(void)state;
	/* 日本 is 4 columns */
	assert_string_equal(render("\xe6\x97\xa5\xe6\x9c\xac", 6, 10, &used),
			    "\xe6\x97\xa5\xe6\x9c\xac");
	assert_int_equal(used, 4);
	assert_int_equal(safe_text_width("\xe6\x97\xa5\xe6\x9c\xac", 6, 99), 4);
	/* e + combining acute: one column */
	render("e\xcc\x81x", 4, 10, &used);
	assert_int_equal(used, 2);
	assert_string_equal(out, "e\xcc\x81x");
	/* a combining mark with nothing before it is escaped */
	assert_string_equal(render("\xcc\x81", 2, 10, NULL), "\\u0301");
}

static void test_truncation_ellipsis(void **state)
{
	int used;
	(void)state;
	render("abcdefghij", 10, 5, &used);
	assert_string_equal(out, "abcd\xe2\x80\xa6");
	assert_int_equal(used, 5);
	/* exactly fitting text gets no ellipsis */
	render("abcde", 5, 5, &used);
	assert_string_equal(out, "abcde");
	/* an escape is never split: ^[ does not fit in the last 2 columns */
	render("abc\x1bxyz", 7, 5, &used);
	assert_string_equal(out, "abc\xe2\x80\xa6");
	assert_int_equal(used, 4);
	/* a wide char that would straddle the limit is dropped whole */
	render("ab\xe6\x97\xa5\xe6\x9c\xac", 8, 4, &used);
	assert_string_equal(out, "ab\xe2\x80\xa6");
	assert_true(used <= 4);
	/* width 1 and 0 */
	render("abc", 3, 1, &used);
	assert_int_equal(used, 1);
	render("abc", 3, 0, &used);
	assert_string_equal(out, "");
	assert_int_equal(used, 0);
}

static void test_never_exceeds_width(void **state)
{
	(void)state;
	const char *samples[] = {
		"\x1b]0;pwned\x07title", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
		"a\xcc\x81\xcc\x81\xcc\x81" "b", "\xff\xfe\xfd", "plain-name",
		"\t\t\t", "\\\\\\",
	};
	for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++)
		for (int cols = 0; cols < 30; cols++) {
			int used;
			render(samples[s], strlen(samples[s]), cols, &used);
			assert_true(used <= cols);
			assert_terminal_safe(out);
		}
}

static void test_small_buffer_never_overflows(void **state)
{
	char small[12];
	int used;
	(void)state;
	memset(small, 'Z', sizeof small);
	safe_text_render("\xff\xff\xff\xff\xff\xff", 6, 80, 0, small,
			 sizeof small, &used);
	assert_true(strlen(small) < sizeof small);
	assert_true(strstr(small, "\xe2\x80\xa6") != NULL);
}

static void test_wrap_mode(void **state)
{
	int used;
	size_t n;
	(void)state;
	n = safe_text_render("abcdefgh", 8, 3, SAFE_TEXT_WRAP, out, sizeof out,
			     &used);
	assert_int_equal(n, 3);
	assert_string_equal(out, "abc");
	/* a 4-column escape in a 2-column row still makes progress */
	n = safe_text_render("\xff", 1, 2, SAFE_TEXT_WRAP, out, sizeof out,
			     &used);
	assert_int_equal(n, 1);
	assert_true(used <= 2);
}

static void test_tabs_expand(void **state)
{
	int used;
	(void)state;
	safe_text_render("a\tb", 3, 20, SAFE_TEXT_TABS, out, sizeof out, &used);
	assert_string_equal(out, "a       b");
	assert_int_equal(used, 9);
}

static void test_c_locale_escapes_non_ascii(void **state)
{
	int used;
	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C"));
	render("\xc3\xa9t\xc3\xa9", 5, 40, &used);
	assert_string_equal(out, "\\xc3\\xa9t\\xc3\\xa9");
	render("abcdefghij", 10, 5, &used);
	assert_string_equal(out, "abcd>");
	for (const unsigned char *p = (const unsigned char *)out; *p; p++)
		assert_true(*p < 0x80);
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
}

static void test_is_text(void **state)
{
	(void)state;
	assert_true(safe_text_is_text("{\"a\": 1}\n", 9));
	assert_true(safe_text_is_text("", 0));
	assert_true(safe_text_is_text("caf\xc3\xa9\r\n", 7));
	assert_false(safe_text_is_text("a\0b", 3));
	assert_false(safe_text_is_text("\x89PNG", 4));
	assert_false(safe_text_is_text("\xc3", 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_ascii),
		cmocka_unit_test(test_c0_controls),
		cmocka_unit_test(test_every_control_byte),
		cmocka_unit_test(test_c1_raw_and_encoded),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_backslash_doubled),
		cmocka_unit_test(test_bidi_and_invisible),
		cmocka_unit_test(test_wide_and_combining),
		cmocka_unit_test(test_truncation_ellipsis),
		cmocka_unit_test(test_never_exceeds_width),
		cmocka_unit_test(test_small_buffer_never_overflows),
		cmocka_unit_test(test_wrap_mode),
		cmocka_unit_test(test_tabs_expand),
		cmocka_unit_test(test_c_locale_escapes_non_ascii),
		cmocka_unit_test(test_is_text),
	};
	return cmocka_run_group_tests(tests, utf8_setup, NULL);
}
