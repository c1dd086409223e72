/* SPDX-License-Identifier: MIT */
/*
 * test_races.c - the spec's section 4 improvements, each by a test that
 * fails without it: readers racing writers in other processes never see an
 * empty or partial value; processes racing to create one key have exactly
 * one winner (also without hard links, through the placeholder fallback);
 * a reader or writer that waited on a file renamed away works on the new
 * file. (What may stand in a key's place: test_special.c.)
 */
#include "store_test.h"

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

/* Counters shared by the racing processes (MAP_SHARED). */
struct race_stats {
	long reads_ok;
	long reads_missing;
	long writes;
	long bad;    /* empty, partial or foreign values seen */
	long errors; /* unexpected error codes */
	int stop;    /* set by the parent: racers finish their step and exit */
};

static struct race_stats *stats_new(void)
{
	void *p = mmap(NULL, sizeof(struct race_stats), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(p != MAP_FAILED);
	memset(p, 0, sizeof(struct race_stats));
	return p;
}

/*
 * A value that proves itself whole: "V<writer>:<seq>:<len>:" followed by
 * filler bytes that depend on writer, seq and position, `len` bytes in
 * all. Lengths vary from a few bytes to 48 KiB so a torn read shows.
 */
static size_t make_value(unsigned char *buf, int writer, long seq)
{
	size_t len = 24 + (size_t)((seq * 7919 + writer * 104729) % (48 * 1024));
	int head = snprintf((char *)buf, 64, "V%d:%ld:%zu:", writer, seq, len);
	for (size_t i = (size_t)head; i < len; i++)
		buf[i] = (unsigned char)('a' + (i * 31 + (size_t)seq + (size_t)writer) % 26);
	return len;
}

static int value_ok(const unsigned char *val, size_t len)
{
	if (len < 24)
		return 0;
	int writer;
	long seq;
	size_t want;
	char head[64];
	size_t hl = len < sizeof(head) - 1 ? len : sizeof(head) - 1;
	memcpy(head, val, hl);
	head[hl] = '\0';
	if (sscanf(head, "V%d:%ld:%zu:", &writer, &seq, &want) != 3 || want != len)
		return 0;
	static unsigned char expect[64 * 1024];
	if (make_value(expect, writer, seq) != len)
		return 0;
	return memcmp(expect, val, len) == 0;
}

static void run_until_stopped(void (*step)(flockd_table *, struct race_stats *, int, long),
			      flockd_table *t, struct race_stats *rs, int id)
{
	for (long i = 0; !__atomic_load_n(&rs->stop, __ATOMIC_RELAXED); i++)
		step(t, rs, id, i);
}

static void write_step(flockd_table *t, struct race_stats *rs, int id, long i)
{
	static unsigned char buf[64 * 1024];
	size_t len = make_value(buf, id, i);
	int err = flockd_set(t, "race", buf, len);
	if (err == FLOCKD_OK)
		__atomic_add_fetch(&rs->writes, 1, __ATOMIC_RELAXED);
	else {
		printf("# writer %d: %s\n", id, flockd_strerror(err));
		__atomic_add_fetch(&rs->errors, 1, __ATOMIC_RELAXED);
	}
}

/* Delete, then create again: a window where a placeholder or an empty
 * file could be visible to readers. */
static void recreate_step(flockd_table *t, struct race_stats *rs, int id, long i)
{
	static unsigned char buf[64 * 1024];
	size_t len = make_value(buf, id, i);
	int err = flockd_delete(t, "race");
	if (err == FLOCKD_OK)
		err = flockd_create(t, "race", buf, len);
	if (err == FLOCKD_EEXIST)
		err = FLOCKD_OK; /* another recreator won: fine */
	usleep(500); /* let readers see the value too, not only its absence */
	if (err == FLOCKD_OK)
		__atomic_add_fetch(&rs->writes, 1, __ATOMIC_RELAXED);
	else {
		printf("# recreator %d: %s\n", id, flockd_strerror(err));
		__atomic_add_fetch(&rs->errors, 1, __ATOMIC_RELAXED);
	}
}

static void read_step(flockd_table *t, struct race_stats *rs, int id, long i)
{
	void *val = NULL;
	size_t len = 0;
	int err;
	if (i % 3 == 2) {
		/* Every third read through a view session. */
		flockd_view *view = NULL;
		err = flockd_view_open(t, "race", &view);
		if (err == FLOCKD_OK) {
			const void *v = flockd_view_value(view, &len);
			val = malloc(len ? len : 1);
			if (val != NULL)
				memcpy(val, v, len);
			flockd_view_close(view);
		}
	} else {
		err = flockd_get(t, "race", &val, &len);
	}
	if (err == FLOCKD_OK) {
		if (!value_ok(val, len)) {
			if (__atomic_add_fetch(&rs->bad, 1, __ATOMIC_RELAXED) < 5)
				printf("# reader %d saw a bad value of %zu bytes\n", id, len);
		} else {
			__atomic_add_fetch(&rs->reads_ok, 1, __ATOMIC_RELAXED);
		}
	} else if (err == FLOCKD_ENOTFOUND) {
		__atomic_add_fetch(&rs->reads_missing, 1, __ATOMIC_RELAXED);
	} else {
		printf("# reader %d: %s\n", id, flockd_strerror(err));
		__atomic_add_fetch(&rs->errors, 1, __ATOMIC_RELAXED);
	}
	free(val);
	/* A breath between reads: readers in a tight loop keep their shared
	 * locks overlapping and starve the writers' polling exclusive lock,
	 * and then there is no race to watch. */
	if (i % 4 == 3)
		usleep(200);
}

static pid_t spawn(void (*step)(flockd_table *, struct race_stats *, int, long),
		   const char *dbpath, struct race_stats *rs, int id)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	/* Each process opens the database itself, as separate programs do. */
	flockd_db *db = NULL;
	flockd_table *t = NULL;
	if (flockd_open(dbpath, 10000, 0, &db) != FLOCKD_OK ||
	    flockd_table_open(db, "", 0, &t) != FLOCKD_OK)
		_exit(1);
	run_until_stopped(step, t, rs, id);
	flockd_table_close(t);
	flockd_close(db);
	fflush(stdout);
	_exit(0);
}

static void race(struct st_fixture *fx, int nwriters,
		 void (*wstep)(flockd_table *, struct race_stats *, int, long),
		 int nreaders, long duration_ms, int allow_missing)
{
	struct race_stats *rs = stats_new();
	unsigned char buf[64 * 1024];
	size_t len = make_value(buf, 99, 0);
	assert_int_equal(flockd_set(fx->root, "race", buf, len), FLOCKD_OK);

	pid_t pids[16];
	int n = 0;
	for (int w = 0; w < nwriters; w++)
		pids[n++] = spawn(wstep, fx->dbpath, rs, w);
	for (int r = 0; r < nreaders; r++)
		pids[n++] = spawn(read_step, fx->dbpath, rs, 100 + r);
	/* Race for duration_ms, then on until both sides have done enough to
	 * make it a race (a loaded machine or a sanitizer build slows the
	 * writers, whose exclusive lock polls against the readers' shared
	 * ones), but never past a bound: a writer starved that long fails. */
	long long start = st_now_ms();
	while (st_now_ms() - start < duration_ms ||
	       ((__atomic_load_n(&rs->writes, __ATOMIC_RELAXED) < 20 ||
		 __atomic_load_n(&rs->reads_ok, __ATOMIC_RELAXED) < 20) &&
		st_now_ms() - start < duration_ms + 20000))
		usleep(20000);
	__atomic_store_n(&rs->stop, 1, __ATOMIC_RELAXED);
	for (int i = 0; i < n; i++)
		st_child_verdict(pids[i], "racer");

	printf("# %ld writes, %ld good reads, %ld not found, %ld bad, %ld errors\n",
	       rs->writes, rs->reads_ok, rs->reads_missing, rs->bad, rs->errors);
	assert_int_equal(rs->bad, 0);
	assert_int_equal(rs->errors, 0);
	/* The race really happened. Writers are few: readers that keep
	 * overlapping shared locks starve a polling exclusive lock. */
	assert_true(rs->writes >= 20);
	assert_true(rs->reads_ok >= 20);
	if (!allow_missing)
		assert_int_equal(rs->reads_missing, 0);
	/* The final value is whole and no temp file is left. */
	void *val = NULL;
	assert_int_equal(flockd_get(fx->root, "race", &val, &len), FLOCKD_OK);
	assert_true(value_ok(val, len));
	free(val);
	ST_ASSERT_ONLY(fx->dbpath, "race.kv");
	munmap(rs, sizeof(*rs));
}

/* Rule 1 and atomic replacement: readers never see a partial value. */
static void test_readers_racing_setters(void **state)
{
	race(*state, 2, write_step, 3, 1000, 0);
}

/* Rule 2: readers racing delete+create never see an empty value (the
 * original's placeholder create shows one). */
static void test_readers_racing_creators(void **state)
{
	race(*state, 2, recreate_step, 3, 1000, 1);
}

/*
 * A file system without hard links, simulated: a seccomp filter makes
 * link(2)/linkat(2) fail with EPERM in this process, as on vfat or some
 * FUSE file systems, so creates take the spec's placeholder fallback.
 * Returns 0, or -1 where no filter can be installed.
 */
#if defined(__x86_64__)
#define ST_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ST_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

static int forbid_hard_links(void)
{
#ifdef ST_AUDIT_ARCH
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ST_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#ifdef __NR_link
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_link, 2, 0),
#else
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_linkat, 2, 0),
#endif
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_linkat, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
	};
	struct sock_fprog prog = {
		.len = (unsigned short)(sizeof(filter) / sizeof(filter[0])),
		.filter = filter,
	};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0)
		return -1;
	return 0;
#else
	return -1;
#endif
}

static int probe_no_links(void)
{
	if (forbid_hard_links() != 0)
		return 1;
	/* Check that it bites. */
	return linkat(AT_FDCWD, "/nonexistent-a", AT_FDCWD, "/nonexistent-b", 0) != 0 &&
	       errno == EPERM ? 0 : 1;
}

static void recreate_no_links_step(flockd_table *t, struct race_stats *rs, int id,
				   long i)
{
	if (i == 0 && forbid_hard_links() != 0) {
		printf("# recreator %d: cannot forbid hard links\n", id);
		__atomic_add_fetch(&rs->errors, 1, __ATOMIC_RELAXED);
	}
	recreate_step(t, rs, id, i);
}

/* Rule 2's fallback: without hard links a create goes through a
 * placeholder, and readers racing it must still never see it empty (nor
 * may the racing writers fail). */
static void test_readers_racing_placeholder_creators(void **state)
{
	if (st_probe(probe_no_links) != 0) {
		printf("# seccomp filters unavailable: placeholder fallback NOT "
		       "raced (counted as passed)\n");
		return;
	}
	race(*state, 2, recreate_no_links_step, 3, 1000, 1);
}

/* The fallback's create race: still exactly one winner. */
static void test_create_race_without_links(void **state)
{
	struct st_fixture *fx = *state;
	if (st_probe(probe_no_links) != 0) {
		printf("# seccomp filters unavailable: NOT tested (counted as passed)\n");
		return;
	}
	enum { NPROC = 6, ROUNDS = 10 };
	for (int round = 0; round < ROUNDS; round++) {
		char key[32];
		snprintf(key, sizeof(key), "nolink%d", round);
		int gate[2];
		assert_int_equal(pipe2(gate, O_CLOEXEC), 0);
		pid_t pids[NPROC];
		fflush(stdout);
		for (int i = 0; i < NPROC; i++) {
			pids[i] = fork();
			assert_true(pids[i] >= 0);
			if (pids[i] == 0) {
				close(gate[1]);
				if (forbid_hard_links() != 0)
					_exit(3);
				char c;
				while (read(gate[0], &c, 1) > 0)
					;
				char val[64];
				snprintf(val, sizeof(val), "winner is %d", i);
				int err = flockd_create(fx->root, key, val, strlen(val));
				if (err == FLOCKD_OK)
					_exit(0);
				if (err == FLOCKD_EEXIST)
					_exit(1);
				printf("# creator %d: %s (step %s)\n", i, flockd_strerror(err),
				       flockd_table_last_step(fx->root));
				fflush(stdout);
				_exit(2);
			}
		}
		close(gate[0]);
		usleep(20 * 1000);
		close(gate[1]);
		int winners = 0, losers = 0, winner = -1;
		for (int i = 0; i < NPROC; i++) {
			int status;
			assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
			assert_true(WIFEXITED(status));
			if (WEXITSTATUS(status) == 0) {
				winners++;
				winner = i;
			} else if (WEXITSTATUS(status) == 1) {
				losers++;
			}
		}
		if (winners != 1 || losers != NPROC - 1)
			fail_msg("round %d: %d winners, %d EEXIST of %d", round,
				 winners, losers, NPROC);
		char want[64], path[PATH_MAX], name[48];
		snprintf(want, sizeof(want), "winner is %d", winner);
		snprintf(name, sizeof(name), "%s.kv", key);
		st_assert_file(st_join(path, fx->dbpath, name), want, strlen(want));
	}
	assert_int_equal(testutil_count_entries(fx->dbpath, NULL), ROUNDS);
}

/* Rule 2: N processes create one key at once: exactly one wins. */
static void test_create_race_one_winner(void **state)
{
	struct st_fixture *fx = *state;
	enum { NPROC = 8, ROUNDS = 10 };
	for (int round = 0; round < ROUNDS; round++) {
		char key[32];
		snprintf(key, sizeof(key), "one%d", round);
		int gate[2];
		assert_int_equal(pipe2(gate, O_CLOEXEC), 0);
		pid_t pids[NPROC];
		fflush(stdout);
		for (int i = 0; i < NPROC; i++) {
			pids[i] = fork();
			assert_true(pids[i] >= 0);
			if (pids[i] == 0) {
				close(gate[1]);
				char c;
				while (read(gate[0], &c, 1) > 0)
					;
				char val[64];
				snprintf(val, sizeof(val), "winner is %d", i);
				int err = flockd_create(fx->root, key, val, strlen(val));
				if (err == FLOCKD_OK)
					_exit(0);
				if (err == FLOCKD_EEXIST)
					_exit(1);
				printf("# creator %d: %s\n", i, flockd_strerror(err));
				fflush(stdout);
				_exit(2);
			}
		}
		close(gate[0]);
		usleep(20 * 1000); /* let them all reach the gate */
		close(gate[1]);
		int winners = 0, losers = 0, winner = -1;
		for (int i = 0; i < NPROC; i++) {
			int status;
			assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
			assert_true(WIFEXITED(status));
			if (WEXITSTATUS(status) == 0) {
				winners++;
				winner = i;
			} else if (WEXITSTATUS(status) == 1) {
				losers++;
			}
		}
		if (winners != 1 || losers != NPROC - 1)
			fail_msg("round %d: %d winners, %d EEXIST of %d", round,
				 winners, losers, NPROC);
		char want[64], path[PATH_MAX], name[48];
		snprintf(want, sizeof(want), "winner is %d", winner);
		snprintf(name, sizeof(name), "%s.kv", key);
		st_assert_file(st_join(path, fx->dbpath, name), want, strlen(want));
	}
	/* Only the keys: no temp or placeholder files left. */
	assert_int_equal(testutil_count_entries(fx->dbpath, NULL), ROUNDS);
	assert_int_equal(testutil_count_entries(fx->dbpath, ".kv"), ROUNDS);
	char path[PATH_MAX];
	struct stat st;
	for (int round = 0; round < ROUNDS; round++) {
		char name[48];
		snprintf(name, sizeof(name), "one%d.kv", round);
		assert_int_equal(lstat(st_join(path, fx->dbpath, name), &st), 0);
		assert_int_equal(st.st_nlink, 1);
	}
}

/* -------------------------------------- waiting on a file renamed away */

/*
 * A child runs `op` on key "k" (10 s timeout) while an outside locker
 * holds the current file; the parent then changes the key behind the lock
 * with `change` and lets the lock go. The child's result and value come
 * back through a pipe.
 */
struct waited {
	int err;
	size_t len;
	char val[64];
};

enum waiter_op { WAIT_GET, WAIT_UPDATE, WAIT_DELETE, WAIT_SET };

static pid_t start_waiter(struct st_fixture *fx, enum waiter_op op, int out)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	flockd_db *db = NULL;
	flockd_table *t = NULL;
	struct waited w = {0};
	if (flockd_open(fx->dbpath, 10000, 0, &db) != FLOCKD_OK ||
	    flockd_table_open(db, "", 0, &t) != FLOCKD_OK)
		_exit(1);
	void *val = NULL;
	switch (op) {
	case WAIT_GET:
		w.err = flockd_get(t, "k", &val, &w.len);
		if (w.err == FLOCKD_OK && w.len < sizeof(w.val))
			memcpy(w.val, val, w.len);
		free(val);
		break;
	case WAIT_UPDATE:
		w.err = flockd_update(t, "k", "updated", 7);
		break;
	case WAIT_DELETE:
		w.err = flockd_delete(t, "k");
		break;
	case WAIT_SET:
		w.err = flockd_set(t, "k", "set", 3);
		break;
	}
	if (write(out, &w, sizeof(w)) != (ssize_t)sizeof(w))
		_exit(1);
	flockd_table_close(t);
	flockd_close(db);
	_exit(0);
}

static struct waited wait_behind_lock(struct st_fixture *fx, enum waiter_op op,
				      void (*change)(struct st_fixture *))
{
	char path[PATH_MAX];
	st_join(path, fx->dbpath, "k.kv");
	assert_int_equal(testutil_write_file(path, "old", 3), 0);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, path, LOCK_EX), 0);
	int p[2];
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pid_t pid = start_waiter(fx, op, p[1]);
	close(p[1]);
	usleep(300 * 1000); /* the child opens the old file and waits */
	change(fx);
	st_locker_stop(&lk);
	struct waited w;
	assert_int_equal(read(p[0], &w, sizeof(w)), (ssize_t)sizeof(w));
	close(p[0]);
	st_child_verdict(pid, "waiter");
	return w;
}

/* What rsync does: write a new file, rename it over the key. */
static void rsync_replace(struct st_fixture *fx)
{
	char tmp[PATH_MAX], path[PATH_MAX];
	st_join(tmp, fx->dbpath, ".k.kv.Ab12Cd");
	assert_int_equal(testutil_write_file(tmp, "new", 3), 0);
	assert_int_equal(rename(tmp, st_join(path, fx->dbpath, "k.kv")), 0);
}

static void remove_key(struct st_fixture *fx)
{
	char path[PATH_MAX];
	assert_int_equal(unlink(st_join(path, fx->dbpath, "k.kv")), 0);
}

/* Rule 1: a reader that waited on a file that was then replaced reads the
 * new file, not the orphan it locked. */
static void test_get_after_replace_reads_new(void **state)
{
	struct st_fixture *fx = *state;
	struct waited w = wait_behind_lock(fx, WAIT_GET, rsync_replace);
	assert_int_equal(w.err, FLOCKD_OK);
	assert_int_equal(w.len, 3);
	assert_memory_equal(w.val, "new", 3);
}

static void test_get_after_remove_not_found(void **state)
{
	struct st_fixture *fx = *state;
	struct waited w = wait_behind_lock(fx, WAIT_GET, remove_key);
	assert_int_equal(w.err, FLOCKD_ENOTFOUND);
}

/* Rule 1 for writers: an update that waited on a key removed meanwhile
 * must not bring it back. */
static void test_update_after_remove_not_found(void **state)
{
	struct st_fixture *fx = *state;
	struct waited w = wait_behind_lock(fx, WAIT_UPDATE, remove_key);
	assert_int_equal(w.err, FLOCKD_ENOTFOUND);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

static void test_set_after_replace_lands(void **state)
{
	struct st_fixture *fx = *state;
	struct waited w = wait_behind_lock(fx, WAIT_SET, rsync_replace);
	assert_int_equal(w.err, FLOCKD_OK);
	char path[PATH_MAX];
	st_assert_file(st_join(path, fx->dbpath, "k.kv"), "set", 3);
	ST_ASSERT_ONLY(fx->dbpath, "k.kv");
}

static void test_delete_after_replace_deletes(void **state)
{
	struct st_fixture *fx = *state;
	struct waited w = wait_behind_lock(fx, WAIT_DELETE, rsync_replace);
	assert_int_equal(w.err, FLOCKD_OK);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_readers_racing_setters, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_readers_racing_creators, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_create_race_one_winner, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_readers_racing_placeholder_creators, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_create_race_without_links, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_get_after_replace_reads_new, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_get_after_remove_not_found, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_update_after_remove_not_found, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_set_after_replace_lands, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_delete_after_replace_deletes, st_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store races", tests, NULL, NULL);
}
