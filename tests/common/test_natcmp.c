/* SPDX-License-Identifier: MIT */
/* test_natcmp.c - tui/common/natcmp: digit runs by value, the rest
 * bytewise, a total order (checked against a slow tokenising reference
 * on random strings). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/natcmp.h"

#include <stdlib.h>
#include <string.h>

static int nc(const char *a, const char *b)
{
	int c = natcmp(a, strlen(a), b, strlen(b));
	return c < 0 ? -1 : c > 0;
}

static void test_numbers_by_value(void **state)
{
	(void)state;
	assert_int_equal(nc("key2", "key10"), -1);
	assert_int_equal(nc("key10", "key2"), 1);
	assert_int_equal(nc("key10", "key10"), 0);
	assert_int_equal(nc("a9b", "a10a"), -1);
	assert_int_equal(nc("v1.2.10", "v1.2.9"), 1);
	assert_int_equal(nc("x", "x1"), -1);
	assert_int_equal(nc("x1", "x1y"), -1);
	assert_int_equal(nc("10", "9"), 1);
	/* longer than any integer type */
	assert_int_equal(nc("n123456789012345678901234567890",
			    "n123456789012345678901234567891"), -1);
	assert_int_equal(nc("n99999999999999999999999",
			    "n100000000000000000000000"), -1);
}

static void test_leading_zeros_then_bytes(void **state)
{
	(void)state;
	/* equal in value: bytewise, so "a01" and "a1" are distinct */
	assert_int_equal(nc("a01", "a1"), -1);
	assert_int_equal(nc("a1", "a01"), 1);
	assert_int_equal(nc("a001b", "a1a"), 1); /* b > a decides first */
	assert_int_equal(nc("a007", "a8"), -1);
	/* the rest is bytewise and case-sensitive, like the name sort */
	assert_int_equal(nc("B", "a"), -1);
	assert_int_equal(nc("a-2", "a.1"), -1);
	assert_int_equal(nc("\xc3\xa9", "z"), 1);
	/* a digit against a letter: as bytes */
	assert_int_equal(nc("a1", "aa"), -1);
	assert_int_equal(nc("a:", "a5"), 1);
	/* NUL-free lengths are honoured, not strlen */
	assert_int_equal(natcmp("ab", 1, "ab", 2), -1);
}

/* The slow reference: tokenise both fully. */
static int ref(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, j = 0;
	while (i < al && j < bl) {
		int da = a[i] >= '0' && a[i] <= '9';
		int db = b[j] >= '0' && b[j] <= '9';
		if (da && db) {
			size_t si = i, sj = j;
			while (si < al && a[si] == '0') si++;
			while (sj < bl && b[sj] == '0') sj++;
			size_t ei = si, ej = sj;
			while (ei < al && a[ei] >= '0' && a[ei] <= '9') ei++;
			while (ej < bl && b[ej] >= '0' && b[ej] <= '9') ej++;
			if (ei - si != ej - sj)
				return ei - si < ej - sj ? -1 : 1;
			int c = memcmp(a + si, b + sj, ei - si);
			if (c)
				return c < 0 ? -1 : 1;
			i = ei;
			j = ej;
			continue;
		}
		if (a[i] != b[j])
			return (unsigned char)a[i] < (unsigned char)b[j] ? -1 : 1;
		i++;
		j++;
	}
	if (i < al || j < bl)
		return i < al ? 1 : -1;
	size_t m = al < bl ? al : bl;
	int c = memcmp(a, b, m);
	if (c)
		return c < 0 ? -1 : 1;
	return al == bl ? 0 : al < bl ? -1 : 1;
}

static void random_name(char *buf, size_t *len, unsigned *seed)
{
	static const char alpha[] = "0019ab-";
	*len = (size_t)(rand_r(seed) % 7);
	for (size_t i = 0; i < *len; i++)
		buf[i] = alpha[rand_r(seed) % (sizeof alpha - 1)];
	buf[*len] = '\0';
}

static void test_agrees_with_reference_and_is_total(void **state)
{
	(void)state;
	unsigned seed = 14;
	char a[8], b[8], c[8];
	size_t al, bl, cl;
	for (int n = 0; n < 200000; n++) {
		random_name(a, &al, &seed);
		random_name(b, &bl, &seed);
		random_name(c, &cl, &seed);
		int ab = natcmp(a, al, b, bl), ba = natcmp(b, bl, a, al);
		ab = ab < 0 ? -1 : ab > 0;
		ba = ba < 0 ? -1 : ba > 0;
		assert_int_equal(ab, ref(a, al, b, bl));
		assert_int_equal(ab, -ba);
		assert_int_equal(ab == 0, al == bl && memcmp(a, b, al) == 0);
		int bc = natcmp(b, bl, c, cl), ac = natcmp(a, al, c, cl);
		if (ab < 0 && bc < 0)
			assert_true(ac < 0);
		if (ab > 0 && bc > 0)
			assert_true(ac > 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers_by_value),
		cmocka_unit_test(test_leading_zeros_then_bytes),
		cmocka_unit_test(test_agrees_with_reference_and_is_total),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
