/* SPDX-License-Identifier: MIT */
/*
 * test_inspect_marks.c - the key list's marks from the inspection: lock
 * marks (lock_marks.c: L/X for keys a process holds, gone when released,
 * kept across a new list) and compare mode's marks and only-there rows
 * (compare_marks.c), on real databases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "flockd.h"
#include "browser/compare_marks.h"
#include "browser/key_list.h"
#include "browser/lock_marks.h"
#include "browser/table_loader.h"
#include "lib/testutil.h"

#include <fcntl.h>
#include <time.h>
#include <sys/file.h>
#include <unistd.h>

static void put(const char *dir, const char *name, const char *data)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(testutil_write_file(path, data, strlen(data)), 0);
}

static unsigned marks_of(struct key_list *kl, const char *name)
{
	unsigned m = 0;
	if (key_list_marks_of(kl, name, strlen(name), 0, &m) != 0)
		return 0xffffffffu; /* not in the list */
	return m;
}

/* The whole table into a fresh list. */
static struct key_list *load(flockd_table *t)
{
	struct key_list *kl = key_list_new(NULL, NULL);
	struct table_loader *tl;
	assert_non_null(kl);
	assert_int_equal(table_loader_open(t, &tl), 0);
	while (table_loader_step(tl, kl, 1000) == 0)
		;
	table_loader_close(tl);
	return kl;
}

/* Step the marks until no pass is under way. */
static void settle(struct lock_marks *lm, flockd_table *t,
		   struct key_list *kl, unsigned long gen, long long now)
{
	int i = 0;
	while (lock_marks_step(lm, t, kl, gen, now, 2) && i++ < 1000)
		;
	assert_true(i < 1000);
}

static void test_lock_marks(void **state)
{
	(void)state;
	if (access("/proc/locks", R_OK) != 0)
		skip();
	char *dir = testutil_mkdtemp();
	char path[4096];
	for (int i = 0; i < 9; i++) {
		snprintf(path, sizeof path, "k%d.kv", i);
		put(dir, path, "v");
	}
	flockd_db *db;
	flockd_table *t;
	assert_int_equal(flockd_open(dir, 1000, FLOCKD_OPEN_READONLY, &db), 0);
	assert_int_equal(flockd_table_open(db, "", 0, &t), 0);
	struct key_list *kl = load(t);
	struct lock_marks lm;
	lock_marks_init(&lm);

	/* nothing held: no marks, no pass */
	assert_int_equal(lock_marks_step(&lm, t, kl, 1, 0, 100), 0);
	assert_int_equal(lock_marks_count(&lm), 0);
	assert_int_equal(marks_of(kl, "k3") & (KL_MARK_LOCK_SH |
					       KL_MARK_LOCK_EX), 0);

	snprintf(path, sizeof path, "%s/k3.kv", dir);
	int sh = open(path, O_RDONLY | O_CLOEXEC);
	snprintf(path, sizeof path, "%s/k7.kv", dir);
	int ex = open(path, O_RDWR | O_CLOEXEC);
	assert_int_equal(flock(sh, LOCK_SH), 0);
	assert_int_equal(flock(ex, LOCK_EX), 0);

	/* not before the period is over */
	assert_int_equal(lock_marks_step(&lm, t, kl, 1, 100, 100), 0);
	assert_int_equal(lock_marks_count(&lm), 0);
	/* then a pass in slices (budget 2 of 9 entries) finds them */
	settle(&lm, t, kl, 1, LOCK_MARKS_PERIOD_MS);
	assert_int_equal(lock_marks_count(&lm), 2);
	assert_true(marks_of(kl, "k3") & KL_MARK_LOCK_SH);
	assert_false(marks_of(kl, "k3") & KL_MARK_LOCK_EX);
	assert_true(marks_of(kl, "k7") & KL_MARK_LOCK_EX);
	assert_int_equal(marks_of(kl, "k1") & (KL_MARK_LOCK_SH |
					       KL_MARK_LOCK_EX), 0);

	/* a new list (a rescan) gets the marks at once */
	struct key_list *kl2 = load(t);
	assert_int_equal(marks_of(kl2, "k7") & KL_MARK_LOCK_EX, 0);
	lock_marks_step(&lm, t, kl2, 2, LOCK_MARKS_PERIOD_MS + 1, 0);
	assert_true(marks_of(kl2, "k7") & KL_MARK_LOCK_EX);
	key_list_free(kl);
	kl = kl2;

	/* released: gone at the next read, without a directory pass */
	close(sh);
	close(ex);
	assert_int_equal(lock_marks_step(&lm, t, kl, 2,
					 3 * LOCK_MARKS_PERIOD_MS, 100), 0);
	assert_int_equal(lock_marks_count(&lm), 0);
	assert_int_equal(marks_of(kl, "k7") & KL_MARK_LOCK_EX, 0);
	assert_int_equal(marks_of(kl, "k3") & KL_MARK_LOCK_SH, 0);

	lock_marks_done(&lm);
	key_list_free(kl);
	flockd_table_close(t);
	flockd_close(db);
	testutil_rm_rf(dir);
	free(dir);
}

/* The whole comparison of `a` with `b`, run to its end. */
static struct db_compare *compare_all(const char *a, const char *b)
{
	struct replica_opts o = {.timeout_ms = 1000};
	struct replica *ra, *rb;
	struct db_compare *dc;
	const char *why;
	assert_int_equal(replica_open(a, &o, &ra, &why), 0);
	assert_int_equal(replica_open(b, &o, &rb, &why), 0);
	assert_int_equal(db_compare_new(ra, rb, &dc), 0);
	return dc;
}

static void run_to_end(struct db_compare *dc, const char *table)
{
	int ended = 0;
	assert_int_equal(db_compare_run(dc, table), 0);
	while (!ended) {
		struct timespec nap = {0, 1000000};
		db_compare_take(dc, &ended);
		nanosleep(&nap, NULL);
	}
	assert_int_equal(db_compare_running(dc), 0);
}

static void test_compare_marks(void **state)
{
	(void)state;
	char *a = testutil_mkdtemp(), *b = testutil_mkdtemp();
	put(a, "same.kv", "1");
	put(b, "same.kv", "1");
	put(a, "diff.kv", "1");
	put(b, "diff.kv", "22");
	put(a, "here.kv", "h");
	put(b, "there.kv", "t");
	flockd_db *da;
	flockd_table *ta;
	assert_int_equal(flockd_open(a, 1000, FLOCKD_OPEN_READONLY, &da), 0);
	assert_int_equal(flockd_table_open(da, "", 0, &ta), 0);
	struct key_list *kl = load(ta);
	assert_int_equal(key_list_count(kl), 3);

	struct db_compare *dc = compare_all(a, b);
	run_to_end(dc, NULL);
	const struct cmp_table *t = db_compare_table(dc, "");
	assert_non_null(t);
	struct compare_marks cm;
	compare_marks_init(&cm);
	assert_int_equal(compare_marks_apply(&cm, t, kl), 0);
	assert_int_equal(key_list_count(kl), 4); /* + the only-there row */
	assert_int_equal(marks_of(kl, "same") & COMPARE_BITS,
			 KL_MARK_CMP_SAME);
	assert_int_equal(marks_of(kl, "diff") & COMPARE_BITS,
			 KL_MARK_CMP_DIFFERS);
	assert_int_equal(marks_of(kl, "here") & COMPARE_BITS,
			 KL_MARK_CMP_HERE);
	assert_int_equal(marks_of(kl, "there") & COMPARE_BITS,
			 KL_MARK_CMP_THERE);
	assert_int_equal(cmp_table_find(t, "there")->status, CMP_ONLY_THERE);
	assert_null(cmp_table_find(t, "unknown"));
	assert_int_equal(t->counts[CMP_SAME], 1);
	assert_int_equal(t->counts[CMP_DIFFERS], 1);
	assert_int_equal(t->counts[CMP_ONLY_HERE], 1);
	assert_int_equal(t->counts[CMP_ONLY_THERE], 1);
	assert_int_equal(compare_mark_char(marks_of(kl, "diff")), '#');
	assert_string_equal(compare_mark_word(marks_of(kl, "there")),
			    "only there");

	/* applying again (a commit) changes nothing */
	assert_int_equal(compare_marks_apply(&cm, t, kl), 0);
	assert_int_equal(key_list_count(kl), 4);
	assert_int_equal(marks_of(kl, "there") & COMPARE_BITS,
			 KL_MARK_CMP_THERE);

	/* a key that appears here as a real row loses "only there" */
	assert_int_equal(key_list_add(kl, "there", 5, 0, DT_REG, 0), 0);
	assert_int_equal(key_list_commit(kl), 0);
	assert_int_equal(marks_of(kl, "there") & KL_MARK_CMP_THERE, 0);
	assert_int_equal(compare_mark_char(marks_of(kl, "there")), '?');

	/* the key is gone from both sides: its row goes at the next
	 * comparison (of this table alone); the same key created here
	 * would stay */
	struct key_list *kl2 = load(ta);
	assert_int_equal(compare_marks_apply(&cm, t, kl2), 0);
	assert_int_equal(key_list_count(kl2), 4);
	char path[4096];
	snprintf(path, sizeof path, "%s/there.kv", b);
	assert_int_equal(unlink(path), 0);
	run_to_end(dc, "");
	t = db_compare_table(dc, "");
	assert_int_equal(compare_marks_apply(&cm, t, kl2), 0);
	assert_int_equal(key_list_count(kl2), 3);
	assert_int_equal(marks_of(kl2, "there"), 0xffffffffu);

	/* no comparison: no marks and no rows of its own */
	assert_int_equal(compare_marks_apply(&cm, NULL, kl2), 0);
	assert_int_equal(marks_of(kl2, "diff") & COMPARE_BITS, 0);
	assert_int_equal(compare_mark_char(marks_of(kl2, "diff")), '?');

	compare_marks_done(&cm);
	db_compare_free(dc);
	key_list_free(kl);
	key_list_free(kl2);
	flockd_table_close(ta);
	flockd_close(da);
	testutil_rm_rf(a);
	testutil_rm_rf(b);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lock_marks),
		cmocka_unit_test(test_compare_marks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
