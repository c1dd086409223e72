/*
 * test_hexdump.c - the hex dump layout: offset, hex bytes with the gap after
 * eight, the printable column, short last lines, narrow widths.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "browser/hexdump.h"

static void test_full_line(void **state)
{
	char out[128];
	(void)state;
	const char *v = "{\"name\": \"Alice\"}";
	size_t n = hexdump_line(v, strlen(v), 0, 16, out, sizeof out);
	assert_string_equal(out, "00000000  7b 22 6e 61 6d 65 22 3a  20 22 41 "
				 "6c 69 63 65 22 |{\"name\": \"Alice\"|");
	assert_int_equal(n, strlen(out));
	assert_int_equal((int)n, hexdump_line_width(16));
}

static void test_short_last_line_padded(void **state)
{
	char out[128], first[128];
	(void)state;
	const char *v = "{\"name\": \"Alice\"}";
	hexdump_line(v, strlen(v), 0, 16, first, sizeof first);
	hexdump_line(v, strlen(v), 1, 16, out, sizeof out);
	assert_int_equal(strncmp(out, "00000010  7d ", 13), 0);
	/* the printable column starts where the full line's does */
	assert_int_equal(strchr(out, '|') - out, strchr(first, '|') - first);
	assert_string_equal(strchr(out, '|'), "|}|");
	assert_int_equal(hexdump_line(v, strlen(v), 2, 16, out, sizeof out), 0);
	assert_int_equal(hexdump_lines(strlen(v), 16), 2);
	assert_int_equal(hexdump_lines(0, 16), 0);
	assert_int_equal(hexdump_lines(16, 16), 1);
}

static void test_unprintable_as_dots(void **state)
{
	char out[128];
	(void)state;
	const unsigned char v[] = {0x00, 0x1b, 0x7f, 0x80, 0xff, 'A', '\n', ' '};
	hexdump_line(v, sizeof v, 0, 8, out, sizeof out);
	assert_string_equal(out, "00000000  00 1b 7f 80 ff 41 0a 20 |.....A. |");
	for (const char *p = out; *p; p++)
		assert_true(*p >= 0x20 && *p < 0x7f);
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(hexdump_line_width(16), 77);
	assert_int_equal(hexdump_line_width(8), 44);
	assert_int_equal(hexdump_line_width(4), 28);
	assert_int_equal(hexdump_per_line(80), 16);
	assert_int_equal(hexdump_per_line(77), 16);
	assert_int_equal(hexdump_per_line(76), 8);
	assert_int_equal(hexdump_per_line(44), 8);
	assert_int_equal(hexdump_per_line(43), 4);
	assert_int_equal(hexdump_per_line(10), 4);
	char out[128];
	unsigned char v[4] = {1, 2, 3, 4};
	hexdump_line(v, 4, 0, 4, out, sizeof out);
	assert_int_equal((int)strlen(out), 28);
}

static void test_offsets_and_small_buffer(void **state)
{
	static unsigned char big[70000];
	char out[128];
	(void)state;
	hexdump_line(big, sizeof big, 0x1000, 16, out, sizeof out);
	assert_int_equal(strncmp(out, "00010000  ", 10), 0);
	char tiny[20];
	assert_int_equal(hexdump_line(big, sizeof big, 0, 16, tiny, sizeof tiny),
			 0);
	assert_string_equal(tiny, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_line),
		cmocka_unit_test(test_short_last_line_padded),
		cmocka_unit_test(test_unprintable_as_dots),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_offsets_and_small_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
