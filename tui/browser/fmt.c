/* SPDX-License-Identifier: MIT */
/*
 * fmt.c - short human forms of sizes, ages and counts.
 */
#include "browser/fmt.h"

#include <stdio.h>

void fmt_size(uint64_t size, char *buf, size_t bufsize)
{
	static const char units[] = "KMGTPE";
	double v = (double)size;
	int u = -1;

	if (size < 1024) {
		snprintf(buf, bufsize, "%u B", (unsigned)size);
		return;
	}
	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	if (v < 9.95)
		snprintf(buf, bufsize, "%.1f%c", v, units[u]);
	else
		snprintf(buf, bufsize, "%.0f%c", v, units[u]);
}

void fmt_age(time_t then, time_t now, char *buf, size_t bufsize)
{
	long long d = (long long)now - (long long)then;

	if (d < 0)
		snprintf(buf, bufsize, "future");
	else if (d < 1)
		snprintf(buf, bufsize, "now");
	else if (d < 60)
		snprintf(buf, bufsize, "%llds", d);
	else if (d < 3600)
		snprintf(buf, bufsize, "%lldm", d / 60);
	else if (d < 86400)
		snprintf(buf, bufsize, "%lldh", d / 3600);
	else if (d < 86400LL * 14)
		snprintf(buf, bufsize, "%lldd", d / 86400);
	else if (d < 86400LL * 365)
		snprintf(buf, bufsize, "%lldw", d / (86400LL * 7));
	else
		snprintf(buf, bufsize, "%lldy", d / (86400LL * 365));
}

void fmt_count(uint64_t n, char *buf, size_t bufsize)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%llu",
			   (unsigned long long)n);
	size_t o = 0;

	if (bufsize == 0)
		return;
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0 && o + 1 < bufsize)
			buf[o++] = ',';
		if (o + 1 < bufsize)
			buf[o++] = digits[i];
	}
	buf[o] = '\0';
}
