/* SPDX-License-Identifier: MIT */
/*
 * key_details.h - the details popup's model: everything known about one
 * row of the key list, as lines of escaped text (TEXTSAFE_ESCAPED): the
 * full name (wrapped, never cut), exact size, modification time to the
 * nanosecond, mode, owner, inode, the lock holders on this machine
 * (/proc/locks), what the classifier says it is (and whether the value
 * is suspect), and for a key its conflict copies and backups in the
 * table. Plain C (store and /proc, no curses).
 */
#ifndef TUI_BROWSER_KEY_DETAILS_H
#define TUI_BROWSER_KEY_DETAILS_H

#include "flockd.h"

#include "browser/db_compare.h"
#include "browser/key_list.h"

#include <stddef.h>

enum details_style {
	DETAILS_PLAIN,
	DETAILS_HEADING, /* a section: "Locks", "Conflict copies" */
	DETAILS_WARN,    /* something to act on: a suspect value, a lock */
};

struct details_line {
	char *text; /* escaped text, owned */
	enum details_style style;
};

struct key_details {
	struct details_line *v;
	size_t n, cap;
};

#define DETAILS_LABEL 10 /* the column the values start in */

/*
 * key_details_build - the details of row (name, len, is_entry) of
 * `table` (the key list `kl` gives the table's other files, for the
 * conflict copies), with lines at most `width` columns wide where they
 * hold a name (a long name goes on as many lines as it needs). Lock
 * holders come from `locks_path` and `proc_root` (PROC_LOCKS_PATH and
 * PROC_ROOT; fixtures in tests). A file that cannot be stat'ed says so
 * in its lines. Returns 0, EINVAL (a name longer than a file name) or
 * ENOMEM (then *out is empty).
 */
int key_details_build(flockd_table *table, const struct key_list *kl,
		      const char *name, size_t len, int is_entry,
		      const char *locks_path, const char *proc_root,
		      int width, struct key_details *out);

/*
 * key_details_add_compare - compare mode's lines for a key: its status
 * (and why: size, content, a suspect value), both sides' sizes and
 * modification times (to the nanosecond), which side is newer. 0 or
 * ENOMEM.
 */
int key_details_add_compare(struct key_details *d, const struct cmp_key *k);

void key_details_free(struct key_details *d);

#endif
