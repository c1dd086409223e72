/* SPDX-License-Identifier: MIT */
/*
 * test_classify_tables.c - what flockd_tables_ex reports instead of
 * skipping silently: sync tools' mirror directories (rsync --backup-dir,
 * Syncthing versions) are skipped and named, tables nested too deep and
 * unreadable directories are reported with their paths.
 */
#include "store_test.h"

/* ------------------------------------------------- what a walk skips */

/* mkdir -p base/rel */
static void mkdirs(const char *base, const char *rel)
{
	char path[PATH_MAX];
	st_join(path, base, rel);
	for (char *p = path + strlen(base) + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			fail_msg("mkdir %s: %s", path, strerror(errno));
		*p = c;
		if (c == '\0')
			break;
	}
}

static const struct flockd_skipped *find_skip(const struct flockd_skipped *v,
					      size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].path, path))
			return &v[i];
	return NULL;
}

static int has_name(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

static void test_tables_skipped(void **state)
{
	struct st_fixture *fx = *state;
	mkdirs(fx->dbpath, "users.tbl");
	mkdirs(fx->dbpath, "a/b.tbl");
	/* rsync --backup-dir=.backup and Syncthing versions mirror tables */
	mkdirs(fx->dbpath, ".backup/users.tbl");
	mkdirs(fx->dbpath, ".stversions/users.tbl");
	mkdirs(fx->dbpath, ".snap/hourly.0/x/users.tbl");
	/* a hidden directory without tables is nobody's business */
	mkdirs(fx->dbpath, ".git/objects/ab");
	/* tables the Go original names ".." and "a/." */
	mkdirs(fx->dbpath, "...tbl/inner.tbl");
	mkdirs(fx->dbpath, "a/..tbl");
	/* a hidden table is a table */
	mkdirs(fx->dbpath, ".secret.tbl");

	char **names;
	size_t count;
	struct flockd_skipped *sk;
	size_t nsk;
	assert_int_equal(flockd_tables_ex(fx->db, &names, &count, &sk, &nsk),
			 FLOCKD_OK);
	assert_true(has_name(names, count, "users"));
	assert_true(has_name(names, count, "a/b"));
	assert_true(has_name(names, count, ".secret"));
	assert_false(has_name(names, count, ".backup/users"));
	assert_false(has_name(names, count, ".stversions/users"));
	assert_false(has_name(names, count, ".."));
	assert_false(has_name(names, count, "../inner"));
	assert_false(has_name(names, count, "a/."));
	assert_int_equal(count, 4); /* "", ".secret", "a/b", "users" */

	const struct flockd_skipped *s = find_skip(sk, nsk, ".backup");
	assert_non_null(s);
	assert_int_equal(s->why, FLOCKD_SKIP_COPIES);
	assert_int_equal(s->kind, FLOCKD_ENTRY_OTHER);
	s = find_skip(sk, nsk, ".stversions");
	assert_non_null(s);
	assert_int_equal(s->why, FLOCKD_SKIP_COPIES);
	assert_int_equal(s->kind, FLOCKD_ENTRY_SYNC_META);
	s = find_skip(sk, nsk, ".snap");
	assert_non_null(s);
	assert_int_equal(s->why, FLOCKD_SKIP_COPIES);
	assert_null(find_skip(sk, nsk, ".git"));
	s = find_skip(sk, nsk, "...tbl");
	assert_non_null(s);
	assert_int_equal(s->why, FLOCKD_SKIP_BAD_NAME);
	s = find_skip(sk, nsk, "a/..tbl");
	assert_non_null(s);
	assert_int_equal(s->why, FLOCKD_SKIP_BAD_NAME);
	assert_int_equal(nsk, 5);
	for (size_t i = 1; i < nsk; i++)
		assert_true(strcmp(sk[i - 1].path, sk[i].path) < 0);
	flockd_skipped_free(sk, nsk);
	/* flockd_tables lists the same */
	char **names2;
	size_t count2;
	assert_int_equal(flockd_tables(fx->db, &names2, &count2), FLOCKD_OK);
	assert_int_equal(count2, count);
	for (size_t i = 0; i < count; i++)
		assert_string_equal(names[i], names2[i]);
	flockd_names_free(names, count);
	flockd_names_free(names2, count2);
	flockd_skipped_free(NULL, 0);
}

/* Tables below the depth limit are reported, not silently dropped. */
static void test_tables_too_deep(void **state)
{
	struct st_fixture *fx = *state;
	char rel[PATH_MAX] = "";
	size_t n = 0;
	for (int i = 0; i < FLOCKD_TABLES_MAX_DEPTH + 3; i++)
		n += (size_t)snprintf(rel + n, sizeof rel - n, "%sd%d.tbl",
				      i ? "/" : "", i);
	mkdirs(fx->dbpath, rel);
	char **names;
	size_t count;
	struct flockd_skipped *sk;
	size_t nsk;
	assert_int_equal(flockd_tables_ex(fx->db, &names, &count, &sk, &nsk),
			 FLOCKD_OK);
	/* the root, then d0 .. d64: 65 tables reachable */
	assert_int_equal(count, 1 + FLOCKD_TABLES_MAX_DEPTH + 1);
	assert_int_equal(nsk, 1);
	assert_int_equal(sk[0].why, FLOCKD_SKIP_TOO_DEEP);
	assert_int_equal(strncmp(sk[0].path, "d0.tbl/d1.tbl/", 14), 0);
	flockd_skipped_free(sk, nsk);
	flockd_names_free(names, count);
}

/* An unreadable directory (as an unprivileged user) is reported. */
static void test_tables_unreadable(void **state)
{
	struct st_fixture *fx = *state;
	mkdirs(fx->dbpath, "users.tbl");
	mkdirs(fx->dbpath, "locked/inner.tbl");
	char path[PATH_MAX];
	assert_int_equal(chmod(fx->scratch, 0755), 0);
	assert_int_equal(chmod(fx->dbpath, 0755), 0);
	assert_int_equal(chmod(st_join(path, fx->dbpath, "locked"), 0700), 0);
	if (geteuid() != 0)
		assert_int_equal(chmod(path, 0), 0);
	fflush(stdout);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int failures = 0;
		if (st_drop_privileges() != 0) {
			printf("# cannot drop privileges\n");
			_exit(ST_CHILD_SKIP);
		}
		flockd_db *db;
		int err = flockd_open(fx->dbpath, 100, FLOCKD_OPEN_READONLY, &db);
		ST_CHILD_CHECK(failures, err == FLOCKD_OK, "open: %d", err);
		char **names = NULL;
		size_t count = 0, nsk = 0;
		struct flockd_skipped *sk = NULL;
		if (err == FLOCKD_OK)
			err = flockd_tables_ex(db, &names, &count, &sk, &nsk);
		ST_CHILD_CHECK(failures, err == FLOCKD_OK, "tables: %d", err);
		ST_CHILD_CHECK(failures, count == 2, "%zu tables", count);
		ST_CHILD_CHECK(failures, nsk == 1 && !strcmp(sk[0].path, "locked") &&
			       sk[0].why == FLOCKD_SKIP_UNREADABLE &&
			       sk[0].err == EACCES, "%zu skipped", nsk);
		flockd_skipped_free(sk, nsk);
		flockd_names_free(names, count);
		flockd_close(db);
		_exit(failures);
	}
	st_child_verdict(pid, "unreadable directory");
	chmod(path, 0755);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tables_skipped, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_tables_too_deep, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_tables_unreadable, st_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store classify: table walks", tests, NULL, NULL);
}
