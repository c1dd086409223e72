/* SPDX-License-Identifier: MIT */
/*
 * test_key_details.c - the details popup's lines on a real table: the
 * full name wrapped (escaped, never cut), exact size, time to the
 * nanosecond, mode, owner, inode, the lock holders from a /proc/locks
 * (a fixture written with the key's real inode, and a fixture /proc),
 * the kind, the conflict copies; and the lock view's re-check before a
 * signal (proc_info.h, lock_holder_recheck).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "flockd.h"
#include "browser/key_details.h"
#include "browser/key_list.h"
#include "browser/table_loader.h"
#include "inspect/lock_holders.h"
#include "inspect/proc_info.h"
#include "lib/testutil.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

struct fx {
	char *dir;
	flockd_db *db;
	flockd_table *t;
	char locks[4096], proc[4096];
	ino_t ino;
	dev_t dev;
};

static void put(const char *path, const char *data)
{
	assert_int_equal(testutil_write_file(path, data, strlen(data)), 0);
}

/* A /proc with process 4242 ("sleep 300", started at tick 5000) and a
 * /proc/locks where it holds `mode` on the key alice. */
static void fake_proc(struct fx *f, const char *mode, unsigned long start)
{
	char path[4200], line[300];
	snprintf(path, sizeof path, "%s/4242", f->proc);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/4242/cmdline", f->proc);
	assert_int_equal(testutil_write_file(path, "sleep\0" "300\0", 10), 0);
	snprintf(path, sizeof path, "%s/4242/comm", f->proc);
	put(path, "sleep\n");
	snprintf(path, sizeof path, "%s/4242/stat", f->proc);
	snprintf(line, sizeof line, "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 "
		 "100 0 0 0 0 0 0 0 20 0 1 0 %lu 1000 100", start);
	put(path, line);
	snprintf(path, sizeof path, "%s/uptime", f->proc);
	put(path, "1000.00 900.00\n"); /* started 950 s ago at 100 Hz */
	snprintf(line, sizeof line, "1: FLOCK  ADVISORY  %s 4242 %02x:%02x:%lu "
		 "0 EOF\n", mode, major(f->dev), minor(f->dev),
		 (unsigned long)f->ino);
	put(f->locks, line);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct stat st;
	char path[4200];
	f->dir = testutil_mkdtemp();
	assert_non_null(f->dir);
	assert_int_equal(flockd_open(f->dir, 2000, 0, &f->db), 0);
	assert_int_equal(flockd_table_open(f->db, "users", FLOCKD_TABLE_CREATE,
					   &f->t), 0);
	assert_int_equal(flockd_set(f->t, "alice", "0123456789", 10), 0);
	snprintf(path, sizeof path, "%s/users.tbl/alice.kv", f->dir);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(stat(path, &st), 0);
	f->ino = st.st_ino;
	f->dev = st.st_dev;
	snprintf(path, sizeof path, "%s/users.tbl/alice.sync-conflict-"
		 "20260101-120000-ABCDEFG.kv", f->dir);
	put(path, "theirs");
	snprintf(f->locks, sizeof f->locks, "%s/locks", f->dir);
	snprintf(f->proc, sizeof f->proc, "%s/proc", f->dir);
	mkdir(f->proc, 0700);
	fake_proc(f, "READ ", 5000);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	flockd_table_close(f->t);
	flockd_close(f->db);
	testutil_rm_rf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static struct key_list *load(flockd_table *t)
{
	struct key_list *kl = key_list_new(NULL, NULL);
	struct table_loader *tl;
	assert_int_equal(table_loader_open(t, &tl), 0);
	while (table_loader_step(tl, kl, 100) == 0)
		;
	table_loader_close(tl);
	return kl;
}

/* The whole text, one line per line. */
static char *text_of(const struct key_details *d)
{
	static char buf[8192];
	buf[0] = '\0';
	for (size_t i = 0; i < d->n; i++) {
		strncat(buf, d->v[i].text, sizeof buf - strlen(buf) - 2);
		strcat(buf, "\n");
	}
	return buf;
}

static void test_key_details(void **state)
{
	struct fx *f = *state;
	struct key_list *kl = load(f->t);
	struct key_details d;
	struct flockd_stat st;
	char want[200];
	assert_int_equal(flockd_key_stat(f->t, "alice", &st), 0);
	assert_int_equal(key_details_build(f->t, kl, "alice", 5, 0, f->locks,
					   f->proc, 80, &d), 0);
	char *s = text_of(&d);
	assert_non_null(strstr(s, "Key       alice\n"));
	assert_non_null(strstr(s, "Table     users\n"));
	assert_non_null(strstr(s, "Kind      key\n"));
	assert_non_null(strstr(s, "Size      10 bytes\n"));
	snprintf(want, sizeof want, ".%09ld ", st.mtime.tv_nsec);
	assert_non_null(strstr(s, want)); /* to the nanosecond */
	assert_non_null(strstr(s, "Mode      -rw-r----- (0640), regular "
				  "file\n"));
	snprintf(want, sizeof want, "Inode     %lu on device ",
		 (unsigned long)f->ino);
	assert_non_null(strstr(s, want));
	assert_non_null(strstr(s, "Owner     "));
	assert_non_null(strstr(s, "shared held by pid 4242 (flock), running "
				  "15m: sleep 300\n"));
	assert_non_null(strstr(s, "Conflict copies and backups\n"));
	assert_non_null(strstr(s, "alice.sync-conflict-20260101-120000-"
				  "ABCDEFG.kv\n"));
	assert_non_null(strstr(s, "Syncthing conflict copy, 6 B\n"));
	key_details_free(&d);
	/* the copy itself: not a key, whose key it is */
	const char *copy = "alice.sync-conflict-20260101-120000-ABCDEFG.kv";
	assert_int_equal(key_details_build(f->t, kl, copy, strlen(copy), 1,
					   f->locks, f->proc, 80, &d), 0);
	s = text_of(&d);
	assert_non_null(strstr(s, "File      alice.sync-conflict"));
	assert_non_null(strstr(s, "Syncthing conflict copy (not a key)\n"));
	assert_non_null(strstr(s, "of alice, by ABCDEFG"));
	assert_non_null(strstr(s, "none held\n"));
	key_details_free(&d);
	key_list_free(kl);
}

/* A long hostile name: escaped, on as many lines as it needs, none
 * wider than the popup, never cut. */
static void test_long_name_wrapped(void **state)
{
	struct fx *f = *state;
	char name[201];
	memset(name, 'x', 200);
	name[0] = '\x1b';
	name[100] = '\x07';
	name[200] = '\0';
	struct key_details d;
	assert_int_equal(key_details_build(f->t, NULL, name, 200, 0, f->locks,
					   f->proc, 50, &d), 0);
	size_t total = 0;
	for (size_t i = 0; i < d.n && strncmp(d.v[i].text, "Table", 5); i++) {
		assert_true(strlen(d.v[i].text) <= 50);
		total += strlen(d.v[i].text) - 10;
	}
	assert_int_equal(total, 198 + 4 + 4); /* \x1b and \x07 */
	assert_non_null(strstr(text_of(&d), "cannot stat: "));
	key_details_free(&d);
	/* no /proc/locks: said, not failed */
	assert_int_equal(key_details_build(f->t, NULL, "alice", 5, 0,
					   "/nonexistent", f->proc, 80, &d), 0);
	assert_non_null(strstr(text_of(&d), "cannot tell: no /proc/locks"));
	key_details_free(&d);
}

static void test_proc_info_and_recheck(void **state)
{
	struct fx *f = *state;
	char cmd[64];
	uint64_t ticks;
	assert_int_equal(proc_cmdline(f->proc, 4242, cmd, sizeof cmd), 0);
	assert_string_equal(cmd, "sleep 300");
	assert_int_equal(proc_start_ticks(f->proc, 4242, &ticks), 0);
	assert_int_equal(ticks, 5000);
	assert_int_equal(proc_cmdline(f->proc, 99999, cmd, sizeof cmd), ENOENT);
	struct proc_locks locks;
	struct lock_holders h = {0};
	assert_int_equal(proc_locks_load(f->locks, &locks), 0);
	assert_int_equal(lock_holders_of_file(f->t, "alice.kv", f->ino, &locks,
					      f->proc, &h), 0);
	proc_locks_free(&locks);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.v[0].key, "alice");
	assert_string_equal(h.v[0].cmdline, "sleep 300");
	assert_int_equal(lock_holder_recheck(&h.v[0], f->locks, f->proc), 0);
	/* the pid is another process now: nothing may be sent */
	fake_proc(f, "READ ", 6000);
	assert_int_equal(lock_holder_recheck(&h.v[0], f->locks, f->proc),
			 ESRCH);
	/* the lock is gone */
	fake_proc(f, "READ ", 5000);
	put(f->locks, "");
	assert_int_equal(lock_holder_recheck(&h.v[0], f->locks, f->proc),
			 ESRCH);
	/* a waiter is never the holder */
	fake_proc(f, "READ ", 5000);
	h.v[0].lock.blocked = 1;
	assert_int_equal(lock_holder_recheck(&h.v[0], f->locks, f->proc),
			 ESRCH);
	lock_holders_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_key_details, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_long_name_wrapped, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_proc_info_and_recheck,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
