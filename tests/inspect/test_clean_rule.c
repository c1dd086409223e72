/* SPDX-License-Identifier: MIT */
/* test_clean_rule.c - the one cleaning rule (store protocol section 9):
 * every combination of age, the file's lock, the key's lock and being the
 * newest temp of its key, the boundaries of the stale age, clocks that
 * disagree, and the sentence that says why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "inspect/clean_rule.h"

#include <stdio.h>
#include <string.h>

#define HOUR_MS (3600L * 1000L)

static const struct timespec now = {1700000000, 500000000};

static struct timespec ago_ms(long long ms)
{
	long long ns = (long long)now.tv_sec * 1000000000LL + now.tv_nsec -
		       ms * 1000000LL;
	struct timespec t = {(time_t)(ns / 1000000000LL),
			     (long)(ns % 1000000000LL)};
	return t;
}

static enum clean_verdict decide(long long age_ms, enum clean_lock lock,
				 enum clean_lock key_lock, int newest)
{
	struct clean_facts f = {ago_ms(age_ms), lock, key_lock, newest};
	return clean_rule_decide(&f, now, HOUR_MS);
}

/* All three conditions, each alone failing. */
static void test_every_combination(void **state)
{
	(void)state;
	const long long ages[] = {2 * HOUR_MS, 5000};
	const enum clean_lock locks[] = {CLEAN_LOCK_NONE, CLEAN_LOCK_HELD,
					 CLEAN_LOCK_UNKNOWN};
	for (int a = 0; a < 2; a++)
		for (int l = 0; l < 3; l++)
			for (int k = 0; k < 3; k++)
				for (int n = 0; n < 2; n++) {
			enum clean_verdict v =
				decide(ages[a], locks[l], locks[k], n);
			enum clean_verdict want;
			if (locks[l] == CLEAN_LOCK_HELD)
				want = CLEAN_KEEP_LOCKED;
			else if (n && locks[k] == CLEAN_LOCK_HELD)
				want = CLEAN_KEEP_KEY_WRITER;
			else if (a == 1)
				want = CLEAN_KEEP_YOUNG;
			else if (locks[l] == CLEAN_LOCK_UNKNOWN ||
				 (n && locks[k] == CLEAN_LOCK_UNKNOWN))
				want = CLEAN_KEEP_LOCK_UNKNOWN;
			else
				want = CLEAN_REMOVABLE;
			if (v != want)
				fail_msg("age %lld lock %d key %d newest %d: %s, "
					 "expected %s", ages[a], l, k, n,
					 clean_verdict_name(v),
					 clean_verdict_name(want));
				}
	/* an older temp of a key being written is fair game */
	assert_int_equal(decide(2 * HOUR_MS, CLEAN_LOCK_NONE, CLEAN_LOCK_HELD, 0),
			 CLEAN_REMOVABLE);
}

static void test_stale_age_boundaries(void **state)
{
	(void)state;
	assert_int_equal(decide(HOUR_MS, CLEAN_LOCK_NONE, CLEAN_LOCK_NONE, 1),
			 CLEAN_KEEP_YOUNG);
	assert_int_equal(decide(HOUR_MS + 1, CLEAN_LOCK_NONE, CLEAN_LOCK_NONE, 1),
			 CLEAN_REMOVABLE);
	/* a file seconds old is never stale, whatever else holds */
	for (long long s = 0; s < 60; s += 7)
		assert_int_equal(decide(s * 1000, CLEAN_LOCK_NONE,
					CLEAN_LOCK_NONE, 0),
				 CLEAN_KEEP_YOUNG);
	/* dated in the future (another machine's clock): young */
	assert_int_equal(decide(-10 * HOUR_MS, CLEAN_LOCK_NONE, CLEAN_LOCK_NONE, 0),
			 CLEAN_KEEP_YOUNG);
	/* a stale age of 0 or less never makes anything stale */
	struct clean_facts f = {ago_ms(99 * HOUR_MS), CLEAN_LOCK_NONE,
				CLEAN_LOCK_NONE, 0};
	assert_int_equal(clean_rule_decide(&f, now, 0), CLEAN_KEEP_YOUNG);
	assert_int_equal(clean_rule_decide(&f, now, -5), CLEAN_KEEP_YOUNG);
	/* the age counts nanoseconds, across a second boundary */
	struct timespec m = {now.tv_sec - 1, 900000000};
	assert_int_equal(clean_rule_age_ms(m, now), 600);
}

static void why(enum clean_verdict v, long long age_ms, char *buf,
		size_t size)
{
	struct clean_facts f = {ago_ms(age_ms), CLEAN_LOCK_NONE,
				CLEAN_LOCK_NONE, 0};
	clean_rule_why(v, &f, now, HOUR_MS, buf, size);
}

static void test_why(void **state)
{
	(void)state;
	char buf[160];
	why(CLEAN_REMOVABLE, 2 * HOUR_MS, buf, sizeof buf);
	assert_string_equal(buf, "removable: 2h old, no lock held");
	why(CLEAN_KEEP_YOUNG, 12345, buf, sizeof buf);
	assert_string_equal(buf, "kept: 12s old, stale after 1h");
	why(CLEAN_KEEP_YOUNG, 300, buf, sizeof buf);
	assert_string_equal(buf, "kept: under 1s old, stale after 1h");
	why(CLEAN_KEEP_YOUNG, -5000, buf, sizeof buf);
	assert_string_equal(buf, "kept: dated in the future, stale after 1h");
	why(CLEAN_KEEP_LOCKED, 2 * HOUR_MS, buf, sizeof buf);
	assert_non_null(strstr(buf, "holds a lock"));
	why(CLEAN_KEEP_KEY_WRITER, 2 * HOUR_MS, buf, sizeof buf);
	assert_non_null(strstr(buf, "newest temp"));
	why(CLEAN_KEEP_LOCK_UNKNOWN, 2 * HOUR_MS, buf, sizeof buf);
	assert_non_null(strstr(buf, "cannot tell"));
	/* cut to the buffer, always terminated */
	why(CLEAN_KEEP_YOUNG, 12345, buf, 8);
	assert_string_equal(buf, "kept: 1");
	assert_string_equal(clean_verdict_name(CLEAN_REMOVABLE), "removable");
	assert_string_equal(clean_verdict_name(CLEAN_KEEP_KEY_WRITER),
			    "key-writer");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_combination),
		cmocka_unit_test(test_stale_age_boundaries),
		cmocka_unit_test(test_why),
	};
	return cmocka_run_group_tests_name("clean rule", tests, NULL, NULL);
}
