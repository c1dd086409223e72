/* SPDX-License-Identifier: MIT */
/* test_leftovers.c - the check model on a scratch database holding every
 * kind of leftover, each judged by the cleaning rule, and the careful
 * removal of what the rule allows, decided again at the last moment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "flockd.h"
#include "inspect/leftovers.h"
#include "lib/testutil.h"

#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>

struct fixture {
	char *dir;
	char path[4096];
	int held_fd; /* holds an exclusive flock on locked.kvZZ */
};

static const char *at(struct fixture *f, const char *name)
{
	snprintf(f->path, sizeof f->path, "%s/%s", f->dir, name);
	return f->path;
}

static void put(struct fixture *f, const char *name, const char *data)
{
	assert_int_equal(testutil_write_file(at(f, name), data, strlen(data)),
			 0);
}

/* Set a file's mtime `age` seconds into the past. */
static void backdate(struct fixture *f, const char *name, long age)
{
	struct timespec ts[2];
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec -= age;
	ts[1] = ts[0];
	assert_int_equal(utimensat(AT_FDCWD, at(f, name), ts,
				   AT_SYMLINK_NOFOLLOW), 0);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->dir = testutil_mkdtemp();
	assert_non_null(f->dir);
	put(f, "a.kv", "value of a");
	put(f, "a.kvAb12Cd", "half-written");
	backdate(f, "a.kvAb12Cd", 7200);
	put(f, "b.kv3141", "go temp");
	backdate(f, "b.kv3141", 7200);
	put(f, "young.kvQ1", "just now");
	put(f, "locked.kvZZ", "being written");
	backdate(f, "locked.kvZZ", 7200);
	put(f, ".a.kv.Xy12Ab", "rsync");
	assert_int_equal(mkdir(at(f, ".~tmp~"), 0755), 0);
	put(f, ".syncthing.a.kv.tmp", "st");
	put(f, ".unison.a.kv.1234.unison.tmp", "un");
	put(f, "a.sync-conflict-20240102-030405-ABCDEFG.kv", "their a");
	put(f, "gone.sync-conflict-20240102-030405-ABCDEFG.kv", "orphan");
	put(f, "empty.kv", "");
	assert_int_equal(mkdir(at(f, "dir.kv"), 0755), 0);
	assert_int_equal(symlink("/etc/passwd", at(f, "link.kv")), 0);
	assert_int_equal(mkfifo(at(f, "fifo.kv"), 0644), 0);
	put(f, "bad.tbl", "not a dir");
	put(f, "README", "not ours");
	assert_int_equal(mkdir(at(f, "users.tbl"), 0755), 0);
	put(f, "users.tbl/u.kv", "u");
	put(f, "users.tbl/u.kvQQ", "u temp");
	f->held_fd = open(at(f, "locked.kvZZ"), O_RDWR | O_CLOEXEC);
	assert_true(f->held_fd >= 0);
	assert_int_equal(flock(f->held_fd, LOCK_EX | LOCK_NB), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	close(f->held_fd);
	testutil_rm_rf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static const struct leftover *find(const struct leftover_report *r,
				   const char *table, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].table, table) && !strcmp(r->v[i].name, name))
			return &r->v[i];
	return NULL;
}

static const struct leftover *expect(const struct leftover_report *r,
				     const char *table, const char *name,
				     const char *kind, const char *key)
{
	const struct leftover *l = find(r, table, name);
	if (l == NULL)
		fail_msg("no finding for %s/%s", table, name);
	if (strcmp(leftover_kind_name(l), kind) != 0)
		fail_msg("%s: kind %s, expected %s", name,
			 leftover_kind_name(l), kind);
	if (key == NULL)
		assert_null(l->key);
	else
		assert_string_equal(l->key, key);
	return l;
}

static void check(flockd_db *db, struct leftover_report *r, long stale_ms)
{
	struct proc_locks locks;
	int have = proc_locks_load(PROC_LOCKS_PATH, &locks) == 0;
	struct leftover_opts o;
	leftover_opts_init(&o, have ? &locks : NULL);
	o.stale_ms = stale_ms;
	memset(r, 0, sizeof *r);
	assert_int_equal(leftovers_check_db(db, &o, r), 0);
	if (have)
		proc_locks_free(&locks);
}

static void test_every_kind_found(void **state)
{
	struct fixture *f = *state;
	/* more of what the tools leave */
	put(f, "a (conflict_on_2024-01-02).kv", "unison's a");
	put(f, "a (Bob's conflicted copy 2024-01-02).kv", "dropbox's a");
	put(f, "a.kv~", "rsync backup");
	put(f, ".bak.1.a.kv", "unison backup");
	put(f, ".nfs000000000012ab3400000001", "silly");
	put(f, ".stignore", "syncthing's");
	put(f, ".hid.kv", "hidden key");
	put(f, ".hid.kv.Q1w2E3", "rsync temp of .hid");
	put(f, "epoch.kv", "torn?");
	struct timespec epoch[2] = {{0, 790592762}, {0, 790592762}};
	assert_int_equal(utimensat(AT_FDCWD, at(f, "epoch.kv"), epoch, 0), 0);
	flockd_db *db;
	assert_int_equal(flockd_open(f->dir, 1000, FLOCKD_OPEN_READONLY, &db),
			 0);
	struct leftover_report r;
	check(db, &r, 3600L * 1000L);
	const struct leftover *l;
	l = expect(&r, "", "a.kvAb12Cd", "temp", "a");
	assert_int_equal(l->verdict, CLEAN_REMOVABLE);
	assert_true(l->attention);
	expect(&r, "", "b.kv3141", "temp", "b");
	l = expect(&r, "", "young.kvQ1", "temp", "young");
	assert_int_equal(l->verdict, CLEAN_KEEP_YOUNG);
	assert_false(l->attention);
	/* the temp a writer holds a lock on is shown, in use */
	l = expect(&r, "", "locked.kvZZ", "temp", "locked");
	assert_int_equal(l->verdict, CLEAN_KEEP_LOCKED);
	assert_false(l->attention);
	l = expect(&r, "", ".a.kv.Xy12Ab", "rsync-temp", "a");
	assert_true(l->key_exists);
	/* rsync drops the leading dot: the key that exists wins */
	l = expect(&r, "", ".hid.kv.Q1w2E3", "rsync-temp", ".hid");
	assert_true(l->key_exists);
	expect(&r, "", ".~tmp~", "rsync-dir", NULL);
	expect(&r, "", ".syncthing.a.kv.tmp", "syncthing-temp", "a");
	expect(&r, "", ".unison.a.kv.1234.unison.tmp", "unison-temp", "a");
	l = expect(&r, "", "a.sync-conflict-20240102-030405-ABCDEFG.kv",
		   "syncthing-conflict", "a");
	assert_true(l->key_exists);
	assert_true(l->attention);
	assert_string_equal(l->who, "ABCDEFG");
	assert_string_equal(l->when, "20240102-030405");
	l = expect(&r, "", "gone.sync-conflict-20240102-030405-ABCDEFG.kv",
		   "syncthing-conflict", "gone");
	assert_false(l->key_exists);
	l = expect(&r, "", "a (conflict_on_2024-01-02).kv", "unison-conflict",
		   "a");
	assert_string_equal(l->when, "2024-01-02");
	assert_null(l->who);
	l = expect(&r, "", "a (Bob's conflicted copy 2024-01-02).kv",
		   "cloud-conflict", "a");
	assert_string_equal(l->who, "Bob");
	l = expect(&r, "", "a.kv~", "rsync-backup", "a");
	assert_false(l->attention);
	l = expect(&r, "", ".bak.1.a.kv", "unison-backup", "a");
	assert_int_equal(l->seq, 1);
	expect(&r, "", ".nfs000000000012ab3400000001", "nfs-silly", NULL);
	l = expect(&r, "", "README", "other", NULL);
	assert_false(l->attention);
	assert_null(find(&r, "", ".stignore"));
	expect(&r, "", "empty.kv", "empty-value", NULL);
	l = expect(&r, "", "epoch.kv", "suspect-value", NULL);
	assert_true(l->attention);
	expect(&r, "", "dir.kv", "not-regular", NULL);
	expect(&r, "", "link.kv", "not-regular", NULL);
	expect(&r, "", "fifo.kv", "not-regular", NULL);
	expect(&r, "", "bad.tbl", "table-not-dir", NULL);
	expect(&r, "users", "u.kvQQ", "temp", "u");
	/* values, sync tools' markers and sound tables are not findings */
	assert_null(find(&r, "", "a.kv"));
	assert_null(find(&r, "", ".hid.kv"));
	assert_null(find(&r, "", "users.tbl"));
	assert_null(find(&r, "users", "u.kv"));
	assert_int_equal(r.n, 24);
	assert_int_equal(r.ntroubles, 0);
	/* ages come from the files */
	const struct leftover *old = find(&r, "", "a.kvAb12Cd");
	assert_true(time(NULL) - old->mtime.tv_sec >= 7200);
	assert_non_null(strstr(old->path, "/a.kvAb12Cd"));
	/* every finding says something */
	struct leftover_opts o;
	leftover_opts_init(&o, NULL);
	for (size_t i = 0; i < r.n; i++) {
		char buf[400];
		leftover_status(&r.v[i], &o, buf, sizeof buf);
		assert_true(strlen(buf) > 0);
		assert_true(strlen(leftover_kind_text(&r.v[i])) > 0);
	}
	leftover_report_free(&r);
	flockd_close(db);
}

/* The newest temp of a key whose lock is held is a writer's, whatever its
 * age; an older temp of the same key is not. */
static void test_newest_temp_of_locked_key(void **state)
{
	struct fixture *f = *state;
	put(f, "k.kv", "value");
	put(f, "k.kvOLD1", "crashed writer");
	backdate(f, "k.kvOLD1", 9000);
	put(f, "k.kvNEW2", "writer about to rename");
	backdate(f, "k.kvNEW2", 7200);
	int key = open(at(f, "k.kv"), O_RDWR | O_CLOEXEC);
	assert_int_equal(flock(key, LOCK_EX | LOCK_NB), 0);
	flockd_db *db;
	assert_int_equal(flockd_open(f->dir, 1000, 0, &db), 0);
	struct leftover_report r;
	check(db, &r, 3600L * 1000L);
	const struct leftover *n = expect(&r, "", "k.kvNEW2", "temp", "k");
	assert_int_equal(n->verdict, CLEAN_KEEP_KEY_WRITER);
	assert_true(n->facts.newest);
	const struct leftover *o = expect(&r, "", "k.kvOLD1", "temp", "k");
	assert_int_equal(o->verdict, CLEAN_REMOVABLE);
	struct leftover_opts opts;
	leftover_opts_init(&opts, NULL);
	enum clean_verdict v;
	assert_int_equal(leftover_remove(db, n, &opts, &v), LEFTOVER_KEPT);
	assert_int_equal(v, CLEAN_KEEP_KEY_WRITER);
	assert_int_equal(access(at(f, "k.kvNEW2"), F_OK), 0);
	assert_int_equal(leftover_remove(db, o, &opts, &v), 0);
	assert_int_equal(access(at(f, "k.kvOLD1"), F_OK), -1);
	/* the writer is gone: now its temp is stale too */
	close(key);
	assert_int_equal(leftover_remove(db, n, &opts, &v), 0);
	assert_int_equal(access(at(f, "k.kvNEW2"), F_OK), -1);
	leftover_report_free(&r);
	flockd_close(db);
}

static void test_probe_lock(void **state)
{
	struct fixture *f = *state;
	int dirfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_int_equal(leftover_probe_lock(dirfd, "locked.kvZZ", NULL),
			 CLEAN_LOCK_HELD);
	assert_int_equal(leftover_probe_lock(dirfd, "a.kvAb12Cd", NULL),
			 CLEAN_LOCK_NONE);
	assert_int_equal(leftover_probe_lock(dirfd, "missing.kv", NULL),
			 CLEAN_LOCK_NONE);
	/* a shared holder is seen too (through a second description) */
	int sh = open(at(f, "b.kv3141"), O_RDONLY | O_CLOEXEC);
	assert_int_equal(flock(sh, LOCK_SH), 0);
	struct proc_locks locks;
	if (proc_locks_load(PROC_LOCKS_PATH, &locks) == 0) {
		assert_int_equal(leftover_probe_lock(dirfd, "b.kv3141", &locks),
				 CLEAN_LOCK_HELD);
		proc_locks_free(&locks);
	}
	close(sh);
	close(dirfd);
}

/* Removal decides again at the last moment: what changed since the check
 * is looked at, never what the report says. */
static void test_remove_decides_again(void **state)
{
	struct fixture *f = *state;
	flockd_db *db;
	assert_int_equal(flockd_open(f->dir, 1000, 0, &db), 0);
	struct leftover_report r;
	check(db, &r, 3600L * 1000L);
	struct leftover_opts o;
	leftover_opts_init(&o, NULL);
	enum clean_verdict v;
	const struct leftover *stale = find(&r, "", "a.kvAb12Cd");
	const struct leftover *young = find(&r, "", "young.kvQ1");
	const struct leftover *held = find(&r, "", "locked.kvZZ");
	const struct leftover *b = find(&r, "", "b.kv3141");
	assert_int_equal(leftover_remove(db, stale, &o, &v), 0);
	assert_int_equal(access(at(f, "a.kvAb12Cd"), F_OK), -1);
	assert_int_equal(leftover_remove(db, stale, &o, &v), LEFTOVER_KEPT_GONE);
	assert_int_equal(leftover_remove(db, held, &o, &v), LEFTOVER_KEPT);
	assert_int_equal(v, CLEAN_KEEP_LOCKED);
	assert_int_equal(leftover_remove(db, young, &o, &v), LEFTOVER_KEPT);
	assert_int_equal(v, CLEAN_KEEP_YOUNG);
	assert_int_equal(access(at(f, "young.kvQ1"), F_OK), 0);
	/* a writer touched it since the check: young again, kept */
	backdate(f, "b.kv3141", 1);
	assert_int_equal(leftover_remove(db, b, &o, &v), LEFTOVER_KEPT);
	assert_int_equal(v, CLEAN_KEEP_YOUNG);
	/* a writer locked it since the check: kept */
	backdate(f, "b.kv3141", 7200);
	int w = open(at(f, "b.kv3141"), O_RDONLY | O_CLOEXEC);
	assert_int_equal(flock(w, LOCK_SH), 0);
	assert_int_equal(leftover_remove(db, b, &o, &v), LEFTOVER_KEPT);
	assert_int_equal(v, CLEAN_KEEP_LOCKED);
	close(w);
	/* replaced by a symlink since the check: never followed, kept */
	assert_int_equal(unlink(at(f, "b.kv3141")), 0);
	assert_int_equal(symlink("a.kv", at(f, "b.kv3141")), 0);
	assert_int_equal(leftover_remove(db, b, &o, &v), LEFTOVER_KEPT_CHANGED);
	assert_int_equal(access(at(f, "a.kv"), F_OK), 0);
	/* what is not a temp is never removed */
	const struct leftover *copy =
		find(&r, "", "a.sync-conflict-20240102-030405-ABCDEFG.kv");
	assert_int_equal(leftover_remove(db, copy, &o, &v),
			 LEFTOVER_NOT_CLEANABLE);
	assert_int_equal(leftover_remove(db, find(&r, "", ".~tmp~"), &o, &v),
			 LEFTOVER_NOT_CLEANABLE);
	leftover_report_free(&r);
	flockd_close(db);
}

/* A crashed create on a file system without hard links leaves an empty
 * mode-0000 placeholder: abandoned once unlocked and stale, removed by
 * its owner (not only by root) under its own lock. */
static void test_placeholder(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(chmod(f->dir, 0777), 0);
	char parent[4096];
	snprintf(parent, sizeof parent, "%s", f->dir);
	char *slash = strrchr(parent, '/');
	*slash = '\0';
	/* let nobody reach the scratch dir: search permission added to its
	 * parent, nothing taken away (the parent may be /tmp itself, whose
	 * 1777 this used to turn into 0755) */
	struct stat pst;
	if (stat(parent, &pst) == 0)
		chmod(parent, (pst.st_mode & 07777) | 0111);
	fflush(stdout);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int bad = 0;
		if (geteuid() == 0 &&
		    (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(77);
		int ph = open(at(f, "new.kv"), O_RDWR | O_CREAT | O_EXCL, 0);
		int ph2 = open(at(f, "busy.kv"), O_RDWR | O_CREAT | O_EXCL, 0);
		bad += ph < 0 || ph2 < 0;
		bad += flock(ph2, LOCK_EX) != 0; /* a create at work */
		close(ph); /* crashed: nobody holds its lock */
		struct timespec old[2];
		clock_gettime(CLOCK_REALTIME, &old[0]);
		old[0].tv_sec -= 7200;
		old[1] = old[0];
		bad += utimensat(AT_FDCWD, at(f, "new.kv"), old, 0) != 0;
		bad += utimensat(AT_FDCWD, at(f, "busy.kv"), old, 0) != 0;
		flockd_db *db;
		bad += flockd_open(f->dir, 1000, 0, &db) != 0;
		struct leftover_report r = {0};
		/* nobody cannot open a mode-0000 file to probe its lock:
		 * /proc/locks tells */
		struct proc_locks locks;
		int have = proc_locks_load(PROC_LOCKS_PATH, &locks) == 0;
		struct leftover_opts o;
		leftover_opts_init(&o, have ? &locks : NULL);
		bad += leftovers_check_db(db, &o, &r) != 0;
		const struct leftover *a = find(&r, "", "new.kv");
		const struct leftover *b = find(&r, "", "busy.kv");
		bad += a == NULL || b == NULL;
		if (a != NULL && b != NULL) {
			bad += strcmp(leftover_kind_name(a),
				      "abandoned-placeholder") != 0;
			bad += strcmp(leftover_kind_name(b), "placeholder") != 0;
			bad += !a->attention || b->attention;
			enum clean_verdict v;
			bad += leftover_remove(db, b, &o, &v) != LEFTOVER_KEPT;
			struct stat st;
			bad += stat(at(f, "busy.kv"), &st) != 0 ||
			       (st.st_mode & 07777) != 0;
			bad += leftover_remove(db, a, &o, &v) != 0;
			bad += access(at(f, "new.kv"), F_OK) != -1;
		}
		if (bad)
			printf("# %d placeholder check(s) failed (%s, %s)\n",
			       bad, a ? leftover_kind_name(a) : "-",
			       b ? leftover_kind_name(b) : "-");
		fflush(stdout);
		leftover_report_free(&r);
		if (have)
			proc_locks_free(&locks);
		flockd_close(db);
		close(ph2);
		_exit(bad);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		return; /* could not drop root: the root path is the same */
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* What the table walk leaves out is a finding, not silence. */
static void test_skipped_dirs(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(mkdir(at(f, ".backup"), 0755), 0);
	assert_int_equal(mkdir(at(f, ".backup/users.tbl"), 0755), 0);
	assert_int_equal(mkdir(at(f, "...tbl"), 0755), 0);
	flockd_db *db;
	assert_int_equal(flockd_open(f->dir, 1000, FLOCKD_OPEN_READONLY, &db),
			 0);
	struct leftover_report r;
	check(db, &r, 3600L * 1000L);
	const struct leftover *l = expect(&r, "", ".backup", "table-copies",
					  NULL);
	assert_false(l->attention);
	l = expect(&r, "", "...tbl", "bad-table-name", NULL);
	assert_true(l->attention);
	assert_int_equal(r.ntroubles, 0);
	leftover_report_free(&r);
	flockd_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_kind_found, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_newest_temp_of_locked_key,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_lock, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_remove_decides_again, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_placeholder, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_skipped_dirs, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
