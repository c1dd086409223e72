/* textcell.c - bytes to screen cells (see textcell.h). */
#include "editor/textcell.h"

#include "common/utf8.h"

#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static int utf8_mode = -1;

void textcell_set_utf8(int utf8)
{
	utf8_mode = utf8 != 0;
}

int textcell_utf8(void)
{
	if (utf8_mode < 0) {
		const char *cs = nl_langinfo(CODESET);
		utf8_mode = cs != NULL && (!strcmp(cs, "UTF-8") ||
					   !strcmp(cs, "utf8"));
	}
	return utf8_mode;
}

int textcell_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	return n == 0 ? 0 : (int)utf8_decode(s, n, cp);
}

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
		int n = textcell_decode(tmp, got, &cp);
		if (n == 0)
			return 0;
		pos += (size_t)n;
	}
	return 1;
}

/* Characters that change how a terminal draws what follows, or are
 * invisible: shown as <U+XXXX> escapes. */
static int is_format_char(uint32_t cp)
{
	return (cp >= 0x200b && cp <= 0x200f) || /* zero width, LRM/RLM */
	       (cp >= 0x2028 && cp <= 0x202e) || /* separators, bidi */
	       (cp >= 0x2060 && cp <= 0x206f) || /* word joiner, isolates */
	       cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) ||
	       cp == 0x00ad || cp == 0x061c || cp == 0x180e ||
	       (cp >= 0xe0000 && cp <= 0xe007f);
}

static void set_escape(struct textcell *cell, size_t len, const char *text)
{
	cell->kind = TEXTCELL_ESCAPE;
	cell->len = len;
	snprintf(cell->text, sizeof cell->text, "%s", text);
	cell->width = (int)strlen(cell->text);
}

static void escape_byte(struct textcell *cell, unsigned char c)
{
	char tmp[8];
	if (c < 0x20 || c == 0x7f)
		snprintf(tmp, sizeof tmp, "^%c", c == 0x7f ? '?' : c + '@');
	else
		snprintf(tmp, sizeof tmp, "\\x%02x", c);
	set_escape(cell, 1, tmp);
}

void textcell_at(const struct gapbuf *gb, size_t pos, int col,
		 struct textcell *cell)
{
	size_t total = gapbuf_len(gb);
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
	if (c == '\t') {
		int w = TEXTCELL_TAB - col % TEXTCELL_TAB;
		cell->kind = TEXTCELL_TAB_FILL;
		cell->len = 1;
		cell->width = w;
		memset(cell->text, ' ', (size_t)w);
		return;
	}
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && !textcell_utf8())) {
		escape_byte(cell, c);
		return;
	}
	unsigned char tmp[4];
	size_t got = gapbuf_copy(gb, pos, tmp, sizeof tmp);
	uint32_t cp;
	int n = textcell_decode(tmp, got, &cp);
	if (n == 0) {
		escape_byte(cell, c);
		return;
	}
	int w = c < 0x80 ? 1
		: cp < 0xa0 || is_format_char(cp) ? -1 : wcwidth((wchar_t)cp);
	if (w <= 0) {
		/* a control (C1), a format character, something the terminal
		 * cannot measure, or a combining mark with no base */
		char esc[16];
		snprintf(esc, sizeof esc, "<U+%04X>", (unsigned)cp);
		set_escape(cell, (size_t)n, esc);
		return;
	}
	cell->kind = TEXTCELL_CHAR;
	cell->width = w;
	memcpy(cell->text, tmp, (size_t)n);
	size_t len = (size_t)n;
	/* attach the combining marks that follow */
	while (pos + len < total) {
		got = gapbuf_copy(gb, pos + len, tmp, sizeof tmp);
		int m = textcell_decode(tmp, got, &cp);
		if (!textcell_utf8() || m == 0 || cp < 0x300 ||
		    is_format_char(cp) ||
		    wcwidth((wchar_t)cp) != 0 ||
		    len + (size_t)m > TEXTCELL_MAX_CLUSTER)
			break;
		memcpy(cell->text + len, tmp, (size_t)m);
		len += (size_t)m;
	}
	cell->len = len;
	cell->text[len] = '\0';
}

void textcell_escape_bytes(const void *s, size_t n, char *buf, size_t size)
{
	struct gapbuf gb;
	size_t out = 0;
	if (size == 0)
		return;
	buf[0] = '\0';
	/* a borrowed gap buffer view over the bytes: no copy */
	gb.buf = (unsigned char *)(uintptr_t)s;
	gb.cap = n;
	gb.gap_start = n;
	gb.gap_end = n;
	size_t pos = 0;
	int col = 0;
	while (pos < n) {
		struct textcell cell;
		textcell_at(&gb, pos, col, &cell);
		const char *text = cell.text;
		if (cell.kind == TEXTCELL_NEWLINE)
			text = "^J";
		else if (cell.kind == TEXTCELL_TAB_FILL)
			text = "^I";
		size_t tl = strlen(text);
		if (out + tl + 4 > size) {
			if (size >= 4) {
				while (out + 4 > size)
					out--;
				memcpy(buf + out, "...", 4);
			}
			return;
		}
		memcpy(buf + out, text, tl + 1);
		out += tl;
		col += cell.width;
		pos += cell.len;
	}
}
