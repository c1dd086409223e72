/*
 * leftovers.h - the check: what writers and sync tools left in the tables
 * of a database (store protocol section 7), found by walking every table
 * directory, and the careful removal of stale temp files.
 */
#ifndef TUI_INSPECT_LEFTOVERS_H
#define TUI_INSPECT_LEFTOVERS_H

#include "flockd.h"
#include "inspect/proc_locks.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

enum leftover_kind {
	LEFTOVER_TEMP,           /* KEY.kv + letters/digits: ours or Go's */
	LEFTOVER_RSYNC_TEMP,     /* .KEY.kv.XXXXXX */
	LEFTOVER_RSYNC_DIR,      /* .~tmp~/ of rsync --delay-updates */
	LEFTOVER_SYNCTHING_TEMP, /* .syncthing.KEY.kv.tmp */
	LEFTOVER_UNISON_TEMP,    /* .unison.KEY.kv.*.unison.tmp */
	LEFTOVER_CONFLICT_COPY,  /* KEY.sync-conflict-...-DEVICE.kv */
	LEFTOVER_EMPTY_VALUE,    /* a key whose file is empty */
	LEFTOVER_NOT_REGULAR,    /* NAME.kv that is a symlink, dir, FIFO... */
	LEFTOVER_TABLE_NOT_DIR,  /* NAME.tbl that is not a directory */
	LEFTOVER_UNREADABLE,     /* a key or table the user cannot read */
};

/* Whether a process holds a lock on a temp file. */
enum leftover_lock {
	LEFTOVER_LOCK_NONE,    /* nobody: the temp is stale */
	LEFTOVER_LOCK_HELD,    /* a writer is at work */
	LEFTOVER_LOCK_UNKNOWN, /* could not open it and no /proc/locks */
};

struct leftover {
	enum leftover_kind kind;
	char *table;     /* table name, "" for the root; owned */
	char *name;      /* entry name in the table directory; owned */
	char *path;      /* table path joined with name; owned */
	char *key;       /* the key it belongs to, or NULL; owned */
	int key_exists;  /* conflict copies: the key itself exists */
	mode_t mode;     /* file type and permissions (lstat) */
	uint64_t size;
	struct timespec mtime;
	enum leftover_lock lock; /* temp kinds only */
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

/* leftover_kind_name - "temp", "rsync-temp", "rsync-dir", "syncthing-temp",
 * "unison-temp", "conflict-copy", "empty-value", "not-regular",
 * "table-not-dir", "unreadable". leftover_kind_text - a phrase for people.
 * Static strings. */
const char *leftover_kind_name(enum leftover_kind kind);
const char *leftover_kind_text(enum leftover_kind kind);

/* leftover_is_temp - the kinds --fix may remove: temp files of a writer or
 * a sync tool (never a value, a conflict copy or a directory). */
int leftover_is_temp(enum leftover_kind kind);

/*
 * leftovers_check_table - examine one table's directory and append its
 * findings to *out (zeroed, or holding earlier results). `locks` (may be
 * NULL) is /proc/locks, used when a temp file cannot be opened to probe its
 * lock. Temp files that a process holds a lock on are in use and not
 * reported. The table's findings are sorted by name. Returns 0, or ENOMEM; failures to list the table are recorded
 * in out->troubles.
 */
int leftovers_check_table(flockd_table *table, const struct proc_locks *locks,
			  struct leftover_report *out);

/* leftovers_check_db - leftovers_check_table for every table of `db`
 * (flockd_tables order). Returns 0 or ENOMEM; tables that cannot be listed
 * or opened are troubles. */
int leftovers_check_db(flockd_db *db, const struct proc_locks *locks,
		       struct leftover_report *out);

/* leftover_report_free - release everything; *r becomes empty. */
void leftover_report_free(struct leftover_report *r);

/* Outcomes of leftover_remove_temp other than 0 / errno. */
enum {
	LEFTOVER_KEPT_LOCKED = -1,  /* a process holds a lock on it */
	LEFTOVER_KEPT_YOUNG = -2,   /* modified within the threshold */
	LEFTOVER_KEPT_CHANGED = -3, /* the name now names another file, or
				       it is no longer a regular file */
	LEFTOVER_KEPT_GONE = -4,    /* already removed */
};

/*
 * leftover_remove_temp - remove the temp file `name` of the directory
 * `dirfd` if, checked just before, it is still a regular file, last
 * modified at least `min_age_ms` before `now`, and nobody holds a lock on
 * it: it is opened (O_NOFOLLOW, O_NONBLOCK, read-write where allowed), an
 * exclusive flock is tried without waiting, the name is verified to still
 * name the locked file, and it is unlinked while the lock is held; then the
 * directory is fsync'd. Returns 0 when removed, a LEFTOVER_KEPT_* value
 * when spared, or an errno value.
 */
int leftover_remove_temp(int dirfd, const char *name, time_t now,
			 long min_age_ms);

/* leftover_probe_lock - is a lock held on `name` in `dirfd`? Looks in
 * `locks` (/proc/locks, may be NULL) by device and inode, then opens it
 * (O_NOFOLLOW|O_NONBLOCK) and tries a shared flock without waiting, which
 * sees locks of other NFS clients too. On CIFS, where flock locks are
 * mandatory and a probe could fail a writer's I/O, only `locks` is used. */
enum leftover_lock leftover_probe_lock(int dirfd, const char *name,
				       const struct proc_locks *locks);

#endif
