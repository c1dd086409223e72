/* SPDX-License-Identifier: MIT */
/*
 * recovery.h - recovery files: the unsaved text of an editor that had to
 * end (SIGHUP, SIGTERM, a terminal that went away), like nano's .save
 * files, so that the next time the key is opened the text is offered back.
 *
 * Where: $XDG_STATE_HOME/flockd/ when that is an absolute path, else
 * ~/.local/state/flockd/ (made with mode 0700). Each file is mode 0600 and
 * named "flockd-HASH-TIME-PID.save" (HASH of the database, table and key,
 * so that the directory is searched without reading every file). Inside, a
 * header records the database (its absolute path), the table and the key
 * as length-prefixed bytes (any name, however hostile, is kept exactly and
 * never needs escaping in the file), when it was written and how many
 * bytes follow; then the text, byte for byte. A file is written to a
 * temporary name, fsync'd and renamed, so a half-written one never shows.
 *
 * Written from the program's loop, never from a signal handler. Plain C.
 */
#ifndef TUI_EDITOR_RECOVERY_H
#define TUI_EDITOR_RECOVERY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Whose text a recovery file holds. */
struct recovery_id {
	const char *db;    /* the database directory, absolute */
	const char *table; /* "" for the root table */
	const char *key;
};

/* One recovery file found. */
struct recovery_file {
	char *path;   /* owned */
	time_t saved; /* when it was written */
	uint64_t size; /* bytes of text */
};

/* recovery_dir - the directory (malloc'd), or NULL when neither
 * XDG_STATE_HOME nor HOME says where (or out of memory). */
char *recovery_dir(void);

/* recovery_write - keep `len` bytes for `id` in a new file in `dir` (made,
 * with its parents, if missing). On success *path_out (if not NULL) is the
 * file's path (malloc'd). Returns 0 or an errno value. */
int recovery_write(const char *dir, const struct recovery_id *id,
		   const void *bytes, size_t len, char **path_out);

/* recovery_find - the files of `dir` that hold text of `id`, newest first:
 * *out is a malloc'd array of *n (free with recovery_files_free). A
 * missing directory is no files. Returns 0 or an errno value. */
int recovery_find(const char *dir, const struct recovery_id *id,
		  struct recovery_file **out, size_t *n);
void recovery_files_free(struct recovery_file *files, size_t n);

/* recovery_read - the text of the file at `path`, which must hold `id`'s
 * (else EINVAL: a stranger's or damaged file is never taken for it).
 * *bytes is malloc'd (never NULL), *len its size. 0 or an errno value. */
int recovery_read(const char *path, const struct recovery_id *id,
		  void **bytes, size_t *len);

/* recovery_remove - remove the file (after its text was saved, or the
 * user discarded it). 0 or an errno value (ENOENT is 0). */
int recovery_remove(const char *path);

#endif
