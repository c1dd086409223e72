/*
 * replica_diff.h - how two databases (a primary and its replica) differ:
 * tables only in one, keys only in one, keys whose values differ (sizes
 * first; bytes, streamed under shared locks, when the sizes match).
 */
#ifndef TUI_INSPECT_REPLICA_DIFF_H
#define TUI_INSPECT_REPLICA_DIFF_H

#include "flockd.h"

#include <stddef.h>
#include <stdint.h>

enum diff_status {
	DIFF_SAME,
	DIFF_ONLY_A,   /* only here (A) */
	DIFF_ONLY_B,   /* only there (B) */
	DIFF_DIFFERS,
	DIFF_TROUBLE,  /* could not compare: see err and side */
};

enum diff_reason {
	DIFF_REASON_NONE,
	DIFF_REASON_SIZE,    /* sizes differ */
	DIFF_REASON_CONTENT, /* same size, different bytes */
	DIFF_REASON_TYPE,    /* file types differ, or symlink targets */
};

struct diff_key {
	char *key;               /* owned */
	enum diff_status status;
	enum diff_reason reason;
	uint64_t size_a, size_b; /* when present and regular */
	int err;                 /* DIFF_TROUBLE: the error */
	char side;               /* DIFF_TROUBLE: 'A' or 'B' */
};

struct diff_table {
	char *name;           /* owned */
	int in_a, in_b;       /* the table exists on that side */
	struct diff_key *keys;/* every key of either side, sorted bytewise */
	size_t n;
	size_t ndiff;         /* keys not DIFF_SAME and not DIFF_TROUBLE */
	size_t ntrouble;
};

/*
 * replica_diff_table - compare table `name` of `a` and `b`. A table that
 * is missing on one side gives in_a or in_b 0 and all keys of the other
 * side as only there. Values are compared under shared locks taken within
 * a's lock timeout. Returns 0 (per-key failures are DIFF_TROUBLE entries)
 * or an error opening or listing a table (FLOCKD_ENOTFOUND when it is
 * missing on both sides, errno values); *out is then empty.
 */
int replica_diff_table(flockd_db *a, flockd_db *b, const char *name,
		       struct diff_table *out);

/*
 * The same in slices, so a browser comparing a table of a million keys
 * keeps answering: replica_diff_start, then replica_diff_step until it
 * returns 1, then replica_diff_finish takes the result. `read_flags` are
 * the read handles' (FLOCKD_READ_NOWAIT: a key a writer holds is
 * DIFF_TROUBLE with FLOCKD_ETIMEOUT instead of a wait). Errors as
 * replica_diff_table's, from start or step (the job is then done, with
 * nothing to finish: free it). replica_diff_progress: keys compared so
 * far and in all (0 and 0 while listing).
 */
struct replica_diff_job;
int replica_diff_start(flockd_db *a, flockd_db *b, const char *name,
		       unsigned read_flags, struct replica_diff_job **out);
int replica_diff_step(struct replica_diff_job *job, long budget_ms);
int replica_diff_finish(struct replica_diff_job *job, struct diff_table *out);
void replica_diff_progress(const struct replica_diff_job *job, size_t *done,
			   size_t *total);
void replica_diff_job_free(struct replica_diff_job *job);

/* diff_table_free - release *t; it becomes empty. */
void diff_table_free(struct diff_table *t);

/* diff_table_find - the entry for `key`, or NULL when neither side has it.
 * Binary search; the pointer lives until diff_table_free. */
const struct diff_key *diff_table_find(const struct diff_table *t,
				       const char *key);

/* diff_status_name - "same", "only-a", "only-b", "differs", "trouble".
 * diff_reason_name - "", "size", "content", "type". Static strings. */
const char *diff_status_name(enum diff_status s);
const char *diff_reason_name(enum diff_reason r);

/* The table names of both databases, merged. */
struct diff_table_names {
	char **a, **b;   /* flockd_tables results */
	size_t na, nb;
};

/* replica_diff_tables - list both databases' tables (sorted bytewise).
 * Returns 0 or an errno value; *out empty on error. */
int replica_diff_tables(flockd_db *a, flockd_db *b,
			struct diff_table_names *out);

/* diff_table_names_free - release *t. */
void diff_table_names_free(struct diff_table_names *t);

/* diff_names_contains - binary search in a sorted name array. */
int diff_names_contains(char *const *names, size_t n, const char *name);

#endif
