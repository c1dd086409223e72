/* SPDX-License-Identifier: MIT */
/* textcell.c - bytes to screen cells (see textcell.h). */
#include "editor/textcell.h"

#include "common/textsafe.h"
#include "common/utf8.h"

#include <string.h>

int textcell_valid_text(const struct gapbuf *gb)
{
	size_t len = gapbuf_len(gb);
	size_t pos = 0;
	unsigned char tmp[4];
	while (pos < len) {
		size_t avail;
		const unsigned char *p = gapbuf_span(gb, pos, &avail);
		/* ASCII fast path */
		size_t i = 0;
		while (i < avail && p[i] != 0 && p[i] < 0x80)
			i++;
		pos += i;
		if (i < avail && p[i] == 0)
			return 0;
		if (pos >= len)
			break;
		if (i == avail)
			continue;
		size_t got = gapbuf_copy(gb, pos, tmp, sizeof tmp);
		uint32_t cp;
		size_t n = utf8_decode(tmp, got, &cp);
		if (n == 0)
			return 0;
		pos += n;
	}
	return 1;
}

/* The textsafe token of the character at pos (at most 4 bytes of it). */
static void token_at(const struct gapbuf *gb, size_t pos, int col,
		     unsigned flags, struct textsafe_token *t)
{
	unsigned char tmp[4];
	size_t got = gapbuf_copy(gb, pos, tmp, sizeof tmp);
	textsafe_token(tmp, got, col, flags, t);
}

void textcell_at(const struct gapbuf *gb, size_t pos, int col,
		 struct textcell *cell)
{
	size_t total = gapbuf_len(gb);
	struct textsafe_token t;
	unsigned flags = TEXTSAFE_VALUE;

	memset(cell, 0, sizeof *cell);
	if (pos >= total) {
		cell->kind = TEXTCELL_END;
		return;
	}
	unsigned char c = gapbuf_at(gb, pos);
	if (c == '\n') {
		cell->kind = TEXTCELL_NEWLINE;
		cell->len = 1;
		return;
	}
	/* Printable ASCII is itself in every locale (the common case, asked
	 * for cell by cell): only what follows it may need the locale. */
	if (c >= 0x20 && c < 0x7f) {
		cell->kind = TEXTCELL_CHAR;
		cell->width = 1;
		cell->len = 1;
		cell->text[0] = (char)c;
		if (pos + 1 >= total || gapbuf_at(gb, pos + 1) < 0x80)
			return;
	}
	flags |= textsafe_locale();
	/* A cell starts with nothing to combine with: a lone combining mark
	 * is an escape. */
	token_at(gb, pos, col, flags | TEXTSAFE_AT_START, &t);
	cell->kind = t.escape ? TEXTCELL_ESCAPE
		     : c == '\t' ? TEXTCELL_TAB_FILL : TEXTCELL_CHAR;
	cell->width = t.width;
	cell->len = t.bytes;
	memcpy(cell->text, t.text, t.len + 1);
	if (cell->kind != TEXTCELL_CHAR)
		return;
	/* attach the combining marks that follow */
	size_t len = cell->len;
	while (pos + len < total && gapbuf_at(gb, pos + len) >= 0x80) {
		token_at(gb, pos + len, col + cell->width, flags, &t);
		if (t.escape || t.width != 0 ||
		    len + t.len > TEXTCELL_MAX_CLUSTER)
			break;
		memcpy(cell->text + len, t.text, t.len + 1);
		len += t.bytes;
	}
	cell->len = len;
}
