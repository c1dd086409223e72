/* SPDX-License-Identifier: MIT */
/*
 * test_db_compare.c - compare mode's models on real databases: the
 * whole-database comparison on its worker (db_compare.c: tables on both
 * sides, on one side only, counts, a table compared again, a table gone
 * from both sides dropped by a whole run, what the loop sets itself) and
 * the copy of keys from one side over the other (cmp_copy.c: values and
 * times carried, a key missing on the side copied from left alone).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "flockd.h"
#include "browser/cmp_copy.h"
#include "browser/db_compare.h"
#include "lib/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

static void put(const char *dir, const char *table, const char *key,
		const char *data)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s%s%s.kv", dir, table,
		 *table ? ".tbl/" : "", key);
	if (*table) {
		char d[4096];
		snprintf(d, sizeof d, "%s/%s.tbl", dir, table);
		mkdir(d, 0755);
	}
	assert_int_equal(testutil_write_file(path, data, strlen(data)), 0);
}

static struct replica *open_side(const char *dir, int writable)
{
	struct replica_opts o = {.timeout_ms = 1000, .writable = writable};
	struct replica *r;
	const char *why;
	assert_int_equal(replica_open(dir, &o, &r, &why), 0);
	return r;
}

static void nap(void)
{
	struct timespec ts = {0, 1000000};
	nanosleep(&ts, NULL);
}

static void run_to_end(struct db_compare *dc, const char *table)
{
	int ended = 0;
	assert_int_equal(db_compare_run(dc, table), 0);
	while (!ended) {
		db_compare_take(dc, &ended);
		nap();
	}
	char side;
	const char *why;
	assert_int_equal(db_compare_error(dc, &side, &why), 0);
}

static void test_whole_database(void **state)
{
	(void)state;
	char *a = testutil_mkdtemp(), *b = testutil_mkdtemp();
	put(a, "users", "alice", "1");
	put(b, "users", "alice", "1");
	put(a, "users", "bob", "1");
	put(b, "users", "bob", "22");
	put(b, "users", "carol", "c");
	put(a, "logs", "l1", "x");
	put(b, "extra", "e1", "e");
	put(b, "extra", "e2", "e");
	struct db_compare *dc;
	assert_int_equal(db_compare_new(open_side(a, 0), open_side(b, 0), &dc),
			 0);
	assert_int_equal(db_compare_ntables(dc), 0); /* nothing runs yet */
	run_to_end(dc, NULL);
	const struct cmp_table *u = db_compare_table(dc, "users");
	const struct cmp_table *l = db_compare_table(dc, "logs");
	const struct cmp_table *e = db_compare_table(dc, "extra");
	assert_non_null(u);
	assert_non_null(l);
	assert_non_null(e);
	assert_true(u->in_here && u->in_there && u->complete);
	assert_int_equal(u->counts[CMP_SAME], 1);
	assert_int_equal(u->counts[CMP_DIFFERS], 1);
	assert_int_equal(u->counts[CMP_ONLY_THERE], 1);
	assert_int_equal(cmp_table_find(u, "bob")->status, CMP_DIFFERS);
	assert_int_equal(cmp_table_find(u, "bob")->size[1], 2);
	assert_true(l->in_here && !l->in_there);
	assert_int_equal(l->counts[CMP_ONLY_HERE], 1);
	assert_true(!e->in_here && e->in_there);
	assert_int_equal(e->n, 2);
	assert_true(db_compare_table_differs(e));
	size_t all[CMP_COUNT];
	db_compare_totals(dc, all);
	assert_int_equal(all[CMP_ONLY_THERE], 3);
	assert_int_equal(all[CMP_DIFFERS], 1);
	/* tables in bytewise order */
	assert_string_equal(db_compare_table_at(dc, 0)->name, "");
	assert_string_equal(db_compare_table_at(dc, 1)->name, "extra");

	/* the loop's own knowledge: a key copied over is the same */
	struct flockd_stat st = {0};
	st.size = 1;
	assert_int_equal(db_compare_set_same(dc, "users", "bob", &st), 0);
	assert_int_equal(u->counts[CMP_DIFFERS], 0);
	assert_int_equal(u->counts[CMP_SAME], 2);
	assert_int_equal(db_compare_set_same(dc, "users", "nobody", &st),
			 FLOCKD_ENOTFOUND);

	/* one table again: its new results replace the old */
	put(a, "users", "carol", "c");
	run_to_end(dc, "users");
	u = db_compare_table(dc, "users");
	assert_int_equal(u->counts[CMP_ONLY_THERE], 0);
	assert_int_equal(u->counts[CMP_DIFFERS], 1); /* bob, on disk */
	assert_non_null(db_compare_table(dc, "extra")); /* others stay */

	/* a whole run drops a table gone from both sides */
	char path[4096];
	snprintf(path, sizeof path, "rm -rf '%s/extra.tbl'", b);
	assert_int_equal(system(path), 0);
	run_to_end(dc, NULL);
	assert_null(db_compare_table(dc, "extra"));
	assert_non_null(db_compare_table(dc, "users"));

	db_compare_free(dc);
	testutil_rm_rf(a);
	testutil_rm_rf(b);
	free(a);
	free(b);
}

/* The other side fails (a remote shell that cannot run flockd there):
 * the run ends with the error and its side, and holds no results. */
static void test_failure_said(void **state)
{
	(void)state;
	char *a = testutil_mkdtemp();
	put(a, "", "k", "v");
	struct replica_opts o = {.rsh = "false", .timeout_ms = 1000};
	struct replica *rb;
	const char *why;
	assert_int_equal(replica_open("nohost:/db", &o, &rb, &why), 0);
	struct db_compare *dc;
	assert_int_equal(db_compare_new(open_side(a, 0), rb, &dc), 0);
	int err = db_compare_run(dc, NULL), ended = 0;
	char side = 0;
	if (err == 0) {
		while (!ended) {
			db_compare_take(dc, &ended);
			nap();
		}
		err = db_compare_error(dc, &side, &why);
		assert_int_equal(side, 'B');
	}
	assert_int_not_equal(err, 0);
	assert_int_equal(db_compare_running(dc), 0);
	db_compare_free(dc);
	testutil_rm_rf(a);
	free(a);
}

/* A remote shell that cannot be run fails the opening of the comparison,
 * which happens on the worker (it may take long: ssh): the run starts,
 * and its end says which side failed and why. */
static void test_open_failure_at_end(void **state)
{
	(void)state;
	char *a = testutil_mkdtemp();
	put(a, "", "k", "v");
	struct replica_opts o = {.rsh = "/nonexistent/flockd-test-rsh",
				 .timeout_ms = 1000};
	struct replica *rb;
	const char *why;
	assert_int_equal(replica_open("nohost:/db", &o, &rb, &why), 0);
	struct db_compare *dc;
	assert_int_equal(db_compare_new(open_side(a, 0), rb, &dc), 0);
	assert_int_equal(db_compare_run(dc, NULL), 0);
	int ended = 0;
	while (!ended) {
		db_compare_take(dc, &ended);
		nap();
	}
	char side = 0;
	assert_int_not_equal(db_compare_error(dc, &side, &why), 0);
	assert_int_equal(side, 'B');
	assert_non_null(strstr(why, "could not be run"));
	assert_int_equal(db_compare_ntables(dc), 0);
	db_compare_free(dc);
	testutil_rm_rf(a);
	free(a);
}

/* A run stopped while a table it showed first is still filling (a new
 * run, or the end of compare mode): that table stays, once (ASan sees a
 * double free here if it does not). */
static void test_stopped_mid_table(void **state)
{
	(void)state;
	char *a = testutil_mkdtemp(), *b = testutil_mkdtemp();
	char key[32];
	for (int i = 0; i < 3000; i++) {
		snprintf(key, sizeof key, "k%05d", i);
		put(a, "big", key, "v");
		if (i % 2)
			put(b, "big", key, "v");
	}
	struct db_compare *dc;
	assert_int_equal(db_compare_new(open_side(a, 0), open_side(b, 0),
					&dc), 0);
	for (int round = 0; round < 2; round++) {
		assert_int_equal(db_compare_run(dc, NULL), 0);
		int ended = 0;
		/* until the table shows, filling */
		while (!ended && db_compare_table(dc, "big") == NULL) {
			db_compare_take(dc, &ended);
			nap();
		}
		assert_non_null(db_compare_table(dc, "big"));
	}
	/* the table stays while a new run fills it again */
	assert_non_null(db_compare_table(dc, "big"));
	db_compare_free(dc);
	testutil_rm_rf(a);
	testutil_rm_rf(b);
	free(a);
	free(b);
}

static void test_copy_over(void **state)
{
	(void)state;
	char *a = testutil_mkdtemp(), *b = testutil_mkdtemp();
	put(a, "users", "alice", "here's value");
	put(b, "users", "alice", "theirs");
	put(b, "users", "keep", "k");
	char path[4096];
	snprintf(path, sizeof path, "%s/users.tbl/alice.kv", a);
	struct timespec times[2] = {{1700000000, 5}, {1700000000, 5}};
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
	char k1[] = "alice", k2[] = "nothere";
	char *keys[] = {k1, k2};
	struct cmp_copy *j;
	assert_int_equal(cmp_copy_start(open_side(a, 0), open_side(b, 1),
					"users", keys, 2, &j), 0);
	assert_int_equal(cmp_copy_total(j), 2);
	const struct cmp_copy_outcome *v;
	size_t n, ok = 0, missing = 0;
	int done = 0;
	while (!done) {
		done = cmp_copy_take(j, &v, &n);
		for (size_t i = 0; i < n; i++) {
			if (strcmp(v[i].key, "alice") == 0) {
				assert_int_equal(v[i].err, 0);
				assert_true(v[i].have_stat);
				ok++;
			} else {
				assert_string_equal(v[i].key, "nothere");
				assert_int_equal(v[i].err, FLOCKD_ENOTFOUND);
				missing++;
			}
		}
		nap();
	}
	cmp_copy_free(j);
	assert_int_equal(ok, 1);
	assert_int_equal(missing, 1);
	size_t len;
	snprintf(path, sizeof path, "%s/users.tbl/alice.kv", b);
	char *got = testutil_read_file(path, &len);
	assert_non_null(got);
	assert_int_equal(len, 12);
	assert_memory_equal(got, "here's value", 12);
	free(got);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mtim.tv_sec, 1700000000);
	/* a key missing on the side copied from: nothing deleted there */
	snprintf(path, sizeof path, "%s/users.tbl/keep.kv", b);
	assert_int_equal(stat(path, &sb), 0);
	snprintf(path, sizeof path, "%s/users.tbl/nothere.kv", b);
	assert_int_not_equal(stat(path, &sb), 0);
	testutil_rm_rf(a);
	testutil_rm_rf(b);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_database),
		cmocka_unit_test(test_failure_said),
		cmocka_unit_test(test_open_failure_at_end),
		cmocka_unit_test(test_stopped_mid_table),
		cmocka_unit_test(test_copy_over),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
