/* SPDX-License-Identifier: MIT */
/* test_selection.c - tui/common/selection: picking, counting, lists of
 * ids (the rows a filter shows), inverting, walking and renumbering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/selection.h"

#include <errno.h>
#include <stdlib.h>

static void test_set_toggle_count(void **state)
{
	(void)state;
	struct selection s;
	selection_init(&s);
	assert_false(selection_has(&s, 5));
	assert_int_equal(selection_set(&s, 5, 1), 1);
	assert_int_equal(selection_set(&s, 5, 1), 0); /* already */
	assert_int_equal(selection_set(&s, 70000, 1), 1);
	assert_int_equal(selection_count(&s), 2);
	assert_true(selection_has(&s, 70000));
	assert_false(selection_has(&s, 70001));
	assert_int_equal(selection_toggle(&s, 5), 0);
	assert_int_equal(selection_toggle(&s, 6), 1);
	assert_int_equal(selection_count(&s), 2);
	/* dropping what was never picked changes nothing, needs no room */
	assert_int_equal(selection_set(&s, 4000000, 0), 0);
	assert_int_equal(selection_set(&s, SELECTION_NONE, 1), 0);
	assert_int_equal(selection_count(&s), 2);
	selection_clear(&s);
	assert_int_equal(selection_count(&s), 0);
	assert_false(selection_has(&s, 6));
	selection_done(&s);
	selection_done(&s); /* twice is fine */
}

static void test_lists_of_ids(void **state)
{
	(void)state;
	struct selection s;
	selection_init(&s);
	uint32_t shown[] = {1, 3, 5, SELECTION_NONE, 7};
	assert_int_equal(selection_set(&s, 3, 1), 0 + 1);
	assert_int_equal(selection_set(&s, 100, 1), 1); /* filtered out */
	assert_int_equal(selection_set_ids(&s, shown, 5, 1), 0);
	assert_int_equal(selection_count(&s), 5); /* 1 3 5 7 100 */
	assert_int_equal(selection_invert_ids(&s, shown, 5), 0);
	assert_int_equal(selection_count(&s), 1); /* only 100 stays */
	assert_true(selection_has(&s, 100));
	assert_int_equal(selection_invert_ids(&s, shown, 5), 0);
	assert_int_equal(selection_set_ids(&s, shown, 5, 0), 0);
	assert_int_equal(selection_count(&s), 1);
	assert_true(selection_has(&s, 100));
	selection_done(&s);
}

static void test_next_walks_in_order(void **state)
{
	(void)state;
	struct selection s;
	selection_init(&s);
	uint32_t want[] = {0, 63, 64, 1000, 123456};
	for (int i = 4; i >= 0; i--)
		assert_int_equal(selection_set(&s, want[i], 1), 1);
	uint32_t id = selection_next(&s, 0);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(id, want[i]);
		id = selection_next(&s, id + 1);
	}
	assert_int_equal(id, SELECTION_NONE);
	assert_int_equal(selection_next(&s, 123457), SELECTION_NONE);
	assert_int_equal(selection_next(&s, SELECTION_NONE), SELECTION_NONE);
	selection_done(&s);
}

static void test_remap_follows_items(void **state)
{
	(void)state;
	struct selection s;
	selection_init(&s);
	/* items 0..9; 2 and 5 picked, 9 picked then renumbered away */
	selection_set(&s, 2, 1);
	selection_set(&s, 5, 1);
	selection_set(&s, 9, 1);
	selection_set(&s, 12, 1); /* beyond the map: dropped */
	uint32_t map[10];
	for (uint32_t i = 0; i < 10; i++)
		map[i] = i % 3 == 0 ? SELECTION_NONE : i / 2;
	assert_int_equal(selection_remap(&s, map, 10), 0);
	assert_int_equal(selection_count(&s), 2);
	assert_true(selection_has(&s, 1)); /* 2 -> 1 */
	assert_true(selection_has(&s, 2)); /* 5 -> 2 */
	assert_false(selection_has(&s, 5));
	selection_done(&s);
}

/* A million ids picked and inverted in one pass each. */
static void test_a_million(void **state)
{
	(void)state;
	uint32_t n = 1000000;
	uint32_t *ids = malloc(n * sizeof *ids);
	assert_non_null(ids);
	for (uint32_t i = 0; i < n; i++)
		ids[i] = n - 1 - i;
	struct selection s;
	selection_init(&s);
	assert_int_equal(selection_set_ids(&s, ids, n / 2, 1), 0);
	assert_int_equal(selection_count(&s), n / 2);
	assert_int_equal(selection_invert_ids(&s, ids, n), 0);
	assert_int_equal(selection_count(&s), n / 2);
	assert_true(selection_has(&s, 0));
	assert_false(selection_has(&s, n - 1));
	selection_done(&s);
	free(ids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_toggle_count),
		cmocka_unit_test(test_lists_of_ids),
		cmocka_unit_test(test_next_walks_in_order),
		cmocka_unit_test(test_remap_follows_items),
		cmocka_unit_test(test_a_million),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
