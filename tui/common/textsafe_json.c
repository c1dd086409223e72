/* SPDX-License-Identifier: MIT */
/*
 * textsafe_json.c - the JSON renderings of text (see textsafe.h): a string
 * whose unsafe characters are \u escapes, streamed or into a buffer, and
 * the same treatment for a whole document a JSON encoder wrote.
 */
#include "common/textsafe.h"

#include "common/utf8.h"

#include <errno.h>
#include <string.h>

/* The escape of one character of a JSON string into e (at least 13
 * bytes), or 0 when it is written as it is. `doc`: the character is part
 * of a JSON text, where quotes, backslashes and whitespace are structure
 * (or already escapes) and stay. */
static size_t json_escape(uint32_t cp, unsigned flags, int doc, char *e)
{
	static const char hex[] = "0123456789abcdef";

	if (cp >= 0x20 && cp < 0x7f) {
		if (doc || (cp != '"' && cp != '\\'))
			return 0;
		e[0] = '\\';
		e[1] = (char)cp;
		return 2;
	}
	if (cp == '\n' || cp == '\t' || cp == '\r') {
		if (doc)
			return 0;
		e[0] = '\\';
		e[1] = cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r';
		return 2;
	}
	if (cp >= 0x80 && (flags & TEXTSAFE_UTF8) && !textsafe_unsafe_char(cp))
		return 0;
	uint32_t units[2] = {cp, 0};
	size_t n = 1, o = 0;
	if (cp > 0xffff) {
		cp -= 0x10000;
		units[0] = 0xd800 | (cp >> 10);
		units[1] = 0xdc00 | (cp & 0x3ff);
		n = 2;
	}
	for (size_t i = 0; i < n; i++) {
		e[o++] = '\\';
		e[o++] = 'u';
		for (int shift = 12; shift >= 0; shift -= 4)
			e[o++] = hex[(units[i] >> shift) & 15];
	}
	return o;
}

/* The next character at s[i..len): its length, or 0 if not valid UTF-8. */
static size_t next_char(const unsigned char *s, size_t len, size_t i,
			uint32_t *cp)
{
	if (s[i] < 0x80) {
		*cp = s[i];
		return 1;
	}
	return utf8_decode(s + i, len - i, cp);
}

static size_t json_into(char *out, const void *in, size_t len,
			unsigned flags, int doc)
{
	const unsigned char *s = in;
	size_t i = 0, o = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = next_char(s, len, i, &cp);
		if (n == 0)
			return (size_t)-1;
		size_t k = json_escape(cp, flags, doc, out + o);
		if (k == 0) {
			memcpy(out + o, s + i, n);
			k = n;
		}
		o += k;
		i += n;
	}
	out[o] = '\0';
	return o;
}

size_t textsafe_json_into(char *out, const void *s, size_t len,
			  unsigned flags)
{
	return json_into(out, s, len, flags, 0);
}

size_t textsafe_json_doc_into(char *out, const char *json, size_t len,
			      unsigned flags)
{
	return json_into(out, json, len, flags, 1);
}

int textsafe_json_write(FILE *out, const void *str, size_t len,
			unsigned flags)
{
	const unsigned char *s = str;
	size_t i = 0, run = 0; /* s[run..i) is written as it is */

	if (!utf8_valid(s, len))
		return EILSEQ;
	if (fputc('"', out) == EOF)
		return -1;
	while (i < len) {
		uint32_t cp;
		char e[16];
		size_t n = next_char(s, len, i, &cp);
		size_t k = json_escape(cp, flags, 0, e);
		if (k > 0) {
			if (i > run && fwrite(s + run, 1, i - run, out) != i - run)
				return -1;
			if (fwrite(e, 1, k, out) != k)
				return -1;
			run = i + n;
		}
		i += n;
	}
	if (i > run && fwrite(s + run, 1, i - run, out) != i - run)
		return -1;
	return fputc('"', out) == EOF ? -1 : 0;
}
