/* SPDX-License-Identifier: MIT */
/*
 * test_tables.c - tables and walks: opening and creating tables (nested
 * names, the Go original's TestTable/TestMultipleTables/TestTables),
 * listing the tables of a database among directories that are not tables,
 * and flockd_foreach (TestForEach, TestBigForEach, stopping on a result).
 */
#include "store_test.h"

static void assert_get(flockd_table *t, const char *key, const char *want)
{
	void *val = NULL;
	size_t len = 0;
	int err = flockd_get(t, key, &val, &len);
	if (err != FLOCKD_OK)
		fail_msg("get %s in table \"%s\": %s", key, flockd_table_name(t),
			 flockd_strerror(err));
	assert_int_equal(len, strlen(want));
	assert_memory_equal(val, want, len);
	free(val);
}

static void assert_dir(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		fail_msg("%s: %s", path, strerror(errno));
	assert_true(S_ISDIR(st.st_mode));
}

/* Go: TestTable. */
static void test_table_cycle(void **state)
{
	struct st_fixture *fx = *state;
	char sub[PATH_MAX], file[PATH_MAX];
	st_join(sub, fx->dbpath, "realm.tbl");
	st_assert_missing(sub);

	flockd_table *t = NULL;
	assert_int_equal(flockd_table_open(fx->db, "realm", 0, &t), FLOCKD_ENOTFOUND);
	assert_null(t);
	st_assert_missing(sub);

	mode_t old = umask(022);
	int err = flockd_table_open(fx->db, "realm", FLOCKD_TABLE_CREATE, &t);
	umask(old);
	assert_int_equal(err, FLOCKD_OK);
	assert_dir(sub);
	struct stat st;
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	assert_string_equal(flockd_table_name(t), "realm");
	assert_string_equal(flockd_table_path(t), sub);
	assert_string_equal(flockd_table_last_step(t), "");
	struct stat fdst;
	assert_int_equal(fstat(flockd_table_dirfd(t), &fdst), 0);
	assert_int_equal(fdst.st_ino, st.st_ino);
	assert_int_equal(fdst.st_dev, st.st_dev);
	int fdflags = fcntl(flockd_table_dirfd(t), F_GETFD);
	assert_true(fdflags >= 0 && (fdflags & FD_CLOEXEC));

	st_join(file, sub, "xoxoxoxoxoxo.kv");
	st_assert_missing(file);
	assert_int_equal(flockd_set(t, "xoxoxoxoxoxo", "hello", 5), FLOCKD_OK);
	st_assert_file(file, "hello", 5);
	assert_get(t, "xoxoxoxoxoxo", "hello");
	/* The root table does not see it. */
	void *val = NULL;
	size_t len;
	assert_int_equal(flockd_get(fx->root, "xoxoxoxoxoxo", &val, &len), FLOCKD_ENOTFOUND);

	assert_int_equal(flockd_delete(t, "xoxoxoxoxoxo"), FLOCKD_OK);
	st_assert_missing(file);
	assert_int_equal(flockd_get(t, "xoxoxoxoxoxo", &val, &len), FLOCKD_ENOTFOUND);

	assert_int_equal(flockd_create(t, "xoxoxoxoxoxo", "hello", 5), FLOCKD_OK);
	st_assert_file(file, "hello", 5);
	assert_int_equal(flockd_create(t, "xoxoxoxoxoxo", "", 0), FLOCKD_EEXIST);
	assert_int_equal(flockd_update(t, "xoxoxoxoxoxo", "goodbye", 7), FLOCKD_OK);
	st_assert_file(file, "goodbye", 7);
	ST_ASSERT_ONLY(sub, "xoxoxoxoxoxo.kv");

	/* Opening an existing table with or without CREATE is the same. */
	flockd_table *again = NULL;
	assert_int_equal(flockd_table_open(fx->db, "realm", 0, &again), FLOCKD_OK);
	assert_get(again, "xoxoxoxoxoxo", "goodbye");
	flockd_table_close(again);
	assert_int_equal(flockd_table_open(fx->db, "realm", FLOCKD_TABLE_CREATE, &again),
			 FLOCKD_OK);
	assert_get(again, "xoxoxoxoxoxo", "goodbye");
	flockd_table_close(again);
	flockd_table_close(t);
}

static void test_root_table(void **state)
{
	struct st_fixture *fx = *state;
	assert_string_equal(flockd_table_name(fx->root), "");
	assert_string_equal(flockd_table_path(fx->root), fx->dbpath);
	flockd_table *t = NULL;
	assert_int_equal(flockd_table_open(fx->db, NULL, 0, &t), FLOCKD_OK);
	assert_string_equal(flockd_table_name(t), "");
	assert_int_equal(flockd_set(t, "k", "v", 1), FLOCKD_OK);
	assert_get(fx->root, "k", "v");
	flockd_table_close(t);
}

/* Go: TestMultipleTables. */
static void test_multiple_tables(void **state)
{
	struct st_fixture *fx = *state;
	const char *names[] = {"yack", "this and that", "a/b/c"};
	const char *keys[] = {"strongrrl", "theory", "lily"};
	flockd_table *tables[3];
	char path[PATH_MAX], file[PATH_MAX];
	for (int i = 0; i < 3; i++) {
		char rel[64];
		snprintf(rel, sizeof(rel), "%s.tbl", names[i]);
		st_join(path, fx->dbpath, rel);
		st_assert_missing(path);
		assert_int_equal(flockd_table_open(fx->db, names[i], FLOCKD_TABLE_CREATE,
						   &tables[i]), FLOCKD_OK);
		assert_dir(path);
		assert_string_equal(flockd_table_path(tables[i]), path);
		for (int k = 0; k < 3; k++) {
			char kv[64];
			snprintf(kv, sizeof(kv), "%s.kv", keys[k]);
			st_join(file, path, kv);
			st_assert_missing(file);
			assert_int_equal(flockd_set(tables[i], keys[k], names[i],
						    strlen(names[i])), FLOCKD_OK);
			st_assert_file(file, names[i], strlen(names[i]));
			assert_get(tables[i], keys[k], names[i]);
		}
	}
	/* Nesting: a/b/c is D/a/b/c.tbl; D/a and D/a/b are plain directories. */
	assert_dir(st_join(path, fx->dbpath, "a"));
	assert_dir(st_join(path, fx->dbpath, "a/b"));
	st_assert_missing(st_join(path, fx->dbpath, "a.tbl"));
	st_assert_missing(st_join(path, fx->dbpath, "a/b.tbl"));
	/* The root has no keys of its own. */
	ST_ASSERT_ONLY(fx->dbpath, "yack.tbl", "this and that.tbl", "a");

	/* They have not overwritten each other and can be deleted. */
	for (int i = 0; i < 3; i++) {
		flockd_table *t = NULL;
		assert_int_equal(flockd_table_open(fx->db, names[i], 0, &t), FLOCKD_OK);
		for (int k = 0; k < 3; k++) {
			assert_get(t, keys[k], names[i]);
			assert_int_equal(flockd_delete(t, keys[k]), FLOCKD_OK);
			void *val = NULL;
			size_t len;
			assert_int_equal(flockd_get(t, keys[k], &val, &len), FLOCKD_ENOTFOUND);
		}
		flockd_table_close(t);
		flockd_table_close(tables[i]);
	}
}

static void test_table_name_errors(void **state)
{
	struct st_fixture *fx = *state;
	const char *bad[] = {"/", "/abs", "a/", "a//b", ".", "..", "../up", "a/../b",
			     "a/./b"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		flockd_table *t = NULL;
		int err = flockd_table_open(fx->db, bad[i], FLOCKD_TABLE_CREATE, &t);
		if (err != FLOCKD_EINVALID)
			fail_msg("table \"%s\": %s, expected invalid name", bad[i],
				 flockd_strerror(err));
		assert_null(t);
	}
	char longname[NAME_MAX + 1];
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0'; /* NAME_MAX, but not with .tbl */
	flockd_table *t = NULL;
	assert_int_equal(flockd_table_open(fx->db, longname, FLOCKD_TABLE_CREATE, &t),
			 FLOCKD_EINVALID);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
	char up[PATH_MAX];
	st_assert_missing(st_join(up, fx->scratch, "up.tbl"));
}

/* Go: TestDirErrors (a table path that is a file). */
static void test_table_not_a_directory(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "foo.tbl");
	assert_int_equal(testutil_write_file(path, "x", 1), 0);
	flockd_table *t = NULL;
	int err = flockd_table_open(fx->db, "foo", FLOCKD_TABLE_CREATE, &t);
	if (err != ENOTDIR && err != FLOCKD_ENOTREG)
		fail_msg("table over a file: %s", flockd_strerror(err));
	assert_null(t);
	st_assert_file(path, "x", 1);

	/* An intermediate component that is a file. */
	st_join(path, fx->dbpath, "plain");
	assert_int_equal(testutil_write_file(path, "y", 1), 0);
	err = flockd_table_open(fx->db, "plain/sub", FLOCKD_TABLE_CREATE, &t);
	if (err != ENOTDIR && err != FLOCKD_ENOTREG)
		fail_msg("table below a file: %s", flockd_strerror(err));
	st_assert_file(path, "y", 1);
}

/* A table path that is a symlink is never followed out of the database,
 * not even to create directories. */
static void test_table_symlink_refused(void **state)
{
	struct st_fixture *fx = *state;
	char outside[PATH_MAX], link_path[PATH_MAX], probe[PATH_MAX];
	st_join(outside, fx->scratch, "outside");
	assert_int_equal(mkdir(outside, 0755), 0);
	st_join(link_path, fx->dbpath, "evil.tbl");
	assert_int_equal(symlink(outside, link_path), 0);
	flockd_table *t = NULL;
	int err = flockd_table_open(fx->db, "evil", FLOCKD_TABLE_CREATE, &t);
	if (err != ENOTDIR && err != FLOCKD_ENOTREG)
		fail_msg("symlinked table: %s", flockd_strerror(err));
	assert_null(t);

	/* A symlinked intermediate directory. */
	st_join(link_path, fx->dbpath, "mid");
	assert_int_equal(symlink(outside, link_path), 0);
	err = flockd_table_open(fx->db, "mid/sub", FLOCKD_TABLE_CREATE, &t);
	if (err != ENOTDIR && err != FLOCKD_ENOTREG)
		fail_msg("table below a symlink: %s", flockd_strerror(err));
	assert_null(t);
	st_assert_missing(st_join(probe, outside, "sub.tbl"));
	ST_ASSERT_EMPTY_DIR(outside);
}

/* --------------------------------------------------------------- listing */

static void assert_tables(flockd_db *db, const char *const *want, size_t nwant)
{
	char **names = NULL;
	size_t count = 0;
	assert_int_equal(flockd_tables(db, &names, &count), FLOCKD_OK);
	int bad = count != nwant;
	for (size_t i = 0; !bad && i < count; i++)
		bad = strcmp(names[i], want[i]) != 0;
	if (bad) {
		for (size_t i = 0; i < count; i++)
			printf("# got table \"%s\"\n", names[i]);
		for (size_t i = 0; i < nwant; i++)
			printf("# want table \"%s\"\n", want[i]);
		flockd_names_free(names, count);
		fail_msg("flockd_tables listed %zu tables, expected %zu (above)",
			 count, nwant);
	}
	flockd_names_free(names, count);
}

/* Go: TestTables, plus the spec's naming of tables nested in tables and
 * symlinks not followed. */
static void test_list_tables(void **state)
{
	struct st_fixture *fx = *state;
	const char *root_only[] = {""};
	assert_tables(fx->db, root_only, 1);

	const char *dirs[] = {"foo", "bar", "hi", "foo/sub", "foo/ex", "foo/ex/more",
			      "bar/yo"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		flockd_table *t = NULL;
		assert_int_equal(flockd_table_open(fx->db, dirs[i], FLOCKD_TABLE_CREATE, &t),
				 FLOCKD_OK);
		flockd_table_close(t);
	}
	const char *want[] = {"", "bar", "bar/yo", "foo", "foo/ex", "foo/ex/more",
			      "foo/sub", "hi"};
	const size_t nwant = sizeof(want) / sizeof(want[0]);
	assert_tables(fx->db, want, nwant);

	/* Directories that are not tables change nothing. */
	const char *plain[] = {"none", "nonesuch", "none/empty",
			       "nope", "nope/nothing", "nope/nothing/to",
			       "nope/nothing/to/see", "nope/nothing/to/see/here"};
	char path[PATH_MAX];
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		assert_int_equal(mkdir(st_join(path, fx->dbpath, plain[i]), 0755), 0);
	assert_tables(fx->db, want, nwant);

	/* Nor do files, even ones named like tables or keys. */
	const char *files[] = {"none/hi", "foo/hi", "foo/hi.kv", "foo/ex/more.kv",
			       "file.tbl", "foo.tbl/x.kv"};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		assert_int_equal(testutil_write_file(st_join(path, fx->dbpath, files[i]),
						     "hi", 2), 0);
	assert_tables(fx->db, want, nwant);

	/* A symlink named like a table is not followed nor listed. */
	char outside[PATH_MAX];
	st_join(outside, fx->scratch, "outside");
	assert_int_equal(mkdir(outside, 0755), 0);
	assert_int_equal(mkdir(st_join(path, outside, "inner.tbl"), 0755), 0);
	assert_int_equal(symlink(outside, st_join(path, fx->dbpath, "link.tbl")), 0);
	assert_int_equal(symlink(outside, st_join(path, fx->dbpath, "linkdir")), 0);
	assert_tables(fx->db, want, nwant);

	/* A .tbl directory inside a table: "x.tbl/y.tbl" is table "x.tbl/y";
	 * a .tbl below a plain directory below the root too. */
	assert_int_equal(mkdir(st_join(path, fx->dbpath, "hi.tbl/deep.tbl"), 0755), 0);
	assert_int_equal(mkdir(st_join(path, fx->dbpath, "none/empty/z.tbl"), 0755), 0);
	const char *want2[] = {"", "bar", "bar/yo", "foo", "foo/ex", "foo/ex/more",
			       "foo/sub", "hi", "hi.tbl/deep", "none/empty/z"};
	assert_tables(fx->db, want2, sizeof(want2) / sizeof(want2[0]));

	/* Every listed name opens. */
	flockd_table *t = NULL;
	assert_int_equal(flockd_table_open(fx->db, "hi.tbl/deep", 0, &t), FLOCKD_OK);
	flockd_table_close(t);
	flockd_names_free(NULL, 0);
}

/* ------------------------------------------------------------- for-each */

struct collect {
	char keys[16][32];
	char vals[16][64];
	int n;
};

static int collect_fn(const char *key, const void *value, size_t len, void *ctx)
{
	struct collect *c = ctx;
	if (c->n >= 16 || strlen(key) >= 32 || len >= 64)
		return 99;
	snprintf(c->keys[c->n], 32, "%s", key);
	memcpy(c->vals[c->n], value, len);
	c->vals[c->n][len] = '\0';
	c->n++;
	return 0;
}

static const char *collected(const struct collect *c, const char *key)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->keys[i], key))
			return c->vals[i];
	return NULL;
}

/* Go: TestForEach. */
static void test_foreach_tables(void **state)
{
	struct st_fixture *fx = *state;
	const char *names[] = {"", "foo", "hi", "foo/ex"};
	const char *keys[] = {"a", "bee", "see"};
	flockd_table *tables[4];
	char path[PATH_MAX];
	for (int i = 0; i < 4; i++) {
		assert_int_equal(flockd_table_open(fx->db, names[i], FLOCKD_TABLE_CREATE,
						   &tables[i]), FLOCKD_OK);
		for (int k = 0; k < 3; k++) {
			char data[64];
			snprintf(data, sizeof(data), "%s:%s", names[i], keys[k]);
			assert_int_equal(flockd_set(tables[i], keys[k], data, strlen(data)),
					 FLOCKD_OK);
		}
		/* Files that are not keys are ignored. */
		const char *junk[] = {"ignore", "irrelevant.png", "nope.txt",
				      "a.kv123456", "a.kvQw3rTy", ".a.kv.Ab12Cd",
				      ".syncthing.a.kv.tmp"};
		for (size_t j = 0; j < sizeof(junk) / sizeof(junk[0]); j++)
			assert_int_equal(testutil_write_file(
				st_join(path, flockd_table_path(tables[i]), junk[j]), "hi", 2), 0);
		/* A directory named like a key is not a key. */
		assert_int_equal(mkdir(st_join(path, flockd_table_path(tables[i]), "dir.kv"),
				       0755), 0);
	}
	for (int i = 0; i < 4; i++) {
		struct collect c = {.n = 0};
		assert_int_equal(flockd_foreach(tables[i], collect_fn, &c), FLOCKD_OK);
		assert_int_equal(c.n, 3);
		for (int k = 0; k < 3; k++) {
			char data[64];
			snprintf(data, sizeof(data), "%s:%s", names[i], keys[k]);
			const char *got = collected(&c, keys[k]);
			if (got == NULL || strcmp(got, data) != 0)
				fail_msg("table \"%s\" key %s: got %s, want %s", names[i],
					 keys[k], got ? got : "(none)", data);
		}
		flockd_table_close(tables[i]);
	}

	/* An empty table calls nothing. */
	flockd_table *empty = NULL;
	assert_int_equal(flockd_table_open(fx->db, "empty", FLOCKD_TABLE_CREATE, &empty),
			 FLOCKD_OK);
	struct collect c = {.n = 0};
	assert_int_equal(flockd_foreach(empty, collect_fn, &c), FLOCKD_OK);
	assert_int_equal(c.n, 0);
	flockd_table_close(empty);
}

struct count_ctx {
	int n;
	int bad;
	unsigned char *seen;
	int nkeys;
};

static int count_fn(const char *key, const void *value, size_t len, void *ctx)
{
	struct count_ctx *c = ctx;
	int idx = -1;
	char want[64];
	if (sscanf(key, "record-%d", &idx) != 1 || idx < 0 || idx >= c->nkeys) {
		c->bad++;
		return 0;
	}
	snprintf(want, sizeof(want), "value of %d", idx);
	if (!st_same(value, len, want, strlen(want)))
		c->bad++;
	c->seen[idx]++;
	c->n++;
	return 0;
}

/* Go: TestBigForEach: more keys than one directory read returns. */
static void test_foreach_big(void **state)
{
	struct st_fixture *fx = *state;
	const int nkeys = 1024 + 10;
	for (int i = 0; i < nkeys; i++) {
		char key[32], val[64], path[PATH_MAX];
		snprintf(key, sizeof(key), "record-%d", i);
		snprintf(val, sizeof(val), "value of %d", i);
		if (i % 100 == 0) {
			assert_int_equal(flockd_set(fx->root, key, val, strlen(val)),
					 FLOCKD_OK);
			continue;
		}
		/* Most written directly: a thousand fsyncs would make the test
		 * slow on a busy disk, and the walk is what is tested here. */
		strcat(key, ".kv");
		assert_int_equal(testutil_write_file(st_join(path, fx->dbpath, key),
						     val, strlen(val)), 0);
	}
	struct count_ctx c = {.seen = calloc((size_t)nkeys, 1), .nkeys = nkeys};
	assert_non_null(c.seen);
	assert_int_equal(flockd_foreach(fx->root, count_fn, &c), FLOCKD_OK);
	assert_int_equal(c.n, nkeys);
	assert_int_equal(c.bad, 0);
	for (int i = 0; i < nkeys; i++)
		if (c.seen[i] != 1)
			fail_msg("record-%d seen %d times", i, c.seen[i]);
	free(c.seen);
}

static int stop_fn(const char *key, const void *value, size_t len, void *ctx)
{
	(void)key; (void)value; (void)len;
	int *calls = ctx;
	return ++*calls == 3 ? 42 : 0;
}

static int negative_fn(const char *key, const void *value, size_t len, void *ctx)
{
	(void)key; (void)value; (void)len; (void)ctx;
	return -7;
}

/* The callback's non-zero result stops the walk and comes back as is. */
static void test_foreach_stops(void **state)
{
	struct st_fixture *fx = *state;
	for (int i = 0; i < 10; i++) {
		char key[16];
		snprintf(key, sizeof(key), "k%d", i);
		assert_int_equal(flockd_set(fx->root, key, "v", 1), FLOCKD_OK);
	}
	int calls = 0;
	assert_int_equal(flockd_foreach(fx->root, stop_fn, &calls), 42);
	assert_int_equal(calls, 3);
	assert_int_equal(flockd_foreach(fx->root, negative_fn, NULL), -7);
	/* No lock is left behind by the stopped walk. */
	char path[PATH_MAX];
	for (int i = 0; i < 10; i++) {
		char name[16];
		snprintf(name, sizeof(name), "k%d.kv", i);
		assert_int_equal(st_outside_trylock(st_join(path, fx->dbpath, name),
						    LOCK_EX), 0);
	}
}

/* The callback may change the table it walks (delete keys it sees). */
static int delete_fn(const char *key, const void *value, size_t len, void *ctx)
{
	(void)value; (void)len;
	return flockd_delete(ctx, key) == FLOCKD_OK ? 0 : 5;
}

static void test_foreach_callback_deletes(void **state)
{
	struct st_fixture *fx = *state;
	for (int i = 0; i < 50; i++) {
		char key[16];
		snprintf(key, sizeof(key), "k%d", i);
		assert_int_equal(flockd_set(fx->root, key, "v", 1), FLOCKD_OK);
	}
	assert_int_equal(flockd_foreach(fx->root, delete_fn, fx->root), FLOCKD_OK);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_table_cycle, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_root_table, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_multiple_tables, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_table_name_errors, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_table_not_a_directory, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_table_symlink_refused, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_list_tables, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_foreach_tables, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_foreach_big, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_foreach_stops, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_foreach_callback_deletes, st_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store tables", tests, NULL, NULL);
}
