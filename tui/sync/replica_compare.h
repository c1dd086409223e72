/* SPDX-License-Identifier: MIT */
/*
 * replica_compare.h - how two databases differ, entry by entry: the two
 * replicas (replica.h: here or on another machine) are walked side by
 * side in manifest order and merged into one record per table, key and
 * leftover file. A key on both sides is compared by its bytes when both
 * databases are on this machine (read under shared locks on both, sizes
 * first), else by the hashes of the manifests (values never travel).
 * Records come one at a time, as asked for, so a screen can show the
 * first ones at once, count progress and stop (cancel) at any point;
 * `flockd diff` prints them, `flockd sync` plans from them. Plain C.
 *
 * Statuses (rc_status_name's words in parentheses):
 *   RC_TABLE (table)             a table on both sides; its keys follow
 *   RC_TABLE_ONLY_A/B (table-only-a/b)  a table on one side only; its
 *                                keys follow, as only-a/only-b
 *   RC_SAME (same)               a key with the same bytes on both sides
 *   RC_ONLY_A/B (only-a/only-b)  a key on one side only
 *   RC_DIFFERS (differs)         a key whose values differ (reason:
 *                                size, content, type)
 *   RC_SUSPECT (suspect)         a key that an interrupted rsync may have
 *                                torn: its mtime is at the epoch on a side
 *                                (reason epoch), or both sides have the
 *                                same mtime (to the second) but different
 *                                sizes (reason same-mtime); `values_differ`
 *                                says whether the bytes differ too
 *   RC_CONFLICT (conflict)       a sync tool's conflict copy of a key, on
 *                                one side or both
 *   RC_LEFTOVER (leftover)       any other file that is not a key (temp
 *                                files, backups, a sync tool's files,
 *                                strangers), on one side or both
 *   RC_TROUBLE (trouble)         what could not be compared (err, side);
 *                                a table that could not be listed on a
 *                                side is one trouble record and none of
 *                                its keys follow (so no key of the other
 *                                side looks missing)
 */
#ifndef TUI_SYNC_REPLICA_COMPARE_H
#define TUI_SYNC_REPLICA_COMPARE_H

#include "sync/replica.h"

#include <signal.h>
#include <stddef.h>

enum rc_status {
	RC_TABLE,
	RC_TABLE_ONLY_A,
	RC_TABLE_ONLY_B,
	RC_SAME,
	RC_ONLY_A,
	RC_ONLY_B,
	RC_DIFFERS,
	RC_SUSPECT,
	RC_CONFLICT,
	RC_LEFTOVER,
	RC_TROUBLE,
};

enum rc_reason {
	RC_REASON_NONE,
	RC_REASON_SIZE,       /* sizes differ */
	RC_REASON_CONTENT,    /* same size, different bytes */
	RC_REASON_TYPE,       /* file types differ (a symlink, a FIFO...) */
	RC_REASON_EPOCH,      /* suspect: mtime at the epoch */
	RC_REASON_SAME_MTIME, /* suspect: same mtime, different sizes */
};

/* One side of a record. */
struct rc_side {
	int present;
	int have_stat;
	struct flockd_stat st;
	int have_hash;
	struct vhash hash;
	int suspect;          /* flockd_stat_suspect */
};

/* One record. Pointers are borrowed until the next replica_compare_next
 * or replica_compare_close. */
struct rc_record {
	enum rc_status status;
	const char *table;
	const char *name;     /* the key; the file name of a conflict copy
				 or leftover; "" for a table */
	enum flockd_entry_kind kind; /* TABLE, KEY, or the file's kind */
	size_t key_off, key_len; /* conflict copies, leftovers: the key they
				    belong to (name[key_off..+key_len)) */
	struct rc_side a, b;
	enum rc_reason reason;
	int values_differ;    /* RC_SUSPECT: 1 differ, 0 same, -1 one side */
	char newer;           /* both sides' mtimes known: 'a', 'b' or '='
				 (equal); else 0 */
	int err;              /* RC_TROUBLE: the error */
	char err_side;        /* RC_TROUBLE: 'A' or 'B'; 0 for a table asked
				 for (-t) that is in neither */
	const char *step;     /* RC_TROUBLE: the failing step */
};

struct rc_opts {
	const char *const *tables; /* only these tables (0: every table) */
	size_t ntables;
	const char *const *keys;   /* only these keys (0: every key) */
	size_t nkeys;
	int leftovers;             /* also conflict copies and leftovers */
	const volatile sig_atomic_t *cancel; /* non-zero: ECANCELED */
};

struct replica_compare;

/*
 * replica_compare_open - start comparing `a` and `b` (both outlive the
 * comparison). *out belongs to the caller (replica_compare_close).
 * Errors: those of replica_walk_open, with *side 'A' or 'B' and *why.
 */
int replica_compare_open(struct replica *a, struct replica *b,
			 const struct rc_opts *o, struct replica_compare **out,
			 char *side, const char **why);

/*
 * replica_compare_next - the next record into *rec: 0, MANIFEST_END, or
 * an error that ends the comparison (ECANCELED, ENOMEM, a remote
 * manifest that failed: replica_walk_next's errors), with
 * replica_compare_failed_side telling which side.
 */
int replica_compare_next(struct replica_compare *c, struct rc_record *rec);

/* replica_compare_failed_side - 'A' or 'B' after a failed next. */
char replica_compare_failed_side(const struct replica_compare *c);

/* replica_compare_progress - entries read so far, both sides together. */
size_t replica_compare_progress(const struct replica_compare *c);

/* replica_compare_close - end it. NULL is ignored. */
void replica_compare_close(struct replica_compare *c);

/* rc_status_name, rc_reason_name - the words above ("" for no reason).
 * Static strings. */
const char *rc_status_name(enum rc_status s);
const char *rc_reason_name(enum rc_reason r);

/* rc_is_difference - non-zero for the statuses that make two databases
 * different (diff's exit status 1): every status but RC_TABLE, RC_SAME
 * and RC_TROUBLE. */
int rc_is_difference(enum rc_status s);

#endif
