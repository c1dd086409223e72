/* SPDX-License-Identifier: MIT */
/*
 * cmp_copy.h - compare mode's "copy this side over": the values of some
 * keys of one table copied from one database into the other through
 * tui/sync's replica write path (the store's atomic, locked, durable
 * writes, the modification time carried; `flockd set` over the remote
 * shell for HOST:PATH), on a worker thread, each key's outcome handed
 * to the loop. A key missing on the side copied from is left alone
 * (reported as FLOCKD_ENOTFOUND): this copies, it never deletes.
 *
 * Threads: the worker alone uses the two replicas (opened for the job,
 * closed with it); the loop reads the outcomes through cmp_copy_take.
 * No curses.
 */
#ifndef TUI_BROWSER_CMP_COPY_H
#define TUI_BROWSER_CMP_COPY_H

#include "sync/replica.h"

#include <stddef.h>

/* One key done. */
struct cmp_copy_outcome {
	char *key;                 /* owned by the job until the next take */
	int err;                   /* 0, or why it was not copied */
	struct flockd_stat st;     /* its facts as copied (err == 0) */
	int have_stat;
};

struct cmp_copy;

/*
 * cmp_copy_start - copy `keys` (n of them, copied) of `table` from
 * `from` into `to` (both opened by the caller for this job, owned by it
 * from now on; `to` writable). Returns 0, or ENOMEM / a thread error
 * (then both replicas are closed).
 */
int cmp_copy_start(struct replica *from, struct replica *to,
		   const char *table, char *const *keys, size_t n,
		   struct cmp_copy **out);

/*
 * cmp_copy_take - the outcomes since the last take (*v borrowed until
 * the next take or free, *n of them); returns 1 once the job is done
 * (every outcome taken), else 0.
 */
int cmp_copy_take(struct cmp_copy *j, const struct cmp_copy_outcome **v,
		  size_t *n);

/* cmp_copy_total / cmp_copy_table - the keys asked for, the table. */
size_t cmp_copy_total(const struct cmp_copy *j);
const char *cmp_copy_table(const struct cmp_copy *j);

/* cmp_copy_free - stop (after the key under way) and release. */
void cmp_copy_free(struct cmp_copy *j);

#endif
