/* SPDX-License-Identifier: MIT */
/*
 * tables_scan.h - the database's list of tables, read on a thread of its
 * own. Nested tables may sit in any table's directory, so listing the
 * tables reads every directory whole: on a table of a million keys that
 * is most of a second of getdents, which the browser's loop must not
 * wait for (a keystroke to screen stays under 50 ms). The loop starts a
 * scan, polls it between keys, and takes the names when it is done.
 *
 * Threads: the scan's thread opens its own read-only handle on the
 * directory (flockd.h: one thread per handle) and touches nothing of the
 * caller's. A scan the caller stops wanting is abandoned: its thread
 * ends on its own and frees everything, so quitting never waits for a
 * listing. No curses.
 */
#ifndef TUI_BROWSER_TABLES_SCAN_H
#define TUI_BROWSER_TABLES_SCAN_H

#include <stddef.h>

struct tables_scan;

/*
 * tables_scan_start - list the tables of the database at `dir` (as given
 * to flockd_open) with flockd_tables, in the background. *out belongs to
 * the caller until tables_scan_collect returns 1 or tables_scan_abandon.
 * Returns 0, ENOMEM, or the error of starting the thread.
 */
int tables_scan_start(const char *dir, struct tables_scan **out);

/*
 * tables_scan_collect - without waiting: 0 while the scan runs; 1 when it
 * ended, with its result: *err (0 or the store's error of opening or
 * listing) and, when *err is 0, the names (sorted, the root "" first;
 * flockd_names_free, the caller's now). After a 1 the scan is freed.
 */
int tables_scan_collect(struct tables_scan *s, int *err, char ***names,
			size_t *count);

/* tables_scan_abandon - the result is not wanted: the scan is freed when
 * it ends (at once if it did). NULL is ignored. */
void tables_scan_abandon(struct tables_scan *s);

#endif
