/* SPDX-License-Identifier: MIT */
/*
 * test_locks.c - lock interplay with other processes (the Go original's
 * TestLock, and more): while another process holds an exclusive lock on a
 * key, every operation that needs the key times out within the timeout
 * plus a margin and changes nothing; under a shared lock reads work and
 * writes time out; waits end as soon as the lock comes; locks taken by the
 * library are released; descriptors are close-on-exec.
 */
#include "store_test.h"

#include <dirent.h>

#define KEY "whatever"
#define VALUE "\xf0\x9f\xa4\x98\xf0\x9f\x8e\x89\xf0\x9f\x92\xa9" /* 🤘🎉💩 */

static const char *key_file(struct st_fixture *fx, char *buf)
{
	return st_join(buf, fx->dbpath, KEY ".kv");
}

/* The key is intact, and nothing else is in the directory. */
static void assert_untouched(struct st_fixture *fx)
{
	char path[PATH_MAX];
	st_assert_file(key_file(fx, path), VALUE, strlen(VALUE));
	ST_ASSERT_ONLY(fx->dbpath, KEY ".kv");
}

static void write_ops_time_out(struct st_fixture *fx)
{
	flockd_table *t = fx->root;
	long long start;
	int fd;

	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_set(t, KEY, "x", 1), start, ST_TIMEOUT_MS);
	assert_untouched(fx);
	assert_string_not_equal(flockd_table_last_step(t), "");

	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_set(t, KEY, NULL, 0), start, ST_TIMEOUT_MS);
	assert_untouched(fx);

	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_update(t, KEY, "x", 1), start, ST_TIMEOUT_MS);
	assert_untouched(fx);

	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_delete(t, KEY), start, ST_TIMEOUT_MS);
	assert_untouched(fx);

	char src[PATH_MAX];
	st_join(src, fx->scratch, "source");
	assert_int_equal(testutil_write_file(src, "streamed", 8), 0);
	fd = open(src, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_put_from_fd(t, KEY, fd, FLOCKD_PUT_SET, NULL),
			    start, ST_TIMEOUT_MS);
	assert_untouched(fx);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_put_from_fd(t, KEY, fd, FLOCKD_PUT_UPDATE, NULL),
			    start, ST_TIMEOUT_MS);
	close(fd);
	assert_untouched(fx);

	/* Create does not need the lock to know the key exists. */
	start = st_now_ms();
	assert_int_equal(flockd_create(t, KEY, "x", 1), FLOCKD_EEXIST);
	assert_untouched(fx);
}

/* Go: TestLock, first half. */
static void test_exclusive_lock_blocks_everything(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	assert_int_equal(flockd_set(fx->root, KEY, VALUE, strlen(VALUE)), FLOCKD_OK);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, key_file(fx, path), LOCK_EX), 0);

	void *val = NULL;
	size_t len = 0;
	long long start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_get(fx->root, KEY, &val, &len), start, ST_TIMEOUT_MS);
	assert_null(val);

	int p[2];
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	uint64_t copied = 77;
	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_get_to_fd(fx->root, KEY, p[1], &copied), start,
			    ST_TIMEOUT_MS);
	close(p[1]);
	char c;
	assert_int_equal(read(p[0], &c, 1), 0); /* nothing was streamed */
	close(p[0]);

	flockd_view *view = NULL;
	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_view_open(fx->root, KEY, &view), start, ST_TIMEOUT_MS);
	assert_null(view);

	write_ops_time_out(fx);

	/* Once the lock is gone, everything works again. */
	st_locker_stop(&lk);
	assert_int_equal(flockd_get(fx->root, KEY, &val, &len), FLOCKD_OK);
	assert_true(st_same(val, len, VALUE, strlen(VALUE)));
	free(val);
	assert_int_equal(flockd_set(fx->root, KEY, "new", 3), FLOCKD_OK);
	st_assert_file(path, "new", 3);
}

/* Go: TestLock, second half. */
static void test_shared_lock_allows_reads(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	assert_int_equal(flockd_set(fx->root, KEY, VALUE, strlen(VALUE)), FLOCKD_OK);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, key_file(fx, path), LOCK_SH), 0);

	void *val = NULL;
	size_t len = 0;
	/* (Had it waited for an exclusive lock, it would time out.) */
	assert_int_equal(flockd_get(fx->root, KEY, &val, &len), FLOCKD_OK);
	assert_true(st_same(val, len, VALUE, strlen(VALUE)));
	free(val);

	flockd_view *view = NULL;
	assert_int_equal(flockd_view_open(fx->root, KEY, &view), FLOCKD_OK);
	size_t vlen = 0;
	const void *vval = flockd_view_value(view, &vlen);
	assert_true(st_same(vval, vlen, VALUE, strlen(VALUE)));
	flockd_view_close(view);

	write_ops_time_out(fx);
	st_locker_stop(&lk);
	assert_int_equal(flockd_delete(fx->root, KEY), FLOCKD_OK);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

static int foreach_noop(const char *key, const void *value, size_t len, void *ctx)
{
	(void)key; (void)value; (void)len;
	(*(int *)ctx)++;
	return 0;
}

/* A walk reads each value under a shared lock: a locked key times it out. */
static void test_foreach_times_out(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	assert_int_equal(flockd_set(fx->root, KEY, VALUE, strlen(VALUE)), FLOCKD_OK);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, key_file(fx, path), LOCK_EX), 0);
	int calls = 0;
	long long start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_foreach(fx->root, foreach_noop, &calls), start,
			    ST_TIMEOUT_MS);
	assert_int_equal(calls, 0);
	st_locker_stop(&lk);
	assert_int_equal(flockd_foreach(fx->root, foreach_noop, &calls), FLOCKD_OK);
	assert_int_equal(calls, 1);
}

/* The timeout given to flockd_open is the one honoured (not a constant). */
static void test_timeout_is_the_databases(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	assert_int_equal(flockd_set(fx->root, KEY, VALUE, strlen(VALUE)), FLOCKD_OK);
	const long timeout = 600;
	flockd_db *db = NULL;
	flockd_table *t = NULL;
	assert_int_equal(flockd_open(fx->dbpath, timeout, 0, &db), FLOCKD_OK);
	assert_int_equal(flockd_table_open(db, "", 0, &t), FLOCKD_OK);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, key_file(fx, path), LOCK_EX), 0);
	void *val = NULL;
	size_t len;
	long long start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_get(t, KEY, &val, &len), start, timeout);
	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_set(t, KEY, "x", 1), start, timeout);
	st_locker_stop(&lk);
	assert_untouched(fx);
	flockd_table_close(t);
	flockd_close(db);
}

/* A lock released during the wait is taken: the call waits, then works. */
static void test_wait_then_succeed(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	assert_int_equal(flockd_set(fx->root, KEY, VALUE, strlen(VALUE)), FLOCKD_OK);
	flockd_db *db = NULL;
	flockd_table *t = NULL;
	assert_int_equal(flockd_open(fx->dbpath, 5000, 0, &db), FLOCKD_OK);
	assert_int_equal(flockd_table_open(db, "", 0, &t), FLOCKD_OK);

	/* A child holds the lock for 300 ms, then exits. */
	key_file(fx, path);
	int ready[2];
	assert_int_equal(pipe2(ready, O_CLOEXEC), 0);
	fflush(stdout);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0 || flock(fd, LOCK_EX) < 0)
			_exit(1);
		if (write(ready[1], "R", 1) != 1)
			_exit(1);
		usleep(300 * 1000);
		_exit(0);
	}
	close(ready[1]);
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	long long start = st_now_ms();
	assert_int_equal(flockd_set(t, KEY, "after", 5), FLOCKD_OK);
	long long elapsed = st_now_ms() - start;
	st_child_verdict(pid, "lock holder");
	/* No lower bound: on a loaded machine we may start the clock late. */
	if (elapsed > 3000)
		fail_msg("set waited %lld ms for a lock held 300 ms", elapsed);
	st_assert_file(path, "after", 5);
	ST_ASSERT_ONLY(fx->dbpath, KEY ".kv");
	flockd_table_close(t);
	flockd_close(db);
}

/* Every operation lets go of its lock before returning. */
static void test_locks_released(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	void *val = NULL;
	size_t len;

	assert_int_equal(flockd_create(fx->root, KEY, "a", 1), FLOCKD_OK);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);
	assert_int_equal(flockd_set(fx->root, KEY, "b", 1), FLOCKD_OK);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);
	assert_int_equal(flockd_update(fx->root, KEY, "c", 1), FLOCKD_OK);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);
	assert_int_equal(flockd_get(fx->root, KEY, &val, &len), FLOCKD_OK);
	free(val);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	assert_int_equal(flockd_get_to_fd(fx->root, KEY, fd, NULL), FLOCKD_OK);
	close(fd);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);
	int calls = 0;
	assert_int_equal(flockd_foreach(fx->root, foreach_noop, &calls), FLOCKD_OK);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);

	/* And after failures. */
	assert_int_equal(flockd_create(fx->root, KEY, "d", 1), FLOCKD_EEXIST);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, path, LOCK_SH), 0);
	assert_int_equal(flockd_set(fx->root, KEY, "e", 1), FLOCKD_ETIMEOUT);
	st_locker_stop(&lk);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);
}

/* While a view session is open, util-linux `flock -n -x` on the key fails
 * and `flock -n -s` works; after close the exclusive lock is free. */
static void test_view_holds_shared_lock(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	assert_int_equal(flockd_set(fx->root, KEY, VALUE, strlen(VALUE)), FLOCKD_OK);
	flockd_view *view = NULL;
	assert_int_equal(flockd_view_open(fx->root, KEY, &view), FLOCKD_OK);

	assert_int_equal(st_outside_trylock(path, LOCK_EX), 1);
	assert_int_equal(st_outside_trylock(path, LOCK_SH), 0);
	int rc = st_flock1("-x", path);
	if (rc < 0) {
		printf("# flock(1) not available: checked with a forked flock() only\n");
	} else {
		assert_int_equal(rc, 1);
		assert_int_equal(st_flock1("-s", path), 0);
	}

	/* Our own writes through the same database wait for it too. */
	long long start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_set(fx->root, KEY, "x", 1), start, ST_TIMEOUT_MS);
	assert_untouched(fx);

	flockd_view_close(view);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);
	if (rc >= 0)
		assert_int_equal(st_flock1("-x", path), 0);
}

/* Descriptors the library keeps are close-on-exec, so an $EDITOR started
 * while a view is open does not inherit (and hold) the lock. */
static void test_descriptors_cloexec(void **state)
{
	struct st_fixture *fx = *state;
	assert_int_equal(flockd_set(fx->root, KEY, VALUE, strlen(VALUE)), FLOCKD_OK);
	flockd_table *t = NULL;
	flockd_view *view = NULL;
	flockd_db *db = NULL;
	assert_int_equal(flockd_open(fx->dbpath, 100, 0, &db), FLOCKD_OK);
	assert_int_equal(flockd_table_open(db, "sub", FLOCKD_TABLE_CREATE, &t), FLOCKD_OK);
	assert_int_equal(flockd_set(t, "k", "v", 1), FLOCKD_OK);
	assert_int_equal(flockd_view_open(t, "k", &view), FLOCKD_OK);

	DIR *d = opendir("/proc/self/fd");
	if (d == NULL) {
		flockd_view_close(view);
		flockd_table_close(t);
		flockd_close(db);
		fail_msg("cannot list /proc/self/fd: %s", strerror(errno));
	}
	int checked = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		int fd = atoi(e->d_name);
		if (e->d_name[0] == '.' || fd <= 2 || fd == dirfd(d))
			continue;
		char target[PATH_MAX] = "";
		char link[64];
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		ssize_t n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		if (strncmp(target, fx->scratch, strlen(fx->scratch)) != 0)
			continue; /* not the library's (cmocka, sanitizers) */
		int flags = fcntl(fd, F_GETFD);
		if (flags < 0 || !(flags & FD_CLOEXEC))
			fail_msg("descriptor %d (%s) is not close-on-exec", fd, target);
		checked++;
	}
	closedir(d);
	/* At least the db, the table and the viewed file. */
	assert_true(checked >= 3);
	flockd_view_close(view);
	flockd_table_close(t);
	flockd_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_exclusive_lock_blocks_everything, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_shared_lock_allows_reads, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_foreach_times_out, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_timeout_is_the_databases, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_wait_then_succeed, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_locks_released, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_view_holds_shared_lock, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_descriptors_cloexec, st_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store locks", tests, NULL, NULL);
}
