/* SPDX-License-Identifier: MIT */
/*
 * bench_sync.c - comparing replicas and making manifests, against raw
 * system-call loops doing the same reading.
 *
 * diff: two databases of BENCH_DIFF_KEYS (default 200,000) small keys in
 * one table, 1% of them different, the page cache warm. The raw loop lists
 * A's directory (getdents) and, for each key, opens, reads and closes it
 * in A and in B and compares the bytes: both sides read once. Against it:
 * the comparison model (replica_compare, what diff runs, with leftovers,
 * suspects and times), and `flockd diff A B` itself when the program is
 * there ($FLOCKD, default ./tui/flockd), its output to /dev/null. Target:
 * within 1.5x of the raw loop.
 *
 * manifest: one database of BENCH_MANIFEST_KEYS (default 1,000,000) small
 * keys. The raw loop lists the directory and opens, reads and closes each
 * file. Against it: the manifest walk hashing every value through the
 * store's read handle (lock, verify, XXH3) with each record formatted, and
 * `flockd manifest DIR` itself, output to /dev/null. Target: within 2x.
 *
 * The raw loops are single-threaded; flockd reads with two threads (the
 * walk's own and a helper reading ahead: work_ahead.h), as it does for
 * its users, so on one core the ratios would be higher.
 *
 * Rounds alternate between raw and flockd so drift hits both alike; the
 * best round of each counts. A missed target is reported, not fatal.
 * BENCH_DIR picks the file system (default $TMPDIR or /tmp); the
 * databases are made there once per run and removed at the end.
 */
#include "flockd.h"
#include "cli/cli_common.h"
#include "sync/manifest_wire.h"
#include "sync/replica_compare.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 3

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "bench_sync: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long env_long(const char *name, long dflt)
{
	const char *v = getenv(name);
	return v != NULL && *v ? strtol(v, NULL, 10) : dflt;
}

/* A database of n keys "key-NNNNNNN" in its root table; every 100th key
 * of a "variant" database holds other bytes. */
static void make_db(const char *dir, long n, int variant)
{
	if (mkdir(dir, 0755) != 0)
		die(dir);
	int dfd = open(dir, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	char name[64], value[96];
	for (long i = 0; i < n; i++) {
		snprintf(name, sizeof name, "key-%07ld.kv", i);
		int len = snprintf(value, sizeof value,
				   "{\"id\": %ld, \"name\": \"user %ld\"%s}", i,
				   i, variant && i % 100 == 0 ? ", \"x\": 1"
							      : "");
		int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC |
					       O_CLOEXEC, 0600);
		if (fd < 0 || write(fd, value, (size_t)len) != len)
			die(name);
		close(fd);
	}
	close(dfd);
}

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Read one file whole: open, read, close. Returns its length or -1. */
static ssize_t raw_read(int dfd, const char *name, char *buf, size_t size)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, size);
	close(fd);
	return n;
}

static double raw_diff(const char *a, const char *b, long *diffs)
{
	double t0 = now_s();
	DIR *d = opendir(a);
	int bfd = open(b, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	char ba[4096], bb[4096];
	struct dirent *e;
	*diffs = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		ssize_t na = raw_read(dirfd(d), e->d_name, ba, sizeof ba);
		ssize_t nb = raw_read(bfd, e->d_name, bb, sizeof bb);
		if (na != nb || memcmp(ba, bb, (size_t)na) != 0)
			(*diffs)++;
	}
	closedir(d);
	close(bfd);
	return now_s() - t0;
}

static double model_diff(const char *a, const char *b, long *diffs)
{
	double t0 = now_s();
	struct replica_opts o = {NULL, NULL, 5000, 0, 0};
	struct replica *ra, *rb;
	const char *why;
	char side;
	if (replica_open(a, &o, &ra, &why) || replica_open(b, &o, &rb, &why))
		die("replica_open");
	struct rc_opts co = {.leftovers = 1};
	struct replica_compare *c;
	if (replica_compare_open(ra, rb, &co, &c, &side, &why))
		die("replica_compare_open");
	struct rc_record r;
	*diffs = 0;
	FILE *null = fopen("/dev/null", "w");
	while (replica_compare_next(c, &r) == 0)
		if (rc_is_difference(r.status)) {
			(*diffs)++;
			fprintf(null, "%s\t%s\t%s\n", rc_status_name(r.status),
				r.table, r.name);
		}
	fclose(null);
	replica_compare_close(c);
	replica_close(ra);
	replica_close(rb);
	return now_s() - t0;
}

/* The program, output to /dev/null; -1 when it is not there or fails
 * (exit statuses above `ok_max`). */
static double program(char *const argv[], int ok_max)
{
	if (access(argv[0], X_OK) != 0)
		return -1;
	double t0 = now_s();
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) > ok_max)
		return -1;
	return now_s() - t0;
}

static double raw_manifest(const char *dir)
{
	double t0 = now_s();
	DIR *d = opendir(dir);
	char buf[4096];
	struct dirent *e;
	unsigned long sum = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		ssize_t n = raw_read(dirfd(d), e->d_name, buf, sizeof buf);
		sum += n > 0 ? (unsigned char)buf[0] : 0;
	}
	closedir(d);
	if (sum == 42)
		fputs("", stderr);
	return now_s() - t0;
}

static double model_manifest(const char *dir)
{
	double t0 = now_s();
	flockd_db *db;
	if (flockd_open(dir, 5000, FLOCKD_OPEN_READONLY, &db))
		die("flockd_open");
	struct manifest_opts o = {.flags = MANIFEST_HASH};
	struct manifest *m;
	if (manifest_open(db, &o, &m))
		die("manifest_open");
	struct manifest_entry e;
	FILE *null = fopen("/dev/null", "w");
	while (manifest_next(m, &e) == 0) {
		struct manifest_wire_words w;
		manifest_wire_fields(&e, cli_format_time, &w);
		fprintf(null, "%s\t%s\t%s\t%s\t%s\t%s\n", e.table, e.name,
			w.size, w.mtime, w.mode, w.hash);
	}
	fclose(null);
	manifest_close(m);
	flockd_close(db);
	return now_s() - t0;
}

static void report(const char *what, double raw, double lib, double target)
{
	if (lib < 0) {
		printf("  %-28s (not run: the program is not there)\n", what);
		return;
	}
	double ratio = lib / raw;
	printf("  %-28s %8.3f s  raw %8.3f s  ratio %.2fx  (target <= %.1fx%s)\n",
	       what, lib, raw, ratio, target,
	       ratio <= target ? "" : ": MISSED");
}

static double min_d(double a, double b)
{
	return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

int main(void)
{
	const char *base = getenv("BENCH_DIR");
	if (base == NULL || !*base)
		base = getenv("TMPDIR");
	if (base == NULL || !*base)
		base = "/tmp";
	const char *flockd = getenv("FLOCKD");
	if (flockd == NULL || !*flockd)
		flockd = "./tui/flockd";
	char top[PATH_MAX], a[PATH_MAX + 8], b[PATH_MAX + 8];
	snprintf(top, sizeof top, "%s/flockd-bench-sync.XXXXXX", base);
	if (mkdtemp(top) == NULL)
		die("mkdtemp");
	long nd = env_long("BENCH_DIFF_KEYS", 200000);
	long nm = env_long("BENCH_MANIFEST_KEYS", 1000000);
	snprintf(a, sizeof a, "%s/a", top);
	snprintf(b, sizeof b, "%s/b", top);
	printf("bench_sync: diff of %ld keys (in %s)\n", nd, base);
	make_db(a, nd, 0);
	make_db(b, nd, 1);
	long rd, md;
	raw_diff(a, b, &rd); /* warm the cache */
	double raw = -1, model = -1, prog = -1;
	char *dargv[] = {(char *)flockd, (char *)"diff", a, b, NULL};
	for (int i = 0; i < ROUNDS; i++) {
		raw = min_d(raw, raw_diff(a, b, &rd));
		model = min_d(model, model_diff(a, b, &md));
		prog = min_d(prog, program(dargv, 1));
	}
	if (rd != md)
		printf("  differences: raw %ld, model %ld: WRONG\n", rd, md);
	report("diff (model)", raw, model, 1.5);
	report("flockd diff", raw, prog, 1.5);
	nftw(top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	mkdir(top, 0700);

	printf("bench_sync: manifest of %ld keys\n", nm);
	make_db(a, nm, 0);
	raw_manifest(a);
	raw = model = prog = -1;
	char *margv[] = {(char *)flockd, (char *)"manifest", a, NULL};
	for (int i = 0; i < ROUNDS; i++) {
		raw = min_d(raw, raw_manifest(a));
		model = min_d(model, model_manifest(a));
		prog = min_d(prog, program(margv, 0));
	}
	report("manifest (model)", raw, model, 2.0);
	report("flockd manifest", raw, prog, 2.0);
	nftw(top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
