/* SPDX-License-Identifier: MIT */
/*
 * test_recovery.c - recovery files: where they go (XDG_STATE_HOME, else
 * ~/.local/state), their modes, that a key's text comes back byte for byte
 * whatever its names hold, that they are found by database, table and key
 * exactly (newest first), that a damaged or foreign file is never taken,
 * and removal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "editor/recovery.h"
#include "lib/testutil.h"

static void test_dir(void **state)
{
	(void)state;
	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("HOME", "/home/u", 1);
	char *d = recovery_dir();
	assert_string_equal(d, "/x/state/flockd");
	free(d);
	setenv("XDG_STATE_HOME", "relative", 1); /* ignored: not absolute */
	d = recovery_dir();
	assert_string_equal(d, "/home/u/.local/state/flockd");
	free(d);
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	assert_null(recovery_dir());
}

static void test_roundtrip(void **state)
{
	(void)state;
	char *tmp = testutil_mkdtemp();
	char dir[600];
	snprintf(dir, sizeof dir, "%s/a/b/flockd", tmp);
	/* names with what a line-based header would choke on */
	struct recovery_id id = {"/srv/db\nkey 3:x", "t/nested:1", "k\x1b[31m\n"};
	const char text[] = "line\r\n\0binary\xff";
	char *path = NULL;
	assert_int_equal(recovery_write(dir, &id, text, sizeof text - 1, &path),
			 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);

	struct recovery_file *f;
	size_t n;
	assert_int_equal(recovery_find(dir, &id, &f, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(f[0].path, path);
	assert_int_equal(f[0].size, sizeof text - 1);
	void *bytes;
	size_t len;
	assert_int_equal(recovery_read(f[0].path, &id, &bytes, &len), 0);
	assert_int_equal(len, sizeof text - 1);
	assert_memory_equal(bytes, text, len);
	free(bytes);
	recovery_files_free(f, n);

	/* another key, table or database finds nothing; reading the file
	 * as theirs is refused */
	struct recovery_id other[] = {
		{"/srv/db\nkey 3:x", "t/nested:1", "k"},
		{"/srv/db\nkey 3:x", "t/nested", "k\x1b[31m\n"},
		{"/srv/dc\nkey 3:x", "t/nested:1", "k\x1b[31m\n"},
	};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(recovery_find(dir, &other[i], &f, &n), 0);
		assert_int_equal(n, 0);
		assert_int_equal(recovery_read(path, &other[i], &bytes, &len),
				 EINVAL);
	}
	assert_int_equal(recovery_remove(path), 0);
	assert_int_equal(recovery_remove(path), 0); /* gone is fine */
	assert_int_equal(recovery_find(dir, &id, &f, &n), 0);
	assert_int_equal(n, 0);
	free(path);
	testutil_rm_rf(tmp);
	free(tmp);
}

static void test_newest_first_and_damage(void **state)
{
	(void)state;
	char *tmp = testutil_mkdtemp();
	struct recovery_id id = {"/db", "", "k"};
	char *a = NULL, *b = NULL;
	assert_int_equal(recovery_write(tmp, &id, "old", 3, &a), 0);
	sleep(1); /* the names and headers carry seconds */
	assert_int_equal(recovery_write(tmp, &id, "newer", 5, &b), 0);
	struct recovery_file *f;
	size_t n;
	assert_int_equal(recovery_find(tmp, &id, &f, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(f[0].path, b);
	assert_string_equal(f[1].path, a);
	recovery_files_free(f, n);
	/* a file cut short is not offered as text */
	assert_int_equal(truncate(b, 20), 0);
	void *bytes;
	size_t len;
	assert_int_not_equal(recovery_read(b, &id, &bytes, &len), 0);
	/* nor one that grew */
	FILE *fp = fopen(a, "a");
	fputs("x", fp);
	fclose(fp);
	assert_int_equal(recovery_read(a, &id, &bytes, &len), EINVAL);
	/* a missing directory has no files */
	char missing[600];
	snprintf(missing, sizeof missing, "%s/none", tmp);
	assert_int_equal(recovery_find(missing, &id, &f, &n), 0);
	assert_int_equal(n, 0);
	free(a);
	free(b);
	testutil_rm_rf(tmp);
	free(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_newest_first_and_damage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
