/* SPDX-License-Identifier: MIT */
/*
 * db_compare_worker.h - db_compare's worker thread (db_compare.c's side of
 * it is the results): it opens the comparison (listing every table of a
 * database reads every directory, and a remote side starts ssh: neither
 * may hold up the loop), turns replica_compare's records into items and
 * queues them for the loop to take. Internal to db_compare.c.
 *
 * Threads: the worker alone uses the two replicas until dc_worker_stop
 * or dc_worker_end joins it; the queue is under its mutex.
 */
#ifndef TUI_BROWSER_DB_COMPARE_WORKER_H
#define TUI_BROWSER_DB_COMPARE_WORKER_H

#include "browser/db_compare.h"

#include <stddef.h>

enum dc_item_kind { DC_ITEM_TABLE, DC_ITEM_KEY };

/* One record as the worker hands it over. */
struct dc_item {
	enum dc_item_kind kind;
	char *table;          /* DC_ITEM_TABLE: owned */
	struct cmp_key key;   /* DC_ITEM_KEY: key.name owned */
	int in_here, in_there, trouble;
};

struct dc_worker;

/*
 * dc_worker_start - compare `here` with `there` (`table` only, or every
 * table when NULL) on a new thread. Returns 0, ENOMEM or the error of
 * starting the thread; errors of the comparison itself come at its end
 * (dc_worker_end).
 */
int dc_worker_start(struct replica *here, struct replica *there,
		    const char *table, struct dc_worker **out);

/*
 * dc_worker_take - up to `max` queued items into the malloc'd *items (the
 * caller's, with what they own; NULL when none), their number returned.
 * *ended: the worker is done and nothing is left queued; *progress:
 * entries read so far; *backlog: items still queued.
 * Returns (size_t)-1 without memory for the array (nothing taken).
 */
size_t dc_worker_take(struct dc_worker *w, size_t max, struct dc_item **items,
		      int *ended, size_t *progress, size_t *backlog);

/* dc_item_free - what an item owns. */
void dc_item_free(struct dc_item *it);

/*
 * dc_worker_end - join a worker that ended (dc_worker_take said so) and
 * free it, with its outcome: 0 or the error, the side ('A', 'B' or 0)
 * and a static reason ("" when none).
 */
int dc_worker_end(struct dc_worker *w, char *side, const char **why);

/* dc_worker_stop - stop it (between two entries), join and free it.
 * NULL is ignored. */
void dc_worker_stop(struct dc_worker *w);

#endif
