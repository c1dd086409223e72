/*
 * test_names.c - key and table names: the characters the Go original
 * accepts, the names it refuses, a key path that is a directory, the
 * classification of directory entries other tools leave behind (spec
 * section 7), Syncthing conflict copies, and flockd_strerror.
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

/* ------------------------------------------------------ classification */

struct classify_case {
	const char *name;
	enum flockd_entry_kind kind;
	const char *key; /* NULL: does not belong to a key */
};

static const char *kind_name(enum flockd_entry_kind k)
{
	switch (k) {
	case FLOCKD_ENTRY_OTHER: return "OTHER";
	case FLOCKD_ENTRY_KEY: return "KEY";
	case FLOCKD_ENTRY_TABLE: return "TABLE";
	case FLOCKD_ENTRY_TEMP: return "TEMP";
	case FLOCKD_ENTRY_RSYNC_TEMP: return "RSYNC_TEMP";
	case FLOCKD_ENTRY_RSYNC_DIR: return "RSYNC_DIR";
	case FLOCKD_ENTRY_SYNCTHING_TEMP: return "SYNCTHING_TEMP";
	case FLOCKD_ENTRY_UNISON_TEMP: return "UNISON_TEMP";
	}
	return "?";
}

static void test_classify(void **state)
{
	(void)state;
	static const struct classify_case cases[] = {
		{"foo.kv", FLOCKD_ENTRY_KEY, "foo"},
		{"foo bar.kv", FLOCKD_ENTRY_KEY, "foo bar"},
		{"a.b.kv", FLOCKD_ENTRY_KEY, "a.b"},
		{"x.kv.kv", FLOCKD_ENTRY_KEY, "x.kv"},
		{".hidden.kv", FLOCKD_ENTRY_KEY, ".hidden"},
		{"\xf0\x9f\x8e\x89.kv", FLOCKD_ENTRY_KEY, "\xf0\x9f\x8e\x89"},
		{"K.sync-conflict-20240102-030405-ABCDEFG.kv", FLOCKD_ENTRY_KEY,
		 "K.sync-conflict-20240102-030405-ABCDEFG"},
		{"foo.kvA8x2Qd", FLOCKD_ENTRY_TEMP, "foo"},   /* ours */
		{"foo.kv123456", FLOCKD_ENTRY_TEMP, "foo"},   /* Go's */
		{"a.b.kvZ9", FLOCKD_ENTRY_TEMP, "a.b"},
		{".foo.kv.a1B2c3", FLOCKD_ENTRY_RSYNC_TEMP, "foo"},
		{".a.b.kv.XyZ123", FLOCKD_ENTRY_RSYNC_TEMP, "a.b"},
		{".~tmp~", FLOCKD_ENTRY_RSYNC_DIR, NULL},
		{".syncthing.foo.kv.tmp", FLOCKD_ENTRY_SYNCTHING_TEMP, "foo"},
		{".syncthing.a b.kv.tmp", FLOCKD_ENTRY_SYNCTHING_TEMP, "a b"},
		{".unison.foo.kv.123abc.unison.tmp", FLOCKD_ENTRY_UNISON_TEMP, "foo"},
		{"realm.tbl", FLOCKD_ENTRY_TABLE, NULL},
		{"this and that.tbl", FLOCKD_ENTRY_TABLE, NULL},
		{"foo.txt", FLOCKD_ENTRY_OTHER, NULL},
		{"foo", FLOCKD_ENTRY_OTHER, NULL},
		{"irrelevant.png", FLOCKD_ENTRY_OTHER, NULL},
		{"foo.kv.bak", FLOCKD_ENTRY_OTHER, NULL},
		{"foo.kv~", FLOCKD_ENTRY_OTHER, NULL},
		{"foo.KV", FLOCKD_ENTRY_OTHER, NULL},
		{"kv", FLOCKD_ENTRY_OTHER, NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct classify_case *c = &cases[i];
		size_t off = 999, klen = 999;
		enum flockd_entry_kind k =
			flockd_classify(c->name, strlen(c->name), &off, &klen);
		if (k != c->kind)
			fail_msg("\"%s\": kind %s, expected %s", c->name,
				 kind_name(k), kind_name(c->kind));
		if (c->key == NULL) {
			if (off != 0 || klen != 0)
				fail_msg("\"%s\": key %zu+%zu, expected none",
					 c->name, off, klen);
			continue;
		}
		if (klen != strlen(c->key) || off + klen > strlen(c->name) ||
		    memcmp(c->name + off, c->key, klen) != 0)
			fail_msg("\"%s\": key at %zu+%zu, expected \"%s\"",
				 c->name, off, klen, c->key);
		/* NULL out-arguments are allowed. */
		assert_int_equal(flockd_classify(c->name, strlen(c->name), NULL, NULL),
				 c->kind);
	}
}

static void test_conflict_of(void **state)
{
	(void)state;
	const char *copy = "K.sync-conflict-20240102-030405-ABCDEFG";
	assert_int_equal(flockd_conflict_of(copy, strlen(copy)), 1);
	copy = "my key.sync-conflict-20231231-235959-XYZ1234";
	assert_int_equal(flockd_conflict_of(copy, strlen(copy)), 6);
	copy = "a.b.sync-conflict-20200101-000000-DEVICE7";
	assert_int_equal(flockd_conflict_of(copy, strlen(copy)), 3);

	const char *not_copies[] = {
		"foo", "sync-conflict", "foo.sync-conflict",
		"foo.sync-conflict-2024", "foo.sync-conflict-abcdefgh-123456-DEV",
		"foo-sync-conflict-20240102-030405-ABCDEFG",
		"foo.sync-conflict-20240102+030405-ABCDEFG",
	};
	for (size_t i = 0; i < sizeof(not_copies) / sizeof(not_copies[0]); i++)
		if (flockd_conflict_of(not_copies[i], strlen(not_copies[i])) != 0)
			fail_msg("\"%s\" taken for a conflict copy", not_copies[i]);
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
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_conflict_of),
		cmocka_unit_test(test_strerror),
	};
	return cmocka_run_group_tests_name("store names", tests, NULL, NULL);
}
