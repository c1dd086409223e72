/* SPDX-License-Identifier: MIT */
/*
 * test_table_loader.c - which directory entries of a table become rows (and
 * with which marks), listing a real table through the store in slices, and
 * the facts fetched for rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flockd.h"

#include "browser/key_list.h"
#include "browser/table_loader.h"
#include "lib/testutil.h"

static void test_classify(void **state)
{
	struct table_row_spec r;
	(void)state;
	assert_true(table_row_classify("alice.kv", 8, DT_REG, &r));
	assert_int_equal(r.len, 5);
	assert_int_equal(strncmp(r.name, "alice", 5), 0);
	assert_false(r.is_entry);
	assert_int_equal(r.marks, 0);

	/* a conflict copy is never a key: a row of its own, by file name */
	const char *cc = "carol.sync-conflict-20260101-120000-ABCDEFG.kv";
	assert_true(table_row_classify(cc, strlen(cc), DT_REG, &r));
	assert_true(r.marks & KL_MARK_CONFLICT);
	assert_true(r.is_entry);
	assert_int_equal(r.len, strlen(cc));
	const char *uc = "carol (conflict_on_2026-01-01).kv";
	assert_true(table_row_classify(uc, strlen(uc), DT_REG, &r));
	assert_true(r.marks & KL_MARK_CONFLICT);
	assert_true(r.is_entry);
	assert_true(table_row_classify(".bak.1.carol.kv", 15, DT_REG, &r));
	assert_true(r.marks & KL_MARK_BACKUP);
	assert_true(r.is_entry);
	assert_true(table_row_classify("carol.kv~", 9, DT_REG, &r));
	assert_true(r.marks & KL_MARK_BACKUP);

	assert_true(table_row_classify("bob.kvQ3xZ9a", 12, DT_REG, &r));
	assert_true(r.is_entry);
	assert_true(r.marks & KL_MARK_TEMP);
	assert_int_equal(r.len, 12);

	assert_true(table_row_classify("link.kv", 7, DT_LNK, &r));
	assert_true(r.marks & KL_MARK_NOTREG);

	assert_true(table_row_classify("dir.kv", 6, DT_DIR, &r));
	assert_true(r.is_entry);
	assert_true(r.marks & KL_MARK_NOTREG);

	/* strangers are rows too, marked, never keys */
	assert_true(table_row_classify("notes.txt", 9, DT_REG, &r));
	assert_true(r.is_entry);
	assert_true(r.marks & KL_MARK_STRAY);
	assert_true(table_row_classify(".nfs0000000000000001", 20, DT_REG, &r));
	assert_true(r.marks & KL_MARK_STRAY);
	/* sub-tables and plain directories (where nested tables live) not */
	assert_false(table_row_classify("sub.tbl", 7, DT_DIR, &r));
	assert_false(table_row_classify("archive", 7, DT_DIR, &r));
}

static void test_describe(void **state)
{
	(void)state;
	char buf[200];
	const char *cc = "carol.sync-conflict-20260101-120000-ABCDEFG.kv";
	table_row_describe(cc, strlen(cc), 1, buf, sizeof buf);
	assert_string_equal(buf, "syncthing-conflict of carol, by ABCDEFG, "
			    "20260101-120000");
	table_row_describe("bob.kvQ3xZ9a", 12, 1, buf, sizeof buf);
	assert_string_equal(buf, "temp of bob");
	table_row_describe("notes.txt", 9, 1, buf, sizeof buf);
	assert_string_equal(buf, "other");
	table_row_describe("alice", 5, 0, buf, sizeof buf);
	assert_string_equal(buf, "key");
	/* cut, terminated, and says how much it wanted */
	int want = table_row_describe(cc, strlen(cc), 1, buf, 10);
	assert_string_equal(buf, "syncthing");
	assert_int_equal(want, (int)strlen("syncthing-conflict of carol, by "
					   "ABCDEFG, 20260101-120000"));
	assert_int_equal(table_row_describe(cc, strlen(cc), 1, NULL, 0), want);
}

static void test_listing_in_slices(void **state)
{
	(void)state;
	char *root = testutil_mkdtemp();
	flockd_db *db;
	flockd_table *t;
	char path[1024];
	assert_non_null(root);
	assert_int_equal(flockd_open(root, 1000, 0, &db), FLOCKD_OK);
	assert_int_equal(flockd_table_open(db, "t", FLOCKD_TABLE_CREATE, &t),
			 FLOCKD_OK);
	char key[32];
	for (int i = 0; i < 3000; i++) {
		snprintf(key, sizeof key, "k%04d", i);
		assert_int_equal(flockd_set(t, key, "v", i % 7 ? 1 : 0),
				 FLOCKD_OK);
	}
	snprintf(path, sizeof path, "%s/t.tbl/k0001.kvAbC123", root);
	assert_int_equal(testutil_write_file(path, "partial", 7), 0);
	snprintf(path, sizeof path, "%s/t.tbl/sub.tbl", root);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/t.tbl/zz-link.kv", root);
	assert_int_equal(symlink("k0002.kv", path), 0);
	snprintf(path, sizeof path,
		 "%s/t.tbl/k0003.sync-conflict-20260101-120000-ABCDEFG.kv", root);
	assert_int_equal(testutil_write_file(path, "theirs", 6), 0);
	snprintf(path, sizeof path, "%s/t.tbl/k0004.kv", root);
	struct timespec epoch[2] = {{0, 0}, {0, 0}};
	assert_int_equal(utimensat(AT_FDCWD, path, epoch, 0), 0);

	struct key_list *kl = key_list_new(table_row_stat, t);
	struct table_loader *ld;
	assert_int_equal(table_loader_open(t, &ld), 0);
	int rc, steps = 0;
	while ((rc = table_loader_step(ld, kl, 500)) == 0)
		steps++;
	assert_int_equal(rc, 1);
	assert_true(steps >= 3); /* it really came in slices */
	assert_true(table_loader_seen(ld) >= 3003);
	table_loader_close(ld);
	/* 3000 keys, the symlink; the temp file and the conflict copy are
	 * rows but not keys; not the sub-table */
	assert_int_equal(key_list_count(kl), 3003);
	assert_int_equal(key_list_count_files(kl), 2);

	/* a value with mtime at the epoch is suspect */
	struct key_list_row srow;
	uint32_t sr = key_list_find(kl, "k0004", 5, 0);
	key_list_fetch(kl, sr, 1);
	assert_int_equal(key_list_row(kl, sr, &srow), 0);
	assert_true(srow.marks & KL_MARK_SUSPECT);
	sr = key_list_find(kl, "k0005", 5, 0);
	key_list_fetch(kl, sr, 1);
	assert_int_equal(key_list_row(kl, sr, &srow), 0);
	assert_false(srow.marks & KL_MARK_SUSPECT);

	struct key_list_row row;
	uint32_t r = key_list_find(kl, "k0001.kvAbC123", 14, 1);
	assert_int_not_equal(r, KEY_LIST_NONE);
	assert_int_equal(key_list_row(kl, r, &row), 0);
	assert_true(row.marks & KL_MARK_TEMP);
	key_list_fetch(kl, r, 1);
	assert_int_equal(key_list_row(kl, r, &row), 0);
	assert_true(row.have_stat);
	assert_int_equal(row.size, 7);

	r = key_list_find(kl, "k0000", 5, 0);
	key_list_fetch(kl, r, 2);
	assert_int_equal(key_list_row(kl, r, &row), 0);
	assert_int_equal(row.size, 0);
	assert_true(row.marks & KL_MARK_EMPTY);
	assert_int_equal(key_list_row(kl, r + 1, &row), 0);
	assert_string_equal(row.name, "k0001");
	assert_int_equal(row.size, 1);

	r = key_list_find(kl, "zz-link", 7, 0);
	key_list_fetch(kl, r, 1);
	assert_int_equal(key_list_row(kl, r, &row), 0);
	assert_true(row.marks & KL_MARK_NOTREG);

	key_list_free(kl);
	flockd_table_close(t);
	flockd_close(db);
	testutil_rm_rf(root);
	free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_listing_in_slices),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
