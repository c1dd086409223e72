/* SPDX-License-Identifier: MIT */
/*
 * test_db_where.c - the browser notices its database directory being
 * moved away, replaced by another at its path, deleted (and recreated),
 * and back where it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "browser/db_where.h"
#include "lib/testutil.h"

static void test_moves(void **state)
{
	(void)state;
	char *tmp = testutil_mkdtemp();
	char db[600], old[600];
	snprintf(db, sizeof db, "%s/db", tmp);
	snprintf(old, sizeof old, "%s/db.old", tmp);
	assert_int_equal(mkdir(db, 0755), 0);
	struct db_where w;
	assert_int_equal(db_where_init(&w, db), 0);
	assert_int_equal(db_where_check(&w, db), DB_HERE);
	/* renamed away: nothing at the path */
	assert_int_equal(rename(db, old), 0);
	assert_int_equal(db_where_check(&w, db), DB_GONE);
	/* another directory takes the name */
	assert_int_equal(mkdir(db, 0755), 0);
	assert_int_equal(db_where_check(&w, db), DB_REPLACED);
	assert_string_equal(db_where_says(DB_REPLACED), "replaced");
	/* the original back at its place */
	assert_int_equal(rmdir(db), 0);
	assert_int_equal(rename(old, db), 0);
	assert_int_equal(db_where_check(&w, db), DB_HERE);
	/* deleted, then made again: another directory, and ours is gone */
	assert_int_equal(rmdir(db), 0);
	assert_int_equal(db_where_check(&w, db), DB_DELETED);
	assert_int_equal(mkdir(db, 0755), 0);
	assert_int_equal(db_where_check(&w, db), DB_DELETED);
	db_where_done(&w);
	/* a path that is not a directory cannot be held */
	assert_int_not_equal(db_where_init(&w, old), 0);
	assert_int_equal(db_where_check(&w, db), DB_HERE);
	testutil_rm_rf(tmp);
	free(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
