/* SPDX-License-Identifier: MIT */
/*
 * fuzz_escape.c - how hostile names and values are made safe to print
 * (tui/common/textsafe.h): the escaped name of the command line, the
 * screen's measured and cut rendering, and JSON strings. None may let an
 * unsafe byte through or write past its buffer; the escaped name and the
 * JSON string must give back the exact bytes (what `printf %b` and a JSON
 * reader rely on).
 */
#include "fuzz.h"

#include "common/textsafe.h"
#include "common/utf8.h"

#include <jansson.h>
#include <locale.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8"); /* the screen measures by the locale */
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Read `n` lower-case hex digits at s (within end); -1 if not there. */
static long hexnum(const char *s, const char *end, int n)
{
	long v = 0;
	for (int i = 0; i < n; i++) {
		if (s + i >= end || hexval(s[i]) < 0)
			return -1;
		v = v * 16 + hexval(s[i]);
	}
	return v;
}

/* Undo the escapes of a name (textsafe.h, THE ESCAPES); returns the
 * length, or (size_t)-1 when the text is not in that vocabulary. */
static size_t unescape(const char *in, size_t n, unsigned char *out)
{
	const char *end = in + n;
	size_t o = 0;
	for (const char *p = in; p < end; p++) {
		if (*p != '\\') {
			out[o++] = (unsigned char)*p;
			continue;
		}
		if (++p >= end)
			return (size_t)-1;
		long v;
		switch (*p) {
		case '\\': out[o++] = '\\'; break;
		case 'n': out[o++] = '\n'; break;
		case 't': out[o++] = '\t'; break;
		case 'r': out[o++] = '\r'; break;
		case 'x':
			if ((v = hexnum(p + 1, end, 2)) < 0)
				return (size_t)-1;
			out[o++] = (unsigned char)v;
			p += 2;
			break;
		case 'u':
		case 'U': {
			int digits = *p == 'u' ? 4 : 8;
			if ((v = hexnum(p + 1, end, digits)) < 0 || v > 0x10ffff)
				return (size_t)-1;
			o += utf8_encode((uint32_t)v, out + o);
			p += digits;
			break;
		}
		default:
			return (size_t)-1;
		}
	}
	return o;
}

/* Every byte is printable ASCII or part of a safe UTF-8 character. */
static void check_safe(const char *s, size_t n, int utf8_allowed)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		FUZZ_CHECK(c >= 0x20 && c != 0x7f);
		if (c < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
		FUZZ_CHECK(utf8_allowed && k > 0);
		/* the ellipsis of a cut text is the program's own */
		FUZZ_CHECK(!textsafe_unsafe_char(cp) || cp == 0x2026);
		i += k;
	}
}

static void check_name(const uint8_t *data, size_t size, unsigned flags)
{
	size_t max = TEXTSAFE_NAME_MAX(size);
	char *out = malloc(max + 1);
	unsigned char *back = malloc(size * 4 + 1);
	FUZZ_CHECK(out != NULL && back != NULL);
	size_t n = textsafe_name_into(out, data, size, flags);
	FUZZ_CHECK(n <= max && out[n] == '\0' && strlen(out) == n);
	check_safe(out, n, (flags & TEXTSAFE_UTF8) != 0);
	FUZZ_CHECK(unescape(out, n, back) == size);
	FUZZ_CHECK(size == 0 || memcmp(back, data, size) == 0);
	/* the cut form for messages: within its buffer, still safe */
	char small[24];
	size_t m = textsafe_name_buf(small, sizeof small, data, size, flags);
	FUZZ_CHECK(m < sizeof small && small[m] == '\0');
	check_safe(small, m, 1);
	free(out);
	free(back);
}

/* The first two bytes choose the column budget and flags. */
static void check_render(const uint8_t *data, size_t size)
{
	if (size < 2)
		return;
	int max_cols = data[0] % 90 - 2; /* includes <= 0 */
	unsigned flags = TEXTSAFE_UTF8 |
		((data[1] & 1) ? TEXTSAFE_VALUE : 0) |
		((data[1] & 2) ? TEXTSAFE_WRAP : 0) |
		((data[1] & 4) ? TEXTSAFE_ESCAPED : 0);
	int small = data[1] & 0x80; /* an out buffer too small */
	const char *in = (const char *)data + 2;
	size_t len = size - 2;
	size_t out_size = small ? (size_t)(data[1] & 0x1f) + 1
				: TEXTSAFE_RENDER_BUF(max_cols > 0 ? max_cols : 0);
	char *out = malloc(out_size);
	FUZZ_CHECK(out != NULL);
	int cols = -1;
	size_t used = textsafe_render(in, len, max_cols, flags, out, out_size,
				      &cols);
	FUZZ_CHECK(used <= len);
	FUZZ_CHECK(memchr(out, '\0', out_size) != NULL);
	FUZZ_CHECK(cols >= 0 && cols <= (max_cols > 0 ? max_cols : 0));
	check_safe(out, strlen(out), 1);
	if ((flags & TEXTSAFE_WRAP) && !small && max_cols > 0 && len > 0)
		FUZZ_CHECK(used > 0); /* wrapping always makes progress */
	int limit = max_cols > 0 ? max_cols : 0;
	FUZZ_CHECK(textsafe_width(in, len, flags, limit) <= limit + 1);
	free(out);
}

/* A JSON string of the bytes, read back by a JSON parser, is the bytes. */
static void check_json(const uint8_t *data, size_t size, unsigned flags)
{
	char *out = malloc(TEXTSAFE_JSON_MAX(size) + 3);
	FUZZ_CHECK(out != NULL);
	size_t n = textsafe_json_into(out + 1, data, size, flags);
	if (n == (size_t)-1) {
		FUZZ_CHECK(!utf8_valid(data, size));
		free(out);
		return;
	}
	FUZZ_CHECK(n <= TEXTSAFE_JSON_MAX(size));
	check_safe(out + 1, n, (flags & TEXTSAFE_UTF8) != 0);
	out[0] = '"';
	out[n + 1] = '"';
	json_error_t err;
	json_t *j = json_loadb(out, n + 2, JSON_DECODE_ANY | JSON_ALLOW_NUL,
			       &err);
	FUZZ_CHECK(j != NULL && json_is_string(j));
	FUZZ_CHECK(json_string_length(j) == size &&
		   memcmp(json_string_value(j), data, size) == 0);
	json_decref(j);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_name(data, size, 0);
	check_name(data, size, TEXTSAFE_UTF8);
	check_render(data, size);
	check_json(data, size, 0);
	check_json(data, size, TEXTSAFE_UTF8);
	return 0;
}
