/* SPDX-License-Identifier: MIT */
/*
 * db_compare.h - compare mode's comparison of the whole database with
 * another (`flockd --compare DIR_B|HOST:PATH DIR`): tui/sync's
 * replica_compare, the engine of `flockd diff`, run on a worker thread
 * over every table (a value read or a remote manifest can take any
 * time: no slice of the loop could bound it), its records handed to the
 * loop, which keeps them per table for the key list's marks, the tables
 * pane's marks and counts, and the difference keys. Also one table
 * again after a change, and every table again on request.
 *
 * Threads: the worker alone uses the replicas it was given until it is
 * joined; the loop alone reads and changes the results (db_compare_take
 * moves what the worker handed over). No curses.
 *
 * ERRORS are replica_compare's (the store's codes, errno values, a
 * remote side's failure: db_compare_error says which side and why).
 */
#ifndef TUI_BROWSER_DB_COMPARE_H
#define TUI_BROWSER_DB_COMPARE_H

#include "flockd.h"
#include "sync/replica_compare.h"

#include <stddef.h>

/* A key's status, as the browser marks it. */
enum cmp_status {
	CMP_SAME,
	CMP_ONLY_HERE,
	CMP_ONLY_THERE,
	CMP_DIFFERS,   /* differs, or suspect (rc says which) */
	CMP_UNKNOWN,   /* not compared (trouble, or not reached yet) */
	CMP_COUNT
};

struct cmp_key {
	char *name;              /* owned */
	unsigned char status;    /* enum cmp_status */
	unsigned char rc;        /* enum rc_status */
	unsigned char reason;    /* enum rc_reason */
	unsigned char have;      /* bit 0: here's facts, bit 1: there's */
	uint64_t size[2];        /* here, there */
	struct flockd_timespec mtime[2];
};

struct cmp_table {
	char *name;              /* owned; "" is the root table */
	int in_here, in_there;
	struct cmp_key *keys;    /* sorted bytewise */
	size_t n, cap;
	size_t counts[CMP_COUNT];
	int complete;            /* every key of it came */
	int trouble;             /* it could not be listed on a side */
};

struct db_compare;

/*
 * db_compare_new - a comparison of `here` with `there` (both opened by
 * the caller, owned by the comparison from now on, closed by
 * db_compare_free). Nothing runs until db_compare_run. Returns 0 or
 * ENOMEM (then both replicas are closed).
 */
int db_compare_new(struct replica *here, struct replica *there,
		   struct db_compare **out);

/* db_compare_free - stop the worker (it stops between two entries) and
 * release everything. NULL is ignored. */
void db_compare_free(struct db_compare *dc);

/*
 * db_compare_run - compare `table` again (NULL: every table) on the
 * worker; a run under way is stopped first. The results held stay until
 * a table's new results are complete (then they replace its old ones);
 * a whole run also drops the tables that are on neither side any more.
 * Returns 0 or an error starting the thread.
 */
int db_compare_run(struct db_compare *dc, const char *table);

/*
 * db_compare_take - move what the worker handed over into the results.
 * Returns 1 when the results changed, 0 when not; *ended is set to 1
 * once when a run ends (then db_compare_error tells how).
 */
int db_compare_take(struct db_compare *dc, int *ended);

/* db_compare_backlog - records the worker handed over that the last
 * take left for the next (it moves a bounded batch each time). */
size_t db_compare_backlog(const struct db_compare *dc);

/* db_compare_running - non-zero while a run is under way.
 * db_compare_progress - entries read so far by the run (both sides). */
int db_compare_running(const struct db_compare *dc);
size_t db_compare_progress(const struct db_compare *dc);

/* db_compare_error - the last run's error (0: none), with the side ('A'
 * here, 'B' there, or 0) and a static reason (may be ""). */
int db_compare_error(const struct db_compare *dc, char *side,
		     const char **why);

/* The results: tables in bytewise order. Pointers live until the next
 * db_compare_take, db_compare_set_same or db_compare_free. */
size_t db_compare_ntables(const struct db_compare *dc);
const struct cmp_table *db_compare_table_at(const struct db_compare *dc,
					    size_t i);
const struct cmp_table *db_compare_table(const struct db_compare *dc,
					 const char *name);
const struct cmp_key *cmp_table_find(const struct cmp_table *t,
				     const char *key);

/* db_compare_totals - keys per status over every table. */
void db_compare_totals(const struct db_compare *dc, size_t out[CMP_COUNT]);

/* db_compare_table_differs - the table has a key that is not the same
 * (or is on one side only). */
int db_compare_table_differs(const struct cmp_table *t);

/*
 * db_compare_set_same - what the loop knows without comparing: `key` of
 * `table` is now the same on both sides (it copied one side over), with
 * these facts of both. Returns 0, or FLOCKD_ENOTFOUND when the
 * comparison does not hold the key.
 */
int db_compare_set_same(struct db_compare *dc, const char *table,
			const char *key, const struct flockd_stat *st);

/* cmp_status_of - the browser's status of a record's status. */
enum cmp_status cmp_status_of(enum rc_status s);

#endif
