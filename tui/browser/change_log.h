/* SPDX-License-Identifier: MIT */
/*
 * change_log.h - the recent-changes view's model: which keys were
 * created, changed or deleted while the browser watched (fed by the
 * inotify events of the open table, browser_step.c), newest first, with
 * times. Bounded: a ring of `cap` entries, each owning a copy of its
 * table and key names (at most 255 bytes each), so memory never grows
 * past cap entries however busy the table. A burst of events on one key
 * (a write is several: a temp file's rename, attribute changes) is one
 * entry with a count. Plain C.
 */
#ifndef TUI_BROWSER_CHANGE_LOG_H
#define TUI_BROWSER_CHANGE_LOG_H

#include <stddef.h>

enum change_kind {
	CHANGE_CREATED,
	CHANGE_CHANGED,
	CHANGE_WRITTEN,  /* created or changed: the table was still being
			    listed, so whether it existed is unknown */
	CHANGE_DELETED,
};

struct change_entry {
	long long when_ms;     /* wall clock, ms since the epoch (the last
				  event of the burst) */
	enum change_kind kind;
	unsigned count;        /* events merged into this entry */
	char *table;           /* owned */
	char *key;             /* owned, raw bytes: escape to show */
};

struct change_log {
	struct change_entry *v; /* ring */
	size_t cap, n, head;    /* head: where the next entry goes */
	unsigned long total;    /* entries ever added (dropped = total - n) */
};

#define CHANGE_MERGE_MS 1000 /* events on a key this close are one */

/* change_log_init - an empty log of at most `cap` (>= 1) entries;
 * 0 or ENOMEM. change_log_done frees it. */
int change_log_init(struct change_log *cl, size_t cap);
void change_log_done(struct change_log *cl);

/*
 * change_log_add - key `key` (len bytes) of `table` was written
 * (deleted 0) or removed (deleted 1) at `when_ms`; `known` says whether
 * the key was in the list before (-1: unknown, the table is being
 * listed). A write becomes CREATED, CHANGED or WRITTEN, a removal
 * DELETED; within CHANGE_MERGE_MS of the newest entry of the same key
 * with the same meaning (a write after a create or change merges into
 * it) the entry counts it instead. The oldest entry goes when the ring
 * is full. Returns 0 or ENOMEM (nothing logged).
 */
int change_log_add(struct change_log *cl, long long when_ms,
		   const char *table, const char *key, size_t len,
		   int deleted, int known);

/* change_log_count - entries held; change_log_get - the i-th newest (0:
 * the newest), NULL past the end. Borrowed until the next add. */
size_t change_log_count(const struct change_log *cl);
const struct change_entry *change_log_get(const struct change_log *cl,
					  size_t i);

/* change_kind_name - "created", "changed", "written", "deleted". */
const char *change_kind_name(enum change_kind kind);

#endif
