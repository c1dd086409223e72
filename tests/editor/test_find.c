/* SPDX-License-Identifier: MIT */
/*
 * test_find.c - the editor's search and replace (edfind, edreplace) and
 * the go-to prompt's parsing: plain, case-blind and regex patterns over
 * the gap (the logical text, wherever the gap is), the window bounds of a
 * regex on long lines, search back and wrap-around, replacing one match
 * and all of them as one undo step, line:col and @offset.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <cmocka.h>

#include "editor/edbuf.h"
#include "editor/edfind.h"
#include "editor/edreplace.h"
#include "editor/motion.h"

static int setup_utf8(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") == NULL ? -1 : 0;
}

/* a document of s (n bytes) with the gap at `gap` */
static void doc_of(struct edbuf *eb, const char *s, size_t n, size_t gap)
{
	assert_int_equal(edbuf_init(eb, s, n), 0);
	assert_int_equal(gapbuf_insert(&eb->gb, gap, "", 0), 0);
	if (gap < n) { /* really move the gap there */
		char c = s[gap];
		gapbuf_delete(&eb->gb, gap, 1);
		assert_int_equal(gapbuf_insert(&eb->gb, gap, &c, 1), 0);
	}
}

static void set(struct edfind *f, const char *p, unsigned flags)
{
	char err[128];
	assert_int_equal(edfind_set(f, p, strlen(p), flags, err, sizeof err),
			 0);
}

static char *text_of(struct edbuf *eb)
{
	size_t n = edbuf_len(eb);
	char *s = malloc(n + 1);
	assert_non_null(s);
	gapbuf_copy(&eb->gb, 0, s, n);
	s[n] = '\0';
	return s;
}

static void test_plain_icase_regex(void **state)
{
	(void)state;
	const char *s = "Foo bar\nfoo BAR\nxfoo\n";
	struct edbuf eb;
	doc_of(&eb, s, strlen(s), 10); /* the gap inside the second "foo" */
	struct edfind f;
	edfind_init(&f);
	struct edfind_match m;
	int w;
	set(&f, "foo", 0);
	assert_int_equal(edfind_next(&f, &eb.gb, 0, &m, &w), 1);
	assert_int_equal(m.start, 8);
	assert_int_equal(m.end, 11);
	set(&f, "foo", EDFIND_ICASE);
	assert_int_equal(edfind_next(&f, &eb.gb, 0, &m, &w), 1);
	assert_int_equal(m.start, 0);
	set(&f, "FOO bA", EDFIND_ICASE); /* across the gap, folded */
	assert_int_equal(edfind_next(&f, &eb.gb, 1, &m, &w), 1);
	assert_int_equal(m.start, 8);
	assert_int_equal(m.end, 14);
	assert_int_equal(edfind_prev(&f, &eb.gb, 8, &m, &w), 1);
	assert_int_equal(m.start, 0);
	set(&f, "^foo", EDFIND_REGEX); /* ^ at a line's start only */
	assert_int_equal(edfind_next(&f, &eb.gb, 1, &m, &w), 1);
	assert_int_equal(m.start, 8);
	assert_int_equal(edfind_next(&f, &eb.gb, 9, &m, &w), 1);
	assert_int_equal(m.start, 8); /* xfoo is no match: wrapped */
	assert_int_equal(w, 1);
	set(&f, "b.r$", EDFIND_REGEX | EDFIND_ICASE);
	assert_int_equal(edfind_next(&f, &eb.gb, 0, &m, &w), 1);
	assert_int_equal(m.start, 4);
	assert_int_equal(m.end, 7);
	/* the literal's regex characters are literal when case-blind */
	set(&f, "o.b", EDFIND_ICASE);
	assert_int_equal(edfind_next(&f, &eb.gb, 0, &m, &w), 0);
	/* a bad regex: error words, the old pattern kept */
	char err[128];
	assert_int_equal(edfind_set(&f, "a(", 2, EDFIND_REGEX, err,
				    sizeof err), EINVAL);
	assert_true(err[0] != '\0');
	assert_int_equal(edfind_set(&f, "", 0, 0, err, sizeof err), EINVAL);
	assert_int_equal(f.n, 3);
	edfind_done(&f);
	edbuf_done(&eb);
}

static void test_unicode_case_and_nul(void **state)
{
	(void)state;
	const char s[] = "\xc3\x89t\xc3\xa9\0caf\xc3\xa9";
	struct edbuf eb;
	doc_of(&eb, s, sizeof s - 1, 3);
	struct edfind f;
	edfind_init(&f);
	struct edfind_match m;
	int w;
	set(&f, "\xc3\xa9t\xc3\x89", EDFIND_ICASE); /* éTÉ matches Été */
	assert_int_equal(edfind_next(&f, &eb.gb, 0, &m, &w), 1);
	assert_int_equal(m.start, 0);
	assert_int_equal(m.end, 5);
	set(&f, "caf.", EDFIND_REGEX); /* past a NUL byte */
	assert_int_equal(edfind_next(&f, &eb.gb, 0, &m, &w), 1);
	assert_int_equal(m.start, 6);
	assert_int_equal(m.end, 11);
	edfind_done(&f);
	edbuf_done(&eb);
}

/* A line of 200 KiB: regex windows are cut; a match across a cut (and
 * one in the overlap) is found whole, $ is only at the real end. */
static void test_long_line_windows(void **state)
{
	(void)state;
	size_t n = 200 * 1024;
	char *s = malloc(n);
	assert_non_null(s);
	memset(s, 'a', n);
	size_t at[] = {EDFIND_WINDOW - 3, EDFIND_WINDOW + EDFIND_OVERLAP - 2,
		       n - 5};
	for (size_t i = 0; i < 3; i++)
		memcpy(s + at[i], "xyzw", 4);
	struct edbuf eb;
	doc_of(&eb, s, n, n / 3);
	struct edfind f;
	edfind_init(&f);
	set(&f, "x[a-z]z", EDFIND_REGEX);
	struct edfind_match m;
	int w;
	size_t from = 0;
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(edfind_next(&f, &eb.gb, from, &m, &w), 1);
		assert_int_equal(w, 0);
		assert_int_equal(m.start, at[i]);
		assert_int_equal(m.end, at[i] + 3);
		from = m.start + 1;
	}
	set(&f, "a$", EDFIND_REGEX); /* the line's end only */
	assert_int_equal(edfind_next(&f, &eb.gb, 0, &m, &w), 1);
	assert_int_equal(m.start, n - 1);
	set(&f, "w", EDFIND_REGEX);
	assert_int_equal(edfind_prev(&f, &eb.gb, n, &m, &w), 1);
	assert_int_equal(m.start, at[2] + 3);
	assert_int_equal(edfind_prev(&f, &eb.gb, at[1], &m, &w), 1);
	assert_int_equal(m.start, at[0] + 3);
	assert_int_equal(edfind_prev(&f, &eb.gb, at[0], &m, &w), 1);
	assert_int_equal(w, 1);
	assert_int_equal(m.start, at[2] + 3);
	edfind_done(&f);
	edbuf_done(&eb);
	free(s);
}

static void test_replace_one_and_groups(void **state)
{
	(void)state;
	const char *s = "key=1, other=22\n";
	struct edbuf eb;
	doc_of(&eb, s, strlen(s), 5);
	struct edfind f;
	edfind_init(&f);
	set(&f, "([a-z]+)=([0-9]+)", EDFIND_REGEX);
	struct edfind_match m;
	int w;
	assert_int_equal(edfind_next(&f, &eb.gb, 3, &m, &w), 1);
	assert_int_equal(m.start, 7);
	size_t end;
	assert_int_equal(edreplace_one(&f, &eb, &m, "\\2:\\1 \\\\ \\n", 11,
				       &end), 0);
	char *t = text_of(&eb);
	assert_string_equal(t, "key=1, 22:other \\ \\n\n");
	assert_int_equal(end, 7 + 13);
	free(t);
	size_t c;
	assert_int_equal(edbuf_undo(&eb, &c), 1); /* one step */
	t = text_of(&eb);
	assert_string_equal(t, s);
	free(t);
	/* a plain pattern's replacement is taken as it is */
	set(&f, "key", 0);
	assert_int_equal(edfind_next(&f, &eb.gb, 0, &m, &w), 1);
	assert_int_equal(edreplace_one(&f, &eb, &m, "\\1", 2, &end), 0);
	t = text_of(&eb);
	assert_string_equal(t, "\\1=1, other=22\n");
	free(t);
	edfind_done(&f);
	edbuf_done(&eb);
}

static void test_replace_all_one_undo_step(void **state)
{
	(void)state;
	const char *s = "a1 b22 c333\nd4\n";
	struct edbuf eb;
	doc_of(&eb, s, strlen(s), 4);
	struct edfind f;
	edfind_init(&f);
	set(&f, "[0-9]+", EDFIND_REGEX);
	size_t count;
	assert_int_equal(edreplace_all(&f, &eb, "<\\0>", 4, &count), 0);
	assert_int_equal(count, 4);
	char *t = text_of(&eb);
	assert_string_equal(t, "a<1> b<22> c<333>\nd<4>\n");
	free(t);
	assert_true(edbuf_modified(&eb));
	size_t c;
	assert_int_equal(edbuf_undo(&eb, &c), 1);
	t = text_of(&eb);
	assert_string_equal(t, s);
	free(t);
	assert_int_equal(edbuf_redo(&eb, &c), 1);
	t = text_of(&eb);
	assert_string_equal(t, "a<1> b<22> c<333>\nd<4>\n");
	free(t);
	/* the replacement holds the pattern: no endless loop; ^ matches
	 * the text as it was (like sed) */
	set(&f, "^", EDFIND_REGEX);
	assert_int_equal(edreplace_all(&f, &eb, "> ", 2, &count), 0);
	assert_int_equal(count, 2);
	t = text_of(&eb);
	assert_string_equal(t, "> a<1> b<22> c<333>\n> d<4>\n");
	free(t);
	set(&f, "nothing", 0);
	assert_int_equal(edreplace_all(&f, &eb, "x", 1, &count), 0);
	assert_int_equal(count, 0);
	edfind_done(&f);
	edbuf_done(&eb);
}

/* Many matches: more than one batch, still one undo step. */
static void test_replace_all_batches(void **state)
{
	(void)state;
	size_t n = EDREPLACE_BATCH * 2 + 100;
	char *s = malloc(n);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = i % 50 == 49 ? '\n' : 'x';
	struct edbuf eb;
	doc_of(&eb, s, n, n / 2);
	struct edfind f;
	edfind_init(&f);
	set(&f, "x", 0);
	size_t count;
	assert_int_equal(edreplace_all(&f, &eb, "yy", 2, &count), 0);
	size_t xs = n - n / 50;
	assert_int_equal(count, xs);
	assert_int_equal(edbuf_len(&eb), n + xs);
	assert_int_equal(gapbuf_count_byte(&eb.gb, 0, edbuf_len(&eb), 'x'),
			 0);
	size_t c;
	assert_int_equal(edbuf_undo(&eb, &c), 1);
	assert_int_equal(edbuf_len(&eb), n);
	assert_true(gapbuf_equal_at(&eb.gb, 0, s, n));
	assert_false(edbuf_modified(&eb));
	edfind_done(&f);
	edbuf_done(&eb);
	free(s);
}

static void test_parse_goto(void **state)
{
	(void)state;
	struct motion_goto g;
	assert_int_equal(motion_parse_goto("12", &g), 0);
	assert_int_equal(g.is_byte, 0);
	assert_int_equal(g.line, 12);
	assert_int_equal(g.col, 0);
	assert_int_equal(motion_parse_goto("3:17", &g), 0);
	assert_int_equal(g.line, 3);
	assert_int_equal(g.col, 17);
	assert_int_equal(motion_parse_goto("@1234", &g), 0);
	assert_int_equal(g.is_byte, 1);
	assert_int_equal(g.byte, 1234);
	assert_int_equal(motion_parse_goto("@0x4D2", &g), 0);
	assert_int_equal(g.byte, 1234);
	const char *bad[] = {"", ":", "3:", ":4", "3:4:5", "-1", "3: 4",
			     "@", "@-1", "@0x", "x", "1e3",
			     "99999999999999999999999", "0x10",
			     "000000000000000000000000000000000001"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		g.line = 77;
		assert_int_equal(motion_parse_goto(bad[i], &g), -1);
		assert_int_equal(g.line, 77);
	}
	/* columns are the screen's: a tab counts to its stop */
	struct gapbuf gb;
	const char *s = "ab\n\tcd\xc3\xa9" "f\n";
	assert_int_equal(gapbuf_init(&gb, s, strlen(s)), 0);
	size_t ls = motion_goto_line(&gb, 2);
	assert_int_equal(ls, 3);
	assert_int_equal(motion_goto_column(&gb, NULL, ls, 0), 3);
	assert_int_equal(motion_goto_column(&gb, NULL, ls, 9), 4);
	assert_int_equal(motion_goto_column(&gb, NULL, ls, 12), 8);
	assert_int_equal(motion_goto_column(&gb, NULL, ls, 500), 9);
	gapbuf_done(&gb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_icase_regex),
		cmocka_unit_test(test_unicode_case_and_nul),
		cmocka_unit_test(test_long_line_windows),
		cmocka_unit_test(test_replace_one_and_groups),
		cmocka_unit_test(test_replace_all_one_undo_step),
		cmocka_unit_test(test_replace_all_batches),
		cmocka_unit_test(test_parse_goto),
	};
	return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
