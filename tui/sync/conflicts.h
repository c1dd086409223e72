/* SPDX-License-Identifier: MIT */
/*
 * conflicts.h - the conflict copies of each key (what Syncthing, unison
 * -copyonconflict, Dropbox and Nextcloud leave when two replicas changed
 * one key), grouped by key from the check's findings (leftovers.h), each
 * with its facts, who made it and whether it holds the same bytes as the
 * key. `flockd conflicts` lists them, `flockd resolve` settles them
 * (resolve.h), and the browser's check view can settle many at once on
 * the same groups. Plain C.
 */
#ifndef TUI_SYNC_CONFLICTS_H
#define TUI_SYNC_CONFLICTS_H

#include "flockd.h"
#include "inspect/leftovers.h"

#include <stddef.h>

/* One conflict copy. */
struct conflict_copy {
	const struct leftover *f; /* the finding: name, kind, who, when,
				     size, mtime (borrowed from the set) */
	struct flockd_stat st;    /* its facts when grouped (lstat): a
				     removal checks that it is still this
				     file */
	int identical;            /* 1: the key's bytes; 0: other bytes;
				     -1: not known (the key is missing or
				     not a regular file, or err) */
	int err;                  /* comparing failed (errno or store code) */
};

/* The copies of one key, sorted by file name. */
struct conflict_group {
	const char *table;        /* borrowed from the findings */
	const char *key;
	int key_exists;           /* a regular file holds the key */
	struct flockd_stat key_st; /* its facts when grouped */
	struct conflict_copy *copies;
	size_t ncopies;
};

/* Every group of a walk, in table then key order. */
struct conflict_set {
	struct leftover_report report; /* the findings (owned) */
	struct conflict_group *groups;
	size_t n;
	size_t partial;  /* copies whose name was cut short by the tool,
			    so the key they belong to is not known: left
			    to `flockd check` */
};

/*
 * conflicts_find - find the conflict copies of the tables `tables`
 * (ntables 0: every table), only of the keys `keys` (nkeys 0: all), with
 * the check's options `lo`, and compare each with its key (shared lock
 * on the key, the copy read as it is). *out is overwritten; release with
 * conflict_set_free. Returns 0, ENOMEM, or the error opening a table
 * named in `tables` (FLOCKD_ENOTFOUND, ...). A table that cannot be
 * listed is in out->report.troubles.
 */
int conflicts_find(flockd_db *db, const char *const *tables, size_t ntables,
		   const char *const *keys, size_t nkeys,
		   const struct leftover_opts *lo, struct conflict_set *out);

/* conflicts_find_flags - conflicts_find, taking the key's shared lock
 * for each comparison with `read_flags` (flockd_files.h):
 * FLOCKD_READ_NOWAIT does not wait for a key a writer holds (its copies
 * stay not compared: identical -1, err FLOCKD_ETIMEOUT), for a screen
 * that must not freeze while it looks. */
int conflicts_find_flags(flockd_db *db, const char *const *tables,
			 size_t ntables, const char *const *keys, size_t nkeys,
			 const struct leftover_opts *lo, unsigned read_flags,
			 struct conflict_set *out);

/* conflict_set_free - release everything; *s becomes empty. */
void conflict_set_free(struct conflict_set *s);

/* conflict_copy_compare - compare one copy with its key again (as
 * conflicts_find did), updating identical and err. */
void conflict_copy_compare(flockd_table *t, const struct conflict_group *g,
			   struct conflict_copy *c);

#endif
