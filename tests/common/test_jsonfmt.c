/* SPDX-License-Identifier: MIT */
/*
 * test_jsonfmt.c - tui/common/jsonfmt: names as FIELD or FIELD_base64 and
 * back, JSON strings a reader gets back exactly, and documents whose
 * unsafe characters are escapes (ASCII only for a terminal).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/jsonfmt.h"
#include "common/textsafe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_json_names(void **state)
{
	(void)state;
	json_t *obj = json_object();
	char *back = NULL;
	const char *why = NULL;

	assert_int_equal(jsonfmt_set_name(obj, "key", "caf\xc3\xa9"), 0);
	assert_int_equal(jsonfmt_set_name(obj, "table", "\xff/x"), 0);
	assert_string_equal(json_string_value(json_object_get(obj, "key")),
			    "caf\xc3\xa9");
	assert_null(json_object_get(obj, "table"));
	assert_string_equal(
		json_string_value(json_object_get(obj, "table_base64")),
		"/y94");
	assert_int_equal(jsonfmt_get_name(obj, "key", 0, &back, &why), 0);
	assert_string_equal(back, "caf\xc3\xa9");
	free(back);
	assert_int_equal(jsonfmt_get_name(obj, "table", 0, &back, &why), 0);
	assert_string_equal(back, "\xff/x");
	free(back);
	/* Missing, optional, both forms, NUL inside, bad base64. */
	assert_int_equal(jsonfmt_get_name(obj, "nope", 0, &back, &why), -1);
	assert_int_equal(jsonfmt_get_name(obj, "nope", 1, &back, &why), 0);
	assert_string_equal(back, "");
	free(back);
	json_object_set_new(obj, "key_base64", json_string("YQ=="));
	assert_int_equal(jsonfmt_get_name(obj, "key", 0, &back, &why), -1);
	json_object_del(obj, "key");
	json_object_set_new(obj, "key_base64", json_string("YQBi"));
	assert_int_equal(jsonfmt_get_name(obj, "key", 0, &back, &why), -1);
	assert_string_equal(why, "name contains a NUL byte");
	json_object_set_new(obj, "key_base64", json_string("Y!=="));
	assert_int_equal(jsonfmt_get_name(obj, "key", 0, &back, &why), -1);
	json_object_set_new(obj, "key_base64", json_integer(3));
	assert_int_equal(jsonfmt_get_name(obj, "key", 0, &back, &why), -1);
	json_decref(obj);
}

/* Whatever jsonfmt_write_string writes, jansson reads back exactly. */
static void check_json_string(const char *in, size_t len, const char *want)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	assert_non_null(f);
	assert_int_equal(jsonfmt_write_string(f, in, len), 0);
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
	assert_int_equal(jsonfmt_write_string(f, "a\xff", 2), EILSEQ);
	fclose(f);
}

static void test_documents_are_safe(void **state)
{
	(void)state;
	json_t *doc = json_object();
	jsonfmt_set_name(doc, "key", "a\x7f\xc2\x9b\xe2\x80\xae\xe2\x80\x8b"
				     "\xef\xbb\xbf\xf3\xa0\x80\x81\xc3\xa9\n\"");
	char *text = jsonfmt_dumps(doc, TEXTSAFE_UTF8);
	assert_non_null(text);
	assert_string_equal(text, "{\"key\":\"a\\u007f\\u009b\\u202e\\u200b"
				  "\\ufeff\\udb40\\udc01\xc3\xa9\\n\\\"\"}");
	free(text);
	/* ASCII only (a terminal): every non-ASCII character escaped */
	text = jsonfmt_dumps(doc, 0);
	assert_non_null(text);
	assert_non_null(strstr(text, "\\u00e9\\n"));
	for (const char *p = text; *p; p++)
		assert_true(*p >= 0x20 && *p < 0x7f);
	/* what a reader gets back is the name */
	json_error_t err;
	json_t *back = json_loads(text, 0, &err);
	assert_non_null(back);
	assert_true(json_equal(back, doc));
	json_decref(back);
	free(text);
	/* print: one line, and the document is released */
	char *mem = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&mem, &size);
	assert_int_equal(jsonfmt_print(doc, f), 0);
	fclose(f);
	assert_int_equal(mem[size - 1], '\n');
	assert_null(memchr(mem, '\n', size - 1));
	free(mem);
	assert_int_equal(jsonfmt_print(NULL, stdout), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_names),
		cmocka_unit_test(test_json_write_string),
		cmocka_unit_test(test_json_write_string_refuses_invalid),
		cmocka_unit_test(test_documents_are_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
