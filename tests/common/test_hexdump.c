/* SPDX-License-Identifier: MIT */
/*
 * test_hexdump.c - the one hex dump: offset, hex bytes with the gap after
 * eight, the printable column (which stays in its column on a short last
 * row and never shows anything but printable ASCII), narrow layouts, wide
 * offsets, columns of each byte, and the offset-less dump the conflict
 * diff compares.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/hexdump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct hexdump_layout L16 = {16, 8};

static void test_full_row(void **state)
{
	char out[HEXDUMP_ROW_MAX];
	(void)state;
	const char *v = "{\"name\": \"Alice\"}";
	size_t n = hexdump_format_row(&L16, 0, v, 16, out, sizeof out);
	assert_string_equal(out, "00000000  7b 22 6e 61 6d 65 22 3a  20 22 41 "
				 "6c 69 63 65 22  |{\"name\": \"Alice\"|");
	assert_int_equal(n, strlen(out));
	assert_int_equal((int)n, hexdump_row_width(&L16));
	assert_int_equal(hexdump_row_width(&L16), 78);
}

static void test_short_last_row_keeps_its_column(void **state)
{
	char out[HEXDUMP_ROW_MAX], first[HEXDUMP_ROW_MAX];
	(void)state;
	const char *v = "{\"name\": \"Alice\"}\\";
	hexdump_format_row(&L16, 0, v, 16, first, sizeof first);
	hexdump_format_row(&L16, 16, v + 16, 2, out, sizeof out);
	assert_int_equal(strncmp(out, "00000010  7d 5c ", 16), 0);
	/* the printable column starts where the full row's does, and a
	 * backslash is one column in it */
	assert_int_equal(strchr(out, '|') - out, strchr(first, '|') - first);
	assert_string_equal(strchr(out, '|'), "|}\\|");
	assert_int_equal(hexdump_text_column(&L16, 0),
			 strchr(first, '|') - first + 1);
	assert_int_equal(hexdump_rows(18, &L16), 2);
	assert_int_equal(hexdump_rows(0, &L16), 0);
	assert_int_equal(hexdump_rows(16, &L16), 1);
}

static void test_unprintable_as_dots(void **state)
{
	char out[HEXDUMP_ROW_MAX];
	const struct hexdump_layout l8 = {8, 8};
	(void)state;
	const unsigned char v[] = {0x00, 0x1b, 0x7f, 0x80, 0xff, 'A', '\n', ' '};
	hexdump_format_row(&l8, 0, v, sizeof v, out, sizeof out);
	assert_string_equal(out, "00000000  00 1b 7f 80 ff 41 0a 20  |.....A. |");
	for (const char *p = out; *p; p++)
		assert_true(*p >= 0x20 && *p < 0x7f);
}

static void test_layouts(void **state)
{
	(void)state;
	struct hexdump_layout lay = hexdump_layout_for(200, 100);
	assert_int_equal(lay.per_row, 16);
	assert_int_equal(lay.off_digits, 8);
	assert_int_equal(hexdump_layout_for(78, 100).per_row, 16);
	assert_int_equal(hexdump_layout_for(77, 100).per_row, 8);
	lay = hexdump_layout_for(77, 100);
	assert_int_equal(hexdump_row_width(&lay), 8 + 2 + 24 + 2 + 8 + 1);
	assert_int_equal(hexdump_layout_for(44, 100).per_row, 4);
	assert_int_equal(hexdump_layout_for(10, 100).per_row, 4);
	/* offsets grow past 4 GiB */
	lay = hexdump_layout_for(60, (uint64_t)1 << 40);
	assert_int_equal(lay.off_digits, 11);
	assert_true(hexdump_row_width(&lay) <= 60);
	/* the columns the editor puts its cursor on */
	assert_int_equal(hexdump_hex_column(&L16, 0, 0), 10);
	assert_int_equal(hexdump_hex_column(&L16, 1, 1), 14);
	assert_int_equal(hexdump_hex_column(&L16, 8, 0), 35);
	assert_int_equal(hexdump_text_column(&L16, 0), 61);
}

static void test_digit_values(void **state)
{
	(void)state;
	assert_int_equal(hexdump_digit_value('0'), 0);
	assert_int_equal(hexdump_digit_value('9'), 9);
	assert_int_equal(hexdump_digit_value('a'), 10);
	assert_int_equal(hexdump_digit_value('F'), 15);
	assert_int_equal(hexdump_digit_value('g'), -1);
	assert_int_equal(hexdump_digit_value(' '), -1);
	assert_int_equal(hexdump_digit_value(0xe9), -1);
}

static void test_offsets_and_small_buffer(void **state)
{
	static unsigned char big[70000];
	char out[HEXDUMP_ROW_MAX];
	(void)state;
	hexdump_format_row(&L16, 0x10000, big + 0x10000, 16, out, sizeof out);
	assert_int_equal(strncmp(out, "00010000  ", 10), 0);
	char tiny[20];
	assert_int_equal(hexdump_format_row(&L16, 0, big, 16, tiny,
					    sizeof tiny), 0);
	assert_string_equal(tiny, "");
	/* an empty row still has its printable column's frame */
	hexdump_format_row(&L16, 0, big, 0, out, sizeof out);
	assert_memory_equal(out, "00000000  ", 10);
	assert_int_equal(out[strlen(out) - 1], '|');
}

static void test_whole_dump_without_offsets(void **state)
{
	const struct hexdump_layout lay = {16, 0};
	unsigned char v[20];
	char *text;
	size_t len;
	(void)state;
	for (int i = 0; i < 20; i++)
		v[i] = (unsigned char)('a' + i);
	assert_int_equal(hexdump_text(v, sizeof v, &lay, &text, &len), 0);
	char want[200];
	snprintf(want, sizeof want, "%s\n%-50s|qrst|\n",
		 "61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  "
		 "|abcdefghijklmnop|", "71 72 73 74");
	assert_string_equal(text, want);
	assert_int_equal(len, strlen(text));
	free(text);
	assert_int_equal(hexdump_text(v, 0, &lay, &text, &len), 0);
	assert_string_equal(text, "");
	assert_int_equal(len, 0);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_row),
		cmocka_unit_test(test_short_last_row_keeps_its_column),
		cmocka_unit_test(test_unprintable_as_dots),
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_digit_values),
		cmocka_unit_test(test_offsets_and_small_buffer),
		cmocka_unit_test(test_whole_dump_without_offsets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
