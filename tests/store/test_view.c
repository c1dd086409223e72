/* SPDX-License-Identifier: MIT */
/*
 * test_view.c - view sessions (spec section 5): the value is read once and
 * its shared lock kept; save replaces the key and keeps viewing under a
 * shared lock; delete; reload; check notices a sync tool's replacement or
 * removal; a save after another process replaced the key is a conflict
 * that writes nothing; a reader holding the lock times a save out, and the
 * save can be retried.
 */
#include "store_test.h"

#define KEY "doc"

static const char *key_file(struct st_fixture *fx, char *buf)
{
	return st_join(buf, fx->dbpath, KEY ".kv");
}

static flockd_view *open_view(struct st_fixture *fx, const char *value)
{
	assert_int_equal(flockd_set(fx->root, KEY, value, strlen(value)), FLOCKD_OK);
	flockd_view *view = NULL;
	assert_int_equal(flockd_view_open(fx->root, KEY, &view), FLOCKD_OK);
	assert_non_null(view);
	return view;
}

static void assert_view_value(flockd_view *view, const void *want, size_t want_len)
{
	size_t len = 999;
	const void *val = flockd_view_value(view, &len);
	assert_non_null(val);
	assert_int_equal(len, want_len);
	if (len > 0)
		assert_memory_equal(val, want, len);
}

/* Another process replaces the key the way rsync does: write a temp file
 * beside it and rename it over the key, ignoring locks. */
static void outside_replace(struct st_fixture *fx, const char *value)
{
	char tmp[PATH_MAX], path[PATH_MAX];
	st_join(tmp, fx->dbpath, "." KEY ".kv.Qz19Xy");
	key_file(fx, path);
	fflush(stdout);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (testutil_write_file(tmp, value, strlen(value)) != 0 ||
		    rename(tmp, path) != 0)
			_exit(1);
		_exit(0);
	}
	st_child_verdict(pid, "rsync-style replace");
}

static void test_open_reads_and_locks(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	struct timespec before;
	clock_gettime(CLOCK_MONOTONIC, &before);
	flockd_view *view = open_view(fx, "hello view");
	assert_string_equal(flockd_view_key(view), KEY);
	assert_view_value(view, "hello view", 10);

	const struct flockd_stat *vst = flockd_view_stat(view);
	assert_non_null(vst);
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(vst->size, 10);
	assert_int_equal(vst->ino, st.st_ino);
	assert_int_equal(vst->dev, st.st_dev);
	assert_true(S_ISREG(vst->mode));
	assert_int_equal(vst->mode & 07777, 0600);
	assert_int_equal(vst->uid, geteuid());
	assert_int_equal(vst->nlink, 1);
	assert_int_equal(vst->mtime.tv_sec, st.st_mtim.tv_sec);
	assert_int_equal(vst->mtime.tv_nsec, st.st_mtim.tv_nsec);

	struct timespec since = flockd_view_locked_since(view), now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	assert_true(since.tv_sec > before.tv_sec ||
		    (since.tv_sec == before.tv_sec && since.tv_nsec >= before.tv_nsec));
	assert_true(since.tv_sec < now.tv_sec ||
		    (since.tv_sec == now.tv_sec && since.tv_nsec <= now.tv_nsec));

	assert_int_equal(st_outside_trylock(path, LOCK_EX), 1);
	assert_int_equal(st_outside_trylock(path, LOCK_SH), 0);
	assert_int_equal(flockd_view_check(view), FLOCKD_OK);

	/* No one else's write gets through meanwhile. */
	long long start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_update(fx->root, KEY, "x", 1), start, ST_TIMEOUT_MS);
	st_assert_file(path, "hello view", 10);
	ST_ASSERT_ONLY(fx->dbpath, KEY ".kv");

	flockd_view_close(view);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);
	flockd_view_close(NULL);
}

static void test_open_missing(void **state)
{
	struct st_fixture *fx = *state;
	flockd_view *view = NULL;
	assert_int_equal(flockd_view_open(fx->root, "nope", &view), FLOCKD_ENOTFOUND);
	assert_null(view);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

static void test_empty_value_view(void **state)
{
	struct st_fixture *fx = *state;
	flockd_view *view = open_view(fx, "");
	assert_view_value(view, "", 0);
	unsigned char bin[] = {0, 1, 2, 0, 255, '\n', 0};
	assert_int_equal(flockd_view_save(view, bin, sizeof(bin), 0), FLOCKD_OK);
	assert_view_value(view, bin, sizeof(bin));
	char path[PATH_MAX];
	st_assert_file(key_file(fx, path), bin, sizeof(bin));
	assert_int_equal(flockd_view_save(view, "", 0, 0), FLOCKD_OK);
	assert_view_value(view, "", 0);
	st_assert_file(path, "", 0);
	flockd_view_close(view);
}

/* Save, then keep viewing the new file under a shared lock. */
static void test_save_then_keep_viewing(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	flockd_view *view = open_view(fx, "version 1");
	struct stat old;
	assert_int_equal(lstat(path, &old), 0);
	struct timespec since1 = flockd_view_locked_since(view);

	char buf[] = "version 2, longer";
	assert_int_equal(flockd_view_save(view, buf, strlen(buf), 0), FLOCKD_OK);
	buf[0] = 'X'; /* the view keeps its own copy */
	assert_view_value(view, "version 2, longer", 17);
	st_assert_file(path, "version 2, longer", 17);
	struct stat now;
	assert_int_equal(lstat(path, &now), 0);
	assert_true(now.st_ino != old.st_ino); /* replaced by rename */
	assert_int_equal(now.st_mode & 07777, 0600);
	assert_int_equal(now.st_nlink, 1);
	ST_ASSERT_ONLY(fx->dbpath, KEY ".kv");

	/* the facts of the new file, recorded before the rename */
	const struct flockd_stat *vst = flockd_view_stat(view);
	assert_int_equal(vst->ino, now.st_ino);
	assert_int_equal(vst->dev, now.st_dev);
	assert_int_equal(vst->size, 17);
	assert_int_equal(vst->mode, now.st_mode);
	assert_int_equal(vst->nlink, 1);
	assert_int_equal(vst->uid, now.st_uid);
	assert_int_equal(vst->mtime.tv_sec, now.st_mtim.tv_sec);
	assert_int_equal(vst->mtime.tv_nsec, now.st_mtim.tv_nsec);
	struct timespec since2 = flockd_view_locked_since(view);
	assert_true(since2.tv_sec > since1.tv_sec ||
		    (since2.tv_sec == since1.tv_sec && since2.tv_nsec >= since1.tv_nsec));

	/* Still shared-locked, on the new file. */
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 1);
	assert_int_equal(st_outside_trylock(path, LOCK_SH), 0);
	assert_int_equal(flockd_view_check(view), FLOCKD_OK);

	/* And again. */
	assert_int_equal(flockd_view_save(view, "v3", 2, 0), FLOCKD_OK);
	assert_view_value(view, "v3", 2);
	st_assert_file(path, "v3", 2);
	assert_int_equal(flockd_view_check(view), FLOCKD_OK);
	void *val = NULL;
	size_t len = 0;
	assert_int_equal(flockd_view_read_current(view, &val, &len), FLOCKD_OK);
	assert_true(st_same(val, len, "v3", 2));
	free(val);
	/* Readers see it while the view is open. */
	assert_int_equal(flockd_get(fx->root, KEY, &val, &len), FLOCKD_OK);
	assert_true(st_same(val, len, "v3", 2));
	free(val);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 1);
	flockd_view_close(view);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 0);
	ST_ASSERT_ONLY(fx->dbpath, KEY ".kv");
}

static void test_view_delete(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	flockd_view *view = open_view(fx, "to go");
	assert_int_equal(flockd_view_delete(view, 0), FLOCKD_OK);
	st_assert_missing(path);
	void *val = NULL;
	size_t len;
	assert_int_equal(flockd_get(fx->root, KEY, &val, &len), FLOCKD_ENOTFOUND);
	flockd_view_close(view);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

/* flockd_view_check: fine, replaced behind our back, modified in place,
 * gone. */
static void test_check(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	flockd_view *view = open_view(fx, "mine");
	assert_int_equal(flockd_view_check(view), FLOCKD_OK);
	outside_replace(fx, "theirs");
	assert_int_equal(flockd_view_check(view), FLOCKD_ECONFLICT);
	flockd_view_close(view);

	/* In-place modification by a tool that ignores locks (size and mtime
	 * change on the same inode). */
	view = open_view(fx, "mine");
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, " and more", 9), 9);
	close(fd);
	assert_int_equal(flockd_view_check(view), FLOCKD_ECONFLICT);
	flockd_view_close(view);

	view = open_view(fx, "mine");
	assert_int_equal(unlink(path), 0);
	assert_int_equal(flockd_view_check(view), FLOCKD_ENOTFOUND);
	flockd_view_close(view);
}

/* The spec's section 4/5 test: a save after another process replaced the
 * key is a conflict; nothing is written; the current value is readable. */
static void test_save_conflict_after_replace(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	flockd_view *view = open_view(fx, "original");
	outside_replace(fx, "from rsync");

	assert_int_equal(flockd_view_save(view, "my edit", 7, 0), FLOCKD_ECONFLICT);
	st_assert_file(path, "from rsync", 10);
	ST_ASSERT_ONLY(fx->dbpath, KEY ".kv");
	assert_view_value(view, "original", 8); /* the view is unchanged */

	void *val = NULL;
	size_t len = 0;
	assert_int_equal(flockd_view_read_current(view, &val, &len), FLOCKD_OK);
	assert_true(st_same(val, len, "from rsync", 10));
	free(val);
	assert_view_value(view, "original", 8);

	/* Saving again is still a conflict (nothing changed). */
	assert_int_equal(flockd_view_save(view, "my edit", 7, 0), FLOCKD_ECONFLICT);
	st_assert_file(path, "from rsync", 10);

	/* The user chooses "overwrite". */
	assert_int_equal(flockd_view_save(view, "my edit", 7, FLOCKD_SAVE_FORCE), FLOCKD_OK);
	st_assert_file(path, "my edit", 7);
	assert_view_value(view, "my edit", 7);
	assert_int_equal(flockd_view_check(view), FLOCKD_OK);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 1);
	flockd_view_close(view);
	ST_ASSERT_ONLY(fx->dbpath, KEY ".kv");
}

static void test_save_conflict_after_unlink(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	flockd_view *view = open_view(fx, "original");
	assert_int_equal(unlink(path), 0);
	assert_int_equal(flockd_view_save(view, "edit", 4, 0), FLOCKD_ECONFLICT);
	st_assert_missing(path);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
	void *val = NULL;
	size_t len;
	assert_int_equal(flockd_view_read_current(view, &val, &len), FLOCKD_ENOTFOUND);
	/* Forcing recreates it. */
	assert_int_equal(flockd_view_save(view, "edit", 4, FLOCKD_SAVE_FORCE), FLOCKD_OK);
	st_assert_file(path, "edit", 4);
	flockd_view_close(view);
}

static void test_delete_conflict(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	flockd_view *view = open_view(fx, "original");
	outside_replace(fx, "newer");
	assert_int_equal(flockd_view_delete(view, 0), FLOCKD_ECONFLICT);
	st_assert_file(path, "newer", 5);
	assert_int_equal(flockd_view_delete(view, FLOCKD_SAVE_FORCE), FLOCKD_OK);
	st_assert_missing(path);
	flockd_view_close(view);
	ST_ASSERT_EMPTY_DIR(fx->dbpath);
}

/* A tool that ignores locks modified the viewed file in place: a conflict;
 * forcing replaces it (the view's own file: the forced path must not wait
 * for the view's own lock). */
static void test_force_over_modified_in_place(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	for (int del = 0; del < 2; del++) {
		flockd_view *view = open_view(fx, "mine");
		int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, " and theirs", 11), 11);
		close(fd);
		int err = del ? flockd_view_delete(view, 0)
			      : flockd_view_save(view, "edit", 4, 0);
		assert_int_equal(err, FLOCKD_ECONFLICT);
		st_assert_file(path, "mine and theirs", 15);
		assert_true(flockd_view_locked(view));
		err = del ? flockd_view_delete(view, FLOCKD_SAVE_FORCE)
			  : flockd_view_save(view, "edit", 4, FLOCKD_SAVE_FORCE);
		assert_int_equal(err, FLOCKD_OK);
		if (del) {
			st_assert_missing(path);
		} else {
			st_assert_file(path, "edit", 4);
			assert_int_equal(flockd_view_check(view), FLOCKD_OK);
			assert_int_equal(st_outside_trylock(path, LOCK_EX), 1);
		}
		flockd_view_close(view);
		if (del)
			ST_ASSERT_EMPTY_DIR(fx->dbpath);
		else
			ST_ASSERT_ONLY(fx->dbpath, KEY ".kv");
	}
}

/* After a conflict, "reload theirs". */
static void test_reload(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	flockd_view *view = open_view(fx, "old");
	outside_replace(fx, "theirs");
	assert_int_equal(flockd_view_check(view), FLOCKD_ECONFLICT);
	assert_int_equal(flockd_view_reload(view), FLOCKD_OK);
	assert_view_value(view, "theirs", 6);
	assert_int_equal(flockd_view_check(view), FLOCKD_OK);
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(flockd_view_stat(view)->ino, st.st_ino);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 1); /* new file locked */
	assert_int_equal(flockd_view_save(view, "merged", 6, 0), FLOCKD_OK);
	st_assert_file(path, "merged", 6);

	/* Reload of a vanished key fails; only close may follow. */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(flockd_view_reload(view), FLOCKD_ENOTFOUND);
	flockd_view_close(view);
}

/* A reader holding a shared lock makes the save time out; nothing is
 * written; after the reader lets go, the save can be retried. */
static void test_save_timeout_then_retry(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	flockd_view *view = open_view(fx, "before");
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, path, LOCK_SH), 0);

	long long start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_view_save(view, "after", 5, 0), start, ST_TIMEOUT_MS);
	st_assert_file(path, "before", 6);
	ST_ASSERT_ONLY(fx->dbpath, KEY ".kv");
	assert_view_value(view, "before", 6);

	start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_view_delete(view, 0), start, ST_TIMEOUT_MS);
	st_assert_file(path, "before", 6);

	/* The view still holds its shared lock (writers keep out). */
	assert_int_equal(flockd_view_check(view), FLOCKD_OK);
	st_locker_stop(&lk);
	assert_int_equal(st_outside_trylock(path, LOCK_EX), 1);

	assert_int_equal(flockd_view_save(view, "after", 5, 0), FLOCKD_OK);
	st_assert_file(path, "after", 5);
	assert_view_value(view, "after", 5);
	ST_ASSERT_ONLY(fx->dbpath, KEY ".kv");
	flockd_view_close(view);
}

/* The view holds its own reference to the table. */
static void test_view_outlives_table(void **state)
{
	struct st_fixture *fx = *state;
	flockd_db *db = NULL;
	flockd_table *t = NULL;
	assert_int_equal(flockd_open(fx->dbpath, 200, 0, &db), FLOCKD_OK);
	assert_int_equal(flockd_table_open(db, "sub", FLOCKD_TABLE_CREATE, &t), FLOCKD_OK);
	assert_int_equal(flockd_set(t, "k", "v1", 2), FLOCKD_OK);
	flockd_view *view = NULL;
	assert_int_equal(flockd_view_open(t, "k", &view), FLOCKD_OK);
	flockd_table_close(t);
	flockd_close(db);
	assert_int_equal(flockd_view_save(view, "v2", 2, 0), FLOCKD_OK);
	assert_int_equal(flockd_view_check(view), FLOCKD_OK);
	flockd_view_close(view);
	char path[PATH_MAX];
	st_assert_file(st_join(path, fx->dbpath, "sub.tbl/k.kv"), "v2", 2);
}

/* Two views of one key: each holds a shared lock, so neither can save
 * until the other closes (and then the first save makes the other's save a
 * conflict). */
static void test_two_views(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	flockd_view *a = open_view(fx, "base");
	flockd_view *b = NULL;
	assert_int_equal(flockd_view_open(fx->root, KEY, &b), FLOCKD_OK);
	long long start = st_now_ms();
	ST_ASSERT_TIMED_OUT(flockd_view_save(a, "from a", 6, 0), start, ST_TIMEOUT_MS);
	st_assert_file(path, "base", 4);
	flockd_view_close(b);
	b = NULL;
	assert_int_equal(flockd_view_save(a, "from a", 6, 0), FLOCKD_OK);
	flockd_view_close(a);

	a = open_view(fx, "base");
	assert_int_equal(flockd_view_open(fx->root, KEY, &b), FLOCKD_OK);
	flockd_view_close(a); /* a's lock gone; b still views "base" */
	assert_int_equal(flockd_set(fx->root, KEY, "sneaky", 6), FLOCKD_ETIMEOUT);
	flockd_view_close(b);
	st_assert_file(path, "base", 4);
}

/*
 * Lock conversion is not atomic: a writer waiting for the key can slip in
 * while the view converts its shared lock to exclusive. Whoever wins, the
 * waiting writer's value must be the last one standing: either the view
 * saved first (and the writer replaced it after), or the view saw the
 * writer's file and reported a conflict. A view that does not verify after
 * converting would rename over the writer's value and lose it.
 */
/* A process that holds a shared lock on `path` for `ms`, then exits;
 * returns once the lock is held. */
static pid_t brief_reader(const char *path, int ms)
{
	int ready[2];
	assert_int_equal(pipe2(ready, O_CLOEXEC), 0);
	fflush(stdout);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || flock(fd, LOCK_SH) != 0)
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		usleep((useconds_t)ms * 1000);
		_exit(0);
	}
	close(ready[1]);
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	return pid;
}

static void test_save_races_waiting_writer(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	key_file(fx, path);
	int outcomes[3] = {0, 0, 0};
	for (int round = 0; round < 12; round++) {
		char mine[32], theirs[32];
		snprintf(mine, sizeof(mine), "view %d", round);
		snprintf(theirs, sizeof(theirs), "writer %d", round);
		/* Fork before the view opens: a child forked later would share
		 * the view's open file description, and with it its lock. */
		int gate[2];
		assert_int_equal(pipe2(gate, O_CLOEXEC), 0);
		fflush(stdout);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			char c;
			close(gate[1]);
			if (read(gate[0], &c, 1) != 1)
				_exit(1);
			flockd_db *db = NULL;
			flockd_table *t = NULL;
			if (flockd_open(fx->dbpath, 10000, 0, &db) != FLOCKD_OK ||
			    flockd_table_open(db, "", 0, &t) != FLOCKD_OK)
				_exit(1);
			long long t0 = st_now_ms();
			int err = flockd_set(t, KEY, theirs, strlen(theirs));
			if (err != FLOCKD_OK) {
				printf("# waiting writer: %s after %lld ms (step %s)\n",
				       flockd_strerror(err), st_now_ms() - t0,
				       flockd_table_last_step(t));
				fflush(stdout);
			}
			_exit(err == FLOCKD_OK ? 0 : 2);
		}
		close(gate[0]);
		/* A reader holds a shared lock for a moment, so that the view
		 * and the writer both wait for the exclusive lock and race
		 * for it when the reader lets go. */
		assert_int_equal(flockd_set(fx->root, KEY, "base", 4), FLOCKD_OK);
		pid_t reader = brief_reader(path, 40 + round * 5);
		flockd_view *view = NULL;
		assert_int_equal(flockd_view_open(fx->root, KEY, &view), FLOCKD_OK);
		assert_int_equal(write(gate[1], "g", 1), 1);
		close(gate[1]);
		usleep(10000); /* the writer is polling */
		int err = flockd_view_save(view, mine, strlen(mine), 0);
		if (err == FLOCKD_OK)
			outcomes[0]++;
		else if (err == FLOCKD_ECONFLICT)
			outcomes[1]++;
		else if (err == FLOCKD_ETIMEOUT)
			outcomes[2]++;
		else
			fail_msg("round %d: save gave %s", round, flockd_strerror(err));
		flockd_view_close(view);
		st_child_verdict(reader, "brief reader");
		st_child_verdict(pid, "waiting writer");
		st_assert_file(path, theirs, strlen(theirs));
		ST_ASSERT_ONLY(fx->dbpath, KEY ".kv");
	}
	printf("# view saved first %d, conflict %d, timeout %d\n", outcomes[0],
	       outcomes[1], outcomes[2]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_reads_and_locks, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_open_missing, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_empty_value_view, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_save_then_keep_viewing, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_view_delete, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_check, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_save_conflict_after_replace, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_save_conflict_after_unlink, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_delete_conflict, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_force_over_modified_in_place, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_reload, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_save_timeout_then_retry, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_view_outlives_table, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_two_views, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_save_races_waiting_writer, st_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store view", tests, NULL, NULL);
}
