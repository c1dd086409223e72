/*
 * test_hex.c - the hex model (row layout, nibble and byte editing, undo),
 * the line diff, and the byte-exact round trip: values with NUL, CR,
 * invalid UTF-8 and no final newline come out of the buffer exactly as they
 * went in, whatever mode they were viewed and moved through.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <cmocka.h>

#include "editor/edbuf.h"
#include "editor/hexmodel.h"
#include "editor/linediff.h"
#include "editor/motion.h"
#include "editor/textcell.h"

static int setup_utf8(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	textcell_set_utf8(1);
	return 0;
}

static void test_layout(void **state)
{
	(void)state;
	struct hexmodel_layout lay = hexmodel_layout_for(200, 100);
	assert_int_equal(lay.per_row, 16);
	assert_int_equal(lay.off_digits, 8);
	assert_int_equal(hexmodel_row_width(&lay), 8 + 2 + 48 + 1 + 2 + 16 + 1);
	lay = hexmodel_layout_for(40, 100);
	assert_int_equal(lay.per_row, 4);
	lay = hexmodel_layout_for(60, (size_t)1 << 40);
	assert_int_equal(lay.off_digits, 11);
	assert_true(hexmodel_row_width(&lay) <= 60);
	lay = hexmodel_layout_for(200, 100);
	assert_int_equal(hexmodel_hex_column(&lay, 0, 0), 10);
	assert_int_equal(hexmodel_hex_column(&lay, 1, 1), 14);
	assert_int_equal(hexmodel_hex_column(&lay, 8, 0), 35);
	assert_int_equal(hexmodel_text_column(&lay, 0), 61);
}

static void test_format_row(void **state)
{
	(void)state;
	struct gapbuf gb;
	const char v[] = "Hello\n\0\xff" "0123456789";
	assert_int_equal(gapbuf_init(&gb, v, sizeof v - 1), 0);
	struct hexmodel_layout lay = hexmodel_layout_for(200, gapbuf_len(&gb));
	char row[128];
	hexmodel_format_row(&gb, &lay, 0, row, sizeof row);
	assert_string_equal(row, "00000000  48 65 6c 6c 6f 0a 00 ff  30 31 32 "
				 "33 34 35 36 37  |Hello...01234567|");
	hexmodel_format_row(&gb, &lay, 16, row, sizeof row);
	assert_memory_equal(row, "00000010  38 39   ", 18);
	assert_string_equal(row + hexmodel_text_column(&lay, 0) - 1, "|89|");
	gapbuf_done(&gb);
	assert_int_equal(gapbuf_init(&gb, NULL, 0), 0);
	hexmodel_format_row(&gb, &lay, 0, row, sizeof row);
	assert_int_equal(row[strlen(row) - 1], '|');
	assert_memory_equal(row, "00000000  ", 10);
	gapbuf_done(&gb);
}

static void test_nibbles(void **state)
{
	(void)state;
	struct edbuf eb;
	assert_int_equal(edbuf_init(&eb, "\x12\x34", 2), 0);
	struct hexmodel_cursor cur = { 0, 0 };
	/* overwrite: a, b -> 0xab, then next byte high nibble */
	assert_int_equal(hexmodel_type_nibble(&eb, &cur, 0xa, 0), 0);
	assert_int_equal(cur.nibble, 1);
	assert_int_equal(gapbuf_at(&eb.gb, 0), 0xa2);
	assert_int_equal(hexmodel_type_nibble(&eb, &cur, 0xb, 0), 0);
	assert_int_equal(gapbuf_at(&eb.gb, 0), 0xab);
	assert_int_equal(cur.pos, 1);
	assert_int_equal(cur.nibble, 0);
	assert_int_equal(edbuf_len(&eb), 2);
	/* at the end: typing appends a byte */
	cur.pos = 2;
	assert_int_equal(hexmodel_type_nibble(&eb, &cur, 0xf, 0), 0);
	assert_int_equal(hexmodel_type_nibble(&eb, &cur, 0x1, 0), 0);
	assert_int_equal(edbuf_len(&eb), 3);
	assert_int_equal(gapbuf_at(&eb.gb, 2), 0xf1);
	/* insert mode: a new byte before the cursor's */
	cur.pos = 1;
	cur.nibble = 0;
	assert_int_equal(hexmodel_type_nibble(&eb, &cur, 0x0, 1), 0);
	assert_int_equal(hexmodel_type_nibble(&eb, &cur, 0x7, 1), 0);
	assert_int_equal(edbuf_len(&eb), 4);
	assert_memory_equal(gapbuf_contents(&eb.gb), "\xab\x07\x34\xf1", 4);
	/* printable column */
	cur.pos = 0;
	assert_int_equal(hexmodel_type_byte(&eb, &cur, 'A', 0), 0);
	assert_int_equal(hexmodel_type_byte(&eb, &cur, 'B', 1), 0);
	assert_memory_equal(gapbuf_contents(&eb.gb), "AB\x07\x34\xf1", 5);
	assert_int_equal(cur.pos, 2);
	/* delete a byte through the document */
	assert_int_equal(edbuf_delete(&eb, 2, 1, EDBUF_MERGE_DELETE), 0);
	assert_memory_equal(gapbuf_contents(&eb.gb), "AB\x34\xf1", 4);
	/* undo walks back every step to the original two bytes */
	size_t c;
	int steps = 0;
	while (edbuf_undo(&eb, &c) == 1)
		steps++;
	assert_int_equal(steps, 9);
	assert_int_equal(edbuf_len(&eb), 2);
	assert_memory_equal(gapbuf_contents(&eb.gb), "\x12\x34", 2);
	assert_false(edbuf_modified(&eb));
	edbuf_done(&eb);
	assert_int_equal(hexmodel_digit_value('F'), 15);
	assert_int_equal(hexmodel_digit_value('g'), -1);
}

/* Move through every cell, switch modes, edit and undo: the bytes that
 * come out are the bytes that went in. */
static void roundtrip(const void *v, size_t n)
{
	struct edbuf eb;
	assert_int_equal(edbuf_init(&eb, v, n), 0);
	size_t pos = 0, steps = 0;
	while (pos < n) {
		size_t next = motion_next_cell(&eb.gb, pos);
		assert_true(next > pos);
		assert_int_equal(motion_prev_cell(&eb.gb, next), pos);
		pos = next;
		steps++;
	}
	/* type in the middle in text mode, then a nibble in hex mode */
	size_t mid = n / 2;
	assert_int_equal(edbuf_insert(&eb, mid, "x", 1, EDBUF_MERGE_TYPING), 0);
	struct hexmodel_cursor cur = { mid, 0 };
	assert_int_equal(hexmodel_type_nibble(&eb, &cur, 0xc, 0), 0);
	size_t c;
	while (edbuf_undo(&eb, &c) == 1)
		;
	assert_int_equal(edbuf_len(&eb), n);
	assert_memory_equal(gapbuf_contents(&eb.gb), v, n);
	assert_false(edbuf_modified(&eb));
	/* the final byte is untouched: no newline was added */
	if (n > 0)
		assert_int_equal(gapbuf_at(&eb.gb, n - 1),
				 ((const unsigned char *)v)[n - 1]);
	edbuf_done(&eb);
}

static void test_roundtrip(void **state)
{
	(void)state;
	static const char nul_cr[] = "line\r\nwith\0nul\r";
	static const char invalid[] = "caf\xe9 \xc3\x28 \xed\xa0\x80 \xf8\x88 end";
	static const char nonl[] = "no final newline";
	static const char combining[] = "e\xcc\x81\xcc\x81\xcc\x81 \xe7\x95\x8c";
	roundtrip(nul_cr, sizeof nul_cr - 1);
	roundtrip(invalid, sizeof invalid - 1);
	roundtrip(nonl, sizeof nonl - 1);
	roundtrip(combining, sizeof combining - 1);
	roundtrip("", 0);
	unsigned char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	roundtrip(all, sizeof all);
	/* every byte is shown as something visible and terminal-safe */
	struct gapbuf gb;
	assert_int_equal(gapbuf_init(&gb, all, sizeof all), 0);
	for (size_t p = 0; p < sizeof all;) {
		struct textcell cell;
		textcell_at(&gb, p, 0, &cell);
		for (const char *t = cell.text; *t; t++)
			assert_true((unsigned char)*t >= 0x20 &&
				    (unsigned char)*t != 0x7f);
		p += cell.len;
	}
	gapbuf_done(&gb);
}

static void test_no_newline_at_end(void **state)
{
	(void)state;
	struct edbuf eb;
	assert_int_equal(edbuf_init(&eb, NULL, 0), 0);
	assert_false(edbuf_lacks_final_newline(&eb)); /* empty: nothing to mark */
	assert_int_equal(edbuf_insert(&eb, 0, "a", 1, EDBUF_MERGE_TYPING), 0);
	assert_true(edbuf_lacks_final_newline(&eb));
	assert_int_equal(edbuf_insert(&eb, 1, "\n", 1, EDBUF_MERGE_TYPING), 0);
	assert_false(edbuf_lacks_final_newline(&eb));
	assert_int_equal(edbuf_insert(&eb, 2, "\r", 1, EDBUF_MERGE_TYPING), 0);
	assert_true(edbuf_lacks_final_newline(&eb));
	edbuf_done(&eb);
}

static char *diff_text(const char *a, const char *b, int ctx)
{
	struct line_diff d;
	assert_int_equal(linediff_compute(a, strlen(a), b, strlen(b), ctx, &d), 0);
	size_t cap = 4096, n = 0;
	char *out = malloc(cap);
	out[0] = '\0';
	for (size_t i = 0; i < d.n; i++) {
		const struct diff_line *l = &d.lines[i];
		if (l->tag == DIFF_HUNK) {
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
	struct line_diff d;
	const char *a = "a\nb\nc\na\nb\nb\na\n", *b = "c\nb\na\nb\na\nc\n";
	assert_int_equal(linediff_compute(a, strlen(a), b, strlen(b), 0, &d), 0);
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
	struct line_diff d;
	assert_int_equal(linediff_compute(a, la, b, lb, 3, &d), 0);
	assert_int_equal(d.added, n);
	assert_int_equal(d.deleted, n);
	linediff_free(&d);
	/* one change in 20000 equal lines: just that one */
	memcpy(b, a, la);
	b[la / 2] = b[la / 2] == 'Q' ? 'R' : 'Q';
	assert_int_equal(linediff_compute(a, la, b, la, 3, &d), 0);
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
	assert_int_equal(linediff_hexdump(a, 40, &ha, &na), 0);
	assert_int_equal(linediff_hexdump(b, 40, &hb, &nb), 0);
	assert_memory_equal(ha, "00 01 02 03", 11);
	struct line_diff d;
	assert_int_equal(linediff_compute(ha, na, hb, nb, 0, &d), 0);
	assert_int_equal(d.added, 1);
	assert_int_equal(d.deleted, 1);
	linediff_free(&d);
	free(ha);
	free(hb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_format_row),
		cmocka_unit_test(test_nibbles),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_no_newline_at_end),
		cmocka_unit_test(test_linediff),
		cmocka_unit_test(test_linediff_large),
		cmocka_unit_test(test_hexdump_diff),
	};
	return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
