/* hexmodel.c - hex dump layout and nibble editing. */
#include "editor/hexmodel.h"

#include <stdio.h>
#include <string.h>

static int offset_digits(size_t len)
{
	int d = 8;
	while (d < 16 && (len >> (4 * d)) != 0)
		d++;
	return d;
}

int hexmodel_row_width(const struct hexmodel_layout *lay)
{
	int n = lay->per_row;
	/* offset, 2 spaces, "xx " per byte, group gap, " |", text, "|" */
	return lay->off_digits + 2 + 3 * n + (n > 8 ? 1 : 0) + 2 + n + 1;
}

struct hexmodel_layout hexmodel_layout_for(int width, size_t len)
{
	struct hexmodel_layout lay = { 16, offset_digits(len) };
	while (lay.per_row > 4 && hexmodel_row_width(&lay) > width)
		lay.per_row /= 2;
	return lay;
}

int hexmodel_hex_column(const struct hexmodel_layout *lay, int i, int nibble)
{
	return lay->off_digits + 2 + 3 * i + (i >= 8 ? 1 : 0) + nibble;
}

int hexmodel_text_column(const struct hexmodel_layout *lay, int i)
{
	int n = lay->per_row;
	return lay->off_digits + 2 + 3 * n + (n > 8 ? 1 : 0) + 2 + i;
}

void hexmodel_format_row(const struct gapbuf *gb, const struct hexmodel_layout *lay,
		    size_t off, char *buf, size_t size)
{
	int width = hexmodel_row_width(lay);
	if (size < (size_t)width + 1) {
		if (size > 0)
			buf[0] = '\0';
		return;
	}
	memset(buf, ' ', (size_t)width);
	buf[width] = '\0';
	char tmp[20];
	snprintf(tmp, sizeof tmp, "%0*zx", lay->off_digits, off);
	memcpy(buf, tmp, strlen(tmp));
	size_t len = gapbuf_len(gb);
	int tcol = hexmodel_text_column(lay, 0);
	int shown = 0;
	for (int i = 0; i < lay->per_row && off + (size_t)i < len; i++) {
		unsigned char b = gapbuf_at(gb, off + (size_t)i);
		snprintf(tmp, sizeof tmp, "%02x", b);
		memcpy(buf + hexmodel_hex_column(lay, i, 0), tmp, 2);
		buf[tcol + i] = b >= 0x20 && b < 0x7f ? (char)b : '.';
		shown++;
	}
	buf[tcol - 1] = '|';
	buf[tcol + shown] = '|';
	/* trim trailing blanks */
	int end = width;
	while (end > 0 && buf[end - 1] == ' ')
		end--;
	buf[end] = '\0';
}

int hexmodel_digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Replace the byte at pos by `b` as one undo step. */
static int replace_byte(struct edbuf *eb, size_t pos, unsigned char b)
{
	edbuf_group_begin(eb);
	int err = edbuf_delete(eb, pos, 1, EDBUF_MERGE_NONE);
	if (!err)
		err = edbuf_insert(eb, pos, &b, 1, EDBUF_MERGE_NONE);
	edbuf_group_end(eb);
	return err;
}

int hexmodel_type_nibble(struct edbuf *eb, struct hexmodel_cursor *cur, int value,
		    int insert)
{
	size_t len = edbuf_len(eb);
	int err;
	edbuf_break(eb);
	if (cur->pos >= len || (insert && cur->nibble == 0)) {
		unsigned char b = (unsigned char)(value << 4);
		err = edbuf_insert(eb, cur->pos, &b, 1, EDBUF_MERGE_NONE);
		if (!err)
			cur->nibble = 1;
		return err;
	}
	unsigned char old = gapbuf_at(&eb->gb, cur->pos);
	unsigned char b = cur->nibble == 0
		? (unsigned char)((old & 0x0f) | (value << 4))
		: (unsigned char)((old & 0xf0) | value);
	err = replace_byte(eb, cur->pos, b);
	if (err)
		return err;
	if (cur->nibble == 0) {
		cur->nibble = 1;
	} else {
		cur->nibble = 0;
		cur->pos++;
	}
	return 0;
}

int hexmodel_type_byte(struct edbuf *eb, struct hexmodel_cursor *cur,
		  unsigned char byte, int insert)
{
	int err;
	edbuf_break(eb);
	if (cur->pos >= edbuf_len(eb) || insert)
		err = edbuf_insert(eb, cur->pos, &byte, 1, EDBUF_MERGE_NONE);
	else
		err = replace_byte(eb, cur->pos, byte);
	if (!err) {
		cur->pos++;
		cur->nibble = 0;
	}
	return err;
}
