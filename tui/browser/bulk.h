/* SPDX-License-Identifier: MIT */
/*
 * bulk.h - bulk actions on many keys and whole tables, as models: the
 * plan (what will be done, and the one confirmation that names the count
 * and what is kept), and the job that carries it out a slice at a time
 * so the screen keeps answering while a million keys are deleted, with
 * every key's failure kept for the report (never skipped in silence).
 *
 * Every key is done by one store call under that key's locks, as
 * everywhere else: delete by flockd_delete, move by flockd_rename (one
 * rename(2) under both keys' exclusive locks, the inode kept), copy by a
 * read handle (shared lock) streamed into flockd_put_from_fd (the copy
 * keeps the value's permission bits: new keys are made with them), export
 * by flockd_get into a JSON Lines file of `flockd export`'s format. A key
 * locked by someone else does not hold the job up: its lock is tried for
 * a short moment, the key is tried again after the others, and it fails
 * with "lock timeout" once it waited the database's whole timeout.
 *
 * Tables: dropping a table deletes its keys (each as above) and then
 * removes its directory only if nothing is left in it; files that are
 * not keys (temp files, conflict copies, unknown files) stay, and with
 * them the directory. Nested tables are other directories ("a/b" is
 * a/b.tbl, beside a.tbl) and are never touched. Renaming a table moves
 * its keys one by one into the new table (which must not exist yet) and
 * removes the old directory if that left it empty.
 *
 * No curses. The plan's question is escaped text (TEXTSAFE_ESCAPED).
 */
#ifndef TUI_BROWSER_BULK_H
#define TUI_BROWSER_BULK_H

#include "flockd.h"

#include <stddef.h>

enum bulk_op {
	BULK_DELETE,       /* keys of a table */
	BULK_COPY,         /* keys to another table */
	BULK_MOVE,         /* keys to another table */
	BULK_EXPORT,       /* keys to a JSON Lines file */
	BULK_DROP_TABLE,   /* every key of a table, then its directory */
	BULK_RENAME_TABLE, /* every key into a new table */
};

/* What will be done: filled by the caller, then asked about. */
struct bulk_plan {
	enum bulk_op op;
	char *table;        /* the source table's name (owned) */
	char *target;       /* COPY/MOVE/RENAME: the target table; EXPORT:
			       the file (owned; NULL otherwise) */
	char *keys;         /* the keys' names, NUL-separated (owned) */
	size_t keys_len, keys_cap;
	size_t *key_off;    /* where each name starts in keys */
	size_t n_keys, off_cap;
	/* COPY/MOVE: what is at the target */
	int target_exists;  /* the target table exists (else it is made) */
	long n_clash;       /* keys the target has already; -1: not
			       counted (too many keys to look them up) */
	int replace;        /* such keys are replaced (else skipped) */
	/* EXPORT */
	int overwrite;      /* the file exists and is overwritten */
	/* table ops: what stays */
	size_t n_files;     /* files that are not keys */
	char **nested;      /* nested tables (owned), never touched */
	size_t n_nested;
};

/* bulk_plan_init - an empty plan of `op` on `table` to `target` (may be
 * NULL). 0 or ENOMEM. bulk_plan_done frees it. */
int bulk_plan_init(struct bulk_plan *p, enum bulk_op op, const char *table,
		   const char *target);
void bulk_plan_done(struct bulk_plan *p);

/* bulk_plan_add - add key `key` (len bytes). 0, EINVAL (not a valid
 * key name) or ENOMEM. */
int bulk_plan_add(struct bulk_plan *p, const char *key, size_t len);

/* bulk_plan_key - the i-th key (NUL-terminated, borrowed). */
const char *bulk_plan_key(const struct bulk_plan *p, size_t i);

/* bulk_plan_add_nested - a nested table to name as kept. 0 or ENOMEM. */
int bulk_plan_add_nested(struct bulk_plan *p, const char *table);

#define BULK_CLASH_MAX 10000 /* keys looked up at the target, at most */

/* bulk_plan_look - COPY/MOVE: whether the target table exists in `db`
 * and, for up to BULK_CLASH_MAX keys, how many it has already (a stat
 * each). Returns 0 or an error opening the target. */
int bulk_plan_look(struct bulk_plan *p, flockd_db *db);

/* bulk_plan_question - the confirmation, naming the count and what is
 * kept ("Delete 12 keys of users?"), into buf (escaped text; names cut
 * to fit). Ends without the answer's keys; the caller adds them. */
void bulk_plan_question(const struct bulk_plan *p, char *buf, size_t size);

/* bulk_plan_asks_clash - COPY/MOVE: the target has (or may have) some
 * of the keys, so the user chooses skip or replace. */
int bulk_plan_asks_clash(const struct bulk_plan *p);

/* bulk_op_verb - "delete", "copy", "move", "export", "drop",
 * "rename"; bulk_op_done - "deleted", "copied", ... Static strings. */
const char *bulk_op_verb(enum bulk_op op);
const char *bulk_op_done(enum bulk_op op);

/* ------------------------------------------------------------- the job */

/* One key that failed: why, and at which step of the store call. */
struct bulk_failure {
	char *key;         /* owned */
	int err;           /* a flockd error code */
	const char *step;  /* static; "" when the store did not say */
};

/* Told about every key as it is done (err 0) or fails for good. */
typedef void (*bulk_key_fn)(void *ctx, const char *key, int err);

struct bulk_env {
	const char *dir;   /* the database's directory */
	long timeout_ms;   /* the whole wait for one key's lock */
	int read_only;     /* refuse to start (FLOCKD_EREADONLY) */
	bulk_key_fn fn;    /* may be NULL */
	void *ctx;
};

struct bulk_job;

/*
 * bulk_job_start - carry out `plan`, which the job takes (also on
 * failure). Opens the job's own handles on env->dir (lock waits of a
 * short moment each), the target table (made for COPY/MOVE/RENAME when
 * missing) and the export file (created; refused when it exists unless
 * plan->overwrite). Returns 0 with *out, or an error code with a one-line
 * reason in `why` (escaped text) and nothing done.
 */
int bulk_job_start(struct bulk_plan *plan, const struct bulk_env *env,
		   struct bulk_job **out, char *why, size_t size);

/* bulk_job_step - do keys for about `budget_ms` (at least one key).
 * Returns 1 when the job is complete, 0 while keys remain. */
int bulk_job_step(struct bulk_job *j, long budget_ms);

/* bulk_job_stop - stop: the keys not done yet stay as they are (counted
 * as not done, not as failures); the job is then complete. */
void bulk_job_stop(struct bulk_job *j);

/* Progress: keys done, failed and in all; the plan. */
size_t bulk_job_done(const struct bulk_job *j);
size_t bulk_job_failed(const struct bulk_job *j);
size_t bulk_job_total(const struct bulk_job *j);
int bulk_job_stopped(const struct bulk_job *j);
const struct bulk_plan *bulk_job_plan(const struct bulk_job *j);

/* bulk_job_failure - the i-th failure (NULL past the end). */
const struct bulk_failure *bulk_job_failure(const struct bulk_job *j,
					    size_t i);

/* bulk_job_summary - one line for the status line once complete:
 * "deleted 10 of 12 keys; 2 failed (alice: lock timeout, ...)", and for
 * tables what stayed ("the directory stays: 3 files are not keys").
 * Escaped text. */
void bulk_job_summary(const struct bulk_job *j, char *buf, size_t size);

/* bulk_job_free - close what the job holds (the export file is flushed
 * and closed: a failure to is a failure of the job's summary). NULL is
 * ignored. */
void bulk_job_free(struct bulk_job *j);

#endif
