/* SPDX-License-Identifier: MIT */
/* test_value_compare.c - the rows of the two-values screen: lines aligned
 * by the line diff, side by side and unified, hex rows for binary values,
 * hostile bytes kept as they are for the view to render as values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "inspect/value_compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void cmp(const char *a, const char *b, enum vc_layout layout,
		struct vc_rows *r)
{
	assert_int_equal(value_compare(a, strlen(a), b, strlen(b), layout, r),
			 0);
}

static void row(const struct vc_rows *r, size_t i, enum vc_kind kind,
		const char *left, const char *right)
{
	assert_true(i < r->n);
	assert_int_equal(r->v[i].kind, kind);
	if (left) {
		assert_string_equal(r->v[i].left, left);
		assert_int_equal(r->v[i].left_len, strlen(left));
	} else {
		assert_null(r->v[i].left);
	}
	if (right) {
		assert_string_equal(r->v[i].right, right);
		assert_int_equal(r->v[i].right_len, strlen(right));
	} else {
		assert_null(r->v[i].right);
	}
}


static void test_side_by_side_aligns(void **state)
{
	(void)state;
	struct vc_rows r;
	/* an inserted line does not shift the rest out of step */
	cmp("a\nb\nc\nd\n", "a\nNEW\nb\nc\nD\n", VC_SIDE_BY_SIDE, &r);
	assert_false(r.binary);
	assert_int_equal(r.n, 5);
	row(&r, 0, VC_SAME, "a", "a");
	row(&r, 1, VC_ONLY_RIGHT, NULL, "NEW");
	row(&r, 2, VC_SAME, "b", "b");
	row(&r, 3, VC_SAME, "c", "c");
	row(&r, 4, VC_CHANGED, "d", "D");
	assert_int_equal(r.ndiff, 2);
	vc_rows_free(&r);
}

static void test_unified(void **state)
{
	(void)state;
	struct vc_rows r;
	cmp("one\ntwo\nthree", "one\n2\nthree\nfour", VC_UNIFIED, &r);
	assert_int_equal(r.n, 5);
	row(&r, 0, VC_SAME, "one", "one");
	row(&r, 1, VC_ONLY_LEFT, "two", NULL);
	row(&r, 2, VC_ONLY_RIGHT, NULL, "2");
	row(&r, 3, VC_SAME, "three", "three");
	row(&r, 4, VC_ONLY_RIGHT, NULL, "four");
	vc_rows_free(&r);
	/* identical values: no differences */
	cmp("same\n", "same\n", VC_UNIFIED, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.ndiff, 0);
	vc_rows_free(&r);
	cmp("", "", VC_SIDE_BY_SIDE, &r);
	assert_int_equal(r.n, 0);
	vc_rows_free(&r);
}

static void test_bytes_kept_for_the_view(void **state)
{
	(void)state;
	struct vc_rows r;
	/* the view renders rows as values (textsafe): rows keep the bytes */
	cmp("x\x1b[2Jy\ttab\\", "x", VC_SIDE_BY_SIDE, &r);
	row(&r, 0, VC_CHANGED, "x\x1b[2Jy\ttab\\", "x");
	vc_rows_free(&r);
	/* a missing final newline is not a difference of lines */
	cmp("a\nb", "a\nb\n", VC_SIDE_BY_SIDE, &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.ndiff, 0);
	vc_rows_free(&r);
}

static void test_binary_hex(void **state)
{
	(void)state;
	unsigned char a[40], b[36];
	for (int i = 0; i < 40; i++)
		a[i] = (unsigned char)i;
	memcpy(b, a, 36);
	b[17] = 0xff;
	struct vc_rows r;
	assert_int_equal(value_compare(a, 40, b, 36, VC_SIDE_BY_SIDE, &r),
			 0);
	assert_true(r.binary);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.v[0].kind, VC_SAME);
	assert_int_equal(r.v[1].kind, VC_CHANGED);
	assert_int_equal(r.v[2].kind, VC_CHANGED); /* 8 vs 4 bytes */
	assert_non_null(strstr(r.v[1].right, "00000010  10 ff 12"));
	assert_non_null(strstr(r.v[0].left, "|................|"));
	/* the hex dump's printable column keeps its column on a short row */
	assert_int_equal(strchr(r.v[2].left, '|') - r.v[2].left,
			 strchr(r.v[0].left, '|') - r.v[0].left);
	vc_rows_free(&r);
	/* one side longer by whole rows: only-left rows */
	assert_int_equal(value_compare(a, 40, a, 16, VC_UNIFIED, &r), 0);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.v[0].kind, VC_SAME);
	assert_int_equal(r.v[1].kind, VC_ONLY_LEFT);
	assert_int_equal(r.v[2].kind, VC_ONLY_LEFT);
	vc_rows_free(&r);
	/* text against binary: both shown as hex */
	assert_int_equal(value_compare("abc", 3, "a\0c", 3, VC_UNIFIED, &r),
			 0);
	assert_true(r.binary);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.v[0].kind, VC_ONLY_LEFT);
	assert_int_equal(r.v[1].kind, VC_ONLY_RIGHT);
	vc_rows_free(&r);
}

static void test_big_falls_back_to_positions(void **state)
{
	(void)state;
	/* 3000 lines each, one changed: just that row differs */
	size_t n = 3000;
	char *a = malloc(n * 8), *b = malloc(n * 8);
	size_t la = 0, lb = 0;
	for (size_t i = 0; i < n; i++) {
		la += (size_t)sprintf(a + la, "%zu\n", i);
		lb += (size_t)sprintf(b + lb, "%zu\n", i == 1500 ? 0 : i);
	}
	struct vc_rows r;
	assert_int_equal(value_compare(a, la, b, lb, VC_SIDE_BY_SIDE, &r),
			 0);
	assert_int_equal(r.n, n);
	assert_int_equal(r.ndiff, 1);
	assert_int_equal(r.v[1500].kind, VC_CHANGED);
	vc_rows_free(&r);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_side_by_side_aligns),
		cmocka_unit_test(test_unified),
		cmocka_unit_test(test_bytes_kept_for_the_view),
		cmocka_unit_test(test_binary_hex),
		cmocka_unit_test(test_big_falls_back_to_positions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
