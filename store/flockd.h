/* SPDX-License-Identifier: MIT */
/*
 * flockd.h - libflockd, a key/value store made of plain files.
 *
 * This header and the ones it includes (flockd_version.h,
 * flockd_classify.h, flockd_files.h, flockd_view.h, flockd_batch.h) are
 * the manual; libflockd(3) follows them.
 *
 * FORMAT
 *   A database is a directory D. Table N is the directory D/N.tbl (N may
 *   contain '/' for nesting: table "a/b" is D/a/b.tbl); the root table, named
 *   "", is D itself. Key K of a table is the regular file K.kv in the table's
 *   directory and its value is the file's bytes, possibly none. Readers take
 *   a shared flock(2) lock on the key file, writers an exclusive one, and new
 *   values land by an atomic rename(2). Programs using the Go original
 *   (iovation/flockd) and programs using this library can share one
 *   directory at the same time. Beyond the original, this library locks
 *   the descriptor it reads and then checks that the key's name still names
 *   it; never shows an empty value while a key is being created (new keys
 *   are link(2)ed into place whole); fsyncs values before they take a key's
 *   name and directories after every change; never follows a symbolic link
 *   or opens a FIFO or device; writes new values into unnamed temporary
 *   files that a crash cannot leave behind (flockd_table_temp_kind); and
 *   keeps a replaced key's mode, owner and group (WARNINGS).
 *
 * ERRORS
 *   Every function that can fail returns an int: FLOCKD_OK (0) on success, a
 *   positive errno value (ENOENT, EACCES, ENOSPC, EIO, ...) when a system
 *   call failed, kept as the system call gave it, or one of the negative
 *   FLOCKD_E* codes below. flockd_strerror() describes any of them. A failing
 *   call leaves the old value intact and no temporary file behind (when even
 *   the removal of a temporary file fails, FLOCKD_WARN_TEMP_LEFT says so).
 *
 *   After a failing call on a table (or on a view or batch entry of it),
 *   flockd_table_last_step() names the step that failed ("lock", "fsync temp
 *   file", ...), so that a program can say which key and which step. Two
 *   steps come after the new value took the key's name: "fsync directory"
 *   and "remove temp file". When one of them fails the call returns its
 *   error but the new value is in place (it may not survive a power loss, or
 *   a second name of it is left); flockd_table_installed() tells this case
 *   apart.
 *
 * WARNINGS
 *   A write that replaces a key keeps the key's permission bits, owner and
 *   group (it sets them on the new file before that file takes the key's
 *   name). Where the process may not (changing the owner needs root), the
 *   write still succeeds and flockd_table_warnings() reports what it could
 *   not keep. A new key gets mode 0600, as in the original, or the mode
 *   given to flockd_open_ex().
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
 *     the shared lock first. View sessions verify the key after the
 *     conversion for exactly this reason.
 *   - fcntl/POSIX locks do not interact with flock locks on local Linux file
 *     systems. On NFS, flock is emulated with whole-file byte-range locks and
 *     works across clients; FUSE file systems may apply locks on this machine
 *     only.
 *
 * SIGNALS
 *   The library installs no signal handler. A program that wants a write to
 *   stop when a signal arrives installs its own handler (without
 *   SA_RESTART) that sets a flag, and gives the flag to
 *   flockd_table_set_cancel(): an interrupted read of the source, a lock
 *   wait or a write then ends with ECANCELED and nothing stored.
 *
 * PROCESSES
 *   Replacing an existing key with an unnamed temp file takes two system
 *   calls (linkat under a temp name, renameat over the key); a process
 *   killed between them would leave the named temp behind. The library
 *   makes those two calls in a short-lived helper: a child sharing the
 *   caller's memory and descriptors (clone(2) with CLONE_VM, CLONE_FILES
 *   and CLONE_VFORK: the calling thread waits for it), with every signal
 *   blocked and no exit signal. A SIGKILL of the caller then cannot cut
 *   the replace in two. The program never sees the helper: no SIGCHLD,
 *   nothing for waitpid(-1) (it is reaped with __WCLONE), no zombie left.
 *   Where no child can be made (a sandbox refusing clone, RLIMIT_NPROC)
 *   the library makes the two calls itself. A tracer must follow children
 *   (strace -f) to see them.
 *
 * THREADS
 *   A flockd_db, flockd_table, flockd_scan, flockd_reader, flockd_view or
 *   flockd_batch may be used by one thread at a time; a view or batch counts
 *   as a use of the tables it was made from (they share their last step and
 *   warnings). Distinct handles may be used concurrently. The library has no
 *   global mutable state, never prints and never exits.
 *
 * OWNERSHIP
 *   Handles returned through "out" arguments belong to the caller, who
 *   releases them with the matching _close function. Buffers returned through
 *   "void **" arguments are allocated with malloc and belong to the caller,
 *   who frees them with free(). Pointers returned directly (const char *,
 *   const void *) are borrowed: their lifetime is stated per function.
 *
 * LANGUAGES
 *   The headers compile as C99 and later and as C++, with -pedantic.
 */
#ifndef FLOCKD_H
#define FLOCKD_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "flockd_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- errors */

/* The library's own codes, negative so they never collide with errno. */
enum flockd_error {
	FLOCKD_OK = 0,
	FLOCKD_ENOTFOUND = -30800, /* the key (or table) does not exist */
	FLOCKD_EEXIST = -30801,    /* create, rename: the key already exists */
	FLOCKD_EINVALID = -30802,  /* invalid key or table name; delete of a
	                              key path that is a directory */
	FLOCKD_ETIMEOUT = -30803,  /* a lock did not come within the timeout */
	FLOCKD_ECONFLICT = -30804, /* view save/delete: the key changed since
	                              it was opened; nothing was written */
	FLOCKD_ENOTREG = -30805,   /* the key's file is a symlink, FIFO,
	                              socket, device or directory */
	FLOCKD_EREADONLY = -30806, /* a write through a read-only database */
	FLOCKD_ELOCKLOST = -30807, /* a view no longer holds its lock (see
	                              flockd_view_check) */
};

/*
 * flockd_strerror - a one-line English description of an error code.
 * Accepts FLOCKD_OK, every FLOCKD_E* code and every errno value. The
 * returned string is static (never freed, never changed).
 */
const char *flockd_strerror(int err);

/*
 * flockd_version - the library's version as a static string ("0.1.0"), and
 * its parts through the pointers that are not NULL. Compare with the
 * FLOCKD_VERSION_* macros of flockd_version.h, which give the version of
 * the header a program was compiled with.
 */
const char *flockd_version(int *major, int *minor, int *patch);

/* A point in time: seconds and nanoseconds since the epoch (the same
 * meaning as POSIX's struct timespec, which C99 does not have). */
struct flockd_timespec {
	int64_t tv_sec;
	long tv_nsec;
};

/* ------------------------------------------------------------- databases */

typedef struct flockd_db flockd_db;
typedef struct flockd_table flockd_table;

enum flockd_open_flags {
	/* Do not create the database directory; a missing one is
	 * FLOCKD_ENOTFOUND. */
	FLOCKD_OPEN_NOCREATE = 1u << 0,
	/* Refuse every write (set, create, update, delete, rename, view
	 * save/delete, batches, creating tables) with FLOCKD_EREADONLY and
	 * never take an exclusive lock. Implies FLOCKD_OPEN_NOCREATE. */
	FLOCKD_OPEN_READONLY = 1u << 1,
	/* Always write through named temporary files, never O_TMPFILE: for
	 * file systems that claim O_TMPFILE but mishandle it. */
	FLOCKD_OPEN_NAMED_TEMPS = 1u << 2,
};

/* What flockd_open_ex takes. Zero means "the default" for every field but
 * timeout_ms, so `struct flockd_options o = {0};` then setting timeout_ms is
 * a complete initialisation. */
struct flockd_options {
	long timeout_ms;       /* bound of every lock wait; must be > 0 */
	unsigned flags;        /* enum flockd_open_flags */
	unsigned new_key_mode; /* permission bits (07777) of new keys; 0:
	                          0600. Set exactly (the umask does not
	                          apply). Needs at least one of 0777, since an
	                          empty file of mode 0000 is a placeholder. */
	long stale_age_s;      /* how old an unlocked placeholder must be to
	                          count as abandoned (a crashed create);
	                          0: 3600 */
};

/*
 * flockd_open_ex - open the database in directory `dir` with `opts`.
 *
 * `dir` is created with its parents (mode 0755, each new directory's parent
 * fsync'd) unless a flag says not to.
 *
 * On success *out is a new handle owned by the caller (flockd_close).
 * The handle keeps a descriptor of the directory, so a later rename of
 * `dir` does not redirect it.
 *
 * Errors: EINVAL (timeout_ms <= 0, a new_key_mode outside 07777 or without
 * any of 0777, NULL arguments), FLOCKD_ENOTFOUND (no directory and
 * NOCREATE), ENOTDIR (`dir` is not a directory), errno values of mkdir/open
 * (EACCES, ...), ENOMEM.
 */
int flockd_open_ex(const char *dir, const struct flockd_options *opts,
		   flockd_db **out);

/* flockd_open - flockd_open_ex with only a timeout and flags, every other
 * option at its default. */
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
	/* Create the table's directory (and parents, mode 0755, each parent
	 * fsync'd) now if missing. */
	FLOCKD_TABLE_CREATE = 1u << 0,
	/* Create it only when the first write through this handle needs it,
	 * and remove the directories that write created again if it fails,
	 * so a failed write leaves no empty table behind. Until then the
	 * table reads as empty (get: FLOCKD_ENOTFOUND, scans list nothing)
	 * unless another process creates it meanwhile, and
	 * flockd_table_dirfd() is -1. */
	FLOCKD_TABLE_CREATE_ON_WRITE = 1u << 1,
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
 * FLOCKD_ENOTFOUND (missing and no CREATE flag), FLOCKD_EREADONLY (CREATE on
 * a read-only database and the table is missing), ENOTDIR / FLOCKD_ENOTREG
 * (a component is not a directory or is a symlink), errno values (EACCES,
 * ...), ENOMEM.
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
 * O_CLOEXEC), for *at() calls of inspection tools, or -1 while a
 * FLOCKD_TABLE_CREATE_ON_WRITE table does not exist yet. Borrowed: do not
 * close it; valid until flockd_table_close. */
int flockd_table_dirfd(const flockd_table *table);

/* flockd_table_last_step - the step at which the last failing call on this
 * table, or on a view or batch entry of it, failed ("open key", "lock",
 * "write temp file", "fsync directory", ...), or "" if none failed yet.
 * Static string. */
const char *flockd_table_last_step(const flockd_table *table);

/* flockd_table_installed - non-zero when the last failing write failed
 * after its new value had taken the key's name (step "fsync directory" or
 * "remove temp file"): the value is in place, but may not survive a power
 * loss, or a second name of it is left. */
int flockd_table_installed(const flockd_table *table);

/* What a write could not do besides its result (see WARNINGS). */
enum flockd_warning {
	/* The replaced key's owner or group could not be kept: the new
	 * value's file belongs to this process's user or group. */
	FLOCKD_WARN_OWNER = 1u << 0,
	/* The replaced key's permission bits could not be kept. */
	FLOCKD_WARN_MODE = 1u << 1,
	/* A temporary file could not be removed after a failure (or a
	 * second name after a create): flockd_table_temp_left names it. */
	FLOCKD_WARN_TEMP_LEFT = 1u << 2,
};

/* flockd_table_warnings - the enum flockd_warning bits of the last write
 * call on this table or a view of it (set, create, update, put_from_fd,
 * delete, rename, view save/delete); every such call clears them first.
 * Batches report warnings per entry instead. */
unsigned flockd_table_warnings(const flockd_table *table);

/* flockd_table_temp_left - with FLOCKD_WARN_TEMP_LEFT, the name (in the
 * table's directory) of the temporary file that could not be removed, else
 * NULL. Borrowed; valid until the next write call on the table. */
const char *flockd_table_temp_left(const flockd_table *table);

/* How a table writes new values before they take a key's name. */
enum flockd_temp_kind {
	FLOCKD_TEMP_UNNAMED = 1, /* O_TMPFILE, named through /proc/self/fd
	                            only when complete, and renamed over a
	                            key by a helper a kill does not reach
	                            (PROCESSES): a crash leaves nothing */
	FLOCKD_TEMP_NAMED = 2,   /* "K.kv" + 8 random letters/digits (K cut
	                            to its first 244 bytes for longer
	                            keys), exclusively locked; a crash
	                            leaves it for check */
};

/*
 * flockd_table_temp_kind - which of the two this table uses. Found out once
 * per handle, by its first write or by this call: it opens (and at once
 * closes) an unnamed temporary file in the table's directory, which leaves
 * nothing on disk.
 * Errors: FLOCKD_ENOTFOUND (a CREATE_ON_WRITE table not created yet),
 * errno values (EACCES: the directory is not writable, ...).
 */
int flockd_table_temp_kind(flockd_table *table, enum flockd_temp_kind *kind);

/*
 * flockd_table_set_cancel - make writes on this table (and on views of it
 * made afterwards) stop when *flag becomes non-zero: the flag is read while
 * the value is read from its source or written, and while waiting for a
 * lock. A stopped write returns ECANCELED, stores nothing and leaves no
 * temporary file. To stop a read(2) blocked on a pipe or terminal, the
 * caller's signal handler must interrupt it (installed without SA_RESTART).
 * NULL removes the flag. The flag must stay valid while the table is used.
 */
void flockd_table_set_cancel(flockd_table *table,
			     const volatile sig_atomic_t *flag);

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
 * (key + ".kv") fits NAME_MAX: up to 252 bytes on Linux. Every key function
 * checks this before touching the disk.
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
 * read). A placeholder (a create in progress) reads as not found. The lock
 * is released before returning.
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
 * The value is written to a temporary file in the table directory (see
 * FORMAT), fsync'd, then:
 * - an existing key file is opened read-write, locked exclusively within the
 *   timeout and verified to still be the key; the temporary file gets the
 *   key's mode, owner and group (see WARNINGS) and is renamed over it;
 * - a missing key is created by link(2)ing the temporary file to the key
 *   name, which fails atomically if the key appeared meanwhile, so no empty
 *   value is ever visible (on file systems without hard links a locked
 *   placeholder is created instead, which readers detect and skip);
 * then the directory is fsync'd. set always stores; create only if the key
 * does not exist; update only if it does. A placeholder counts as "does not
 * exist": set and create wait (within the timeout) for the create in
 * progress, or replace it once abandoned (see flockd_entry_placeholder).
 *
 * Errors: FLOCKD_EINVALID (bad name, or the key's path is a directory),
 * FLOCKD_EEXIST (create), FLOCKD_ENOTFOUND (update; or the table of a
 * CREATE_ON_WRITE handle vanished), FLOCKD_ENOTREG (the key's file is a
 * symlink, FIFO, socket or device), FLOCKD_ETIMEOUT, FLOCKD_EREADONLY,
 * ECANCELED (see flockd_table_set_cancel), errno values (ENOSPC, EACCES,
 * EDQUOT, EIO, ...). On any error the old value is intact, except when
 * flockd_table_installed() says the new one is already in place.
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
 * A missing key is success (already gone), and so is a placeholder of a
 * create in progress; an abandoned placeholder is removed.
 *
 * Errors: FLOCKD_EINVALID (bad name, or the key's path is a directory),
 * FLOCKD_ENOTREG (symlink, FIFO, ...), FLOCKD_ETIMEOUT, FLOCKD_EREADONLY,
 * errno values.
 */
int flockd_delete(flockd_table *table, const char *key);

enum flockd_rename_flags {
	/* Replace `to_key` if it exists (default: FLOCKD_EEXIST). */
	FLOCKD_RENAME_REPLACE = 1u << 0,
};

/*
 * flockd_rename - give the value of `key` in `table` the name `to_key` in
 * `to_table` (the same table or another one, normally of the same
 * database), keeping its file: size, mode, owner and times stay as they
 * are.
 *
 * Under the exclusive lock of `key` (and of `to_key` when it exists and is
 * replaced), verified as for a write, the file is moved by one rename(2):
 * renameat2(RENAME_NOREPLACE) when `to_key` must not exist, so at every
 * moment, also across a crash, exactly one of the two names holds the
 * value. Where RENAME_NOREPLACE is not supported, a locked placeholder
 * reserves `to_key` first (the write path's method). Then both directories
 * are fsync'd. Where the two tables are on different file systems (EXDEV),
 * the value is copied into a new file under `to_key` (mode, owner and
 * modification time carried; warnings as for a write), then `key` is
 * deleted; if that delete fails, the copy is removed again so that only
 * `key` holds the value (a crash in between can leave both).
 *
 * Renaming a key to itself is success. Two renames of the same two keys in
 * opposite directions at once each wait for the other's lock: one or both
 * time out, nothing is lost.
 *
 * Errors: FLOCKD_EINVALID, FLOCKD_ENOTFOUND (`key` missing, or a
 * placeholder), FLOCKD_EEXIST (`to_key` exists and no REPLACE),
 * FLOCKD_ENOTREG, FLOCKD_ETIMEOUT, FLOCKD_EREADONLY, errno values. The
 * failing step is recorded on `table`.
 */
int flockd_rename(flockd_table *table, const char *key,
		  flockd_table *to_table, const char *to_key, unsigned flags);

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
 * *out belongs to the caller (flockd_scan_close). No lock is taken. A
 * CREATE_ON_WRITE table that does not exist yet lists nothing.
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

#ifdef __cplusplus
}
#endif

#include "flockd_files.h"
#include "flockd_view.h"
#include "flockd_batch.h"

#endif /* FLOCKD_H */
