/* SPDX-License-Identifier: MIT */
/*
 * lock_marks.h - the key list's lock marks: which rows a process on this
 * machine holds a lock on now (L shared, X exclusive), from /proc/locks.
 *
 * /proc/locks names inodes, the list holds names: reading /proc/locks is
 * cheap and done on every refresh, but finding the names of locked inodes
 * takes a pass over the table's directory (getdents gives each entry's
 * inode). That pass runs in slices, and only when the set of locked inodes
 * changed or the list did; otherwise the names found last time are marked
 * again. No curses: the controller calls lock_marks_step between keys.
 */
#ifndef TUI_BROWSER_LOCK_MARKS_H
#define TUI_BROWSER_LOCK_MARKS_H

#include "flockd.h"

#include "browser/key_list.h"
#include "inspect/proc_locks.h"

#include <stddef.h>

#define LOCK_MARKS_PERIOD_MS 2000 /* re-read /proc/locks this often */

/* A row found locked: its name (owned) and the strongest lock on it. */
struct lock_hit {
	char *name;
	size_t len;
	int is_entry;
	unsigned mark; /* KL_MARK_LOCK_SH or KL_MARK_LOCK_EX */
};

struct lock_marks {
	struct locked_set applied;  /* the set the hits were found for */
	struct lock_hit *hits;      /* names marked now */
	size_t n_hits, cap_hits;
	flockd_scan *scan;          /* a directory pass in progress */
	struct locked_set pending;  /* ... resolving this set */
	struct lock_hit *found;     /* ... and the names it found so far */
	size_t n_found, cap_found;
	long long next_ms;          /* next /proc/locks read */
	unsigned long gen;          /* list generation the marks are on */
	int stale;                  /* the list changed since the last read */
	unsigned long changes;      /* bumped when the marked names change */
	int err;                    /* last error of reading the locks
				       (ENOENT: no /proc/locks) */
};

/* lock_marks_init - an empty state; lock_marks_done releases it. */
void lock_marks_init(struct lock_marks *lm);
void lock_marks_done(struct lock_marks *lm);

/* lock_marks_reset - another table: forget the set, the names and any
 * pass in progress (the next step reads /proc/locks at once). */
void lock_marks_reset(struct lock_marks *lm);

/* lock_marks_refresh - read /proc/locks and look the names up again at
 * the next step (the user asked for a refresh, or a view may have changed
 * things). */
void lock_marks_refresh(struct lock_marks *lm);

/*
 * lock_marks_step - keep the lock marks of `kl` (the list of `table`,
 * both borrowed) up to date. `gen` counts the changes of the list (a
 * commit, a new list after a rescan): when it moved, the known names are
 * marked again at once and /proc/locks is read again soon. Reads at most
 * `budget` directory entries. Returns non-zero while a pass is under way.
 */
int lock_marks_step(struct lock_marks *lm, flockd_table *table,
		    struct key_list *kl, unsigned long gen, long long now_ms,
		    size_t budget);

/* lock_marks_count - rows marked now (for the status line). */
size_t lock_marks_count(const struct lock_marks *lm);

#endif
