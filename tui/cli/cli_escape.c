/* cli_escape.c - the line-safe escaping of names (see cli_escape.h). */
#include "cli/cli_escape.h"

#include "common/utf8.h"

#include <langinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

unsigned escape_flags_for_locale(void)
{
	const char *codeset = nl_langinfo(CODESET);

	if (codeset != NULL && (strcasecmp(codeset, "UTF-8") == 0 ||
				strcasecmp(codeset, "UTF8") == 0))
		return ESCAPE_UTF8;
	return 0;
}

size_t escape_max_len(size_t len)
{
	return len * 4; /* every byte as \xHH at worst */
}

/* Characters that are valid UTF-8 yet must not reach a terminal or a line
 * raw: C1 controls, and characters that reorder or break the display. */
static int escape_unsafe_char(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
	       cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

static size_t escape_hex(char *out, unsigned char byte)
{
	static const char hex[] = "0123456789abcdef";

	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[byte >> 4];
	out[3] = hex[byte & 0x0f];
	return 4;
}

size_t escape_into(char *out, const char *str, size_t len, unsigned flags)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t o = 0, i = 0;

	while (i < len) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x7f && c != '\\') {
			out[o++] = (char)c;
			i++;
			continue;
		}
		const char *pair = c == '\\' ? "\\\\" : c == '\n' ? "\\n"
				 : c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
		if (pair != NULL) {
			out[o++] = pair[0];
			out[o++] = pair[1];
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = c >= 0x80 && (flags & ESCAPE_UTF8)
				   ? utf8_decode(s + i, len - i, &cp) : 0;
		if (n > 0 && !escape_unsafe_char(cp)) {
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		/* An unsafe character is escaped byte by byte, so that the
		 * escaped form still says exactly which bytes the name holds. */
		if (n == 0)
			n = 1;
		for (size_t k = 0; k < n; k++)
			o += escape_hex(out + o, s[i + k]);
		i += n;
	}
	out[o] = '\0';
	return o;
}

char *escape_dup(const char *s, size_t len, unsigned flags)
{
	char *out = malloc(escape_max_len(len) + 1);

	if (out != NULL)
		escape_into(out, s, len, flags);
	return out;
}

int escape_write(FILE *out, const char *s, size_t len, unsigned flags)
{
	char small[1024 + 1];
	char *buf = small;

	if (escape_max_len(len) + 1 > sizeof small) {
		buf = malloc(escape_max_len(len) + 1);
		if (buf == NULL)
			return -1;
	}
	size_t n = escape_into(buf, s, len, flags);
	int rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
	if (buf != small)
		free(buf);
	return rc;
}
