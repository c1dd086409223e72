/* SPDX-License-Identifier: MIT */
/*
 * test_import_scan.c - tui/cli/cli_import_scan.h, import's line reader:
 * records in any field order, values streamed in bounded pieces (and a
 * value before its key read again from its offset), base64 across the
 * scanner's chunks, line numbers, and the reason of each bad line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli/cli_import_scan.h"
#include "common/base64.h"
#include "common/exit_codes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a sink collects: the value's bytes and the largest piece. */
struct collect {
	char *buf;
	size_t len, cap, max_piece;
	int starts;
	int accept;
	char table[64], key[64];
};

static int collect_start(void *ctx, const struct import_record *rec)
{
	struct collect *c = ctx;
	c->starts++;
	snprintf(c->table, sizeof c->table, "%s", rec->table);
	snprintf(c->key, sizeof c->key, "%s", rec->key);
	return c->accept;
}

static int collect_write(void *ctx, const void *buf, size_t len)
{
	struct collect *c = ctx;
	if (c->len + len > c->cap) {
		c->cap = (c->len + len) * 2;
		c->buf = realloc(c->buf, c->cap);
		assert_non_null(c->buf);
	}
	memcpy(c->buf + c->len, buf, len);
	c->len += len;
	if (len > c->max_piece)
		c->max_piece = len;
	return 0;
}

/* A seekable stream holding `text` (a temp file: fmemopen's seek is
 * enough too, but a file is what import reads). */
static FILE *input(const char *text, size_t len)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	rewind(f);
	return f;
}

static void test_export_record_streams(void **state)
{
	(void)state;
	const char *text = "{\"format_version\":1,\"table\":\"users\","
			   "\"key\":\"alice\",\"size\":5,\"mtime\":\"x\","
			   "\"value\":\"a\\nb\\u00e9\"}\n";
	FILE *f = input(text, strlen(text));
	struct import_scan *s = import_scan_new(f);
	struct collect c = {.accept = 1};
	struct import_sink sink = {collect_start, collect_write, &c};
	struct import_record rec;

	assert_int_equal(import_scan_line(s, &rec, &sink), IMPORT_SCAN_RECORD);
	assert_string_equal(rec.table, "users");
	assert_string_equal(rec.key, "alice");
	assert_true(rec.value_streamed);
	assert_int_equal(rec.value_len, 5);
	assert_int_equal(c.starts, 1);
	assert_string_equal(c.key, "alice");
	assert_int_equal(c.len, 5);
	assert_memory_equal(c.buf, "a\nb\xc3\xa9", 5);
	assert_int_equal(import_scan_lineno(s), 1);
	import_record_done(&rec);
	assert_int_equal(import_scan_line(s, &rec, &sink), IMPORT_SCAN_EOF);
	import_scan_free(s);
	fclose(f);
	free(c.buf);
}

/* A value before its key is skipped, then read from its offset. */
static void test_value_first_is_read_again(void **state)
{
	(void)state;
	const char *text = "\n{\"value_base64\":\"AAEC/w==\",\"key\":\"k\"}\n"
			   "{\"key\":\"next\",\"value\":\"n\"}\n";
	FILE *f = input(text, strlen(text));
	struct import_scan *s = import_scan_new(f);
	struct collect c = {.accept = 1};
	struct import_sink sink = {collect_start, collect_write, &c};
	struct import_record rec;

	assert_int_equal(import_scan_line(s, &rec, &sink), IMPORT_SCAN_BLANK);
	assert_int_equal(import_scan_line(s, &rec, &sink), IMPORT_SCAN_RECORD);
	assert_int_equal(import_scan_lineno(s), 2);
	assert_false(rec.value_streamed);
	assert_int_equal(c.starts, 0);
	assert_string_equal(rec.table, "");
	assert_int_equal(rec.value_len, 4);
	assert_int_equal(import_scan_value(s, &rec, &sink), 0);
	assert_int_equal(c.len, 4);
	assert_memory_equal(c.buf, "\x00\x01\x02\xff", 4);
	import_record_done(&rec);
	/* the next line is read from where the second ended */
	assert_int_equal(import_scan_line(s, &rec, &sink), IMPORT_SCAN_RECORD);
	assert_string_equal(rec.key, "next");
	assert_int_equal(import_scan_lineno(s), 3);
	import_record_done(&rec);
	import_scan_free(s);
	fclose(f);
	free(c.buf);
}

/* 1 MiB of every byte value in base64: pieces stay bounded, every byte
 * comes back, across the scanner's base64 chunks. */
static void test_long_base64_in_pieces(void **state)
{
	(void)state;
	size_t n = 1024 * 1024 + 1;
	unsigned char *value = malloc(n);
	char *coded = malloc(base64_encoded_len(n) + 1);
	assert_non_null(value);
	assert_non_null(coded);
	for (size_t i = 0; i < n; i++)
		value[i] = (unsigned char)(i * 7 + i / 256);
	base64_encode(value, n, coded);
	size_t len = strlen(coded) + 64;
	char *text = malloc(len);
	assert_non_null(text);
	len = (size_t)snprintf(text, len, "{\"key\":\"b\",\"value_base64\":\"%s\"}",
			       coded);
	FILE *f = input(text, len);
	struct import_scan *s = import_scan_new(f);
	struct collect c = {.accept = 1};
	struct import_sink sink = {NULL, collect_write, &c};
	struct import_record rec;

	/* no start: the value is checked and dropped while scanning */
	assert_int_equal(import_scan_line(s, &rec, &sink), IMPORT_SCAN_RECORD);
	assert_int_equal(rec.value_len, n);
	assert_int_equal(c.len, 0);
	assert_int_equal(import_scan_value(s, &rec, &sink), 0);
	assert_int_equal(c.len, n);
	assert_memory_equal(c.buf, value, n);
	assert_true(c.max_piece <= IMPORT_SCAN_PIECE);
	import_record_done(&rec);
	import_scan_free(s);
	fclose(f);
	free(c.buf);
	free(text);
	free(coded);
	free(value);
}

static void test_table_record(void **state)
{
	(void)state;
	const char *text = "{\"table_base64\":\"dP9i\"}";
	FILE *f = input(text, strlen(text));
	struct import_scan *s = import_scan_new(f);
	struct import_record rec;

	assert_int_equal(import_scan_line(s, &rec, NULL), IMPORT_SCAN_RECORD);
	assert_memory_equal(rec.table, "t\xff" "b", 4);
	assert_null(rec.key);
	assert_false(rec.has_value);
	import_record_done(&rec);
	import_scan_free(s);
	fclose(f);
}

static const struct {
	const char *line, *why;
	int status;
} bad_lines[] = {
	{"{\"table\":\"t\",\"value\":\"x\"}", "a value but no \"key\"", EXIT_OTHER},
	{"{\"value\":\"x\"}", "a value but no \"key\"", EXIT_OTHER},
	{"{}", "neither a key nor a table", EXIT_OTHER},
	{"[1]", "not a JSON object", EXIT_OTHER},
	{"{\"key\":\"k\"}", "no \"value\" or \"value_base64\"", EXIT_OTHER},
	{"{\"key\":\"a/b\",\"value\":\"\"}", "invalid key name", EXIT_INVALID},
	{"{\"table\":\"../x\",\"key\":\"k\",\"value\":\"\"}", "invalid table name",
	 EXIT_INVALID},
	{"{\"key\":\"k\",\"value\":\"ab\",\"size\":3}",
	 "\"size\" does not match the value", EXIT_OTHER},
	{"{\"key\":\"k\",\"value\":\"ab\",\"size\":2.0}",
	 "\"size\" does not match the value", EXIT_OTHER},
	{"{\"key\":\"k\",\"key\":\"j\",\"value\":\"\"}", "a field given twice",
	 EXIT_OTHER},
	{"{\"key\":\"k\",\"value_base64\":\"YQ=\"}",
	 "bad base64 in \"value_base64\"", EXIT_OTHER},
	{"{\"key\":\"k\",\"value\":\"a\",\"value_base64\":\"YQ==\"}",
	 "both \"value\" and \"value_base64\"", EXIT_OTHER},
	{"{\"key\":\"k\",\"value\":1}", "the value is not a JSON string",
	 EXIT_OTHER},
	{"{\"key\":\"a\\u0000b\",\"value\":\"\"}", "name contains a NUL byte",
	 EXIT_OTHER},
	{"{\"key\":\"k\",\"value\":\"\\ud800\"}",
	 "invalid Unicode escape (a lone high surrogate)", EXIT_OTHER},
	{"{\"key\":\"k\",\"value\":\"\xc3\"}", "invalid UTF-8 in a string",
	 EXIT_OTHER},
	{"{\"key\":\"k\",\"value\":\"\t\"}", "control character in a string",
	 EXIT_OTHER},
	{"{\"key\":\"k\",\"value\":\"v\"} x", "something after the record",
	 EXIT_OTHER},
	{"{\"format_version\":2,\"key\":\"k\",\"value\":\"\"}",
	 "\"format_version\" is not 1 (an export of a newer flockd?)",
	 EXIT_OTHER},
	{"{\"key\":\"k\",\"size\":99999999999999999999,\"value\":\"\"}",
	 "too big integer", EXIT_OTHER},
	{"{\"key\":\"k\",\"value\":\"v\"", "the line ends inside the record",
	 EXIT_OTHER},
};

/* Each bad line has its reason; the line after it is read whole. */
static void test_bad_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_lines / sizeof bad_lines[0]; i++) {
		char text[256];
		int n = snprintf(text, sizeof text,
				 "%s\n{\"key\":\"ok\",\"value\":\"}\"}\n",
				 bad_lines[i].line);
		FILE *f = input(text, (size_t)n);
		struct import_scan *s = import_scan_new(f);
		struct import_record rec;
		assert_int_equal(import_scan_line(s, &rec, NULL),
				 IMPORT_SCAN_BAD);
		if (strcmp(import_scan_why(s), bad_lines[i].why) != 0)
			fail_msg("%s: '%s', want '%s'", bad_lines[i].line,
				 import_scan_why(s), bad_lines[i].why);
		assert_int_equal(import_scan_status(s), bad_lines[i].status);
		assert_int_equal(import_scan_line(s, &rec, NULL),
				 IMPORT_SCAN_RECORD);
		assert_string_equal(rec.key, "ok");
		assert_int_equal(import_scan_lineno(s), 2);
		import_record_done(&rec);
		import_scan_free(s);
		fclose(f);
	}
}

/* A refused start: the value is checked and dropped, nothing written. */
static void test_refused_start_writes_nothing(void **state)
{
	(void)state;
	const char *text = "{\"table\":\"t\",\"key\":\"k\",\"value\":\"abc\"}\n";
	FILE *f = input(text, strlen(text));
	struct import_scan *s = import_scan_new(f);
	struct collect c = {.accept = 0};
	struct import_sink sink = {collect_start, collect_write, &c};
	struct import_record rec;

	assert_int_equal(import_scan_line(s, &rec, &sink), IMPORT_SCAN_RECORD);
	assert_int_equal(c.starts, 1);
	assert_false(rec.value_streamed);
	assert_int_equal(c.len, 0);
	assert_int_equal(rec.value_len, 3);
	import_record_done(&rec);
	import_scan_free(s);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_record_streams),
		cmocka_unit_test(test_value_first_is_read_again),
		cmocka_unit_test(test_long_base64_in_pieces),
		cmocka_unit_test(test_table_record),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_refused_start_writes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
