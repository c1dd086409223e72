/* SPDX-License-Identifier: MIT */
/* hexmodel.c - nibble and byte editing in hex mode. */
#include "editor/hexmodel.h"

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
