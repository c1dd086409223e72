/* SPDX-License-Identifier: MIT */
/* test_settle.c - settling many keys' conflict copies at once (the check
 * view's model): marks on keys kept across a rescan, which finding marks
 * which key, the counts a confirmation names for each choice, each choice
 * applied (the files on disk), a key whose lock is held reported and left
 * while the others are settled, and the summary line. */
#include "sync_test.h"

#include "sync/settle.h"

#include <sys/file.h>
#include <unistd.h>

#define NEWER "k1.sync-conflict-20240102-030405-AAAAAAA.kv"
#define SAME "k2 (conflict_on_2024-01-03).kv"
#define OLDER "sub.tbl/k3.sync-conflict-20240102-030405-CCCCCCC.kv"
#define GHOST "gone.sync-conflict-20240101-000000-BBBBBBB.kv"

struct fixture {
	char *dir;
	flockd_db *db;
	struct leftover_opts lo;
	struct conflict_set set;
};

static void load(struct fixture *f)
{
	conflict_set_free(&f->set);
	assert_int_equal(conflicts_find_flags(f->db, NULL, 0, NULL, 0, &f->lo,
					      FLOCKD_READ_NOWAIT, &f->set),
			 0);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->dir = testutil_mkdtemp();
	sy_file(f->dir, "k1.kv", "one");
	sy_time(f->dir, "k1.kv", 1000, 0);
	sy_file(f->dir, NEWER, "one, newer");
	sy_time(f->dir, NEWER, 2000, 0);
	sy_file(f->dir, "k2.kv", "two");
	sy_file(f->dir, SAME, "two");
	sy_file(f->dir, "sub.tbl/k3.kv", "three");
	sy_time(f->dir, "sub.tbl/k3.kv", 3000, 0);
	sy_file(f->dir, OLDER, "three, older");
	sy_time(f->dir, OLDER, 100, 0);
	sy_file(f->dir, GHOST, "ghost");
	sy_file(f->dir, "k1.kvTemp1", "temp");
	assert_int_equal(flockd_open(f->dir, 300, 0, &f->db), 0);
	leftover_opts_init(&f->lo, NULL);
	load(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	conflict_set_free(&f->set);
	flockd_close(f->db);
	testutil_rm_rf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static long group(const struct fixture *f, const char *table, const char *key)
{
	for (size_t i = 0; i < f->set.n; i++)
		if (strcmp(f->set.groups[i].table, table) == 0 &&
		    strcmp(f->set.groups[i].key, key) == 0)
			return (long)i;
	return -1;
}

static const struct leftover *finding(const struct fixture *f,
				      const char *name)
{
	for (size_t i = 0; i < f->set.report.n; i++)
		if (strcmp(f->set.report.v[i].name, name) == 0)
			return &f->set.report.v[i];
	fail_msg("no finding %s", name);
	return NULL;
}

static void test_marks(void **state)
{
	(void)state;
	struct settle_marks m = {0};
	assert_false(settle_marks_has(&m, 0));
	assert_int_equal(settle_marks_reset(&m, 11), 0);
	assert_int_equal(settle_marks_toggle(&m, 9), 1);
	assert_int_equal(settle_marks_toggle(&m, 2), 1);
	assert_int_equal(m.count, 2);
	assert_true(settle_marks_has(&m, 9));
	assert_false(settle_marks_has(&m, 8));
	assert_int_equal(settle_marks_toggle(&m, 9), 0);
	assert_int_equal(m.count, 1);
	assert_int_equal(settle_marks_toggle(&m, 11), 0); /* out of range */
	settle_marks_invert(&m); /* `*`: every key but 2 */
	assert_int_equal(m.count, 10);
	assert_false(settle_marks_has(&m, 2));
	assert_true(settle_marks_has(&m, 10));
	assert_false(settle_marks_has(&m, 11));
	settle_marks_invert(&m);
	settle_marks_invert(&m);
	assert_int_equal(m.count, 10);
	assert_int_equal(settle_marks_reset(&m, 3), 0);
	settle_marks_invert(&m); /* from none: all */
	assert_int_equal(m.count, 3);
	settle_marks_done(&m);
	assert_null(m.bits);
}

static void test_group_of(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(f->set.n, 4);
	assert_int_equal(settle_group_of(&f->set, finding(f, NEWER)),
			 group(f, "", "k1"));
	assert_int_equal(settle_group_of(&f->set, finding(f, SAME)),
			 group(f, "", "k2"));
	assert_int_equal(settle_group_of(&f->set, finding(f, GHOST)),
			 group(f, "", "gone"));
	assert_int_equal(settle_group_of(&f->set, finding(f, OLDER + 8)),
			 group(f, "sub", "k3"));
	/* a temp of k1 belongs to the key but is no copy */
	assert_int_equal(settle_group_of(&f->set, finding(f, "k1.kvTemp1")),
			 -1);
}

/* A rescan keeps the marks of the keys still there, by name. */
static void test_carry(void **state)
{
	struct fixture *f = *state;
	struct settle_marks m = {0};
	assert_int_equal(settle_marks_reset(&m, f->set.n), 0);
	settle_marks_toggle(&m, (size_t)group(f, "", "k2"));
	settle_marks_toggle(&m, (size_t)group(f, "sub", "k3"));
	struct conflict_set old = f->set;
	memset(&f->set, 0, sizeof f->set);
	char path[SY_PATH];
	snprintf(path, sizeof path, "%s/%s", f->dir, SAME);
	assert_int_equal(unlink(path), 0); /* k2 settled meanwhile */
	load(f);
	assert_int_equal(f->set.n, 3);
	assert_int_equal(settle_marks_carry(&m, &old, &f->set), 0);
	assert_int_equal(m.n, 3);
	assert_int_equal(m.count, 1);
	assert_true(settle_marks_has(&m, (size_t)group(f, "sub", "k3")));
	conflict_set_free(&old);
	settle_marks_done(&m);
}

static void all(const struct fixture *f, struct settle_marks *m)
{
	assert_int_equal(settle_marks_reset(m, f->set.n), 0);
	settle_marks_invert(m);
}

static void test_preview(void **state)
{
	struct fixture *f = *state;
	struct settle_marks m = {0};
	struct settle_preview p;
	all(f, &m);
	assert_int_equal(settle_preview(&f->set, &m, SETTLE_KEEP_KEY, &p), 0);
	assert_int_equal(p.keys, 3);
	assert_int_equal(p.installs, 0);
	assert_int_equal(p.copies, 3);
	assert_int_equal(p.idle, 1); /* gone: no key to keep */
	assert_non_null(strstr(p.why, "key is missing"));
	assert_int_equal(settle_preview(&f->set, &m, SETTLE_KEEP_NEWEST, &p),
			 0);
	assert_int_equal(p.keys, 4);
	assert_int_equal(p.installs, 2); /* k1's newer copy, gone's copy */
	assert_int_equal(p.copies, 4);
	assert_int_equal(p.idle, 0);
	assert_int_equal(settle_preview(&f->set, &m, SETTLE_DROP_IDENTICAL,
					&p), 0);
	assert_int_equal(p.keys, 1);
	assert_int_equal(p.copies, 1);
	assert_int_equal(p.idle, 3);
	/* only what is marked counts */
	assert_int_equal(settle_marks_reset(&m, f->set.n), 0);
	settle_marks_toggle(&m, (size_t)group(f, "", "k1"));
	assert_int_equal(settle_preview(&f->set, &m, SETTLE_KEEP_NEWEST, &p),
			 0);
	assert_int_equal(p.keys, 1);
	assert_int_equal(p.installs, 1);
	settle_marks_done(&m);
}

/* Settle every group with `c`, as the view does; each key's error in
 * errs (if not NULL). */
static void settle_all_errs(struct fixture *f, enum settle_choice c,
			    struct settle_tally *t, int *errs)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < f->set.n; i++) {
		flockd_table *tb;
		assert_int_equal(flockd_table_open(f->db, f->set.groups[i].table,
						   0, &tb), 0);
		int err = settle_one(tb, &f->set.groups[i], c, t);
		if (errs != NULL)
			errs[i] = err;
		flockd_table_close(tb);
	}
}

static void settle_all(struct fixture *f, enum settle_choice c,
		       struct settle_tally *t)
{
	settle_all_errs(f, c, t, NULL);
}

static void test_keep_newest(void **state)
{
	struct fixture *f = *state;
	struct settle_tally t;
	settle_all(f, SETTLE_KEEP_NEWEST, &t);
	assert_int_equal(t.settled, 4);
	assert_int_equal(t.failed, 0);
	assert_int_equal(t.removed, 4);
	assert_true(sy_content(f->dir, "k1.kv", "one, newer"));
	assert_true(sy_content(f->dir, "k2.kv", "two"));
	assert_true(sy_content(f->dir, "sub.tbl/k3.kv", "three"));
	assert_true(sy_content(f->dir, "gone.kv", "ghost"));
	assert_false(sy_exists(f->dir, NEWER));
	assert_false(sy_exists(f->dir, SAME));
	assert_false(sy_exists(f->dir, OLDER));
	assert_false(sy_exists(f->dir, GHOST));
	assert_true(sy_exists(f->dir, "k1.kvTemp1")); /* not a copy */
	char line[800];
	settle_summary(&t, line, sizeof line);
	assert_string_equal(line, "settled 4 keys (4 copies removed)");
}

static void test_keep_key(void **state)
{
	struct fixture *f = *state;
	struct settle_tally t;
	settle_all(f, SETTLE_KEEP_KEY, &t);
	assert_int_equal(t.settled, 3);
	assert_int_equal(t.idle, 1);
	assert_true(sy_content(f->dir, "k1.kv", "one"));
	assert_false(sy_exists(f->dir, NEWER));
	assert_false(sy_exists(f->dir, OLDER));
	assert_true(sy_exists(f->dir, GHOST)); /* no key to keep */
	assert_false(sy_exists(f->dir, "gone.kv"));
	char line[800];
	settle_summary(&t, line, sizeof line);
	assert_string_equal(line, "settled 3 keys (3 copies removed); "
			    "1 left as it was");
}

static void test_drop_identical(void **state)
{
	struct fixture *f = *state;
	struct settle_tally t;
	settle_all(f, SETTLE_DROP_IDENTICAL, &t);
	assert_int_equal(t.settled, 1);
	assert_int_equal(t.idle, 3);
	assert_int_equal(t.removed, 1);
	assert_false(sy_exists(f->dir, SAME));
	assert_true(sy_exists(f->dir, NEWER));
	assert_true(sy_exists(f->dir, OLDER));
	assert_true(sy_exists(f->dir, GHOST));
	assert_true(sy_content(f->dir, "k1.kv", "one"));
}

/* A writer holds k1: k1 is reported (the first reason names it and the
 * step) and left as it was; the other keys are settled. */
static void test_locked_key(void **state)
{
	struct fixture *f = *state;
	char path[SY_PATH];
	snprintf(path, sizeof path, "%s/k1.kv", f->dir);
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	struct settle_tally t;
	int errs[8];
	assert_true(f->set.n <= 8);
	settle_all_errs(f, SETTLE_KEEP_NEWEST, &t, errs);
	close(fd);
	assert_int_equal(errs[group(f, "", "k1")], FLOCKD_ETIMEOUT);
	assert_int_equal(t.settled, 3);
	assert_int_equal(t.failed, 1);
	assert_true(sy_content(f->dir, "k1.kv", "one"));
	assert_true(sy_exists(f->dir, NEWER));
	assert_false(sy_exists(f->dir, SAME));
	assert_false(sy_exists(f->dir, OLDER));
	char line[800];
	settle_summary(&t, line, sizeof line);
	assert_non_null(strstr(line, "settled 3 keys (3 copies removed); "
				     "failed 1, first: k1: "));
	assert_non_null(strstr(line, "(open key)"));
}

/* A copy a process holds stays and makes its key a failure. */
static void test_locked_copy(void **state)
{
	struct fixture *f = *state;
	char path[SY_PATH];
	snprintf(path, sizeof path, "%s/%s", f->dir, OLDER);
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_SH), 0);
	struct settle_tally t;
	settle_all(f, SETTLE_KEEP_KEY, &t);
	close(fd);
	assert_int_equal(t.failed, 1);
	assert_int_equal(t.settled, 2);
	assert_true(sy_exists(f->dir, OLDER));
	assert_false(sy_exists(f->dir, NEWER));
	assert_non_null(strstr(t.first, "k3.sync-conflict"));
	assert_non_null(strstr(t.first, "a process holds a lock on it"));
}

/* The check view looks without waiting: a key a writer holds leaves its
 * copies not compared (FLOCKD_ETIMEOUT), and drop-identical passes them. */
static void test_nowait_compare(void **state)
{
	struct fixture *f = *state;
	char path[SY_PATH];
	snprintf(path, sizeof path, "%s/k2.kv", f->dir);
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	load(f);
	close(fd);
	const struct conflict_group *g = &f->set.groups[group(f, "", "k2")];
	assert_int_equal(g->copies[0].identical, -1);
	assert_int_equal(g->copies[0].err, FLOCKD_ETIMEOUT);
	struct settle_marks m = {0};
	all(f, &m);
	struct settle_preview p;
	assert_int_equal(settle_preview(&f->set, &m, SETTLE_DROP_IDENTICAL,
					&p), 0);
	assert_int_equal(p.keys, 0);
	settle_marks_done(&m);
}

/* Names in the first reason are escaped, ready for the screen. */
static void test_hostile_name(void **state)
{
	(void)state;
	struct settle_tally t = {0};
	settle_failed(&t, "evil\033[2Jname", NULL, FLOCKD_ETIMEOUT, "open key");
	settle_failed(&t, "second", NULL, ENOMEM, NULL);
	assert_int_equal(t.failed, 2);
	assert_null(strchr(t.first, '\033'));
	assert_non_null(strstr(t.first, "evil"));
	assert_non_null(strstr(t.first, "(open key)"));
	assert_null(strstr(t.first, "second"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_hostile_name),
		cmocka_unit_test_setup_teardown(test_group_of, setup, teardown),
		cmocka_unit_test_setup_teardown(test_carry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_preview, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keep_newest, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_keep_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drop_identical, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_locked_key, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_locked_copy, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_nowait_compare, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
