/* test_leftovers.c - the check model on a scratch database holding every
 * kind of leftover, and the careful removal of stale temp files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "flockd.h"
#include "inspect/leftovers.h"
#include "lib/testutil.h"

#include <sys/file.h>
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

static void expect(const struct leftover_report *r, const char *table,
		   const char *name, enum leftover_kind kind, const char *key)
{
	const struct leftover *l = find(r, table, name);
	if (l == NULL)
		fail_msg("no finding for %s/%s", table, name);
	assert_string_equal(leftover_kind_name(l->kind),
			    leftover_kind_name(kind));
	if (key == NULL)
		assert_null(l->key);
	else
		assert_string_equal(l->key, key);
}

static void test_every_kind_found(void **state)
{
	struct fixture *f = *state;
	flockd_db *db;
	assert_int_equal(flockd_open(f->dir, 1000, FLOCKD_OPEN_READONLY, &db),
			 0);
	struct leftover_report r = {0};
	assert_int_equal(leftovers_check_db(db, NULL, &r), 0);
	expect(&r, "", "a.kvAb12Cd", LEFTOVER_TEMP, "a");
	expect(&r, "", "b.kv3141", LEFTOVER_TEMP, "b");
	expect(&r, "", "young.kvQ1", LEFTOVER_TEMP, "young");
	expect(&r, "", ".a.kv.Xy12Ab", LEFTOVER_RSYNC_TEMP, "a");
	expect(&r, "", ".~tmp~", LEFTOVER_RSYNC_DIR, NULL);
	expect(&r, "", ".syncthing.a.kv.tmp", LEFTOVER_SYNCTHING_TEMP, "a");
	expect(&r, "", ".unison.a.kv.1234.unison.tmp", LEFTOVER_UNISON_TEMP,
	       "a");
	expect(&r, "", "a.sync-conflict-20240102-030405-ABCDEFG.kv",
	       LEFTOVER_CONFLICT_COPY, "a");
	assert_true(find(&r, "", "a.sync-conflict-20240102-030405-ABCDEFG.kv")
			    ->key_exists);
	expect(&r, "", "gone.sync-conflict-20240102-030405-ABCDEFG.kv",
	       LEFTOVER_CONFLICT_COPY, "gone");
	assert_false(find(&r, "",
			  "gone.sync-conflict-20240102-030405-ABCDEFG.kv")
			     ->key_exists);
	expect(&r, "", "empty.kv", LEFTOVER_EMPTY_VALUE, "empty");
	expect(&r, "", "dir.kv", LEFTOVER_NOT_REGULAR, "dir");
	expect(&r, "", "link.kv", LEFTOVER_NOT_REGULAR, "link");
	expect(&r, "", "fifo.kv", LEFTOVER_NOT_REGULAR, "fifo");
	expect(&r, "", "bad.tbl", LEFTOVER_TABLE_NOT_DIR, NULL);
	expect(&r, "users", "u.kvQQ", LEFTOVER_TEMP, "u");
	/* the temp a writer holds a lock on is in use, not a leftover */
	assert_null(find(&r, "", "locked.kvZZ"));
	/* values, strangers and sound tables are not findings */
	assert_null(find(&r, "", "a.kv"));
	assert_null(find(&r, "", "README"));
	assert_null(find(&r, "", "users.tbl"));
	assert_null(find(&r, "users", "u.kv"));
	assert_int_equal(r.n, 15);
	assert_int_equal(r.ntroubles, 0);
	/* ages come from the files */
	const struct leftover *old = find(&r, "", "a.kvAb12Cd");
	assert_true(time(NULL) - old->mtime.tv_sec >= 7200);
	assert_non_null(strstr(old->path, "/a.kvAb12Cd"));
	leftover_report_free(&r);
	flockd_close(db);
}

static void test_probe_lock(void **state)
{
	struct fixture *f = *state;
	int dirfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_int_equal(leftover_probe_lock(dirfd, "locked.kvZZ", NULL),
			 LEFTOVER_LOCK_HELD);
	assert_int_equal(leftover_probe_lock(dirfd, "a.kvAb12Cd", NULL),
			 LEFTOVER_LOCK_NONE);
	/* a shared holder is seen too (through a second description) */
	int sh = open(at(f, "b.kv3141"), O_RDONLY | O_CLOEXEC);
	assert_int_equal(flock(sh, LOCK_SH), 0);
	struct proc_locks locks;
	if (proc_locks_load(PROC_LOCKS_PATH, &locks) == 0) {
		assert_int_equal(leftover_probe_lock(dirfd, "b.kv3141", &locks),
				 LEFTOVER_LOCK_HELD);
		proc_locks_free(&locks);
	}
	close(sh);
	close(dirfd);
}

static void test_remove_only_stale(void **state)
{
	struct fixture *f = *state;
	int dirfd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	time_t now = time(NULL);
	long hour = 3600L * 1000L;
	assert_int_equal(leftover_remove_temp(dirfd, "a.kvAb12Cd", now, hour),
			 0);
	assert_int_equal(access(at(f, "a.kvAb12Cd"), F_OK), -1);
	/* a lock is held: spared */
	assert_int_equal(leftover_remove_temp(dirfd, "locked.kvZZ", now, hour),
			 LEFTOVER_KEPT_LOCKED);
	assert_int_equal(access(at(f, "locked.kvZZ"), F_OK), 0);
	/* younger than the threshold: spared; older than a lower one: not */
	assert_int_equal(leftover_remove_temp(dirfd, "young.kvQ1", now, hour),
			 LEFTOVER_KEPT_YOUNG);
	assert_int_equal(access(at(f, "young.kvQ1"), F_OK), 0);
	assert_int_equal(leftover_remove_temp(dirfd, "young.kvQ1", now + 10,
					      5000), 0);
	/* not regular files: never removed */
	assert_int_equal(symlink("a.kv", at(f, "sym.kvAA")), 0);
	assert_int_equal(leftover_remove_temp(dirfd, "sym.kvAA", now + 99999,
					      0), LEFTOVER_KEPT_CHANGED);
	assert_int_equal(access(at(f, "a.kv"), F_OK), 0);
	assert_int_equal(leftover_remove_temp(dirfd, ".~tmp~", now + 99999, 0),
			 LEFTOVER_KEPT_CHANGED);
	assert_int_equal(leftover_remove_temp(dirfd, "fifo.kv", now + 99999, 0),
			 LEFTOVER_KEPT_CHANGED);
	assert_int_equal(leftover_remove_temp(dirfd, "nothere.kvX", now, 0),
			 LEFTOVER_KEPT_GONE);
	close(dirfd);
}

static void test_kinds_named(void **state)
{
	(void)state;
	for (int k = LEFTOVER_TEMP; k <= LEFTOVER_UNREADABLE; k++) {
		assert_non_null(leftover_kind_name(k));
		assert_non_null(leftover_kind_text(k));
	}
	assert_true(leftover_is_temp(LEFTOVER_TEMP));
	assert_true(leftover_is_temp(LEFTOVER_RSYNC_TEMP));
	assert_false(leftover_is_temp(LEFTOVER_RSYNC_DIR));
	assert_false(leftover_is_temp(LEFTOVER_CONFLICT_COPY));
	assert_false(leftover_is_temp(LEFTOVER_EMPTY_VALUE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_kind_found, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_probe_lock, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_remove_only_stale, setup,
						teardown),
		cmocka_unit_test(test_kinds_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
