/* SPDX-License-Identifier: MIT */
/* test_duration.c - tui/common/duration: every accepted form with its
 * value, every refused form, rounding, clamping, and independence from
 * the locale's decimal point. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/duration.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

static const struct {
	const char *text;
	long long ms;
} accepted[] = {
	/* every unit, and a bare number (seconds) */
	{"500ms", 500},     {"2s", 2000},        {"3m", 180000},
	{"1h", 3600000},    {"2d", 172800000},   {"2", 2000},
	/* fractions */
	{"1.5s", 1500},     {"0.25s", 250},      {"1.5", 1500},
	{"0.5m", 30000},    {"1.25h", 4500000},  {"0.5d", 43200000},
	{"2.5ms", 3},       /* half up */
	{"2.4ms", 2},       {"0.0004s", 1},      /* non-zero: at least 1 ms */
	{"1.0009s", 1001},  {"1.00049s", 1000},
	/* more digits than a millisecond needs */
	{"1.123456789012345s", 1123},
	/* leading zeros are digits like any other */
	{"007s", 7000},     {"00.5s", 500},
	/* zero is a duration (callers decide whether it is allowed) */
	{"0", 0},           {"0s", 0},           {"0ms", 0},
	{"0.0s", 0},        {"000", 0},
};

static const char *const refused[] = {
	"", "s", "ms", ".5s", "1.s", "1.", ".", "-1s", "+1s", " 1s", "1s ",
	"1 s", "1\ts", "1e3s", "1e3", "1E3", "0x10s", "0x10", "1,5s", "1,5",
	"1.5.5s", "1sec", "1S", "1MS", "1mss", "1ss", "1us", "1w", "1y",
	"inf", "nan", "infinity", "1..5s", "1:30", "1h30m", "\xd9\xa1s",
	"1\ns", "１s", "1.5 s",
};

static void test_accepted_forms(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
		long ms = -42;
		print_message("%s\n", accepted[i].text);
		assert_int_equal(duration_parse(accepted[i].text, &ms), 0);
		assert_int_equal(ms, accepted[i].ms);
	}
}

static void test_refused_forms(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		long ms = -42;
		print_message("'%s'\n", refused[i]);
		assert_int_equal(duration_parse(refused[i], &ms), -1);
		assert_int_equal(ms, -42); /* left alone */
	}
	long ms = -42;
	assert_int_equal(duration_parse(NULL, &ms), -1);
	assert_int_equal(ms, -42);
}

static long long max_ms(void)
{
	return (long long)LONG_MAX < DURATION_MAX_MS ? (long long)LONG_MAX
						     : DURATION_MAX_MS;
}

/* Too long for the clock: clamped to the maximum, never overflowed into
 * a small or negative number (99999999h once expired at once). */
static void test_clamped(void **state)
{
	(void)state;
	const char *huge[] = {
		"99999999h", "36500d", "36501d", "99999999999999999999999999s",
		"99999999999999999999999999999999999999.9d",
		"18446744073709551616ms", "9223372036854775807ms",
		"9223372036854775808", "5000000000000000000m",
	};
	for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
		long ms = 0;
		print_message("%s\n", huge[i]);
		assert_int_equal(duration_parse(huge[i], &ms), 0);
		assert_int_equal(ms, max_ms());
	}
	/* 100 years exactly is the maximum itself; just below stays */
	long ms = 0;
	assert_int_equal(duration_parse("36499d", &ms), 0);
	if (max_ms() == DURATION_MAX_MS)
		assert_int_equal(ms, 36499LL * 86400000LL);
	/* clamped, but the grammar still holds past the saturation */
	assert_int_equal(duration_parse("99999999999999999999999x", &ms), -1);
	assert_int_equal(duration_parse("99999999999999999999.5.5s", &ms), -1);
}

/* The decimal point is '.' whatever the locale (when one with a decimal
 * comma is installed; the C.UTF-8 run covers the rest). */
static void test_locale_independent(void **state)
{
	(void)state;
	const char *locales[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8"};
	for (size_t i = 0; i < sizeof locales / sizeof locales[0]; i++) {
		if (setlocale(LC_ALL, locales[i]) == NULL)
			continue;
		long ms = 0;
		assert_int_equal(duration_parse("1.5s", &ms), 0);
		assert_int_equal(ms, 1500);
		assert_int_equal(duration_parse("1,5s", &ms), -1);
	}
	setlocale(LC_ALL, "C");
}

static void test_format(void **state)
{
	(void)state;
	char buf[32];
	duration_format(450, buf, sizeof buf);
	assert_string_equal(buf, "450ms");
	duration_format(2500, buf, sizeof buf);
	assert_string_equal(buf, "2.5s");
	duration_format(3000, buf, sizeof buf);
	assert_string_equal(buf, "3s");
	duration_format(180000, buf, sizeof buf);
	assert_string_equal(buf, "3m");
	duration_format(7200000, buf, sizeof buf);
	assert_string_equal(buf, "2h");
	duration_format(4 * 86400000L, buf, sizeof buf);
	assert_string_equal(buf, "4d");
	/* what format writes, parse reads back */
	long ms = 0;
	duration_format(2500, buf, sizeof buf);
	assert_int_equal(duration_parse(buf, &ms), 0);
	assert_int_equal(ms, 2500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted_forms),
		cmocka_unit_test(test_refused_forms),
		cmocka_unit_test(test_clamped),
		cmocka_unit_test(test_locale_independent),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
