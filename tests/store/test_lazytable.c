/* SPDX-License-Identifier: MIT */
/*
 * test_lazytable.c - new directories are durable and a failed write leaves
 * none behind: the parent of every directory the store makes is fsync'd
 * (a failing fsync fails the call and takes the directory back), and a
 * FLOCKD_TABLE_CREATE_ON_WRITE table exists only once a write needed it.
 */
#include "store_test.h"

static int dir_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void test_created_at_first_write(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	flockd_table *t;
	assert_int_equal(flockd_table_open(fx->db, "a/b",
					   FLOCKD_TABLE_CREATE_ON_WRITE, &t),
			 FLOCKD_OK);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
	assert_int_equal(flockd_table_dirfd(t), -1);
	/* it reads as an empty table */
	void *v;
	size_t len;
	assert_int_equal(flockd_get(t, "k", &v, &len), FLOCKD_ENOTFOUND);
	flockd_scan *scan;
	struct flockd_scan_entry e[2];
	size_t n = 9;
	assert_int_equal(flockd_scan_open(t, &scan), FLOCKD_OK);
	assert_int_equal(flockd_scan_next(scan, e, 2, &n), FLOCKD_OK);
	assert_int_equal(n, 0);
	flockd_scan_close(scan);
	assert_int_equal(flockd_delete(t, "k"), FLOCKD_OK);
	assert_int_equal(flockd_update(t, "k", "u", 1), FLOCKD_ENOTFOUND);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);

	assert_int_equal(flockd_set(t, "k", "v", 1), FLOCKD_OK);
	assert_true(flockd_table_dirfd(t) >= 0);
	st_assert_file(st_join(path, fx->dbpath, "a/b.tbl/k.kv"), "v", 1);
	flockd_table_close(t);
}

/* Another process makes the table meanwhile: the handle finds it. */
static void test_created_by_someone_else(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *lazy, *eager;
	assert_int_equal(flockd_table_open(fx->db, "t",
					   FLOCKD_TABLE_CREATE_ON_WRITE, &lazy),
			 FLOCKD_OK);
	assert_int_equal(flockd_table_open(fx->db, "t", FLOCKD_TABLE_CREATE,
					   &eager), FLOCKD_OK);
	assert_int_equal(flockd_set(eager, "k", "theirs", 6), FLOCKD_OK);
	void *v;
	size_t len;
	assert_int_equal(flockd_get(lazy, "k", &v, &len), FLOCKD_OK);
	assert_true(st_same(v, len, "theirs", 6));
	free(v);
	flockd_table_close(lazy);
	flockd_table_close(eager);
}

/* A write that fails takes back exactly the directories it made. */
static void test_failed_write_leaves_no_table(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	assert_int_equal(mkdir(st_join(path, fx->dbpath, "x"), 0755), 0);
	flockd_table *t;
	assert_int_equal(flockd_table_open(fx->db, "x/y/z",
					   FLOCKD_TABLE_CREATE_ON_WRITE, &t),
			 FLOCKD_OK);
	volatile sig_atomic_t stop = 1;
	flockd_table_set_cancel(t, &stop);
	assert_int_equal(flockd_set(t, "k", "v", 1), ECANCELED);
	flockd_table_set_cancel(t, NULL);
	assert_true(dir_exists(path)); /* "x" was there before */
	ST_ASSERT_EMPTY_DIR(path);
	assert_int_equal(flockd_table_dirfd(t), -1);
	/* a later write makes them again */
	assert_int_equal(flockd_create(t, "k", "v", 1), FLOCKD_OK);
	st_assert_file(st_join(path, fx->dbpath, "x/y/z.tbl/k.kv"), "v", 1);
	flockd_table_close(t);
}

/* Read-only databases make nothing. */
static void test_readonly_lazy(void **state)
{
	struct st_fixture *fx = *state;
	flockd_db *ro;
	flockd_table *t;
	assert_int_equal(flockd_open(fx->dbpath, ST_TIMEOUT_MS,
				     FLOCKD_OPEN_READONLY, &ro), FLOCKD_OK);
	assert_int_equal(flockd_table_open(ro, "t", FLOCKD_TABLE_CREATE_ON_WRITE,
					   &t), FLOCKD_EREADONLY);
	flockd_close(ro);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

/* The fsync of a new directory's parent: make it fail and see the call
 * fail and the directory gone. */
static int mkdir_fsync_body(void *arg)
{
	struct st_fixture *fx = arg;
	int failures = 0;
	char path[PATH_MAX];
	if (st_fail_syscall(SYS_fsync, ST_FD_ANY, 0, EIO) != 0)
		return ST_CHILD_SKIP;
	flockd_table *t;
	int err = flockd_table_open(fx->db, "new", FLOCKD_TABLE_CREATE, &t);
	ST_CHILD_CHECK(failures, err == EIO, "table open: %s",
		       flockd_strerror(err));
	ST_CHILD_CHECK(failures, !dir_exists(st_join(path, fx->dbpath,
						     "new.tbl")),
		       "the table stayed");
	flockd_db *db;
	st_join(path, fx->scratch, "other/db");
	err = flockd_open(path, ST_TIMEOUT_MS, 0, &db);
	ST_CHILD_CHECK(failures, err == EIO, "db open: %s",
		       flockd_strerror(err));
	return failures;
}

static void test_new_directories_are_synced(void **state)
{
	st_in_child("fsync after mkdir", mkdir_fsync_body, *state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_created_at_first_write,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_created_by_someone_else,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_leaves_no_table,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_readonly_lazy, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_new_directories_are_synced,
						st_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store table directories", tests,
					   NULL, NULL);
}
