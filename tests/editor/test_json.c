/* SPDX-License-Identifier: MIT */
/*
 * test_json.c - the editor's JSON (edjson): what counts as JSON for the
 * mark, valid and invalid text read across the gap (with where the error
 * is), pretty-print and compact (key order kept, the final newline rule),
 * and invalid text refused with nothing made.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "editor/edjson.h"

/* s in a gap buffer with the gap in the middle */
static void gb_of(struct gapbuf *gb, const char *s)
{
	size_t n = strlen(s);
	assert_int_equal(gapbuf_init(gb, s, n), 0);
	if (n > 1) {
		char c = s[n / 2];
		gapbuf_delete(gb, n / 2, 1);
		assert_int_equal(gapbuf_insert(gb, n / 2, &c, 1), 0);
	}
}

static enum edjson_state check(const char *s, char *why, size_t size)
{
	struct gapbuf gb;
	gb_of(&gb, s);
	enum edjson_state st = edjson_check(&gb, why, size);
	gapbuf_done(&gb);
	return st;
}

static void test_check(void **state)
{
	(void)state;
	char why[200];
	assert_int_equal(check("{\"a\": [1, 2, {\"b\": null}]}\n", why,
			       sizeof why), EDJSON_VALID);
	assert_int_equal(check("  \n[]", why, sizeof why), EDJSON_VALID);
	assert_int_equal(check("{\"a\": [1, 2,, 3]}", why, sizeof why),
			 EDJSON_INVALID);
	assert_non_null(strstr(why, "line 1, column"));
	assert_int_equal(check("{\n\"a\": 1\n\"b\": 2}", why, sizeof why),
			 EDJSON_INVALID);
	assert_non_null(strstr(why, "line 3"));
	assert_int_equal(check("{} trailing", why, sizeof why),
			 EDJSON_INVALID);
	/* scalars and text get no mark */
	assert_int_equal(check("12", why, sizeof why), EDJSON_NOT_JSON);
	assert_int_equal(check("\"str\"", why, sizeof why), EDJSON_NOT_JSON);
	assert_int_equal(check("hello {", why, sizeof why), EDJSON_NOT_JSON);
	assert_int_equal(check("", why, sizeof why), EDJSON_NOT_JSON);
}

static char *format(const char *s, int pretty, int *err)
{
	struct gapbuf gb;
	gb_of(&gb, s);
	char *out = NULL, why[200];
	size_t n = 0;
	*err = edjson_format(&gb, pretty, &out, &n, why, sizeof why);
	gapbuf_done(&gb);
	if (*err == 0)
		assert_int_equal(n, strlen(out));
	return out;
}

static void test_format(void **state)
{
	(void)state;
	int err;
	char *s = format("{\"z\":1,\"a\":[true,{\"k\":\"v\"}]}", 1, &err);
	assert_int_equal(err, 0);
	assert_string_equal(s, "{\n  \"z\": 1,\n  \"a\": [\n    true,\n"
			    "    {\n      \"k\": \"v\"\n    }\n  ]\n}\n");
	char *c = format(s, 0, &err); /* back, key order kept */
	assert_int_equal(err, 0);
	assert_string_equal(c, "{\"z\":1,\"a\":[true,{\"k\":\"v\"}]}\n");
	free(s);
	free(c);
	/* compact keeps the absence of a final newline */
	c = format("[ 1 , 2 ]", 0, &err);
	assert_string_equal(c, "[1,2]");
	free(c);
	/* UTF-8 and escapes survive */
	c = format("{\"\xc3\xa9\": \"a\\u0000b\\n\"}\n", 0, &err);
	assert_int_equal(err, 0);
	assert_string_equal(c, "{\"\xc3\xa9\":\"a\\u0000b\\n\"}\n");
	free(c);
	assert_null(format("{\"a\":}", 1, &err));
	assert_int_equal(err, EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
