/* SPDX-License-Identifier: MIT */
/*
 * cli_import_json.c - the JSON of one import line, a character at a time
 * (cli_import_json.h): strings decoded (escapes, UTF-8 checked) into a
 * fixed piece and passed on to a name, a value (base64 decoded on the
 * way) or nowhere; numbers; any other value checked and skipped.
 */
#include "cli/cli_import_json.h"

#include "common/base64.h"
#include "common/exit_codes.h"
#include "common/utf8.h"

#include <errno.h>
#include <string.h>

/* ------------------------------------------------------- characters */

int import_json_get(struct import_scan *s)
{
	int c;
	if (s->back >= 0) {
		c = s->back;
		s->back = -1;
	} else if (s->line_over) {
		return EOF;
	} else {
		c = getc_unlocked(s->in);
		if (c == EOF && ferror(s->in) && s->err == 0)
			s->err = errno ? errno : EIO;
	}
	if (c == '\n' || c == EOF)
		s->line_over = 1;
	if (c != EOF)
		s->pos++;
	return c;
}

void import_json_unget(struct import_scan *s, int c)
{
	if (c == EOF)
		return;
	s->back = c;
	s->pos--;
	if (c == '\n')
		s->line_over = 0;
}

/* The next character that is not JSON white space within a line. */
int import_json_get_nonblank(struct import_scan *s)
{
	int c;
	do
		c = import_json_get(s);
	while (c == ' ' || c == '\t' || c == '\r');
	return c;
}

int import_json_bad(struct import_scan *s, const char *why, int status)
{
	if (s->why == NULL) {
		s->why = s->err != 0 ? "read error" : why;
		s->status = status;
	}
	return -1;
}

int import_json_bad_char(struct import_scan *s, int c, const char *why)
{
	if (c == EOF || c == '\n')
		why = "the line ends inside the record";
	return import_json_bad(s, why, EXIT_OTHER);
}

/* ---------------------------------------------------------- values */

/* Decoded value bytes: counted, and written while the sink is willing. */
static void value_emit(struct import_scan *s, struct scan_dest *d,
		       const void *buf, size_t n)
{
	d->rec->value_len += n;
	if (d->sink != NULL && d->rec->sink_err == 0 && n > 0)
		d->rec->sink_err = d->sink->write(d->sink->ctx, buf, n);
	(void)s;
}

static int b64_decode_held(struct import_scan *s, struct scan_dest *d)
{
	size_t n;
	if (s->b64_len == 0)
		return 0;
	if (s->b64_ended || s->b64_len % 4 != 0 ||
	    base64_decode(s->b64, s->b64_len, s->out, &n) != 0)
		return import_json_bad(s, "bad base64 in \"value_base64\"",
				       EXIT_OTHER);
	s->b64_ended = s->b64[s->b64_len - 1] == '=';
	s->b64_len = 0;
	value_emit(s, d, s->out, n);
	return 0;
}

/* The string's decoded bytes so far (`last`: and it ended) to where
 * they go. */
static int dest_flush(struct import_scan *s, struct scan_dest *d, int last)
{
	size_t n = s->piece_len;
	s->piece_len = 0;
	if (d->name != NULL) {
		struct scan_name *nm = d->name;
		if (nm->len + n > sizeof nm->text - 1)
			nm->too_long = 1;
		else
			memcpy(nm->text + nm->len, s->piece, n);
		nm->len += nm->too_long ? 0 : n;
		return 0;
	}
	if (!d->value)
		return 0;
	if (!d->base64) {
		value_emit(s, d, s->piece, n);
		return 0;
	}
	for (size_t i = 0; i < n;) {
		size_t take = sizeof s->b64 - s->b64_len;
		if (take > n - i)
			take = n - i;
		memcpy(s->b64 + s->b64_len, s->piece + i, take);
		s->b64_len += take;
		i += take;
		if (s->b64_len == sizeof s->b64 && b64_decode_held(s, d) != 0)
			return -1;
	}
	return last ? b64_decode_held(s, d) : 0;
}

static int piece_put(struct import_scan *s, struct scan_dest *d,
		     const unsigned char *b, size_t n)
{
	if (s->piece_len + n > sizeof s->piece && dest_flush(s, d, 0) != 0)
		return -1;
	memcpy(s->piece + s->piece_len, b, n);
	s->piece_len += n;
	return 0;
}

/* Four hex digits of a \u escape. */
static int scan_hex4(struct import_scan *s, uint32_t *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		int c = import_json_get(s), d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return import_json_bad_char(s, c, "invalid \\u escape");
		*v = *v << 4 | (uint32_t)d;
	}
	return 0;
}

/* After a backslash. */
static int scan_escape(struct import_scan *s, struct scan_dest *d)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	int c = import_json_get(s);
	const char *p = c > 0 && c != 'u' ? strchr(from, c) : NULL;
	unsigned char b[4];
	uint32_t cp, low;

	if (p != NULL) {
		b[0] = (unsigned char)to[p - from];
		return piece_put(s, d, b, 1);
	}
	if (c != 'u')
		return import_json_bad_char(s, c, "invalid escape in a string");
	if (scan_hex4(s, &cp) != 0)
		return -1;
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return import_json_bad(s,
				       "invalid Unicode escape (a lone low "
				       "surrogate)", EXIT_OTHER);
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (import_json_get(s) != '\\' || import_json_get(s) != 'u' ||
		    scan_hex4(s, &low) != 0 || low < 0xDC00 || low > 0xDFFF)
			return import_json_bad(s,
					       "invalid Unicode escape (a lone "
					       "high surrogate)", EXIT_OTHER);
		cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
	}
	return piece_put(s, d, b, utf8_encode(cp, b));
}

/* A multi-byte UTF-8 character starting with `lead`. */
static int scan_utf8(struct import_scan *s, struct scan_dest *d, int lead)
{
	unsigned char b[4];
	size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	uint32_t cp;

	b[0] = (unsigned char)lead;
	for (size_t i = 1; i < n; i++) {
		int c = import_json_get(s);
		if (c == EOF || (c & 0xC0) != 0x80)
			return import_json_bad_char(
				s, c, "invalid UTF-8 in a string");
		b[i] = (unsigned char)c;
	}
	if (utf8_decode(b, n, &cp) != n)
		return import_json_bad(s, "invalid UTF-8 in a string",
				       EXIT_OTHER);
	return piece_put(s, d, b, n);
}

/* A string, after its opening quote. */
/* The plain characters that follow, straight into the piece while it has
 * room: the loop a long value spends its time in. The first other
 * character is given back. */
static void plain_run(struct import_scan *s)
{
	size_t n = s->piece_len;
	int c = 0;

	if (s->back >= 0 || s->line_over)
		return;
	while (n < sizeof s->piece) {
		c = getc_unlocked(s->in);
		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
			break;
		s->piece[n++] = (unsigned char)c;
	}
	s->pos += (off_t)(n - s->piece_len);
	s->piece_len = n;
	if (n == sizeof s->piece)
		return;
	if (c != EOF) {
		s->back = c; /* counted when it is taken */
	} else {
		s->line_over = 1;
		if (ferror(s->in) && s->err == 0)
			s->err = errno ? errno : EIO;
	}
}

int import_json_string(struct import_scan *s, struct scan_dest *d)
{
	s->piece_len = 0;
	for (;;) {
		if (s->piece_len == sizeof s->piece && dest_flush(s, d, 0) != 0)
			return -1;
		plain_run(s);
		int c = import_json_get(s), rc = 0;
		if (c == '"')
			break;
		if (c == EOF || c == '\n')
			return import_json_bad_char(s, c, "");
		if (c < 0x20)
			return import_json_bad(s,
					       "control character in a string",
					       EXIT_OTHER);
		if (c == '\\') {
			rc = scan_escape(s, d);
		} else if (c >= 0x80) {
			rc = scan_utf8(s, d, c);
		} else if (s->piece_len < sizeof s->piece) {
			s->piece[s->piece_len++] = (unsigned char)c;
		} else {
			unsigned char b = (unsigned char)c;
			rc = piece_put(s, d, &b, 1);
		}
		if (rc != 0)
			return -1;
	}
	return dest_flush(s, d, 1);
}

int import_json_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* A number starting with `c`; *v is its value when it is an integer
 * (no fraction, no exponent). */
int import_json_number(struct import_scan *s, int c, int64_t *v, int *is_int)
{
	int neg = c == '-', overflow = 0;
	uint64_t mag = 0;

	if (neg)
		c = import_json_get(s);
	if (!import_json_is_digit(c))
		return import_json_bad_char(s, c, "invalid number");
	if (c == '0' && import_json_is_digit(c = import_json_get(s)))
		return import_json_bad(s, "invalid number (a leading zero)",
				       EXIT_OTHER);
	for (; import_json_is_digit(c); c = import_json_get(s)) {
		if (mag > (UINT64_MAX - 9) / 10)
			overflow = 1;
		mag = mag * 10 + (uint64_t)(c - '0');
	}
	*is_int = 1;
	if (c == '.') {
		*is_int = 0;
		if (!import_json_is_digit(c = import_json_get(s)))
			return import_json_bad_char(s, c, "invalid number");
		while (import_json_is_digit(c))
			c = import_json_get(s);
	}
	if (c == 'e' || c == 'E') {
		*is_int = 0;
		c = import_json_get(s);
		if (c == '+' || c == '-')
			c = import_json_get(s);
		if (!import_json_is_digit(c))
			return import_json_bad_char(s, c, "invalid number");
		while (import_json_is_digit(c))
			c = import_json_get(s);
	}
	import_json_unget(s, c);
	if (*is_int && (overflow || mag > (uint64_t)INT64_MAX + neg))
		return import_json_bad(s, "too big integer", EXIT_OTHER);
	*v = neg ? (int64_t)(0 - mag) : (int64_t)mag;
	return 0;
}

static int scan_literal(struct import_scan *s, int c)
{
	const char *word = c == 't' ? "true" : c == 'f' ? "false" : "null";
	for (const char *p = word + 1; *p != '\0'; p++)
		if ((c = import_json_get(s)) != *p)
			return import_json_bad_char(s, c, "invalid literal");
	return 0;
}

/* The members of an object or elements of an array, after its bracket. */
static int skip_container(struct import_scan *s, int close, int depth)
{
	struct scan_dest drop = {0};
	int c = import_json_get_nonblank(s);

	if (depth > SCAN_MAX_DEPTH)
		return import_json_bad(s, "too deeply nested", EXIT_OTHER);
	if (c == close)
		return 0;
	for (;;) {
		if (close == '}') {
			if (c != '"')
				return import_json_bad_char(s, c,
							    "string expected");
			if (import_json_string(s, &drop) != 0)
				return -1;
			if ((c = import_json_get_nonblank(s)) != ':')
				return import_json_bad_char(s, c,
							    "':' expected");
			c = import_json_get_nonblank(s);
		}
		if (import_json_skip(s, c, depth + 1) != 0)
			return -1;
		c = import_json_get_nonblank(s);
		if (c == close)
			return 0;
		if (c != ',')
			return import_json_bad_char(s, c,
						    "',' or the end expected");
		c = import_json_get_nonblank(s);
	}
}

/* Any JSON value starting with `c`, checked and dropped. */
int import_json_skip(struct import_scan *s, int c, int depth)
{
	struct scan_dest drop = {0};
	int64_t v;
	int is_int;

	if (c == '"')
		return import_json_string(s, &drop);
	if (c == '{')
		return skip_container(s, '}', depth);
	if (c == '[')
		return skip_container(s, ']', depth);
	if (c == '-' || import_json_is_digit(c))
		return import_json_number(s, c, &v, &is_int);
	if (c == 't' || c == 'f' || c == 'n')
		return scan_literal(s, c);
	return import_json_bad_char(s, c, "invalid JSON value");
}

