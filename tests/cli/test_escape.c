/*
 * test_escape.c - tui/cli/utf8, cli_escape and cli_json: the escaping that
 * keeps hostile names on one line, and the JSON forms of names and values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli/cli_escape.h"
#include "cli/cli_json.h"
#include "common/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_escape(const char *in, size_t len, unsigned flags,
			 const char *want)
{
	char *got = escape_dup(in, len, flags);
	assert_non_null(got);
	assert_string_equal(got, want);
	assert_true(strlen(got) <= escape_max_len(len));
	free(got);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("plain", 5));
	assert_true(utf8_valid("a\0b", 3));
	assert_true(utf8_valid("w\xc3\xb6rld", 6));
	assert_true(utf8_valid("\xf0\x9f\x98\x80", 4));  /* U+1F600 */
	assert_true(utf8_valid("\xf4\x8f\xbf\xbf", 4));  /* U+10FFFF */
	assert_false(utf8_valid("\xff", 1));
	assert_false(utf8_valid("\xc3", 1));              /* truncated */
	assert_false(utf8_valid("\xc0\xaf", 2));          /* overlong */
	assert_false(utf8_valid("\xe0\x80\xaf", 3));      /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));      /* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4));  /* > U+10FFFF */
	assert_false(utf8_valid("\x80", 1));              /* continuation */
	assert_false(utf8_valid("ab\xf0\x9f\x98", 5));
}

static void test_escape_ascii(void **state)
{
	(void)state;
	check_escape("alice", 5, ESCAPE_UTF8, "alice");
	check_escape("with space", 10, ESCAPE_UTF8, "with space");
	check_escape("a\nb", 3, ESCAPE_UTF8, "a\\nb");
	check_escape("t\tr\r", 4, ESCAPE_UTF8, "t\\tr\\r");
	check_escape("back\\slash", 10, ESCAPE_UTF8, "back\\\\slash");
	check_escape("\x1b[31mred", 8, ESCAPE_UTF8, "\\x1b[31mred");
	check_escape("\x7f\x01", 2, 0, "\\x7f\\x01");
	check_escape("", 0, 0, "");
}

static void test_escape_utf8(void **state)
{
	(void)state;
	/* Printable UTF-8 passes in a UTF-8 locale, else byte escapes. */
	check_escape("w\xc3\xb6rld", 6, ESCAPE_UTF8, "w\xc3\xb6rld");
	check_escape("w\xc3\xb6rld", 6, 0, "w\\xc3\\xb6rld");
	check_escape("\xf0\x9f\x98\x80", 4, ESCAPE_UTF8, "\xf0\x9f\x98\x80");
	/* Invalid bytes, C1 controls (CSI as U+009B), bidi overrides and
	 * line separators are escaped byte by byte. */
	check_escape("\xff\xfe", 2, ESCAPE_UTF8, "\\xff\\xfe");
	check_escape("\x9b", 1, ESCAPE_UTF8, "\\x9b");
	check_escape("\xc2\x9b", 2, ESCAPE_UTF8, "\\xc2\\x9b");
	check_escape("a\xe2\x80\xae" "b", 5, ESCAPE_UTF8, "a\\xe2\\x80\\xaeb");
	check_escape("\xe2\x80\xa8", 3, ESCAPE_UTF8, "\\xe2\\x80\\xa8");
	check_escape("\xc3", 1, ESCAPE_UTF8, "\\xc3");
}

/* The escaped form never holds a control byte, so it stays on one line,
 * and decoding it (as printf %b does) gives the name back. */
static size_t unescape(const char *s, char *out)
{
	size_t o = 0;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] != '\\') {
			out[o++] = s[i];
			continue;
		}
		i++;
		switch (s[i]) {
		case 'n': out[o++] = '\n'; break;
		case 't': out[o++] = '\t'; break;
		case 'r': out[o++] = '\r'; break;
		case '\\': out[o++] = '\\'; break;
		case 'x': {
			char hex[3] = {s[i + 1], s[i + 2], 0};
			out[o++] = (char)strtoul(hex, NULL, 16);
			i += 2;
			break;
		}
		default: fail_msg("bad escape \\%c", s[i]);
		}
	}
	return o;
}

static void test_escape_all_bytes_reversible(void **state)
{
	(void)state;
	char name[255], back[255 * 4];
	for (int flags = 0; flags <= ESCAPE_UTF8; flags++) {
		for (size_t i = 0; i < sizeof name; i++)
			name[i] = (char)(i + 1);
		char *esc = escape_dup(name, sizeof name, (unsigned)flags);
		assert_non_null(esc);
		for (size_t i = 0; esc[i]; i++)
			assert_true((unsigned char)esc[i] >= 0x20 &&
				     esc[i] != 0x7f);
		assert_int_equal(unescape(esc, back), sizeof name);
		assert_memory_equal(back, name, sizeof name);
		free(esc);
	}
}

static void test_escape_write(void **state)
{
	(void)state;
	char buf[64] = "";
	FILE *f = fmemopen(buf, sizeof buf, "w");
	assert_non_null(f);
	assert_int_equal(escape_write(f, "x\ny", 3, 0), 0);
	fclose(f);
	assert_string_equal(buf, "x\\ny");
}

static void test_json_names(void **state)
{
	(void)state;
	json_t *obj = json_object();
	char *back = NULL;
	const char *why = NULL;

	assert_int_equal(cli_json_set_name(obj, "key", "caf\xc3\xa9"), 0);
	assert_int_equal(cli_json_set_name(obj, "table", "\xff/x"), 0);
	assert_string_equal(json_string_value(json_object_get(obj, "key")),
			    "caf\xc3\xa9");
	assert_null(json_object_get(obj, "table"));
	assert_string_equal(
		json_string_value(json_object_get(obj, "table_base64")),
		"/y94");
	assert_int_equal(cli_json_get_name(obj, "key", 0, &back, &why), 0);
	assert_string_equal(back, "caf\xc3\xa9");
	free(back);
	assert_int_equal(cli_json_get_name(obj, "table", 0, &back, &why), 0);
	assert_string_equal(back, "\xff/x");
	free(back);
	/* Missing, optional, both forms, NUL inside, bad base64. */
	assert_int_equal(cli_json_get_name(obj, "nope", 0, &back, &why), -1);
	assert_int_equal(cli_json_get_name(obj, "nope", 1, &back, &why), 0);
	assert_string_equal(back, "");
	free(back);
	json_object_set_new(obj, "key_base64", json_string("YQ=="));
	assert_int_equal(cli_json_get_name(obj, "key", 0, &back, &why), -1);
	json_object_del(obj, "key");
	json_object_set_new(obj, "key_base64", json_string("YQBi"));
	assert_int_equal(cli_json_get_name(obj, "key", 0, &back, &why), -1);
	assert_string_equal(why, "name contains a NUL byte");
	json_object_set_new(obj, "key_base64", json_string("Y!=="));
	assert_int_equal(cli_json_get_name(obj, "key", 0, &back, &why), -1);
	json_object_set_new(obj, "key_base64", json_integer(3));
	assert_int_equal(cli_json_get_name(obj, "key", 0, &back, &why), -1);
	json_decref(obj);
}

/* Whatever cli_json_write_string writes, jansson reads back exactly. */
static void check_json_string(const char *in, size_t len, const char *want)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	assert_non_null(f);
	assert_int_equal(cli_json_write_string(f, in, len), 0);
	fclose(f);
	if (want != NULL)
		assert_string_equal(buf, want);
	json_error_t err;
	json_t *v = json_loadb(buf, size, JSON_DECODE_ANY | JSON_ALLOW_NUL,
			       &err);
	assert_non_null(v);
	assert_true(json_is_string(v));
	assert_int_equal(json_string_length(v), len);
	assert_memory_equal(json_string_value(v), in, len);
	json_decref(v);
	free(buf);
}

static void test_json_write_string(void **state)
{
	(void)state;
	check_json_string("", 0, "\"\"");
	check_json_string("plain", 5, "\"plain\"");
	check_json_string("q\"b\\n\n", 6, "\"q\\\"b\\\\n\\n\"");
	check_json_string("a\0b", 3, "\"a\\u0000b\"");
	check_json_string("\x1b[1m\x7f", 5, "\"\\u001b[1m\\u007f\"");
	check_json_string("\xc2\x9b", 2, "\"\\u009b\"");
	check_json_string("\xe2\x80\xae", 3, "\"\\u202e\"");
	check_json_string("w\xc3\xb6rld \xf0\x9f\x98\x80", 11,
			  "\"w\xc3\xb6rld \xf0\x9f\x98\x80\"");
	char all[128];
	for (int i = 0; i < 128; i++)
		all[i] = (char)i;
	check_json_string(all, sizeof all, NULL);
}

static void test_json_write_string_refuses_invalid(void **state)
{
	(void)state;
	char buf[32];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	assert_non_null(f);
	assert_int_equal(cli_json_write_string(f, "a\xff", 2), -1);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_escape_ascii),
		cmocka_unit_test(test_escape_utf8),
		cmocka_unit_test(test_escape_all_bytes_reversible),
		cmocka_unit_test(test_escape_write),
		cmocka_unit_test(test_json_names),
		cmocka_unit_test(test_json_write_string),
		cmocka_unit_test(test_json_write_string_refuses_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
