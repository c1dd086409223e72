/* SPDX-License-Identifier: MIT */
/*
 * test_rename.c - flockd_rename: the same file under the new name (size,
 * mode, owner, times, inode), within a table and between tables, refusing
 * to replace unless asked, waiting for both keys' locks, and between file
 * systems by copy and delete with the same facts carried.
 */
#include "store_test.h"

static void assert_lstat(const char *path, struct stat *st)
{
	if (lstat(path, st) != 0)
		fail_msg("%s: %s", path, strerror(errno));
}

static void test_rename_keeps_the_file(void **state)
{
	struct st_fixture *fx = *state;
	char from[PATH_MAX], to[PATH_MAX];
	st_join(from, fx->dbpath, "old.kv");
	st_join(to, fx->dbpath, "new.kv");
	assert_int_equal(flockd_set(fx->root, "old", "value", 5), FLOCKD_OK);
	assert_int_equal(chmod(from, 0640), 0);
	assert_int_equal(st_age(from, 3600), 0);
	struct stat before, after;
	assert_lstat(from, &before);

	assert_int_equal(flockd_rename(fx->root, "old", fx->root, "new", 0),
			 FLOCKD_OK);
	st_assert_missing(from);
	assert_lstat(to, &after);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(after.st_mode, before.st_mode);
	assert_int_equal(after.st_uid, before.st_uid);
	assert_int_equal(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
	st_assert_file(to, "value", 5);
	ST_ASSERT_ONLY(fx->dbpath, "new.kv");

	/* to itself: nothing to do */
	assert_int_equal(flockd_rename(fx->root, "new", fx->root, "new", 0),
			 FLOCKD_OK);
	st_assert_file(to, "value", 5);
}

static void test_rename_between_tables(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *a, *b;
	assert_int_equal(flockd_table_open(fx->db, "a", FLOCKD_TABLE_CREATE, &a),
			 FLOCKD_OK);
	assert_int_equal(flockd_table_open(fx->db, "b/c",
					   FLOCKD_TABLE_CREATE_ON_WRITE, &b),
			 FLOCKD_OK);
	assert_int_equal(flockd_set(a, "k", "in a", 4), FLOCKD_OK);
	assert_int_equal(flockd_rename(a, "k", b, "k2", 0), FLOCKD_OK);
	char path[PATH_MAX];
	st_assert_file(st_join(path, fx->dbpath, "b/c.tbl/k2.kv"), "in a", 4);
	st_assert_missing(st_join(path, fx->dbpath, "a.tbl/k.kv"));
	/* and back into the root */
	assert_int_equal(flockd_rename(b, "k2", fx->root, "k3", 0), FLOCKD_OK);
	st_assert_file(st_join(path, fx->dbpath, "k3.kv"), "in a", 4);
	flockd_table_close(a);
	flockd_table_close(b);
}

static void test_rename_no_replace(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	assert_int_equal(flockd_set(fx->root, "a", "A", 1), FLOCKD_OK);
	assert_int_equal(flockd_set(fx->root, "b", "B", 1), FLOCKD_OK);
	assert_int_equal(flockd_rename(fx->root, "a", fx->root, "b", 0),
			 FLOCKD_EEXIST);
	st_assert_file(st_join(path, fx->dbpath, "a.kv"), "A", 1);
	st_assert_file(st_join(path, fx->dbpath, "b.kv"), "B", 1);
	assert_int_equal(flockd_rename(fx->root, "a", fx->root, "b",
				       FLOCKD_RENAME_REPLACE), FLOCKD_OK);
	st_assert_missing(st_join(path, fx->dbpath, "a.kv"));
	st_assert_file(st_join(path, fx->dbpath, "b.kv"), "A", 1);
	ST_ASSERT_ONLY(fx->dbpath, "b.kv");

	/* two names of one file: one name is left */
	char other[PATH_MAX];
	assert_int_equal(link(path, st_join(other, fx->dbpath, "c.kv")), 0);
	assert_int_equal(flockd_rename(fx->root, "b", fx->root, "c",
				       FLOCKD_RENAME_REPLACE), FLOCKD_OK);
	ST_ASSERT_ONLY(fx->dbpath, "c.kv");
}

static void test_rename_errors(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	assert_int_equal(flockd_rename(fx->root, "none", fx->root, "x", 0),
			 FLOCKD_ENOTFOUND);
	assert_int_equal(flockd_set(fx->root, "a", "A", 1), FLOCKD_OK);
	assert_int_equal(flockd_rename(fx->root, "a", fx->root, "x/y", 0),
			 FLOCKD_EINVALID);
	assert_int_equal(flockd_rename(fx->root, "a", fx->root, "a", 0x10),
			 EINVAL);
	assert_int_equal(mkdir(st_join(path, fx->dbpath, "d.kv"), 0755), 0);
	assert_int_equal(flockd_rename(fx->root, "a", fx->root, "d",
				       FLOCKD_RENAME_REPLACE), FLOCKD_EINVALID);
	st_make_placeholder(st_join(path, fx->dbpath, "p.kv"), 0);
	assert_int_equal(flockd_rename(fx->root, "p", fx->root, "q", 0),
			 FLOCKD_ENOTFOUND);
	st_assert_file(st_join(path, fx->dbpath, "a.kv"), "A", 1);

	flockd_db *ro;
	flockd_table *rt;
	assert_int_equal(flockd_open(fx->dbpath, ST_TIMEOUT_MS,
				     FLOCKD_OPEN_READONLY, &ro), FLOCKD_OK);
	assert_int_equal(flockd_table_open(ro, "", 0, &rt), FLOCKD_OK);
	assert_int_equal(flockd_rename(rt, "a", rt, "b", 0), FLOCKD_EREADONLY);
	assert_int_equal(flockd_rename(fx->root, "a", rt, "b", 0),
			 FLOCKD_EREADONLY);
	flockd_table_close(rt);
	flockd_close(ro);
	st_assert_file(st_join(path, fx->dbpath, "a.kv"), "A", 1);
}

/* Both keys' locks: a reader of either name keeps the rename waiting. */
static void test_rename_waits_for_locks(void **state)
{
	struct st_fixture *fx = *state;
	char a[PATH_MAX], b[PATH_MAX];
	st_join(a, fx->dbpath, "a.kv");
	st_join(b, fx->dbpath, "b.kv");
	assert_int_equal(flockd_set(fx->root, "a", "A", 1), FLOCKD_OK);
	assert_int_equal(flockd_set(fx->root, "b", "B", 1), FLOCKD_OK);
	struct st_locker lk;

	assert_int_equal(st_locker_start(&lk, a, LOCK_SH), 0);
	long long start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_rename(fx->root, "a", fx->root, "c", 0),
			    start, ST_TIMEOUT_MS);
	st_locker_stop(&lk);

	assert_int_equal(st_locker_start(&lk, b, LOCK_SH), 0);
	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_rename(fx->root, "a", fx->root, "b",
					  FLOCKD_RENAME_REPLACE),
			    start, ST_TIMEOUT_MS);
	st_locker_stop(&lk);
	st_assert_file(a, "A", 1);
	st_assert_file(b, "B", 1);
	ST_ASSERT_ONLY(fx->dbpath, "a.kv", "b.kv");
}

/* A table on another file system: copy, carry the facts, delete. */
static int cross_fs_body(void *arg)
{
	struct st_fixture *fx = arg;
	int failures = 0;
	char mnt[PATH_MAX], path[PATH_MAX];
	st_join(mnt, fx->dbpath, "other.tbl");
	if (st_mount_tmpfs(mnt, "size=1m") != 0)
		return ST_CHILD_SKIP;
	flockd_db *db;
	flockd_table *root, *other;
	if (flockd_open(fx->dbpath, ST_TIMEOUT_MS, 0, &db) != FLOCKD_OK ||
	    flockd_table_open(db, "", 0, &root) != FLOCKD_OK ||
	    flockd_table_open(db, "other", 0, &other) != FLOCKD_OK)
		return 1;
	struct stat before, after;
	st_join(path, fx->dbpath, "k.kv");
	ST_CHILD_CHECK(failures, flockd_set(root, "k", "carried", 7) == 0 &&
				 chmod(path, 0604) == 0 &&
				 st_age(path, 7200) == 0 &&
				 lstat(path, &before) == 0, "setup");
	int err = flockd_rename(root, "k", other, "k", 0);
	ST_CHILD_CHECK(failures, err == FLOCKD_OK, "rename: %s (%s)",
		       flockd_strerror(err), flockd_table_last_step(root));
	ST_CHILD_CHECK(failures, lstat(path, &after) != 0, "old name left");
	st_join(path, mnt, "k.kv");
	ST_CHILD_CHECK(failures, lstat(path, &after) == 0 &&
				 (after.st_mode & 07777) == 0604 &&
				 after.st_mtim.tv_sec == before.st_mtim.tv_sec &&
				 after.st_size == 7,
		       "facts not carried: mode %o", after.st_mode & 07777);
	void *v = NULL;
	size_t len = 0;
	ST_CHILD_CHECK(failures, flockd_get(other, "k", &v, &len) == 0 &&
				 st_same(v, len, "carried", 7), "value");
	free(v);
	/* no replace: an existing key stays */
	ST_CHILD_CHECK(failures, flockd_set(root, "k", "again", 5) == 0 &&
				 flockd_rename(root, "k", other, "k", 0) ==
					 FLOCKD_EEXIST, "no replace");
	ST_CHILD_CHECK(failures, st_count_unexpected(mnt, (const char *const[]){
						 "k.kv", NULL}) == 0,
		       "leftovers in the target");
	flockd_table_close(other);
	flockd_table_close(root);
	flockd_close(db);
	umount2(mnt, MNT_DETACH);
	return failures;
}

static void test_rename_across_file_systems(void **state)
{
	struct st_fixture *fx = *state;
	char mnt[PATH_MAX];
	assert_int_equal(mkdir(st_join(mnt, fx->dbpath, "other.tbl"), 0755), 0);
	st_in_child("rename across file systems", cross_fs_body, fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rename_keeps_the_file,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_rename_between_tables,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_rename_no_replace, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_rename_errors, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_rename_waits_for_locks,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_rename_across_file_systems,
						st_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store rename", tests, NULL, NULL);
}
