/* SPDX-License-Identifier: MIT */
/* test_work_ahead.c - tui/common/work_ahead: items come back in the
 * order they went in, each worked once, by the helper or the owner with
 * that thread's context; items needing no work are left as they are; a
 * full ring refuses more; the slot given stays untouched; freeing with
 * items waiting drops every slot once and does not hang. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/work_ahead.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct item {
	size_t seq;      /* the order it was pushed in */
	int needs;       /* pushed with work to do */
	int worked;      /* times its work ran */
	int by;          /* whose context did it: 1 owner, 2 helper */
	uint64_t result; /* the work's product: a function of seq */
};

struct ctx {
	int who;
	long nap_ns;     /* each item's work sleeps this long */
	size_t done;     /* items this context worked */
};

static uint64_t product(size_t seq)
{
	return (uint64_t)seq * 2654435761u + 17;
}

static void work(void *c, void *slot)
{
	struct ctx *ctx = c;
	struct item *it = slot;
	if (ctx->nap_ns > 0) {
		struct timespec ts = {0, ctx->nap_ns};
		nanosleep(&ts, NULL);
	}
	it->worked++;
	it->by = ctx->who;
	it->result = product(it->seq);
	__atomic_add_fetch(&ctx->done, 1, __ATOMIC_SEQ_CST);
}

/* Push n items (every third needs no work), taking them as the ring
 * fills; check each comes back in order, worked once when it needed. */
static void run(size_t n, size_t nslots, long nap_ns)
{
	struct ctx helper = {2, nap_ns, 0}, own = {1, 0, 0};
	struct work_ahead *wa;
	assert_int_equal(work_ahead_new(sizeof(struct item), nslots, work,
					&helper, &wa), 0);
	assert_null(work_ahead_take(wa, &own));
	size_t pushed = 0, taken = 0;
	while (taken < n) {
		struct item *it;
		while (pushed < n && (it = work_ahead_back(wa)) != NULL) {
			memset(it, 0, sizeof *it);
			it->seq = pushed;
			it->needs = pushed % 3 != 2;
			work_ahead_push(wa, it->needs);
			pushed++;
		}
		assert_true(work_ahead_pending(wa) <= nslots);
		it = work_ahead_take(wa, &own);
		assert_non_null(it);
		assert_int_equal(it->seq, taken);
		if (it->needs) {
			assert_int_equal(it->worked, 1);
			assert_true(it->result == product(it->seq));
		} else {
			assert_int_equal(it->worked, 0);
		}
		taken++;
	}
	assert_int_equal(work_ahead_pending(wa), 0);
	assert_null(work_ahead_take(wa, &own));
	work_ahead_free(wa, NULL);
	assert_int_equal(helper.done + own.done, n - n / 3);
}

static void test_in_order_each_once(void **state)
{
	(void)state;
	run(0, 2, 0);
	run(1, 2, 0);
	run(5, 2, 0);
	run(1000, 3, 0);
	run(100000, 256, 0);
	run(300, 16, 100000); /* slow work: the two threads interleave */
}

/* Items pushed and not taken are worked by the helper, with its own
 * context, while the owner does something else. */
static void test_helper_works_ahead(void **state)
{
	(void)state;
	struct ctx helper = {2, 0, 0}, own = {1, 0, 0};
	struct work_ahead *wa;
	assert_int_equal(work_ahead_new(sizeof(struct item), 32, work,
					&helper, &wa), 0);
	for (size_t i = 0; i < 16; i++) {
		struct item *it = work_ahead_back(wa);
		memset(it, 0, sizeof *it);
		it->seq = i;
		work_ahead_push(wa, 1);
	}
	/* up to 10 s for the helper to be scheduled (a loaded machine) */
	for (int i = 0; i < 1000 && __atomic_load_n(&helper.done,
						  __ATOMIC_SEQ_CST) < 16; i++)
		nanosleep(&(struct timespec){0, 10000000}, NULL);
	for (size_t i = 0; i < 16; i++) {
		struct item *it = work_ahead_take(wa, &own);
		assert_int_equal(it->seq, i);
		assert_int_equal(it->worked, 1);
		assert_int_equal(it->by, 2);
	}
	assert_int_equal(own.done, 0);
	work_ahead_free(wa, NULL);
}

/* The ring holds nslots items counting the one last given: full, back
 * gives nothing, and the slot given is not handed out for filling. */
static void test_full_and_held(void **state)
{
	(void)state;
	struct ctx helper = {2, 0, 0}, own = {1, 0, 0};
	struct work_ahead *wa;
	assert_int_equal(work_ahead_new(sizeof(struct item), 4, work, &helper,
					&wa), 0);
	for (size_t i = 0; i < 4; i++) {
		struct item *it = work_ahead_back(wa);
		assert_non_null(it);
		assert_ptr_equal(work_ahead_back(wa), it); /* same until push */
		memset(it, 0, sizeof *it);
		it->seq = i;
		work_ahead_push(wa, 1);
	}
	assert_null(work_ahead_back(wa));
	struct item *given = work_ahead_take(wa, &own);
	assert_int_equal(given->seq, 0);
	/* one taken but still held, and the back reopens only at half */
	assert_null(work_ahead_back(wa));
	assert_int_equal(((struct item *)work_ahead_take(wa, &own))->seq, 1);
	assert_null(work_ahead_back(wa)); /* 2 waiting, 1 held: 3 of 4 */
	struct item *third = work_ahead_take(wa, &own);
	assert_int_equal(third->seq, 2);
	struct item *back = work_ahead_back(wa);
	assert_ptr_equal(back, given); /* item 0's slot, no longer held */
	back->seq = 4;
	work_ahead_push(wa, 1);
	assert_non_null(work_ahead_back(wa)); /* refilling until full */
	assert_int_equal(third->seq, 2); /* the held slot untouched */
	assert_int_equal(((struct item *)work_ahead_take(wa, &own))->seq, 3);
	assert_int_equal(((struct item *)work_ahead_take(wa, &own))->seq, 4);
	work_ahead_free(wa, NULL);
	assert_int_equal(work_ahead_new(16, 1, work, &helper, &wa), EINVAL);
}

static int dropped;

static void drop(void *slot)
{
	(void)slot;
	dropped++;
}

/* Freed with items waiting (the helper busy on slow ones): returns, and
 * every slot is dropped exactly once. */
static void test_free_with_items_waiting(void **state)
{
	(void)state;
	struct ctx helper = {2, 1000000, 0};
	struct work_ahead *wa;
	assert_int_equal(work_ahead_new(sizeof(struct item), 64, work,
					&helper, &wa), 0);
	struct item *it;
	size_t n = 0;
	while ((it = work_ahead_back(wa)) != NULL) {
		memset(it, 0, sizeof *it);
		it->seq = n++;
		work_ahead_push(wa, 1);
	}
	assert_int_equal(n, 64);
	dropped = 0;
	work_ahead_free(wa, drop);
	assert_int_equal(dropped, 64);
	assert_true(helper.done < 64);
	work_ahead_free(NULL, drop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order_each_once),
		cmocka_unit_test(test_helper_works_ahead),
		cmocka_unit_test(test_full_and_held),
		cmocka_unit_test(test_free_with_items_waiting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
