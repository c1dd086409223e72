/* SPDX-License-Identifier: MIT */
/*
 * test_bulk.c - bulk actions on a real database (bulk.h): the question
 * names the count and what stays; delete, copy (permission bits kept),
 * move (the inode kept), export in `flockd export`'s format; a key
 * locked by another holder is tried again and then reported, never
 * skipped in silence; skip or replace keys the target has; a table
 * dropped (its other files and nested tables kept) and renamed; a job
 * stopped half way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "flockd.h"
#include "browser/bulk.h"
#include "lib/testutil.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct fx {
	char *dir;
	flockd_db *db;
	flockd_table *users;
	char calls[4096]; /* "key:err " for each key the job told */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = testutil_mkdtemp();
	assert_non_null(f->dir);
	assert_int_equal(flockd_open(f->dir, 2000, 0, &f->db), 0);
	assert_int_equal(flockd_table_open(f->db, "users", FLOCKD_TABLE_CREATE,
					   &f->users), 0);
	const char *keys[] = {"alice", "bob", "carol", "dave"};
	for (int i = 0; i < 4; i++)
		assert_int_equal(flockd_set(f->users, keys[i], keys[i],
					    strlen(keys[i])), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	flockd_table_close(f->users);
	flockd_close(f->db);
	testutil_rm_rf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static void told(void *ctx, const char *key, int err)
{
	struct fx *f = ctx;
	size_t len = strlen(f->calls);
	snprintf(f->calls + len, sizeof f->calls - len, "%s:%d ", key, err);
}

static void plan(struct bulk_plan *p, enum bulk_op op, const char *table,
		 const char *target, const char *const *keys, size_t n)
{
	assert_int_equal(bulk_plan_init(p, op, table, target), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(bulk_plan_add(p, keys[i], strlen(keys[i])), 0);
}

/* Start and run to the end; the job is returned for its report. */
static struct bulk_job *run(struct fx *f, struct bulk_plan *p, long timeout)
{
	struct bulk_env env = {f->dir, timeout, 0, told, f};
	struct bulk_job *j;
	char why[300];
	assert_int_equal(bulk_job_start(p, &env, &j, why, sizeof why), 0);
	int steps = 0;
	while (!bulk_job_step(j, 5))
		assert_true(++steps < 100000);
	return j;
}

static int exists(struct fx *f, const char *table, const char *key)
{
	flockd_table *t;
	struct flockd_stat st;
	if (flockd_table_open(f->db, table, 0, &t) != 0)
		return 0;
	int rc = flockd_key_stat(t, key, &st) == 0;
	flockd_table_close(t);
	return rc;
}

static void test_questions(void **state)
{
	(void)state;
	struct bulk_plan p;
	char q[600];
	const char *two[] = {"alice", "bob"}, *one[] = {"evil\x1b[31m"};
	plan(&p, BULK_DELETE, "users", NULL, two, 2);
	bulk_plan_question(&p, q, sizeof q);
	assert_string_equal(q, "Delete 2 keys of users?");
	bulk_plan_done(&p);
	plan(&p, BULK_DELETE, "", NULL, one, 1);
	bulk_plan_question(&p, q, sizeof q);
	assert_string_equal(q, "Delete key evil\\x1b[31m of (root)?");
	bulk_plan_done(&p);
	plan(&p, BULK_DROP_TABLE, "users", NULL, two, 2);
	p.n_files = 3;
	assert_int_equal(bulk_plan_add_nested(&p, "users/archive"), 0);
	bulk_plan_question(&p, q, sizeof q);
	assert_string_equal(q, "Delete table users: its 2 keys, each under "
			    "its lock? Kept: 3 files that are not keys (and "
			    "the directory); nested tables users/archive.");
	bulk_plan_done(&p);
	plan(&p, BULK_COPY, "users", "archive", two, 2);
	p.target_exists = 1;
	p.n_clash = 1;
	assert_true(bulk_plan_asks_clash(&p));
	bulk_plan_question(&p, q, sizeof q);
	assert_string_equal(q, "Copy 2 keys from users to archive? 1 of them "
			    "exists there:");
	p.n_clash = 0;
	assert_false(bulk_plan_asks_clash(&p));
	bulk_plan_done(&p);
	/* a name that is not a key is refused */
	assert_int_equal(bulk_plan_init(&p, BULK_DELETE, "users", NULL), 0);
	assert_int_equal(bulk_plan_add(&p, "a/b", 3), EINVAL);
	assert_int_equal(bulk_plan_add(&p, "", 0), EINVAL);
	bulk_plan_done(&p);
}

static void test_delete_and_report(void **state)
{
	struct fx *f = *state;
	struct bulk_plan p;
	const char *keys[] = {"alice", "bob", "nothere"};
	plan(&p, BULK_DELETE, "users", NULL, keys, 3);
	struct bulk_job *j = run(f, &p, 2000);
	assert_int_equal(bulk_job_done(j), 3); /* a missing key is gone */
	assert_int_equal(bulk_job_failed(j), 0);
	assert_false(exists(f, "users", "alice"));
	assert_true(exists(f, "users", "carol"));
	assert_string_equal(f->calls, "alice:0 bob:0 nothere:0 ");
	char sum[300];
	bulk_job_summary(j, sum, sizeof sum);
	assert_string_equal(sum, "deleted 3 of 3 keys");
	bulk_job_free(j);
}

/* A key held by another process: tried after the others, then reported
 * as a lock timeout once it waited the whole timeout. */
static void test_locked_key_reported(void **state)
{
	struct fx *f = *state;
	char path[4096];
	snprintf(path, sizeof path, "%s/users.tbl/bob.kv", f->dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_SH), 0);
	struct bulk_plan p;
	const char *keys[] = {"alice", "bob", "carol"};
	plan(&p, BULK_DELETE, "users", NULL, keys, 3);
	struct bulk_job *j = run(f, &p, 150);
	close(fd);
	assert_int_equal(bulk_job_done(j), 2);
	assert_int_equal(bulk_job_failed(j), 1);
	assert_true(exists(f, "users", "bob"));
	/* bob was tried after carol */
	assert_string_equal(f->calls, "alice:0 carol:0 bob:-30803 ");
	const struct bulk_failure *x = bulk_job_failure(j, 0);
	assert_non_null(x);
	assert_string_equal(x->key, "bob");
	assert_int_equal(x->err, FLOCKD_ETIMEOUT);
	assert_null(bulk_job_failure(j, 1));
	char sum[300];
	bulk_job_summary(j, sum, sizeof sum);
	assert_non_null(strstr(sum, "deleted 2 of 3 keys; 1 failed (bob: "));
	bulk_job_free(j);
}

static void test_copy_keeps_mode_move_keeps_inode(void **state)
{
	struct fx *f = *state;
	char path[4096];
	struct stat st;
	snprintf(path, sizeof path, "%s/users.tbl/alice.kv", f->dir);
	assert_int_equal(chmod(path, 0640), 0);
	struct bulk_plan p;
	const char *keys[] = {"alice", "bob"};
	plan(&p, BULK_COPY, "users", "a/b", keys, 2);
	struct bulk_job *j = run(f, &p, 2000);
	assert_int_equal(bulk_job_done(j), 2);
	bulk_job_free(j);
	snprintf(path, sizeof path, "%s/a/b.tbl/alice.kv", f->dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	snprintf(path, sizeof path, "%s/a/b.tbl/bob.kv", f->dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_true(exists(f, "users", "alice")); /* a copy */
	/* move: the same file, under the new name */
	struct stat before;
	snprintf(path, sizeof path, "%s/users.tbl/carol.kv", f->dir);
	assert_int_equal(stat(path, &before), 0);
	const char *c[] = {"carol"};
	plan(&p, BULK_MOVE, "users", "a/b", c, 1);
	j = run(f, &p, 2000);
	assert_int_equal(bulk_job_done(j), 1);
	bulk_job_free(j);
	assert_false(exists(f, "users", "carol"));
	snprintf(path, sizeof path, "%s/a/b.tbl/carol.kv", f->dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_ino, before.st_ino);
}

static void test_skip_or_replace(void **state)
{
	struct fx *f = *state;
	flockd_table *t;
	void *v;
	size_t len;
	assert_int_equal(flockd_table_open(f->db, "arch", FLOCKD_TABLE_CREATE,
					   &t), 0);
	assert_int_equal(flockd_set(t, "bob", "old", 3), 0);
	struct bulk_plan p;
	const char *keys[] = {"alice", "bob"};
	plan(&p, BULK_COPY, "users", "arch", keys, 2);
	assert_int_equal(bulk_plan_look(&p, f->db), 0);
	assert_true(p.target_exists);
	assert_int_equal(p.n_clash, 1);
	struct bulk_job *j = run(f, &p, 2000); /* skip: the default */
	assert_int_equal(bulk_job_done(j), 1);
	assert_int_equal(bulk_job_failed(j), 0);
	char sum[300];
	bulk_job_summary(j, sum, sizeof sum);
	assert_string_equal(sum, "copied 1 of 2 keys; 1 skipped (there "
			    "already)");
	bulk_job_free(j);
	assert_int_equal(flockd_get(t, "bob", &v, &len), 0);
	assert_memory_equal(v, "old", 3);
	free(v);
	plan(&p, BULK_MOVE, "users", "arch", keys + 1, 1);
	p.replace = 1;
	j = run(f, &p, 2000);
	assert_int_equal(bulk_job_done(j), 1);
	bulk_job_free(j);
	assert_int_equal(flockd_get(t, "bob", &v, &len), 0);
	assert_memory_equal(v, "bob", 3);
	free(v);
	flockd_table_close(t);
	/* into the same table: refused, nothing done */
	plan(&p, BULK_MOVE, "users", "users", keys, 1);
	struct bulk_env env = {f->dir, 2000, 0, NULL, NULL};
	char why[300];
	assert_int_not_equal(bulk_job_start(&p, &env, &j, why, sizeof why), 0);
	assert_null(j);
	assert_non_null(strstr(why, "already"));
	/* read-only: refused (an export is allowed) */
	plan(&p, BULK_DELETE, "users", NULL, keys, 1);
	env.read_only = 1;
	assert_int_equal(bulk_job_start(&p, &env, &j, why, sizeof why),
			 FLOCKD_EREADONLY);
	assert_true(exists(f, "users", "alice"));
}

static void test_export_lines(void **state)
{
	struct fx *f = *state;
	char file[4096], buf[4096];
	snprintf(file, sizeof file, "%s/out.jsonl", f->dir);
	assert_int_equal(flockd_set(f->users, "bin", "\xff\x00", 2), 0);
	struct bulk_plan p;
	const char *keys[] = {"alice", "bin"};
	plan(&p, BULK_EXPORT, "users", file, keys, 2);
	struct bulk_job *j = run(f, &p, 2000);
	assert_int_equal(bulk_job_done(j), 2);
	bulk_job_free(j);
	FILE *in = fopen(file, "r");
	assert_non_null(in);
	size_t n = fread(buf, 1, sizeof buf - 1, in);
	fclose(in);
	buf[n] = '\0';
	/* the same lines as `flockd export`, with the JSON format's version */
	assert_non_null(strstr(buf, "{\"format_version\":1,\"table\":\"users\","
				    "\"key\":\"alice\",\"size\":5,\"mtime\":\""));
	assert_non_null(strstr(buf, "\"value\":\"alice\"}\n"));
	assert_non_null(strstr(buf, "\"key\":\"bin\",\"size\":2,"));
	assert_non_null(strstr(buf, "\"value_base64\":\"/wA=\"}\n"));
	/* an existing file is not overwritten unless asked */
	plan(&p, BULK_EXPORT, "users", file, keys, 1);
	struct bulk_env env = {f->dir, 2000, 0, NULL, NULL};
	char why[300];
	assert_int_equal(bulk_job_start(&p, &env, &j, why, sizeof why), EEXIST);
	assert_non_null(strstr(why, "it exists"));
	plan(&p, BULK_EXPORT, "users", file, keys, 1);
	p.overwrite = 1;
	j = run(f, &p, 2000);
	bulk_job_free(j);
	in = fopen(file, "r");
	n = fread(buf, 1, sizeof buf - 1, in);
	fclose(in);
	buf[n] = '\0';
	assert_null(strstr(buf, "bin"));
}

/* Drop: every key goes; the files that are not keys and nested tables
 * stay, and the directory with them; a clean table's directory goes. */
static void test_drop_table(void **state)
{
	struct fx *f = *state;
	char path[4096];
	flockd_table *t;
	assert_int_equal(flockd_table_open(f->db, "users/archive",
					   FLOCKD_TABLE_CREATE, &t), 0);
	flockd_table_close(t);
	snprintf(path, sizeof path, "%s/users.tbl/carol.sync-conflict-"
		 "20260101-120000-ABCDEFG.kv", f->dir);
	assert_int_equal(testutil_write_file(path, "x", 1), 0);
	struct bulk_plan p;
	const char *keys[] = {"alice", "bob", "carol", "dave"};
	plan(&p, BULK_DROP_TABLE, "users", NULL, keys, 4);
	struct bulk_job *j = run(f, &p, 2000);
	assert_int_equal(bulk_job_done(j), 4);
	char sum[400];
	bulk_job_summary(j, sum, sizeof sum);
	assert_string_equal(sum, "deleted 4 of 4 keys; the directory stays: 1 "
			    "file in it is not keys (the check view lists "
			    "them)");
	bulk_job_free(j);
	assert_int_equal(access(path, F_OK), 0);
	snprintf(path, sizeof path, "%s/users/archive.tbl", f->dir);
	assert_int_equal(access(path, F_OK), 0);
	/* the nested one, empty: its directory and its folder go */
	plan(&p, BULK_DROP_TABLE, "users/archive", NULL, keys, 0);
	j = run(f, &p, 2000);
	bulk_job_summary(j, sum, sizeof sum);
	assert_string_equal(sum, "deleted 0 of 0 keys; the table's directory "
			    "is removed");
	bulk_job_free(j);
	assert_int_not_equal(access(path, F_OK), 0);
	snprintf(path, sizeof path, "%s/users", f->dir);
	assert_int_not_equal(access(path, F_OK), 0);
}

static void test_rename_table_and_stop(void **state)
{
	struct fx *f = *state;
	struct bulk_plan p;
	const char *keys[] = {"alice", "bob", "carol", "dave"};
	plan(&p, BULK_RENAME_TABLE, "users", "people", keys, 4);
	struct bulk_env env = {f->dir, 2000, 0, told, f};
	struct bulk_job *j;
	char why[300];
	assert_int_equal(bulk_job_start(&p, &env, &j, why, sizeof why), 0);
	bulk_job_stop(j);
	assert_true(bulk_job_step(j, 5));
	assert_true(bulk_job_stopped(j));
	char sum[300];
	bulk_job_summary(j, sum, sizeof sum);
	assert_string_equal(sum, "stopped: moved 0 of 4 keys; 4 not done");
	bulk_job_free(j);
	assert_true(exists(f, "users", "alice"));
	/* the target exists now (made at the start): a rename to it is
	 * refused */
	plan(&p, BULK_RENAME_TABLE, "users", "people", keys, 4);
	assert_int_equal(bulk_job_start(&p, &env, &j, why, sizeof why),
			 FLOCKD_EEXIST);
	plan(&p, BULK_RENAME_TABLE, "users", "staff", keys, 4);
	j = run(f, &p, 2000);
	assert_int_equal(bulk_job_done(j), 4);
	bulk_job_free(j);
	assert_true(exists(f, "staff", "dave"));
	char path[4096];
	snprintf(path, sizeof path, "%s/users.tbl", f->dir);
	assert_int_not_equal(access(path, F_OK), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_questions),
		cmocka_unit_test_setup_teardown(test_delete_and_report, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_locked_key_reported,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_copy_keeps_mode_move_keeps_inode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_skip_or_replace, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_export_lines, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_drop_table, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rename_table_and_stop,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
