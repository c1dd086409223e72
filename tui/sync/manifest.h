/* SPDX-License-Identifier: MIT */
/*
 * manifest.h - what a database holds, entry by entry, in one fixed order,
 * for `flockd manifest` and for comparing two databases (replica_compare.h)
 * on one machine or across two: the tables in bytewise order, and in each
 * table first a record of the table itself, then its keys in bytewise
 * order, then (MANIFEST_ALL) every other entry of its directory (conflict
 * copies, temp files, backups, a sync tool's files) in bytewise order of
 * its file name, each with the classifier's kind. Entries are produced one
 * at a time as they are asked for: a table's names are listed (getdents,
 * no stat) and sorted when the walk reaches it, and each entry is stat'ed
 * or hashed as the walk comes to it, so the first record comes at once
 * and a caller can stop (or cancel) at any point. In a table of many
 * entries a second thread reads (stat, lock, hash) up to a few hundred
 * entries ahead of the one given, each thread with its own table handle
 * (opened by the caller's thread), so the walk costs about half the
 * system calls' time on two cores; the caller sees one thread's walk.
 */
#ifndef TUI_SYNC_MANIFEST_H
#define TUI_SYNC_MANIFEST_H

#include "flockd.h"
#include "sync/vhash.h"

#include <signal.h>
#include <stddef.h>

enum manifest_flags {
	/* Each entry's facts: lstat, no lock (flockd_key_stat). */
	MANIFEST_STAT = 1u << 0,
	/* Each key read through the store's read handle (shared lock,
	 * verified: a writer's half-done value is never read), its facts
	 * taken from the locked descriptor and its bytes hashed; a regular
	 * non-key entry (MANIFEST_ALL) is hashed as it is, without a lock.
	 * Implies MANIFEST_STAT. */
	MANIFEST_HASH = 1u << 1,
	/* Entries that are not keys too, after the keys of their table. */
	MANIFEST_ALL = 1u << 2,
};

/* What a walk covers. Arrays are borrowed for the life of the walk. */
struct manifest_opts {
	unsigned flags;           /* enum manifest_flags */
	const char *const *tables; /* these tables (any order, duplicates
				      allowed), or every table when ntables
				      is 0 */
	size_t ntables;
	const char *const *keys;  /* only these keys (and, with
				     MANIFEST_ALL, the entries that belong
				     to them), or every key when nkeys is 0 */
	size_t nkeys;
	const volatile sig_atomic_t *cancel; /* non-zero: stop (ECANCELED) */
};

/* One entry. Pointers are borrowed until the next manifest_next or
 * manifest_close. */
struct manifest_entry {
	const char *table;             /* "" for the root */
	enum flockd_entry_kind kind;   /* FLOCKD_ENTRY_TABLE: the table
					  itself, first of its entries;
					  FLOCKD_ENTRY_KEY: a key; else what
					  the classifier says the file is */
	const char *name;              /* the key for keys, the file name
					  for other entries, "" for the
					  table */
	size_t key_off, key_len;       /* other entries: the key they
					  belong to, name[key_off..+len)
					  (key_len 0: none, or shortened) */
	int have_stat;
	struct flockd_stat st;         /* with have_stat */
	int have_hash;
	struct vhash hash;             /* with have_hash: regular files */
	int err;                       /* the table could not be opened or
					  listed (on its table entry), or
					  the entry could not be read
					  (FLOCKD_ENOTFOUND on a table entry:
					  a table asked for that does not
					  exist) */
	const char *step;              /* with err: "open table", "list",
					  "read", "stat" (static) */
};

/* manifest_end - what manifest_next returns after the last entry. */
#define MANIFEST_END 1

struct manifest;

/*
 * manifest_open - start a walk of `db` (which must outlive it). Listing
 * the tables happens here: errors of flockd_tables (errno values),
 * EINVAL (a bad table name in opts->tables), ENOMEM.
 * *out belongs to the caller (manifest_close).
 */
int manifest_open(flockd_db *db, const struct manifest_opts *opts,
		  struct manifest **out);

/*
 * manifest_next - the next entry into *e: 0, MANIFEST_END, ECANCELED, or
 * ENOMEM. Failures of one table or one entry are not errors of the walk:
 * they come as entries with `err` set, and the walk goes on. An entry
 * that vanishes between the listing and its stat or read is left out.
 */
int manifest_next(struct manifest *m, struct manifest_entry *e);

/* manifest_table - the open handle of the table being walked (NULL
 * before the first table, or when it could not be opened): for a caller
 * that reads more of an entry it was given. Borrowed until the walk
 * moves to the next table. */
flockd_table *manifest_table(const struct manifest *m);

/* manifest_progress - entries produced so far, and tables begun. */
void manifest_progress(const struct manifest *m, size_t *entries,
		       size_t *tables);

/* manifest_close - end the walk. NULL is ignored. */
void manifest_close(struct manifest *m);

/*
 * manifest_order - the order of entries within one table, for merging two
 * walks: negative, 0 or positive as (kind_a, name_a) comes before, is,
 * or comes after (kind_b, name_b). Table entries first, keys next (by
 * name), every other entry last (by file name).
 */
int manifest_order(enum flockd_entry_kind kind_a, const char *name_a,
		   enum flockd_entry_kind kind_b, const char *name_b);

#endif
