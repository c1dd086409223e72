/* SPDX-License-Identifier: MIT */
/*
 * leftovers.h - the check: what writers and sync tools left in the tables
 * of a database (store protocol section 7), found by walking every table
 * directory with the store's classifier, each finding with what the one
 * cleaning rule (clean_rule.h) says about it; and the careful removal of
 * what the rule allows (leftover_fix.c).
 */
#ifndef TUI_INSPECT_LEFTOVERS_H
#define TUI_INSPECT_LEFTOVERS_H

#include "flockd.h"
#include "inspect/clean_rule.h"
#include "inspect/proc_locks.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

enum leftover_kind {
	LEFTOVER_FILE,          /* a file the classifier names (`entry`):
				   temp, conflict copy, backup, a sync
				   tool's file, or other */
	LEFTOVER_EMPTY_VALUE,   /* a key whose file is empty */
	LEFTOVER_SUSPECT_VALUE, /* a key flockd_stat_suspect flags: mtime at
				   the epoch (an interrupted rsync --partial
				   renamed a partial file into place) */
	LEFTOVER_PLACEHOLDER,   /* an empty mode-0000 key file: a create in
				   progress on a file system without hard
				   links, abandoned once the rule says
				   removable */
	LEFTOVER_NOT_REGULAR,   /* NAME.kv that is a symlink, dir, FIFO... */
	LEFTOVER_TABLE_NOT_DIR, /* NAME.tbl that is not a directory */
	LEFTOVER_UNREADABLE,    /* a key or table the user cannot read */
	LEFTOVER_SKIPPED_DIR,   /* a directory the table walk left out
				   (`skip`: copies, bad name, too deep,
				   unreadable) */
};

struct leftover {
	enum leftover_kind kind;
	enum flockd_entry_kind entry; /* what the classifier says */
	enum flockd_skip_reason skip; /* LEFTOVER_SKIPPED_DIR */
	char *table;     /* table name, "" for the root; owned */
	char *name;      /* entry name in the table directory (for skipped
			    directories: the path below the database); owned */
	char *path;      /* the database path joined with the above; owned */
	char *key;       /* the key it belongs to, or NULL; owned */
	char *who;       /* conflict copies: who made it, as the name says,
			    or NULL; owned */
	char *when;      /* conflict copies, versions: date and time as the
			    name says, or NULL; owned */
	unsigned long seq; /* unison's #N, backups' N; 0 */
	int key_exists;  /* kinds that belong to a key: the key is there */
	int key_partial; /* the tool shortened the name: key is a prefix */
	mode_t mode;     /* file type and permissions (lstat) */
	uint64_t size;
	struct timespec mtime;
	int err;         /* LEFTOVER_SKIPPED_DIR (unreadable): errno */
	int cleanable;   /* a temp file or a placeholder: the rule applies */
	struct clean_facts facts;  /* cleanable findings */
	enum clean_verdict verdict;
	int attention;   /* needs an operator (check exits 1): conflict
			    copies, removable temps, abandoned placeholders,
			    odd or unreadable entries; not: files in use or
			    younger than the stale age, backups, a sync
			    tool's files, strangers */
};

/* A table (or the database) that could not be walked. */
struct leftover_trouble {
	char *table; /* owned */
	const char *step;
	int err;
};

struct leftover_report {
	struct leftover *v;
	size_t n, cap;
	struct leftover_trouble *troubles;
	size_t ntroubles, troubles_cap;
};

/* What a check is run with. */
struct leftover_opts {
	const struct proc_locks *locks; /* /proc/locks, or NULL */
	struct timespec now;            /* CLOCK_REALTIME of the run */
	long stale_ms;                  /* the stale age (> 0) */
};

/* leftover_opts_init - now, the default stale age, the given locks. */
void leftover_opts_init(struct leftover_opts *o,
			const struct proc_locks *locks);

/*
 * leftover_kind_name - the finding's kind for output and scripts: the
 * classifier's kind name for LEFTOVER_FILE ("temp", "syncthing-conflict",
 * "other", ...), else "empty-value", "suspect-value", "placeholder" /
 * "abandoned-placeholder" (when removable), "not-regular",
 * "table-not-dir", "unreadable", and for skipped directories
 * "table-copies", "bad-table-name", "too-deep", "unreadable".
 * leftover_kind_text - a phrase for people. Static strings.
 */
const char *leftover_kind_name(const struct leftover *f);
const char *leftover_kind_text(const struct leftover *f);

/* leftover_status - what the check says about the finding, into buf:
 * for cleanable ones clean_rule_why's sentence; for the rest why it is
 * shown ("conflict copy of carol (key missing)", "not ours: left
 * alone"). Names are raw bytes: escape the result before showing. */
void leftover_status(const struct leftover *f, const struct leftover_opts *o,
		     char *buf, size_t size);

/*
 * leftovers_check_table - examine one table's directory and append its
 * findings to *out (zeroed, or holding earlier results), sorted by name.
 * Locks are probed as leftover_probe_lock does. Returns 0 or ENOMEM;
 * failures to list the table are recorded in out->troubles.
 */
int leftovers_check_table(flockd_table *table, const struct leftover_opts *o,
			  struct leftover_report *out);

/* leftovers_check_db - leftovers_check_table for every table of `db`
 * (flockd_tables order), plus what the table walk left out
 * (flockd_tables_ex) as LEFTOVER_SKIPPED_DIR findings. Returns 0 or
 * ENOMEM; tables that cannot be listed or opened are troubles. */
int leftovers_check_db(flockd_db *db, const struct leftover_opts *o,
		       struct leftover_report *out);

/* leftover_report_free - release everything; *r becomes empty. */
void leftover_report_free(struct leftover_report *r);

/* Outcomes of leftover_remove other than 0 / errno. */
enum {
	LEFTOVER_KEPT = -1,         /* the rule says keep: *verdict says why */
	LEFTOVER_KEPT_CHANGED = -3, /* the name now names another file, or it
				       is no longer what was found */
	LEFTOVER_KEPT_GONE = -4,    /* already removed */
	LEFTOVER_NOT_CLEANABLE = -5, /* not a temp file nor a placeholder */
};

/*
 * leftover_remove - remove finding `f` of `db` if the rule still allows it,
 * decided again from fresh facts at the last moment: the file is opened
 * (O_NOFOLLOW, O_NONBLOCK, read-write where allowed; a mode-0000
 * placeholder of ours is made writable for its owner for the moment), an
 * exclusive flock is tried without waiting (so nobody holds one), its age
 * and the key's lock are looked at again, the name is verified to still
 * name the locked file, and it is unlinked while the lock is held; then
 * the directory is fsync'd. Returns 0 when removed, a LEFTOVER_* value
 * (with *verdict set for LEFTOVER_KEPT; verdict may be NULL), or an errno
 * value.
 */
int leftover_remove(flockd_db *db, const struct leftover *f,
		    const struct leftover_opts *o, enum clean_verdict *verdict);

/* Outcome of leftover_remove_settled besides those above. */
enum {
	LEFTOVER_KEPT_DIFFERENT = -6, /* its bytes are not the key's now */
};

/*
 * leftover_remove_settled - remove a file that a resolution settled (a
 * conflict copy whose key now holds the chosen value): not by the
 * cleaning rule, which is for temp files, but only if it is still what
 * the resolution looked at. The file `name` of table `t` is opened as
 * leftover_remove opens it, an exclusive flock is tried without waiting
 * (nobody holds a lock), its facts must still be `seen`'s (device, inode,
 * size, modification time), and when `key_fd` >= 0 (the key's locked
 * descriptor, its value `key_size` bytes) its bytes must equal the key's;
 * then the name is verified to still name it and it is unlinked under the
 * lock, and the directory fsync'd. Returns 0 when removed,
 * LEFTOVER_KEPT (a lock is held), LEFTOVER_KEPT_CHANGED,
 * LEFTOVER_KEPT_GONE, LEFTOVER_KEPT_DIFFERENT, or an errno value.
 */
int leftover_remove_settled(flockd_table *t, const char *name,
			    const struct flockd_stat *seen, int key_fd,
			    uint64_t key_size);

/* leftover_probe_lock - is a lock held on `name` in `dirfd`? Looks in
 * `locks` (/proc/locks, may be NULL) by device and inode, then opens it
 * (O_NOFOLLOW|O_NONBLOCK) and tries a shared flock without waiting, which
 * sees locks of other NFS clients too. On CIFS, where flock locks are
 * mandatory and a probe could fail a writer's I/O, only `locks` is used.
 * A file that does not exist is CLEAN_LOCK_NONE. */
enum clean_lock leftover_probe_lock(int dirfd, const char *name,
				    const struct proc_locks *locks);

#endif
