/*
 * replica_diff_impl.h - what replica_diff.c (one key's comparison) and
 * replica_diff_job.c (a table's, in slices) share. Internal to them.
 */
#ifndef TUI_INSPECT_REPLICA_DIFF_IMPL_H
#define TUI_INSPECT_REPLICA_DIFF_IMPL_H

#include "inspect/replica_diff.h"

#define DIFF_CHUNK (64 * 1024)

/* rd_compare_key - compare key k->key present on both sides through the
 * store's read handles (shared locks taken with `read_flags`, verified,
 * which also say their sizes): sizes first, then the bytes, in `buf` (2
 * * DIFF_CHUNK bytes). Sets k's status, reason, sizes, or trouble. */
void rd_compare_key(flockd_table *ta, flockd_table *tb, char *buf,
		    struct diff_key *k, unsigned read_flags);

#endif
