/* edline.c - one-line prompt text editing. */
#include "editor/edline.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int edline_init(struct edline *le, const char *initial)
{
	memset(le, 0, sizeof *le);
	le->cap = 64;
	le->text = malloc(le->cap);
	if (le->text == NULL)
		return ENOMEM;
	le->text[0] = '\0';
	if (initial != NULL)
		return edline_insert(le, initial, strlen(initial));
	return 0;
}

void edline_done(struct edline *le)
{
	free(le->text);
	memset(le, 0, sizeof *le);
}

int edline_insert(struct edline *le, const char *s, size_t n)
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

static size_t prev_char(const struct edline *le, size_t pos)
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

static size_t next_char(const struct edline *le, size_t pos)
{
	if (pos >= le->len)
		return le->len;
	pos++;
	while (pos < le->len && is_cont(le->text[pos]))
		pos++;
	return pos;
}

static void cut(struct edline *le, size_t from, size_t to)
{
	memmove(le->text + from, le->text + to, le->len - to + 1);
	le->len -= to - from;
	if (le->cursor > to)
		le->cursor -= to - from;
	else if (le->cursor > from)
		le->cursor = from;
}

void edline_backspace(struct edline *le)
{
	size_t p = prev_char(le, le->cursor);
	cut(le, p, le->cursor);
}

void edline_delete(struct edline *le)
{
	cut(le, le->cursor, next_char(le, le->cursor));
}

void edline_left(struct edline *le)
{
	le->cursor = prev_char(le, le->cursor);
}

void edline_right(struct edline *le)
{
	le->cursor = next_char(le, le->cursor);
}

void edline_home(struct edline *le)
{
	le->cursor = 0;
}

void edline_end(struct edline *le)
{
	le->cursor = le->len;
}

void edline_kill_before(struct edline *le)
{
	cut(le, 0, le->cursor);
}

void edline_kill_after(struct edline *le)
{
	cut(le, le->cursor, le->len);
}
