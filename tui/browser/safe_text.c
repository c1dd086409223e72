/*
 * safe_text.c - escaping and measuring untrusted bytes for the terminal.
 * Works token by token: each input character becomes one token (itself or
 * its escape) with a known width, so truncation never splits an escape.
 */
#include "browser/safe_text.h"

#include "common/utf8.h"

#include <stdint.h>

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int safe_text_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return MB_CUR_MAX > 1 && cs != NULL &&
	       (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

size_t safe_text_utf8_decode(const unsigned char *s, size_t len, unsigned *cp)
{
	uint32_t v;
	size_t n = utf8_decode(s, len, &v);
	if (n > 0)
		*cp = v;
	return n;
}

int safe_text_is_text(const void *data, size_t len)
{
	return utf8_is_text(data, len);
}

/* Invisible characters that reorder or hide text (bidi overrides, zero
 * width joiners, BOM): shown as \uXXXX so a name cannot disguise itself. */
static int is_hidden_format(unsigned cp)
{
	return cp == 0x061c || cp == 0x00ad || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
	       (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0xe0000 && cp <= 0xe007f);
}

struct token {
	char text[16];
	size_t bytes; /* input bytes */
	int width;    /* columns */
	size_t out;   /* output bytes */
};

static void token_escape_bytes(struct token *t, const unsigned char *p,
			       size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(t->text + o, sizeof t->text - o,
				      "\\x%02x", p[i]);
	t->out = o;
	t->width = (int)o;
	t->bytes = n;
}

/* One token from p[0..len). `col` is the column it would start at (for tab
 * stops); `at_start` says no visible character precedes it (a combining mark
 * there would attach to whatever the terminal has left of us). */
static void next_token(const unsigned char *p, size_t len, int col,
		       unsigned flags, int utf8, int at_start, struct token *t)
{
	unsigned c = p[0], cp;

	if (c < 0x20 || c == 0x7f) {
		if (c == '\t' && (flags & SAFE_TEXT_TABS)) {
			int w = 8 - col % 8;
			memset(t->text, ' ', (size_t)w);
			t->out = (size_t)w;
			t->width = w;
		} else {
			t->text[0] = '^';
			t->text[1] = c == 0x7f ? '?' : (char)(c + 0x40);
			t->out = 2;
			t->width = 2;
		}
		t->bytes = 1;
		return;
	}
	if (c == '\\') {
		memcpy(t->text, "\\\\", 2);
		t->out = 2;
		t->width = 2;
		t->bytes = 1;
		return;
	}
	if (c < 0x80) {
		t->text[0] = (char)c;
		t->out = 1;
		t->width = 1;
		t->bytes = 1;
		return;
	}
	if (!utf8) {
		token_escape_bytes(t, p, 1);
		return;
	}
	size_t n = safe_text_utf8_decode(p, len, &cp);
	if (n == 0) {
		token_escape_bytes(t, p, 1);
		return;
	}
	if (cp < 0xa0) { /* C1 controls, encoded */
		token_escape_bytes(t, p, n);
		return;
	}
	int w = is_hidden_format(cp) ? -1 : wcwidth((wchar_t)cp);
	if (w < 0 || (w == 0 && at_start)) {
		t->out = (size_t)snprintf(t->text, sizeof t->text,
					  cp > 0xffff ? "\\U%08x" : "\\u%04x",
					  cp);
		t->width = (int)t->out;
		t->bytes = n;
		return;
	}
	memcpy(t->text, p, n);
	t->out = n;
	t->width = w;
	t->bytes = n;
}

int safe_text_width(const char *in, size_t len, int limit)
{
	const unsigned char *p = (const unsigned char *)in;
	int utf8 = safe_text_utf8_locale();
	int cols = 0;
	size_t i = 0;
	struct token t;

	while (i < len) {
		next_token(p + i, len - i, cols, 0, utf8, cols == 0, &t);
		cols += t.width;
		if (cols > limit)
			return limit + 1;
		i += t.bytes;
	}
	return cols;
}

/* Columns of the rendering of in[0..len) with these flags, stopping past
 * `limit`, and whether it fits `room` output bytes. */
static int fits_whole(const unsigned char *p, size_t len, int limit,
		      size_t room, unsigned flags, int utf8)
{
	int cols = 0;
	size_t i = 0, out = 0;
	struct token t;

	while (i < len) {
		next_token(p + i, len - i, cols, flags, utf8, cols == 0, &t);
		cols += t.width;
		out += t.out;
		if (cols > limit || out > room)
			return 0;
		i += t.bytes;
	}
	return 1;
}

size_t safe_text_render(const char *in, size_t len, int max_cols,
			unsigned flags, char *out, size_t out_size, int *cols_out)
{
	const unsigned char *p = (const unsigned char *)in;
	int utf8 = safe_text_utf8_locale();
	const char *ell = utf8 ? "\xe2\x80\xa6" : ">";
	size_t ell_len = strlen(ell);
	int wrap = (flags & SAFE_TEXT_WRAP) != 0;
	int cols = 0, limit;
	size_t i = 0, o = 0, room;
	struct token t;

	if (cols_out != NULL)
		*cols_out = 0;
	if (out_size == 0)
		return 0;
	out[0] = '\0';
	if (max_cols <= 0 || out_size < 8)
		return 0;
	room = out_size - 1;
	limit = max_cols;
	if (!wrap && !fits_whole(p, len, max_cols, room, flags, utf8)) {
		/* Keep one column and the ellipsis' bytes for the mark. */
		limit = max_cols - 1;
		room -= ell_len;
	}
	while (i < len) {
		next_token(p + i, len - i, cols, flags, utf8, cols == 0, &t);
		if (cols + t.width > limit || o + t.out > room) {
			if (wrap && i == 0 && o + 1 <= room) {
				/* A lone token wider than the row: show what
				 * fits of it so the caller moves on. */
				size_t k = t.width > limit ? (size_t)limit : t.out;
				if (t.width != (int)t.out)
					k = 1, t.text[0] = '>';
				if (k > room - o)
					k = room - o;
				memcpy(out + o, t.text, k);
				o += k;
				cols += (int)k;
				i += t.bytes;
			}
			break;
		}
		memcpy(out + o, t.text, t.out);
		o += t.out;
		cols += t.width;
		i += t.bytes;
	}
	if (!wrap && i < len && limit < max_cols) {
		memcpy(out + o, ell, ell_len);
		o += ell_len;
		cols++;
	}
	out[o] = '\0';
	if (cols_out != NULL)
		*cols_out = cols;
	return i;
}
