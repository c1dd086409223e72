/*
 * flockd.h - libflockd, a key/value store made of plain files.
 *
 * This header is the manual. It describes the on-disk format only briefly;
 * the contract is the store protocol (shared/spec/store-protocol.md): a
 * database is a directory D, table N is the directory D/N.tbl (N may contain
 * '/' for nesting), key K of a table is the regular file K.kv in the table's
 * directory and the value is the file's bytes. Readers take a shared
 * flock(2) lock on the key file, writers an exclusive one, and new values
 * land by atomic rename. Programs using the Go original (iovation/flockd)
 * and programs using this library can share one directory at the same time.
 *
 * ERRORS
 *   Every function that can fail returns an int: FLOCKD_OK (0) on success, a
 *   positive errno value (ENOENT, EACCES, ENOSPC, ...) when a system call
 *   failed, or one of the negative FLOCKD_E* codes below. flockd_strerror()
 *   describes any of them. A failing call never leaves a temporary file
 *   behind and never damages the old value. flockd_table_last_step() says
 *   which step of the last failing call on a table failed ("lock", "fsync
 *   temp file", ...), so that a program can say which key and which step.
 *
 * LOCKS AND TIMEOUTS
 *   Every wait for a lock is bounded by the database's lock timeout (given to
 *   flockd_open, always > 0). A lock that does not come in time yields
 *   FLOCKD_ETIMEOUT; the library never blocks forever on a lock.
 *
 *   flock(2) caveats that callers must know:
 *   - A lock belongs to the open file description, not to the process or the
 *     descriptor number. dup(2) and fork(2) share it: a child that inherits a
 *     locked descriptor holds the lock too, and closing any copy does not
 *     release it while another copy is open. Every descriptor this library
 *     opens has O_CLOEXEC, so exec'd programs (an $EDITOR) do not inherit
 *     locks, but a fork() without exec still shares them.
 *   - Two descriptors opened separately on the same file, even in one
 *     process, lock independently: a view session's shared lock blocks a
 *     set() of the same key through the same database handle until the
 *     timeout.
 *   - Converting a shared lock to exclusive is not atomic: the kernel drops
 *     the shared lock first. View sessions (below) verify the key after the
 *     conversion for exactly this reason.
 *   - fcntl/POSIX locks do not interact with flock locks on local Linux file
 *     systems. On NFS, flock is emulated with whole-file byte-range locks and
 *     works across clients; FUSE file systems may apply locks on this machine
 *     only.
 *
 * THREADS
 *   A flockd_db, flockd_table, flockd_scan or flockd_view may be used by one
 *   thread at a time. Distinct handles may be used concurrently. The library
 *   has no global mutable state, never prints and never exits.
 *
 * OWNERSHIP
 *   Handles returned through "out" arguments belong to the caller, who
 *   releases them with the matching _close function. Buffers returned through
 *   "void **" arguments are allocated with malloc and belong to the caller,
 *   who frees them with free(). Pointers returned directly (const char *,
 *   const void *) are borrowed: their lifetime is stated per function.
 */
#ifndef FLOCKD_H
#define FLOCKD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- errors */

/* The library's own codes, negative so they never collide with errno. */
enum flockd_error {
	FLOCKD_OK = 0,
	FLOCKD_ENOTFOUND = -30800, /* the key (or table) does not exist */
	FLOCKD_EEXIST = -30801,    /* create: the key already exists */
	FLOCKD_EINVALID = -30802,  /* invalid key or table name; delete of a
	                              key path that is a directory */
	FLOCKD_ETIMEOUT = -30803,  /* a lock did not come within the timeout */
	FLOCKD_ECONFLICT = -30804, /* view save/delete: the key changed since
	                              it was opened; nothing was written */
	FLOCKD_ENOTREG = -30805,   /* the key's file is a symlink, FIFO,
	                              socket, device or directory */
	FLOCKD_EREADONLY = -30806, /* a write through a read-only database */
};

/*
 * flockd_strerror - a one-line English description of an error code.
 * Accepts FLOCKD_OK, every FLOCKD_E* code and every errno value. The
 * returned string is static (never freed, never changed).
 */
const char *flockd_strerror(int err);

/* ------------------------------------------------------------- databases */

typedef struct flockd_db flockd_db;
typedef struct flockd_table flockd_table;

enum flockd_open_flags {
	/* Do not create the database directory; a missing one is
	 * FLOCKD_ENOTFOUND. */
	FLOCKD_OPEN_NOCREATE = 1u << 0,
	/* Refuse every write (set, create, update, delete, view save/delete,
	 * creating tables) with FLOCKD_EREADONLY and never take an exclusive
	 * lock. Implies FLOCKD_OPEN_NOCREATE. */
	FLOCKD_OPEN_READONLY = 1u << 1,
};

/*
 * flockd_open - open the database in directory `dir`.
 *
 * `dir` is created with its parents (mode 0755) unless a flag says not to.
 * `timeout_ms` bounds every lock wait of every operation on this database
 * and must be > 0. `flags` is a combination of enum flockd_open_flags.
 *
 * On success *out is a new handle owned by the caller (flockd_close).
 * The handle keeps a descriptor of the directory, so a later rename of
 * `dir` does not redirect it.
 *
 * Errors: EINVAL (timeout_ms <= 0, NULL arguments), FLOCKD_ENOTFOUND (no
 * directory and NOCREATE), ENOTDIR (`dir` is not a directory), errno values
 * of mkdir/open (EACCES, ...), ENOMEM.
 */
int flockd_open(const char *dir, long timeout_ms, unsigned flags,
		flockd_db **out);

/* flockd_close - release the handle. Tables opened from it stay valid: they
 * hold their own descriptors. NULL is ignored. */
void flockd_close(flockd_db *db);

/* flockd_db_path - the directory as given to flockd_open. Borrowed; valid
 * until flockd_close. */
const char *flockd_db_path(const flockd_db *db);

/* flockd_db_timeout_ms - the lock timeout given to flockd_open. */
long flockd_db_timeout_ms(const flockd_db *db);

/* flockd_db_readonly - non-zero when opened with FLOCKD_OPEN_READONLY. */
int flockd_db_readonly(const flockd_db *db);

/* ---------------------------------------------------------------- tables */

enum flockd_table_flags {
	/* Create the table's directory (and parents, mode 0755) if missing. */
	FLOCKD_TABLE_CREATE = 1u << 0,
};

/*
 * flockd_table_open - open table `name` of `db`.
 *
 * `name` is "" (or NULL) for the root table; otherwise components separated
 * by '/', each non-empty and not "." or "..", without NUL: table "a/b" is the
 * directory D/a/b.tbl. Every component is opened relative to its parent with
 * O_NOFOLLOW, so a symlink never leads out of the database.
 *
 * On success *out is a new handle owned by the caller (flockd_table_close);
 * it stays valid after flockd_close(db).
 *
 * Errors: FLOCKD_EINVALID (bad name, or too long for the file system),
 * FLOCKD_ENOTFOUND (missing and no FLOCKD_TABLE_CREATE), FLOCKD_EREADONLY
 * (CREATE on a read-only database and the table is missing), ENOTDIR /
 * FLOCKD_ENOTREG (a component is not a directory or is a symlink), errno
 * values (EACCES, ...), ENOMEM.
 */
int flockd_table_open(flockd_db *db, const char *name, unsigned flags,
		      flockd_table **out);

/* flockd_table_close - release the handle. NULL is ignored. */
void flockd_table_close(flockd_table *table);

/* flockd_table_name - the table's name ("" for the root). Borrowed; valid
 * until flockd_table_close. */
const char *flockd_table_name(const flockd_table *table);

/* flockd_table_path - the table directory's path (database path joined with
 * "NAME.tbl"). Borrowed; valid until flockd_table_close. */
const char *flockd_table_path(const flockd_table *table);

/* flockd_table_dirfd - the table directory's descriptor (O_DIRECTORY,
 * O_CLOEXEC), for *at() calls of inspection tools. Borrowed: do not close
 * it; valid until flockd_table_close. */
int flockd_table_dirfd(const flockd_table *table);

/* flockd_table_last_step - the step at which the last failing call on this
 * table failed ("open key", "lock", "write temp file", "fsync directory",
 * ...), or "" if none failed yet. Static string. */
const char *flockd_table_last_step(const flockd_table *table);

/*
 * flockd_tables - list the tables of a database: the root (name "") first,
 * then every directory below the database, at any depth, whose name ends in
 * ".tbl" (name: its path relative to the database without the final ".tbl"),
 * sorted by name (bytewise). Symlinks are not followed; hidden and sync
 * tool directories are not searched (flockd_dir_walked), nor directories
 * below FLOCKD_TABLES_MAX_DEPTH levels; flockd_tables_ex reports them.
 *
 * On success *names is a malloc'd array of *count malloc'd strings; free
 * each, then the array (flockd_names_free does both).
 *
 * Errors: errno values of opening or reading the database directory,
 * ENOMEM. Unreadable subdirectories are skipped, not an error.
 */
int flockd_tables(flockd_db *db, char ***names, size_t *count);

/* flockd_names_free - free an array returned by flockd_tables. */
void flockd_names_free(char **names, size_t count);

/* ------------------------------------------------------------------ keys */

/*
 * flockd_key_valid - FLOCKD_OK if `key` can be stored, else FLOCKD_EINVALID.
 * A key is a non-empty byte string without '/' and NUL whose file name
 * (key + ".kv" + a temp suffix) fits NAME_MAX. Every key function checks
 * this before touching the disk.
 */
int flockd_key_valid(const char *key);

/* flockd_table_name_valid - FLOCKD_OK if `name` is a valid table name (see
 * flockd_table_open), else FLOCKD_EINVALID. "" is valid (the root). */
int flockd_table_name_valid(const char *name);

/*
 * flockd_get - read the whole value of `key` under a shared lock.
 *
 * The lock is taken on the descriptor that is read, and the key's name is
 * checked to still name that file once the lock is granted (a writer may
 * have renamed a new value over it while we waited; then the new file is
 * read). The lock is released before returning.
 *
 * On success *value is a malloc'd buffer of *len bytes owned by the caller
 * (free). An empty value gives *len == 0 and a non-NULL *value.
 *
 * Errors: FLOCKD_EINVALID, FLOCKD_ENOTFOUND, FLOCKD_ENOTREG, FLOCKD_ETIMEOUT,
 * errno values (EACCES, EIO, ...), ENOMEM.
 */
int flockd_get(flockd_table *table, const char *key, void **value,
	       size_t *len);

/*
 * flockd_get_to_fd - like flockd_get, but streams the value to descriptor
 * `fd` (a pipe, a file) instead of memory, holding the shared lock while it
 * copies. If `fd` fails mid-way, part of the value may have been written.
 * *copied (if not NULL) receives the number of bytes written.
 */
int flockd_get_to_fd(flockd_table *table, const char *key, int fd,
		     uint64_t *copied);

/*
 * flockd_set / flockd_create / flockd_update - store `len` bytes at `value`
 * as the value of `key`.
 *
 * The value is written to a temporary file "KEY.kv" + random letters in the
 * table directory (O_EXCL, mode 0600, exclusively locked), fsync'd, then:
 * - an existing key file is opened read-write, locked exclusively within the
 *   timeout, verified to still be the key, and the temp file is renamed over
 *   it;
 * - a missing key is created by link(2)ing the temp file to the key name,
 *   which fails atomically if the key appeared meanwhile, so no empty value
 *   is ever visible (on file systems without hard links a locked placeholder
 *   is created instead, which readers detect and skip);
 * then the directory is fsync'd. set always stores; create only if the key
 * does not exist; update only if it does.
 *
 * Errors: FLOCKD_EINVALID (bad name, or the key's path is a directory),
 * FLOCKD_EEXIST (create), FLOCKD_ENOTFOUND (update), FLOCKD_ENOTREG (the
 * key's file is a symlink, FIFO, socket or device),
 * FLOCKD_ETIMEOUT, FLOCKD_EREADONLY, errno values (ENOSPC, EACCES, EDQUOT,
 * EIO, ...). On any error the old value is intact and no temp file remains,
 * with one exception: when only the fsync of the directory after the rename
 * fails, the new value is already in place (its durability is unknown) and
 * that errno value is returned.
 */
int flockd_set(flockd_table *table, const char *key, const void *value,
	       size_t len);
int flockd_create(flockd_table *table, const char *key, const void *value,
		  size_t len);
int flockd_update(flockd_table *table, const char *key, const void *value,
		  size_t len);

enum flockd_put_mode {
	FLOCKD_PUT_SET,    /* create or replace */
	FLOCKD_PUT_CREATE, /* only if missing, else FLOCKD_EEXIST */
	FLOCKD_PUT_UPDATE, /* only if present, else FLOCKD_ENOTFOUND */
};

/*
 * flockd_put_from_fd - like set/create/update, but the value is every byte
 * read from descriptor `fd` until end of file, streamed into the temp file
 * (never held in memory). A read error of `fd` fails the call like any other
 * error: nothing is stored. *copied (if not NULL) receives the value's size.
 */
int flockd_put_from_fd(flockd_table *table, const char *key, int fd,
		       enum flockd_put_mode mode, uint64_t *copied);

/*
 * flockd_delete - remove `key`: open it read-write, lock exclusively within
 * the timeout, verify it is still the key, unlink, fsync the directory.
 * A missing key is success (already gone).
 *
 * Errors: FLOCKD_EINVALID (bad name, or the key's path is a directory),
 * FLOCKD_ENOTREG (symlink, FIFO, ...), FLOCKD_ETIMEOUT, FLOCKD_EREADONLY,
 * errno values.
 */
int flockd_delete(flockd_table *table, const char *key);

/*
 * flockd_foreach - for every key of the table, in directory order, read its
 * value as flockd_get does and call fn(key, value, len, ctx). `key` and
 * `value` are borrowed for the duration of the call only. A key that
 * disappears between listing and reading is skipped. A non-zero result of
 * fn stops the walk and is returned as is (so fn should return values that
 * do not collide with the library's codes, e.g. small positive numbers).
 *
 * Errors: those of flockd_get for any key (the walk stops), errno values of
 * reading the directory, or fn's result.
 */
typedef int (*flockd_foreach_fn)(const char *key, const void *value,
				 size_t len, void *ctx);
int flockd_foreach(flockd_table *table, flockd_foreach_fn fn, void *ctx);

/* -------------------------------------------------------- classification */

/* What every name in a database is (keys, tables, and what writers and
 * sync tools leave), what a table walk leaves out, and suspect values:
 * flockd_classify.h, part of this header (never included alone). */
#include "flockd_classify.h"

/* ----------------------------------------------------------- key listing */

/* One entry of a table directory, as getdents(2) gave it. */
struct flockd_scan_entry {
	const char *name;     /* file name (not a path), NUL-terminated;
	                         borrowed until the next flockd_scan_next */
	size_t name_len;
	uint64_t ino;
	unsigned char d_type; /* DT_REG, DT_DIR, DT_LNK, ... or DT_UNKNOWN */
	enum flockd_entry_kind kind;
	size_t key_len;       /* for kinds that belong to a key: the key is
	                         name[key_off .. key_off + key_len) */
	size_t key_off;
};

typedef struct flockd_scan flockd_scan;

/*
 * flockd_scan_open - start listing the entries of a table's directory
 * without reading any value or even stat'ing any file: names and types come
 * straight from getdents(2), in large chunks. "." and ".." are skipped;
 * everything else (keys, temp files, sub-tables, strangers) is returned with
 * its classification, so a browser can show keys and flag leftovers.
 * *out belongs to the caller (flockd_scan_close). No lock is taken.
 *
 * Errors: errno values (ENOMEM, ...).
 */
int flockd_scan_open(flockd_table *table, flockd_scan **out);

/*
 * flockd_scan_next - fill up to `max` entries; *n receives how many (0 at
 * the end of the directory). The entries' names are borrowed until the next
 * call on this scan or flockd_scan_close.
 * Errors: errno values of getdents(2).
 */
int flockd_scan_next(flockd_scan *scan, struct flockd_scan_entry *entries,
		     size_t max, size_t *n);

/* flockd_scan_close - release the scan. NULL is ignored. */
void flockd_scan_close(flockd_scan *scan);

/* File facts of one entry, fetched on demand. */
struct flockd_stat {
	uint64_t size;
	struct timespec mtime;
	mode_t mode;      /* S_IFREG, S_IFLNK, ... and permission bits */
	dev_t dev;
	ino_t ino;
	nlink_t nlink;
	uid_t uid;
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

/* --------------------------------------------------------- view sessions */

typedef struct flockd_view flockd_view;

/*
 * flockd_view_open - open `key` for viewing and editing (spec section 5):
 * open, take a shared lock within the timeout, verify, read the value, and
 * keep the descriptor and its shared lock until flockd_view_close, so that
 * no writer that respects locks can change the value meanwhile.
 *
 * On success *out belongs to the caller (flockd_view_close). The view keeps
 * its own reference to the table: closing the table first is allowed.
 *
 * Errors: as flockd_get.
 */
int flockd_view_open(flockd_table *table, const char *key,
		     flockd_view **out);

/* flockd_view_key - the key's name. Borrowed; valid until close. */
const char *flockd_view_key(const flockd_view *view);

/* flockd_view_value - the bytes read at open (or at the last save/reload).
 * Borrowed: valid until the next save, reload or close of the view.
 * *len receives the size; the pointer is never NULL. */
const void *flockd_view_value(const flockd_view *view, size_t *len);

/* flockd_view_locked_since - when the shared lock now held was granted
 * (CLOCK_MONOTONIC). */
struct timespec flockd_view_locked_since(const flockd_view *view);

/* flockd_view_stat - the facts of the viewed file as of open/save/reload. */
const struct flockd_stat *flockd_view_stat(const flockd_view *view);

/*
 * flockd_view_check - has the key been changed behind the view's back?
 * Returns FLOCKD_OK while the key's name still names the viewed file with
 * the same size and modification time; FLOCKD_ECONFLICT when it names
 * another file or the file was modified in place (a tool that ignores locks,
 * such as rsync or Syncthing, replaced it); FLOCKD_ENOTFOUND when the key
 * is gone; errno values when it cannot tell. Cheap (two stat calls); meant
 * to be polled about once a second.
 */
int flockd_view_check(flockd_view *view);

enum flockd_save_flags {
	/* Save even if the key changed since it was opened (the user chose
	 * "overwrite" after a conflict): lock whatever file the key names now
	 * and replace it. */
	FLOCKD_SAVE_FORCE = 1u << 0,
};

/*
 * flockd_view_save - atomically replace the key's value with `len` bytes at
 * `value`: write and fsync a temp file, convert the shared lock to exclusive
 * within the timeout, verify that the key still names the same unchanged
 * file, rename, fsync the directory, then keep viewing the new file under a
 * shared lock (the view's value becomes a copy of `value`).
 *
 * Errors:
 * - FLOCKD_ECONFLICT: the key changed (or vanished) since the view read it;
 *   nothing was written. flockd_view_read_current gives the value on disk.
 * - FLOCKD_ETIMEOUT: the exclusive lock did not come (a reader holds it);
 *   nothing was written, the view keeps its shared lock when it can get it
 *   back, and the call may be retried.
 * - FLOCKD_EREADONLY, errno values (ENOSPC, ...): nothing was written,
 *   except when only the fsync of the directory failed: then the new value
 *   is in place and the view already shows it.
 */
int flockd_view_save(flockd_view *view, const void *value, size_t len,
		     unsigned flags);

/*
 * flockd_view_delete - delete the viewed key with the same conversion and
 * verification as a save. On success the view no longer holds a lock or a
 * file; only flockd_view_close may follow.
 * Errors: as flockd_view_save.
 */
int flockd_view_delete(flockd_view *view, unsigned flags);

/*
 * flockd_view_reload - drop the viewed file and its lock and view what the
 * key names now (after a conflict: "reload theirs"). The previous value
 * pointer becomes invalid. Errors: as flockd_view_open; on error the view
 * holds no file and only flockd_view_close or another reload may follow.
 */
int flockd_view_reload(flockd_view *view);

/*
 * flockd_view_read_current - read what is on disk under the key now, under a
 * short shared lock of its own, without changing the view (to show "theirs"
 * after a conflict). *value is malloc'd, owned by the caller (free).
 * Errors: as flockd_get.
 */
int flockd_view_read_current(flockd_view *view, void **value, size_t *len);

/* flockd_view_close - release the lock, the descriptor and the memory.
 * NULL is ignored. */
void flockd_view_close(flockd_view *view);

#ifdef __cplusplus
}
#endif
#endif /* FLOCKD_H */
