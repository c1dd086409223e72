/* SPDX-License-Identifier: MIT */
/*
 * store_write.h - the write path's pieces, shared by set/create/update,
 * view sessions, rename and batches: temporary files (unnamed or named)
 * and installing a finished one as a key.
 */
#ifndef STORE_WRITE_H
#define STORE_WRITE_H

#include "store_internal.h"

/* A temporary file being written. Unnamed (O_TMPFILE) until it is about
 * to take a key's name; named from the start on the fallback path. */
struct store_temp {
	int fd;                 /* -1: none */
	int named;              /* `name` is in the table directory now */
	int installed;          /* it took the key's name */
	int late_err;           /* installed, but its temp name could not be
	                           removed (errno) */
	struct stat st;         /* its facts as of the last
	                           store_temp_adopt (which every view save
	                           calls): a view goes on with them after
	                           the rename without asking again */
	char name[NAME_MAX + 1];
};

/* Where a put's bytes come from. */
struct store_source {
	const void *buf; /* memory, when fd < 0 */
	size_t len;
	int fd;          /* a descriptor read to EOF, or -1 */
};

/* temp.c */
/* Open a temp file for key file `keyname` in the table's directory, with
 * the mode of new keys; a named one exclusively locked (an unnamed one is
 * locked when it gets a name). */
int store_temp_open(flockd_table *t, const char *keyname,
		    struct store_temp *tmp);
/* Append the source to the temp file (no fsync). */
int store_temp_fill(flockd_table *t, struct store_temp *tmp,
		    const struct store_source *src, uint64_t *written);
int store_temp_sync(flockd_table *t, struct store_temp *tmp);
/* Give the temp file the mode, owner and group of the key file `key`
 * where allowed (warnings where not); *changed says whether anything
 * changed (the caller fsyncs the temp after that). Its facts, as they are
 * then, go to tmp->st. */
int store_temp_adopt(flockd_table *t, struct store_temp *tmp,
		     const struct stat *key, int *changed);
/* Make sure the temp file has a name in the directory (for a rename). */
int store_temp_give_name(flockd_table *t, struct store_temp *tmp,
			 const char *keyname);
/* A fresh temp name for key file `keyname` into `name` (NAME_MAX + 1). */
void store_temp_pick_name(const char *keyname, char *name);
/* "/proc/self/fd/N" of descriptor `fd`, by which an unnamed temp is
 * linked. */
void store_temp_proc_path(int fd, char *buf, size_t size);
/* Link the temp file as the new key `keyname` (create): FLOCKD_OK, EEXIST
 * (as errno: the key appeared), an errno of linkat (the caller checks
 * store_no_hard_links; the temp is named then). A named temp's own name is
 * removed after; if that fails, tmp->late_err says so. */
int store_temp_link_as(flockd_table *t, struct store_temp *tmp,
		       const char *keyname);
/* Is `err` linkat's way of saying the file system has no hard links? */
int store_no_hard_links(int err);
/* After a failure: remove the temp's name if it has one (a failure to do so
 * is reported as FLOCKD_WARN_TEMP_LEFT) and close it. Keeps errno. */
void store_temp_discard(flockd_table *t, struct store_temp *tmp);
/* After success: the temp is the key now; close the descriptor. */
void store_temp_close(struct store_temp *tmp);
/* Copy `size` bytes of `from` (from offset 0) to `to` (at its offset). */
int store_copy_fd(flockd_table *t, int from, int to, uint64_t size);
/* Which temp files the table uses (probing once). */
int store_temp_kind(flockd_table *t, enum flockd_temp_kind *kind);

/* handoff.c */
/* Rename the finished, fsync'd temp over key file `keyname` (whose lock the
 * caller holds and has verified): a named one at once; an unnamed one gets
 * a temp name and is renamed by a helper that a kill of this process does
 * not stop in between (see handoff.c). On failure tmp->named says whether
 * the temp has a name to discard. The last point a cancel flag stops the
 * write (ECANCELED). */
int store_temp_replace(flockd_table *t, struct store_temp *tmp,
		       const char *keyname);

/* install.c */
enum store_install_flags {
	/* Do not fsync the directory (a batch does it once at the end). */
	STORE_INSTALL_NOSYNC = 1u << 0,
	/* Keep the temp's own mode and owner over a replaced key's (a
	 * rename's copy carries the source's). */
	STORE_INSTALL_KEEP_META = 1u << 1,
};
/* Install a finished (fsync'd), locked temp file as key file `name`: the
 * store's one write path (rename over an exclusively locked, verified key
 * whose mode and owner it takes; link for a new key; a placeholder where
 * links are not supported), then fsync the directory. On success the temp
 * is the key (its descriptor still open). */
int store_install(flockd_table *t, const char *name, struct store_temp *tmp,
		  enum flockd_put_mode mode, const struct store_deadline *dl,
		  unsigned flags);
/* The same when the caller holds the key file's exclusive lock and has
 * verified it (a view session): adopt `key`'s mode/owner, rename. */
int store_install_locked(flockd_table *t, const char *name,
			 struct store_temp *tmp, const struct stat *key,
			 unsigned flags);
/* What every put does first: forget the last warnings, refuse read-only
 * tables and bad names (`name` gets KEY.kv, NAME_MAX + 1 bytes), create a
 * CREATE_ON_WRITE table unless updating, and give create/update their
 * cheap early answer (a placeholder is no key). FLOCKD_OK to go on. */
int store_put_prepare(flockd_table *t, const char *key,
		      enum flockd_put_mode mode, char *name);

#endif
