/* SPDX-License-Identifier: MIT */
/*
 * lock_holders.h - who holds (or waits for) a lock on the files of a table:
 * /proc/locks matched against a table directory's entries by device and
 * inode. This machine's holders only.
 */
#ifndef TUI_INSPECT_LOCK_HOLDERS_H
#define TUI_INSPECT_LOCK_HOLDERS_H

#include "flockd.h"
#include "inspect/proc_locks.h"

#include <stdint.h>

#include <stddef.h>

struct lock_holder {
	char *table;                 /* table name ("" = root), owned */
	char *name;                  /* file name in the table dir, owned */
	enum flockd_entry_kind kind; /* key, temp file, ... */
	char *key;                   /* key the file belongs to, or NULL */
	struct proc_lock lock;       /* holder (or waiter when lock.blocked) */
	char comm[64];               /* raw command name; "" if unknown */
	char *cmdline;               /* raw command line, owned; NULL if
					unknown (gone, another namespace) */
	uint64_t start_ticks;        /* when the process started (since
					boot); 0 if unknown */
	int have_start;
};

struct lock_holders {
	struct lock_holder *v;
	size_t n;
	size_t cap;
};

/* table_locked_set - the inodes of `table`'s device held in `locks`
 * (device from fstat of the table directory; btrfs handled as described
 * at proc_lock_on_dev). Returns 0 or an errno value. */
int table_locked_set(flockd_table *table, const struct proc_locks *locks,
		     struct locked_set *out);

/*
 * lock_holders_collect - append to *out one holder per lock (held or
 * waited for) in `locks` on an entry of `table`'s directory, sorted by file
 * name, then holders before waiters, then pid. Command names are read from
 * `proc_root` (PROC_ROOT normally). *out must be zeroed or hold earlier
 * results. Returns 0 or an errno value (reading the directory, ENOMEM);
 * on error the holders appended so far stay in *out.
 */
int lock_holders_collect(flockd_table *table, const struct proc_locks *locks,
			 const char *proc_root, struct lock_holders *out);

/*
 * lock_holders_of_file - the same for one entry `name` of `table` whose
 * file is inode `ino` (from its stat): no listing of the directory.
 */
int lock_holders_of_file(flockd_table *table, const char *name,
			 uint64_t ino, const struct proc_locks *locks,
			 const char *proc_root, struct lock_holders *out);

/*
 * lock_holder_recheck - is `h` still the holder, just before acting on
 * it (a signal)? Reads `locks_path` again: the process holds (not waits
 * for) a lock on the same file, and is the same process (the start time
 * of its pid did not change: not a pid reused since). Returns 0, ESRCH
 * when not (gone, lock released, another process), or an errno value.
 */
int lock_holder_recheck(const struct lock_holder *h, const char *locks_path,
			const char *proc_root);

/*
 * lock_holders_describe - who holds a lock on key `key` of `table` (its
 * file's device and inode in `locks`), as one line of escaped text for a
 * message: "pid 4242 (flock, shared), pid 77 (app, exclusive); waiting:
 * pid 80 (sh, exclusive)"; "" when nobody is seen. Locks of process
 * `self` (our own view) are left out. Returns how many hold it; *waiters
 * receives how many wait (blocking lockers only: flockd's and the Go
 * library's writers poll, and are not seen waiting).
 */
int lock_holders_describe(flockd_table *table, const char *key,
			  const struct proc_locks *locks,
			  const char *proc_root, long self, char *buf,
			  size_t size, int *waiters);

/* lock_holders_free - release every holder; *h becomes empty. */
void lock_holders_free(struct lock_holders *h);

#endif
