/* SPDX-License-Identifier: MIT */
/*
 * proc_locks.h - the kernel's list of file locks (/proc/locks) as data, and
 * the command name of a process (/proc/PID/comm). Only this machine's locks
 * are listed there: locks taken by other NFS clients and holders in other
 * PID namespaces are invisible.
 */
#ifndef TUI_INSPECT_PROC_LOCKS_H
#define TUI_INSPECT_PROC_LOCKS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PROC_LOCKS_PATH "/proc/locks"
#define PROC_ROOT "/proc"

enum proc_lock_class {
	PROC_LOCK_FLOCK,  /* flock(2) */
	PROC_LOCK_POSIX,  /* fcntl F_SETLK, lockf */
	PROC_LOCK_OFD,    /* fcntl F_OFD_SETLK ("OFDLCK") */
	PROC_LOCK_LEASE,  /* leases ("LEASE") and NFS delegations ("DELEG") */
	PROC_LOCK_OTHER,
};

enum proc_lock_access {
	PROC_LOCK_READ,   /* shared */
	PROC_LOCK_WRITE,  /* exclusive */
	PROC_LOCK_NONE,   /* "UNLCK" and anything else */
};

struct proc_lock {
	long long id;         /* the line's ordinal */
	int blocked;          /* a "->" line: waiting for lock `id` */
	enum proc_lock_class cls;
	int mandatory;        /* "MANDATORY" rather than "ADVISORY" */
	enum proc_lock_access access;
	long pid;             /* -1 when the kernel does not know (OFD) */
	unsigned int dev_major;
	unsigned int dev_minor;
	uint64_t ino;         /* 0 for "<none>" */
	uint64_t start;
	uint64_t end;         /* UINT64_MAX for "EOF" */
};

/* A growable array of locks. */
struct proc_locks {
	struct proc_lock *v;
	size_t n;
	size_t cap;
	size_t malformed; /* lines that could not be parsed (skipped) */
};

/* proc_locks_parse_line - parse one line of /proc/locks (with or without
 * its newline). Returns 0, or -1 if the line does not have the format. */
int proc_locks_parse_line(const char *line, struct proc_lock *out);

/*
 * proc_locks_load - read every lock from the file at `path` (normally
 * PROC_LOCKS_PATH; tests pass fixtures) into *out, which must be zeroed or
 * freed before. Malformed lines are counted and skipped. Returns 0 or an
 * errno value (ENOENT when the file does not exist: no /proc, or a kernel
 * without it). On error *out holds nothing.
 */
int proc_locks_load(const char *path, struct proc_locks *out);

/* proc_locks_free - release the array; *locks becomes empty. */
void proc_locks_free(struct proc_locks *locks);

/*
 * proc_lock_on_dev - does `lock` concern a file on the device `dev` (the
 * st_dev of a table directory)? With `any_anon` non-zero, any device of
 * major number 0 matches too: btrfs reports a subvolume's own device in
 * stat but the file system's in /proc/locks, so there inode numbers are
 * matched alone among anonymous devices.
 */
int proc_lock_on_dev(const struct proc_lock *lock, dev_t dev, int any_anon);

/* proc_lock_class_name / proc_lock_mode_name - "flock", "posix", "ofd",
 * "lease", "other"; "shared", "exclusive", "none". Static strings. */
const char *proc_lock_class_name(enum proc_lock_class cls);
const char *proc_lock_mode_name(enum proc_lock_access access);

/*
 * proc_comm - the command name of process `pid`, read from
 * `proc_root`/PID/comm (PROC_ROOT normally), without its newline, as raw
 * bytes (escape before printing: a process may name itself anything).
 * Writes at most size-1 bytes and a NUL. Returns 0 or an errno value
 * (ENOENT: the process is gone or hidden in another PID namespace).
 */
int proc_comm(const char *proc_root, long pid, char *buf, size_t size);

/*
 * A set of inode numbers of one table directory's device that are locked
 * now, with the strongest lock seen (for the browser's lock marks).
 */
struct locked_inode {
	uint64_t ino;
	enum proc_lock_access access; /* WRITE if any holder is exclusive */
	int waiters;                  /* processes blocked on it */
};

struct locked_set {
	struct locked_inode *v; /* sorted by ino */
	size_t n;
};

/* locked_set_build - the inodes on device `dev` (see proc_lock_on_dev for
 * any_anon) that `locks` holds; waiters are counted, not listed. *out is
 * overwritten. Returns 0 or ENOMEM. */
int locked_set_build(const struct proc_locks *locks, dev_t dev, int any_anon,
		     struct locked_set *out);

/* locked_set_find - the entry for `ino`, or NULL. */
const struct locked_inode *locked_set_find(const struct locked_set *set,
					   uint64_t ino);

/* locked_set_free - release the set; it becomes empty. */
void locked_set_free(struct locked_set *set);

#endif
