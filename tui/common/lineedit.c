/* SPDX-License-Identifier: MIT */
/* lineedit.c - one-line prompt text editing (see lineedit.h). */
#include "common/lineedit.h"

#include "common/textsafe.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int lineedit_init(struct lineedit *le, const char *initial)
{
	memset(le, 0, sizeof *le);
	le->cap = 64;
	le->text = malloc(le->cap);
	if (le->text == NULL)
		return ENOMEM;
	le->text[0] = '\0';
	if (initial != NULL)
		return lineedit_insert(le, initial, strlen(initial));
	return 0;
}

void lineedit_done(struct lineedit *le)
{
	free(le->text);
	memset(le, 0, sizeof *le);
}

int lineedit_set(struct lineedit *le, const char *text)
{
	size_t n = strlen(text);
	if (n + 1 > le->cap) {
		char *nt = realloc(le->text, n + 1);
		if (nt == NULL)
			return ENOMEM;
		le->text = nt;
		le->cap = n + 1;
	}
	memcpy(le->text, text, n + 1);
	le->len = n;
	le->cursor = n;
	return 0;
}

int lineedit_insert(struct lineedit *le, const char *s, size_t n)
{
	if (le->len + n + 1 > le->cap) {
		size_t cap = le->cap;
		while (le->len + n + 1 > cap)
			cap *= 2;
		char *nt = realloc(le->text, cap);
		if (nt == NULL)
			return ENOMEM;
		le->text = nt;
		le->cap = cap;
	}
	memmove(le->text + le->cursor + n, le->text + le->cursor,
		le->len - le->cursor + 1);
	memcpy(le->text + le->cursor, s, n);
	le->len += n;
	le->cursor += n;
	return 0;
}

static int is_cont(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

static size_t prev_char(const struct lineedit *le, size_t pos)
{
	size_t orig = pos;
	if (pos == 0)
		return 0;
	pos--;
	/* at most 3 continuation bytes belong to one character */
	while (pos > 0 && is_cont(le->text[pos]) && orig - pos < 4)
		pos--;
	return pos;
}

static size_t next_char(const struct lineedit *le, size_t pos)
{
	if (pos >= le->len)
		return le->len;
	pos++;
	while (pos < le->len && is_cont(le->text[pos]))
		pos++;
	return pos;
}

static void cut(struct lineedit *le, size_t from, size_t to)
{
	memmove(le->text + from, le->text + to, le->len - to + 1);
	le->len -= to - from;
	if (le->cursor > to)
		le->cursor -= to - from;
	else if (le->cursor > from)
		le->cursor = from;
}

void lineedit_backspace(struct lineedit *le)
{
	size_t p = prev_char(le, le->cursor);
	cut(le, p, le->cursor);
}

void lineedit_delete(struct lineedit *le)
{
	cut(le, le->cursor, next_char(le, le->cursor));
}

void lineedit_left(struct lineedit *le)
{
	le->cursor = prev_char(le, le->cursor);
}

void lineedit_right(struct lineedit *le)
{
	le->cursor = next_char(le, le->cursor);
}

void lineedit_home(struct lineedit *le)
{
	le->cursor = 0;
}

void lineedit_end(struct lineedit *le)
{
	le->cursor = le->len;
}

void lineedit_kill_before(struct lineedit *le)
{
	cut(le, 0, le->cursor);
}

void lineedit_kill_after(struct lineedit *le)
{
	cut(le, le->cursor, le->len);
}

size_t lineedit_encode(int ch, char *out)
{
	mbstate_t st;
	size_t n;

	if (ch < 0 || ch > 0x10ffff)
		return 0;
	if (ch < 0x80) {
		out[0] = (char)ch;
		return 1;
	}
	memset(&st, 0, sizeof st);
	n = wcrtomb(out, (wchar_t)ch, &st);
	if (n == (size_t)-1) {
		if (ch > 0xff)
			return 0;
		out[0] = (char)ch;
		n = 1;
	}
	return n;
}

int lineedit_insert_char(struct lineedit *le, int ch)
{
	char mb[MB_LEN_MAX];
	size_t n;

	if (ch < 0x20 || ch == 0x7f)
		return EILSEQ;
	n = lineedit_encode(ch, mb);
	return n == 0 ? EILSEQ : lineedit_insert(le, mb, n);
}

size_t lineedit_view(const struct lineedit *le, int room, unsigned flags,
		     int *cursor_col)
{
	size_t start = 0;
	if (room < 1)
		room = 1;
	/* Drop characters at the left until the cursor fits (the cursor
	 * itself needs a column after the text before it). */
	while (start < le->cursor &&
	       textsafe_width(le->text + start, le->cursor - start, flags,
			      room) >= room)
		start = next_char(le, start);
	*cursor_col = textsafe_width(le->text + start, le->cursor - start,
				     flags, room);
	return start;
}
