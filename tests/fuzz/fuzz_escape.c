/*
 * fuzz_escape.c - how hostile names are made safe to print: the command
 * line's escaping (tui/cli/cli_escape.h) and the screen's safe text
 * (tui/browser/safe_text.h). Both must never let a control byte through,
 * never write past their buffers, and the command line's form must give
 * back the exact bytes (what `printf %b` relies on).
 *
 * The text helper is merging both into one module (tui/common/textsafe):
 * this file is the one to adapt, the checks stay.
 */
#include "fuzz.h"

#include "browser/safe_text.h"
#include "cli/cli_escape.h"
#include "common/utf8.h"

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

/* Undo cli_escape's scheme; returns the length, or (size_t)-1 when the
 * escaped text is not in the scheme. */
static size_t unescape(const char *in, size_t n, unsigned char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (in[i] != '\\') {
			out[o++] = (unsigned char)in[i];
			continue;
		}
		if (++i >= n)
			return (size_t)-1;
		switch (in[i]) {
		case '\\': out[o++] = '\\'; break;
		case 'n': out[o++] = '\n'; break;
		case 't': out[o++] = '\t'; break;
		case 'r': out[o++] = '\r'; break;
		case 'x':
			if (i + 2 >= n || hexval(in[i + 1]) < 0 ||
			    hexval(in[i + 2]) < 0)
				return (size_t)-1;
			out[o++] = (unsigned char)(hexval(in[i + 1]) << 4 |
						   hexval(in[i + 2]));
			i += 2;
			break;
		default:
			return (size_t)-1;
		}
	}
	return o;
}

static void check_cli_escape(const uint8_t *data, size_t size,
			     unsigned flags)
{
	size_t max = escape_max_len(size);
	char *out = malloc(max + 1);
	unsigned char *back = malloc(size + 1);
	FUZZ_CHECK(out != NULL && back != NULL);
	size_t n = escape_into(out, (const char *)data, size, flags);
	FUZZ_CHECK(n <= max && out[n] == '\0' && strlen(out) == n);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)out[i];
		FUZZ_CHECK(c >= 0x20 && c != 0x7f);
		if (c < 0x80) {
			i++;
			continue;
		}
		/* only with ESCAPE_UTF8, and only whole valid characters */
		uint32_t cp;
		size_t k = utf8_decode((const unsigned char *)out + i, n - i,
				       &cp);
		FUZZ_CHECK((flags & ESCAPE_UTF8) && k > 0);
		FUZZ_CHECK(cp > 0x9f); /* no C1 control */
		i += k;
	}
	FUZZ_CHECK(unescape(out, n, back) == size);
	FUZZ_CHECK(size == 0 || memcmp(back, data, size) == 0);
	free(out);
	free(back);
}

/* The first two bytes choose the column budget and flags. */
static void check_safe_text(const uint8_t *data, size_t size)
{
	if (size < 2)
		return;
	int max_cols = data[0] % 90 - 2; /* includes <= 0 */
	unsigned flags = data[1] & (SAFE_TEXT_TABS | SAFE_TEXT_WRAP);
	int small = data[1] & 0x80; /* an out buffer too small */
	const char *in = (const char *)data + 2;
	size_t len = size - 2;
	size_t out_size = small ? (size_t)(data[1] & 0x1f) + 1
				: SAFE_TEXT_BUF(max_cols > 0 ? max_cols : 0);
	char *out = malloc(out_size);
	FUZZ_CHECK(out != NULL);
	int cols = -1;
	size_t used = safe_text_render(in, len, max_cols, flags, out,
				       out_size, &cols);
	FUZZ_CHECK(used <= len);
	FUZZ_CHECK(memchr(out, '\0', out_size) != NULL);
	FUZZ_CHECK(cols >= 0 && cols <= (max_cols > 0 ? max_cols : 0));
	for (const unsigned char *p = (unsigned char *)out; *p; p++)
		FUZZ_CHECK(*p >= 0x20 && *p != 0x7f);
	if ((flags & SAFE_TEXT_WRAP) && !small && max_cols > 0 && len > 0)
		FUZZ_CHECK(used > 0); /* wrapping always makes progress */
	int limit = max_cols > 0 ? max_cols : 0;
	FUZZ_CHECK(safe_text_width(in, len, limit) <= limit + 1);
	unsigned cp;
	size_t k = len ? safe_text_utf8_decode((const unsigned char *)in,
					       len, &cp) : 0;
	FUZZ_CHECK(k <= 4 && k <= len);
	FUZZ_CHECK(k == 0 || cp <= 0x10ffff);
	(void)safe_text_is_text(in, len);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_cli_escape(data, size, 0);
	check_cli_escape(data, size, ESCAPE_UTF8);
	check_safe_text(data, size);
	return 0;
}
