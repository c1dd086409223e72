/*
 * store_internal.h - what the store's modules share and the public header
 * does not show: the handle structures, deadlines, and the key-file
 * primitives (open without following, lock with a deadline, verify).
 */
#ifndef STORE_INTERNAL_H
#define STORE_INTERNAL_H

#include "flockd.h"

#include <limits.h>
#include <sys/stat.h>
#include <time.h>

/* Length of the random part of a temp file name: "KEY.kv" + this many
 * letters/digits. Key names are limited so that the temp name fits. */
#define STORE_TEMP_SUFFIX_LEN 8
#define STORE_KEY_EXT ".kv"
#define STORE_TABLE_EXT ".tbl"
/* Longest file name of a key: the temp name must fit NAME_MAX. */
#define STORE_KEY_MAX (NAME_MAX - 3 - STORE_TEMP_SUFFIX_LEN)

struct flockd_db {
	int dirfd;
	char *path;
	long timeout_ms;
	unsigned flags;
};

struct flockd_table {
	int dirfd;          /* the table's directory, O_DIRECTORY|O_CLOEXEC */
	char *name;         /* "" for the root */
	char *path;         /* for messages only; all access goes via dirfd */
	long timeout_ms;
	int readonly;
	const char *last_step;
};

/* A point in CLOCK_MONOTONIC time after which lock waits give up. */
struct store_deadline {
	struct timespec at;
};

/* lockwait.c */
void store_deadline_start(struct store_deadline *dl, long timeout_ms);
int store_deadline_passed(const struct store_deadline *dl);
/* Take flock `op` (LOCK_SH or LOCK_EX) on fd, polling until the deadline.
 * Returns FLOCKD_OK, FLOCKD_ETIMEOUT or an errno value. */
int store_lock_wait(int fd, int op, const struct store_deadline *dl);

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

/* keyfile.c */
enum store_open_mode { STORE_OPEN_READ, STORE_OPEN_WRITE };
/*
 * Open key file `name` of the table without following symlinks or blocking,
 * refusing anything but a regular file (FLOCKD_ENOTREG; a directory is
 * FLOCKD_EINVALID for writes, FLOCKD_ENOTREG for reads), take `lock_op`
 * within the deadline and verify the name still names the locked file,
 * retrying on the new file if a writer replaced it. On success *fd is the
 * locked descriptor and *st its fstat. FLOCKD_ENOTFOUND when the key does
 * not exist (or vanished while we waited).
 */
int store_keyfile_acquire(flockd_table *t, const char *name,
			  enum store_open_mode mode, int lock_op,
			  const struct store_deadline *dl, int *fd,
			  struct stat *st);
/* Is this the placeholder of a create in progress on a file system without
 * hard links? Those are made empty with mode 0000, which no value of ours
 * ever has (values are 0600), so readers can tell them from an empty value
 * and report the key as not there yet. */
int store_is_placeholder(const struct stat *st);
/* Does `name` still name the file `st` describes? 1 yes, 0 no (other file
 * or gone), or -errno. */
int store_keyfile_is(flockd_table *t, const char *name,
		     const struct stat *st);
/* Create a temp file for key file `name`: O_EXCL, 0600, locked exclusive.
 * `tmpname` gets its name (NAME_MAX + 1 bytes). */
int store_temp_create(flockd_table *t, const char *name, char *tmpname,
		      int *fd);
/* Remove a temp file after a failure; keeps errno. */
void store_temp_discard(flockd_table *t, const char *tmpname, int fd);
/* Read everything from fd (from offset 0) into a malloc'd buffer. */
int store_read_all(int fd, size_t size_hint, void **out, size_t *len);
/* Write all of buf to fd, retrying short writes and EINTR. */
int store_write_all(int fd, const void *buf, size_t len);
/* fsync the table directory. */
int store_sync_dir(flockd_table *t);

/* ops.c */
/* Where a put's bytes come from. */
struct store_source {
	const void *buf; /* memory, when fd < 0 */
	size_t len;
	int fd;          /* a descriptor read to EOF, or -1 */
};
/* Write the source into the open temp file and fsync it. */
int store_fill_temp(flockd_table *t, int tmpfd, const struct store_source *src,
		    uint64_t *written);
/* Install a finished, locked temp file as key file `name`: the store's
 * shared write path (rename over an exclusively locked, verified key, or
 * link for a new key). `force_replace` treats a missing key as SET. */
int store_install(flockd_table *t, const char *name, const char *tmpname,
		  int tmpfd, enum flockd_put_mode mode,
		  const struct store_deadline *dl);

/* db.c */
/* A second handle on the same table (own descriptor), for view sessions. */
int store_table_clone(const flockd_table *t, flockd_table **out);

#endif
