/* SPDX-License-Identifier: MIT */
/*
 * bench_store.c - libflockd against the raw system calls it is built on.
 *
 * One table of 100 keys with 1 KiB values. For get, set and a 50/50 mix,
 * the library's operations run beside a raw-syscall loop doing the same
 * work in the same run and on the same directory:
 *   get: open + flock(LOCK_SH) + read + close
 *   set: write temp + fsync + rename + fsync directory
 * Rounds alternate between the two so that drift (page cache, other load)
 * hits both alike. Prints ops/s of each and the ratio of time per op
 * (library / raw) against the targets: get within 1.25x, set within 1.15x.
 * A missed target is reported, not fatal: the numbers depend on the disk.
 * The "getv" line, for information, compares get with a raw loop that also
 * does the verification the spec's rule 1 requires (fstat, fstatat).
 *
 * Import: BENCH_IMPORT_KEYS (default 200,000) new keys of a few bytes
 * written through one batch (flockd_batch_*), against one flockd_set per
 * key. A set per key costs two fsyncs, so it runs for at most
 * BENCH_SET_SECONDS (default 20) and its time per key is extrapolated;
 * the ratio of the times per key is printed against the target (>= 10x).
 * The ratio depends on the disk: on tmpfs fsync is free and both are
 * alike, which the line says.
 *
 * Usage: bench_store [SECONDS_PER_OP]   (BENCH_DIR picks the file system;
 * default $TMPDIR or /tmp)
 */
#include "flockd.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#define NKEYS 100
#define VALUE_SIZE 1024
#define ROUNDS 6

struct bench_ctx {
	flockd_table *table;
	int dirfd;
	unsigned char value[VALUE_SIZE];
	unsigned rng;
	unsigned long long temp_seq;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, int err)
{
	fprintf(stderr, "bench_store: %s: %s\n", what, flockd_strerror(err));
	exit(1);
}

/* The same pseudo-random key sequence for the library and the raw loop. */
static int next_key(struct bench_ctx *c)
{
	c->rng = c->rng * 1103515245u + 12345u;
	return (int)((c->rng >> 16) % NKEYS);
}

static void key_name(int k, char *key, size_t size)
{
	snprintf(key, size, "key-%03d", k);
}

/* ------------------------------------------------------------ the ops */

static void lib_get(struct bench_ctx *c)
{
	char key[16];
	key_name(next_key(c), key, sizeof(key));
	void *val = NULL;
	size_t len = 0;
	int err = flockd_get(c->table, key, &val, &len);
	if (err != FLOCKD_OK)
		die("flockd_get", err);
	if (len != VALUE_SIZE)
		die("flockd_get: wrong size", EIO);
	free(val);
}

static void raw_get(struct bench_ctx *c)
{
	char name[32];
	key_name(next_key(c), name, sizeof(name));
	strcat(name, ".kv");
	int fd = openat(c->dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		die("open", errno);
	if (flock(fd, LOCK_SH) != 0)
		die("flock", errno);
	/* Like the library: the value lands in a buffer the caller owns. */
	char *buf = malloc(VALUE_SIZE + 1);
	if (buf == NULL)
		die("malloc", ENOMEM);
	ssize_t n = read(fd, buf, VALUE_SIZE + 1);
	if (n != VALUE_SIZE)
		die("read", n < 0 ? errno : EIO);
	free(buf);
	close(fd);
}

/* The least a get that follows the spec's rule 1 must add to raw_get:
 * fstat the descriptor and fstatat the name after the lock. For
 * information: how close the library could get. */
static void raw_get_verified(struct bench_ctx *c)
{
	char name[32];
	key_name(next_key(c), name, sizeof(name));
	strcat(name, ".kv");
	int fd = openat(c->dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		die("open", errno);
	struct stat fst, nst;
	if (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode))
		die("fstat", errno);
	if (flock(fd, LOCK_SH) != 0)
		die("flock", errno);
	if (fstatat(c->dirfd, name, &nst, AT_SYMLINK_NOFOLLOW) != 0 ||
	    nst.st_ino != fst.st_ino || nst.st_dev != fst.st_dev)
		die("verify", EIO);
	char *buf = malloc((size_t)fst.st_size + 1);
	if (buf == NULL)
		die("malloc", ENOMEM);
	ssize_t n = read(fd, buf, (size_t)fst.st_size + 1);
	if (n != VALUE_SIZE)
		die("read", n < 0 ? errno : EIO);
	free(buf);
	close(fd);
}

static void lib_set(struct bench_ctx *c)
{
	char key[16];
	int k = next_key(c);
	key_name(k, key, sizeof(key));
	c->value[0] = (unsigned char)k;
	int err = flockd_set(c->table, key, c->value, VALUE_SIZE);
	if (err != FLOCKD_OK)
		die("flockd_set", err);
}

static void raw_set(struct bench_ctx *c)
{
	char name[32], tmp[48];
	int k = next_key(c);
	key_name(k, name, sizeof(name));
	strcat(name, ".kv");
	snprintf(tmp, sizeof(tmp), "%sR%07llu", name, c->temp_seq++ % 10000000);
	int fd = openat(c->dirfd, tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		die("create temp", errno);
	c->value[0] = (unsigned char)k;
	if (write(fd, c->value, VALUE_SIZE) != VALUE_SIZE)
		die("write", errno);
	if (fsync(fd) != 0)
		die("fsync", errno);
	if (renameat(c->dirfd, tmp, c->dirfd, name) != 0)
		die("rename", errno);
	if (fsync(c->dirfd) != 0)
		die("fsync dir", errno);
	close(fd);
}

static void lib_mix(struct bench_ctx *c)
{
	if (c->rng & 0x100)
		lib_get(c);
	else
		lib_set(c);
}

static void raw_mix(struct bench_ctx *c)
{
	if (c->rng & 0x100)
		raw_get(c);
	else
		raw_set(c);
}

/* ------------------------------------------------------------ harness */

struct result {
	double secs;
	unsigned long ops;
};

/* Run `op` for about `secs` seconds; add the time and count to `r`. */
static void run_round(struct bench_ctx *c, void (*op)(struct bench_ctx *),
		      double secs, struct result *r)
{
	c->rng = 42u; /* the same key sequence on both sides */
	double start = now_s(), t = start;
	unsigned long n = 0;
	while (t - start < secs) {
		for (int i = 0; i < 16; i++)
			op(c);
		n += 16;
		t = now_s();
	}
	r->secs += t - start;
	r->ops += n;
}

static void compare(struct bench_ctx *c, const char *label,
		    void (*lib)(struct bench_ctx *), void (*raw)(struct bench_ctx *),
		    double secs, double target)
{
	struct result rl = {0, 0}, rr = {0, 0};
	/* A short warm-up of each, then alternating rounds. */
	struct result warm = {0, 0};
	run_round(c, lib, secs / 20, &warm);
	run_round(c, raw, secs / 20, &warm);
	for (int i = 0; i < ROUNDS; i++) {
		if (i % 2 == 0) {
			run_round(c, raw, secs / ROUNDS, &rr);
			run_round(c, lib, secs / ROUNDS, &rl);
		} else {
			run_round(c, lib, secs / ROUNDS, &rl);
			run_round(c, raw, secs / ROUNDS, &rr);
		}
	}
	double lib_rate = (double)rl.ops / rl.secs;
	double raw_rate = (double)rr.ops / rr.secs;
	double ratio = raw_rate / lib_rate; /* time per op, library / raw */
	printf("%-5s libflockd %10.0f ops/s   raw %10.0f ops/s   ratio %.3fx",
	       label, lib_rate, raw_rate, ratio);
	if (target > 0)
		printf("   target <= %.2fx: %s", target, ratio <= target ? "met" : "NOT met");
	printf("\n");
}

/* ------------------------------------------------------------- import */

static long env_long(const char *name, long fallback)
{
	const char *v = getenv(name);
	long n = v != NULL ? atol(v) : 0;
	return n > 0 ? n : fallback;
}

static const char *fs_name(const char *dir)
{
	struct statfs sf;
	if (statfs(dir, &sf) != 0)
		return "?";
	switch ((unsigned long)sf.f_type) {
	case 0xEF53UL:
		return "ext4";
	case 0x01021994UL:
		return "tmpfs (fsync is free: expect a small ratio)";
	case 0x58465342UL:
		return "xfs";
	case 0x9123683EUL:
		return "btrfs";
	default:
		return "other";
	}
}

static flockd_table *import_table(flockd_db *db, const char *name)
{
	flockd_table *t;
	int err = flockd_table_open(db, name, FLOCKD_TABLE_CREATE, &t);
	if (err != FLOCKD_OK)
		die("import table", err);
	return t;
}

static void import_failed(const struct flockd_batch_result *r, void *ctx)
{
	(void)ctx;
	if (r->err != FLOCKD_OK)
		die(r->key, r->err);
}

/* Seconds per key of an import of `n` keys through one batch. */
static double import_batch(flockd_db *db, long n)
{
	flockd_table *t = import_table(db, "import-batch");
	flockd_batch *b;
	int err = flockd_batch_begin(0, import_failed, NULL, &b);
	if (err != FLOCKD_OK)
		die("flockd_batch_begin", err);
	char key[32], val[32];
	double start = now_s();
	for (long i = 0; i < n; i++) {
		snprintf(key, sizeof key, "key-%07ld", i);
		int len = snprintf(val, sizeof val, "value %ld", i);
		err = flockd_batch_put(b, t, key, val, (size_t)len,
				       FLOCKD_PUT_SET);
		if (err != FLOCKD_OK)
			die("flockd_batch_put", err);
	}
	err = flockd_batch_commit(b);
	double secs = now_s() - start;
	if (err != FLOCKD_OK)
		die("flockd_batch_commit", err);
	flockd_table_close(t);
	printf("import batch %8ld keys in %7.2f s  %8.0f keys/s  %7.3f ms/key\n",
	       n, secs, (double)n / secs, secs * 1000 / (double)n);
	return secs / (double)n;
}

/* Seconds per key of one flockd_set per key, for at most `budget` s. */
static double import_sets(flockd_db *db, long n, double budget)
{
	flockd_table *t = import_table(db, "import-set");
	char key[32], val[32];
	double start = now_s(), secs = 0;
	long i;
	for (i = 0; i < n && secs < budget; i++) {
		snprintf(key, sizeof key, "key-%07ld", i);
		int len = snprintf(val, sizeof val, "value %ld", i);
		int err = flockd_set(t, key, val, (size_t)len);
		if (err != FLOCKD_OK)
			die("flockd_set", err);
		if (i % 64 == 0)
			secs = now_s() - start;
	}
	secs = now_s() - start;
	flockd_table_close(t);
	double per_key = secs / (double)i;
	printf("import sets  %8ld keys in %7.2f s  %8.0f keys/s  %7.3f ms/key",
	       i, secs, (double)i / secs, per_key * 1000);
	if (i < n)
		printf("  (%ld keys would take %.0f s)", n, per_key * (double)n);
	printf("\n");
	return per_key;
}

static void compare_import(flockd_db *db, const char *dir)
{
	long n = env_long("BENCH_IMPORT_KEYS", 200000);
	double budget = (double)env_long("BENCH_SET_SECONDS", 20);
	printf("import: %ld new keys on %s\n", n, fs_name(dir));
	double batch = import_batch(db, n);
	double sets = import_sets(db, n, budget);
	double ratio = sets / batch;
	printf("import ratio %.1fx faster through a batch than one set per key"
	       "   target >= 10x: %s\n", ratio, ratio >= 10 ? "met" : "NOT met");
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 2.0;
	if (secs <= 0) {
		fprintf(stderr, "usage: bench_store [SECONDS_PER_OP]\n");
		return 2;
	}
	const char *base = getenv("BENCH_DIR");
	if (base == NULL || *base == '\0')
		base = getenv("TMPDIR");
	if (base == NULL || *base == '\0')
		base = "/tmp";
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s/flockd-bench.XXXXXX", base);
	if (mkdtemp(dir) == NULL)
		die("mkdtemp", errno);

	flockd_db *db = NULL;
	struct bench_ctx c = {.rng = 1};
	int err = flockd_open(dir, 5000, 0, &db);
	if (err == FLOCKD_OK)
		err = flockd_table_open(db, "bench", FLOCKD_TABLE_CREATE, &c.table);
	if (err != FLOCKD_OK)
		die("open", err);
	c.dirfd = flockd_table_dirfd(c.table);
	for (size_t i = 0; i < VALUE_SIZE; i++)
		c.value[i] = (unsigned char)('a' + i % 26);
	for (int k = 0; k < NKEYS; k++) {
		char key[16];
		key_name(k, key, sizeof(key));
		if ((err = flockd_set(c.table, key, c.value, VALUE_SIZE)) != FLOCKD_OK)
			die("fill", err);
	}

	printf("bench_store: %d keys of %d bytes in %s, %.1f s per comparison\n",
	       NKEYS, VALUE_SIZE, dir, secs);
	compare(&c, "get", lib_get, raw_get, secs, 1.25);
	compare(&c, "getv", lib_get, raw_get_verified, secs, 0);
	compare(&c, "set", lib_set, raw_set, secs, 1.15);
	compare(&c, "mix", lib_mix, raw_mix, secs, 0);
	compare_import(db, dir);

	flockd_table_close(c.table);
	flockd_close(db);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
