/* SPDX-License-Identifier: MIT */
/*
 * textsafe.c - what is unsafe to show, and the token every rendering is
 * made of (see textsafe.h). The renderings themselves live beside it:
 * textsafe_render.c (names and screen text), textsafe_json.c (JSON).
 */
#include "common/textsafe.h"

#include "common/utf8.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

unsigned textsafe_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (MB_CUR_MAX > 1 && cs != NULL &&
	    (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0))
		return TEXTSAFE_UTF8;
	return 0;
}

/* Ranges of code points above ASCII that are never shown as themselves,
 * sorted: C1, the format characters (general category Cf, Unicode 15) and
 * the default-ignorable fillers that draw nothing. Variation selectors
 * (U+FE00-U+FE0F, U+E0100-U+E01EF) are left out on purpose. */
static const struct {
	uint32_t lo, hi;
} textsafe_unsafe_ranges[] = {
	{0x0080, 0x009f},   /* C1 controls */
	{0x00ad, 0x00ad},   /* soft hyphen */
	{0x034f, 0x034f},   /* combining grapheme joiner */
	{0x0600, 0x0605},   /* Arabic number signs */
	{0x061c, 0x061c},   /* Arabic letter mark */
	{0x06dd, 0x06dd},   /* Arabic end of ayah */
	{0x070f, 0x070f},   /* Syriac abbreviation mark */
	{0x0890, 0x0891},   /* Arabic pound/piastre mark above */
	{0x08e2, 0x08e2},   /* Arabic disputed end of ayah */
	{0x115f, 0x1160},   /* Hangul fillers */
	{0x17b4, 0x17b5},   /* Khmer inherent vowels */
	{0x180b, 0x180f},   /* Mongolian selectors, vowel separator */
	{0x200b, 0x200f},   /* zero width space/joiners, LRM, RLM */
	{0x2028, 0x202e},   /* line/paragraph separators, bidi embeddings */
	{0x2060, 0x206f},   /* word joiner, invisible operators, isolates */
	{0x3164, 0x3164},   /* Hangul filler */
	{0xfeff, 0xfeff},   /* byte order mark, zero width no-break space */
	{0xffa0, 0xffa0},   /* halfwidth Hangul filler */
	{0xfff9, 0xfffb},   /* interlinear annotation */
	{0x110bd, 0x110bd}, /* Kaithi number sign */
	{0x110cd, 0x110cd}, /* Kaithi number sign above */
	{0x13430, 0x1343f}, /* Egyptian hieroglyph format controls */
	{0x1bca0, 0x1bca3}, /* shorthand format controls */
	{0x1d173, 0x1d17a}, /* musical symbol format controls */
	{0xe0000, 0xe007f}, /* tags */
};

int textsafe_unsafe_char(uint32_t cp)
{
	size_t lo = 0, hi = sizeof textsafe_unsafe_ranges /
			    sizeof textsafe_unsafe_ranges[0];

	if (cp < 0x20 || cp == 0x7f)
		return 1;
	if (cp < 0x80)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < textsafe_unsafe_ranges[mid].lo)
			hi = mid;
		else if (cp > textsafe_unsafe_ranges[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static void token_text(struct textsafe_token *t, const void *text, size_t n,
		       int width, int escape)
{
	memcpy(t->text, text, n);
	t->text[n] = '\0';
	t->len = n;
	t->width = width;
	t->escape = escape;
}

/* \xHH for one byte. */
static void token_hex_byte(struct textsafe_token *t, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};

	token_text(t, e, 4, 4, 1);
	t->bytes = 1;
}

/* \uHHHH or \UHHHHHHHH for a valid character of `n` bytes. */
static void token_code_point(struct textsafe_token *t, uint32_t cp, size_t n)
{
	int k = snprintf(t->text, sizeof t->text,
			 cp > 0xffff ? "\\U%08x" : "\\u%04x", (unsigned)cp);

	t->len = (size_t)k;
	t->width = k;
	t->escape = 1;
	t->bytes = n;
}

/* A C0 control or DEL. */
static void token_control(struct textsafe_token *t, unsigned char c, int col,
			  unsigned flags)
{
	t->bytes = 1;
	if (c == '\t' && (flags & TEXTSAFE_VALUE)) {
		int w = 8 - col % 8;
		memset(t->text, ' ', (size_t)w);
		t->text[w] = '\0';
		t->len = (size_t)w;
		t->width = w;
		t->escape = 0;
		return;
	}
	const char *pair = c == '\n' ? "\\n" : c == '\t' ? "\\t"
			 : c == '\r' ? "\\r" : NULL;
	if (pair != NULL)
		token_text(t, pair, 2, 2, 1);
	else
		token_hex_byte(t, c);
}

static int is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* TEXTSAFE_ESCAPED: the length of the escape of the vocabulary at p, or 0
 * when the backslash there starts none. */
static size_t escape_at(const unsigned char *p, size_t len)
{
	size_t digits;

	if (len < 2)
		return 0;
	switch (p[1]) {
	case '\\': case 'n': case 't': case 'r':
		return 2;
	case 'x': digits = 2; break;
	case 'u': digits = 4; break;
	case 'U': digits = 8; break;
	default:
		return 0;
	}
	if (len < 2 + digits)
		return 0;
	for (size_t i = 0; i < digits; i++)
		if (!is_hex(p[2 + i]))
			return 0;
	return 2 + digits;
}

static void token_backslash(struct textsafe_token *t, const unsigned char *p,
			    size_t len, unsigned flags)
{
	size_t n;

	t->bytes = 1;
	if ((flags & TEXTSAFE_ESCAPED) && (n = escape_at(p, len)) > 0) {
		token_text(t, p, n, (int)n, 1);
		t->bytes = n;
	} else if (flags & (TEXTSAFE_VALUE | TEXTSAFE_ESCAPED)) {
		token_text(t, "\\", 1, 1, 0);
	} else {
		token_text(t, "\\\\", 2, 2, 1);
	}
}

void textsafe_token(const void *in, size_t len, int col, unsigned flags,
		    struct textsafe_token *t)
{
	const unsigned char *p = in;
	unsigned char c = p[0];
	uint32_t cp;

	if (c < 0x20 || c == 0x7f) {
		token_control(t, c, col, flags);
		return;
	}
	if (c == '\\') {
		token_backslash(t, p, len, flags);
		return;
	}
	if (c < 0x80) {
		token_text(t, p, 1, 1, 0);
		t->bytes = 1;
		return;
	}
	size_t n = (flags & TEXTSAFE_UTF8) ? utf8_decode(p, len, &cp) : 0;
	if (n == 0) {
		token_hex_byte(t, c);
		return;
	}
	int w = textsafe_unsafe_char(cp) ? -1 : wcwidth((wchar_t)cp);
	if (w < 0 || (w == 0 && (flags & TEXTSAFE_AT_START))) {
		token_code_point(t, cp, n);
		return;
	}
	token_text(t, p, n, w, 0);
	t->bytes = n;
}
