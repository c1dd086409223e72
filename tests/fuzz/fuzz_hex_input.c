/* SPDX-License-Identifier: MIT */
/*
 * fuzz_hex_input.c - what a person types into the editor's hex view
 * (tui/editor): a hex search pattern (edsearch_parse_hex), a go-to offset
 * or line (motion_parse_position), and keystrokes that set nibbles and
 * bytes (hexmodel_type_nibble/_byte) on a document whose undo history must
 * then give back the original bytes.
 *
 * The first byte picks the part; the rest is the input.
 */
#include "fuzz.h"

#include "common/hexdump.h"
#include "editor/edbuf.h"
#include "editor/edsearch.h"
#include "editor/hexmodel.h"
#include "editor/motion.h"

static int hexval(int c)
{
	return hexdump_digit_value(c);
}

/* edsearch_parse_hex: the bytes are the digit pairs, spaces between. */
static void check_pattern(const char *text)
{
	size_t size = strlen(text) / 2;
	unsigned char *out = malloc(size + 1);
	FUZZ_CHECK(out != NULL);
	long n = edsearch_parse_hex(text, out, size);
	FUZZ_CHECK(n == -1 || (n > 0 && (size_t)n <= size));
	if (n > 0) {
		long k = 0;
		for (const char *p = text; *p != '\0';) {
			if (*p == ' ') {
				p++;
				continue;
			}
			FUZZ_CHECK(hexval(p[0]) >= 0 && hexval(p[1]) >= 0);
			FUZZ_CHECK(k < n && out[k] == (hexval(p[0]) << 4 |
						       hexval(p[1])));
			k++;
			p += 2;
		}
		FUZZ_CHECK(k == n);
	}
	free(out);
}

/* motion_parse_position: digits only (or 0x + hex digits), exact value. */
static void check_position(const char *text, int allow_hex)
{
	unsigned long long v = 12345;
	if (motion_parse_position(text, allow_hex, &v) != 0) {
		FUZZ_CHECK(v == 12345);
		return;
	}
	const char *p = text;
	unsigned base = 10;
	if (allow_hex && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	unsigned long long want = 0;
	FUZZ_CHECK(*p != '\0');
	for (; *p != '\0'; p++) {
		int d = hexval((unsigned char)*p);
		FUZZ_CHECK(d >= 0 && (unsigned)d < base);
		FUZZ_CHECK(want <= (~0ULL - (unsigned)d) / base);
		want = want * base + (unsigned)d;
	}
	FUZZ_CHECK(v == want);
}

/* Keystrokes on a document: data[0] says how many bytes the document
 * starts with (taken from the input), then each byte is a keystroke. */
static void check_typing(const uint8_t *data, size_t size)
{
	if (size < 1)
		return;
	size_t start = data[0] % 32;
	if (start > size - 1)
		start = size - 1;
	const uint8_t *doc = data + 1;
	struct edbuf eb;
	FUZZ_CHECK(edbuf_init(&eb, doc, start) == 0);
	struct hexmodel_cursor cur = {0, 0};
	int insert = 0;
	for (size_t i = 1 + start; i < size; i++) {
		int c = data[i];
		size_t len = edbuf_len(&eb);
		if (hexval(c) >= 0)
			FUZZ_CHECK(hexmodel_type_nibble(&eb, &cur, hexval(c),
							insert) == 0);
		else if (c == 'i')
			insert = !insert;
		else if (c == '<')
			cur.pos = cur.pos > 0 ? cur.pos - 1 : 0, cur.nibble = 0;
		else if (c == '>')
			cur.pos = cur.pos < len ? cur.pos + 1 : len,
			cur.nibble = 0;
		else if (c == 'u') {
			size_t at;
			FUZZ_CHECK(edbuf_undo(&eb, &at) >= 0);
			len = edbuf_len(&eb);
			cur.pos = cur.pos > len ? len : cur.pos;
			cur.nibble = 0;
		} else if (c >= 0x80)
			FUZZ_CHECK(hexmodel_type_byte(&eb, &cur,
						      (unsigned char)c,
						      insert) == 0);
		FUZZ_CHECK(cur.pos <= edbuf_len(&eb) && cur.nibble <= 1);
		FUZZ_CHECK(cur.nibble == 0 || cur.pos < edbuf_len(&eb));
	}
	/* undo everything: the document is what it was */
	size_t at;
	while (edbuf_undo(&eb, &at) == 1)
		;
	FUZZ_CHECK(edbuf_len(&eb) == start);
	for (size_t i = 0; i < start; i++)
		FUZZ_CHECK(gapbuf_at(&eb.gb, i) == doc[i]);
	FUZZ_CHECK(!edbuf_modified(&eb));
	edbuf_done(&eb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	char *text = fuzz_cstring(data + 1, size - 1);
	switch (data[0] % 4) {
	case 0: check_pattern(text); break;
	case 1: check_position(text, 0); break;
	case 2: check_position(text, 1); break;
	default: check_typing(data + 1, size - 1); break;
	}
	free(text);
	return 0;
}
