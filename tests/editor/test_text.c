/* SPDX-License-Identifier: MIT */
/*
 * test_text.c - what the text mode relies on: cells (UTF-8, wide and
 * combining characters, escapes for controls and invalid bytes), cursor
 * motion by character, word, line and page, go to line, soft wrap, search
 * with wrap-around, and the editor's default keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <cmocka.h>

#include "editor/gapbuf.h"
#include "editor/motion.h"
#include "editor/edsearch.h"
#include "editor/textcell.h"
#include "ui/keymap.h"

static int setup_utf8(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return -1;
	return 0;
}

static void gb_of(struct gapbuf *gb, const char *s)
{
	/* open with the gap in the middle, so every test crosses it */
	size_t n = strlen(s);
	assert_int_equal(gapbuf_init(gb, s, n), 0);
	assert_int_equal(gapbuf_insert(gb, n / 2, "", 0), 0);
	if (n > 1) {
		char c = s[n / 2];
		gapbuf_delete(gb, n / 2, 1);
		assert_int_equal(gapbuf_insert(gb, n / 2, &c, 1), 0);
	}
}

static void gb_of_bytes(struct gapbuf *gb, const void *s, size_t n)
{
	assert_int_equal(gapbuf_init(gb, s, n), 0);
}

static void test_cells(void **state)
{
	(void)state;
	struct gapbuf gb;
	/* a, e + combining acute, wide CJK, tab, ESC, CR, invalid, RLO, C1,
	 * a combining mark after an escape, a backslash, \n */
	const char s[] = "a" "e\xcc\x81" "\xe7\x95\x8c" "\t" "\x1b" "\r"
			 "\xff" "\xe2\x80\xae" "\xc2\x9b" "\xcc\x81" "\\" "\n";
	gb_of_bytes(&gb, s, sizeof s - 1);
	struct textcell c;
	size_t pos = 0;
	textcell_at(&gb, pos, 0, &c);
	assert_int_equal(c.kind, TEXTCELL_CHAR);
	assert_int_equal(c.width, 1);
	pos += c.len;
	textcell_at(&gb, pos, 1, &c); /* e + U+0301: one cell, width 1 */
	assert_int_equal(c.len, 3);
	assert_int_equal(c.width, 1);
	assert_string_equal(c.text, "e\xcc\x81");
	pos += c.len;
	textcell_at(&gb, pos, 2, &c); /* wide */
	assert_int_equal(c.len, 3);
	assert_int_equal(c.width, 2);
	pos += c.len;
	textcell_at(&gb, pos, 4, &c); /* tab to column 8 */
	assert_int_equal(c.kind, TEXTCELL_TAB_FILL);
	assert_int_equal(c.width, 4);
	pos += c.len;
	textcell_at(&gb, pos, 8, &c);
	assert_int_equal(c.kind, TEXTCELL_ESCAPE);
	assert_string_equal(c.text, "\\x1b");
	pos += c.len;
	textcell_at(&gb, pos, 12, &c);
	assert_string_equal(c.text, "\\r");
	pos += c.len;
	textcell_at(&gb, pos, 14, &c);
	assert_string_equal(c.text, "\\xff");
	assert_int_equal(c.width, 4);
	pos += c.len;
	textcell_at(&gb, pos, 16, &c); /* bidi override: never raw */
	assert_int_equal(c.kind, TEXTCELL_ESCAPE);
	assert_string_equal(c.text, "\\u202e");
	assert_int_equal(c.len, 3);
	pos += c.len;
	textcell_at(&gb, pos, 24, &c); /* C1 control CSI, encoded */
	assert_int_equal(c.kind, TEXTCELL_ESCAPE);
	assert_string_equal(c.text, "\\u009b");
	pos += c.len;
	textcell_at(&gb, pos, 30, &c); /* nothing to combine with */
	assert_int_equal(c.kind, TEXTCELL_ESCAPE);
	assert_string_equal(c.text, "\\u0301");
	pos += c.len;
	textcell_at(&gb, pos, 36, &c); /* a value's backslash is itself */
	assert_int_equal(c.kind, TEXTCELL_CHAR);
	assert_string_equal(c.text, "\\");
	assert_int_equal(c.width, 1);
	pos += c.len;
	textcell_at(&gb, pos, 37, &c);
	assert_int_equal(c.kind, TEXTCELL_NEWLINE);
	pos += c.len;
	textcell_at(&gb, pos, 0, &c);
	assert_int_equal(c.kind, TEXTCELL_END);
	gapbuf_done(&gb);
}

static void test_cells_c_locale(void **state)
{
	(void)state;
	struct gapbuf gb;
	assert_non_null(setlocale(LC_CTYPE, "C"));
	gb_of(&gb, "\xc3\xa9");
	struct textcell c;
	textcell_at(&gb, 0, 0, &c);
	assert_string_equal(c.text, "\\xc3");
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	textcell_at(&gb, 0, 0, &c);
	assert_string_equal(c.text, "\xc3\xa9");
	gapbuf_done(&gb);
}

static void test_valid_text(void **state)
{
	(void)state;
	struct gapbuf gb;
	gb_of(&gb, "plain \xc3\xa9t\xc3\xa9\n");
	assert_true(textcell_valid_text(&gb));
	gapbuf_done(&gb);
	gb_of_bytes(&gb, "a\0b", 3);
	assert_false(textcell_valid_text(&gb));
	gapbuf_done(&gb);
	gb_of(&gb, "caf\xe9");
	assert_false(textcell_valid_text(&gb));
	gapbuf_done(&gb);
}

static void test_motion_chars(void **state)
{
	(void)state;
	struct gapbuf gb;
	/* x, e+combining, wide, \xff, emoji, \n, y */
	const char s[] = "xe\xcc\x81\xe7\x95\x8c\xff\xf0\x9f\x98\x80\ny";
	gb_of(&gb, s);
	size_t stops[] = { 0, 1, 4, 7, 8, 12, 13, 14 };
	size_t n = sizeof stops / sizeof stops[0];
	for (size_t i = 0; i + 1 < n; i++) {
		assert_int_equal(motion_next_cell(&gb, stops[i]), stops[i + 1]);
		assert_int_equal(motion_prev_cell(&gb, NULL, stops[i + 1]), stops[i]);
	}
	assert_int_equal(motion_next_cell(&gb, 14), 14);
	assert_int_equal(motion_prev_cell(&gb, NULL, 0), 0);
	/* columns: x=0 e=1 wide=2..3 \xff=4..7 emoji=8..9 */
	assert_int_equal(motion_column(&gb, NULL, 4), 2);
	assert_int_equal(motion_column(&gb, NULL, 7), 4);
	assert_int_equal(motion_column(&gb, NULL, 8), 8);
	assert_int_equal(motion_column(&gb, NULL, 12), 10);
	assert_int_equal(motion_at_column(&gb, NULL, 0, 3, NULL), 4); /* inside wide */
	assert_int_equal(motion_at_column(&gb, NULL, 0, 5, NULL), 7);
	assert_int_equal(motion_at_column(&gb, NULL, 0, 99, NULL), 12);
	/* line start/end */
	assert_int_equal(motion_line_start(&gb, 14), 13);
	assert_int_equal(motion_line_end(&gb, 3), 12);
	assert_int_equal(motion_line_end(&gb, 13), 14);
	gapbuf_done(&gb);
}

static void test_motion_lines(void **state)
{
	(void)state;
	struct gapbuf gb;
	gb_of(&gb, "first line\n\xe7\x95\x8c\xe7\x95\x8c\xe7\x95\x8c\nab\n\nlast");
	/* from column 5 of line 1 down to the wide line: column 4 -> byte 6
	 * of that line is the third wide char at col 4 */
	size_t l2 = 11;
	assert_int_equal(motion_lines(&gb, NULL, 5, 1, 5), l2 + 6);
	assert_int_equal(motion_lines(&gb, NULL, 5, 2, 5), 23); /* "ab": end */
	assert_int_equal(motion_lines(&gb, NULL, 5, 3, 5), 24); /* empty line */
	assert_int_equal(motion_lines(&gb, NULL, 5, 100, 2), 27); /* clamp: last */
	assert_int_equal(motion_lines(&gb, NULL, 27, -100, 3), 3);
	assert_int_equal(motion_goto_line(&gb, 1), 0);
	assert_int_equal(motion_goto_line(&gb, 3), 21);
	assert_int_equal(motion_goto_line(&gb, 5), 25);
	assert_int_equal(motion_goto_line(&gb, 99), 25);
	assert_int_equal(motion_line_number(&gb, 0), 1);
	assert_int_equal(motion_line_number(&gb, 26), 5);
	gapbuf_done(&gb);
}

/* The go-to prompt takes what it says: decimal, or 0x-hex in the hex view;
 * never a sign, blanks or octal (strtoull alone would take " -1" as a huge
 * offset and "010" as 8). */
static void test_parse_position(void **state)
{
	(void)state;
	unsigned long long n = 7;
	assert_int_equal(motion_parse_position("42", 0, &n), 0);
	assert_int_equal(n, 42);
	assert_int_equal(motion_parse_position("010", 1, &n), 0);
	assert_int_equal(n, 10);
	assert_int_equal(motion_parse_position("0x1F", 1, &n), 0);
	assert_int_equal(n, 31);
	n = 7;
	assert_int_equal(motion_parse_position("0x1F", 0, &n), -1);
	assert_int_equal(motion_parse_position("", 1, &n), -1);
	assert_int_equal(motion_parse_position("0x", 1, &n), -1);
	assert_int_equal(motion_parse_position(" -1", 1, &n), -1);
	assert_int_equal(motion_parse_position("+5", 0, &n), -1);
	assert_int_equal(motion_parse_position("5 ", 0, &n), -1);
	assert_int_equal(motion_parse_position("99999999999999999999999", 0, &n), -1);
	assert_int_equal(n, 7);
}

static void test_motion_words(void **state)
{
	(void)state;
	struct gapbuf gb;
	gb_of(&gb, "foo_bar  baz,\xc3\xa9t\xc3\xa9 x");
	assert_int_equal(motion_next_word(&gb, NULL, 0), 9);
	assert_int_equal(motion_next_word(&gb, NULL, 9), 13);
	assert_int_equal(motion_next_word(&gb, NULL, 13), 19);
	assert_int_equal(motion_next_word(&gb, NULL, 19), 20);
	assert_int_equal(motion_prev_word(&gb, NULL, 20), 19);
	assert_int_equal(motion_prev_word(&gb, NULL, 19), 13);
	assert_int_equal(motion_prev_word(&gb, NULL, 11), 9);
	assert_int_equal(motion_prev_word(&gb, NULL, 9), 0);
	gapbuf_done(&gb);
}

static void test_soft_wrap(void **state)
{
	(void)state;
	struct gapbuf gb;
	/* 5 ascii, then 3 wide chars: width 4 rows */
	gb_of(&gb, "abcde\xe7\x95\x8c\xe7\x95\x8c\xe7\x95\x8c\nz");
	long col = 0;
	size_t le = motion_line_end(&gb, 0);
	assert_int_equal(le, 14);
	size_t p = motion_wrap_row_end(&gb, 0, le, 0, 4, &col);
	assert_int_equal(p, 4);
	assert_int_equal(col, 4);
	p = motion_wrap_row_end(&gb, p, le, col, 4, &col); /* "e" + one wide */
	assert_int_equal(p, 8);
	p = motion_wrap_row_end(&gb, p, le, col, 4, &col); /* two wide */
	assert_int_equal(p, 14);
	assert_int_equal(gapbuf_at(&gb, p), '\n');
	/* a cell wider than the row still makes progress */
	p = motion_wrap_row_end(&gb, 5, le, 5, 1, &col);
	assert_int_equal(p, 8);
	gapbuf_done(&gb);
}

/* A very long line is one line: Home, End, Down and its column are the
 * whole line's; the column index only remembers where its marks are. */
static void test_long_line_is_one_line(void **state)
{
	(void)state;
	size_t S = COLINDEX_STEP;
	size_t n = 3 * S + 100;
	char *s = malloc(n + 3);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	memcpy(s + n, "\nz", 3);
	struct gapbuf gb;
	assert_int_equal(gapbuf_init(&gb, s, n + 2), 0);
	struct colindex ix;
	colindex_init(&ix);
	assert_int_equal(motion_line_start(&gb, 2 * S + 5), 0);
	assert_int_equal(motion_line_end(&gb, 10), n);
	assert_int_equal(motion_next_line(&gb, 0), n + 1);
	assert_int_equal(motion_next_line(&gb, n + 1), GAPBUF_NONE);
	/* columns count from the line's start, with or without the index */
	assert_int_equal(motion_column(&gb, NULL, 2 * S + 7), (long)(2 * S + 7));
	assert_int_equal(motion_column(&gb, &ix, 2 * S + 7), (long)(2 * S + 7));
	assert_int_equal(motion_column(&gb, &ix, S + 3), (long)(S + 3));
	assert_int_equal(motion_at_column(&gb, &ix, 0, (long)(3 * S), NULL),
			 3 * S);
	/* down from column 5 of the long line: the next line's end */
	assert_int_equal(motion_lines(&gb, &ix, 5, 1, 5), n + 2);
	assert_int_equal(motion_lines(&gb, &ix, n + 1, -1, (long)S),
			 S);
	/* an edit before a mark moves the columns after it */
	assert_int_equal(motion_line_number(&gb, n + 1), 2);
	colindex_done(&ix);
	gapbuf_done(&gb);
	free(s);
}

/* A character straddling the index's step (the old 64 KiB pieces) is one
 * character: the cursor never lands inside it, the marks are cell starts,
 * soft-wrap pieces never cut it. */
static void test_long_line_straddling_char(void **state)
{
	(void)state;
	size_t S = COLINDEX_STEP;
	size_t n = 3 * S;
	char *s = malloc(n);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	/* U+00E9 across S, a CJK character across 2S */
	s[S - 1] = '\xc3';
	s[S] = '\xa9';
	s[2 * S - 1] = '\xe7';
	s[2 * S] = '\x95';
	s[2 * S + 1] = '\x8c';
	struct gapbuf gb;
	assert_int_equal(gapbuf_init(&gb, s, n), 0);
	struct colindex ix;
	colindex_init(&ix);
	for (int pass = 0; pass < 2; pass++) {
		struct colindex *x = pass ? &ix : NULL;
		assert_int_equal(motion_next_cell(&gb, S - 1), S + 1);
		assert_int_equal(motion_prev_cell(&gb, x, S + 1), S - 1);
		assert_int_equal(motion_snap(&gb, x, S), S - 1);
		assert_int_equal(motion_snap(&gb, x, 2 * S), 2 * S - 1);
		assert_int_equal(motion_snap(&gb, x, 2 * S + 1), 2 * S - 1);
		assert_int_equal(motion_prev_cell(&gb, x, 2 * S + 2), 2 * S - 1);
		/* the columns: one for é, two for the wide one */
		assert_int_equal(motion_column(&gb, x, S + 1), (long)S);
		assert_int_equal(motion_column(&gb, x, 2 * S + 2),
				 (long)(2 * S - 1 + 1));
		/* the wide one covers columns 2S-2 and 2S-1 */
		assert_int_equal(motion_at_column(&gb, x, 0, (long)(2 * S - 1),
						  NULL), 2 * S - 1);
		assert_int_equal(motion_at_column(&gb, x, 0, (long)(2 * S), NULL),
				 2 * S + 2);
	}
	/* soft wrap pieces start at cell starts, after the straddler */
	size_t ss, se;
	long col;
	motion_segment(&gb, &ix, S + 5, &ss, &se, &col);
	assert_int_equal(ss, S + 1);
	assert_int_equal(col, (long)S);
	assert_int_equal(se, 2 * S + 2);
	motion_segment(&gb, &ix, 10, &ss, &se, &col);
	assert_int_equal(ss, 0);
	assert_int_equal(se, S + 1);
	/* a line of non-ASCII text only: prev_cell finds its way back */
	for (size_t i = 0; i + 1 < n; i += 2) {
		s[i] = '\xc3';
		s[i + 1] = '\xa9';
	}
	gapbuf_done(&gb);
	assert_int_equal(gapbuf_init(&gb, s, n), 0);
	colindex_done(&ix);
	colindex_init(&ix);
	assert_int_equal(motion_prev_cell(&gb, &ix, 2 * S + 2), 2 * S);
	assert_int_equal(motion_snap(&gb, &ix, 2 * S + 1), 2 * S);
	assert_int_equal(motion_column(&gb, &ix, 2 * S + 2), (long)(S + 1));
	/* an edit before a mark: the index forgets what it changed */
	assert_int_equal(gapbuf_insert(&gb, 10, "\xe7\x95\x8c", 3), 0);
	colindex_changed(&ix, 10);
	assert_int_equal(motion_column(&gb, &ix, 2 * S + 5), (long)(S + 3));
	colindex_done(&ix);
	gapbuf_done(&gb);
	free(s);
}

static void test_search(void **state)
{
	(void)state;
	struct gapbuf gb;
	gb_of(&gb, "needle hay needle hay nee");
	int wrapped;
	assert_int_equal(edsearch_forward(&gb, 0, "needle", 6, &wrapped), 0);
	assert_false(wrapped);
	assert_int_equal(edsearch_forward(&gb, 1, "needle", 6, &wrapped), 11);
	assert_int_equal(edsearch_forward(&gb, 12, "needle", 6, &wrapped), 0);
	assert_true(wrapped);
	assert_int_equal(edsearch_backward(&gb, 11, "needle", 6, &wrapped), 0);
	assert_false(wrapped);
	assert_int_equal(edsearch_backward(&gb, 0, "needle", 6, &wrapped), 11);
	assert_true(wrapped);
	assert_int_equal(edsearch_forward(&gb, 0, "absent", 6, &wrapped),
			 GAPBUF_NONE);
	assert_int_equal(edsearch_backward(&gb, 5, "absent", 6, &wrapped),
			 GAPBUF_NONE);
	assert_int_equal(edsearch_forward(&gb, 0, "", 0, &wrapped), GAPBUF_NONE);
	/* a match at the very end, and one crossing the gap */
	assert_int_equal(edsearch_forward(&gb, 20, "nee", 3, &wrapped), 22);
	assert_int_equal(gapbuf_insert(&gb, 14, "", 0), 0);
	assert_int_equal(gapbuf_insert(&gb, 14, "X", 1), 0);
	gapbuf_delete(&gb, 14, 1);
	assert_int_equal(edsearch_forward(&gb, 1, "needle", 6, &wrapped), 11);
	/* binary needles */
	gapbuf_done(&gb);
	gb_of_bytes(&gb, "\0\1\2\0\1\3", 6);
	unsigned char pat[8];
	long n = edsearch_parse_hex("00 01 03", pat, sizeof pat);
	assert_int_equal(n, 3);
	assert_int_equal(edsearch_forward(&gb, 0, pat, (size_t)n, &wrapped), 3);
	assert_int_equal(edsearch_parse_hex("0g", pat, sizeof pat), -1);
	assert_int_equal(edsearch_parse_hex("abc", pat, sizeof pat), -1);
	assert_int_equal(edsearch_parse_hex("", pat, sizeof pat), -1);
	assert_int_equal(edsearch_parse_hex("DEADbeef", pat, sizeof pat), 4);
	assert_int_equal(pat[0], 0xde);
	gapbuf_done(&gb);
}


/* The editor's keys are the `editor` keymap of tui/ui: its defaults are
 * the ones the editor has always had. */
static void test_keymap(void **state)
{
	(void)state;
	struct keymap km;
	assert_int_equal(keymap_init(&km), 0);
	static const struct {
		int key;
		enum keymap_action a;
	} want[] = {
		{KC_CTRL('S'), KA_SAVE}, {KC_CTRL('Q'), KA_CLOSE},
		{KC_F(10), KA_CLOSE}, {KC_META('q'), KA_CLOSE},
		{KC_CTRL('Z'), KA_UNDO}, {KC_CTRL('Y'), KA_REDO},
		{KC_CTRL('F'), KA_SEARCH}, {KC_F(3), KA_SEARCH_NEXT},
		{KC_CTRL('R'), KA_SEARCH_BACK}, {KC_CTRL('G'), KA_GOTO},
		{KC_CTRL('T'), KA_HEX}, {KC_INSERT, KA_TOGGLE_OVERWRITE},
		{KC_CTRL('W'), KA_TOGGLE_WRAP}, {KC_META('w'), KA_TOGGLE_WRAP},
		{KC_F(1), KA_HELP}, {KC_BACKSPACE, KA_BACKSPACE},
		{KC_CTRL('H'), KA_BACKSPACE}, {KC_ENTER, KA_NEWLINE},
		{KC_TAB, KA_INSERT_TAB}, {KC_CTRL_HOME, KA_FIRST},
		{KC_META('<'), KA_FIRST}, {KC_F(8), KA_DELETE},
		{'a', KA_NONE}, {'q', KA_NONE},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(keymap_lookup(&km, KV_EDITOR, want[i].key),
				 want[i].a);
	char buf[128];
	keymap_keys_text(&km, KV_EDITOR, KA_CLOSE, buf, sizeof buf);
	assert_string_equal(buf, "<C-q> <F10> <M-q>");
	keymap_done(&km);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_cells_c_locale),
		cmocka_unit_test(test_valid_text),
		cmocka_unit_test(test_motion_chars),
		cmocka_unit_test(test_motion_lines),
		cmocka_unit_test(test_motion_words),
		cmocka_unit_test(test_soft_wrap),
		cmocka_unit_test(test_long_line_is_one_line),
		cmocka_unit_test(test_long_line_straddling_char),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_parse_position),
		cmocka_unit_test(test_keymap),
	};
	return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
