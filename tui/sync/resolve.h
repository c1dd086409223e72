/* SPDX-License-Identifier: MIT */
/*
 * resolve.h - settling a key's conflict copies (conflicts.h): choosing
 * which version the key keeps (the key's own, the newest, the largest,
 * or a named copy), installing it, and removing the copies the choice
 * settled. Planning is pure (a test tries every case); applying goes
 * through the store: the chosen copy's bytes are saved over the key in a
 * view session (atomic, under the key's verified exclusive lock, keeping
 * the key's mode and owner, durable before the call returns), and only
 * then are copies removed (leftover_remove_settled), each only if it is
 * still the file that was looked at, and a copy that was chosen or found
 * identical only if its bytes are the key's now. Plain C.
 */
#ifndef TUI_SYNC_RESOLVE_H
#define TUI_SYNC_RESOLVE_H

#include "sync/conflicts.h"

#include <stddef.h>

enum resolve_keep {
	RESOLVE_KEEP_NONE,    /* only --drop-identical */
	RESOLVE_KEEP_KEY,     /* the key's value as it is */
	RESOLVE_KEEP_NEWEST,  /* the newest version (modification time) */
	RESOLVE_KEEP_LARGEST, /* the largest version */
	RESOLVE_KEEP_COPY,    /* the copy named `copy` */
};

struct resolve_policy {
	enum resolve_keep keep;
	const char *copy;     /* RESOLVE_KEEP_COPY: its file name */
	int drop_identical;   /* alone: remove the copies identical to the
				 key, nothing else (with a keep policy every
				 copy is settled anyway) */
};

/* What resolving one key does. */
enum resolve_action {
	RESOLVE_NOTHING,  /* nothing to settle (why says) */
	RESOLVE_KEEP,     /* the key keeps its value; copies removed */
	RESOLVE_INSTALL,  /* copy `chosen` becomes the key's value (created
			     when the key is missing); copies removed */
	RESOLVE_REFUSED,  /* the policy cannot decide (why says) */
};

/* The removal of one copy. */
enum resolve_removal {
	RESOLVE_LEAVE = 0,   /* not settled: stays */
	RESOLVE_DROP,        /* settled by the choice: removed if unchanged */
	RESOLVE_DROP_EQUAL,  /* chosen or identical: removed only if its
				bytes are the key's now */
};

struct resolve_plan {
	enum resolve_action action;
	size_t chosen;               /* RESOLVE_INSTALL: the copy */
	enum resolve_removal *removal; /* one per copy (malloc'd; free) */
	const char *why;             /* NOTHING/REFUSED: a phrase; static */
};

/*
 * resolve_plan_group - decide for group `g` under `p`. Ties: the key wins
 * over its copies, and among copies the one first by name; --keep largest
 * breaks equal sizes by the newest. A copy that is not a regular file is
 * never chosen nor removed. Returns 0 or ENOMEM; *out filled (release
 * with resolve_plan_free).
 */
int resolve_plan_group(const struct conflict_group *g,
		       const struct resolve_policy *p,
		       struct resolve_plan *out);
void resolve_plan_free(struct resolve_plan *plan);

/* What happened to one copy (resolve_apply's callback). */
struct resolve_copy_result {
	const struct conflict_copy *copy;
	enum resolve_removal removal; /* what the plan said */
	int removed;                  /* 1: removed */
	int outcome;                  /* 0, or why it stays: LEFTOVER_KEPT*
					 or an errno value */
};

typedef void (*resolve_copy_fn)(const struct resolve_copy_result *r,
				void *ctx);

/*
 * resolve_apply - carry out `plan` for `g` in table `t` of the database
 * (the table the group is of). For RESOLVE_INSTALL the chosen copy is
 * read (it must still be the file grouped: else FLOCKD_ECONFLICT) and
 * saved over the key in a view session that first checks the key is
 * still the file grouped (FLOCKD_ECONFLICT if not: a writer changed it;
 * nothing is done), or created when the key was missing (FLOCKD_EEXIST
 * if it appeared). Then, holding a shared lock on the key, each copy the
 * plan settles is removed, its result given to fn. Returns 0 when the
 * chosen value is in place (even if some copy had to stay: the callback
 * says), else the error (nothing removed); *step names the failing step.
 */
int resolve_apply(flockd_table *t, const struct conflict_group *g,
		  const struct resolve_plan *plan, resolve_copy_fn fn,
		  void *ctx, const char **step);

/* resolve_kept_why - why a copy the plan settles stayed, from its
 * outcome (resolve_copy_result.outcome): "a process holds a lock on it",
 * "it changed since it was looked at", "its bytes are not the key's
 * now", "it is already gone"; NULL for an errno value or store code
 * (flockd_strerror says it). Static strings. */
const char *resolve_kept_why(int outcome);

/* resolve_keep_parse - "key", "newest", "largest", else a copy's name:
 * the policy's keep and copy (pointing at `arg`). */
void resolve_keep_parse(const char *arg, struct resolve_policy *p);

/* resolve_action_name - "nothing", "keep", "install", "refused". */
const char *resolve_action_name(enum resolve_action a);

#endif
