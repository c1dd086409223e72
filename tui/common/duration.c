/* duration.c - human durations ("500ms", "2s") to milliseconds and back. */
#include "common/duration.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct duration_unit {
	const char *suffix;
	double ms;
};

static const struct duration_unit units[] = {
	{"ms", 1.0},       {"s", 1000.0},     {"m", 60000.0},
	{"h", 3600000.0},  {"d", 86400000.0}, {"", 1000.0},
};

int duration_parse(const char *text, long *ms)
{
	if (text == NULL || *text == '\0' || *text == '-' || *text == '+')
		return -1;
	errno = 0;
	char *end;
	double value = strtod(text, &end);
	if (errno != 0 || end == text || !isfinite(value) || value < 0)
		return -1;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strcmp(end, units[i].suffix) != 0)
			continue;
		double total = value * units[i].ms;
		if (total >= (double)LONG_MAX)
			return -1;
		*ms = (long)(total + 0.5);
		return 0;
	}
	return -1;
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
