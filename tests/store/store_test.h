/* SPDX-License-Identifier: MIT */
/*
 * store_test.h - what the libflockd test programs share: a fixture with a
 * scratch database, outside lockers (forked processes that hold a flock
 * lock the way another program would), timing, privilege dropping and file
 * checks. Header-only (static inline) so each test program stays one .c.
 *
 * Forked children never run cmocka assertions (a failed assertion would
 * unwind into the child's copy of the test runner): they count failures
 * with ST_CHILD_CHECK, print "# " diagnostics and _exit() with the count.
 */
#ifndef TESTS_STORE_STORE_TEST_H
#define TESTS_STORE_STORE_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "flockd.h"
#include "lib/testutil.h"

/* The lock timeout of the default fixture: short, so that timeout tests
 * stay quick, long enough that a loaded CI machine does not hit it by
 * accident in tests that expect no contention. */
#define ST_TIMEOUT_MS 250L
/* Slack allowed beyond a timeout before a call counts as hanging. */
#define ST_MARGIN_MS 2000L
/* The uid/gid tests drop to when run as root (nobody/nogroup). */
#define ST_NOBODY 65534

struct st_fixture {
	char *scratch;          /* the scratch dir (removed at teardown) */
	char dbpath[PATH_MAX];  /* scratch/db */
	flockd_db *db;
	flockd_table *root;
};

/* A path below a directory, in a caller's buffer of PATH_MAX bytes. */
static inline const char *st_join(char *buf, const char *dir, const char *rel)
{
	int n = snprintf(buf, PATH_MAX, "%s/%s", dir, rel);
	if (n < 0 || n >= PATH_MAX)
		abort(); /* scratch paths are short; never test a truncated one */
	return buf;
}

static inline struct st_fixture *st_fixture_new(long timeout_ms)
{
	struct st_fixture *fx = calloc(1, sizeof(*fx));
	if (fx == NULL)
		return NULL;
	fx->scratch = testutil_mkdtemp();
	if (fx->scratch == NULL) {
		free(fx);
		return NULL;
	}
	st_join(fx->dbpath, fx->scratch, "db");
	int err = flockd_open(fx->dbpath, timeout_ms, 0, &fx->db);
	if (err == FLOCKD_OK)
		err = flockd_table_open(fx->db, "", 0, &fx->root);
	if (err != FLOCKD_OK) {
		fprintf(stderr, "fixture: %s\n", flockd_strerror(err));
		flockd_close(fx->db);
		testutil_rm_rf(fx->scratch);
		free(fx->scratch);
		free(fx);
		return NULL;
	}
	return fx;
}

static inline void st_fixture_free(struct st_fixture *fx)
{
	if (fx == NULL)
		return;
	flockd_table_close(fx->root);
	flockd_close(fx->db);
	testutil_rm_rf(fx->scratch);
	free(fx->scratch);
	free(fx);
}

static inline int st_setup(void **state)
{
	*state = st_fixture_new(ST_TIMEOUT_MS);
	return *state == NULL ? -1 : 0;
}

static inline int st_teardown(void **state)
{
	st_fixture_free(*state);
	return 0;
}

/* Milliseconds of CLOCK_MONOTONIC. */
static inline long long st_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Assert that a call took at least the timeout and returned within the
 * generous margin: the library waits for the lock but never hangs. */
#define ST_ASSERT_TIMED_OUT(err, start_ms, timeout_ms) do {               \
	int st_err_ = (err); /* the call, before measuring */               \
	long long st_elapsed_ = st_now_ms() - (start_ms);                   \
	if (st_err_ != FLOCKD_ETIMEOUT)                                     \
		fail_msg("expected a lock timeout, got: %s",               \
			 flockd_strerror(st_err_));                         \
	if (st_elapsed_ < (timeout_ms) ||                                   \
	    st_elapsed_ >= (timeout_ms) + ST_MARGIN_MS)                     \
		fail_msg("timed out after %lld ms, timeout is %ld ms",     \
			 st_elapsed_, (long)(timeout_ms));                  \
} while (0)

/* Assert that a file holds exactly `len` bytes `data`. */
static inline void st_assert_file(const char *path, const void *data,
				  size_t len)
{
	size_t got_len = 0;
	char *got = testutil_read_file(path, &got_len);
	if (got == NULL)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	assert_int_equal(got_len, len);
	assert_memory_equal(got, data, len);
	free(got);
}

static inline void st_assert_missing(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0)
		fail_msg("%s exists and should not", path);
	assert_int_equal(errno, ENOENT);
}

/* Entries of `dir` that are neither "." nor ".." nor in the NULL-ended
 * list `expected`, counted (leftover temp files and the like). */
static inline int st_count_unexpected(const char *dir, const char *const *expected)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		int known = 0;
		for (size_t i = 0; expected != NULL && expected[i] != NULL; i++)
			if (!strcmp(e->d_name, expected[i]))
				known = 1;
		if (!known) {
			printf("# unexpected entry in %s: %s\n", dir, e->d_name);
			n++;
		}
	}
	closedir(d);
	return n;
}

/* Assert that `dir` holds exactly the listed entries (NULL-ended): no temp
 * file or anything else was left behind. */
#define ST_ASSERT_ONLY(dir, ...) do {                                       \
	const char *const st_only_[] = {__VA_ARGS__, NULL};                 \
	assert_int_equal(st_count_unexpected((dir), st_only_), 0);          \
} while (0)
#define ST_ASSERT_EMPTY_DIR(dir) \
	assert_int_equal(st_count_unexpected((dir), NULL), 0)

/* ------------------------------------------------------ outside lockers */

/* A forked process that holds a flock lock on a file until released. */
struct st_locker {
	pid_t pid;
	int release_fd; /* closing it tells the child to let go */
};

/*
 * Start a process that opens `path` and takes flock `op` (LOCK_SH or
 * LOCK_EX, blocking), then holds it until st_locker_stop. Returns 0 once
 * the lock is held, -1 if the child could not get it.
 */
static inline int st_locker_start(struct st_locker *lk, const char *path, int op)
{
	lk->pid = -1;
	lk->release_fd = -1;
	int ready[2], release[2];
	if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(release, O_CLOEXEC) < 0)
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(ready[0]);
		close(release[1]);
		int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		char c = 'E';
		if (fd >= 0 && flock(fd, op) == 0)
			c = 'R';
		if (write(ready[1], &c, 1) != 1)
			_exit(2);
		char buf;
		while (read(release[0], &buf, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(ready[1]);
	close(release[0]);
	char c = 0;
	ssize_t n = read(ready[0], &c, 1);
	close(ready[0]);
	lk->pid = pid;
	lk->release_fd = release[1];
	if (n != 1 || c != 'R') {
		close(lk->release_fd);
		waitpid(pid, NULL, 0);
		lk->pid = -1;
		return -1;
	}
	return 0;
}

static inline void st_locker_stop(struct st_locker *lk)
{
	if (lk->pid <= 0)
		return;
	/* A byte, not just end of file: children forked meanwhile hold
	 * copies of the pipe's write end. */
	if (write(lk->release_fd, "x", 1) != 1)
		kill(lk->pid, SIGKILL);
	close(lk->release_fd);
	waitpid(lk->pid, NULL, 0);
	lk->pid = -1;
}

/*
 * Try flock(op | LOCK_NB) on `path` from another process, as another
 * program would. Returns 0 if the lock was granted, 1 if it would block,
 * 2 on another error.
 */
static inline int st_outside_trylock(const char *path, int op)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			_exit(2);
		if (flock(fd, op | LOCK_NB) == 0)
			_exit(0);
		_exit(errno == EWOULDBLOCK ? 1 : 2);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return 2;
	return WEXITSTATUS(status);
}

/*
 * Run util-linux `flock -n MODE path true`. Returns its exit status (0 got
 * the lock, 1 could not), or -1 when flock(1) is not available.
 */
static inline int st_flock1(const char *mode, const char *path)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0) {
			dup2(devnull, 2);
			close(devnull);
		}
		execlp("flock", "flock", "-n", mode, path, "true", (char *)NULL);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	if (WEXITSTATUS(status) == 127)
		return -1;
	return WEXITSTATUS(status);
}

/* --------------------------------------------------------- child checks */

/* In a forked child: count a failure and say what it was. */
#define ST_CHILD_CHECK(failures, cond, ...) do {                             \
	if (!(cond)) {                                                      \
		(failures)++;                                               \
		printf("# child check failed at %s:%d: ", __FILE__, __LINE__); \
		printf(__VA_ARGS__);                                        \
		printf("\n");                                               \
		fflush(stdout);                                             \
	}                                                                   \
} while (0)

/* In a forked child: `call` must return `want` (counted in the child's
 * local `failures`). */
#define ST_EXPECT(call, want) do {                                           \
	int st_got_ = (call);                                               \
	ST_CHILD_CHECK(failures, st_got_ == (want), "%s: got \"%s\", want \"%s\"", \
		       #call, flockd_strerror(st_got_), flockd_strerror(want)); \
} while (0)

/* Exit status a child uses to ask for the test to be skipped. */
#define ST_CHILD_SKIP 77

/* Wait for a child and turn its exit status into the test's verdict. */
static inline void st_child_verdict(pid_t pid, const char *what)
{
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fail_msg("%s: child killed by signal %d", what, WTERMSIG(status));
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == ST_CHILD_SKIP) {
		printf("# SKIP %s: not possible here (see above)\n", what);
		skip();
	}
	if (WEXITSTATUS(status) != 0)
		fail_msg("%s: %d check(s) failed in the child", what,
			 WEXITSTATUS(status));
}

/*
 * In a child: become an unprivileged user when running as root, so that
 * permission bits apply. Returns 0 on success (or when already not root),
 * -1 if privileges could not be dropped.
 */
static inline int st_drop_privileges(void)
{
	if (geteuid() != 0)
		return 0;
	if (setgroups(0, NULL) < 0 || setgid(ST_NOBODY) < 0 ||
	    setuid(ST_NOBODY) < 0)
		return -1;
	return geteuid() == 0 ? -1 : 0;
}

/*
 * Skipping. cmocka 1.1.5 reports a test that calls skip() as
 * "not ok N # SKIP", which automake's TAP driver counts as a failure. So a
 * program whose tests cannot run here at all probes before starting
 * cmocka and, if it must, skips as a whole with a TAP "1..0 # SKIP" plan,
 * which the driver reports as SKIP with the reason.
 */
static inline void st_skip_program(const char *reason)
{
	printf("1..0 # SKIP %s\n", reason);
	fflush(stdout);
	exit(0);
}

/* Run `probe` in a forked child; returns its exit status (0: possible),
 * or -1 if it could not run. */
static inline int st_probe(int (*probe)(void))
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int rc = probe();
		fflush(stdout);
		_exit(rc);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* ---------------------------------------------------- children, faults */

/*
 * Run body(arg) in a forked child; its count of failed ST_CHILD_CHECKs (or
 * ST_CHILD_SKIP) becomes the test's verdict. For tests that change the
 * process for good (seccomp filters, privileges, mounts).
 */
static inline void st_in_child(const char *what, int (*body)(void *), void *arg)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int failures = body(arg);
		fflush(stdout);
		_exit(failures > 100 ? 100 : failures);
	}
	st_child_verdict(pid, what);
}

enum st_fd_match { ST_FD_ANY, ST_FD_IS, ST_FD_NOT };

/*
 * In a child: from now on system call `nr` fails with `err` when its first
 * argument (a descriptor) matches: any, == fd, or != fd. A seccomp filter,
 * so it applies to the library's calls exactly as a failing disk would.
 * Filters stack. Returns 0, or -1 if seccomp is not available.
 */
static inline int st_fail_syscall(long nr, enum st_fd_match match, int fd,
				  int err)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0])),
		/* ST_FD_ANY: both branches fail; IS/NOT pick one */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)fd,
			 match == ST_FD_NOT ? 2 : 0, match == ST_FD_IS ? 1 : 0),
		BPF_STMT(BPF_RET | BPF_K,
			 SECCOMP_RET_ERRNO | ((unsigned)err & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof code / sizeof code[0], code};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
		printf("# seccomp: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static inline int st_write_proc(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* In a child: a private mount namespace (plain unshare as root, a user
 * namespace otherwise) with a tmpfs mounted at `mnt` with `opts`. Returns
 * 0, or -1 (with a "# " line saying why) where that is not possible. */
static inline int st_mount_tmpfs(const char *mnt, const char *opts)
{
	if (geteuid() == 0) {
		if (unshare(CLONE_NEWNS) != 0) {
			printf("# unshare(CLONE_NEWNS): %s\n", strerror(errno));
			return -1;
		}
	} else {
		uid_t uid = geteuid();
		gid_t gid = getegid();
		char map[64];
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
			printf("# unshare(CLONE_NEWUSER|CLONE_NEWNS): %s\n", strerror(errno));
			return -1;
		}
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
		if (st_write_proc("/proc/self/setgroups", "deny") != 0 && errno != ENOENT)
			return -1;
		if (st_write_proc("/proc/self/uid_map", map) != 0)
			return -1;
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
		if (st_write_proc("/proc/self/gid_map", map) != 0)
			return -1;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
		printf("# making mounts private: %s\n", strerror(errno));
		return -1;
	}
	if (mount("flockd-test", mnt, "tmpfs", MS_NOSUID | MS_NODEV, opts) != 0) {
		printf("# mount tmpfs (%s): %s\n", opts, strerror(errno));
		return -1;
	}
	return 0;
}

/* Set a file's modification time `age_s` seconds into the past. */
static inline int st_age(const char *path, long age_s)
{
	struct timespec times[2];
	clock_gettime(CLOCK_REALTIME, &times[0]);
	times[0].tv_sec -= age_s;
	times[1] = times[0];
	return utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW);
}

/* Make a placeholder, as a create on a file system without hard links
 * does: an empty file of mode 0000, `age_s` seconds old. */
static inline void st_make_placeholder(const char *path, long age_s)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(chmod(path, 0), 0);
	assert_int_equal(st_age(path, age_s), 0);
}

/* Wait (up to 5 s) until process `pid` waits for a flock lock, as
 * /proc/locks shows ("->" lines). Returns 0, or -1 on timeout. */
static inline int st_wait_lock_waiter(pid_t pid)
{
	char want[32];
	snprintf(want, sizeof want, " %d ", (int)pid);
	for (int i = 0; i < 500; i++) {
		FILE *f = fopen("/proc/locks", "re");
		char line[256];
		int found = 0;
		while (f != NULL && fgets(line, sizeof line, f) != NULL)
			if (strstr(line, "->") && strstr(line, want))
				found = 1;
		if (f != NULL)
			fclose(f);
		if (found)
			return 0;
		usleep(10000);
	}
	return -1;
}

/* Does process `pid` hold (not wait for) a flock lock on inode `ino`, as
 * /proc/locks shows? 1 yes, 0 no. */
static inline int st_pid_holds_lock(pid_t pid, ino_t ino)
{
	char who[32], what[32];
	snprintf(who, sizeof who, " %d ", (int)pid);
	snprintf(what, sizeof what, ":%llu ", (unsigned long long)ino);
	FILE *f = fopen("/proc/locks", "re");
	char line[256];
	int found = 0;
	while (f != NULL && fgets(line, sizeof line, f) != NULL)
		if (!strstr(line, "->") && strstr(line, "FLOCK") &&
		    strstr(line, who) && strstr(line, what))
			found = 1;
	if (f != NULL)
		fclose(f);
	return found;
}

/* Compare a value to expected bytes. */
static inline int st_same(const void *a, size_t alen, const void *b, size_t blen)
{
	return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

/* Does `key` of `t` hold exactly `len` bytes `want` (read as flockd_get)? */
static inline int st_value_is(flockd_table *t, const char *key,
			      const void *want, size_t len)
{
	void *v = NULL;
	size_t got = 0;
	int ok = flockd_get(t, key, &v, &got) == FLOCKD_OK &&
		 st_same(v, got, want, len);
	free(v);
	return ok;
}

/* The same for a string. */
static inline int st_value_str(flockd_table *t, const char *key,
			       const char *want)
{
	return st_value_is(t, key, want, strlen(want));
}

#endif
