/* SPDX-License-Identifier: MIT */
/*
 * test_owner.c - a write that replaces a key keeps its mode, owner and
 * group (set, create over a placeholder, update, put_from_fd, view save);
 * where the process may not keep them it still writes and says so through
 * flockd_table_warnings(); new keys get 0600 or the mode asked for.
 */
#include "store_test.h"

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode & 07777;
}

static void test_replace_keeps_mode(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "svc.kv");
	assert_int_equal(flockd_set(fx->root, "svc", "v1", 2), FLOCKD_OK);
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(chmod(path, 0644), 0);

	assert_int_equal(flockd_set(fx->root, "svc", "v2", 2), FLOCKD_OK);
	assert_int_equal(mode_of(path), 0644);
	assert_int_equal(flockd_table_warnings(fx->root), 0);
	assert_int_equal(flockd_update(fx->root, "svc", "v3", 2), FLOCKD_OK);
	assert_int_equal(mode_of(path), 0644);
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_int_equal(flockd_put_from_fd(fx->root, "svc", fd, FLOCKD_PUT_SET,
					    NULL), FLOCKD_OK);
	close(fd);
	assert_int_equal(mode_of(path), 0644);
	assert_int_equal(chmod(path, 0640), 0);

	flockd_view *v;
	assert_int_equal(flockd_view_open(fx->root, "svc", &v), FLOCKD_OK);
	assert_int_equal(flockd_view_save(v, "v4", 2, 0), FLOCKD_OK);
	flockd_view_close(v);
	assert_int_equal(mode_of(path), 0640);
	st_assert_file(path, "v4", 2);
}

/* An empty value must never look like a placeholder (mode 0000). */
static void test_empty_value_over_mode_0000(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "locked-down.kv");
	assert_int_equal(flockd_set(fx->root, "locked-down", "v", 1), FLOCKD_OK);
	assert_int_equal(chmod(path, 0), 0);
	if (geteuid() != 0) {
		printf("# not root: a mode-0000 key cannot be locked\n");
		return;
	}
	assert_int_equal(flockd_set(fx->root, "locked-down", "", 0), FLOCKD_OK);
	assert_true(flockd_table_warnings(fx->root) & FLOCKD_WARN_MODE);
	assert_int_not_equal(mode_of(path), 0);
	void *val;
	size_t len;
	assert_int_equal(flockd_get(fx->root, "locked-down", &val, &len),
			 FLOCKD_OK);
	assert_int_equal(len, 0);
	free(val);
	/* a non-empty value takes the mode as it is */
	assert_int_equal(flockd_set(fx->root, "locked-down", "yy", 2), FLOCKD_OK);
	assert_int_equal(chmod(path, 0), 0);
	assert_int_equal(flockd_set(fx->root, "locked-down", "x", 1), FLOCKD_OK);
	assert_int_equal(mode_of(path), 0);
	assert_int_equal(flockd_table_warnings(fx->root), 0);
}

/* Root editing a service's key leaves it owned by the service. */
static void test_root_keeps_owner(void **state)
{
	struct st_fixture *fx = *state;
	if (geteuid() != 0) {
		printf("# not root: owner changes cannot be tested\n");
		return;
	}
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "svc.kv");
	assert_int_equal(flockd_set(fx->root, "svc", "v1", 2), FLOCKD_OK);
	assert_int_equal(chown(path, ST_NOBODY, ST_NOBODY), 0);
	assert_int_equal(chmod(path, 02640), 0);
	assert_int_equal(flockd_set(fx->root, "svc", "v2", 2), FLOCKD_OK);
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(st.st_uid, ST_NOBODY);
	assert_int_equal(st.st_gid, ST_NOBODY);
	assert_int_equal(st.st_mode & 07777, 02640); /* set-gid survives */
	assert_int_equal(flockd_table_warnings(fx->root), 0);
	st_assert_file(path, "v2", 2);
}

/* Not root, a foreign key in a shared directory: the value is saved, the
 * mode kept, and the lost owner reported. */
static int foreign_owner_body(void *arg)
{
	struct st_fixture *fx = arg;
	int failures = 0;
	if (st_drop_privileges() != 0)
		return ST_CHILD_SKIP;
	flockd_db *db;
	flockd_table *t;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "shared.kv");
	if (flockd_open(fx->dbpath, ST_TIMEOUT_MS, 0, &db) != FLOCKD_OK ||
	    flockd_table_open(db, "", 0, &t) != FLOCKD_OK)
		return 1;
	int err = flockd_set(t, "shared", "mine", 4);
	ST_CHILD_CHECK(failures, err == FLOCKD_OK, "set: %s",
		       flockd_strerror(err));
	ST_CHILD_CHECK(failures, flockd_table_warnings(t) == FLOCKD_WARN_OWNER,
		       "warnings %#x", flockd_table_warnings(t));
	struct stat st;
	ST_CHILD_CHECK(failures, lstat(path, &st) == 0 &&
				 (st.st_mode & 07777) == 0666 &&
				 st.st_uid == geteuid(),
		       "mode %o uid %d", st.st_mode & 07777, (int)st.st_uid);
	/* the next write has nothing to report: the key is ours now */
	err = flockd_set(t, "shared", "again", 5);
	ST_CHILD_CHECK(failures, err == FLOCKD_OK &&
				 flockd_table_warnings(t) == 0,
		       "second set: %s, warnings %#x", flockd_strerror(err),
		       flockd_table_warnings(t));
	flockd_table_close(t);
	flockd_close(db);
	return failures;
}

static void test_foreign_owner_reported(void **state)
{
	struct st_fixture *fx = *state;
	if (geteuid() != 0) {
		printf("# not root: no foreign owner can be set up\n");
		return;
	}
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "shared.kv");
	assert_int_equal(chmod(fx->scratch, 0755), 0);
	assert_int_equal(chmod(fx->dbpath, 0777), 0);
	assert_int_equal(flockd_set(fx->root, "shared", "root's", 6), FLOCKD_OK);
	assert_int_equal(chmod(path, 0666), 0);
	st_in_child("foreign owner", foreign_owner_body, fx);
	st_assert_file(path, "again", 5);
}

static void test_new_key_mode(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	mode_t old_umask = umask(077);
	struct flockd_options o = {0};
	o.timeout_ms = ST_TIMEOUT_MS;
	o.new_key_mode = 0640;
	flockd_db *db;
	flockd_table *t;
	assert_int_equal(flockd_open_ex(fx->dbpath, &o, &db), FLOCKD_OK);
	assert_int_equal(flockd_table_open(db, "", 0, &t), FLOCKD_OK);
	assert_int_equal(flockd_set(t, "shared", "v", 1), FLOCKD_OK);
	assert_int_equal(mode_of(st_join(path, fx->dbpath, "shared.kv")), 0640);
	/* a replaced key keeps its own mode, not the new-key mode */
	assert_int_equal(flockd_set(fx->root, "private", "v", 1), FLOCKD_OK);
	assert_int_equal(flockd_set(t, "private", "w", 1), FLOCKD_OK);
	assert_int_equal(mode_of(st_join(path, fx->dbpath, "private.kv")), 0600);
	flockd_table_close(t);
	flockd_close(db);
	umask(old_umask);

	/* modes that cannot be a value's */
	unsigned bad[] = {01000, 010644, 0170000};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		o.new_key_mode = bad[i];
		assert_int_equal(flockd_open_ex(fx->dbpath, &o, &db), EINVAL);
	}
	o.new_key_mode = 0;
	o.timeout_ms = 0;
	assert_int_equal(flockd_open_ex(fx->dbpath, &o, &db), EINVAL);
	assert_int_equal(flockd_open_ex(fx->dbpath, NULL, &db), EINVAL);
}

int main(void)
{
	umask(022);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_replace_keeps_mode, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_empty_value_over_mode_0000,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_root_keeps_owner, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_foreign_owner_reported,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_new_key_mode, st_setup,
						st_teardown),
	};
	return cmocka_run_group_tests_name("store mode and owner", tests, NULL,
					   NULL);
}
