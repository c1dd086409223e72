/* test_replica_diff.c - comparing a primary and a replica: tables and keys
 * only on one side, size and content differences (a big value compared in
 * chunks), a lock that does not come, and the per-key lookup of compare
 * mode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "flockd.h"
#include "inspect/replica_diff.h"
#include "lib/testutil.h"

#include <sys/file.h>

struct fixture {
	char *a, *b;
	flockd_db *da, *db;
};

static void put(const char *dir, const char *name, const void *data,
		size_t len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(testutil_write_file(path, data, len), 0);
}

static void mk(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(mkdir(path, 0755), 0);
}

#define BIG (300 * 1024)

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->a = testutil_mkdtemp();
	f->b = testutil_mkdtemp();
	assert_non_null(f->a);
	assert_non_null(f->b);
	put(f->a, "same.kv", "x", 1);
	put(f->b, "same.kv", "x", 1);
	put(f->a, "changed.kv", "hello", 5);
	put(f->b, "changed.kv", "hellO", 5);
	put(f->a, "sized.kv", "abc", 3);
	put(f->b, "sized.kv", "abcd", 4);
	put(f->a, "onlya.kv", "1", 1);
	put(f->b, "onlyb.kv", "2", 1);
	put(f->a, "bin.kv", "\0\1\2\3", 4);
	put(f->b, "bin.kv", "\0\1\2\4", 4);
	put(f->a, "empty.kv", "", 0);
	put(f->b, "empty.kv", "", 0);
	char *big = malloc(BIG);
	for (size_t i = 0; i < BIG; i++)
		big[i] = (char)(i * 7);
	put(f->a, "big.kv", big, BIG);
	put(f->b, "big.kv", big, BIG);
	put(f->a, "bigdiff.kv", big, BIG);
	big[BIG - 1] ^= 1; /* differs in the last chunk only */
	put(f->b, "bigdiff.kv", big, BIG);
	free(big);
	put(f->a, "a.kvTEMP1", "temp files are not keys", 23);
	/* a symlink named like a key: never followed, compared by type */
	char path[4096];
	snprintf(path, sizeof path, "%s/link.kv", f->a);
	assert_int_equal(symlink("same.kv", path), 0);
	put(f->b, "link.kv", "x", 1);
	snprintf(path, sizeof path, "%s/both.kv", f->a);
	assert_int_equal(symlink("target", path), 0);
	snprintf(path, sizeof path, "%s/both.kv", f->b);
	assert_int_equal(symlink("target", path), 0);
	mk(f->a, "dir.kv");
	mk(f->a, "t.tbl");
	mk(f->b, "t.tbl");
	put(f->a, "t.tbl/k.kv", "k", 1);
	put(f->b, "t.tbl/k.kv", "k", 1);
	mk(f->a, "onlya.tbl");
	put(f->a, "onlya.tbl/x.kv", "x", 1);
	mk(f->b, "onlyb.tbl");
	assert_int_equal(flockd_open(f->a, 300, FLOCKD_OPEN_READONLY, &f->da),
			 0);
	assert_int_equal(flockd_open(f->b, 300, FLOCKD_OPEN_READONLY, &f->db),
			 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	flockd_close(f->da);
	flockd_close(f->db);
	testutil_rm_rf(f->a);
	testutil_rm_rf(f->b);
	free(f->a);
	free(f->b);
	free(f);
	return 0;
}

static void expect(const struct diff_table *t, const char *key,
		   enum diff_status st, enum diff_reason why)
{
	const struct diff_key *k = diff_table_find(t, key);
	if (k == NULL)
		fail_msg("key %s not in the result", key);
	assert_string_equal(diff_status_name(k->status), diff_status_name(st));
	assert_string_equal(diff_reason_name(k->reason), diff_reason_name(why));
}

static void test_root_table(void **state)
{
	struct fixture *f = *state;
	struct diff_table t;
	assert_int_equal(replica_diff_table(f->da, f->db, "", &t), 0);
	assert_true(t.in_a && t.in_b);
	expect(&t, "same", DIFF_SAME, DIFF_REASON_NONE);
	expect(&t, "empty", DIFF_SAME, DIFF_REASON_NONE);
	expect(&t, "big", DIFF_SAME, DIFF_REASON_NONE);
	expect(&t, "changed", DIFF_DIFFERS, DIFF_REASON_CONTENT);
	expect(&t, "bin", DIFF_DIFFERS, DIFF_REASON_CONTENT);
	expect(&t, "bigdiff", DIFF_DIFFERS, DIFF_REASON_CONTENT);
	expect(&t, "sized", DIFF_DIFFERS, DIFF_REASON_SIZE);
	const struct diff_key *k = diff_table_find(&t, "sized");
	assert_int_equal(k->size_a, 3);
	assert_int_equal(k->size_b, 4);
	expect(&t, "onlya", DIFF_ONLY_A, DIFF_REASON_NONE);
	expect(&t, "onlyb", DIFF_ONLY_B, DIFF_REASON_NONE);
	/* temp files and directories named .kv are not keys */
	assert_null(diff_table_find(&t, "a"));
	assert_null(diff_table_find(&t, "dir"));
	assert_null(diff_table_find(&t, "nosuchkey"));
	expect(&t, "link", DIFF_DIFFERS, DIFF_REASON_TYPE);
	expect(&t, "both", DIFF_SAME, DIFF_REASON_NONE);
	assert_int_equal(t.n, 11);
	assert_int_equal(t.ndiff, 7);
	assert_int_equal(t.ntrouble, 0);
	/* sorted bytewise, so lookups work */
	for (size_t i = 1; i < t.n; i++)
		assert_true(strcmp(t.keys[i - 1].key, t.keys[i].key) < 0);
	diff_table_free(&t);
}

static void test_tables(void **state)
{
	struct fixture *f = *state;
	struct diff_table_names tn;
	assert_int_equal(replica_diff_tables(f->da, f->db, &tn), 0);
	assert_true(diff_names_contains(tn.a, tn.na, "onlya"));
	assert_false(diff_names_contains(tn.b, tn.nb, "onlya"));
	assert_true(diff_names_contains(tn.b, tn.nb, "onlyb"));
	assert_true(diff_names_contains(tn.a, tn.na, "t"));
	assert_true(diff_names_contains(tn.b, tn.nb, ""));
	diff_table_names_free(&tn);

	struct diff_table t;
	assert_int_equal(replica_diff_table(f->da, f->db, "t", &t), 0);
	assert_int_equal(t.ndiff, 0);
	expect(&t, "k", DIFF_SAME, DIFF_REASON_NONE);
	diff_table_free(&t);
	/* a table on one side only: its keys are only there */
	assert_int_equal(replica_diff_table(f->da, f->db, "onlya", &t), 0);
	assert_true(t.in_a);
	assert_false(t.in_b);
	expect(&t, "x", DIFF_ONLY_A, DIFF_REASON_NONE);
	diff_table_free(&t);
	assert_int_equal(replica_diff_table(f->da, f->db, "nowhere", &t),
			 FLOCKD_ENOTFOUND);
}

static void test_lock_timeout_is_trouble(void **state)
{
	struct fixture *f = *state;
	char path[4096];
	snprintf(path, sizeof path, "%s/changed.kv", f->b);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct diff_table t;
	assert_int_equal(replica_diff_table(f->da, f->db, "", &t), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	const struct diff_key *k = diff_table_find(&t, "changed");
	assert_int_equal(k->status, DIFF_TROUBLE);
	assert_int_equal(k->err, FLOCKD_ETIMEOUT);
	assert_int_equal(k->side, 'B');
	assert_int_equal(t.ntrouble, 1);
	/* bounded by the 300 ms timeout (generous margin) */
	assert_true(t1.tv_sec - t0.tv_sec < 10);
	/* keys of other sizes need no lock and are still told apart */
	expect(&t, "sized", DIFF_DIFFERS, DIFF_REASON_SIZE);
	diff_table_free(&t);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_root_table, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_timeout_is_trouble,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
