/* SPDX-License-Identifier: MIT */
/*
 * flockd_files.h - part of libflockd's manual (include <flockd.h>, which
 * includes this): the files of a table as files. Their facts (stat), read
 * handles that give a program the locked descriptor of a value instead of
 * its bytes, opening a leftover entry safely, and telling placeholders of
 * creates in progress from abandoned ones.
 */
#ifndef FLOCKD_FILES_H
#define FLOCKD_FILES_H

#include "flockd.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ----------------------------------------------------------------- facts */

/* File facts of one entry. */
struct flockd_stat {
	uint64_t size;
	struct flockd_timespec mtime;
	mode_t mode;      /* S_IFREG, S_IFLNK, ... and permission bits */
	dev_t dev;
	ino_t ino;
	nlink_t nlink;
	uid_t uid;
	gid_t gid;
};

/*
 * flockd_key_stat - stat the file of `key` (KEY.kv) without following a
 * symlink and without opening it or taking a lock.
 * Errors: FLOCKD_EINVALID, FLOCKD_ENOTFOUND, errno values.
 */
int flockd_key_stat(flockd_table *table, const char *key,
		    struct flockd_stat *st);

/* flockd_entry_stat - the same for any entry name of the table directory
 * (a temp file, a leftover). Errors: FLOCKD_ENOTFOUND, errno values. */
int flockd_entry_stat(flockd_table *table, const char *name,
		      struct flockd_stat *st);


/* ---------------------------------------------------------- read handles */

typedef struct flockd_reader flockd_reader;

enum flockd_read_flags {
	/* Do not wait for the lock: FLOCKD_ETIMEOUT at once if a writer
	 * holds it. */
	FLOCKD_READ_NOWAIT = 1u << 0,
};


/*
 * flockd_read_open - open `key` for reading as flockd_get does (shared
 * lock on the descriptor, verified; a placeholder is FLOCKD_ENOTFOUND), and
 * hand over the open, locked descriptor instead of the bytes: for programs
 * that stream or compare values, or read only their first part.
 *
 * On success *out belongs to the caller, who reads through
 * flockd_read_fd() (read, pread, mmap; never close it) and releases the
 * lock with flockd_read_close(). While the handle is open no writer that
 * respects locks can change the value, so flockd_read_stat()'s size is the
 * value's size.
 *
 * Errors: as flockd_get (FLOCKD_ETIMEOUT at once with FLOCKD_READ_NOWAIT).
 */
int flockd_read_open(flockd_table *table, const char *key, unsigned flags,
		     flockd_reader **out);

/*
 * flockd_entry_open - open any entry of the table's directory by its file
 * name (a temporary file, a sync tool's leftover, a key's file as is) for
 * reading, without a lock and without following a symlink or blocking on a
 * FIFO: for showing what a leftover holds. Only regular files are opened.
 * The handle works like flockd_read_open's.
 * Errors: FLOCKD_EINVALID (empty name or one with '/'), FLOCKD_ENOTFOUND,
 * FLOCKD_ENOTREG, errno values.
 */
int flockd_entry_open(flockd_table *table, const char *name,
		      flockd_reader **out);

/* flockd_read_fd - the handle's descriptor (O_RDONLY, O_CLOEXEC, at offset
 * 0 when opened). Borrowed: valid until flockd_read_close. */
int flockd_read_fd(const flockd_reader *reader);

/* flockd_read_stat - fstat of the descriptor once locked. Borrowed: valid
 * until flockd_read_close. */
const struct flockd_stat *flockd_read_stat(const flockd_reader *reader);

/* flockd_read_close - release the lock and the descriptor. NULL is
 * ignored. */
void flockd_read_close(flockd_reader *reader);

/* ---------------------------------------------------------- placeholders */

/* What an entry is as a placeholder (the empty, mode-0000 file that a create
 * on a file system without hard links locks while it finishes). */
enum flockd_placeholder {
	FLOCKD_PLACEHOLDER_NONE = 0,  /* not a placeholder */
	FLOCKD_PLACEHOLDER_LIVE,      /* a create in progress: locked, or
	                                 younger than the stale age */
	FLOCKD_PLACEHOLDER_ABANDONED, /* unlocked and at least the stale age
	                                 old: a crashed create; writes replace
	                                 it, delete and cleaners may remove it */
};

/*
 * flockd_entry_placeholder - classify entry `name` of the table's directory
 * as above, with `stale_age_s` seconds (<= 0: the database's stale age).
 * Whether anybody holds a lock is asked with a non-blocking flock(2) where
 * the file can be opened (root), else from /proc/locks; without either, the
 * age alone decides. Takes no lock that it keeps.
 * Errors: FLOCKD_EINVALID (bad name), FLOCKD_ENOTFOUND, errno values.
 */
int flockd_entry_placeholder(flockd_table *table, const char *name,
			     long stale_age_s, enum flockd_placeholder *state);

#ifdef __cplusplus
}
#endif
#endif /* FLOCKD_FILES_H */
