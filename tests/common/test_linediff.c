/* SPDX-License-Identifier: MIT */
/*
 * test_linediff.c - tui/common/linediff, the one line diff: unified hunks
 * with context (the editor's conflict diff), minimal scripts, the bounded
 * fallback for very different values, hex dumps diffed by rows, and the
 * whole-value mode of the compare view.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/hexdump.h"
#include "common/linediff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *diff_text(const char *a, const char *b, int ctx)
{
	struct linediff d;
	assert_int_equal(linediff_compute(a, strlen(a), b, strlen(b), ctx, 0, &d), 0);
	size_t cap = 4096, n = 0;
	char *out = malloc(cap);
	out[0] = '\0';
	for (size_t i = 0; i < d.n; i++) {
		const struct linediff_line *l = &d.lines[i];
		if (l->tag == LINEDIFF_HUNK) {
			char h[64];
			linediff_hunk_header(l, h, sizeof h);
			n += (size_t)snprintf(out + n, cap - n, "%s\n", h);
		} else {
			n += (size_t)snprintf(out + n, cap - n, "%c%.*s\n%s",
					      (char)l->tag, (int)l->len,
					      (const char *)l->text,
					      l->no_newline ? "\\ No newline at end\n" : "");
		}
	}
	linediff_free(&d);
	return out;
}

static void test_linediff(void **state)
{
	(void)state;
	char *t = diff_text("a\nb\nc\n", "a\nb\nc\n", 3);
	assert_string_equal(t, "");
	free(t);
	t = diff_text("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nD\ne\nf\ng\nh\n", 1);
	assert_string_equal(t, "@@ -3,3 +3,3 @@\n c\n-d\n+D\n e\n");
	free(t);
	t = diff_text("one\ntwo\n", "one\ntwo\nthree", 3);
	assert_string_equal(t, "@@ -1,2 +1,3 @@\n one\n two\n+three\n"
			       "\\ No newline at end\n");
	free(t);
	t = diff_text("x\n", "", 3);
	assert_string_equal(t, "@@ -1,1 +0,0 @@\n-x\n");
	free(t);
	/* a minimal diff: an LCS of 4 lines kept */
	t = diff_text("a\nb\nc\na\nb\nb\na\n", "c\nb\na\nb\na\nc\n", 0);
	struct linediff d;
	const char *a = "a\nb\nc\na\nb\nb\na\n", *b = "c\nb\na\nb\na\nc\n";
	assert_int_equal(linediff_compute(a, strlen(a), b, strlen(b), 0, 0, &d), 0);
	assert_int_equal(d.added + d.deleted, 5); /* 7 + 6 - 2 * 4 */
	linediff_free(&d);
	free(t);
	/* two far-apart changes make two hunks */
	t = diff_text("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "X\n2\n3\n4\n5\n6\n7\n8\nY\n", 1);
	assert_string_equal(t, "@@ -1,2 +1,2 @@\n-1\n+X\n 2\n"
			       "@@ -8,2 +8,2 @@\n 8\n-9\n+Y\n");
	free(t);
}

static void test_linediff_large(void **state)
{
	(void)state;
	/* 20000 lines, every one changed: falls back, still correct counts */
	size_t n = 20000;
	char *a = malloc(n * 8), *b = malloc(n * 8);
	size_t la = 0, lb = 0;
	for (size_t i = 0; i < n; i++) {
		la += (size_t)sprintf(a + la, "a%zu\n", i);
		lb += (size_t)sprintf(b + lb, "b%zu\n", i);
	}
	struct linediff d;
	assert_int_equal(linediff_compute(a, la, b, lb, 3, 0, &d), 0);
	assert_int_equal(d.added, n);
	assert_int_equal(d.deleted, n);
	linediff_free(&d);
	/* one change in 20000 equal lines: just that one */
	memcpy(b, a, la);
	b[la / 2] = b[la / 2] == 'Q' ? 'R' : 'Q';
	assert_int_equal(linediff_compute(a, la, b, la, 3, 0, &d), 0);
	assert_int_equal(d.added, 1);
	assert_int_equal(d.deleted, 1);
	linediff_free(&d);
	free(a);
	free(b);
}

static void test_hexdump_diff(void **state)
{
	(void)state;
	char *ha, *hb;
	size_t na, nb;
	unsigned char a[40], b[40];
	for (int i = 0; i < 40; i++)
		a[i] = b[i] = (unsigned char)i;
	b[20] = 0xff;
	const struct hexdump_layout lay = {16, 0};
	assert_int_equal(hexdump_text(a, 40, &lay, &ha, &na), 0);
	assert_int_equal(hexdump_text(b, 40, &lay, &hb, &nb), 0);
	assert_memory_equal(ha, "00 01 02 03", 11);
	struct linediff d;
	assert_int_equal(linediff_compute(ha, na, hb, nb, 0, 0, &d), 0);
	assert_int_equal(d.added, 1);
	assert_int_equal(d.deleted, 1);
	linediff_free(&d);
	free(ha);
	free(hb);
}

/* The tags of a whole-value diff, one character per line. */
static void whole_tags(const char *a, const char *b, unsigned flags,
		       char *out)
{
	struct linediff d;
	assert_int_equal(linediff_compute(a, strlen(a), b, strlen(b), 3,
					  LINEDIFF_WHOLE | flags, &d), 0);
	for (size_t i = 0; i < d.n; i++)
		out[i] = (char)d.lines[i].tag;
	out[d.n] = '\0';
	linediff_free(&d);
}

static void test_whole_value(void **state)
{
	(void)state;
	char tags[64];
	/* identical values: every line, all the same */
	whole_tags("a\nb\n", "a\nb\n", 0, tags);
	assert_string_equal(tags, "  ");
	whole_tags("", "", 0, tags);
	assert_string_equal(tags, "");
	/* far from the change, lines are still there (no hunks) */
	whole_tags("1\n2\n3\n4\n5\n6\n7\n8\n9\n",
		   "1\n2\n3\n4\nX\n6\n7\n8\n9\n", 0, tags);
	assert_string_equal(tags, "    -+    ");
	/* a last line without its newline: different, unless EOL-blind */
	whole_tags("a\nb", "a\nb\n", 0, tags);
	assert_string_equal(tags, " -+");
	whole_tags("a\nb", "a\nb\n", LINEDIFF_EOL_BLIND, tags);
	assert_string_equal(tags, "  ");
	/* the line numbers on each side */
	struct linediff d;
	const char *a = "x\ny\n", *b = "new\nx\ny\n";
	assert_int_equal(linediff_compute(a, strlen(a), b, strlen(b), 0,
					  LINEDIFF_WHOLE, &d), 0);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.lines[0].tag, LINEDIFF_ADD);
	assert_int_equal(d.lines[0].b_line, 0);
	assert_int_equal(d.lines[2].tag, LINEDIFF_SAME);
	assert_int_equal(d.lines[2].a_line, 1);
	assert_int_equal(d.lines[2].b_line, 2);
	assert_memory_equal(d.lines[2].text, "y", 1);
	assert_int_equal(d.lines[2].len, 1);
	linediff_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linediff),
		cmocka_unit_test(test_linediff_large),
		cmocka_unit_test(test_hexdump_diff),
		cmocka_unit_test(test_whole_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
