/* SPDX-License-Identifier: MIT */
/*
 * settle.h - settling the conflict copies of many keys at once, as the
 * browser's check view does: marks on keys (the groups of a conflict set,
 * conflicts.h), what a choice would do to the marked keys (the counts a
 * confirmation names), and each key settled through resolve.h's plan and
 * apply (the same code as `flockd resolve`), tallied into settled and
 * failed with the first reason. Plain C, no curses.
 */
#ifndef TUI_SYNC_SETTLE_H
#define TUI_SYNC_SETTLE_H

#include "sync/resolve.h"

#include <stddef.h>

/* What the user chose for the marked keys. */
enum settle_choice {
	SETTLE_KEEP_KEY,       /* resolve --keep key */
	SETTLE_KEEP_NEWEST,    /* resolve --keep newest */
	SETTLE_DROP_IDENTICAL, /* resolve --drop-identical */
};

/* settle_policy - the resolve policy of choice `c`. */
void settle_policy(enum settle_choice c, struct resolve_policy *p);

/*
 * Marks on the groups of one conflict set: a bit per group. The marks
 * own their bits (settle_marks_done frees them); a zeroed struct is an
 * empty set of marks over no group.
 */
struct settle_marks {
	unsigned char *bits;
	size_t n;     /* groups covered */
	size_t count; /* groups marked */
};

/* settle_marks_reset - `n` groups, none marked. Returns 0 or ENOMEM
 * (then *m is unchanged). */
int settle_marks_reset(struct settle_marks *m, size_t n);
void settle_marks_done(struct settle_marks *m);

/* settle_marks_has - is group `g` marked (0 for g >= n). */
int settle_marks_has(const struct settle_marks *m, size_t g);

/* settle_marks_toggle - flip group `g` (g < n); returns its new state. */
int settle_marks_toggle(struct settle_marks *m, size_t g);

/* settle_marks_invert - flip every group: from none marked, all are. */
void settle_marks_invert(struct settle_marks *m);

/*
 * settle_marks_carry - the marks over `from`'s groups moved to `to`'s
 * (a rescan of the same database): a group of `to` is marked when a
 * marked group of `from` has its table and key. Both sets must be alive.
 * Returns 0 or ENOMEM (then *m is unchanged).
 */
int settle_marks_carry(struct settle_marks *m, const struct conflict_set *from,
		       const struct conflict_set *to);

/* settle_group_of - the index of the group finding `f` is a conflict
 * copy of, or -1 when it is not one that `s` grouped (a temp file, a
 * copy whose name was cut short). A binary search by table and key. */
long settle_group_of(const struct conflict_set *s, const struct leftover *f);

/* What a choice would do to the marked keys, planned without acting. */
struct settle_preview {
	size_t keys;     /* keys it settles (keep or install) */
	size_t installs; /* of them, keys that take a copy's value */
	size_t copies;   /* copies it removes */
	size_t idle;     /* marked keys it leaves as they are (refused, or
			    nothing to do, e.g. no copy identical) */
	const char *why; /* the first idle key's reason (static), or "" */
};

/* settle_preview - plan choice `c` for every marked group of `s`.
 * Returns 0 or ENOMEM. */
int settle_preview(const struct conflict_set *s, const struct settle_marks *m,
		   enum settle_choice c, struct settle_preview *out);

/* The outcome of settling several keys. */
struct settle_tally {
	size_t settled;   /* keys whose chosen value is in place and every
			     copy the plan settles is gone */
	size_t failed;    /* keys left as they were, or partly settled */
	size_t idle;      /* keys the choice leaves as they are */
	size_t removed;   /* copies removed */
	char first[600];  /* the first failure: "KEY: why", the key and
			     copy names escaped (textsafe), ready to show */
};

/*
 * settle_one - settle group `g` (of table `t`, opened by the caller, who
 * sets its cancel flag) with choice `c`: resolve_plan_group, then
 * resolve_apply, counting the outcome into *tally. Waits for the key's
 * lock up to the table's timeout (a lock held on a copy is not waited
 * for: the copy stays and is counted as a failure). Returns 0, or the
 * error that stopped the key (ECANCELED when the user stopped the wait,
 * FLOCKD_ETIMEOUT, FLOCKD_ECONFLICT when the key changed, ...), which is
 * also counted.
 */
int settle_one(flockd_table *t, const struct conflict_group *g,
	       enum settle_choice c, struct settle_tally *tally);

/* settle_failed - count a key that could not even be tried (its table
 * would not open: `name` is the table): a failure, the first one's
 * reason "NAME: why (step)" kept. `why` NULL: flockd_strerror(err). */
void settle_failed(struct settle_tally *t, const char *name, const char *why,
		   int err, const char *step);

/* settle_summary - "settled N keys (M copies removed)", then ", K left
 * as they are" and "; failed F: FIRST" when there are, into buf (safe
 * text: names are escaped). */
void settle_summary(const struct settle_tally *t, char *buf, size_t size);

#endif
