/* SPDX-License-Identifier: MIT */
/*
 * test_ops.c - the key operations of libflockd: the get/set/create/update/
 * delete cycle and its results (as the Go original's suite checks them),
 * the files they leave on disk, empty and binary values, and streaming
 * through descriptors.
 */
#include "store_test.h"

static const char *key_path(struct st_fixture *fx, char *buf, const char *key)
{
	char name[NAME_MAX + 8];
	if (snprintf(name, sizeof(name), "%s.kv", key) >= (int)sizeof(name))
		abort();
	return st_join(buf, fx->dbpath, name);
}

static void assert_get(flockd_table *t, const char *key, const void *want,
		       size_t want_len)
{
	void *val = NULL;
	size_t len = 12345;
	assert_int_equal(flockd_get(t, key, &val, &len), FLOCKD_OK);
	assert_non_null(val);
	assert_int_equal(len, want_len);
	if (want_len > 0)
		assert_memory_equal(val, want, want_len);
	free(val);
}

static void assert_get_err(flockd_table *t, const char *key, int want)
{
	void *val = NULL;
	size_t len = 0;
	assert_int_equal(flockd_get(t, key, &val, &len), want);
	free(val);
}

/* Go: TestBasic. */
static void test_basic_cycle(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *t = fx->root;

	assert_get_err(t, "foo", FLOCKD_ENOTFOUND);
	assert_int_equal(flockd_delete(t, "foo"), FLOCKD_OK);
	assert_int_equal(flockd_update(t, "foo", "hi", 2), FLOCKD_ENOTFOUND);
	assert_get_err(t, "foo", FLOCKD_ENOTFOUND);

	assert_int_equal(flockd_create(t, "foo", "hello", 5), FLOCKD_OK);
	assert_get(t, "foo", "hello", 5);
	assert_int_equal(flockd_create(t, "foo", "again", 5), FLOCKD_EEXIST);
	assert_get(t, "foo", "hello", 5);

	assert_int_equal(flockd_set(t, "foo", "goodbye", 7), FLOCKD_OK);
	assert_get(t, "foo", "goodbye", 7);

	assert_int_equal(flockd_update(t, "foo", "terminate", 9), FLOCKD_OK);
	assert_get(t, "foo", "terminate", 9);

	assert_int_equal(flockd_delete(t, "foo"), FLOCKD_OK);
	assert_get_err(t, "foo", FLOCKD_ENOTFOUND);
	assert_int_equal(flockd_delete(t, "foo"), FLOCKD_OK);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

/* Go: TestFiles, plus the mode and the absence of any temp file. */
static void test_files_on_disk(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *t = fx->root;
	char path[PATH_MAX];
	struct stat st;
	key_path(fx, path, "foo");

	st_assert_missing(path);
	assert_int_equal(flockd_set(t, "foo", "hello", 5), FLOCKD_OK);
	st_assert_file(path, "hello", 5);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_nlink, 1); /* the temp name is gone */
	ST_ASSERT_ONLY(fx->dbpath, "foo.kv");

	assert_int_equal(flockd_delete(t, "foo"), FLOCKD_OK);
	st_assert_missing(path);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);

	/* Create makes the file too, linked from its temp file. */
	assert_int_equal(flockd_create(t, "foo", "hello", 5), FLOCKD_OK);
	st_assert_file(path, "hello", 5);
	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_nlink, 1);
	ST_ASSERT_ONLY(fx->dbpath, "foo.kv");

	/* A failing create leaves the file alone and no temp file. */
	assert_int_equal(flockd_create(t, "foo", "other", 5), FLOCKD_EEXIST);
	st_assert_file(path, "hello", 5);
	ST_ASSERT_ONLY(fx->dbpath, "foo.kv");

	/* Update replaces in place of the same name, again mode 0600. */
	assert_int_equal(flockd_update(t, "foo", "updated", 7), FLOCKD_OK);
	st_assert_file(path, "updated", 7);
	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	ST_ASSERT_ONLY(fx->dbpath, "foo.kv");

	assert_int_equal(flockd_delete(t, "foo"), FLOCKD_OK);
	st_assert_missing(path);

	/* Update of a missing key creates nothing. */
	assert_int_equal(flockd_update(t, "foo", "x", 1), FLOCKD_ENOTFOUND);
	st_assert_missing(path);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

/* A set replaces the file by rename: a reader holding the old file keeps
 * the old bytes, and the key names a new inode with the new bytes. */
static void test_set_replaces_by_rename(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_path(fx, path, "k");
	assert_int_equal(flockd_set(fx->root, "k", "first value", 11), FLOCKD_OK);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	struct stat before, after;
	assert_int_equal(fstat(fd, &before), 0);
	assert_int_equal(flockd_set(fx->root, "k", "second", 6), FLOCKD_OK);
	assert_int_equal(stat(path, &after), 0);
	assert_true(before.st_ino != after.st_ino);
	char buf[32];
	assert_int_equal(pread(fd, buf, sizeof(buf), 0), 11);
	assert_memory_equal(buf, "first value", 11);
	close(fd);
	st_assert_file(path, "second", 6);
	ST_ASSERT_ONLY(fx->dbpath, "k.kv");
}

static void test_empty_value(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_path(fx, path, "empty");

	assert_int_equal(flockd_set(fx->root, "empty", "", 0), FLOCKD_OK);
	st_assert_file(path, "", 0);
	assert_get(fx->root, "empty", "", 0);
	/* A NULL pointer with length 0 is an empty value too. */
	assert_int_equal(flockd_set(fx->root, "null", NULL, 0), FLOCKD_OK);
	assert_get(fx->root, "null", "", 0);
	assert_int_equal(flockd_create(fx->root, "c", "", 0), FLOCKD_OK);
	assert_get(fx->root, "c", "", 0);
	assert_int_equal(flockd_update(fx->root, "c", "", 0), FLOCKD_OK);
	assert_get(fx->root, "c", "", 0);
	/* An empty file written by someone else (the Go library's lock call
	 * leaves them) is a valid, empty value. */
	char other[PATH_MAX];
	key_path(fx, other, "goempty");
	assert_int_equal(testutil_write_file(other, "", 0), 0);
	assert_get(fx->root, "goempty", "", 0);
	ST_ASSERT_ONLY(fx->dbpath, "empty.kv", "null.kv", "c.kv", "goempty.kv");
}

static void test_binary_value(void **state)
{
	struct st_fixture *fx = *state;
	unsigned char bytes[1024];
	for (size_t i = 0; i < sizeof(bytes); i++)
		bytes[i] = (unsigned char)(i * 7 + (i >> 8));
	bytes[0] = 0;
	bytes[500] = 0;
	bytes[1023] = 0;
	char path[PATH_MAX];
	key_path(fx, path, "bin");
	assert_int_equal(flockd_set(fx->root, "bin", bytes, sizeof(bytes)), FLOCKD_OK);
	st_assert_file(path, bytes, sizeof(bytes));
	assert_get(fx->root, "bin", bytes, sizeof(bytes));

	/* No newline is added or removed. */
	assert_int_equal(flockd_set(fx->root, "nl", "line\n", 5), FLOCKD_OK);
	key_path(fx, path, "nl");
	st_assert_file(path, "line\n", 5);
	assert_int_equal(flockd_set(fx->root, "nonl", "line", 4), FLOCKD_OK);
	key_path(fx, path, "nonl");
	st_assert_file(path, "line", 4);
}

/* A value larger than any single read or write the library might do. */
static void test_large_value(void **state)
{
	struct st_fixture *fx = *state;
	size_t size = 3 * 1024 * 1024 + 17;
	unsigned char *big = malloc(size);
	assert_non_null(big);
	for (size_t i = 0; i < size; i++)
		big[i] = (unsigned char)((i * 2654435761u) >> 13);
	assert_int_equal(flockd_set(fx->root, "big", big, size), FLOCKD_OK);
	char path[PATH_MAX];
	st_assert_file(key_path(fx, path, "big"), big, size);
	assert_get(fx->root, "big", big, size);
	free(big);
	ST_ASSERT_ONLY(fx->dbpath, "big.kv");
}

/* A value written by another program (not through the library) reads. */
static void test_get_foreign_file(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_path(fx, path, "foreign");
	assert_int_equal(testutil_write_file(path, "from go", 7), 0);
	assert_get(fx->root, "foreign", "from go", 7);
	assert_int_equal(flockd_create(fx->root, "foreign", "x", 1), FLOCKD_EEXIST);
	assert_int_equal(flockd_update(fx->root, "foreign", "new", 3), FLOCKD_OK);
	st_assert_file(path, "new", 3);
}

/* ------------------------------------------------------------ streaming */

/* A child that drains a pipe into a file, so the writer never blocks on a
 * full pipe. */
static pid_t drain_to_file(int rfd, int wfd, const char *path)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(wfd); /* else the pipe never reaches end of file */
		int out = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (out < 0)
			_exit(1);
		char buf[65536];
		ssize_t n;
		while ((n = read(rfd, buf, sizeof(buf))) > 0)
			if (write(out, buf, (size_t)n) != n)
				_exit(1);
		_exit(n < 0 ? 1 : 0);
	}
	return pid;
}

/* A child that writes `len` bytes into a pipe and closes it. */
static pid_t feed_pipe(int wfd, const unsigned char *data, size_t len)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		size_t off = 0;
		while (off < len) {
			ssize_t n = write(wfd, data + off, len - off);
			if (n <= 0)
				_exit(1);
			off += (size_t)n;
		}
		_exit(0);
	}
	return pid;
}

static unsigned char *pattern(size_t len, unsigned seed)
{
	unsigned char *p = malloc(len ? len : 1);
	assert_non_null(p);
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)((i + seed) * 31 + (i >> 9));
	return p;
}

static void test_get_to_fd_pipe(void **state)
{
	struct st_fixture *fx = *state;
	size_t size = 1024 * 1024 + 3; /* far more than a pipe holds */
	unsigned char *val = pattern(size, 1);
	assert_int_equal(flockd_set(fx->root, "stream", val, size), FLOCKD_OK);

	char out[PATH_MAX];
	st_join(out, fx->scratch, "drained");
	int p[2];
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pid_t pid = drain_to_file(p[0], p[1], out);
	assert_true(pid > 0);
	close(p[0]);
	uint64_t copied = 0;
	assert_int_equal(flockd_get_to_fd(fx->root, "stream", p[1], &copied), FLOCKD_OK);
	close(p[1]);
	assert_int_equal(copied, size);
	st_child_verdict(pid, "pipe drain");
	st_assert_file(out, val, size);
	free(val);

	/* Empty value: nothing written, success. */
	assert_int_equal(flockd_set(fx->root, "e", "", 0), FLOCKD_OK);
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	copied = 99;
	assert_int_equal(flockd_get_to_fd(fx->root, "e", p[1], &copied), FLOCKD_OK);
	assert_int_equal(copied, 0);
	close(p[1]);
	char c;
	assert_int_equal(read(p[0], &c, 1), 0);
	close(p[0]);

	/* NULL copied is allowed. */
	int fd = open(out, O_WRONLY | O_TRUNC | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(flockd_set(fx->root, "small", "abc", 3), FLOCKD_OK);
	assert_int_equal(flockd_get_to_fd(fx->root, "small", fd, NULL), FLOCKD_OK);
	close(fd);
	st_assert_file(out, "abc", 3);
}

static void test_get_to_fd_errors(void **state)
{
	struct st_fixture *fx = *state;
	int p[2];
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	uint64_t copied = 7;
	assert_int_equal(flockd_get_to_fd(fx->root, "missing", p[1], &copied),
			 FLOCKD_ENOTFOUND);
	assert_int_equal(flockd_get_to_fd(fx->root, "a/b", p[1], &copied),
			 FLOCKD_EINVALID);
	/* A broken pipe fails the call with EPIPE, not a signal death. */
	assert_int_equal(flockd_set(fx->root, "k", "value", 5), FLOCKD_OK);
	close(p[0]);
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	sigaction(SIGPIPE, &ign, &old);
	int err = flockd_get_to_fd(fx->root, "k", p[1], &copied);
	sigaction(SIGPIPE, &old, NULL);
	assert_int_equal(err, EPIPE);
	close(p[1]);
	/* The lock was released on the error path. */
	char path[PATH_MAX];
	assert_int_equal(st_outside_trylock(key_path(fx, path, "k"), LOCK_EX), 0);
}

static void test_put_from_fd_pipe(void **state)
{
	struct st_fixture *fx = *state;
	size_t size = 1024 * 1024 + 5;
	unsigned char *val = pattern(size, 2);
	char path[PATH_MAX];
	key_path(fx, path, "in");

	int p[2];
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pid_t pid = feed_pipe(p[1], val, size);
	close(p[1]);
	uint64_t copied = 0;
	assert_int_equal(flockd_put_from_fd(fx->root, "in", p[0], FLOCKD_PUT_SET, &copied),
			 FLOCKD_OK);
	close(p[0]);
	st_child_verdict(pid, "pipe feeder");
	assert_int_equal(copied, size);
	st_assert_file(path, val, size);
	assert_get(fx->root, "in", val, size);
	ST_ASSERT_ONLY(fx->dbpath, "in.kv");

	/* CREATE of an existing key: EEXIST, the stream is not stored. */
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pid = feed_pipe(p[1], (const unsigned char *)"other", 5);
	close(p[1]);
	assert_int_equal(flockd_put_from_fd(fx->root, "in", p[0], FLOCKD_PUT_CREATE, NULL),
			 FLOCKD_EEXIST);
	close(p[0]);
	st_child_verdict(pid, "pipe feeder");
	st_assert_file(path, val, size);
	ST_ASSERT_ONLY(fx->dbpath, "in.kv");

	/* UPDATE of a missing key: ENOTFOUND, nothing created. */
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pid = feed_pipe(p[1], (const unsigned char *)"upd", 3);
	close(p[1]);
	assert_int_equal(flockd_put_from_fd(fx->root, "nope", p[0], FLOCKD_PUT_UPDATE, NULL),
			 FLOCKD_ENOTFOUND);
	close(p[0]);
	st_child_verdict(pid, "pipe feeder");
	ST_ASSERT_ONLY(fx->dbpath, "in.kv");

	/* UPDATE of an existing key and CREATE of a new one work. */
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pid = feed_pipe(p[1], (const unsigned char *)"upd", 3);
	close(p[1]);
	assert_int_equal(flockd_put_from_fd(fx->root, "in", p[0], FLOCKD_PUT_UPDATE, &copied),
			 FLOCKD_OK);
	close(p[0]);
	st_child_verdict(pid, "pipe feeder");
	assert_int_equal(copied, 3);
	st_assert_file(path, "upd", 3);

	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pid = feed_pipe(p[1], (const unsigned char *)"new", 3);
	close(p[1]);
	assert_int_equal(flockd_put_from_fd(fx->root, "fresh", p[0], FLOCKD_PUT_CREATE, NULL),
			 FLOCKD_OK);
	close(p[0]);
	st_child_verdict(pid, "pipe feeder");
	assert_get(fx->root, "fresh", "new", 3);
	ST_ASSERT_ONLY(fx->dbpath, "in.kv", "fresh.kv");
	free(val);
}

static void test_put_from_fd_empty(void **state)
{
	struct st_fixture *fx = *state;
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	uint64_t copied = 99;
	assert_int_equal(flockd_put_from_fd(fx->root, "nil", fd, FLOCKD_PUT_SET, &copied),
			 FLOCKD_OK);
	close(fd);
	assert_int_equal(copied, 0);
	assert_get(fx->root, "nil", "", 0);
	ST_ASSERT_ONLY(fx->dbpath, "nil.kv");
}

/* A read error of the source fails the call: nothing stored, old value
 * intact, no temp file. */
static void test_put_from_fd_read_error(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_path(fx, path, "k");
	assert_int_equal(flockd_set(fx->root, "k", "old", 3), FLOCKD_OK);

	/* A directory descriptor: read(2) fails with EISDIR. */
	int dfd = open(fx->scratch, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	int err = flockd_put_from_fd(fx->root, "k", dfd, FLOCKD_PUT_SET, NULL);
	assert_int_equal(err, EISDIR);
	err = flockd_put_from_fd(fx->root, "new", dfd, FLOCKD_PUT_SET, NULL);
	assert_int_equal(err, EISDIR);
	close(dfd);

	/* A write-only descriptor: EBADF. */
	char other[PATH_MAX];
	st_join(other, fx->scratch, "wo");
	int wfd = open(other, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	assert_true(wfd >= 0);
	assert_int_equal(flockd_put_from_fd(fx->root, "k", wfd, FLOCKD_PUT_SET, NULL),
			 EBADF);
	close(wfd);

	st_assert_file(path, "old", 3);
	ST_ASSERT_ONLY(fx->dbpath, "k.kv");
}

/* ---------------------------------------------------------- db handles */

/* Go: TestBadTimeout. */
static void test_timeout_refused(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->scratch, "other");
	long bad[] = {0, -1, -100000};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		flockd_db *db = NULL;
		assert_int_equal(flockd_open(path, bad[i], 0, &db), EINVAL);
		assert_null(db);
	}
	st_assert_missing(path); /* refused before touching the disk */
	flockd_db *db = NULL;
	assert_int_equal(flockd_open(NULL, 100, 0, &db), EINVAL);
	assert_int_equal(flockd_open(path, 100, 0, NULL), EINVAL);
}

static void test_open_creates_with_parents(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->scratch, "deep/er/db");
	mode_t old = umask(022);
	flockd_db *db = NULL;
	assert_int_equal(flockd_open(path, 1234, 0, &db), FLOCKD_OK);
	umask(old);
	assert_non_null(db);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0755);
	assert_string_equal(flockd_db_path(db), path);
	assert_int_equal(flockd_db_timeout_ms(db), 1234);
	assert_int_equal(flockd_db_readonly(db), 0);
	flockd_close(db);
	flockd_close(NULL);

	/* Opening an existing database is fine too. */
	assert_int_equal(flockd_open(path, 1, 0, &db), FLOCKD_OK);
	flockd_close(db);
}

/* Go: TestDirErrors (a database path that is a file). */
static void test_open_not_a_directory(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->scratch, "file");
	assert_int_equal(testutil_write_file(path, "x", 1), 0);
	flockd_db *db = NULL;
	assert_int_equal(flockd_open(path, 100, 0, &db), ENOTDIR);
	assert_null(db);
	st_assert_file(path, "x", 1);
}

static void test_open_nocreate(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->scratch, "absent");
	flockd_db *db = NULL;
	assert_int_equal(flockd_open(path, 100, FLOCKD_OPEN_NOCREATE, &db),
			 FLOCKD_ENOTFOUND);
	assert_null(db);
	st_assert_missing(path);
	assert_int_equal(flockd_open(fx->dbpath, 100, FLOCKD_OPEN_NOCREATE, &db),
			 FLOCKD_OK);
	flockd_close(db);
}

/* The handle keeps a descriptor: renaming the directory does not redirect
 * it, and tables outlive the database handle. */
static void test_handles_hold_descriptors(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX], moved[PATH_MAX], file[PATH_MAX];
	st_join(path, fx->scratch, "orig");
	st_join(moved, fx->scratch, "moved");
	flockd_db *db = NULL;
	flockd_table *t = NULL;
	assert_int_equal(flockd_open(path, 100, 0, &db), FLOCKD_OK);
	assert_int_equal(flockd_table_open(db, "", 0, &t), FLOCKD_OK);
	assert_int_equal(rename(path, moved), 0);
	assert_int_equal(flockd_set(t, "k", "v", 1), FLOCKD_OK);
	st_assert_file(st_join(file, moved, "k.kv"), "v", 1);
	st_assert_missing(path);
	flockd_close(db);
	assert_get(t, "k", "v", 1);
	assert_int_equal(flockd_delete(t, "k"), FLOCKD_OK);
	flockd_table_close(t);
	flockd_table_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_basic_cycle, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_files_on_disk, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_set_replaces_by_rename, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_empty_value, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_binary_value, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_large_value, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_get_foreign_file, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_get_to_fd_pipe, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_get_to_fd_errors, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_put_from_fd_pipe, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_put_from_fd_empty, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_put_from_fd_read_error, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_timeout_refused, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_open_creates_with_parents, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_open_not_a_directory, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_open_nocreate, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_handles_hold_descriptors, st_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store ops", tests, NULL, NULL);
}
