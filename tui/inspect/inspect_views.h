/* SPDX-License-Identifier: MIT */
/*
 * inspect_views.h - the inspection screens of the browser, as modal views:
 * each draws on stdscr (curses must be initialised, keypad(stdscr, TRUE)),
 * runs its own key loop and returns when the user presses q or Esc. Each
 * changes the input timeout (timeout()) and leaves the screen to be
 * redrawn by the caller (it calls clear() before returning). They hold
 * no state between calls. Their keys are the keymaps `locks`, `check`,
 * `resolve`, `info` and `compare` of `ui` (ui/actions.h); each has a help
 * screen listing them as the user bound them.
 *
 * Plus the two lookups the key list needs: which keys are locked now, and
 * how each key compares with another database (compare mode).
 */
#ifndef TUI_INSPECT_INSPECT_VIEWS_H
#define TUI_INSPECT_INSPECT_VIEWS_H

#include "flockd.h"
#include "inspect/proc_locks.h"

struct ui;

/*
 * inspect_view_locks - the lock view of `table`: every lock held (or
 * waited for) on a key or temp file of the table, shared or exclusive, by
 * which local process (pid, command), labelled "local holders only"; the
 * selected holder's command line and how long it has run. Refreshes
 * every second and on reload; close leaves. Acts on the selected holder:
 *   jump       leave, with the key its file belongs to in *jump_key
 *              (malloc'd; the browser goes there), else NULL
 *   terminate  SIGTERM to the holding process after a question naming
 *              pid and command, and only if /proc/locks and the pid's
 *              start time say just before that it is still the holder
 * Returns 0, or ENOENT when /proc/locks is missing (after saying so on
 * the screen).
 */
int inspect_view_locks(const struct ui *ui, flockd_table *table,
		       char **jump_key);

/*
 * inspect_view_check - the check view of `db`: the leftovers of every
 * table (as `flockd check`), each with its age and status (for a temp
 * file or placeholder: the cleaning rule's verdict and why, clean_rule.h),
 * with actions on the selected one:
 *   remove   it, if the cleaning rule allows it (confirmed; decided again
 *            under its own lock just before: leftover_remove); otherwise
 *            say why it is kept, asking nothing
 *   resolve  a conflict copy: compare it with its key side by side
 *            (toggle-diff: a unified diff; hex for binary values), then
 *            keep-copy  the copy's value as the key's (saved through a
 *                       view session: exclusive lock, verified the key
 *                       did not change since shown) and remove the copy,
 *            keep-key   the key's value, and remove the copy;
 *            each confirmed.
 *   select, select-invert  mark keys that have conflict copies, and
 *            keep-key / keep-newest / drop-identical settle the marked
 *            keys (or the one under the cursor) at once through
 *            sync/settle.h (view_settle.c): confirmed with the counts,
 *            each key waiting for its locks on the wait line (Esc stops),
 *            a summary of settled and failed keys after.
 *   reload   rescan (marks stay on keys still listed); close leaves.
 * Conflict copies are compared with their key without waiting for its
 * lock (a copy of a key a writer holds shows as not compared).
 * In a read-only database (flockd_db_readonly) every change is refused
 * with a message. Returns 0 or an errno value of listing the tables.
 */
int inspect_view_check(const struct ui *ui, flockd_db *db);

/*
 * inspect_view_info - the info screen of `db`: file system type, mount,
 * what it means for locks (spec section 6), counts of tables, keys and
 * bytes. Returns 0 or an errno value.
 */
int inspect_view_info(const struct ui *ui, flockd_db *db);

/* One side of a key compared: its value (borrowed), or missing. */
struct inspect_side {
	const char *label;  /* "here: DIR" */
	const void *value;
	size_t len;
	int missing;        /* the side has no such key */
};

/*
 * inspect_view_compare_key - compare mode: show `key` here (left)
 * against there (right) side by side or as a diff (toggle-diff), hex
 * for binary values; a side without the key shows as missing. The
 * caller read both values (here through the store, there through its
 * replica, which may be on another machine). Read-only. Returns 0 or an
 * error of the screen.
 */
int inspect_view_compare_key(const struct ui *ui, const char *key,
			     const struct inspect_side *here,
			     const struct inspect_side *there);

/*
 * inspect_locked_keys - the inodes of `table`'s directory that a process
 * on this machine holds a lock on now (from /proc/locks), for the key
 * list's lock marks: look each key's inode (flockd_scan_entry.ino) up
 * with locked_set_find; the entry says shared or exclusive and how many
 * wait. *out belongs to the caller (locked_set_free). Cheap: reads
 * /proc/locks once and does not list the table. Returns 0, ENOENT when
 * /proc/locks is missing (no marks can be shown), or an errno value.
 */
int inspect_locked_keys(flockd_table *table, struct locked_set *out);

#endif
