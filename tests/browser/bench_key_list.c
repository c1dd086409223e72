/* SPDX-License-Identifier: MIT */
/*
 * bench_key_list.c - `make bench`: a table of FLOCKD_BENCH_KEYS keys
 * (default 1,000,000) loaded and sorted through the browser's list model
 * (table_loader + key_list, as the browser does it), beside a raw getdents
 * + qsort of the same directory in the same run; one filter pass; memory
 * per key. Targets: list within 2.5x of raw, a filter pass under 50 ms,
 * at most 48 bytes per key beyond the name.
 */
#include "flockd.h"

#include "browser/key_list.h"
#include "browser/table_loader.h"
#include "lib/testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The raw baseline: getdents64 into one buffer of names, keys only, then
 * qsort of pointers. */
static double raw_list(const char *dir, size_t *count)
{
	double t0 = now_s();
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t cap = 1 << 20, n = 0, acap = 1 << 24, alen = 0;
	char **names = malloc(cap * sizeof *names);
	char *arena = malloc(acap);
	char buf[1 << 16];
	long got;

	if (fd < 0 || names == NULL || arena == NULL)
		exit(1);
	while ((got = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
		for (long off = 0; off < got;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			off += d->d_reclen;
			size_t len = strlen(d->d_name);
			if (len < 4 || strcmp(d->d_name + len - 3, ".kv") != 0)
				continue;
			if (alen + len + 1 > acap) {
				/* keep pointers valid: a fresh block */
				arena = malloc(acap);
				alen = 0;
				if (arena == NULL)
					exit(1);
			}
			if (n == cap) {
				cap *= 2;
				names = realloc(names, cap * sizeof *names);
				if (names == NULL)
					exit(1);
			}
			memcpy(arena + alen, d->d_name, len - 3);
			arena[alen + len - 3] = '\0';
			names[n++] = arena + alen;
			alen += len - 2;
		}
	}
	close(fd);
	qsort(names, n, sizeof *names, cmp_str);
	double t = now_s() - t0;
	*count = n;
	free(names); /* the arenas are left to the exit */
	return t;
}

int main(void)
{
	const char *env = getenv("FLOCKD_BENCH_KEYS");
	size_t want = env ? strtoul(env, NULL, 10) : 1000000;
	char *root = testutil_mkdtemp();
	char path[4096], name[64];
	flockd_db *db;
	flockd_table *t;

	if (root == NULL || flockd_open(root, 1000, 0, &db) != FLOCKD_OK ||
	    flockd_table_open(db, "big", FLOCKD_TABLE_CREATE, &t) != FLOCKD_OK) {
		fprintf(stderr, "bench: cannot set up a database\n");
		return 1;
	}
	snprintf(path, sizeof path, "%s", flockd_table_path(t));
	printf("creating %zu keys in %s ...\n", want, path);
	double t0 = now_s();
	int dfd = flockd_table_dirfd(t);
	for (size_t i = 0; i < want; i++) {
		/* scattered names, as real keys are */
		snprintf(name, sizeof name, "user-%08zx-%zu.kv",
			 (i * 2654435761u) & 0xffffffffu, i);
		int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0) {
			perror("bench: create");
			return 1;
		}
		close(fd);
	}
	printf("  created in %.1f s\n", now_s() - t0);

	size_t raw_n;
	double raw = raw_list(path, &raw_n);
	raw = raw < raw_list(path, &raw_n) ? raw : raw_list(path, &raw_n);

	double model = 1e9;
	struct key_list *kl = NULL;
	for (int round = 0; round < 2; round++) {
		key_list_free(kl);
		t0 = now_s();
		kl = key_list_new(table_row_stat, t);
		struct table_loader *ld;
		if (kl == NULL || table_loader_open(t, &ld) != 0)
			return 1;
		int rc;
		while ((rc = table_loader_step(ld, kl, 16384)) == 0)
			;
		table_loader_close(ld);
		double el = now_s() - t0;
		if (rc != 1 || key_list_count(kl) != raw_n) {
			fprintf(stderr, "bench: listed %u of %zu keys\n",
				key_list_count(kl), raw_n);
			return 1;
		}
		if (el < model)
			model = el;
	}
	printf("raw getdents + sort:      %8.1f ms  (%zu keys)\n", raw * 1e3,
	       raw_n);
	printf("browser list model:       %8.1f ms  ratio %.2fx (target <= "
	       "2.5x)\n", model * 1e3, model / raw);

	/* the first case-blind pass also builds the lower-case name copy */
	const char *filters[] = {"abc1", "9f0", "ABC", "re:^user-0+a",
				 "glob:*-99*"};
	for (size_t f = 0; f < 5; f++) {
		key_list_set_filter(kl, "", NULL, 0);
		t0 = now_s();
		key_list_set_filter(kl, filters[f], NULL, 0);
		double el = now_s() - t0;
		printf("filter pass %-14s %8.1f ms  (%u rows; target < 50 ms)\n",
		       filters[f], el * 1e3, key_list_rows(kl));
	}
	/* an incremental keystroke: "abc1" -> "abc12" narrows */
	key_list_set_filter(kl, "abc1", NULL, 0);
	t0 = now_s();
	key_list_set_filter(kl, "abc12", NULL, 0);
	printf("filter keystroke narrowing %8.3f ms\n", (now_s() - t0) * 1e3);
	key_list_set_filter(kl, "", NULL, 0);

	size_t names_bytes;
	size_t mem = key_list_memory(kl, &names_bytes);
	printf("memory: %.1f bytes per key beyond the names (target <= 48); "
	       "names %.1f bytes per key (with the lower-case copy)\n",
	       (double)(mem - names_bytes) / (double)key_list_count(kl),
	       (double)names_bytes / (double)key_list_count(kl));

	key_list_free(kl);
	flockd_table_close(t);
	flockd_close(db);
	printf("removing %s ...\n", root);
	testutil_rm_rf(root);
	free(root);
	return 0;
}
