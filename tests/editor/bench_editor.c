/* SPDX-License-Identifier: MIT */
/*
 * bench_editor.c - `make bench`: open a 100 MB value through a view session
 * into the editor buffer, make 10,000 single-byte inserts at its middle,
 * undo the lot once and redo it, save; print the times and the peak memory
 * as a multiple of the value's size. As the editor does it: the view's
 * bytes become the buffer (flockd_view_take_value) and the save keeps no
 * copy (FLOCKD_SAVE_NOCOPY), so the value is held once: at most 2x.
 * Then the searches over the whole value (plain, ignoring case, a regex:
 * each a miss, so every byte is read), the matches of one screen (what
 * the highlight costs a draw) and the JSON check of a 1 MiB value.
 */
#include "flockd.h"
#include "editor/edbuf.h"
#include "editor/edfind.h"
#include "editor/edjson.h"
#include "editor/textcell.h"
#include "lib/testutil.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "bench_editor: %s: %s\n", what, flockd_strerror(err));
	return 1;
}

static int count_match(void *ctx, const struct edfind_match *m)
{
	(void)m;
	++*(size_t *)ctx;
	return 0;
}

/* A whole-value search that finds nothing, timed. */
static void time_miss(const struct gapbuf *gb, const char *what,
		      const char *pattern, unsigned flags)
{
	struct edfind f;
	struct edfind_match m;
	char err[128];
	int wrapped;
	edfind_init(&f);
	edfind_set(&f, pattern, strlen(pattern), flags, err, sizeof err);
	double a = now();
	int r = edfind_next(&f, gb, 0, &m, &wrapped);
	printf("  search, %-28s %8.1f ms%s\n", what, (now() - a) * 1e3,
	       r ? " (found?)" : "");
	edfind_done(&f);
}

static void bench_find(const struct gapbuf *gb)
{
	setlocale(LC_ALL, "C.UTF-8");
	time_miss(gb, "plain (miss)", "zzz", 0);
	time_miss(gb, "ignoring case (miss)", "zzz", EDFIND_ICASE);
	time_miss(gb, "regex [0-9]+q (miss)", "[0-9]+q", EDFIND_REGEX);
	/* a screen of 60 rows of 64 bytes in the middle, lit */
	struct edfind f;
	char err[128];
	size_t hits = 0, mid = gapbuf_len(gb) / 4; /* not the typing */
	edfind_init(&f);
	edfind_set(&f, "[aeiou]", 7, EDFIND_REGEX, err, sizeof err);
	double a = now();
	edfind_each(&f, gb, mid - 4096, mid + 60 * 64, count_match, &hits);
	printf("  matches of one screen (regex)      %8.3f ms (%zu)\n",
	       (now() - a) * 1e3, hits);
	edfind_done(&f);
	/* JSON: a 1 MiB array of small objects */
	size_t n = (size_t)1 << 20, o = 1;
	char *s = malloc(n + 64);
	if (s == NULL)
		return;
	s[0] = '[';
	while (o < n)
		o += (size_t)sprintf(s + o, "{\"k\":%zu,\"v\":\"abc\"},", o);
	s[o - 1] = ']';
	struct gapbuf jb;
	if (gapbuf_init(&jb, s, o) == 0) {
		a = now();
		int st = edjson_check(&jb, NULL, 0);
		printf("  JSON check of 1 MiB                %8.1f ms (%s)\n",
		       (now() - a) * 1e3, st == EDJSON_VALID ? "valid" : "?");
	}
	gapbuf_done(&jb);
	free(s);
}

int main(void)
{
	size_t size = (size_t)100 << 20;
	char *dir = testutil_mkdtemp();
	if (dir == NULL)
		return fail("scratch dir", 5);
	char *value = malloc(size);
	if (value == NULL)
		return fail("malloc", 12);
	for (size_t i = 0; i < size; i++)
		value[i] = i % 64 == 63 ? '\n' : (char)('a' + i % 26);
	flockd_db *db;
	flockd_table *t;
	int err = flockd_open(dir, 10000, 0, &db);
	if (!err)
		err = flockd_table_open(db, "", 0, &t);
	if (!err)
		err = flockd_set(t, "big", value, size);
	free(value);
	if (err)
		return fail("setup", err);

	double t0 = now();
	flockd_view *view;
	if ((err = flockd_view_open(t, "big", &view)))
		return fail("view open", err);
	double t1 = now();
	/* as the editor does: the view's bytes become the buffer's */
	size_t len;
	void *val;
	if ((err = flockd_view_take_value(view, &val, &len)))
		return fail("take value", err);
	struct edbuf eb;
	edbuf_init_take(&eb, val, len);
	int text = textcell_valid_text(&eb.gb);
	double t2 = now();
	size_t mid = len / 2;
	double worst = 0;
	for (size_t i = 0; i < 10000; i++) {
		double a = now();
		if (edbuf_insert(&eb, mid + i, "x", 1, EDBUF_MERGE_TYPING))
			return fail("insert", 12);
		double b = now() - a;
		if (b > worst)
			worst = b;
	}
	double t3 = now();
	size_t cur;
	edbuf_undo(&eb, &cur);
	edbuf_redo(&eb, &cur);
	double t4 = now();
	err = flockd_view_save(view, gapbuf_contents(&eb.gb), edbuf_len(&eb),
			       FLOCKD_SAVE_NOCOPY);
	if (err)
		return fail("save", err);
	double t5 = now();
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("editor: 100 MB value (%s)\n", text ? "text" : "binary");
	printf("  view open (read under shared lock) %8.1f ms\n", (t1 - t0) * 1e3);
	printf("  into the gap buffer + UTF-8 check  %8.1f ms\n", (t2 - t1) * 1e3);
	printf("  10,000 inserts at the middle       %8.1f ms (worst %.3f ms)\n",
	       (t3 - t2) * 1e3, worst * 1e3);
	printf("  undo + redo of the typing          %8.1f ms\n", (t4 - t3) * 1e3);
	printf("  save (atomic replace)              %8.1f ms\n", (t5 - t4) * 1e3);
	printf("  peak memory %.2f x the value size\n",
	       (double)ru.ru_maxrss * 1024.0 / (double)size);
	bench_find(&eb.gb);
	edbuf_done(&eb);
	flockd_view_close(view);
	flockd_table_close(t);
	flockd_close(db);
	testutil_rm_rf(dir);
	free(dir);
	return 0;
}
