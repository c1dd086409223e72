/* SPDX-License-Identifier: MIT */
/*
 * test_special.c - spec section 4 rule 4: what may stand in a key's place.
 * A symlink (to a file, a directory, nowhere, out of the database), a
 * FIFO, a socket or a device named KEY.kv is refused as "not a regular
 * file" at once, for reading and writing, and never followed or opened in
 * a way that could block.
 */
#include "store_test.h"

#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/un.h>

static int secret_fn(const char *key, const void *value, size_t len, void *ctx)
{
	(void)key;
	if (st_same(value, len, "secret", 6))
		(*(int *)ctx)++;
	return 0;
}

/* Rule 4: a symlink key is refused and never followed, for reading or for
 * writing, whether it points at a file, a directory or nowhere. */
static void test_symlink_key_refused(void **state)
{
	struct st_fixture *fx = *state;
	char secret[PATH_MAX], secretdir[PATH_MAX], path[PATH_MAX];
	st_join(secret, fx->scratch, "secret");
	st_join(secretdir, fx->scratch, "secretdir");
	assert_int_equal(testutil_write_file(secret, "secret", 6), 0);
	assert_int_equal(mkdir(secretdir, 0755), 0);
	assert_int_equal(symlink(secret, st_join(path, fx->dbpath, "link.kv")), 0);
	assert_int_equal(symlink(secretdir, st_join(path, fx->dbpath, "dlink.kv")), 0);
	assert_int_equal(symlink("../secret", st_join(path, fx->dbpath, "rel.kv")), 0);
	assert_int_equal(symlink("/nonexistent/x", st_join(path, fx->dbpath, "dangle.kv")), 0);

	const char *keys[] = {"link", "dlink", "rel", "dangle"};
	for (size_t i = 0; i < 4; i++) {
		const char *k = keys[i];
		void *val = NULL;
		size_t len = 0;
		int err = flockd_get(fx->root, k, &val, &len);
		if (err != FLOCKD_ENOTREG)
			fail_msg("get of symlink %s: %s", k, flockd_strerror(err));
		assert_null(val);
		int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
		assert_int_equal(flockd_get_to_fd(fx->root, k, fd, NULL), FLOCKD_ENOTREG);
		close(fd);
		flockd_view *view = NULL;
		assert_int_equal(flockd_view_open(fx->root, k, &view), FLOCKD_ENOTREG);
		assert_null(view);
		assert_int_equal(flockd_set(fx->root, k, "pwned", 5), FLOCKD_ENOTREG);
		assert_int_equal(flockd_update(fx->root, k, "pwned", 5), FLOCKD_ENOTREG);
		assert_int_equal(flockd_delete(fx->root, k), FLOCKD_ENOTREG);
		err = flockd_create(fx->root, k, "pwned", 5);
		if (err != FLOCKD_EEXIST && err != FLOCKD_ENOTREG)
			fail_msg("create over symlink %s: %s", k, flockd_strerror(err));
		/* The symlink is still there, still a symlink. */
		char name[32];
		snprintf(name, sizeof(name), "%s.kv", k);
		struct stat st;
		assert_int_equal(lstat(st_join(path, fx->dbpath, name), &st), 0);
		assert_true(S_ISLNK(st.st_mode));
	}
	st_assert_file(secret, "secret", 6);
	ST_ASSERT_EMPTY_DIR(secretdir);
	st_assert_missing("/nonexistent/x");
	ST_ASSERT_ONLY(fx->dbpath, "link.kv", "dlink.kv", "rel.kv", "dangle.kv");

	/* A walk does not follow them either: it fails or skips, never reads
	 * the secret. */
	int seen = 0;
	int err = flockd_foreach(fx->root, secret_fn, &seen);
	if (err != FLOCKD_OK && err != FLOCKD_ENOTREG)
		fail_msg("walk over symlinks: %s", flockd_strerror(err));
	assert_int_equal(seen, 0);
}

static void on_alarm(int sig)
{
	(void)sig;
	static const char msg[] = "not ok - hung on a FIFO or socket key (alarm)\n";
	if (write(1, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
}

static void assert_special_refused(struct st_fixture *fx, const char *key)
{
	long long start = st_now_ms();
	void *val = NULL;
	size_t len = 0;
	assert_int_equal(flockd_get(fx->root, key, &val, &len), FLOCKD_ENOTREG);
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	assert_int_equal(flockd_get_to_fd(fx->root, key, fd, NULL), FLOCKD_ENOTREG);
	close(fd);
	flockd_view *view = NULL;
	assert_int_equal(flockd_view_open(fx->root, key, &view), FLOCKD_ENOTREG);
	assert_int_equal(flockd_set(fx->root, key, "v", 1), FLOCKD_ENOTREG);
	assert_int_equal(flockd_update(fx->root, key, "v", 1), FLOCKD_ENOTREG);
	assert_int_equal(flockd_delete(fx->root, key), FLOCKD_ENOTREG);
	int err = flockd_create(fx->root, key, "v", 1);
	if (err != FLOCKD_EEXIST && err != FLOCKD_ENOTREG)
		fail_msg("create over special file %s: %s", key, flockd_strerror(err));
	/* "At once": no blocking open (the alarm guards that) and no lock
	 * wait: seven calls in far less than seven timeouts. */
	long long elapsed = st_now_ms() - start;
	if (elapsed >= 3 * ST_TIMEOUT_MS)
		fail_msg("refusing special file %s took %lld ms", key, elapsed);
}

/* Rule 4: a FIFO in a key's place would block a plain open() forever. */
static void test_fifo_key_refused_at_once(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "x.kv");
	assert_int_equal(mkfifo(path, 0644), 0);
	struct sigaction sa = {.sa_handler = on_alarm}, old;
	sigaction(SIGALRM, &sa, &old);
	alarm(10);
	assert_special_refused(fx, "x");
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	ST_ASSERT_ONLY(fx->dbpath, "x.kv");
}

static void test_socket_key_refused(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "s.kv");
	/* Bound by a relative name: the scratch path may be longer than a
	 * socket address holds. */
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	strcpy(sun.sun_path, "s.kv");
	int cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(cwd >= 0);
	assert_int_equal(chdir(fx->dbpath), 0);
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(s >= 0);
	int bound = bind(s, (struct sockaddr *)&sun, sizeof(sun));
	assert_int_equal(fchdir(cwd), 0);
	close(cwd);
	assert_int_equal(bound, 0);
	struct stat sst;
	assert_int_equal(lstat(path, &sst), 0);
	assert_true(S_ISSOCK(sst.st_mode));
	assert_int_equal(listen(s, 1), 0);
	struct sigaction sa = {.sa_handler = on_alarm}, old;
	sigaction(SIGALRM, &sa, &old);
	alarm(10);
	assert_special_refused(fx, "s");
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	close(s);
	ST_ASSERT_ONLY(fx->dbpath, "s.kv");
}

static void test_device_key_refused(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "d.kv");
	assert_int_equal(mknod(path, S_IFCHR | 0666, makedev(1, 3)), 0); /* /dev/null */
	assert_special_refused(fx, "d");
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
}

/* Can this process make device nodes (root, outside a restricted
 * container)? */
static int can_mknod(void)
{
	char *dir = testutil_mkdtemp();
	if (dir == NULL)
		return 0;
	char path[PATH_MAX];
	int ok = mknod(st_join(path, dir, "dev"), S_IFCHR | 0600, makedev(1, 3)) == 0;
	testutil_rm_rf(dir);
	free(dir);
	return ok;
}

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_symlink_key_refused, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_fifo_key_refused_at_once, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_socket_key_refused, st_setup, st_teardown),
		/* last: left out where device nodes cannot be made */
		cmocka_unit_test_setup_teardown(test_device_key_refused, st_setup, st_teardown),
	};
	size_t n = sizeof(tests) / sizeof(tests[0]);
	if (!can_mknod()) {
		printf("# device nodes cannot be made here (not root?): "
		       "test_device_key_refused NOT run\n");
		n--;
	}
	return _cmocka_run_group_tests("store special files", tests, n, NULL, NULL);
}
