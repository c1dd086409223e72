/* SPDX-License-Identifier: MIT */
/*
 * test_tables_scan.c - the list of tables read in the background: the
 * names (root first, nested ones) once it ends, a database that cannot be
 * opened as an error, and a scan abandoned before or after it ended
 * (nothing leaks, nothing is touched after: ASan and valgrind watch).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "flockd.h"
#include "browser/tables_scan.h"
#include "lib/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Collect `s`, waiting (bounded) for its end. */
static int wait_collect(struct tables_scan *s, char ***names, size_t *count)
{
	int err = -1;
	struct timespec nap = {0, 1000000};
	for (int i = 0; i < 10000; i++) {
		if (tables_scan_collect(s, &err, names, count))
			return err;
		nanosleep(&nap, NULL);
	}
	fail_msg("the scan did not end in 10 s");
	return -1;
}

static void test_names(void **state)
{
	(void)state;
	char *db = testutil_mkdtemp(), path[600];
	const char *dirs[] = {"users.tbl", "a.tbl", "a.tbl/b.tbl"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", db, dirs[i]);
		assert_int_equal(mkdir(path, 0755), 0);
	}
	struct tables_scan *s;
	assert_int_equal(tables_scan_start(db, &s), 0);
	char **names = NULL;
	size_t count = 0;
	assert_int_equal(wait_collect(s, &names, &count), 0);
	assert_int_equal(count, 4);
	assert_string_equal(names[0], "");
	assert_string_equal(names[1], "a");
	assert_string_equal(names[2], "a.tbl/b");
	assert_string_equal(names[3], "users");
	flockd_names_free(names, count);
	testutil_rm_rf(db);
	free(db);
}

static void test_missing_database(void **state)
{
	(void)state;
	struct tables_scan *s;
	assert_int_equal(tables_scan_start("/nonexistent/flockd-db", &s), 0);
	char **names = (char **)1;
	size_t count = 7;
	int err = wait_collect(s, &names, &count);
	assert_int_not_equal(err, 0);
	assert_null(names);
	assert_int_equal(count, 0);
}

static void test_abandoned(void **state)
{
	(void)state;
	char *db = testutil_mkdtemp(), path[600];
	snprintf(path, sizeof path, "%s/t.tbl", db);
	assert_int_equal(mkdir(path, 0755), 0);
	/* at once (most likely still running), and after its end */
	struct tables_scan *s;
	assert_int_equal(tables_scan_start(db, &s), 0);
	tables_scan_abandon(s);
	assert_int_equal(tables_scan_start(db, &s), 0);
	struct timespec nap = {0, 50000000};
	nanosleep(&nap, NULL);
	tables_scan_abandon(s);
	tables_scan_abandon(NULL);
	nanosleep(&nap, NULL); /* the first one's thread ends and frees */
	testutil_rm_rf(db);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_missing_database),
		cmocka_unit_test(test_abandoned),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
