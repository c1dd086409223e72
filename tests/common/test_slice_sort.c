/* SPDX-License-Identifier: MIT */
/* test_slice_sort.c - tui/common/slice_sort: sorted and stable whatever
 * the slices, for ids and pointers; stopping half way leaves the
 * caller's array whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/slice_sort.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ids: sorted by (id / 8), so equal keys show stability */
static int by_eighth(const void *a, const void *b, void *ctx)
{
	uint32_t x = *(const uint32_t *)a / 8, y = *(const uint32_t *)b / 8;
	(*(size_t *)ctx)++;
	return x < y ? -1 : x > y;
}

static void test_ids_any_budget(void **state)
{
	(void)state;
	size_t sizes[] = {0, 1, 2, 15, 16, 17, 33, 1000, 65537};
	size_t budgets[] = {1, 7, 1000, (size_t)-1};
	unsigned seed = 3;
	for (size_t si = 0; si < 9; si++)
		for (size_t bi = 0; bi < 4; bi++) {
			size_t n = sizes[si], cmps = 0;
			uint32_t *v = malloc((n + 1) * sizeof *v);
			for (size_t i = 0; i < n; i++)
				v[i] = (uint32_t)(rand_r(&seed) % (n + 1)) * 8 +
				       0; /* low bits: position, below */
			for (size_t i = 0; i < n; i++)
				v[i] = (v[i] & ~7u) | (uint32_t)(i % 8);
			struct slice_sort s;
			assert_int_equal(slice_sort_init(&s, v, n, 4, by_eighth,
							 &cmps), 0);
			int steps = 0;
			while (!slice_sort_step(&s, budgets[bi]))
				assert_true(++steps < 10000000);
			assert_int_equal(slice_sort_left(&s), 0);
			slice_sort_done(&s);
			for (size_t i = 1; i < n; i++)
				assert_true(v[i - 1] / 8 <= v[i] / 8);
			free(v);
		}
}

static int by_string(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_pointers_and_stop(void **state)
{
	(void)state;
	const char *words[] = {"pear", "apple", "fig", "kiwi", "date", "plum",
			       "lime", "apple", "yuzu", "cherry", "banana",
			       "grape", "melon", "lemon", "mango", "olive",
			       "peach", "quince"};
	size_t n = sizeof words / sizeof words[0];
	const char **v = malloc(n * sizeof *v);
	memcpy(v, words, n * sizeof *v);
	struct slice_sort s;
	assert_int_equal(slice_sort_init(&s, v, n, sizeof *v, by_string, NULL),
			 0);
	while (!slice_sort_step(&s, 3))
		;
	slice_sort_done(&s);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(v[i - 1], v[i]) <= 0);
	/* stopped half way, in either array: the caller's stays its own */
	memcpy(v, words, n * sizeof *v);
	assert_int_equal(slice_sort_init(&s, v, n, sizeof *v, by_string, NULL),
			 0);
	for (int i = 0; i < 5; i++)
		slice_sort_step(&s, 4);
	slice_sort_done(&s);
	v[0] = "still mine";
	assert_int_equal(slice_sort_init(&s, v, n, 3, by_string, NULL), EINVAL);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_any_budget),
		cmocka_unit_test(test_pointers_and_stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
