/* SPDX-License-Identifier: MIT */
/* test_manifest.c - walking a database in manifest order: tables, then
 * each table's keys, then (all) its other entries with their kinds;
 * facts and hashes read through the store; filters; a table asked for
 * that is missing; cancelling. */
#include "sync_test.h"

#include "sync/manifest.h"

#include <signal.h>
#include <unistd.h>

#define CONFLICT "a.sync-conflict-20240102-030405-ABCDEFG.kv"

struct fixture {
	char *dir;
	flockd_db *db;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->dir = testutil_mkdtemp();
	sy_file(f->dir, "a.kv", "A");
	sy_file(f->dir, "b.kv", "BB");
	sy_file(f->dir, CONFLICT, "A2");
	sy_file(f->dir, "a.kvAb12Cd34", "partial");
	sy_file(f->dir, "t.tbl/x.kv", "X");
	char path[SY_PATH];
	snprintf(path, sizeof path, "%s/dir.kv", f->dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/e.tbl", f->dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/link.kv", f->dir);
	assert_int_equal(symlink("a.kv", path), 0);
	sy_time(f->dir, "a.kv", 1700000000, 5);
	assert_int_equal(flockd_open(f->dir, 2000, FLOCKD_OPEN_READONLY,
				     &f->db), FLOCKD_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	flockd_close(f->db);
	testutil_rm_rf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* The walk as lines "TABLE|KIND|NAME", one per entry. */
static void walk(struct fixture *f, const struct manifest_opts *o,
		 char *out, size_t size)
{
	struct manifest *m;
	struct manifest_entry e;
	assert_int_equal(manifest_open(f->db, o, &m), 0);
	out[0] = '\0';
	int res;
	while ((res = manifest_next(m, &e)) == 0) {
		size_t n = strlen(out);
		snprintf(out + n, size - n, "%s|%s|%s%s\n", e.table,
			 flockd_entry_kind_name(e.kind), e.name,
			 e.err ? "|error" : "");
	}
	assert_int_equal(res, MANIFEST_END);
	assert_int_equal(manifest_next(m, &e), MANIFEST_END);
	manifest_close(m);
}

static void test_order_and_kinds(void **state)
{
	struct fixture *f = *state;
	char got[2048];
	struct manifest_opts o = {0};
	walk(f, &o, got, sizeof got);
	assert_string_equal(got, "|table|\n|key|a\n|key|b\n|key|link\n"
				 "e|table|\nt|table|\nt|key|x\n");
	o.flags = MANIFEST_ALL;
	walk(f, &o, got, sizeof got);
	assert_string_equal(got, "|table|\n|key|a\n|key|b\n|key|link\n"
				 "|temp|a.kvAb12Cd34\n"
				 "|syncthing-conflict|" CONFLICT "\n"
				 "|other|dir.kv\n"
				 "e|table|\nt|table|\nt|key|x\n");
}

static void test_facts_and_hashes(void **state)
{
	struct fixture *f = *state;
	struct manifest_opts o = {.flags = MANIFEST_HASH | MANIFEST_ALL};
	struct manifest *m;
	struct manifest_entry e;
	assert_int_equal(manifest_open(f->db, &o, &m), 0);
	int seen = 0;
	while (manifest_next(m, &e) == 0) {
		assert_int_equal(e.err, 0);
		if (e.kind == FLOCKD_ENTRY_TABLE) {
			assert_true(e.have_stat && S_ISDIR(e.st.mode));
			assert_false(e.have_hash);
			continue;
		}
		assert_true(e.have_stat);
		struct vhash want;
		if (strcmp(e.name, "a") == 0) {
			vhash_buf("A", 1, &want);
			assert_true(e.have_hash && vhash_equal(&e.hash, &want));
			assert_int_equal(e.st.size, 1);
			assert_int_equal(e.st.mtime.tv_sec, 1700000000);
			assert_int_equal(e.st.mtime.tv_nsec, 5);
			assert_non_null(manifest_table(m));
			seen |= 1;
		} else if (strcmp(e.name, "link") == 0) {
			assert_true(S_ISLNK(e.st.mode));
			assert_false(e.have_hash);
			seen |= 2;
		} else if (strcmp(e.name, CONFLICT) == 0) {
			vhash_buf("A2", 2, &want);
			assert_true(e.have_hash && vhash_equal(&e.hash, &want));
			assert_int_equal(e.key_len, 1);
			assert_memory_equal(e.name + e.key_off, "a", 1);
			seen |= 4;
		} else if (strcmp(e.name, "dir.kv") == 0) {
			assert_true(S_ISDIR(e.st.mode));
			assert_int_equal(e.key_len, 0);
			seen |= 8;
		}
	}
	size_t entries, tables;
	manifest_progress(m, &entries, &tables);
	assert_int_equal(entries, 10);
	assert_int_equal(tables, 3);
	manifest_close(m);
	assert_int_equal(seen, 15);
}

static void test_filters(void **state)
{
	struct fixture *f = *state;
	char got[2048];
	const char *keys[] = {"a", "zz"};
	struct manifest_opts o = {.flags = MANIFEST_ALL, .keys = keys,
				  .nkeys = 2};
	const char *tables[] = {"", "t", "nope", "t"};
	o.tables = tables;
	o.ntables = 1;
	walk(f, &o, got, sizeof got);
	assert_string_equal(got, "|table|\n|key|a\n|temp|a.kvAb12Cd34\n"
				 "|syncthing-conflict|" CONFLICT "\n");
	o.nkeys = 0;
	o.tables = tables + 1;
	o.ntables = 3;
	walk(f, &o, got, sizeof got);
	assert_string_equal(got, "nope|table||error\nt|table|\nt|key|x\n");
	const char *bad[] = {"../x"};
	o.tables = bad;
	o.ntables = 1;
	struct manifest *m;
	assert_int_equal(manifest_open(f->db, &o, &m), EINVAL);
}

static void test_cancel_and_vanished(void **state)
{
	struct fixture *f = *state;
	volatile sig_atomic_t stop = 0;
	struct manifest_opts o = {.flags = MANIFEST_STAT, .cancel = &stop};
	struct manifest *m;
	struct manifest_entry e;
	assert_int_equal(manifest_open(f->db, &o, &m), 0);
	assert_int_equal(manifest_next(m, &e), 0); /* the root table */
	/* a key removed after the listing is left out, not an error */
	char path[SY_PATH];
	snprintf(path, sizeof path, "%s/a.kv", f->dir);
	assert_int_equal(manifest_next(m, &e), 0);
	assert_string_equal(e.name, "a");
	snprintf(path, sizeof path, "%s/b.kv", f->dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(manifest_next(m, &e), 0);
	assert_string_equal(e.name, "link");
	stop = 1;
	assert_int_equal(manifest_next(m, &e), ECANCELED);
	manifest_close(m);
	manifest_close(NULL);
}

static void test_order_function(void **state)
{
	(void)state;
	assert_true(manifest_order(FLOCKD_ENTRY_TABLE, "", FLOCKD_ENTRY_KEY,
				   "a") < 0);
	assert_true(manifest_order(FLOCKD_ENTRY_KEY, "z", FLOCKD_ENTRY_TEMP,
				   "a.kv1") < 0);
	assert_true(manifest_order(FLOCKD_ENTRY_KEY, "b", FLOCKD_ENTRY_KEY,
				   "a") > 0);
	assert_int_equal(manifest_order(FLOCKD_ENTRY_OTHER, "x",
					FLOCKD_ENTRY_TEMP, "x"), 0);
}

/* Many names sharing prefixes, some prefixes of others, bytes above
 * 0x7f: the walk gives them in strcmp order (the radix sort's buckets,
 * its insertion sort, names that end inside a bucket). */
static void test_sorted_many(void **state)
{
	(void)state;
	char *dir = testutil_mkdtemp(), name[64];
	unsigned rng = 7;
	for (int i = 0; i < 3000; i++) {
		rng = rng * 1103515245u + 12345u;
		int k = (int)((rng >> 8) % 100000);
		switch (i % 4) {
		case 0:
			snprintf(name, sizeof name, "k-%05d.kv", k);
			break;
		case 1:
			snprintf(name, sizeof name, "k-%d.kv", k % 200);
			break;
		case 2:
			snprintf(name, sizeof name, "\xc3\xa9-%d.kv", k);
			break;
		default:
			snprintf(name, sizeof name, "k-%05d%c.kv", k,
				 (char)(0x80 + k % 100));
		}
		sy_file(dir, name, "v");
	}
	flockd_db *db;
	assert_int_equal(flockd_open(dir, 1000, FLOCKD_OPEN_READONLY, &db), 0);
	struct manifest_opts o = {0};
	struct manifest *m;
	struct manifest_entry e;
	assert_int_equal(manifest_open(db, &o, &m), 0);
	assert_int_equal(manifest_next(m, &e), 0); /* the table */
	char prev[256] = "";
	int n = 0;
	while (manifest_next(m, &e) == 0) {
		if (n > 0 && strcmp(prev, e.name) >= 0)
			fail_msg("'%s' after '%s'", e.name, prev);
		snprintf(prev, sizeof prev, "%s", e.name);
		n++;
	}
	assert_int_equal(n, testutil_count_entries(dir, NULL));
	manifest_close(m);
	flockd_close(db);
	testutil_rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_order_and_kinds, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_facts_and_hashes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_and_vanished, setup,
						teardown),
		cmocka_unit_test(test_order_function),
		cmocka_unit_test(test_sorted_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
