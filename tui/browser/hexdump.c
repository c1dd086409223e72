/*
 * hexdump.c - formatting of hex dump lines (offset, hex bytes, printable).
 */
#include "browser/hexdump.h"

#include <stdio.h>

int hexdump_line_width(int per_line)
{
	/* "%08x  " + "xx " per byte + a gap after every 8 + "|...|" */
	return 10 + per_line * 3 + (per_line / 8 - (per_line >= 8)) + 2 +
	       per_line;
}

int hexdump_per_line(int cols)
{
	if (cols >= hexdump_line_width(16))
		return 16;
	if (cols >= hexdump_line_width(8))
		return 8;
	return 4;
}

uint64_t hexdump_lines(uint64_t len, int per_line)
{
	return (len + (uint64_t)per_line - 1) / (uint64_t)per_line;
}

size_t hexdump_line(const void *data, size_t len, uint64_t line,
		    int per_line, char *out, size_t out_size)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = data;
	uint64_t start = line * (uint64_t)per_line;
	size_t o, n, i;

	if (out_size == 0)
		return 0;
	out[0] = '\0';
	if (start >= len || out_size < (size_t)hexdump_line_width(per_line) + 16)
		return 0;
	n = len - start < (size_t)per_line ? len - start : (size_t)per_line;
	o = (size_t)snprintf(out, out_size, "%08llx  ",
			     (unsigned long long)start);
	for (i = 0; i < (size_t)per_line; i++) {
		if (i > 0 && i % 8 == 0)
			out[o++] = ' ';
		if (i < n) {
			out[o++] = hex[p[start + i] >> 4];
			out[o++] = hex[p[start + i] & 15];
		} else {
			out[o++] = ' ';
			out[o++] = ' ';
		}
		out[o++] = ' ';
	}
	out[o++] = '|';
	for (i = 0; i < n; i++) {
		unsigned char c = p[start + i];
		out[o++] = c >= 0x20 && c < 0x7f ? (char)c : '.';
	}
	out[o++] = '|';
	out[o] = '\0';
	return o;
}
