/* SPDX-License-Identifier: MIT */
/*
 * test_names.c - key and table names: the characters the Go original
 * accepts, the names it refuses, a key path that is a directory, and
 * flockd_strerror. What a directory entry is: test_classify.c.
 */
#include "store_test.h"

static void assert_get(flockd_table *t, const char *key, const char *want)
{
	void *val = NULL;
	size_t len = 0;
	assert_int_equal(flockd_get(t, key, &val, &len), FLOCKD_OK);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(val, want, len);
	free(val);
}

/* Go: TestKeys. */
static void test_unusual_keys(void **state)
{
	struct st_fixture *fx = *state;
	const char *keys[] = {
		"foo", "foo bar", "foo?bar", "foo!bar",
		"\xf0\x9f\xa4\x98\xf0\x9f\x8e\x89\xf0\x9f\x92\xa9", /* 🤘🎉💩 */
		"a.b", "x.kv", ".hidden", "tab\there", "*", "-dash", "..",
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *key = keys[i];
		char name[NAME_MAX + 1], path[PATH_MAX], val[300];
		snprintf(name, sizeof(name), "%s.kv", key);
		st_join(path, fx->dbpath, name);
		assert_int_equal(flockd_key_valid(key), FLOCKD_OK);

		snprintf(val, sizeof(val), "Create:%s", key);
		assert_int_equal(flockd_create(fx->root, key, val, strlen(val)), FLOCKD_OK);
		st_assert_file(path, val, strlen(val));
		assert_get(fx->root, key, val);

		snprintf(val, sizeof(val), "Set:%s", key);
		assert_int_equal(flockd_set(fx->root, key, val, strlen(val)), FLOCKD_OK);
		assert_get(fx->root, key, val);

		snprintf(val, sizeof(val), "Update:%s", key);
		assert_int_equal(flockd_update(fx->root, key, val, strlen(val)), FLOCKD_OK);
		assert_get(fx->root, key, val);
		st_assert_file(path, val, strlen(val));
		ST_ASSERT_ONLY(fx->dbpath, name);

		assert_int_equal(flockd_delete(fx->root, key), FLOCKD_OK);
		st_assert_missing(path);
	}
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

/* Go: TestKeyPathErrors, widened to every key function. */
static void check_invalid_key(struct st_fixture *fx, const char *key)
{
	flockd_table *t = fx->root;
	void *val = NULL;
	size_t len = 0;
	uint64_t copied = 0;
	struct flockd_stat st;
	flockd_view *view = NULL;

	assert_int_equal(flockd_key_valid(key), FLOCKD_EINVALID);
	assert_int_equal(flockd_get(t, key, &val, &len), FLOCKD_EINVALID);
	assert_null(val);
	assert_int_equal(flockd_set(t, key, "v", 1), FLOCKD_EINVALID);
	assert_int_equal(flockd_create(t, key, "v", 1), FLOCKD_EINVALID);
	assert_int_equal(flockd_update(t, key, "v", 1), FLOCKD_EINVALID);
	assert_int_equal(flockd_delete(t, key), FLOCKD_EINVALID);
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(flockd_get_to_fd(t, key, fd, &copied), FLOCKD_EINVALID);
	assert_int_equal(flockd_put_from_fd(t, key, fd, FLOCKD_PUT_SET, &copied),
			 FLOCKD_EINVALID);
	close(fd);
	assert_int_equal(flockd_key_stat(t, key, &st), FLOCKD_EINVALID);
	assert_int_equal(flockd_view_open(t, key, &view), FLOCKD_EINVALID);
	assert_null(view);
}

static void test_invalid_keys(void **state)
{
	struct st_fixture *fx = *state;
	char longkey[NAME_MAX + 2];
	memset(longkey, 'k', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';

	check_invalid_key(fx, "foo/bar");
	check_invalid_key(fx, "/");
	check_invalid_key(fx, "/etc/passwd");
	check_invalid_key(fx, "../escape");
	check_invalid_key(fx, "");
	check_invalid_key(fx, longkey);          /* NAME_MAX + 1 */
	longkey[NAME_MAX - 2] = '\0';            /* KEY.kv would be one byte */
	check_invalid_key(fx, longkey);          /* longer than NAME_MAX */

	/* Nothing touched the disk: no "foo" directory, no file. */
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
	char outside[PATH_MAX];
	st_assert_missing(st_join(outside, fx->scratch, "escape.kv"));

	/* A long key that does fit still works. */
	longkey[200] = '\0';
	assert_int_equal(flockd_key_valid(longkey), FLOCKD_OK);
	assert_int_equal(flockd_set(fx->root, longkey, "long", 4), FLOCKD_OK);
	assert_get(fx->root, longkey, "long");
	assert_int_equal(flockd_delete(fx->root, longkey), FLOCKD_OK);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

/* Go: TestDirKeyErrors. A key path that is a directory is not a value,
 * and nothing may remove or replace the directory. */
static void test_directory_key(void **state)
{
	struct st_fixture *fx = *state;
	char dir[PATH_MAX], inner[PATH_MAX];
	st_join(dir, fx->dbpath, "aDirectory.kv");
	assert_int_equal(mkdir(dir, 0755), 0);
	st_join(inner, dir, "inside");
	assert_int_equal(testutil_write_file(inner, "keep", 4), 0);

	void *val = NULL;
	size_t len = 0;
	assert_int_equal(flockd_get(fx->root, "aDirectory", &val, &len), FLOCKD_ENOTREG);
	assert_null(val);
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	assert_int_equal(flockd_get_to_fd(fx->root, "aDirectory", fd, NULL), FLOCKD_ENOTREG);
	close(fd);
	flockd_view *view = NULL;
	assert_int_equal(flockd_view_open(fx->root, "aDirectory", &view), FLOCKD_ENOTREG);
	assert_null(view);

	assert_int_equal(flockd_delete(fx->root, "aDirectory"), FLOCKD_EINVALID);
	assert_int_not_equal(flockd_set(fx->root, "aDirectory", "v", 1), FLOCKD_OK);
	assert_int_not_equal(flockd_create(fx->root, "aDirectory", "v", 1), FLOCKD_OK);
	assert_int_not_equal(flockd_update(fx->root, "aDirectory", "v", 1), FLOCKD_OK);

	struct stat st;
	assert_int_equal(lstat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	st_assert_file(inner, "keep", 4);
	ST_ASSERT_ONLY(fx->dbpath, "aDirectory.kv");
}

static void test_table_name_valid(void **state)
{
	(void)state;
	const char *good[] = {"", "a", "a/b", "a/b/c", "this and that", "x.tbl/y",
			      "\xf0\x9f\x8e\x89", "a.b", "..a", "a.."};
	const char *bad[] = {"/", "/a", "a/", "a//b", ".", "..", "a/./b", "a/../b",
			     "../a", "./a", "a/.", "a/.."};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (flockd_table_name_valid(good[i]) != FLOCKD_OK)
			fail_msg("table name \"%s\" refused", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (flockd_table_name_valid(bad[i]) != FLOCKD_EINVALID)
			fail_msg("table name \"%s\" accepted", bad[i]);
	char longname[NAME_MAX + 8];
	memset(longname, 't', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(flockd_table_name_valid(longname), FLOCKD_EINVALID);
}

/* --------------------------------------------------------------- errors */

static void test_strerror(void **state)
{
	(void)state;
	const int codes[] = {FLOCKD_ENOTFOUND, FLOCKD_EEXIST, FLOCKD_EINVALID,
			     FLOCKD_ETIMEOUT, FLOCKD_ECONFLICT, FLOCKD_ENOTREG,
			     FLOCKD_EREADONLY};
	const size_t n = sizeof(codes) / sizeof(codes[0]);
	const char *unknown = flockd_strerror(-1);
	assert_non_null(unknown);
	assert_non_null(flockd_strerror(FLOCKD_OK));
	assert_true(strlen(flockd_strerror(FLOCKD_OK)) > 0);
	for (size_t i = 0; i < n; i++) {
		const char *s = flockd_strerror(codes[i]);
		assert_non_null(s);
		assert_true(strlen(s) > 0);
		assert_null(strchr(s, '\n'));
		assert_string_not_equal(s, unknown);
		assert_string_not_equal(s, flockd_strerror(FLOCKD_OK));
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(s, flockd_strerror(codes[j]));
	}
	/* errno values read as the C library describes them. */
	const int errnos[] = {ENOENT, EACCES, ENOSPC, EIO, EINVAL, ENOTDIR,
			      EDQUOT, EPERM, ENOMEM, EROFS};
	for (size_t i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		assert_string_equal(flockd_strerror(errnos[i]), strerror(errnos[i]));
	/* Anything else still gives a string. */
	const int odd[] = {-2, -30799, -30807, -100000, 100000, INT_MIN, INT_MAX};
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		const char *s = flockd_strerror(odd[i]);
		assert_non_null(s);
		assert_true(strlen(s) > 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unusual_keys, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_invalid_keys, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_directory_key, st_setup, st_teardown),
		cmocka_unit_test(test_table_name_valid),
		cmocka_unit_test(test_strerror),
	};
	return cmocka_run_group_tests_name("store names", tests, NULL, NULL);
}
