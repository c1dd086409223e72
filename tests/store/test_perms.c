/* SPDX-License-Identifier: MIT */
/*
 * test_perms.c - permission errors (the Go original's TestOpenErrors and
 * the permission parts of TestTables/TestForEach, widened to every
 * operation). Root ignores permission bits, so each check runs in a forked
 * child that has become nobody (65534) when the suite runs as root; when
 * that is impossible the test is skipped with a notice.
 */
#include "store_test.h"

static int perm_setup(void **state)
{
	umask(022);
	struct st_fixture *fx = st_fixture_new(ST_TIMEOUT_MS);
	if (fx == NULL)
		return -1;
	/* The unprivileged child must be able to reach the database. */
	chmod(fx->scratch, 0755);
	*state = fx;
	return 0;
}

/* Fork a child that drops privileges and runs `body`; its failures count
 * in the parent. */
static void run_unprivileged(struct st_fixture *fx, const char *what,
			     int (*body)(struct st_fixture *))
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (st_drop_privileges() != 0) {
			printf("# cannot drop privileges to uid %d: %s\n", ST_NOBODY,
			       strerror(errno));
			fflush(stdout);
			_exit(ST_CHILD_SKIP);
		}
		if (access(fx->dbpath, X_OK) != 0) {
			printf("# uid %d cannot reach %s (set TMPDIR to a world-"
			       "searchable directory)\n", (int)geteuid(), fx->dbpath);
			fflush(stdout);
			_exit(ST_CHILD_SKIP);
		}
		int failures = body(fx);
		fflush(stdout);
		_exit(failures > 100 ? 100 : failures);
	}
	st_child_verdict(pid, what);
}

static void give_to_nobody(const char *path)
{
	if (geteuid() == 0)
		assert_int_equal(lchown(path, ST_NOBODY, ST_NOBODY), 0);
}

static int open_table(flockd_table **t, flockd_db **db, const char *dbpath,
		      const char *name)
{
	*db = NULL;
	*t = NULL;
	if (flockd_open(dbpath, ST_TIMEOUT_MS, 0, db) != FLOCKD_OK)
		return -1;
	return flockd_table_open(*db, name, 0, t);
}

static int noop_fn(const char *key, const void *value, size_t len, void *ctx)
{
	(void)key; (void)value; (void)len; (void)ctx;
	return 0;
}

/* ------------------------------------------- table directory mode 0000 */

static flockd_table *locked_out_table; /* opened by root before the fork */

static int body_table_0000(struct st_fixture *fx)
{
	int failures = 0;
	flockd_table *t = locked_out_table;
	void *val = NULL;
	size_t len = 0;
	struct flockd_stat st;
	flockd_view *view = NULL;
	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);

	ST_EXPECT(flockd_get(t, "deny", &val, &len), EACCES);
	ST_EXPECT(flockd_get_to_fd(t, "deny", devnull, NULL), EACCES);
	ST_EXPECT(flockd_set(t, "deny", "x", 1), EACCES);
	ST_EXPECT(flockd_set(t, "new", "x", 1), EACCES);
	ST_EXPECT(flockd_create(t, "new", "x", 1), EACCES);
	ST_EXPECT(flockd_update(t, "deny", "x", 1), EACCES);
	ST_EXPECT(flockd_delete(t, "deny"), EACCES);
	ST_EXPECT(flockd_put_from_fd(t, "deny", devnull, FLOCKD_PUT_SET, NULL), EACCES);
	ST_EXPECT(flockd_view_open(t, "deny", &view), EACCES);
	ST_EXPECT(flockd_key_stat(t, "deny", &st), EACCES);
	ST_EXPECT(flockd_foreach(t, noop_fn, NULL), EACCES);
	ST_CHILD_CHECK(failures, strcmp(flockd_table_last_step(t), "") != 0,
		       "no failing step recorded");

	/* Opening the table afresh fails the same way. */
	flockd_db *db = NULL;
	flockd_table *t2 = NULL;
	ST_EXPECT(flockd_open(fx->dbpath, ST_TIMEOUT_MS, 0, &db), FLOCKD_OK);
	ST_EXPECT(flockd_table_open(db, "t", 0, &t2), EACCES);
	ST_EXPECT(flockd_table_open(db, "t", FLOCKD_TABLE_CREATE, &t2), EACCES);
	flockd_close(db);
	close(devnull);
	return failures;
}

static void test_table_dir_0000(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *t = NULL;
	assert_int_equal(flockd_table_open(fx->db, "t", FLOCKD_TABLE_CREATE, &t), FLOCKD_OK);
	assert_int_equal(flockd_set(t, "deny", "whatever", 8), FLOCKD_OK);
	char dir[PATH_MAX], key[PATH_MAX];
	st_join(dir, fx->dbpath, "t.tbl");
	st_join(key, dir, "deny.kv");
	assert_int_equal(chmod(dir, 0000), 0);
	locked_out_table = t;
	run_unprivileged(fx, "table dir mode 0000", body_table_0000);
	assert_int_equal(chmod(dir, 0755), 0);
	flockd_table_close(t);
	st_assert_file(key, "whatever", 8);
	ST_ASSERT_ONLY(dir, "deny.kv");
}

/* ------------------------------------------------ key file mode 0000 */

static int body_key_0000(struct st_fixture *fx)
{
	int failures = 0;
	flockd_db *db;
	flockd_table *t;
	void *val = NULL;
	size_t len = 0;
	flockd_view *view = NULL;
	struct flockd_stat st;
	ST_EXPECT(open_table(&t, &db, fx->dbpath, "u"), FLOCKD_OK);
	if (t == NULL)
		return failures;
	ST_EXPECT(flockd_get(t, "deny", &val, &len), EACCES);
	ST_EXPECT(flockd_set(t, "deny", "x", 1), EACCES);
	ST_EXPECT(flockd_update(t, "deny", "x", 1), EACCES);
	ST_EXPECT(flockd_delete(t, "deny"), EACCES);
	ST_EXPECT(flockd_view_open(t, "deny", &view), EACCES);
	ST_EXPECT(flockd_create(t, "deny", "x", 1), FLOCKD_EEXIST);
	ST_EXPECT(flockd_foreach(t, noop_fn, NULL), EACCES);
	/* Stat needs no permission on the file itself. */
	ST_EXPECT(flockd_key_stat(t, "deny", &st), FLOCKD_OK);
	ST_CHILD_CHECK(failures, st.size == 8, "size %llu", (unsigned long long)st.size);
	/* Other keys of the table still work. */
	ST_EXPECT(flockd_set(t, "fine", "ok", 2), FLOCKD_OK);
	ST_EXPECT(flockd_get(t, "fine", &val, &len), FLOCKD_OK);
	free(val);
	ST_EXPECT(flockd_delete(t, "fine"), FLOCKD_OK);
	flockd_table_close(t);
	flockd_close(db);
	return failures;
}

/* Go: TestOpenErrors, plus: the failed writes left no temp file. */
static void test_key_file_0000(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *t = NULL;
	assert_int_equal(flockd_table_open(fx->db, "u", FLOCKD_TABLE_CREATE, &t), FLOCKD_OK);
	assert_int_equal(flockd_set(t, "deny", "whatever", 8), FLOCKD_OK);
	flockd_table_close(t);
	char dir[PATH_MAX], key[PATH_MAX];
	st_join(dir, fx->dbpath, "u.tbl");
	st_join(key, dir, "deny.kv");
	give_to_nobody(dir);
	give_to_nobody(key);
	assert_int_equal(chmod(key, 0000), 0);
	run_unprivileged(fx, "key file mode 0000", body_key_0000);
	assert_int_equal(chmod(key, 0600), 0); /* when not root, for us too */
	st_assert_file(key, "whatever", 8);
	ST_ASSERT_ONLY(dir, "deny.kv");
}

/* ------------------------------------------- read-only key file (0400) */

static int body_key_0400(struct st_fixture *fx)
{
	int failures = 0;
	flockd_db *db;
	flockd_table *t;
	void *val = NULL;
	size_t len = 0;
	ST_EXPECT(open_table(&t, &db, fx->dbpath, "r"), FLOCKD_OK);
	if (t == NULL)
		return failures;
	ST_EXPECT(flockd_get(t, "ro", &val, &len), FLOCKD_OK);
	ST_CHILD_CHECK(failures, val != NULL && st_same(val, len, "readonly", 8), "value");
	free(val);
	/* Writable directory, read-only file: the Go original replaces it
	 * (it locks through a read-only descriptor); so do we, opening
	 * read-write only where permissions allow. */
	ST_EXPECT(flockd_set(t, "ro", "replaced", 8), FLOCKD_OK);
	val = NULL;
	ST_EXPECT(flockd_get(t, "ro", &val, &len), FLOCKD_OK);
	ST_CHILD_CHECK(failures, val != NULL && st_same(val, len, "replaced", 8), "value");
	free(val);
	flockd_table_close(t);
	flockd_close(db);
	return failures;
}

static void test_key_file_0400(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *t = NULL;
	assert_int_equal(flockd_table_open(fx->db, "r", FLOCKD_TABLE_CREATE, &t), FLOCKD_OK);
	assert_int_equal(flockd_set(t, "ro", "readonly", 8), FLOCKD_OK);
	flockd_table_close(t);
	char dir[PATH_MAX], key[PATH_MAX];
	st_join(dir, fx->dbpath, "r.tbl");
	st_join(key, dir, "ro.kv");
	give_to_nobody(dir);
	give_to_nobody(key);
	assert_int_equal(chmod(key, 0400), 0);
	run_unprivileged(fx, "key file mode 0400", body_key_0400);
	st_assert_file(key, "replaced", 8);
	ST_ASSERT_ONLY(dir, "ro.kv");
}

/* ------------------------------------ read-only table directory (0555) */

static int body_dir_0555(struct st_fixture *fx)
{
	int failures = 0;
	flockd_db *db;
	flockd_table *t;
	void *val = NULL;
	size_t len = 0;
	ST_EXPECT(open_table(&t, &db, fx->dbpath, "ro"), FLOCKD_OK);
	if (t == NULL)
		return failures;
	ST_EXPECT(flockd_get(t, "k", &val, &len), FLOCKD_OK);
	free(val);
	ST_EXPECT(flockd_set(t, "k", "new", 3), EACCES);
	ST_EXPECT(flockd_set(t, "other", "new", 3), EACCES);
	ST_EXPECT(flockd_create(t, "other", "new", 3), EACCES);
	ST_EXPECT(flockd_update(t, "k", "new", 3), EACCES);
	ST_EXPECT(flockd_delete(t, "k"), EACCES);
	flockd_view *view = NULL;
	ST_EXPECT(flockd_view_open(t, "k", &view), FLOCKD_OK);
	if (view != NULL) {
		ST_EXPECT(flockd_view_save(view, "new", 3, 0), EACCES);
		ST_EXPECT(flockd_view_delete(view, 0), EACCES);
		size_t vlen = 0;
		const void *v = flockd_view_value(view, &vlen);
		ST_CHILD_CHECK(failures, st_same(v, vlen, "value", 5), "view value kept");
		ST_EXPECT(flockd_view_check(view), FLOCKD_OK);
		flockd_view_close(view);
	}
	flockd_table_close(t);
	flockd_close(db);
	return failures;
}

/* A directory the user cannot write: every write fails cleanly. */
static void test_table_dir_0555(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *t = NULL;
	assert_int_equal(flockd_table_open(fx->db, "ro", FLOCKD_TABLE_CREATE, &t), FLOCKD_OK);
	assert_int_equal(flockd_set(t, "k", "value", 5), FLOCKD_OK);
	flockd_table_close(t);
	char dir[PATH_MAX], key[PATH_MAX];
	st_join(dir, fx->dbpath, "ro.tbl");
	st_join(key, dir, "k.kv");
	assert_int_equal(chmod(key, 0644), 0);
	assert_int_equal(chmod(dir, 0555), 0);
	run_unprivileged(fx, "table dir mode 0555", body_dir_0555);
	assert_int_equal(chmod(dir, 0755), 0);
	st_assert_file(key, "value", 5);
	ST_ASSERT_ONLY(dir, "k.kv");
}

/* ---------------------------------------------- databases and listings */

static int body_open_denied(struct st_fixture *fx)
{
	int failures = 0;
	char path[PATH_MAX];
	flockd_db *db = NULL;
	ST_EXPECT(flockd_open(st_join(path, fx->scratch, "rootonly/db"), 100, 0, &db), EACCES);
	ST_EXPECT(flockd_open(st_join(path, fx->scratch, "closed"), 100, 0, &db), EACCES);
	ST_EXPECT(flockd_open(st_join(path, fx->scratch, "closed/db"), 100, 0, &db), EACCES);
	/* Tables: creating one in a directory we may not write. */
	ST_EXPECT(flockd_open(fx->dbpath, 100, 0, &db), FLOCKD_OK);
	flockd_table *t = NULL;
	ST_EXPECT(flockd_table_open(db, "newtable", FLOCKD_TABLE_CREATE, &t), EACCES);
	flockd_close(db);
	return failures;
}

static void test_open_denied(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	/* 0555: not writable for nobody, nor for the owner when the suite
	 * runs unprivileged. */
	assert_int_equal(mkdir(st_join(path, fx->scratch, "rootonly"), 0555), 0);
	assert_int_equal(mkdir(st_join(path, fx->scratch, "closed"), 0000), 0);
	assert_int_equal(chmod(fx->dbpath, 0555), 0);
	run_unprivileged(fx, "open denied", body_open_denied);
	assert_int_equal(chmod(fx->dbpath, 0755), 0);
	st_assert_missing(st_join(path, fx->scratch, "rootonly/db"));
	st_assert_missing(st_join(path, fx->dbpath, "newtable.tbl"));
}

static int body_tables_unreadable(struct st_fixture *fx)
{
	int failures = 0;
	flockd_db *db = NULL;
	char **names = NULL;
	size_t count = 0;
	ST_EXPECT(flockd_open(fx->dbpath, 100, 0, &db), FLOCKD_OK);
	ST_EXPECT(flockd_tables(db, &names, &count), FLOCKD_OK);
	const char *want[] = {"", "bar", "foo"};
	ST_CHILD_CHECK(failures, count == 3, "%zu tables listed, want 3", count);
	for (size_t i = 0; i < count && i < 3; i++)
		ST_CHILD_CHECK(failures, !strcmp(names[i], want[i]), "table %zu: \"%s\"",
			       i, names[i]);
	flockd_names_free(names, count);
	flockd_close(db);
	return failures;
}

/* An unreadable directory is skipped by flockd_tables, not an error. */
static void test_tables_skip_unreadable(void **state)
{
	struct st_fixture *fx = *state;
	const char *names[] = {"foo", "foo/sub", "bar"};
	for (size_t i = 0; i < 3; i++) {
		flockd_table *t = NULL;
		assert_int_equal(flockd_table_open(fx->db, names[i], FLOCKD_TABLE_CREATE, &t),
				 FLOCKD_OK);
		flockd_table_close(t);
	}
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "foo");
	assert_int_equal(chmod(path, 0000), 0);
	run_unprivileged(fx, "tables with an unreadable directory", body_tables_unreadable);
	assert_int_equal(chmod(path, 0755), 0);
}

static int body_foreach_unreadable(struct st_fixture *fx)
{
	int failures = 0;
	flockd_db *db;
	flockd_table *t;
	ST_EXPECT(open_table(&t, &db, fx->dbpath, "f"), FLOCKD_OK);
	if (t == NULL)
		return failures;
	ST_EXPECT(flockd_foreach(t, noop_fn, NULL), EACCES);
	flockd_table_close(t);
	flockd_close(db);
	return failures;
}

/* Go: TestForEach: a walk over a record it cannot read fails. */
static void test_foreach_unreadable_key(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *t = NULL;
	assert_int_equal(flockd_table_open(fx->db, "f", FLOCKD_TABLE_CREATE, &t), FLOCKD_OK);
	const char *keys[] = {"a", "bee", "see"};
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(flockd_set(t, keys[i], "v", 1), FLOCKD_OK);
	flockd_table_close(t);
	char path[PATH_MAX];
	assert_int_equal(chmod(st_join(path, fx->dbpath, "f.tbl/bee.kv"), 0000), 0);
	run_unprivileged(fx, "foreach over an unreadable key", body_foreach_unreadable);
}

static char *probe_dir;

static int probe_unprivileged(void)
{
	if (st_drop_privileges() != 0) {
		printf("# cannot drop privileges to uid %d: %s\n", ST_NOBODY,
		       strerror(errno));
		return 1;
	}
	if (access(probe_dir, X_OK) != 0) {
		printf("# uid %d cannot reach %s\n", (int)geteuid(), probe_dir);
		return 1;
	}
	return 0;
}

int main(void)
{
	/* Permission bits only bind an unprivileged process: make sure the
	 * tests can run as one, below the scratch directory base. */
	probe_dir = testutil_mkdtemp();
	if (probe_dir == NULL || chmod(probe_dir, 0755) != 0)
		st_skip_program("no scratch directory");
	int rc = st_probe(probe_unprivileged);
	rmdir(probe_dir);
	free(probe_dir);
	if (rc != 0)
		st_skip_program("cannot run as an unprivileged user here (see "
				"above; set TMPDIR to a world-searchable "
				"directory): permission errors NOT tested");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_table_dir_0000, perm_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_key_file_0000, perm_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_key_file_0400, perm_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_table_dir_0555, perm_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_open_denied, perm_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_tables_skip_unreadable, perm_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_foreach_unreadable_key, perm_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store permissions", tests, NULL, NULL);
}
