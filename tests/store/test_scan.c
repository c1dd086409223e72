/* SPDX-License-Identifier: MIT */
/*
 * test_scan.c - listing a table without reading values (flockd_scan_*):
 * every entry exactly once, classified, in chunks of any size, over many
 * entries, without taking locks; and stat'ing keys and entries on demand
 * (flockd_key_stat, flockd_entry_stat) without following symlinks.
 */
#include "store_test.h"

#include <dirent.h>

struct expect {
	const char *name;
	enum flockd_entry_kind kind;
	const char *key;            /* NULL: belongs to no key */
	unsigned char d_type;
	int seen;
};

static void make_file(const char *dir, const char *name)
{
	char path[PATH_MAX];
	assert_int_equal(testutil_write_file(st_join(path, dir, name), "x", 1), 0);
}

static void make_dir(const char *dir, const char *name)
{
	char path[PATH_MAX];
	assert_int_equal(mkdir(st_join(path, dir, name), 0755), 0);
}

/* Scan everything with chunks of `max` entries and check each against
 * the expected list. */
static void scan_and_check(flockd_table *t, struct expect *exp, size_t nexp,
			   size_t max)
{
	for (size_t i = 0; i < nexp; i++)
		exp[i].seen = 0;
	flockd_scan *scan = NULL;
	assert_int_equal(flockd_scan_open(t, &scan), FLOCKD_OK);
	struct flockd_scan_entry *ents = calloc(max, sizeof(*ents));
	assert_non_null(ents);
	size_t n;
	int calls = 0;
	do {
		assert_int_equal(flockd_scan_next(scan, ents, max, &n), FLOCKD_OK);
		assert_true(n <= max);
		calls++;
		for (size_t i = 0; i < n; i++) {
			const struct flockd_scan_entry *e = &ents[i];
			assert_non_null(e->name);
			assert_int_equal(strlen(e->name), e->name_len);
			if (!strcmp(e->name, ".") || !strcmp(e->name, ".."))
				fail_msg("scan returned \"%s\"", e->name);
			struct expect *x = NULL;
			for (size_t j = 0; j < nexp; j++)
				if (!strcmp(exp[j].name, e->name))
					x = &exp[j];
			if (x == NULL)
				fail_msg("scan returned unexpected \"%s\"", e->name);
			x->seen++;
			if (e->kind != x->kind)
				fail_msg("\"%s\": kind %d, expected %d", e->name,
					 (int)e->kind, (int)x->kind);
			/* The scan's classification is flockd_classify's. */
			size_t off, klen;
			assert_int_equal(flockd_classify(e->name, e->name_len, &off, &klen),
					 e->kind);
			if (x->key != NULL) {
				if (e->key_len != strlen(x->key) ||
				    memcmp(e->name + e->key_off, x->key, e->key_len) != 0)
					fail_msg("\"%s\": key at %zu+%zu, expected \"%s\"",
						 e->name, e->key_off, e->key_len, x->key);
			}
			if (e->d_type != DT_UNKNOWN && e->d_type != x->d_type)
				fail_msg("\"%s\": d_type %d, expected %d", e->name,
					 e->d_type, x->d_type);
			char path[PATH_MAX];
			struct stat st;
			assert_int_equal(lstat(st_join(path, flockd_table_path(t), e->name),
					       &st), 0);
			assert_int_equal(e->ino, st.st_ino);
		}
	} while (n > 0);
	/* The end stays the end. */
	assert_int_equal(flockd_scan_next(scan, ents, max, &n), FLOCKD_OK);
	assert_int_equal(n, 0);
	flockd_scan_close(scan);
	free(ents);
	for (size_t i = 0; i < nexp; i++)
		if (exp[i].seen != 1)
			fail_msg("\"%s\" listed %d times", exp[i].name, exp[i].seen);
	assert_true(calls >= 2);
}

/* Everything spec section 7 says a table directory may hold. */
static void test_scan_classifies(void **state)
{
	struct st_fixture *fx = *state;
	struct expect exp[] = {
		{"a.kv", FLOCKD_ENTRY_KEY, "a", DT_REG, 0},
		{"b c.kv", FLOCKD_ENTRY_KEY, "b c", DT_REG, 0},
		{"a.kvX1y2Z3q4", FLOCKD_ENTRY_TEMP, "a", DT_REG, 0},
		{"a.kv12345", FLOCKD_ENTRY_TEMP, "a", DT_REG, 0},
		{".a.kv.Xy12Ab", FLOCKD_ENTRY_RSYNC_TEMP, "a", DT_REG, 0},
		{".~tmp~", FLOCKD_ENTRY_RSYNC_DIR, NULL, DT_DIR, 0},
		{".syncthing.a.kv.tmp", FLOCKD_ENTRY_SYNCTHING_TEMP, "a", DT_REG, 0},
		{".unison.a.kv.abc123.unison.tmp", FLOCKD_ENTRY_UNISON_TEMP, "a", DT_REG, 0},
		{"t.tbl", FLOCKD_ENTRY_TABLE, NULL, DT_DIR, 0},
		{"dir.kv", FLOCKD_ENTRY_KEY, "dir", DT_DIR, 0},
		{"note.txt", FLOCKD_ENTRY_OTHER, NULL, DT_REG, 0},
		{"plain", FLOCKD_ENTRY_OTHER, NULL, DT_DIR, 0},
		{"a.sync-conflict-20240101-120000-ABCDEFG.kv",
		 FLOCKD_ENTRY_SYNCTHING_CONFLICT, "a", DT_REG, 0},
		{"a (conflict_on_2024-01-01).kv", FLOCKD_ENTRY_UNISON_CONFLICT,
		 "a", DT_REG, 0},
		{"a.kv~", FLOCKD_ENTRY_RSYNC_BACKUP, "a", DT_REG, 0},
		{"link.kv", FLOCKD_ENTRY_KEY, "link", DT_LNK, 0},
		{"fifo.kv", FLOCKD_ENTRY_KEY, "fifo", DT_FIFO, 0},
	};
	const size_t nexp = sizeof(exp) / sizeof(exp[0]);
	assert_int_equal(flockd_set(fx->root, "a", "value a", 7), FLOCKD_OK);
	assert_int_equal(flockd_set(fx->root, "b c", "value b", 7), FLOCKD_OK);
	flockd_table *sub = NULL;
	assert_int_equal(flockd_table_open(fx->db, "t", FLOCKD_TABLE_CREATE, &sub), FLOCKD_OK);
	flockd_table_close(sub);
	for (size_t i = 0; i < nexp; i++) {
		if (!strcmp(exp[i].name, "a.kv") || !strcmp(exp[i].name, "b c.kv") ||
		    !strcmp(exp[i].name, "t.tbl"))
			continue;
		char path[PATH_MAX];
		st_join(path, fx->dbpath, exp[i].name);
		if (exp[i].d_type == DT_DIR)
			make_dir(fx->dbpath, exp[i].name);
		else if (exp[i].d_type == DT_LNK)
			assert_int_equal(symlink("a.kv", path), 0);
		else if (exp[i].d_type == DT_FIFO)
			assert_int_equal(mkfifo(path, 0600), 0);
		else
			make_file(fx->dbpath, exp[i].name);
	}
	scan_and_check(fx->root, exp, nexp, 1);
	scan_and_check(fx->root, exp, nexp, 4);
	scan_and_check(fx->root, exp, nexp, 100);
}

static void test_scan_empty(void **state)
{
	struct st_fixture *fx = *state;
	flockd_scan *scan = NULL;
	assert_int_equal(flockd_scan_open(fx->root, &scan), FLOCKD_OK);
	struct flockd_scan_entry ents[8];
	size_t n = 99;
	assert_int_equal(flockd_scan_next(scan, ents, 8, &n), FLOCKD_OK);
	assert_int_equal(n, 0);
	flockd_scan_close(scan);
	flockd_scan_close(NULL);
}

/* Many entries: every one exactly once across many chunks. */
static void test_scan_many(void **state)
{
	struct st_fixture *fx = *state;
	const int nkeys = 5000;
	for (int i = 0; i < nkeys; i++) {
		char name[32];
		snprintf(name, sizeof(name), "key-%05d.kv", i);
		make_file(fx->dbpath, name);
	}
	make_file(fx->dbpath, "key-00001.kvTMP123"); /* one temp among them */
	unsigned char *seen = calloc((size_t)nkeys, 1);
	assert_non_null(seen);
	flockd_scan *scan = NULL;
	assert_int_equal(flockd_scan_open(fx->root, &scan), FLOCKD_OK);
	struct flockd_scan_entry ents[1000];
	size_t n, total = 0, temps = 0;
	long long start = st_now_ms();
	do {
		assert_int_equal(flockd_scan_next(scan, ents, 1000, &n), FLOCKD_OK);
		for (size_t i = 0; i < n; i++) {
			int idx;
			total++;
			if (ents[i].kind == FLOCKD_ENTRY_TEMP) {
				temps++;
				continue;
			}
			assert_int_equal(ents[i].kind, FLOCKD_ENTRY_KEY);
			assert_int_equal(ents[i].key_len, 9);
			assert_int_equal(sscanf(ents[i].name, "key-%d.kv", &idx), 1);
			assert_true(idx >= 0 && idx < nkeys);
			seen[idx]++;
		}
	} while (n > 0);
	long long elapsed = st_now_ms() - start;
	flockd_scan_close(scan);
	assert_int_equal(total, (size_t)nkeys + 1);
	assert_int_equal(temps, 1);
	for (int i = 0; i < nkeys; i++)
		if (seen[i] != 1)
			fail_msg("key-%05d listed %d times", i, seen[i]);
	free(seen);
	printf("# scanned %d entries in %lld ms\n", nkeys + 1, elapsed);
	/* No stat per entry: 5,000 names come back in well under a second
	 * even on a slow machine (the browser's million keys depend on it). */
	assert_true(elapsed < 1000);
}

/* A scan takes no lock: a key locked exclusively elsewhere is listed. */
static void test_scan_takes_no_lock(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	assert_int_equal(flockd_set(fx->root, "locked", "v", 1), FLOCKD_OK);
	struct st_locker lk;
	assert_int_equal(st_locker_start(&lk, st_join(path, fx->dbpath, "locked.kv"),
					 LOCK_EX), 0);
	long long start = st_now_ms();
	flockd_scan *scan = NULL;
	assert_int_equal(flockd_scan_open(fx->root, &scan), FLOCKD_OK);
	struct flockd_scan_entry ents[4];
	size_t n;
	assert_int_equal(flockd_scan_next(scan, ents, 4, &n), FLOCKD_OK);
	assert_int_equal(n, 1);
	assert_string_equal(ents[0].name, "locked.kv");
	flockd_scan_close(scan);
	struct flockd_stat st;
	assert_int_equal(flockd_key_stat(fx->root, "locked", &st), FLOCKD_OK);
	assert_int_equal(st.size, 1);
	/* Generous: a lock wait would have ended in a timeout error anyway. */
	assert_true(st_now_ms() - start < 5 * ST_TIMEOUT_MS);
	st_locker_stop(&lk);
}

static void test_key_stat(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	struct flockd_stat fst;
	struct stat st;
	assert_int_equal(flockd_set(fx->root, "k", "twelve bytes", 12), FLOCKD_OK);
	assert_int_equal(flockd_key_stat(fx->root, "k", &fst), FLOCKD_OK);
	assert_int_equal(lstat(st_join(path, fx->dbpath, "k.kv"), &st), 0);
	assert_int_equal(fst.size, 12);
	assert_true(S_ISREG(fst.mode));
	assert_int_equal(fst.mode & 07777, 0600);
	assert_int_equal(fst.ino, st.st_ino);
	assert_int_equal(fst.dev, st.st_dev);
	assert_int_equal(fst.nlink, 1);
	assert_int_equal(fst.uid, st.st_uid);
	assert_int_equal(fst.mtime.tv_sec, st.st_mtim.tv_sec);
	assert_int_equal(fst.mtime.tv_nsec, st.st_mtim.tv_nsec);

	assert_int_equal(flockd_key_stat(fx->root, "missing", &fst), FLOCKD_ENOTFOUND);
	assert_int_equal(flockd_key_stat(fx->root, "a/b", &fst), FLOCKD_EINVALID);

	/* A symlink is described, not followed. */
	assert_int_equal(symlink("k.kv", st_join(path, fx->dbpath, "ln.kv")), 0);
	assert_int_equal(flockd_key_stat(fx->root, "ln", &fst), FLOCKD_OK);
	assert_true(S_ISLNK(fst.mode));
	/* A directory in a key's place. */
	make_dir(fx->dbpath, "d.kv");
	assert_int_equal(flockd_key_stat(fx->root, "d", &fst), FLOCKD_OK);
	assert_true(S_ISDIR(fst.mode));
	/* A FIFO is stat'ed without opening it (which would block). */
	assert_int_equal(mkfifo(st_join(path, fx->dbpath, "f.kv"), 0600), 0);
	assert_int_equal(flockd_key_stat(fx->root, "f", &fst), FLOCKD_OK);
	assert_true(S_ISFIFO(fst.mode));
}

static void test_entry_stat(void **state)
{
	struct st_fixture *fx = *state;
	char path[PATH_MAX];
	assert_int_equal(testutil_write_file(st_join(path, fx->dbpath, "k.kv123456"),
					     "stale temp", 10), 0);
	struct flockd_stat fst;
	assert_int_equal(flockd_entry_stat(fx->root, "k.kv123456", &fst), FLOCKD_OK);
	assert_int_equal(fst.size, 10);
	assert_true(S_ISREG(fst.mode));
	make_dir(fx->dbpath, ".~tmp~");
	assert_int_equal(flockd_entry_stat(fx->root, ".~tmp~", &fst), FLOCKD_OK);
	assert_true(S_ISDIR(fst.mode));
	assert_int_equal(flockd_entry_stat(fx->root, "nothing", &fst), FLOCKD_ENOTFOUND);
}

/* A table's scan lists that table only (not its parent or children). */
static void test_scan_nested_table(void **state)
{
	struct st_fixture *fx = *state;
	flockd_table *t = NULL;
	assert_int_equal(flockd_table_open(fx->db, "x/y", FLOCKD_TABLE_CREATE, &t), FLOCKD_OK);
	assert_int_equal(flockd_set(t, "inner", "1", 1), FLOCKD_OK);
	assert_int_equal(flockd_set(fx->root, "outer", "2", 1), FLOCKD_OK);
	struct expect exp[] = {{"inner.kv", FLOCKD_ENTRY_KEY, "inner", DT_REG, 0}};
	scan_and_check(t, exp, 1, 1);
	flockd_table_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scan_classifies, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_scan_empty, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_scan_many, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_scan_takes_no_lock, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_key_stat, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_entry_stat, st_setup, st_teardown),
		cmocka_unit_test_setup_teardown(test_scan_nested_table, st_setup, st_teardown),
	};
	return cmocka_run_group_tests_name("store scan", tests, NULL, NULL);
}
