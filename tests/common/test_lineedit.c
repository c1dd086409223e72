/* SPDX-License-Identifier: MIT */
/*
 * test_lineedit.c - tui/common/lineedit, the prompt line editor of the
 * browser's filter and the editor's prompts: editing by character, growth,
 * typed characters, and the view that keeps the cursor on screen.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/lineedit.h"
#include "common/textsafe.h"

#include <errno.h>
#include <locale.h>
#include <string.h>

static void test_lineedit(void **state)
{
	(void)state;
	struct lineedit le;
	assert_int_equal(lineedit_init(&le, "k\xc3\xa9y"), 0);
	assert_int_equal(le.cursor, 4);
	lineedit_left(&le);
	lineedit_left(&le);
	assert_int_equal(le.cursor, 1);
	lineedit_delete(&le);
	assert_string_equal(le.text, "ky");
	assert_int_equal(lineedit_insert(&le, "\xe7\x95\x8c", 3), 0);
	assert_string_equal(le.text, "k\xe7\x95\x8cy");
	lineedit_backspace(&le);
	assert_string_equal(le.text, "ky");
	lineedit_end(&le);
	for (int i = 0; i < 40; i++)
		assert_int_equal(lineedit_insert(&le, "0123456789", 10), 0);
	assert_int_equal(le.len, 402);
	lineedit_home(&le);
	lineedit_right(&le);
	lineedit_kill_after(&le);
	assert_string_equal(le.text, "k");
	lineedit_kill_before(&le);
	assert_string_equal(le.text, "");
	lineedit_backspace(&le);
	assert_int_equal(le.len, 0);
	lineedit_done(&le);
}

static void test_typed_characters(void **state)
{
	(void)state;
	struct lineedit le;
	assert_int_equal(lineedit_init(&le, NULL), 0);
	assert_int_equal(lineedit_insert_char(&le, 'a'), 0);
	assert_int_equal(lineedit_insert_char(&le, 0xe9), 0);      /* é */
	assert_int_equal(lineedit_insert_char(&le, 0x754c), 0);    /* 界 */
	assert_int_equal(lineedit_insert_char(&le, 0x1f600), 0);   /* emoji */
	assert_string_equal(le.text, "a\xc3\xa9\xe7\x95\x8c\xf0\x9f\x98\x80");
	/* controls are keys, not text */
	assert_int_equal(lineedit_insert_char(&le, '\n'), EILSEQ);
	assert_int_equal(lineedit_insert_char(&le, 0x7f), EILSEQ);
	assert_int_equal(lineedit_insert_char(&le, 0x110000), EILSEQ);
	lineedit_backspace(&le);
	lineedit_backspace(&le);
	assert_string_equal(le.text, "a\xc3\xa9");
	/* the editor types with the same encoder: controls included */
	char mb[8];
	assert_int_equal(lineedit_encode('\t', mb), 1);
	assert_int_equal(lineedit_encode(0x754c, mb), 3);
	assert_memory_equal(mb, "\xe7\x95\x8c", 3);
	assert_int_equal(lineedit_encode(-1, mb), 0);
	assert_int_equal(lineedit_set(&le, "re:^x"), 0);
	assert_string_equal(le.text, "re:^x");
	assert_int_equal(le.cursor, 5);
	lineedit_done(&le);
	lineedit_done(&le); /* twice is harmless */
}

static void test_view_keeps_cursor_visible(void **state)
{
	(void)state;
	struct lineedit le;
	int col;
	assert_int_equal(lineedit_init(&le, "abcdefghij"), 0);
	assert_int_equal(lineedit_view(&le, 20, TEXTSAFE_UTF8, &col), 0);
	assert_int_equal(col, 10);
	/* 6 columns: the cursor at the end needs one, so 5 characters */
	assert_int_equal(lineedit_view(&le, 6, TEXTSAFE_UTF8, &col), 5);
	assert_int_equal(col, 5);
	lineedit_home(&le);
	assert_int_equal(lineedit_view(&le, 6, TEXTSAFE_UTF8, &col), 0);
	assert_int_equal(col, 0);
	/* escapes are measured as drawn: a typed newline is "\\n" */
	assert_int_equal(lineedit_set(&le, "a\nb"), 0);
	assert_int_equal(lineedit_view(&le, 20, TEXTSAFE_UTF8, &col), 0);
	assert_int_equal(col, 4);
	/* never starts inside a UTF-8 character */
	assert_int_equal(lineedit_set(&le, "\xe7\x95\x8c\xe7\x95\x8c\xe7\x95\x8c"),
			 0);
	size_t start = lineedit_view(&le, 4, TEXTSAFE_UTF8, &col);
	assert_int_equal(start % 3, 0);
	assert_true(col < 4);
	lineedit_done(&le);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lineedit),
		cmocka_unit_test(test_typed_characters),
		cmocka_unit_test(test_view_keeps_cursor_visible),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
