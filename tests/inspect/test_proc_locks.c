/* SPDX-License-Identifier: MIT */
/* test_proc_locks.c - /proc/locks parsing, comm names (escaped as every
 * name), locked-inode sets, ages and text tables, on fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/textsafe.h"
#include "inspect/inspect_text.h"
#include "inspect/proc_locks.h"
#include "lib/testutil.h"

#include <sys/sysmacros.h>

static char *fixture(const char *name)
{
	const char *src = getenv("top_srcdir");
	static char path[4096];
	snprintf(path, sizeof path, "%s/tests/inspect/fixtures/%s",
		 src ? src : ".", name);
	return path;
}

static void test_parse_flock_line(void **state)
{
	(void)state;
	struct proc_lock l;
	assert_int_equal(proc_locks_parse_line(
		"2: FLOCK  ADVISORY  READ 25298 fe:00:10953633 0 EOF\n", &l), 0);
	assert_int_equal(l.id, 2);
	assert_false(l.blocked);
	assert_int_equal(l.cls, PROC_LOCK_FLOCK);
	assert_false(l.mandatory);
	assert_int_equal(l.access, PROC_LOCK_READ);
	assert_int_equal(l.pid, 25298);
	/* the device is hex: fe = 254 */
	assert_int_equal(l.dev_major, 0xfe);
	assert_int_equal(l.dev_minor, 0);
	assert_int_equal(l.ino, 10953633);
	assert_int_equal(l.start, 0);
	assert_true(l.end == UINT64_MAX);
}

static void test_parse_kinds(void **state)
{
	(void)state;
	struct proc_lock l;
	assert_int_equal(proc_locks_parse_line(
		"1: POSIX  ADVISORY  WRITE 1234 08:01:393223 0 EOF", &l), 0);
	assert_int_equal(l.cls, PROC_LOCK_POSIX);
	assert_int_equal(l.access, PROC_LOCK_WRITE);
	assert_int_equal(l.dev_major, 8);
	assert_int_equal(l.dev_minor, 1);

	assert_int_equal(proc_locks_parse_line(
		"4: OFDLCK ADVISORY  READ -1 00:2d:4242 0 99", &l), 0);
	assert_int_equal(l.cls, PROC_LOCK_OFD);
	assert_int_equal(l.pid, -1);
	assert_int_equal(l.dev_minor, 0x2d);
	assert_int_equal(l.end, 99);

	assert_int_equal(proc_locks_parse_line(
		"6: POSIX  MANDATORY WRITE 888 00:31:12 10 20", &l), 0);
	assert_true(l.mandatory);
	assert_int_equal(l.start, 10);

	assert_int_equal(proc_locks_parse_line(
		"5: LEASE  ACTIVE    READ 777 103:0a:55 0 EOF", &l), 0);
	assert_int_equal(l.cls, PROC_LOCK_LEASE);
	assert_int_equal(l.dev_major, 0x103);
	assert_int_equal(l.dev_minor, 10);
}

static void test_parse_waiters(void **state)
{
	(void)state;
	struct proc_lock l;
	assert_int_equal(proc_locks_parse_line(
		"3: -> FLOCK  ADVISORY  READ 25303 fe:00:10953649 0 EOF", &l), 0);
	assert_true(l.blocked);
	assert_int_equal(l.id, 3);
	assert_int_equal(l.pid, 25303);
	/* deeper waiters are indented further (Linux 5.11+) */
	assert_int_equal(proc_locks_parse_line(
		"3:  -> FLOCK  ADVISORY  WRITE 25304 fe:00:10953649 0 EOF", &l),
		0);
	assert_true(l.blocked);
	assert_int_equal(l.access, PROC_LOCK_WRITE);
}

static void test_parse_malformed(void **state)
{
	(void)state;
	struct proc_lock l;
	assert_int_equal(proc_locks_parse_line("", &l), -1);
	assert_int_equal(proc_locks_parse_line("garbage", &l), -1);
	assert_int_equal(proc_locks_parse_line(
		"8: FLOCK  ADVISORY  WRITE 12x fe:00:1 0 EOF", &l), -1);
	assert_int_equal(proc_locks_parse_line(
		"9: FLOCK  ADVISORY  WRITE 4321 fe:00 0 EOF", &l), -1);
	assert_int_equal(proc_locks_parse_line(
		"x: FLOCK  ADVISORY  WRITE 1 fe:00:1 0 EOF", &l), -1);
	assert_int_equal(proc_locks_parse_line(
		"1: FLOCK  ADVISORY  WRITE 1 fe:00:1 0", &l), -1);
	assert_int_equal(proc_locks_parse_line(
		"1: FLOCK  ADVISORY  WRITE 1 zz:00:1 0 EOF", &l), -1);
}

static void test_load_fixture(void **state)
{
	(void)state;
	struct proc_locks locks;
	assert_int_equal(proc_locks_load(fixture("proc_locks.txt"), &locks), 0);
	assert_int_equal(locks.n, 10);
	assert_int_equal(locks.malformed, 3);
	assert_int_equal(locks.v[3].blocked, 1);
	assert_int_equal(locks.v[9].pid, 4322);
	proc_locks_free(&locks);
	assert_null(locks.v);
}

static void test_load_missing(void **state)
{
	(void)state;
	struct proc_locks locks;
	assert_int_equal(proc_locks_load("/nonexistent/proc/locks", &locks),
			 ENOENT);
	assert_int_equal(locks.n, 0);
}

static void test_locked_set(void **state)
{
	(void)state;
	struct proc_locks locks;
	assert_int_equal(proc_locks_load(fixture("proc_locks.txt"), &locks), 0);
	struct locked_set set;
	assert_int_equal(locked_set_build(&locks, makedev(0xfe, 0), 0, &set),
			 0);
	/* two inodes on fe:00: one shared twice, one exclusive + 2 waiters */
	assert_int_equal(set.n, 2);
	const struct locked_inode *a = locked_set_find(&set, 10953633);
	assert_non_null(a);
	assert_int_equal(a->access, PROC_LOCK_READ);
	assert_int_equal(a->waiters, 0);
	const struct locked_inode *b = locked_set_find(&set, 10953649);
	assert_non_null(b);
	assert_int_equal(b->access, PROC_LOCK_WRITE);
	assert_int_equal(b->waiters, 2);
	assert_null(locked_set_find(&set, 393223)); /* other device */
	locked_set_free(&set);

	/* btrfs: anonymous devices match loosely, others never */
	assert_int_equal(locked_set_build(&locks, makedev(0, 0x99), 1, &set),
			 0);
	assert_non_null(locked_set_find(&set, 4242));
	assert_null(locked_set_find(&set, 10953633));
	locked_set_free(&set);
	assert_int_equal(locked_set_build(&locks, makedev(0, 0x99), 0, &set),
			 0);
	assert_int_equal(set.n, 0);
	locked_set_free(&set);
	proc_locks_free(&locks);
}

static void test_comm(void **state)
{
	(void)state;
	char *root = testutil_mkdtemp();
	assert_non_null(root);
	char path[4096];
	snprintf(path, sizeof path, "%s/4321", root);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/4321/comm", root);
	const char evil[] = "ev\x1b]0;pwn\x07il\n";
	assert_int_equal(testutil_write_file(path, evil, sizeof evil - 1), 0);
	char buf[64];
	assert_int_equal(proc_comm(root, 4321, buf, sizeof buf), 0);
	assert_string_equal(buf, "ev\x1b]0;pwn\x07il");
	char *shown = textsafe_name_dup(buf, strlen(buf), TEXTSAFE_UTF8);
	assert_string_equal(shown, "ev\\x1b]0;pwn\\x07il");
	free(shown);
	assert_int_equal(proc_comm(root, 999999, buf, sizeof buf), ENOENT);
	assert_int_equal(proc_comm(root, -1, buf, sizeof buf), ENOENT);
	/* truncation keeps the buffer terminated */
	assert_int_equal(proc_comm(root, 4321, buf, 4), 0);
	assert_string_equal(buf, "ev\x1b");
	testutil_rm_rf(root);
	free(root);
}

static void test_age_and_table(void **state)
{
	(void)state;
	char buf[32];
	struct timespec t = {1000, 0};
	inspect_format_age(&t, 1045, buf, sizeof buf);
	assert_string_equal(buf, "45s");
	inspect_format_age(&t, 1000 + 3 * 3600, buf, sizeof buf);
	assert_string_equal(buf, "3h");
	inspect_format_age(&t, 1000 + 5 * 86400, buf, sizeof buf);
	assert_string_equal(buf, "5d");
	inspect_format_age(&t, 900, buf, sizeof buf);
	assert_string_equal(buf, "0s");

	struct text_table tt;
	text_table_init(&tt, 3);
	const char *r1[] = {"A", "long cell", "x"};
	const char *r2[] = {"BBB", "c", NULL};
	assert_int_equal(text_table_add(&tt, r1), 0);
	assert_int_equal(text_table_add(&tt, r2), 0);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	text_table_print(&tt, f);
	fclose(f);
	assert_string_equal(out, "A    long cell  x\nBBB  c\n");
	free(out);
	text_table_done(&tt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_flock_line),
		cmocka_unit_test(test_parse_kinds),
		cmocka_unit_test(test_parse_waiters),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_load_fixture),
		cmocka_unit_test(test_load_missing),
		cmocka_unit_test(test_locked_set),
		cmocka_unit_test(test_comm),
		cmocka_unit_test(test_age_and_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
