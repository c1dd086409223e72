/* SPDX-License-Identifier: MIT */
/*
 * sync_plan.h - repairing a replica key by key: what `flockd sync --from
 * A --to B` does with each record of the comparison of A (the source)
 * with B (replica_compare.h), and copying one value from a replica into
 * another with its modification time (sync_copy), verified against the
 * hash that was compared when the source is remote. Plain C.
 */
#ifndef TUI_SYNC_SYNC_PLAN_H
#define TUI_SYNC_SYNC_PLAN_H

#include "sync/replica_compare.h"

enum sync_action {
	SYNC_NONE,    /* nothing to do (skip_why may say why not) */
	SYNC_CREATE,  /* only in A: create it in B */
	SYNC_UPDATE,  /* differs: replace B's value with A's */
	SYNC_DELETE,  /* only in B, with --delete: delete it from B */
};

/* What --only and --delete ask for. */
struct sync_opts {
	int missing;  /* copy keys missing in B (--only missing) */
	int differs;  /* copy keys that differ (--only differs) */
	int delete;   /* delete keys only in B */
};

/* sync_only_parse - "differs", "missing" or "differs,missing" (any
 * order) into o->differs and o->missing. 0, or EINVAL. */
int sync_only_parse(const char *arg, struct sync_opts *o);

/*
 * sync_plan_record - the action for one record. A key that is suspect
 * in A (mtime at the epoch: possibly torn) is never copied, and
 * *skip_why says so; conflict copies and leftovers are never copied
 * (they are not keys). *skip_why is "" when there is nothing to say.
 */
enum sync_action sync_plan_record(const struct rc_record *rec,
				  const struct sync_opts *o,
				  const char **skip_why);

/* sync_action_name - "none", "create", "update", "delete". */
const char *sync_action_name(enum sync_action a);

/*
 * sync_copy - copy `key` of `table` from `from` into writer `to` (of the
 * other replica) as `action` says (CREATE: only if still missing there;
 * UPDATE: only if still present), carrying its modification time. The
 * value is read under the source's shared lock (local) or from `flockd
 * get` (remote), in which case it must have the size and hash of `rec`'s
 * A side, else nothing is stored and FLOCKD_ECONFLICT is returned (it
 * changed since it was compared). The writer's callback gives the
 * outcome of the write; the return value is 0 or the error of reading
 * the source (then no write was made, and *step names it).
 */
int sync_copy(struct replica *from, struct replica_writer *to,
	      const struct rc_record *rec, enum sync_action action,
	      const char **step);

#endif
