/* SPDX-License-Identifier: MIT */
/*
 * test_read.c - read handles (flockd_read_open, flockd_entry_open): the
 * descriptor a program gets is the key's, under a shared lock that keeps
 * writers out until it is closed, verified after the lock came, and never
 * a placeholder, a symlink or a FIFO.
 */
#include "store_test.h"

static void test_read_handle_gives_locked_value(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "alice.kv");
	assert_int_equal(flockd_set(fx->root, "alice", "hello", 5), FLOCKD_OK);

	flockd_reader *r;
	assert_int_equal(flockd_read_open(fx->root, "alice", 0, &r), FLOCKD_OK);
	const struct flockd_stat *st = flockd_read_stat(r);
	assert_int_equal(st->size, 5);
	assert_true(S_ISREG(st->mode));
	char buf[16];
	assert_int_equal(pread(flockd_read_fd(r), buf, sizeof buf, 0), 5);
	assert_memory_equal(buf, "hello", 5);
	/* a reader may share, a writer must wait */
	assert_int_equal(st_outside_trylock(path, LOCK_SH), 0);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 1);
	long long start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_set(fx->root, "alice", "x", 1), start,
			    ST_TIMEOUT_MS);
	flockd_read_close(r);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);
	assert_int_equal(flockd_set(fx->root, "alice", "x", 1), FLOCKD_OK);
	flockd_read_close(NULL);
}

static void test_read_handle_errors(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	flockd_reader *r = NULL;
	assert_int_equal(flockd_read_open(fx->root, "nope", 0, &r),
			 FLOCKD_ENOTFOUND);
	assert_int_equal(flockd_read_open(fx->root, "a/b", 0, &r),
			 FLOCKD_EINVALID);
	assert_int_equal(flockd_read_open(fx->root, "x", 0x80, &r), EINVAL);
	assert_int_equal(symlink("/etc/passwd", st_join(path, fx->dbpath,
							  "link.kv")), 0);
	assert_int_equal(flockd_read_open(fx->root, "link", 0, &r),
			 FLOCKD_ENOTREG);
	assert_int_equal(mkfifo(st_join(path, fx->dbpath, "fifo.kv"), 0600), 0);
	assert_int_equal(flockd_read_open(fx->root, "fifo", 0, &r),
			 FLOCKD_ENOTREG);
	assert_null(r);
}

/* Half-created keys: a placeholder is no value, as for flockd_get. */
static void test_read_handle_skips_placeholder(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_make_placeholder(st_join(path, fx->dbpath, "new.kv"), 0);
	flockd_reader *r = NULL;
	assert_int_equal(flockd_read_open(fx->root, "new", 0, &r),
			 FLOCKD_ENOTFOUND);
	assert_null(r);
	void *v;
	size_t len;
	assert_int_equal(flockd_get(fx->root, "new", &v, &len),
			 FLOCKD_ENOTFOUND);
}

static void test_read_handle_nowait(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "busy.kv");
	assert_int_equal(flockd_set(fx->root, "busy", "v", 1), FLOCKD_OK);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, path, LOCK_EX), 0);
	flockd_reader *r = NULL;
	long long start = st_now_ms();
	assert_int_equal(flockd_read_open(fx->root, "busy", FLOCKD_READ_NOWAIT,
					  &r), FLOCKD_ETIMEOUT);
	assert_true(st_now_ms() - start < ST_TIMEOUT_MS);
	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_read_open(fx->root, "busy", 0, &r), start,
			    ST_TIMEOUT_MS);
	assert_string_equal(flockd_table_last_step(fx->root), "lock");
	st_locker_stop(&lk);
	assert_int_equal(flockd_read_open(fx->root, "busy", FLOCKD_READ_NOWAIT,
					  &r), FLOCKD_OK);
	flockd_read_close(r);
}

/* A writer that renames a new value over the key while the reader waits
 * for its lock: the reader gets the new file, never the replaced one. */
static void test_read_handle_follows_replacement(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX], tmp[PATH_MAX];
	st_join(path, fx->dbpath, "k.kv");
	st_join(tmp, fx->dbpath, "k.kv12345");
	assert_int_equal(flockd_set(fx->root, "k", "old", 3), FLOCKD_OK);
	assert_int_equal(testutil_write_file(tmp, "brand new", 9), 0);

	int ready[2];
	assert_int_equal(pipe(ready), 0);
	fflush(stdout);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) { /* the writer: hold the old file, replace it, let go */
		int fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0 || flock(fd, LOCK_EX) != 0 || write(ready[1], "", 1) != 1)
			_exit(1);
		usleep(100000);
		if (rename(tmp, path) != 0)
			_exit(2);
		_exit(0);
	}
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	flockd_reader *r;
	assert_int_equal(flockd_read_open(fx->root, "k", 0, &r), FLOCKD_OK);
	char buf[16];
	ssize_t n = pread(flockd_read_fd(r), buf, sizeof buf, 0);
	assert_int_equal(n, (ssize_t)flockd_read_stat(r)->size);
	assert_true(st_same(buf, (size_t)n, "brand new", 9));
	flockd_read_close(r);
	close(ready[0]);
	close(ready[1]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(flockd_read_open(fx->root, "k", 0, &r), FLOCKD_OK);
	assert_int_equal(flockd_read_stat(r)->size, 9);
	flockd_read_close(r);
}

/* Leftovers are shown as they are: no lock, but never through a link or
 * into a FIFO. */
static void test_entry_open(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "k.kvAbCd1234");
	assert_int_equal(testutil_write_file(path, "partial", 7), 0);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, path, LOCK_EX), 0);
	flockd_reader *r = NULL;
	assert_int_equal(flockd_entry_open(fx->root, "k.kvAbCd1234", &r),
			 FLOCKD_OK);
	char buf[16];
	assert_int_equal(read(flockd_read_fd(r), buf, sizeof buf), 7);
	assert_memory_equal(buf, "partial", 7);
	assert_int_equal(flockd_read_stat(r)->size, 7);
	flockd_read_close(r);
	st_locker_stop(&lk);

	r = NULL;
	assert_int_equal(mkfifo(st_join(path, fx->dbpath, ".fifo"), 0600), 0);
	assert_int_equal(flockd_entry_open(fx->root, ".fifo", &r),
			 FLOCKD_ENOTREG);
	assert_int_equal(symlink("/etc/passwd",
				 st_join(path, fx->dbpath, "x.kv.tmp")), 0);
	assert_int_equal(flockd_entry_open(fx->root, "x.kv.tmp", &r),
			 FLOCKD_ENOTREG);
	assert_int_equal(mkdir(st_join(path, fx->dbpath, "t.tbl"), 0755), 0);
	assert_int_equal(flockd_entry_open(fx->root, "t.tbl", &r),
			 FLOCKD_ENOTREG);
	assert_int_equal(flockd_entry_open(fx->root, "../db", &r),
			 FLOCKD_EINVALID);
	assert_int_equal(flockd_entry_open(fx->root, "..", &r),
			 FLOCKD_EINVALID);
	assert_int_equal(flockd_entry_open(fx->root, "gone", &r),
			 FLOCKD_ENOTFOUND);
	assert_null(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_handle_gives_locked_value,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_read_handle_errors,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_read_handle_skips_placeholder,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_read_handle_nowait,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_read_handle_follows_replacement,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_entry_open, st_setup,
						st_teardown),
	};
	return cmocka_run_group_tests_name("store read handles", tests, NULL,
					   NULL);
}
