/* SPDX-License-Identifier: MIT */
/*
 * test_textsafe_layout.c - the screen side of textsafe: names measured
 * with wcwidth, cut with an ellipsis that never splits an escape, wrapped
 * rows that always make progress, horizontal scrolling, tab stops of
 * values, buffers that never overflow, the C locale, and names cut for a
 * message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/textsafe.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#define U TEXTSAFE_UTF8

static char out[512];

static const char *render(const char *in, size_t len, int cols,
			  unsigned flags, int *used)
{
	textsafe_render(in, len, cols, flags, out, sizeof out, used);
	return out;
}

static void assert_terminal_safe(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		assert_true(*p >= 0x20);
		assert_true(*p != 0x7f);
		if (p[0] == 0xc2)
			assert_false(p[1] >= 0x80 && p[1] < 0xa0);
	}
}

static void test_every_byte(void **state)
{
	(void)state;
	for (int c = 0; c < 256; c++) {
		char in[3] = {'a', (char)c, 'b'};
		int used;
		render(in, 3, 60, U, &used);
		assert_terminal_safe(out);
		if (c == '\n' || c == '\t' || c == '\r' || c == '\\')
			assert_int_equal(used, 4);
		else if (c < 0x20 || c >= 0x7f)
			assert_int_equal(used, 6); /* \xNN */
		else
			assert_int_equal(used, 3);
	}
}

static void test_wide_and_combining(void **state)
{
	int used;
	(void)state;
	/* 日本 is 4 columns */
	assert_string_equal(render("\xe6\x97\xa5\xe6\x9c\xac", 6, 10, U,
				   &used),
			    "\xe6\x97\xa5\xe6\x9c\xac");
	assert_int_equal(used, 4);
	/* e + combining acute: one column */
	render("e\xcc\x81x", 4, 10, U, &used);
	assert_int_equal(used, 2);
}

static void test_truncation_ellipsis(void **state)
{
	int used;
	(void)state;
	render("abcdefghij", 10, 5, U, &used);
	assert_string_equal(out, "abcd\xe2\x80\xa6");
	assert_int_equal(used, 5);
	/* exactly fitting text gets no ellipsis */
	render("abcde", 5, 5, U, &used);
	assert_string_equal(out, "abcde");
	/* an escape is never split: \x1b does not fit in the last columns */
	render("abc\x1bxyz", 7, 6, U, &used);
	assert_string_equal(out, "abc\xe2\x80\xa6");
	assert_int_equal(used, 4);
	/* a wide char that would straddle the limit is dropped whole */
	render("ab\xe6\x97\xa5\xe6\x9c\xac", 8, 4, U, &used);
	assert_string_equal(out, "ab\xe2\x80\xa6");
	assert_true(used <= 4);
	render("abc", 3, 1, U, &used);
	assert_int_equal(used, 1);
	render("abc", 3, 0, U, &used);
	assert_string_equal(out, "");
	assert_int_equal(used, 0);
}

static void test_never_exceeds_width(void **state)
{
	(void)state;
	const char *samples[] = {
		"\x1b]0;pwned\x07title", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
		"a\xcc\x81\xcc\x81\xcc\x81" "b", "\xff\xfe\xfd", "plain-name",
		"\t\t\t", "\\\\\\", "\xf3\xa0\x80\x81\xe2\x80\xae",
	};
	for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++)
		for (int cols = 0; cols < 30; cols++)
			for (unsigned v = 0; v <= TEXTSAFE_VALUE; v += 2) {
				int used;
				render(samples[s], strlen(samples[s]), cols,
				       U | v, &used);
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
	textsafe_render("\xff\xff\xff\xff\xff\xff", 6, 80, U, small,
			sizeof small, &used);
	assert_true(strlen(small) < sizeof small);
	assert_true(strstr(small, "\xe2\x80\xa6") != NULL);
}

static void test_wrap(void **state)
{
	int used;
	size_t n;
	(void)state;
	n = textsafe_render("abcdefgh", 8, 3, U | TEXTSAFE_WRAP, out,
			    sizeof out, &used);
	assert_int_equal(n, 3);
	assert_string_equal(out, "abc");
	/* a 4-column escape in a 2-column row still makes progress */
	n = textsafe_render("\xff", 1, 2, U | TEXTSAFE_WRAP, out, sizeof out,
			    &used);
	assert_int_equal(n, 1);
	assert_true(used <= 2);
	/* a wide character in a 1-column row too */
	n = textsafe_render("\xe6\x97\xa5", 3, 1, U | TEXTSAFE_WRAP, out,
			    sizeof out, &used);
	assert_int_equal(n, 3);
	assert_int_equal(used, 1);
}

static void test_value_tabs(void **state)
{
	int used;
	(void)state;
	render("a\tb", 3, 20, U | TEXTSAFE_VALUE, &used);
	assert_string_equal(out, "a       b");
	assert_int_equal(used, 9);
	render("abcdefgh\tx", 10, 20, U | TEXTSAFE_VALUE, &used);
	assert_int_equal(used, 17);
	/* a name's tab is an escape */
	render("a\tb", 3, 20, U, &used);
	assert_string_equal(out, "a\\tb");
}

struct sink {
	char buf[256];
	size_t n;
};

static void sink_emit(void *ctx, const char *text, size_t n, int escape)
{
	struct sink *s = ctx;
	(void)escape;
	memcpy(s->buf + s->n, text, n);
	s->n += n;
	s->buf[s->n] = '\0';
}

static const char *scrolled(const char *in, int cols, int skip, int *used)
{
	static struct sink s;
	s.n = 0;
	s.buf[0] = '\0';
	textsafe_layout(in, strlen(in), cols, skip, U | TEXTSAFE_VALUE,
			sink_emit, &s, used);
	return s.buf;
}

static void test_horizontal_scroll(void **state)
{
	int used;
	(void)state;
	assert_string_equal(scrolled("0123456789", 4, 3, &used),
			    "345\xe2\x80\xa6");
	assert_int_equal(used, 4);
	assert_string_equal(scrolled("0123456789", 20, 8, &used), "89");
	assert_int_equal(used, 2);
	assert_string_equal(scrolled("0123", 20, 9, &used), "");
	/* an escape cut by the left edge shows as blanks, never in part */
	assert_string_equal(scrolled("a\x1b" "bc", 20, 3, &used), "  bc");
	assert_int_equal(used, 4);
	/* a wide character cut in half likewise */
	assert_string_equal(scrolled("\xe6\x97\xa5x", 20, 1, &used), " x");
}

static void test_c_locale(void **state)
{
	int used;
	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C"));
	assert_int_equal(textsafe_locale(), 0);
	render("\xc3\xa9t\xc3\xa9", 5, 40, 0, &used);
	assert_string_equal(out, "\\xc3\\xa9t\\xc3\\xa9");
	render("abcdefghij", 10, 5, 0, &used);
	assert_string_equal(out, "abcd>");
	for (const unsigned char *p = (const unsigned char *)out; *p; p++)
		assert_true(*p < 0x80);
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	assert_int_equal(textsafe_locale(), TEXTSAFE_UTF8);
}

static void test_name_buf_cut(void **state)
{
	char buf[12];
	(void)state;
	assert_int_equal(textsafe_name_buf(buf, sizeof buf, "a\nb", 3, U), 4);
	assert_string_equal(buf, "a\\nb");
	/* cut between tokens, never inside \xff, with an ellipsis */
	textsafe_name_buf(buf, sizeof buf, "abcdef\xff\xff", 8, U);
	assert_string_equal(buf, "abcdef\xe2\x80\xa6");
	textsafe_name_buf(buf, sizeof buf, "abcdefghijklmn", 14, 0);
	assert_string_equal(buf, "abcdefgh...");
	assert_int_equal(textsafe_name_buf(buf, 1, "abc", 3, U), 0);
	assert_string_equal(buf, "");
}

static void test_name_write(void **state)
{
	char buf[64] = "";
	(void)state;
	FILE *f = fmemopen(buf, sizeof buf, "w");
	assert_non_null(f);
	assert_int_equal(textsafe_name_write(f, "x\ny", 3, 0), 0);
	fclose(f);
	assert_string_equal(buf, "x\\ny");
	/* a long name goes through the heap */
	size_t len = 5000;
	char *big = malloc(len);
	assert_non_null(big);
	memset(big, '\n', len);
	char *mem = NULL;
	size_t size = 0;
	f = open_memstream(&mem, &size);
	assert_int_equal(textsafe_name_write(f, big, len, U), 0);
	fclose(f);
	assert_int_equal(size, 2 * len);
	free(mem);
	free(big);
}

static int utf8_setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") == NULL ? -1 : 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_wide_and_combining),
		cmocka_unit_test(test_truncation_ellipsis),
		cmocka_unit_test(test_never_exceeds_width),
		cmocka_unit_test(test_small_buffer_never_overflows),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_value_tabs),
		cmocka_unit_test(test_horizontal_scroll),
		cmocka_unit_test(test_c_locale),
		cmocka_unit_test(test_name_buf_cut),
		cmocka_unit_test(test_name_write),
	};
	return cmocka_run_group_tests(tests, utf8_setup, NULL);
}
