/* SPDX-License-Identifier: MIT */
/*
 * test_viewlock.c - what a view session tells its caller: the failing step
 * of its calls on the table it came from, whether it still holds its lock
 * (a conversion that lost it is FLOCKD_ELOCKLOST, never "fine"), and the
 * bytes handed over instead of copied.
 */
#include "store_test.h"

/* A view's failure shows in flockd_table_last_step of its table, not the
 * step of some older call. */
static void test_view_failure_step(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "k.kv");
	assert_int_equal(flockd_set(fx->root, "k", "v", 1), FLOCKD_OK);
	assert_int_equal(flockd_set(fx->root, "bad/key", "v", 1),
			 FLOCKD_EINVALID);
	assert_string_equal(flockd_table_last_step(fx->root), "check name");

	flockd_view *v;
	assert_int_equal(flockd_view_open(fx->root, "k", &v), FLOCKD_OK);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, path, LOCK_SH), 0);
	long long start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_view_save(v, "w", 1, 0), start,
			    ST_TIMEOUT_MS);
	assert_string_equal(flockd_table_last_step(fx->root), "lock");
	assert_true(flockd_view_locked(v)); /* shared again, next to lk */
	assert_int_equal(flockd_view_check(v), FLOCKD_OK);
	st_locker_stop(&lk);
	/* a conflict shows its step too */
	assert_int_equal(testutil_write_file(path, "changed", 7), 0);
	assert_int_equal(flockd_view_save(v, "w", 1, 0), FLOCKD_ECONFLICT);
	assert_string_equal(flockd_table_last_step(fx->root), "verify key");
	flockd_view_close(v);
	/* and a failed open of a view */
	assert_int_equal(flockd_view_open(fx->root, "none", &v),
			 FLOCKD_ENOTFOUND);
	assert_string_equal(flockd_table_last_step(fx->root), "open key");
}

/*
 * The lock conversion is not atomic: the kernel drops the view's shared
 * lock first. Reader A holds a shared lock too, so the view's exclusive
 * lock must wait; A sees the view's lock go and converts its own: with no
 * other lock left, the kernel grants A the exclusive lock at once. The
 * view's conversion times out, and it cannot take its shared lock back
 * either. It must say so.
 */
#define LOST_TIMEOUT_MS 2000L /* generous: A must act within it */

static pid_t reader_converting(const char *path, pid_t viewer, int go[2],
			       int release[2])
{
	fflush(stdout);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid != 0)
		return pid;
	int fd = open(path, O_RDWR | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || flock(fd, LOCK_SH) != 0)
		_exit(1);
	char c;
	if (read(go[0], &c, 1) != 1)
		_exit(2);
	/* the viewer converts: its shared lock is gone while it waits */
	for (int i = 0; i < 20000 && st_pid_holds_lock(viewer, st.st_ino); i++)
		usleep(500);
	if (flock(fd, LOCK_EX) != 0)
		_exit(3);
	while (read(release[0], &c, 1) < 0 && errno == EINTR)
		;
	_exit(0);
}

static void test_lost_lock_is_reported(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "k.kv");
	assert_int_equal(flockd_set(fx->root, "k", "v", 1), FLOCKD_OK);
	flockd_db *db;
	flockd_table *t;
	assert_int_equal(flockd_open(fx->dbpath, LOST_TIMEOUT_MS, 0, &db),
			 FLOCKD_OK);
	assert_int_equal(flockd_table_open(db, "", 0, &t), FLOCKD_OK);
	flockd_view *v;
	assert_int_equal(flockd_view_open(t, "k", &v), FLOCKD_OK);
	assert_true(flockd_view_locked(v));

	int go[2], release[2];
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(release), 0);
	pid_t a = reader_converting(path, getpid(), go, release);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	for (int i = 0; i < 500 && !st_pid_holds_lock(a, st.st_ino); i++)
		usleep(10000);

	assert_int_equal(write(go[1], "x", 1), 1);
	/* one timeout for the conversion, one for taking the lock back */
	long long start = st_now_ms();
	assert_int_equal(flockd_view_save(v, "mine", 4, 0), FLOCKD_ETIMEOUT);
	long long took = st_now_ms() - start;
	assert_true(took >= 2 * LOST_TIMEOUT_MS &&
		    took < 2 * LOST_TIMEOUT_MS + ST_MARGIN_MS);
	assert_false(flockd_view_locked(v));
	assert_int_equal(flockd_view_check(v), FLOCKD_ELOCKLOST);
	assert_int_equal(flockd_view_save(v, "mine", 4, 0), FLOCKD_ELOCKLOST);
	assert_string_equal(flockd_table_last_step(t), "lock");
	st_assert_file(path, "v", 1);

	assert_int_equal(write(release[1], "x", 1), 1);
	int status;
	assert_int_equal(waitpid(a, &status, 0), a);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* the holder is gone: the view takes its lock back and verifies */
	assert_int_equal(flockd_view_check(v), FLOCKD_OK);
	assert_true(flockd_view_locked(v));
	assert_int_equal(flockd_view_save(v, "mine", 4, 0), FLOCKD_OK);
	st_assert_file(path, "mine", 4);
	flockd_view_close(v);
	flockd_table_close(t);
	flockd_close(db);
	close(go[0]);
	close(go[1]);
	close(release[0]);
	close(release[1]);
}

static void test_take_value_and_nocopy(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "k.kv");
	assert_int_equal(flockd_set(fx->root, "k", "original", 8), FLOCKD_OK);
	flockd_view *v;
	assert_int_equal(flockd_view_open(fx->root, "k", &v), FLOCKD_OK);
	void *mine;
	size_t len;
	assert_int_equal(flockd_view_take_value(v, &mine, &len), FLOCKD_OK);
	assert_true(st_same(mine, len, "original", 8));
	size_t now_len = 9;
	assert_null(flockd_view_value(v, &now_len));
	assert_int_equal(now_len, 0);
	assert_int_equal(flockd_view_take_value(v, &mine, &len), ENOENT);
	/* the view still guards the key */
	assert_true(flockd_view_locked(v));
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 1);
	assert_int_equal(flockd_view_check(v), FLOCKD_OK);

	/* saving without a copy: the caller keeps the only one */
	memcpy(mine, "edited!!", 8);
	assert_int_equal(flockd_view_save(v, mine, 8, FLOCKD_SAVE_NOCOPY),
			 FLOCKD_OK);
	assert_null(flockd_view_value(v, &now_len));
	st_assert_file(path, "edited!!", 8);
	/* a plain save keeps a copy again */
	assert_int_equal(flockd_view_save(v, mine, 3, 0), FLOCKD_OK);
	free(mine);
	const void *shown = flockd_view_value(v, &now_len);
	assert_non_null(shown);
	assert_true(st_same(shown, now_len, "edi", 3));
	/* a reload brings the bytes back */
	assert_int_equal(flockd_view_take_value(v, &mine, &len), FLOCKD_OK);
	free(mine);
	assert_int_equal(flockd_view_reload(v), FLOCKD_OK);
	assert_non_null(flockd_view_value(v, &now_len));
	assert_int_equal(now_len, 3);
	flockd_view_close(v);
}

/* The view saves with the viewed file's mode, and an empty value's
 * buffer is still a buffer. */
static void test_take_empty_value(void **state)
{
	struct st_fixture *fx = *state;
	assert_int_equal(flockd_set(fx->root, "e", "", 0), FLOCKD_OK);
	flockd_view *v;
	assert_int_equal(flockd_view_open(fx->root, "e", &v), FLOCKD_OK);
	void *mine = NULL;
	size_t len = 7;
	assert_int_equal(flockd_view_take_value(v, &mine, &len), FLOCKD_OK);
	assert_non_null(mine);
	assert_int_equal(len, 0);
	free(mine);
	flockd_view_close(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_view_failure_step, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_lost_lock_is_reported,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_take_value_and_nocopy,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_take_empty_value, st_setup,
						st_teardown),
	};
	return cmocka_run_group_tests_name("store view locks", tests, NULL,
					   NULL);
}
