/* SPDX-License-Identifier: MIT */
/*
 * test_buffer.c - the gap buffer and the undo history against a reference
 * model (a plain array plus a stack of snapshots), over long random
 * sequences of inserts, deletes, typing, grouped edits, undos and redos.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "editor/edbuf.h"
#include "editor/gapbuf.h"

struct snapshot {
	unsigned char *b;
	size_t n;
};

/* The reference: states[0..top] are the undo steps, cur is where we are. */
struct ref {
	struct snapshot *states;
	size_t count, cur, cap;
	size_t saved;
	int typing_open;     /* the last action was typing */
	size_t typing_end;   /* where the next typed byte merges */
};

static struct snapshot snap_copy(const struct snapshot *s)
{
	struct snapshot c = { malloc(s->n + 1), s->n };
	assert_non_null(c.b);
	memcpy(c.b, s->b, s->n);
	return c;
}

static void ref_init(struct ref *r, const unsigned char *data, size_t n)
{
	memset(r, 0, sizeof *r);
	r->cap = 16;
	r->states = calloc(r->cap, sizeof *r->states);
	struct snapshot s = { (unsigned char *)data, n };
	r->states[0] = snap_copy(&s);
	r->count = 1;
}

static void ref_done(struct ref *r)
{
	for (size_t i = 0; i < r->count; i++)
		free(r->states[i].b);
	free(r->states);
}

static struct snapshot *ref_now(struct ref *r)
{
	return &r->states[r->cur];
}

/* start a new undo step: a copy of the current state on top */
static void ref_push(struct ref *r)
{
	for (size_t i = r->cur + 1; i < r->count; i++)
		free(r->states[i].b);
	if (r->saved > r->cur)
		r->saved = (size_t)-1;
	r->count = r->cur + 1;
	if (r->count == r->cap) {
		r->cap *= 2;
		r->states = realloc(r->states, r->cap * sizeof *r->states);
	}
	r->states[r->count] = snap_copy(&r->states[r->cur]);
	r->count++;
	r->cur++;
}

static void ref_insert(struct snapshot *s, size_t pos, const unsigned char *d,
		       size_t n)
{
	s->b = realloc(s->b, s->n + n + 1);
	memmove(s->b + pos + n, s->b + pos, s->n - pos);
	memcpy(s->b + pos, d, n);
	s->n += n;
}

static void ref_delete(struct snapshot *s, size_t pos, size_t n)
{
	memmove(s->b + pos, s->b + pos + n, s->n - pos - n);
	s->n -= n;
}

static void check_same(struct edbuf *eb, struct ref *r, int step)
{
	struct snapshot *s = ref_now(r);
	if (edbuf_len(eb) != s->n)
		fail_msg("step %d: length %zu, reference %zu", step,
			 edbuf_len(eb), s->n);
	unsigned char *got = malloc(s->n + 1);
	assert_int_equal(gapbuf_copy(&eb->gb, 0, got, s->n), s->n);
	if (memcmp(got, s->b, s->n) != 0)
		fail_msg("step %d: bytes differ", step);
	free(got);
	assert_int_equal(edbuf_modified(eb) != 0, r->cur != r->saved);
	size_t nl = 0;
	for (size_t i = 0; i < s->n; i++)
		nl += s->b[i] == '\n';
	assert_int_equal(eb->newlines, nl);
}

/* random bytes, newlines frequent so line counts are exercised */
static void random_bytes(unsigned char *b, size_t n, unsigned *seed)
{
	for (size_t i = 0; i < n; i++) {
		int r = rand_r(seed);
		b[i] = r % 8 == 0 ? '\n' : (unsigned char)(r >> 4);
	}
}

static void run_random(unsigned seed, int steps, size_t initial)
{
	unsigned char *init = malloc(initial + 1);
	random_bytes(init, initial, &seed);
	struct edbuf eb;
	struct ref r;
	assert_int_equal(edbuf_init(&eb, init, initial), 0);
	ref_init(&r, init, initial);
	free(init);
	unsigned char tmp[300];
	for (int step = 0; step < steps; step++) {
		size_t len = ref_now(&r)->n;
		int op = rand_r(&seed) % 100;
		size_t cursor;
		if (op < 25) { /* insert */
			size_t n = 1 + (size_t)rand_r(&seed) % 200;
			size_t pos = len ? (size_t)rand_r(&seed) % (len + 1) : 0;
			random_bytes(tmp, n, &seed);
			edbuf_break(&eb);
			assert_int_equal(edbuf_insert(&eb, pos, tmp, n,
						      EDBUF_MERGE_NONE), 0);
			ref_push(&r);
			ref_insert(ref_now(&r), pos, tmp, n);
			r.typing_open = 0;
		} else if (op < 45 && len > 0) { /* delete */
			size_t pos = (size_t)rand_r(&seed) % len;
			size_t n = 1 + (size_t)rand_r(&seed) % 100;
			if (n > len - pos)
				n = len - pos;
			edbuf_break(&eb);
			assert_int_equal(edbuf_delete(&eb, pos, n,
						      EDBUF_MERGE_NONE), 0);
			ref_push(&r);
			ref_delete(ref_now(&r), pos, n);
			r.typing_open = 0;
		} else if (op < 65) { /* type one byte, continuing a run */
			size_t pos = r.typing_open ? r.typing_end
			     : (len ? (size_t)rand_r(&seed) % (len + 1) : 0);
			if (!r.typing_open)
				edbuf_break(&eb);
			random_bytes(tmp, 1, &seed);
			assert_int_equal(edbuf_insert(&eb, pos, tmp, 1,
						      EDBUF_MERGE_TYPING), 0);
			if (!r.typing_open || r.cur == r.saved)
				ref_push(&r);
			ref_insert(ref_now(&r), pos, tmp, 1);
			r.typing_open = 1;
			r.typing_end = pos + 1;
		} else if (op < 72 && len > 1) { /* a group: delete + insert */
			size_t pos = (size_t)rand_r(&seed) % len;
			edbuf_group_begin(&eb);
			assert_int_equal(edbuf_delete(&eb, pos, 1,
						      EDBUF_MERGE_NONE), 0);
			random_bytes(tmp, 3, &seed);
			assert_int_equal(edbuf_insert(&eb, pos, tmp, 3,
						      EDBUF_MERGE_TYPING), 0);
			edbuf_group_end(&eb);
			ref_push(&r);
			ref_delete(ref_now(&r), pos, 1);
			ref_insert(ref_now(&r), pos, tmp, 3);
			r.typing_open = 0;
		} else if (op < 85) { /* undo */
			int done = edbuf_undo(&eb, &cursor);
			assert_int_equal(done, r.cur > 0);
			if (r.cur > 0)
				r.cur--;
			r.typing_open = 0;
		} else if (op < 97) { /* redo */
			int done = edbuf_redo(&eb, &cursor);
			assert_int_equal(done, r.cur + 1 < r.count);
			if (r.cur + 1 < r.count)
				r.cur++;
			r.typing_open = 0;
		} else { /* save */
			edbuf_mark_saved(&eb);
			r.saved = r.cur;
			r.typing_open = 0;
		}
		check_same(&eb, &r, step);
	}
	edbuf_done(&eb);
	ref_done(&r);
}

static void test_random_small(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 20; seed++)
		run_random(seed, 400, seed * 7);
}

static void test_random_long(void **state)
{
	(void)state;
	run_random(4242, 5000, 20000);
}

static void test_typing_is_one_step(void **state)
{
	(void)state;
	struct edbuf eb;
	size_t cur;
	assert_int_equal(edbuf_init(&eb, "ab", 2), 0);
	const char *word = "hello";
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(edbuf_insert(&eb, 1 + i, word + i, 1,
					      EDBUF_MERGE_TYPING), 0);
	assert_true(edbuf_modified(&eb));
	/* backspace twice: one more step */
	assert_int_equal(edbuf_delete(&eb, 5, 1, EDBUF_MERGE_BACKSPACE), 0);
	assert_int_equal(edbuf_delete(&eb, 4, 1, EDBUF_MERGE_BACKSPACE), 0);
	assert_true(gapbuf_equal_at(&eb.gb, 0, "ahelb", 5));
	assert_int_equal(edbuf_undo(&eb, &cur), 1);
	assert_true(gapbuf_equal_at(&eb.gb, 0, "ahellob", 7));
	assert_int_equal(cur, 6);
	assert_int_equal(edbuf_undo(&eb, &cur), 1);
	assert_int_equal(edbuf_len(&eb), 2);
	assert_int_equal(cur, 1);
	assert_false(edbuf_modified(&eb));
	assert_int_equal(edbuf_undo(&eb, &cur), 0);
	assert_int_equal(edbuf_redo(&eb, &cur), 1);
	assert_true(gapbuf_equal_at(&eb.gb, 0, "ahellob", 7));
	assert_int_equal(cur, 6);
	/* a cursor move (break) ends the run */
	edbuf_break(&eb);
	assert_int_equal(edbuf_insert(&eb, 6, "!", 1, EDBUF_MERGE_TYPING), 0);
	assert_int_equal(edbuf_undo(&eb, &cur), 1);
	assert_true(gapbuf_equal_at(&eb.gb, 0, "ahellob", 7));
	/* a new edit drops the redo tail */
	assert_int_equal(edbuf_insert(&eb, 0, "X", 1, EDBUF_MERGE_NONE), 0);
	assert_int_equal(edbuf_redo(&eb, &cur), 0);
	edbuf_done(&eb);
}

static void test_modified_and_saved(void **state)
{
	(void)state;
	struct edbuf eb;
	size_t cur;
	assert_int_equal(edbuf_init(&eb, NULL, 0), 0);
	assert_false(edbuf_modified(&eb));
	assert_int_equal(edbuf_insert(&eb, 0, "a", 1, EDBUF_MERGE_TYPING), 0);
	edbuf_mark_saved(&eb);
	assert_false(edbuf_modified(&eb));
	/* typing after a save is a new step, so undo returns to "modified" */
	assert_int_equal(edbuf_insert(&eb, 1, "b", 1, EDBUF_MERGE_TYPING), 0);
	assert_true(edbuf_modified(&eb));
	assert_int_equal(edbuf_undo(&eb, &cur), 1);
	assert_false(edbuf_modified(&eb));
	assert_int_equal(edbuf_undo(&eb, &cur), 1);
	assert_true(edbuf_modified(&eb));
	/* diverging from before the save makes the saved state unreachable */
	assert_int_equal(edbuf_insert(&eb, 0, "z", 1, EDBUF_MERGE_NONE), 0);
	assert_true(edbuf_modified(&eb));
	assert_int_equal(edbuf_undo(&eb, &cur), 1);
	assert_true(edbuf_modified(&eb));
	/* reset: fresh and clean */
	assert_int_equal(edbuf_reset(&eb, "xyz", 3), 0);
	assert_false(edbuf_modified(&eb));
	assert_int_equal(edbuf_undo(&eb, &cur), 0);
	assert_true(gapbuf_equal_at(&eb.gb, 0, "xyz", 3));
	edbuf_done(&eb);
}

static void test_gapbuf_find(void **state)
{
	(void)state;
	struct gapbuf gb;
	assert_int_equal(gapbuf_init(&gb, "a\nbb\nccc", 8), 0);
	/* put the gap in the middle so searches cross it */
	assert_int_equal(gapbuf_insert(&gb, 3, "X", 1), 0);
	gapbuf_delete(&gb, 3, 1);
	assert_int_equal(gapbuf_find_byte(&gb, 0, 9, '\n'), 1);
	assert_int_equal(gapbuf_find_byte(&gb, 2, 9, '\n'), 4);
	assert_int_equal(gapbuf_find_byte(&gb, 5, 9, '\n'), GAPBUF_NONE);
	assert_int_equal(gapbuf_rfind_byte(&gb, 0, 8, '\n'), 4);
	assert_int_equal(gapbuf_rfind_byte(&gb, 0, 4, '\n'), 1);
	assert_int_equal(gapbuf_rfind_byte(&gb, 2, 4, '\n'), GAPBUF_NONE);
	assert_int_equal(gapbuf_count_byte(&gb, 0, 8, '\n'), 2);
	assert_int_equal(gapbuf_count_byte(&gb, 0, 8, 'c'), 3);
	assert_true(gapbuf_equal_at(&gb, 2, "bb\nc", 4));
	assert_false(gapbuf_equal_at(&gb, 6, "ccc", 3));
	char out[16] = "";
	assert_int_equal(gapbuf_copy(&gb, 2, out, 100), 6);
	assert_memory_equal(out, "bb\nccc", 6);
	assert_memory_equal(gapbuf_contents(&gb), "a\nbb\nccc", 8);
	gapbuf_done(&gb);
}

/* 32 MB (make bench does 100 MB): open, edit in the middle, read back. */
static void test_large_value(void **state)
{
	(void)state;
	size_t n = 32u << 20;
	unsigned char *data = malloc(n);
	assert_non_null(data);
	for (size_t i = 0; i < n; i++)
		data[i] = (unsigned char)('a' + i % 26);
	struct edbuf eb;
	assert_int_equal(edbuf_init(&eb, data, n), 0);
	size_t mid = n / 2;
	for (size_t i = 0; i < 10000; i++)
		assert_int_equal(edbuf_insert(&eb, mid + i, "Z", 1,
					      EDBUF_MERGE_TYPING), 0);
	assert_int_equal(edbuf_len(&eb), n + 10000);
	assert_int_equal(gapbuf_at(&eb.gb, mid - 1), data[mid - 1]);
	assert_int_equal(gapbuf_at(&eb.gb, mid + 10000), data[mid]);
	size_t cur;
	assert_int_equal(edbuf_undo(&eb, &cur), 1);
	assert_int_equal(cur, mid);
	assert_memory_equal(gapbuf_contents(&eb.gb), data, n);
	edbuf_done(&eb);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_small),
		cmocka_unit_test(test_random_long),
		cmocka_unit_test(test_typing_is_one_step),
		cmocka_unit_test(test_modified_and_saved),
		cmocka_unit_test(test_gapbuf_find),
		cmocka_unit_test(test_large_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
