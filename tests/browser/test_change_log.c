/* SPDX-License-Identifier: MIT */
/*
 * test_change_log.c - the recent-changes log: kinds, bursts merged,
 * newest first, bounded memory (the oldest go), names kept as bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "browser/change_log.h"

#include <stdio.h>
#include <string.h>

static void test_kinds_and_bursts(void **state)
{
	(void)state;
	struct change_log cl;
	assert_int_equal(change_log_init(&cl, 10), 0);
	assert_int_equal(change_log_add(&cl, 1000, "users", "alice", 5, 0, 0),
			 0);
	/* the same write's other events: one entry */
	change_log_add(&cl, 1200, "users", "alice", 5, 0, 1);
	change_log_add(&cl, 1300, "users", "alice", 5, 0, 1);
	assert_int_equal(change_log_count(&cl), 1);
	const struct change_entry *e = change_log_get(&cl, 0);
	assert_int_equal(e->kind, CHANGE_CREATED);
	assert_int_equal(e->count, 3);
	assert_int_equal(e->when_ms, 1300);
	/* later: a change; then a delete; another table's key apart */
	change_log_add(&cl, 5000, "users", "alice", 5, 0, 1);
	change_log_add(&cl, 5100, "users", "alice", 5, 1, 1);
	change_log_add(&cl, 5200, "", "alice", 5, 0, -1);
	assert_int_equal(change_log_count(&cl), 4);
	const char *kinds[] = {"written", "deleted", "changed", "created"};
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(
			change_kind_name(change_log_get(&cl, i)->kind),
			kinds[i]);
	assert_string_equal(change_log_get(&cl, 0)->table, "");
	assert_null(change_log_get(&cl, 4));
	/* bytes of a name are kept as they are */
	change_log_add(&cl, 6000, "users", "a\x1b\xff", 3, 0, 0);
	assert_memory_equal(change_log_get(&cl, 0)->key, "a\x1b\xff", 4);
	change_log_done(&cl);
}

static void test_bounded(void **state)
{
	(void)state;
	struct change_log cl;
	char key[32];
	assert_int_equal(change_log_init(&cl, 100), 0);
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(change_log_add(&cl, i * 10LL, "t", key,
						strlen(key), i % 2, 1), 0);
	}
	assert_int_equal(change_log_count(&cl), 100);
	assert_int_equal(cl.total, 100000);
	assert_string_equal(change_log_get(&cl, 0)->key, "k99999");
	assert_string_equal(change_log_get(&cl, 99)->key, "k99900");
	change_log_done(&cl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_and_bursts),
		cmocka_unit_test(test_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
