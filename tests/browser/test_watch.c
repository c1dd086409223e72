/* SPDX-License-Identifier: MIT */
/*
 * test_watch.c - the live-refresh watcher: entries created, renamed in and
 * deleted in the table directory are reported; a new table directory in the
 * tree marks the table list changed; the table directory going away says so;
 * the table is watched at once for entries and soon for values written in
 * place.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "browser/watch.h"
#include "lib/testutil.h"

struct seen {
	int adds, removes;
	char last[256];
};

static void on_entry(void *ctx, enum watch_op op, const char *name,
		     size_t len, int is_dir)
{
	struct seen *s = ctx;
	(void)is_dir;
	if (op == WATCH_ENTRY_ADD)
		s->adds++;
	else
		s->removes++;
	snprintf(s->last, sizeof s->last, "%.*s", (int)len, name);
}

static void test_entries_and_tables(void **state)
{
	(void)state;
	struct watch *w = watch_open();
	if (w == NULL)
		skip();
	char *root = testutil_mkdtemp();
	char tdir[512], path[600], other[600];
	snprintf(tdir, sizeof tdir, "%s/t.tbl", root);
	assert_int_equal(mkdir(tdir, 0755), 0);
	assert_int_equal(watch_state_of(w), WATCH_OFF);
	assert_int_equal(watch_set_table(w, tdir), 0);
	assert_int_equal(watch_state_of(w), WATCH_ON);
	const char *tree[] = {root, tdir};
	assert_int_equal(watch_set_tree(w, tree, 2), 0);

	struct seen s = {0};
	snprintf(path, sizeof path, "%s/k.kv", tdir);
	assert_int_equal(testutil_write_file(path, "v", 1), 0);
	int r = watch_poll(w, on_entry, &s);
	assert_int_equal(r, 0);
	assert_true(s.adds >= 1);
	assert_string_equal(s.last, "k.kv");

	snprintf(other, sizeof other, "%s/j.kv", tdir);
	assert_int_equal(rename(path, other), 0);
	memset(&s, 0, sizeof s);
	watch_poll(w, on_entry, &s);
	assert_int_equal(s.adds, 1);
	assert_int_equal(s.removes, 1);
	assert_string_equal(s.last, "j.kv");

	assert_int_equal(unlink(other), 0);
	memset(&s, 0, sizeof s);
	watch_poll(w, on_entry, &s);
	assert_int_equal(s.removes, 1);

	snprintf(path, sizeof path, "%s/new.tbl", root);
	assert_int_equal(mkdir(path, 0755), 0);
	r = watch_poll(w, on_entry, &s);
	assert_true(r & WATCH_TABLES_CHANGED);

	testutil_rm_rf(tdir);
	r = watch_poll(w, on_entry, &s);
	assert_true(r & WATCH_TABLE_GONE);

	watch_close(w);
	testutil_rm_rf(root);
	free(root);
}

/* Watching a directory's entries costs the kernel a pass over them, so
 * the table is watched at once for entries coming and going, and a
 * moment later (a thread) for values written in place. */
static void test_table_watch_in_two_steps(void **state)
{
	(void)state;
	struct watch *w = watch_open();
	if (w == NULL)
		skip();
	char *root = testutil_mkdtemp();
	char tdir[512], path[600], made[600];
	snprintf(tdir, sizeof tdir, "%s/t.tbl", root);
	assert_int_equal(mkdir(tdir, 0755), 0);
	snprintf(path, sizeof path, "%s/k.kv", tdir);
	assert_int_equal(testutil_write_file(path, "v", 1), 0);
	assert_int_equal(watch_set_table(w, tdir), 0);
	assert_int_equal(watch_state_of(w), WATCH_ON);

	/* a key made right away is seen */
	struct seen s = {0};
	snprintf(made, sizeof made, "%s/new.kv", tdir);
	assert_int_equal(testutil_write_file(made, "n", 1), 0);
	watch_poll(w, on_entry, &s);
	assert_true(s.adds >= 1);

	/* a value written in place (rsync --inplace), soon */
	int seen = 0;
	for (int i = 0; i < 2000 && !seen; i++) {
		memset(&s, 0, sizeof s);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs("new", f);
		fclose(f);
		watch_poll(w, on_entry, &s);
		seen = s.adds > 0 && strcmp(s.last, "k.kv") == 0;
		usleep(2000);
	}
	assert_true(seen);

	/* a table directory that is only in the tree is not the table: its
	 * values written in place are nobody's business here */
	char other[512], opath[600];
	snprintf(other, sizeof other, "%s/o.tbl", root);
	assert_int_equal(mkdir(other, 0755), 0);
	snprintf(opath, sizeof opath, "%s/x.kv", other);
	assert_int_equal(testutil_write_file(opath, "v", 1), 0);
	const char *tree[] = {root, tdir, other};
	assert_int_equal(watch_set_tree(w, tree, 3), 0);
	watch_poll(w, on_entry, NULL);
	FILE *f = fopen(opath, "w");
	assert_non_null(f);
	fputs("in place", f);
	fclose(f);
	memset(&s, 0, sizeof s);
	watch_poll(w, on_entry, &s);
	assert_int_equal(s.adds, 0);
	/* and the table's whole watch survived the tree's */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("again", f);
	fclose(f);
	watch_poll(w, on_entry, &s);
	assert_true(s.adds >= 1);

	watch_close(w);
	testutil_rm_rf(root);
	free(root);
}

static void test_errors(void **state)
{
	(void)state;
	struct watch *w = watch_open();
	if (w == NULL)
		skip();
	assert_int_not_equal(watch_set_table(w, "/nonexistent/dir"), 0);
	assert_int_equal(watch_state_of(w), WATCH_OFF);
	const char *tree[] = {"/nonexistent/a"};
	assert_int_not_equal(watch_set_tree(w, tree, 1), 0);
	assert_int_equal(watch_poll(w, on_entry, NULL), 0);
	watch_close(w);
	/* NULL watchers are "no inotify": everything answers OFF */
	assert_int_equal(watch_state_of(NULL), WATCH_OFF);
	assert_int_equal(watch_fd(NULL), -1);
	assert_int_equal(watch_poll(NULL, on_entry, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries_and_tables),
		cmocka_unit_test(test_table_watch_in_two_steps),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
