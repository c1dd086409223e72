/* SPDX-License-Identifier: MIT */
/* test_manifest.c - walking a database in manifest order: tables, then
 * each table's keys, then (all) its other entries with their kinds;
 * facts and hashes read through the store; filters; a table asked for
 * that is missing; cancelling. */
#include "sync_test.h"

#include "sync/manifest.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/file.h>
#include <time.h>
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

/* A table big enough to be read by two threads (manifest.c reads ahead
 * from 64 entries): keys "k-NNNN" holding "vN", a FIFO, a symlink, a
 * conflict copy; a second table after it. */
#define AHEAD_KEYS 600

static char *ahead_db(void)
{
	char *dir = testutil_mkdtemp(), name[64], value[32], path[SY_PATH];
	for (int i = 0; i < AHEAD_KEYS; i++) {
		snprintf(name, sizeof name, "k-%04d.kv", i);
		snprintf(value, sizeof value, "v%d", i);
		sy_file(dir, name, value);
	}
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "t.tbl/x%03d.kv", i);
		sy_file(dir, name, "x");
	}
	sy_file(dir, "k-0007.sync-conflict-20240102-030405-ABCDEFG.kv", "c");
	snprintf(path, sizeof path, "%s/k-0100-fifo.kv", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	snprintf(path, sizeof path, "%s/k-0150-link.kv", dir);
	assert_int_equal(symlink("k-0001.kv", path), 0);
	return dir;
}

/* The key's number, or -1 for a name that is not "k-NNNN". */
static int key_number(const char *name)
{
	int n, len = 0;
	if (sscanf(name, "k-%4d%n", &n, &len) != 1 || name[len] != '\0')
		return -1;
	return n;
}

static void test_read_ahead(void **state)
{
	(void)state;
	char *dir = ahead_db();
	flockd_db *db;
	assert_int_equal(flockd_open(dir, 2000, FLOCKD_OPEN_READONLY, &db), 0);
	struct manifest_opts o = {.flags = MANIFEST_HASH | MANIFEST_ALL};
	struct manifest *m;
	struct manifest_entry e, prev = {0};
	char prev_name[256] = "";
	assert_int_equal(manifest_open(db, &o, &m), 0);
	int keys = 0, fifo = 0, link = 0, conflict = 0, t_keys = 0, res;
	while ((res = manifest_next(m, &e)) == 0) {
		assert_int_equal(e.err, 0);
		if (e.kind == FLOCKD_ENTRY_TABLE) {
			prev_name[0] = '\0';
			prev = e;
			continue;
		}
		/* in manifest order, each after the one before */
		assert_true(manifest_order(prev.kind, prev_name, e.kind,
					   e.name) < 0 ||
			    prev.kind == FLOCKD_ENTRY_TABLE);
		prev = e;
		snprintf(prev_name, sizeof prev_name, "%s", e.name);
		assert_true(e.have_stat);
		int n = key_number(e.name);
		if (strcmp(e.table, "t") == 0) {
			t_keys++;
		} else if (n >= 0) {
			char value[32];
			struct vhash want;
			snprintf(value, sizeof value, "v%d", n);
			vhash_buf(value, strlen(value), &want);
			assert_int_equal(n, keys); /* none missing, none twice */
			assert_true(e.have_hash && vhash_equal(&e.hash, &want));
			assert_int_equal(e.st.size, strlen(value));
			keys++;
		} else if (strcmp(e.name, "k-0100-fifo") == 0) {
			assert_true(S_ISFIFO(e.st.mode) && !e.have_hash);
			fifo++;
		} else if (strcmp(e.name, "k-0150-link") == 0) {
			assert_true(S_ISLNK(e.st.mode) && !e.have_hash);
			link++;
		} else {
			assert_int_equal(e.kind, FLOCKD_ENTRY_SYNCTHING_CONFLICT);
			assert_true(e.have_hash);
			conflict++;
		}
	}
	assert_int_equal(res, MANIFEST_END);
	assert_int_equal(keys, AHEAD_KEYS);
	assert_int_equal(fifo + link + conflict, 3);
	assert_int_equal(t_keys, 100);
	manifest_close(m);
	flockd_close(db);
	testutil_rm_rf(dir);
	free(dir);
}

/* Keys removed once the walk has begun: those the walk had not read
 * yet are left out (it reads at most a few hundred ahead), the rest come
 * whole, in order. */
static void test_read_ahead_vanished(void **state)
{
	(void)state;
	char *dir = ahead_db();
	flockd_db *db;
	assert_int_equal(flockd_open(dir, 2000, FLOCKD_OPEN_READONLY, &db), 0);
	struct manifest_opts o = {.flags = MANIFEST_HASH};
	struct manifest *m;
	struct manifest_entry e;
	assert_int_equal(manifest_open(db, &o, &m), 0);
	assert_int_equal(manifest_next(m, &e), 0); /* the root table */
	assert_int_equal(manifest_next(m, &e), 0);
	assert_string_equal(e.name, "k-0000");
	char path[SY_PATH];
	for (int i = 300; i < AHEAD_KEYS; i++) {
		snprintf(path, sizeof path, "%s/k-%04d.kv", dir, i);
		assert_int_equal(unlink(path), 0);
	}
	int next = 1, res;
	while ((res = manifest_next(m, &e)) == 0 && *e.table == '\0') {
		int n = key_number(e.name);
		if (n < 0)
			continue; /* the FIFO and the symlink */
		assert_int_equal(n, next);
		assert_true(e.have_hash);
		next++;
	}
	assert_int_equal(res, 0); /* table t */
	assert_int_equal(next, 300);
	manifest_close(m);
	flockd_close(db);
	testutil_rm_rf(dir);
	free(dir);
}

static volatile sig_atomic_t stop_flag;

static void *stop_soon(void *arg)
{
	(void)arg;
	nanosleep(&(struct timespec){0, 200000000}, NULL);
	stop_flag = 1;
	return NULL;
}

/* A key locked by a writer: with a short timeout its entry comes in its
 * place with the error, and the walk goes on; with a long one, cancel
 * ends the wait (not the 30 s timeout). */
static void test_read_ahead_locked(void **state)
{
	(void)state;
	char *dir = ahead_db(), path[SY_PATH];
	snprintf(path, sizeof path, "%s/k-0200.kv", dir);
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	flockd_db *db;
	assert_int_equal(flockd_open(dir, 200, FLOCKD_OPEN_READONLY, &db), 0);
	struct manifest_opts o = {.flags = MANIFEST_HASH};
	struct manifest *m;
	struct manifest_entry e;
	assert_int_equal(manifest_open(db, &o, &m), 0);
	int keys = 0, failed = -1;
	while (manifest_next(m, &e) == 0 && *e.table == '\0') {
		int n = key_number(e.name);
		if (n < 0)
			continue;
		assert_int_equal(n, keys);
		if (e.err != 0) {
			assert_int_equal(failed, -1);
			failed = n;
			assert_string_equal(e.step, "read");
		}
		keys++;
	}
	assert_int_equal(failed, 200);
	assert_int_equal(keys, AHEAD_KEYS);
	manifest_close(m);
	flockd_close(db);

	assert_int_equal(flockd_open(dir, 30000, FLOCKD_OPEN_READONLY, &db), 0);
	stop_flag = 0;
	o.cancel = &stop_flag;
	assert_int_equal(manifest_open(db, &o, &m), 0);
	pthread_t stopper;
	assert_int_equal(pthread_create(&stopper, NULL, stop_soon, NULL), 0);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int res;
	while ((res = manifest_next(m, &e)) == 0)
		;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(res, ECANCELED);
	assert_true(t1.tv_sec - t0.tv_sec < 10);
	manifest_close(m);
	pthread_join(stopper, NULL);
	flockd_close(db);
	close(fd);
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
		cmocka_unit_test(test_read_ahead),
		cmocka_unit_test(test_read_ahead_vanished),
		cmocka_unit_test(test_read_ahead_locked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
