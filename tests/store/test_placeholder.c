/* SPDX-License-Identifier: MIT */
/*
 * test_placeholder.c - a crashed create (an unlocked, empty, mode-0000
 * placeholder) does not leave a key stuck forever: get, create, set and
 * update agree that the key does not exist; set and create wait for a live
 * create and replace an abandoned one; flockd_entry_placeholder tells them
 * apart for check. As root and as an unprivileged user, who cannot open a
 * mode-0000 file and must ask /proc/locks.
 */
#include "store_test.h"

#define STALE_S 60

static int open_db(const char *path, flockd_db **db, flockd_table **t)
{
	struct flockd_options o = {0};
	o.timeout_ms = ST_TIMEOUT_MS;
	o.stale_age_s = STALE_S;
	if (flockd_open_ex(path, &o, db) != FLOCKD_OK)
		return -1;
	return flockd_table_open(*db, "", 0, t) == FLOCKD_OK ? 0 : -1;
}

/* The checks, run as root and as nobody. The parent made "young.kv" (a
 * create in progress), "old.kv" and "old2.kv" (abandoned). */
static int placeholder_body(void *arg)
{
	const struct st_fixture *fx = arg;
	int failures = 0;
	flockd_db *db;
	flockd_table *t;
	if (open_db(fx->dbpath, &db, &t) != 0)
		return 1;
	void *v;
	size_t len;
	enum flockd_placeholder ph;
	ST_EXPECT(flockd_entry_placeholder(t, "young.kv", 0, &ph), FLOCKD_OK);
	ST_CHILD_CHECK(failures, ph == FLOCKD_PLACEHOLDER_LIVE, "young: %d", ph);
	ST_EXPECT(flockd_entry_placeholder(t, "old.kv", 0, &ph), FLOCKD_OK);
	ST_CHILD_CHECK(failures, ph == FLOCKD_PLACEHOLDER_ABANDONED, "old: %d", ph);
	/* with a longer stale age it is still a create in progress */
	ST_EXPECT(flockd_entry_placeholder(t, "old.kv", 10 * 3600, &ph), FLOCKD_OK);
	ST_CHILD_CHECK(failures, ph == FLOCKD_PLACEHOLDER_LIVE, "old, 10h: %d", ph);
	ST_EXPECT(flockd_entry_placeholder(t, "gone.kv", 0, &ph), FLOCKD_ENOTFOUND);

	/* nobody sees a key */
	ST_EXPECT(flockd_get(t, "young", &v, &len), FLOCKD_ENOTFOUND);
	ST_EXPECT(flockd_get(t, "old", &v, &len), FLOCKD_ENOTFOUND);
	ST_EXPECT(flockd_update(t, "young", "u", 1), FLOCKD_ENOTFOUND);
	ST_EXPECT(flockd_update(t, "old", "u", 1), FLOCKD_ENOTFOUND);
	ST_EXPECT(flockd_delete(t, "young"), FLOCKD_OK); /* nothing to delete */
	/* a live create is waited for, within the timeout */
	long long start = st_now_ms();
	ST_EXPECT(flockd_create(t, "young", "c", 1), FLOCKD_ETIMEOUT);
	ST_CHILD_CHECK(failures, st_now_ms() - start >= ST_TIMEOUT_MS,
		       "did not wait");
	ST_EXPECT(flockd_set(t, "young", "s", 1), FLOCKD_ETIMEOUT);
	ST_CHILD_CHECK(failures, !strcmp(flockd_table_last_step(t),
					 "wait for a create in progress"),
		       "step %s", flockd_table_last_step(t));
	/* an abandoned one is replaced */
	ST_EXPECT(flockd_create(t, "old", "created", 7), FLOCKD_OK);
	ST_CHILD_CHECK(failures, st_value_str(t, "old", "created"), "old");
	ST_EXPECT(flockd_set(t, "old2", "set", 3), FLOCKD_OK);
	ST_CHILD_CHECK(failures, st_value_str(t, "old2", "set"), "old2");
	ST_EXPECT(flockd_create(t, "old", "again", 5), FLOCKD_EEXIST);
	flockd_table_close(t);
	flockd_close(db);
	return failures;
}

static void make_three(struct st_fixture *fx)
{
	char path[PATH_MAX];
	st_make_placeholder(st_join(path, fx->dbpath, "young.kv"), 0);
	st_make_placeholder(st_join(path, fx->dbpath, "old.kv"), 2 * STALE_S);
	st_make_placeholder(st_join(path, fx->dbpath, "old2.kv"), 2 * STALE_S);
}

static void test_placeholders(void **state)
{
	struct st_fixture *fx = *state;
	make_three(fx);
	st_in_child("placeholders", placeholder_body, fx);
	ST_ASSERT_ONLY(fx->dbpath, "young.kv", "old.kv", "old2.kv");
}

static int unprivileged_body(void *arg)
{
	if (st_drop_privileges() != 0)
		return ST_CHILD_SKIP;
	return placeholder_body(arg);
}

static void test_placeholders_unprivileged(void **state)
{
	struct st_fixture *fx = *state;
	if (geteuid() != 0) {
		printf("# not root: the checks ran as this user already\n");
		return;
	}
	assert_int_equal(chmod(fx->scratch, 0755), 0);
	assert_int_equal(chmod(fx->dbpath, 0777), 0);
	make_three(fx);
	st_in_child("placeholders, unprivileged", unprivileged_body, fx);
	ST_ASSERT_ONLY(fx->dbpath, "young.kv", "old.kv", "old2.kv");
}

/* An old placeholder whose creator still holds its lock is alive. */
static void test_locked_old_placeholder_is_live(void **state)
{
	struct st_fixture *fx = *state;
	if (geteuid() != 0) {
		printf("# not root: nobody can lock a mode-0000 file\n");
		return;
	}
	char path[PATH_MAX];
	st_make_placeholder(st_join(path, fx->dbpath, "slow.kv"), 2 * STALE_S);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, path, LOCK_EX), 0);
	flockd_db *db;
	flockd_table *t;
	assert_int_equal(open_db(fx->dbpath, &db, &t), 0);
	enum flockd_placeholder ph;
	assert_int_equal(flockd_entry_placeholder(t, "slow.kv", 0, &ph),
			 FLOCKD_OK);
	assert_int_equal(ph, FLOCKD_PLACEHOLDER_LIVE);
	long long start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_set(t, "slow", "x", 1), start, ST_TIMEOUT_MS);
	st_locker_stop(&lk);
	assert_int_equal(flockd_entry_placeholder(t, "slow.kv", 0, &ph),
			 FLOCKD_OK);
	assert_int_equal(ph, FLOCKD_PLACEHOLDER_ABANDONED);
	/* not a placeholder at all */
	assert_int_equal(flockd_set(t, "value", "", 0), FLOCKD_OK);
	assert_int_equal(flockd_entry_placeholder(t, "value.kv", 0, &ph),
			 FLOCKD_OK);
	assert_int_equal(ph, FLOCKD_PLACEHOLDER_NONE);
	assert_int_equal(flockd_entry_placeholder(t, "a/b", 0, &ph),
			 FLOCKD_EINVALID);
	flockd_table_close(t);
	flockd_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_placeholders, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_placeholders_unprivileged,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_locked_old_placeholder_is_live,
						st_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store placeholders", tests, NULL,
					   NULL);
}
