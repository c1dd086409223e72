/* SPDX-License-Identifier: MIT */
/*
 * test_tmpfile.c - crashes leave nothing behind: new values go through
 * unnamed temp files (O_TMPFILE), so a writer killed at any point leaves no
 * file; named temps (the fallback) are removed when the caller's cancel
 * flag stops a write; keys up to 252 bytes work with either; a temp
 * name that cannot be removed is reported, not ignored; and the helper of
 * a replace stays out of the program's way.
 */
#include "store_test.h"

#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/time.h>

#define STREAMED (1024 * 1024)

static int open_db(const char *path, unsigned flags, long timeout_ms,
		   flockd_db **db, flockd_table **t)
{
	if (flockd_open(path, timeout_ms, flags, db) != FLOCKD_OK)
		return -1;
	return flockd_table_open(*db, "", 0, t) == FLOCKD_OK ? 0 : -1;
}

static void test_temp_kind(void **state)
{
	struct st_fixture *fx = *state;
	enum flockd_temp_kind kind = 0;
	assert_int_equal(flockd_table_temp_kind(fx->root, &kind), FLOCKD_OK);
	assert_true(kind == FLOCKD_TEMP_UNNAMED || kind == FLOCKD_TEMP_NAMED);
	if (kind != FLOCKD_TEMP_UNNAMED)
		printf("# %s has no O_TMPFILE: named temps in use\n", fx->dbpath);
	ST_ASSERT_EMPTY_DIR(fx->dbpath); /* asking left nothing */

	flockd_db *db;
	flockd_table *t;
	assert_int_equal(open_db(fx->dbpath, FLOCKD_OPEN_NAMED_TEMPS,
				 ST_TIMEOUT_MS, &db, &t), 0);
	assert_int_equal(flockd_table_temp_kind(t, &kind), FLOCKD_OK);
	assert_int_equal(kind, FLOCKD_TEMP_NAMED);
	flockd_table_close(t);
	flockd_close(db);
}

/* The cancel flag of the writer in stream_and_signal, set by its signal
 * handler (installed without SA_RESTART, as a program would). */
static volatile sig_atomic_t stop_flag;

static void set_stop(int sig)
{
	stop_flag = sig;
}

/* A child streams a value from a pipe into key "k"; once it has read
 * STREAMED bytes (the pipe is small, so it is writing its temp file), the
 * parent sends it `sig`. With `catch_it` the child turns the signal into
 * its cancel flag and exits 42 on ECANCELED. Returns its wait status. */
static int stream_and_signal(struct st_fixture *fx, unsigned flags, int sig,
			     int catch_it)
{
	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	fflush(stdout);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(pipefd[1]);
		flockd_db *db;
		flockd_table *t;
		if (open_db(fx->dbpath, flags, ST_TIMEOUT_MS, &db, &t) != 0)
			_exit(90);
		if (catch_it) {
			struct sigaction sa;
			memset(&sa, 0, sizeof sa);
			sa.sa_handler = set_stop;
			sigemptyset(&sa.sa_mask);
			sigaction(sig, &sa, NULL);
			flockd_table_set_cancel(t, &stop_flag);
		}
		int err = flockd_put_from_fd(t, "k", pipefd[0], FLOCKD_PUT_SET,
					     NULL);
		_exit(err == ECANCELED ? 42 : 91);
	}
	close(pipefd[0]);
	char *chunk = calloc(1, STREAMED);
	assert_non_null(chunk);
	assert_int_equal(write(pipefd[1], chunk, STREAMED), STREAMED);
	free(chunk);
	kill(pid, sig);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(pipefd[1]);
	return status;
}

static void test_killed_writer_leaves_nothing(void **state)
{
	struct st_fixture *fx = *state;
	enum flockd_temp_kind kind;
	assert_int_equal(flockd_table_temp_kind(fx->root, &kind), FLOCKD_OK);
	if (kind != FLOCKD_TEMP_UNNAMED) {
		printf("# no O_TMPFILE here: nothing to test\n");
		return;
	}
	for (int i = 0; i < 5; i++) {
		int status = stream_and_signal(fx, 0, SIGKILL, 0);
		assert_true(WIFSIGNALED(status));
		ST_ASSERT_EMPTY_DIR(fx->dbpath);
	}
	/* the named fallback leaves its temp: what the unnamed one avoids */
	int status = stream_and_signal(fx, FLOCKD_OPEN_NAMED_TEMPS, SIGKILL, 0);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(st_count_unexpected(fx->dbpath, NULL), 1);
}

/* Named temps: a caught SIGTERM/SIGINT/SIGHUP ends the write cleanly. */
static void test_cancelled_write_leaves_nothing(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "k.kv");
	assert_int_equal(flockd_set(fx->root, "k", "old", 3), FLOCKD_OK);
	const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
	for (int i = 0; i < 3; i++) {
		int status = stream_and_signal(fx, FLOCKD_OPEN_NAMED_TEMPS,
					       sigs[i], 1);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 42);
		ST_ASSERT_ONLY(fx->dbpath, "k.kv");
		st_assert_file(path, "old", 3);
	}
	/* a flag set before the call: nothing happens at all */
	volatile sig_atomic_t stop = 1;
	flockd_table_set_cancel(fx->root, &stop);
	assert_int_equal(flockd_set(fx->root, "k", "new", 3), ECANCELED);
	assert_int_equal(flockd_set(fx->root, "fresh", "new", 3), ECANCELED);
	flockd_table_set_cancel(fx->root, NULL);
	ST_ASSERT_ONLY(fx->dbpath, "k.kv");
	st_assert_file(path, "old", 3);
}

static void stop_soon(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/* The flag also ends a lock wait, long before the timeout. */
static void test_cancel_ends_lock_wait(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "k.kv");
	assert_int_equal(flockd_set(fx->root, "k", "old", 3), FLOCKD_OK);
	flockd_db *db;
	flockd_table *t;
	assert_int_equal(open_db(fx->dbpath, 0, 20000, &db, &t), 0);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, path, LOCK_EX), 0);
	stop_flag = 0;
	flockd_table_set_cancel(t, &stop_flag);
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = stop_soon;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	struct itimerval it = {{0, 0}, {0, 100000}};
	setitimer(ITIMER_REAL, &it, NULL);
	long long start = st_now_ms();
	assert_int_equal(flockd_set(t, "k", "new", 3), ECANCELED);
	assert_true(st_now_ms() - start < 5000);
	sigaction(SIGALRM, &old, NULL);
	st_locker_stop(&lk);
	ST_ASSERT_ONLY(fx->dbpath, "k.kv");
	st_assert_file(path, "old", 3);
	flockd_table_close(t);
	flockd_close(db);
}

/* Keys up to the file system's limit: 252 bytes + ".kv". */
static void long_keys_with(struct st_fixture *fx, unsigned flags)
{
	flockd_db *db;
	flockd_table *t;
	assert_int_equal(open_db(fx->dbpath, flags, ST_TIMEOUT_MS, &db, &t), 0);
	char key[NAME_MAX];
	for (size_t n = 240; n <= NAME_MAX - 3; n++) {
		memset(key, 'a' + (int)(n % 26), n);
		key[n] = '\0';
		assert_int_equal(flockd_key_valid(key), FLOCKD_OK);
		assert_int_equal(flockd_create(t, key, "one", 3), FLOCKD_OK);
		assert_int_equal(flockd_update(t, key, "two", 3), FLOCKD_OK);
		assert_int_equal(flockd_set(t, key, "three", 5), FLOCKD_OK);
		void *v;
		size_t len;
		assert_int_equal(flockd_get(t, key, &v, &len), FLOCKD_OK);
		assert_true(st_same(v, len, "three", 5));
		free(v);
		struct flockd_stat st;
		assert_int_equal(flockd_key_stat(t, key, &st), FLOCKD_OK);
		assert_int_equal(st.size, 5);
		assert_int_equal(flockd_delete(t, key), FLOCKD_OK);
		assert_int_equal(flockd_key_stat(t, key, &st), FLOCKD_ENOTFOUND);
	}
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
	memset(key, 'z', NAME_MAX - 2);
	key[NAME_MAX - 2] = '\0';
	assert_int_equal(flockd_set(t, key, "x", 1), FLOCKD_EINVALID);
	flockd_table_close(t);
	flockd_close(db);
}

static void test_long_keys(void **state)
{
	long_keys_with(*state, 0);
	long_keys_with(*state, FLOCKD_OPEN_NAMED_TEMPS);
}

/* A 252-byte key written by another tool is a key like any other. */
static void test_long_key_from_another_tool(void **state)
{
	struct st_fixture *fx = *state;
	char key[NAME_MAX + 1], path[PATH_MAX];
	memset(key, 'L', NAME_MAX - 3);
	memcpy(key + NAME_MAX - 3, ".kv", 4);
	assert_int_equal(testutil_write_file(st_join(path, fx->dbpath, key),
					     "theirs", 6), 0);
	key[NAME_MAX - 3] = '\0';
	flockd_scan *scan;
	struct flockd_scan_entry e[4];
	size_t n;
	assert_int_equal(flockd_scan_open(fx->root, &scan), FLOCKD_OK);
	assert_int_equal(flockd_scan_next(scan, e, 4, &n), FLOCKD_OK);
	assert_int_equal(n, 1);
	assert_int_equal(e[0].kind, FLOCKD_ENTRY_KEY);
	assert_int_equal(e[0].key_len, NAME_MAX - 3);
	flockd_scan_close(scan);
	void *v;
	size_t len;
	assert_int_equal(flockd_get(fx->root, key, &v, &len), FLOCKD_OK);
	assert_true(st_same(v, len, "theirs", 6));
	free(v);
	assert_int_equal(flockd_set(fx->root, key, "ours", 4), FLOCKD_OK);
	st_assert_file(path, "ours", 4);
	assert_int_equal(flockd_delete(fx->root, key), FLOCKD_OK);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

/* An append-only directory (chattr +a) lets a temp be created and linked
 * but never removed: the failures that used to be ignored. */
static int make_append_only(const char *dir, int on)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int attr = 0;
	int rc = ioctl(fd, FS_IOC_GETFLAGS, &attr);
	if (rc == 0) {
		attr = on ? attr | FS_APPEND_FL : attr & ~FS_APPEND_FL;
		rc = ioctl(fd, FS_IOC_SETFLAGS, &attr);
	}
	close(fd);
	return rc;
}

/* Whatever the test did, the directory must be removable again. */
static int append_teardown(void **state)
{
	struct st_fixture *fx = *state;
	make_append_only(fx->dbpath, 0);
	return st_teardown(state);
}

static void test_unremovable_temp_reported(void **state)
{
	struct st_fixture *fx = *state;
	if (make_append_only(fx->dbpath, 1) != 0) {
		printf("# append-only directories not available here (%s)\n",
		       strerror(errno));
		return;
	}
	flockd_db *db;
	flockd_table *t;
	assert_int_equal(open_db(fx->dbpath, FLOCKD_OPEN_NAMED_TEMPS,
				 ST_TIMEOUT_MS, &db, &t), 0);
	/* create: the key is linked, its temp name cannot go */
	int err = flockd_set(t, "k", "value", 5);
	assert_int_equal(err, EPERM);
	assert_string_equal(flockd_table_last_step(t), "remove temp file");
	assert_true(flockd_table_installed(t));
	assert_true(flockd_table_warnings(t) & FLOCKD_WARN_TEMP_LEFT);
	const char *left = flockd_table_temp_left(t);
	assert_non_null(left);
	assert_int_equal(strncmp(left, "k.kv", 4), 0);
	void *v;
	size_t len;
	assert_int_equal(flockd_get(t, "k", &v, &len), FLOCKD_OK);
	assert_true(st_same(v, len, "value", 5));
	free(v);
	/* a cancelled write whose temp cannot be discarded says so too */
	volatile sig_atomic_t stop = 1;
	flockd_table_set_cancel(t, &stop);
	assert_int_equal(flockd_set(t, "other", "x", 1), ECANCELED);
	assert_true(flockd_table_warnings(t) & FLOCKD_WARN_TEMP_LEFT);
	assert_non_null(flockd_table_temp_left(t));
	assert_int_equal(strncmp(flockd_table_temp_left(t), "other.kv", 8), 0);
	flockd_table_close(t);
	flockd_close(db);
	assert_int_equal(make_append_only(fx->dbpath, 0), 0);
}

/* The helper that makes a replace's last two calls (store/handoff.c) is
 * none of the program's business: no SIGCHLD reaches it, no waitpid(-1)
 * sees it, and none is left as a zombie. */
static volatile sig_atomic_t chld_seen;

static void count_chld(int sig)
{
	(void)sig;
	chld_seen++;
}

static void test_handoff_unseen(void **state)
{
	struct st_fixture *fx = *state;
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = count_chld;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGCHLD, &sa, &old), 0);
	for (int i = 0; i < 10; i++)
		assert_int_equal(flockd_set(fx->root, "k", "value", 5), FLOCKD_OK);
	assert_int_equal(sigaction(SIGCHLD, &old, NULL), 0);
	assert_int_equal(chld_seen, 0);
	errno = 0;
	assert_int_equal(waitpid(-1, NULL, WNOHANG | __WALL), -1);
	assert_int_equal(errno, ECHILD);
	assert_true(st_value_str(fx->root, "k", "value"));
	ST_ASSERT_ONLY(fx->dbpath, "k.kv");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_temp_kind, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_killed_writer_leaves_nothing,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_cancelled_write_leaves_nothing,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_cancel_ends_lock_wait,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_long_keys, st_setup,
						st_teardown),
		cmocka_unit_test_setup_teardown(test_long_key_from_another_tool,
						st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_unremovable_temp_reported,
						st_setup, append_teardown),
		cmocka_unit_test_setup_teardown(test_handoff_unseen, st_setup,
						st_teardown),
	};
	return cmocka_run_group_tests_name("store temp files", tests, NULL,
					   NULL);
}
