/* SPDX-License-Identifier: MIT */
/*
 * test_clip.c - the editor's selection and clipboard (edclip): the range
 * either way of the anchor, copy, cut and paste (over a selection) each
 * one undo step with the bytes exact across the gap, an empty clipboard
 * refused, and the OSC 52 sequence (base64 of the bytes, the size cap).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "editor/edclip.h"

static void test_range(void **state)
{
	(void)state;
	struct edsel s = {5, 0, 0};
	size_t lo, hi;
	assert_int_equal(edsel_range(&s, 9, &lo, &hi), 0); /* not active */
	s.active = 1;
	assert_int_equal(edsel_range(&s, 5, &lo, &hi), 0); /* empty */
	assert_int_equal(edsel_range(&s, 9, &lo, &hi), 1);
	assert_int_equal(lo, 5);
	assert_int_equal(hi, 9);
	assert_int_equal(edsel_range(&s, 2, &lo, &hi), 1); /* backwards */
	assert_int_equal(lo, 2);
	assert_int_equal(hi, 5);
}

static void test_cut_copy_paste_undo(void **state)
{
	(void)state;
	struct edbuf eb;
	assert_int_equal(edbuf_init(&eb, "hello\0world\n", 12), 0);
	assert_int_equal(edbuf_insert(&eb, 6, "", 0, EDBUF_MERGE_NONE), 0);
	struct edclip c;
	edclip_init(&c);
	size_t end;
	assert_int_equal(edclip_paste(&c, &eb, 0, 0, &end), ENOENT);
	/* copy a range holding the NUL and crossing the gap */
	assert_int_equal(edclip_copy(&c, &eb.gb, 3, 8), 0);
	assert_int_equal(c.len, 5);
	assert_memory_equal(c.bytes, "lo\0wo", 5);
	assert_false(edbuf_modified(&eb));
	/* cut: one undo step */
	assert_int_equal(edclip_cut(&c, &eb, 0, 5), 0);
	assert_memory_equal(c.bytes, "hello", 5);
	assert_int_equal(edbuf_len(&eb), 7);
	size_t cur;
	assert_int_equal(edbuf_undo(&eb, &cur), 1);
	assert_int_equal(edbuf_len(&eb), 12);
	assert_int_equal(edbuf_redo(&eb, &cur), 1);
	/* paste over a selection: one undo step back to before it */
	assert_int_equal(edclip_paste(&c, &eb, 1, 6, &end), 0); /* "world" */
	assert_int_equal(end, 6);
	assert_int_equal(edbuf_len(&eb), 7);
	assert_true(gapbuf_equal_at(&eb.gb, 0, "\0hello\n", 7));
	assert_int_equal(edbuf_undo(&eb, &cur), 1);
	assert_true(gapbuf_equal_at(&eb.gb, 0, "\0world\n", 7));
	/* paste at a point */
	assert_int_equal(edclip_paste(&c, &eb, 7, 7, &end), 0);
	assert_int_equal(end, 12);
	assert_true(gapbuf_equal_at(&eb.gb, 0, "\0world\nhello", 12));
	edclip_done(&c);
	assert_null(c.bytes);
	edbuf_done(&eb);
}

static void test_osc52(void **state)
{
	(void)state;
	char *seq;
	size_t n;
	assert_int_equal(edclip_osc52("hi\n\xff", 4, &seq, &n), 0);
	assert_string_equal(seq, "\033]52;c;aGkK/w==\a");
	assert_int_equal(n, strlen(seq));
	free(seq);
	assert_int_equal(edclip_osc52("", 0, &seq, &n), 0);
	assert_string_equal(seq, "\033]52;c;\a");
	free(seq);
	char *big = calloc(1, EDCLIP_OSC52_MAX + 1);
	assert_non_null(big);
	assert_int_equal(edclip_osc52(big, EDCLIP_OSC52_MAX + 1, &seq, &n),
			 EFBIG);
	assert_int_equal(edclip_osc52(big, EDCLIP_OSC52_MAX, &seq, &n), 0);
	free(seq);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_cut_copy_paste_undo),
		cmocka_unit_test(test_osc52),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
