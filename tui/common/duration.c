/* SPDX-License-Identifier: MIT */
/* duration.c - human durations ("500ms", "2s") to milliseconds and back.
 * Parsed by hand in integers: strtod would follow LC_NUMERIC (rejecting
 * "1.5s" under a German locale) and accept exponents, hex and spaces. */
#include "common/duration.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The largest result, as the clock's arithmetic and `long` allow. */
static uint64_t duration_max(void)
{
	uint64_t max = (uint64_t)DURATION_MAX_MS;
	return (uint64_t)LONG_MAX < max ? (uint64_t)LONG_MAX : max;
}

/* The unit at `s` (the rest of the text): its milliseconds, or 0 when the
 * rest is not exactly one unit. */
static uint64_t duration_unit(const char *s)
{
	static const struct {
		const char *suffix;
		uint64_t ms;
	} units[] = {
		{"", 1000},      {"ms", 1},          {"s", 1000},
		{"m", 60000},    {"h", 3600000},     {"d", 86400000},
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(s, units[i].suffix) == 0)
			return units[i].ms;
	return 0;
}

static int duration_digit(char c)
{
	return c >= '0' && c <= '9';
}

int duration_parse(const char *text, long *ms)
{
	const uint64_t max = duration_max();
	const char *p = text;
	uint64_t whole = 0, frac = 0, scale = 1;
	int nonzero = 0;

	if (p == NULL || !duration_digit(*p))
		return -1;
	/* The whole part saturates just above the maximum: it is clamped
	 * below anyway, and the rest of the text is still checked. */
	for (; duration_digit(*p); p++) {
		nonzero |= *p != '0';
		if (whole <= max)
			whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		p++;
		if (!duration_digit(*p))
			return -1;
		/* Nine digits are more than a millisecond needs; the rest
		 * must still be digits. */
		for (; duration_digit(*p); p++) {
			nonzero |= *p != '0';
			if (scale < 1000000000) {
				frac = frac * 10 + (uint64_t)(*p - '0');
				scale *= 10;
			}
		}
	}
	uint64_t unit = duration_unit(p);
	if (unit == 0)
		return -1;
	uint64_t total;
	if (whole > max / unit) {
		total = max;
	} else {
		/* frac < scale <= 1e9 and unit <= 8.64e7: no overflow */
		total = whole * unit + (frac * unit * 2 + scale) / (scale * 2);
		if (total > max)
			total = max;
	}
	if (total == 0 && nonzero)
		total = 1;
	*ms = (long)total;
	return 0;
}

void duration_format(long ms, char *buf, unsigned long size)
{
	if (ms < 1000)
		snprintf(buf, size, "%ldms", ms);
	else if (ms < 60000)
		snprintf(buf, size, ms % 1000 ? "%.1fs" : "%.0fs", ms / 1000.0);
	else if (ms < 3600000)
		snprintf(buf, size, "%ldm", ms / 60000);
	else if (ms < 86400000)
		snprintf(buf, size, "%ldh", ms / 3600000);
	else
		snprintf(buf, size, "%ldd", ms / 86400000);
}

void duration_format_exact(long ms, char *buf, unsigned long size)
{
	static const struct {
		const char *suffix;
		long ms;
	} exact[] = {{"d", 86400000L}, {"h", 3600000L}, {"m", 60000L},
		     {"s", 1000L}};
	if (ms == 0) {
		snprintf(buf, size, "0s");
		return;
	}
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
		if (ms % exact[i].ms == 0) {
			snprintf(buf, size, "%ld%s", ms / exact[i].ms,
				 exact[i].suffix);
			return;
		}
	}
	snprintf(buf, size, "%ldms", ms);
}
