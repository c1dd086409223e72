/* SPDX-License-Identifier: MIT */
/*
 * store_internal.h - what the store's modules share and the public headers
 * do not show: the handle structures, what a table reports besides results,
 * deadlines, and the key-file primitives (open without following, lock with
 * a deadline, verify). The write path's pieces are in store_write.h.
 */
#ifndef STORE_INTERNAL_H
#define STORE_INTERNAL_H

#include "flockd.h"

#include <limits.h>
#include <sys/stat.h>
#include <time.h>

#define STORE_KEY_EXT ".kv"
#define STORE_TABLE_EXT ".tbl"
/* Longest key: its file name KEY.kv must fit NAME_MAX. */
#define STORE_KEY_MAX (NAME_MAX - 3)
/* Named temp files are "STEM.kv" + this many letters/digits, STEM being
 * the key or, for long keys, its first STORE_TEMP_STEM_MAX bytes. */
#define STORE_TEMP_SUFFIX_LEN 8
#define STORE_TEMP_STEM_MAX (NAME_MAX - 3 - STORE_TEMP_SUFFIX_LEN)
#define STORE_DEFAULT_KEY_MODE 0600
#define STORE_DEFAULT_STALE_S 3600L
/* Internal result: look at the key again (never returned to callers). */
#define STORE_RETRY (-30899)

struct flockd_db {
	int dirfd;
	char *path;
	long timeout_ms;
	unsigned flags;
	mode_t new_key_mode;
	long stale_age_s;
};

/* What the calls on a table and on the views made from it report besides
 * their results; shared (counted) by a table handle and its clones, so a
 * view's failure shows on the table it came from. */
struct store_report {
	unsigned refs;
	unsigned failures;      /* counts store_fail calls */
	const char *step;       /* static; "" */
	int installed;          /* the failure came after the value was in
	                           place */
	unsigned warnings;      /* enum flockd_warning */
	char temp_left[NAME_MAX + 1];
	const volatile sig_atomic_t *cancel;
};

struct flockd_table {
	int dirfd;          /* the table's directory, O_DIRECTORY|O_CLOEXEC;
	                       -1 while a CREATE_ON_WRITE table is missing */
	int rootfd;         /* the database's directory while dirfd is -1 */
	unsigned created;   /* trailing components of the name that this
	                       handle created and no write has used yet */
	char *name;         /* "" for the root */
	char *path;         /* for messages only; all access goes via dirfd */
	long timeout_ms;
	int readonly;
	unsigned db_flags;
	mode_t new_key_mode;
	long stale_age_s;
	int temp_kind;      /* 0 (not known yet) or enum flockd_temp_kind */
	struct store_report *report;
};

struct flockd_view {
	flockd_table *table; /* own clone: the view outlives the caller's */
	char *key;
	char name[NAME_MAX + 1];
	int fd;              /* the viewed file, shared-locked; -1 if none */
	int locked;          /* fd holds its shared lock */
	struct stat st;      /* fstat of fd when read */
	struct flockd_stat facts;
	void *value;         /* NULL: no bytes (taken, NOCOPY, dropped) */
	size_t len;
	struct timespec locked_since;
};

/* A point in CLOCK_MONOTONIC time after which lock waits give up, and the
 * caller's cancel flag that ends them sooner. */
struct store_deadline {
	struct timespec at;
	const volatile sig_atomic_t *cancel;
};

/* lockwait.c */
void store_deadline_start(struct store_deadline *dl, const flockd_table *t);
/* A deadline that has passed already: one try, no wait. */
void store_deadline_now(struct store_deadline *dl, const flockd_table *t);
int store_deadline_passed(const struct store_deadline *dl);
/* Take flock `op` (LOCK_SH or LOCK_EX) on fd, polling until the deadline.
 * Returns FLOCKD_OK, FLOCKD_ETIMEOUT, ECANCELED or an errno value. */
int store_lock_wait(int fd, int op, const struct store_deadline *dl);
/* Sleep a little before looking at a key again (a create in progress);
 * ETIMEOUT/ECANCELED when the deadline passed or the flag is set. */
int store_nap(const struct store_deadline *dl, long ns);
int store_cancelled(const flockd_table *t);

/* names.c */
/* Fill `buf` (NAME_MAX + 1 bytes) with KEY.kv; FLOCKD_EINVALID if the key
 * is not valid. */
int store_key_filename(const char *key, char *buf);
void store_stat_from(struct flockd_stat *out, const struct stat *st);
int store_same_file(const struct stat *a, const struct stat *b);
int store_same_content(const struct stat *a, const struct stat *b);

/* errors.c */
/* Record the failing step on the table and return err unchanged. */
int store_fail(flockd_table *t, const char *step, int err);
/* The same for a step after the new value took the key's name. */
int store_fail_installed(flockd_table *t, const char *step, int err);
/* A write call starts: forget the last call's warnings. */
void store_begin_write(flockd_table *t);
void store_warn(flockd_table *t, unsigned warnings);
/* A temp file that could not be removed (FLOCKD_WARN_TEMP_LEFT). */
void store_note_temp_left(flockd_table *t, const char *name);
struct store_report *store_report_new(void);
struct store_report *store_report_ref(struct store_report *r);
void store_report_unref(struct store_report *r);

/* tabledir.c */
/* Make sure the table's directory is open: a CREATE_ON_WRITE table that is
 * missing is looked up again, and created when `create` (FLOCKD_ENOTFOUND
 * otherwise). */
int store_table_ready(flockd_table *t, int create);
/* The write that used a directory this handle created failed or
 * succeeded: on failure remove the directories again if still empty. */
void store_table_write_done(flockd_table *t, int ok);
/* Open (creating if asked, fsyncing the parent of what it creates) the
 * directory of table `name` below `rootfd`; *created counts the trailing
 * components it made. */
int store_open_table_dir(int rootfd, const char *name, int create,
			 int readonly, int *out, unsigned *created);
/* mkdir -p for the database directory (its parents fsync'd). */
int store_mkdir_parents(const char *dir);

/* keyfile.c */
enum store_open_mode { STORE_OPEN_READ, STORE_OPEN_WRITE };
/*
 * Open key file `name` of the table without following symlinks or blocking,
 * refusing anything but a regular file (FLOCKD_ENOTREG; a directory is
 * FLOCKD_EINVALID for writes, FLOCKD_ENOTREG for reads), take `lock_op`
 * within the deadline and verify the name still names the locked file,
 * retrying on the new file if a writer replaced it. On success *fd is the
 * locked descriptor and *st its fstat. FLOCKD_ENOTFOUND when the key does
 * not exist (or vanished while we waited), and for readers when it is a
 * placeholder. Writers get placeholders they can open as they are (check
 * store_is_placeholder), and FLOCKD_ENOTFOUND for those they cannot.
 */
int store_keyfile_acquire(flockd_table *t, const char *name,
			  enum store_open_mode mode, int lock_op,
			  const struct store_deadline *dl, int *fd,
			  struct stat *st);
/* Is this the placeholder of a create in progress on a file system without
 * hard links? Those are made empty with mode 0000, which no value of ours
 * ever has, so readers can tell them from an empty value. */
int store_is_placeholder(const struct stat *st);
/* Does `name` still name the file `st` describes? 1 yes, 0 no (other file
 * or gone), or -errno. */
int store_keyfile_is(flockd_table *t, const char *name,
		     const struct stat *st);
/* Read everything from fd (from offset 0) into a malloc'd buffer. */
int store_read_all(int fd, size_t size_hint, void **out, size_t *len);
/* Write all of buf to fd, retrying short writes; EINTR retries unless the
 * table's cancel flag is set (then ECANCELED). */
int store_write_all(flockd_table *t, int fd, const void *buf, size_t len);
/* fsync the table directory ("fsync directory", installed). */
int store_sync_dir(flockd_table *t);

/* placeholder.c */
/* The placeholder state of `name`, whose lstat is *st. */
int store_placeholder_state(flockd_table *t, const char *name,
			    const struct stat *st, long stale_age_s,
			    enum flockd_placeholder *state);

/* ops.c */
/* Open `key` under a shared lock, verified (FLOCKD_READ_* flags). */
int store_acquire_shared(flockd_table *t, const char *key, unsigned flags,
			 int *fd, struct stat *st);

/* Claim an abandoned placeholder for replacing it: *fd holds its lock
 * (verified) where it can be opened, -1 where only root could (go on
 * without; see flockd.h); STORE_RETRY when somebody else got it first. */
int store_placeholder_claim(flockd_table *t, const char *name,
			    const struct stat *st, int *fd);

/* view.c */
void store_view_drop(struct flockd_view *v);
/* View `fd` (holding a lock) whose fstat is *st. */
void store_view_adopt(struct flockd_view *v, int fd, const struct stat *st);
/* Is the key still exactly the file the view read? FLOCKD_OK (*now, if
 * not NULL, gets the file's fstat), ECONFLICT, ENOTFOUND or errno. */
int store_view_verify(struct flockd_view *v, struct stat *now);
/* Take the shared lock back within the timeout; v->locked says whether
 * it came. */
void store_view_relock(struct flockd_view *v);
/* Take a lost shared lock back without waiting: 1 held, 0 lost. */
int store_view_retake_now(struct flockd_view *v);

/* db.c */
/* A second handle on the same table (own descriptor, shared report). */
int store_table_clone(const flockd_table *t, flockd_table **out);

#endif
