/* SPDX-License-Identifier: MIT */
/* hexdump.c - hex dump rows (see hexdump.h). */
#include "common/hexdump.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Columns before the hex part: the offset and two spaces. */
static int offset_width(const struct hexdump_layout *lay)
{
	return lay->off_digits > 0 ? lay->off_digits + 2 : 0;
}

int hexdump_row_width(const struct hexdump_layout *lay)
{
	int n = lay->per_row;
	/* "xx " per byte, the gap after 8, " |", the text, "|" */
	return offset_width(lay) + 3 * n + (n > 8) + 2 + n + 1;
}

struct hexdump_layout hexdump_layout_for(int width, uint64_t len)
{
	return hexdump_layout_max(width, len, 16);
}

struct hexdump_layout hexdump_layout_max(int width, uint64_t len,
					 int max_per_row)
{
	struct hexdump_layout lay = {16, 8};

	while (lay.per_row > 4 && lay.per_row > max_per_row)
		lay.per_row /= 2;

	while (lay.off_digits < 16 && (len >> (4 * lay.off_digits)) != 0)
		lay.off_digits++;
	while (lay.per_row > 4 && hexdump_row_width(&lay) > width)
		lay.per_row /= 2;
	return lay;
}

uint64_t hexdump_rows(uint64_t len, const struct hexdump_layout *lay)
{
	return len / (uint64_t)lay->per_row +
	       (len % (uint64_t)lay->per_row != 0);
}

int hexdump_hex_column(const struct hexdump_layout *lay, int i, int nibble)
{
	return offset_width(lay) + 3 * i + (i >= 8) + nibble;
}

int hexdump_text_column(const struct hexdump_layout *lay, int i)
{
	int n = lay->per_row;
	return offset_width(lay) + 3 * n + (n > 8) + 2 + i;
}

size_t hexdump_format_row(const struct hexdump_layout *lay, uint64_t off,
			  const void *bytes, size_t n, char *buf, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = bytes;
	int width = hexdump_row_width(lay), tcol = hexdump_text_column(lay, 0);

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (size < (size_t)width + 1)
		return 0;
	if (n > (size_t)lay->per_row)
		n = (size_t)lay->per_row;
	memset(buf, ' ', (size_t)width);
	for (int d = 0; d < lay->off_digits; d++)
		buf[d] = hex[(off >> (4 * (lay->off_digits - 1 - d))) & 15];
	for (size_t i = 0; i < n; i++) {
		int c = hexdump_hex_column(lay, (int)i, 0);
		buf[c] = hex[p[i] >> 4];
		buf[c + 1] = hex[p[i] & 15];
		buf[tcol + (int)i] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i]
								 : '.';
	}
	buf[tcol - 1] = '|';
	buf[tcol + (int)n] = '|';
	buf[tcol + (int)n + 1] = '\0';
	return (size_t)tcol + n + 1;
}

int hexdump_digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int hexdump_text(const void *data, size_t len,
		 const struct hexdump_layout *lay, char **out,
		 size_t *out_len)
{
	const unsigned char *p = data;
	size_t per = (size_t)lay->per_row, rows = len / per + (len % per != 0);
	size_t row_max = (size_t)hexdump_row_width(lay) + 1;

	*out = NULL;
	*out_len = 0;
	if (rows > (SIZE_MAX - 1) / row_max)
		return ENOMEM;
	char *buf = malloc(rows * row_max + 1);
	if (buf == NULL)
		return ENOMEM;
	size_t o = 0;
	for (size_t r = 0; r < rows; r++) {
		size_t at = r * per, n = len - at < per ? len - at : per;
		o += hexdump_format_row(lay, at, p + at, n, buf + o, row_max);
		buf[o++] = '\n';
	}
	buf[o] = '\0';
	*out = buf;
	*out_len = o;
	return 0;
}
