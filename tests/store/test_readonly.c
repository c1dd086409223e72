/* SPDX-License-Identifier: MIT */
/*
 * test_readonly.c - databases opened with FLOCKD_OPEN_READONLY: reads
 * work, every write is refused with FLOCKD_EREADONLY before touching the
 * disk or taking an exclusive lock, and nothing is ever created.
 */
#include "store_test.h"

static int ro_setup(void **state)
{
	if (st_setup(state) != 0)
		return -1;
	struct st_fixture *fx = *state;
	flockd_table *t = NULL;
	if (flockd_set(fx->root, "k", "value", 5) != FLOCKD_OK ||
	    flockd_table_open(fx->db, "sub", FLOCKD_TABLE_CREATE, &t) != FLOCKD_OK ||
	    flockd_set(t, "inner", "in", 2) != FLOCKD_OK)
		return -1;
	flockd_table_close(t);
	return 0;
}

static void assert_db_unchanged(struct st_fixture *fx)
{
	char path[PATH_MAX];
	st_assert_file(st_join(path, fx->dbpath, "k.kv"), "value", 5);
	st_assert_file(st_join(path, fx->dbpath, "sub.tbl/inner.kv"), "in", 2);
	ST_ASSERT_ONLY(fx->dbpath, "k.kv", "sub.tbl");
	ST_ASSERT_ONLY(st_join(path, fx->dbpath, "sub.tbl"), "inner.kv");
}

static int count_fn(const char *key, const void *value, size_t len, void *ctx)
{
	(void)key; (void)value; (void)len;
	(*(int *)ctx)++;
	return 0;
}

static void test_missing_never_created(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->scratch, "absent/db");
	flockd_db *db = NULL;
	assert_int_equal(flockd_open(path, 100, FLOCKD_OPEN_READONLY, &db), FLOCKD_ENOTFOUND);
	assert_null(db);
	st_assert_missing(st_join(path, fx->scratch, "absent"));
}

static void test_reads_work(void **state)
{
	struct st_fixture *fx = *state;
	flockd_db *db = NULL;
	assert_int_equal(flockd_open(fx->dbpath, 100, FLOCKD_OPEN_READONLY, &db), FLOCKD_OK);
	assert_true(flockd_db_readonly(db) != 0);
	flockd_table *t = NULL, *sub = NULL;
	assert_int_equal(flockd_table_open(db, "", 0, &t), FLOCKD_OK);
	/* CREATE on an existing table is no write: allowed. */
	assert_int_equal(flockd_table_open(db, "sub", FLOCKD_TABLE_CREATE, &sub), FLOCKD_OK);

	void *val = NULL;
	size_t len = 0;
	assert_int_equal(flockd_get(t, "k", &val, &len), FLOCKD_OK);
	assert_true(st_same(val, len, "value", 5));
	free(val);
	assert_int_equal(flockd_get(sub, "inner", &val, &len), FLOCKD_OK);
	assert_true(st_same(val, len, "in", 2));
	free(val);
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	assert_int_equal(flockd_get_to_fd(t, "k", fd, NULL), FLOCKD_OK);
	close(fd);
	int n = 0;
	assert_int_equal(flockd_foreach(t, count_fn, &n), FLOCKD_OK);
	assert_int_equal(n, 1);
	char **names = NULL;
	size_t count = 0;
	assert_int_equal(flockd_tables(db, &names, &count), FLOCKD_OK);
	assert_int_equal(count, 2);
	flockd_names_free(names, count);
	flockd_scan *scan = NULL;
	assert_int_equal(flockd_scan_open(t, &scan), FLOCKD_OK);
	flockd_scan_close(scan);
	struct flockd_stat st;
	assert_int_equal(flockd_key_stat(t, "k", &st), FLOCKD_OK);
	assert_int_equal(st.size, 5);

	flockd_view *view = NULL;
	assert_int_equal(flockd_view_open(t, "k", &view), FLOCKD_OK);
	assert_int_equal(flockd_view_check(view), FLOCKD_OK);
	flockd_view_close(view);

	flockd_table_close(sub);
	flockd_table_close(t);
	flockd_close(db);
	assert_db_unchanged(fx);
}

static void test_writes_refused(void **state)
{
	struct st_fixture *fx = *state;
	flockd_db *db = NULL;
	flockd_table *t = NULL, *sub = NULL;
	assert_int_equal(flockd_open(fx->dbpath, 100, FLOCKD_OPEN_READONLY, &db), FLOCKD_OK);
	assert_int_equal(flockd_table_open(db, "", 0, &t), FLOCKD_OK);
	assert_int_equal(flockd_table_open(db, "sub", 0, &sub), FLOCKD_OK);

	assert_int_equal(flockd_set(t, "k", "x", 1), FLOCKD_EREADONLY);
	assert_int_equal(flockd_set(t, "new", "x", 1), FLOCKD_EREADONLY);
	assert_int_equal(flockd_create(t, "new", "x", 1), FLOCKD_EREADONLY);
	assert_int_equal(flockd_create(t, "k", "x", 1), FLOCKD_EREADONLY);
	assert_int_equal(flockd_update(t, "k", "x", 1), FLOCKD_EREADONLY);
	assert_int_equal(flockd_delete(t, "k"), FLOCKD_EREADONLY);
	assert_int_equal(flockd_delete(t, "missing"), FLOCKD_EREADONLY);
	assert_int_equal(flockd_set(sub, "inner", "x", 1), FLOCKD_EREADONLY);
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_int_equal(flockd_put_from_fd(t, "k", fd, FLOCKD_PUT_SET, NULL), FLOCKD_EREADONLY);
	close(fd);

	flockd_table *nt = NULL;
	assert_int_equal(flockd_table_open(db, "newtable", FLOCKD_TABLE_CREATE, &nt),
			 FLOCKD_EREADONLY);
	assert_null(nt);
	assert_int_equal(flockd_table_open(db, "a/b", FLOCKD_TABLE_CREATE, &nt),
			 FLOCKD_EREADONLY);
	assert_int_equal(flockd_table_open(db, "newtable", 0, &nt), FLOCKD_ENOTFOUND);

	flockd_view *view = NULL;
	assert_int_equal(flockd_view_open(t, "k", &view), FLOCKD_OK);
	assert_int_equal(flockd_view_save(view, "x", 1, 0), FLOCKD_EREADONLY);
	assert_int_equal(flockd_view_save(view, "x", 1, FLOCKD_SAVE_FORCE), FLOCKD_EREADONLY);
	assert_int_equal(flockd_view_delete(view, 0), FLOCKD_EREADONLY);
	size_t len = 0;
	const void *v = flockd_view_value(view, &len);
	assert_true(st_same(v, len, "value", 5));
	assert_int_equal(flockd_view_check(view), FLOCKD_OK);
	flockd_view_close(view);

	flockd_table_close(sub);
	flockd_table_close(t);
	flockd_close(db);
	assert_db_unchanged(fx);
}

/* Refused at once, not after waiting for an exclusive lock a reader
 * holds: a read-only database never asks for one. */
static void test_refused_without_locking(void **state)
{
	struct st_fixture *fx = *state;
	flockd_db *db = NULL;
	flockd_table *t = NULL;
	assert_int_equal(flockd_open(fx->dbpath, 2000, FLOCKD_OPEN_READONLY, &db), FLOCKD_OK);
	assert_int_equal(flockd_table_open(db, "", 0, &t), FLOCKD_OK);
	char path[PATH_MAX];
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, st_join(path, fx->dbpath, "k.kv"), LOCK_SH), 0);
	long long start = st_now_ms();
	assert_int_equal(flockd_set(t, "k", "x", 1), FLOCKD_EREADONLY);
	assert_int_equal(flockd_delete(t, "k"), FLOCKD_EREADONLY);
	flockd_view *view = NULL;
	assert_int_equal(flockd_view_open(t, "k", &view), FLOCKD_OK);
	assert_int_equal(flockd_view_save(view, "x", 1, 0), FLOCKD_EREADONLY);
	flockd_view_close(view);
	assert_true(st_now_ms() - start < 1000);
	st_locker_stop(&lk);
	flockd_table_close(t);
	flockd_close(db);
	assert_db_unchanged(fx);
}

/* The flag belongs to the handle: a writable handle on the same directory
 * still writes, and the read-only one sees the change. */
static void test_readonly_handles_independent(void **state)
{
	struct st_fixture *fx = *state;
	flockd_db *ro = NULL;
	flockd_table *t = NULL;
	assert_int_equal(flockd_open(fx->dbpath, 100, FLOCKD_OPEN_READONLY, &ro), FLOCKD_OK);
	assert_int_equal(flockd_table_open(ro, "", 0, &t), FLOCKD_OK);
	/* A writable handle on the same directory still writes. */
	assert_int_equal(flockd_set(fx->root, "k", "changed", 7), FLOCKD_OK);
	void *val = NULL;
	size_t len;
	assert_int_equal(flockd_get(t, "k", &val, &len), FLOCKD_OK);
	assert_true(st_same(val, len, "changed", 7));
	free(val);
	flockd_table_close(t);
	flockd_close(ro);
	assert_int_equal(flockd_db_readonly(fx->db), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_missing_never_created, ro_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_reads_work, ro_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_writes_refused, ro_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_refused_without_locking, ro_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_readonly_handles_independent, ro_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store read-only", tests, NULL, NULL);
}
