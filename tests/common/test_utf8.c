/* SPDX-License-Identifier: MIT */
/* test_utf8.c - tui/common/utf8: the encoder against the decoder for
 * every code point, and the lengths at each boundary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/utf8.h"

static void test_every_code_point_round_trips(void **state)
{
	(void)state;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		unsigned char b[4];
		uint32_t back = 0xFFFFFFFF;
		size_t n = utf8_encode(cp, b);
		assert_int_equal(utf8_decode(b, n, &back), n);
		assert_int_equal(back, cp);
	}
}

static void test_lengths(void **state)
{
	(void)state;
	static const struct {
		uint32_t cp;
		size_t n;
	} cases[] = {{0, 1}, {0x7F, 1}, {0x80, 2}, {0x7FF, 2}, {0x800, 3},
		     {0xFFFF, 3}, {0x10000, 4}, {0x10FFFF, 4}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned char b[4];
		assert_int_equal(utf8_encode(cases[i].cp, b), cases[i].n);
	}
	unsigned char e[4];
	assert_int_equal(utf8_encode(0xE9, e), 2);
	assert_memory_equal(e, "\xc3\xa9", 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_point_round_trips),
		cmocka_unit_test(test_lengths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
