/* SPDX-License-Identifier: MIT */
/*
 * crash_driver.c - the crash suite: writers killed with SIGKILL at random
 * points while readers check every value they read (crash_value.h).
 *
 *   crash_driver DB FLOCKD LEFTOVERS
 *
 * Writers take turns: a library writer (a forked child storing values in a
 * loop with flockd_set and view saves) or a command-line writer (`FLOCKD
 * set`, one value), each SIGKILLed after a random delay. A writer counts a
 * write as acknowledged only once the store call returned success (the
 * command: exit status 0). After every kill the driver reads every key: it
 * must hold a whole value of its own, never empty, and never older than its
 * last acknowledged write. Files of the table that are not keys are
 * leftovers; their names go to LEFTOVERS for `flockd check` to recognise
 * (tests/crash/test_crash.sh). Meanwhile reader processes read keys at
 * random and check each value the same way.
 *
 * Environment: CRASH_SEED (random choices; printed, so a failure can be
 * replayed), CRASH_KILLS (2000), CRASH_SECONDS (the time bound, 300),
 * CRASH_CLI_PERCENT (share of command-line writers, 25), CRASH_KEYS (8),
 * CRASH_READERS (2). Prints TAP test lines 1 to 6 without a plan.
 */
#include "crash_value.h"
#include "flockd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <dirent.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TABLE "crash"
#define MAX_KEYS 64
#define MAX_READERS 8
#define TIMEOUT_MS 20000
#define LEFTOVER_TARGET_PER_MILLE 1

struct reader_stats {
	uint64_t reads, torn, empty, foreign, back, errors;
};

/* Shared between the driver and its children (MAP_SHARED). */
struct shared {
	int stop;
	uint64_t acked[MAX_KEYS];     /* last write a writer saw succeed */
	uint64_t attempted[MAX_KEYS]; /* last write a writer started */
	uint64_t acks;                /* writes acknowledged */
	uint64_t writer_errors;       /* store calls that failed */
	struct reader_stats readers[MAX_READERS];
};

struct config {
	const char *db, *flockd, *leftovers;
	uint64_t seed;
	uint64_t cli_us; /* how long an unhindered `flockd set` takes */
	long kills, seconds, cli_percent;
	int keys, readers;
};

struct tally {
	long kills, lib_kills, cli_kills, finished;
	uint64_t checks, torn, empty, foreign, lost, future, errors;
	long kills_with_leftovers;
	size_t leftovers;
};

static long env_long(const char *name, long dflt, long min, long max)
{
	const char *v = getenv(name);
	if (v == NULL || *v == '\0')
		return dflt;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end != '\0' || n < min || n > max) {
		fprintf(stderr, "crash_driver: %s=%s is not in %ld..%ld\n", name,
			v, min, max);
		exit(2);
	}
	return n;
}

static void key_name(int k, char *buf, size_t size)
{
	snprintf(buf, size, "key%02d", k);
}

/* Payload sizes: mostly small, some tens of KiB, a few up to 1 MiB, so
 * kills land in every phase of a write. */
static size_t pick_size(uint64_t *rng)
{
	uint64_t r = crash_rand(rng) % 100;
	if (r < 70)
		return 1 + crash_rand(rng) % 200;
	if (r < 95)
		return 1 + crash_rand(rng) % 65536;
	return 262144 + crash_rand(rng) % 786432;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static int open_table(const char *dir, flockd_db **db, flockd_table **t)
{
	int err = flockd_open(dir, TIMEOUT_MS, 0, db);
	if (err == FLOCKD_OK)
		err = flockd_table_open(*db, TABLE, FLOCKD_TABLE_CREATE, t);
	return err;
}

/* A view save, the editor's write path. */
static int view_write(flockd_table *t, const char *key, const char *v,
		      size_t n)
{
	flockd_view *view;
	int err = flockd_view_open(t, key, &view);
	if (err != FLOCKD_OK)
		return err;
	err = flockd_view_save(view, v, n, 0);
	flockd_view_close(view);
	return err;
}

/* The library writer: stores values until it is killed. */
static void lib_writer(const struct config *c, struct shared *sh,
		       uint64_t gen, uint64_t seed)
{
	flockd_db *db;
	flockd_table *t;
	if (open_table(c->db, &db, &t) != FLOCKD_OK)
		_exit(3);
	uint64_t rng = seed;
	for (uint64_t i = 1;; i++) {
		int k = (int)(crash_rand(&rng) % (uint64_t)c->keys);
		uint64_t seq = gen << 32 | i;
		char key[16];
		size_t n;
		key_name(k, key, sizeof key);
		char *v = crash_value_make(key, seq, pick_size(&rng), &n);
		if (v == NULL)
			_exit(3);
		__atomic_store_n(&sh->attempted[k], seq, __ATOMIC_SEQ_CST);
		int err = crash_rand(&rng) % 4 == 0 ? view_write(t, key, v, n)
						     : flockd_set(t, key, v, n);
		if (err == FLOCKD_OK) {
			__atomic_store_n(&sh->acked[k], seq, __ATOMIC_SEQ_CST);
			__atomic_add_fetch(&sh->acks, 1, __ATOMIC_SEQ_CST);
		} else
			__atomic_add_fetch(&sh->writer_errors, 1,
					   __ATOMIC_SEQ_CST);
		free(v);
	}
}

static void reader(const struct config *c, struct shared *sh, int id)
{
	flockd_db *db;
	flockd_table *t;
	struct reader_stats *st = &sh->readers[id];
	uint64_t last[MAX_KEYS] = {0};
	uint64_t rng = c->seed ^ (0x5bd1e995ULL * (uint64_t)(id + 1));
	if (open_table(c->db, &db, &t) != FLOCKD_OK)
		_exit(3);
	while (!__atomic_load_n(&sh->stop, __ATOMIC_SEQ_CST)) {
		int k = (int)(crash_rand(&rng) % (uint64_t)c->keys);
		char key[16];
		void *v;
		size_t n;
		uint64_t seq = 0;
		key_name(k, key, sizeof key);
		st->reads++;
		if (flockd_get(t, key, &v, &n) != FLOCKD_OK) {
			st->errors++;
			continue;
		}
		switch (crash_value_check(key, v, n, &seq)) {
		case CRASH_WHOLE:
			if (seq < last[k])
				st->back++;
			last[k] = seq;
			break;
		case CRASH_EMPTY: st->empty++; break;
		case CRASH_TORN: st->torn++; break;
		case CRASH_FOREIGN: st->foreign++; break;
		}
		free(v);
		usleep(200); /* leave the writers most of the machine */
	}
	flockd_table_close(t);
	flockd_close(db);
	_exit(0);
}

/* After a kill: every key whole, its own, not older than acknowledged. */
static void verify_keys(const struct config *c, struct shared *sh,
			flockd_table *t, struct tally *ty)
{
	for (int k = 0; k < c->keys; k++) {
		char key[16];
		void *v;
		size_t n;
		uint64_t seq = 0;
		key_name(k, key, sizeof key);
		ty->checks++;
		int err = flockd_get(t, key, &v, &n);
		if (err == FLOCKD_ENOTFOUND) {
			ty->lost++;
			continue;
		}
		if (err != FLOCKD_OK) {
			ty->errors++;
			continue;
		}
		switch (crash_value_check(key, v, n, &seq)) {
		case CRASH_WHOLE:
			if (seq < __atomic_load_n(&sh->acked[k], __ATOMIC_SEQ_CST))
				ty->lost++;
			if (seq > __atomic_load_n(&sh->attempted[k], __ATOMIC_SEQ_CST))
				ty->future++;
			break;
		case CRASH_EMPTY: ty->empty++; break;
		case CRASH_TORN: ty->torn++; break;
		case CRASH_FOREIGN: ty->foreign++; break;
		}
		free(v);
	}
}

/* Entries of the table that are not keys: every one is a leftover, since
 * no writer is alive when this runs. With `out`, their names are listed. */
static size_t count_leftovers(flockd_table *t, FILE *out)
{
	flockd_scan *scan;
	struct flockd_scan_entry e[128];
	size_t n, count = 0;
	if (flockd_scan_open(t, &scan) != FLOCKD_OK)
		return 0;
	while (flockd_scan_next(scan, e, 128, &n) == FLOCKD_OK && n > 0)
		for (size_t i = 0; i < n; i++)
			if (e[i].kind != FLOCKD_ENTRY_KEY || e[i].d_type == DT_DIR) {
				count++;
				if (out != NULL)
					fprintf(out, "%s\n", e[i].name);
			}
	flockd_scan_close(scan);
	return count;
}

static void sleep_us(uint64_t us)
{
	struct timespec ts = {(time_t)(us / 1000000), (long)(us % 1000000) * 1000};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Write a value for (key, seq) to the file the command line reads. */
static void write_value_file(const struct config *c, const char *key,
			     uint64_t seq, size_t len, char *file, size_t size)
{
	size_t n;
	snprintf(file, size, "%s.value", c->leftovers);
	char *v = crash_value_make(key, seq, len, &n);
	FILE *f = fopen(file, "we");
	if (v == NULL || f == NULL || fwrite(v, 1, n, f) != n || fclose(f) != 0) {
		fprintf(stderr, "crash_driver: cannot write %s\n", file);
		exit(2);
	}
	free(v);
}

static pid_t spawn_set(const struct config *c, const char *key,
		       const char *file)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, STDOUT_FILENO);
		execl(c->flockd, c->flockd, "set", "--timeout", "20s", "-t",
		      TABLE, c->db, key, file, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* How long an unhindered `flockd set` of a mid-sized value takes here
 * (the median of five), so that kills can land anywhere in one. */
static uint64_t measure_cli(const struct config *c)
{
	uint64_t us[5];
	char file[4096];
	write_value_file(c, "calibration", 1, 32768, file, sizeof file);
	for (int i = 0; i < 5; i++) {
		struct timespec t0;
		int status;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		waitpid(spawn_set(c, "calibration", file), &status, 0);
		us[i] = (uint64_t)(seconds_since(&t0) * 1e6);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "crash_driver: %s set fails\n",
				c->flockd);
			exit(2);
		}
	}
	for (int i = 1; i < 5; i++)
		for (int j = i; j > 0 && us[j - 1] > us[j]; j--) {
			uint64_t x = us[j];
			us[j] = us[j - 1];
			us[j - 1] = x;
		}
	return us[2];
}

/* One command-line writer: `flockd set` of one value, killed after a
 * random delay unless it finished first. */
static void cli_round(const struct config *c, struct shared *sh, uint64_t gen,
		      uint64_t *rng, struct tally *ty)
{
	int k = (int)(crash_rand(rng) % (uint64_t)c->keys);
	uint64_t seq = gen << 32 | 1;
	char key[16], file[4096];
	key_name(k, key, sizeof key);
	write_value_file(c, key, seq, pick_size(rng), file, sizeof file);
	/* anywhere in its run, and now and then after its end */
	uint64_t delay = crash_rand(rng) % (c->cli_us + c->cli_us / 4 + 1);
	__atomic_store_n(&sh->attempted[k], seq, __ATOMIC_SEQ_CST);
	pid_t pid = spawn_set(c, key, file);
	sleep_us(delay);
	kill(pid, SIGKILL); /* not reaped yet: the pid is still ours */
	int status;
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
		ty->kills++;
		ty->cli_kills++;
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		__atomic_store_n(&sh->acked[k], seq, __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&sh->acks, 1, __ATOMIC_SEQ_CST);
		ty->finished++;
	} else {
		__atomic_add_fetch(&sh->writer_errors, 1, __ATOMIC_SEQ_CST);
	}
}

static void lib_round(const struct config *c, struct shared *sh, uint64_t gen,
		      uint64_t *rng, struct tally *ty)
{
	uint64_t seed = crash_rand(rng) | 1;
	/* mostly within its first writes; now and then after a few more
	 * acknowledged ones */
	uint64_t delay = crash_rand(rng) % (crash_rand(rng) % 5 ? 8000 : 40000);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0)
		lib_writer(c, sh, gen, seed);
	sleep_us(delay);
	kill(pid, SIGKILL);
	int status;
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
		ty->kills++;
		ty->lib_kills++;
	} else {
		__atomic_add_fetch(&sh->writer_errors, 1, __ATOMIC_SEQ_CST);
	}
}

static void setup_keys(const struct config *c, flockd_table *t)
{
	for (int k = 0; k < c->keys; k++) {
		char key[16];
		size_t n;
		key_name(k, key, sizeof key);
		char *v = crash_value_make(key, 0, 16, &n);
		if (v == NULL || flockd_set(t, key, v, n) != FLOCKD_OK) {
			fprintf(stderr, "crash_driver: cannot store %s\n", key);
			exit(2);
		}
		free(v);
	}
}

static void tap(int n, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void tap(int n, int ok, const char *fmt, ...)
{
	va_list ap;
	printf("%sok %d - ", ok ? "" : "not ", n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void report(const struct config *c, const struct shared *sh,
		   const struct tally *ty, double secs)
{
	struct reader_stats r = {0};
	for (int i = 0; i < c->readers; i++) {
		r.reads += sh->readers[i].reads;
		r.torn += sh->readers[i].torn + sh->readers[i].foreign;
		r.empty += sh->readers[i].empty;
		r.back += sh->readers[i].back;
		r.errors += sh->readers[i].errors;
	}
	tap(1, ty->kills >= c->kills,
	    "%ld SIGKILLs (%ld library writers, %ld flockd set), %.1f s of "
	    "at most %ld s (target %ld kills; %ld writers finished first)",
	    ty->kills, ty->lib_kills, ty->cli_kills, secs, c->seconds,
	    c->kills, ty->finished);
	tap(2, ty->torn + ty->foreign + ty->future + r.torn == 0,
	    "0 torn values: %" PRIu64 " torn, %" PRIu64 " of another key, %"
	    PRIu64 " never written, in %" PRIu64 " checks after kills and %"
	    PRIu64 " reads meanwhile (readers: %" PRIu64 " torn)",
	    ty->torn, ty->foreign, ty->future, ty->checks, r.reads, r.torn);
	tap(3, ty->empty + r.empty == 0,
	    "0 empty values: %" PRIu64 " after kills, %" PRIu64 " by readers",
	    ty->empty, r.empty);
	tap(4, ty->lost == 0,
	    "0 lost acknowledged writes: %" PRIu64 " keys older than their "
	    "last acknowledged write (or gone), of %" PRIu64 " acknowledged",
	    ty->lost, sh->acks);
	tap(5, ty->errors + r.errors + r.back + sh->writer_errors == 0,
	    "no failed call but the kills: %" PRIu64 " store errors of "
	    "writers, %" PRIu64 " of checks, %" PRIu64 " of readers; %" PRIu64
	    " values went back in time", sh->writer_errors, ty->errors,
	    r.errors, r.back);
	long allowed = ty->kills * LEFTOVER_TARGET_PER_MILLE / 1000;
	tap(6, ty->kills_with_leftovers <= allowed,
	    "leftovers after %ld of %ld kills (%.2f%%, target at most 0.1%% = "
	    "%ld), %zu files in all", ty->kills_with_leftovers, ty->kills,
	    ty->kills ? 100.0 * (double)ty->kills_with_leftovers / (double)ty->kills
		      : 0.0, allowed, ty->leftovers);
}

static void configure(int argc, char **argv, struct config *c)
{
	if (argc != 4) {
		fprintf(stderr, "usage: crash_driver DB FLOCKD LEFTOVERS\n");
		exit(2);
	}
	c->db = argv[1];
	c->flockd = argv[2];
	c->leftovers = argv[3];
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	uint64_t dflt = ((uint64_t)now.tv_nsec ^ (uint64_t)getpid() << 20) %
			1000000000;
	c->seed = (uint64_t)env_long("CRASH_SEED", (long)dflt, 0, LONG_MAX);
	c->kills = env_long("CRASH_KILLS", 2000, 1, 10000000);
	c->seconds = env_long("CRASH_SECONDS", 300, 1, 86400);
	c->cli_percent = env_long("CRASH_CLI_PERCENT", 25, 0, 100);
	c->keys = (int)env_long("CRASH_KEYS", 8, 1, MAX_KEYS);
	c->readers = (int)env_long("CRASH_READERS", 2, 0, MAX_READERS);
}

/* Kill writers until the target or the time bound, checking after each. */
static void run(const struct config *c, struct shared *sh, flockd_table *t,
		struct tally *ty, double *secs)
{
	struct timespec t0;
	uint64_t rng = c->seed * 2 + 1;
	size_t before = count_leftovers(t, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (uint64_t gen = 1; ty->kills < c->kills; gen++) {
		if ((*secs = seconds_since(&t0)) >= (double)c->seconds)
			break;
		if ((long)(crash_rand(&rng) % 100) < c->cli_percent)
			cli_round(c, sh, gen, &rng, ty);
		else
			lib_round(c, sh, gen, &rng, ty);
		verify_keys(c, sh, t, ty);
		size_t now = count_leftovers(t, NULL);
		if (now > before)
			ty->kills_with_leftovers++;
		before = now;
	}
	*secs = seconds_since(&t0);
	ty->leftovers = before;
}

int main(int argc, char **argv)
{
	struct config c;
	configure(argc, argv, &c);
	printf("# seed %" PRIu64 " (replay: CRASH_SEED=%" PRIu64 "), %d keys, "
	       "%d readers, %ld%% flockd set\n", c.seed, c.seed, c.keys,
	       c.readers, c.cli_percent);
	struct shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	flockd_db *db;
	flockd_table *t;
	if (sh == MAP_FAILED || open_table(c.db, &db, &t) != FLOCKD_OK) {
		fprintf(stderr, "crash_driver: cannot set up %s\n", c.db);
		return 2;
	}
	memset(sh, 0, sizeof *sh);
	setup_keys(&c, t);
	c.cli_us = measure_cli(&c);
	printf("# flockd set takes %" PRIu64 " us here\n", c.cli_us);
	pid_t readers[MAX_READERS];
	for (int i = 0; i < c.readers; i++)
		if ((readers[i] = fork()) == 0)
			reader(&c, sh, i);
	struct tally ty = {0};
	double secs = 0;
	run(&c, sh, t, &ty, &secs);
	__atomic_store_n(&sh->stop, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < c.readers; i++)
		waitpid(readers[i], NULL, 0);
	FILE *out = fopen(c.leftovers, "we");
	if (out != NULL) {
		count_leftovers(t, out);
		fclose(out);
	}
	report(&c, sh, &ty, secs);
	flockd_table_close(t);
	flockd_close(db);
	return 0;
}
