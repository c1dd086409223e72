/* SPDX-License-Identifier: MIT */
/*
 * clean_rule.h - the one rule every cleaner follows (store protocol
 * section 9; `check --fix`, the check view, later `resolve`): a temp file
 * (or a create's abandoned placeholder) may be removed only when it is
 * older than the stale age, nobody holds a lock on it, and it is not the
 * newest temp of a key whose lock is held. Pure: facts in, verdict out,
 * so that every cleaner decides alike and a test can try every case.
 */
#ifndef TUI_INSPECT_CLEAN_RULE_H
#define TUI_INSPECT_CLEAN_RULE_H

#include <stddef.h>
#include <time.h>

/* The stale age when none is given (--older-than). */
#define CLEAN_DEFAULT_STALE_MS (3600L * 1000L)

/* Whether a process holds a lock on a file. */
enum clean_lock {
	CLEAN_LOCK_NONE,    /* nobody (or the file does not exist) */
	CLEAN_LOCK_HELD,    /* someone: a writer at work */
	CLEAN_LOCK_UNKNOWN, /* could not tell (no /proc/locks, no probe) */
};

/* What a cleaner knows about one file, gathered just before deciding. */
struct clean_facts {
	struct timespec mtime;    /* the file's last modification */
	enum clean_lock lock;     /* on the file itself */
	enum clean_lock key_lock; /* on the key it belongs to (NONE when it
				     belongs to none, or the key is absent) */
	int newest;               /* no other temp of its key is newer */
};

/* The verdict, most telling reason first. */
enum clean_verdict {
	CLEAN_REMOVABLE = 0,     /* stale: every condition holds */
	CLEAN_KEEP_LOCKED,       /* a process holds a lock on it */
	CLEAN_KEEP_KEY_WRITER,   /* the newest temp of a key whose lock is
				    held: its writer may be about to rename
				    it into place */
	CLEAN_KEEP_YOUNG,        /* not older than the stale age, or dated
				    in the future (a clock skew) */
	CLEAN_KEEP_LOCK_UNKNOWN, /* whether a lock is held is unknown */
};

/* clean_rule_age_ms - now - mtime in milliseconds (negative: the file is
 * dated in the future). */
long long clean_rule_age_ms(struct timespec mtime, struct timespec now);

/* clean_rule_decide - the verdict for `f` at `now` with stale age
 * `stale_ms` (> 0; a file exactly that old is not yet stale). */
enum clean_verdict clean_rule_decide(const struct clean_facts *f,
				     struct timespec now, long stale_ms);

/* clean_verdict_name - "removable", "locked", "key-writer", "young",
 * "lock-unknown": stable words for scripts. Static strings. */
const char *clean_verdict_name(enum clean_verdict v);

/* clean_rule_why - the verdict as a sentence for people, with the age:
 * "removable: 2h old, no lock held", "kept: 12s old, stale after 1h",
 * "kept: a process holds a lock on it", ... into buf (NUL-terminated,
 * cut to `size`). */
void clean_rule_why(enum clean_verdict v, const struct clean_facts *f,
		    struct timespec now, long stale_ms, char *buf,
		    size_t size);

#endif
