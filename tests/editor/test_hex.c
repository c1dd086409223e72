/* SPDX-License-Identifier: MIT */
/*
 * test_hex.c - the hex model (nibble and byte editing, undo) and the
 * byte-exact round trip: values with NUL, CR,
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

#include "common/hexdump.h"
#include "editor/edbuf.h"
#include "editor/hexmodel.h"
#include "editor/motion.h"
#include "editor/textcell.h"

static int setup_utf8(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
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
	assert_int_equal(hexdump_digit_value('F'), 15);
	assert_int_equal(hexdump_digit_value('g'), -1);
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
		assert_int_equal(motion_prev_cell(&eb.gb, NULL, next), pos);
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





int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nibbles),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_no_newline_at_end),
	};
	return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
