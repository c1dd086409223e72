/* SPDX-License-Identifier: MIT */
/*
 * flockd_batch.h - part of libflockd's manual (include <flockd.h>, which
 * includes this): batched writes, for importing many keys at the speed of
 * the disk.
 *
 * A single set costs two fsyncs (the value, then the directory). A batch
 * writes the values of many keys into temporary files first, makes them
 * durable together (one syncfs(2) per file system; where the kernel is
 * older than 5.8, whose syncfs does not report write-back errors, or the
 * file system is not ext4, xfs, btrfs or tmpfs, or syncfs failed, each
 * file is fsync'd too, which says which one failed), then installs each
 * under its key's exclusive lock exactly as a set,
 * create or update would (verification, mode and owner kept, link or
 * rename), and fsyncs each touched directory once. No value takes its
 * key's name before it is durable, so after a crash at any point each key
 * holds its old or its new value. What a batch does not give: the keys do
 * not change together; other processes see them change one by one.
 *
 * Pending values hold an open descriptor each, so a batch works in groups:
 * when a group is full (up to 1024 values, fewer under a low RLIMIT_NOFILE)
 * the next put installs it first. The result of every value goes to the
 * batch's callback when its group is installed: during a later put, during
 * commit, or (as "cancelled") during abort.
 */
#ifndef FLOCKD_BATCH_H
#define FLOCKD_BATCH_H

#include "flockd.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct flockd_batch flockd_batch;

/* The outcome of one value of a batch, given to the callback. */
struct flockd_batch_result {
	size_t index;         /* which put call: 0 for the batch's first,
	                         counting refused ones too */
	flockd_table *table;  /* as given to the put */
	const char *key;      /* borrowed for the duration of the callback */
	uint64_t size;        /* the value's size in bytes */
	int err;              /* FLOCKD_OK or an error as flockd_set's */
	const char *step;     /* the failing step, "" on success; static */
	int installed;        /* the new value took the key's name (also
	                         when err is the directory fsync's) */
	unsigned warnings;    /* enum flockd_warning bits of this value */
};

/* Called once per accepted value, in the order of the puts. */
typedef void (*flockd_batch_fn)(const struct flockd_batch_result *result,
				void *ctx);

/*
 * flockd_batch_begin - start a batch. `flags` must be 0. `fn` (may be NULL)
 * receives every value's outcome with `ctx`. On success *out belongs to the
 * caller, who ends it with flockd_batch_commit or flockd_batch_abort.
 * Errors: EINVAL (flags), ENOMEM.
 */
int flockd_batch_begin(unsigned flags, flockd_batch_fn fn, void *ctx,
		       flockd_batch **out);

/*
 * flockd_batch_put - add `len` bytes at `value` as the new value of `key` in
 * `table` (any table, of any database; the table must stay open until the
 * batch ends), with the meaning of `mode` as in flockd_put_from_fd. The
 * bytes are written to a temporary file at once (not kept in memory); the
 * key is installed later. A CREATE_ON_WRITE table is created now.
 *
 * Errors (the value is refused: nothing of it is kept, no callback comes
 * for it): FLOCKD_EINVALID, FLOCKD_EREADONLY, FLOCKD_EEXIST (create of a
 * key that exists now), FLOCKD_ENOTFOUND (update of a missing key),
 * ECANCELED, errno values of the temporary file (ENOSPC, ...), EBUSY (a
 * value started with flockd_batch_put_start is not finished), ENOMEM.
 */
int flockd_batch_put(flockd_batch *batch, flockd_table *table,
		     const char *key, const void *value, size_t len,
		     enum flockd_put_mode mode);

/* flockd_batch_put_from_fd - the same with every byte read from `fd` until
 * end of file. *copied (if not NULL) receives the value's size. */
int flockd_batch_put_from_fd(flockd_batch *batch, flockd_table *table,
			     const char *key, int fd,
			     enum flockd_put_mode mode, uint64_t *copied);

/*
 * flockd_batch_put_start / flockd_batch_write / flockd_batch_put_end - the
 * same with the value given in pieces, for a program that decodes it as it
 * reads (an import decoding base64 line by line holds one piece in memory,
 * never the value). start takes the checks and errors of put; write
 * appends `len` bytes; end queues the value. flockd_batch_put_cancel drops
 * an unfinished value (nothing of it is kept, no callback). A failed write
 * drops the value too. Only one value can be unfinished at a time.
 * Errors of write: EINVAL (no value started), ECANCELED, errno values
 * (ENOSPC, ...). end: EINVAL (no value started).
 */
int flockd_batch_put_start(flockd_batch *batch, flockd_table *table,
			   const char *key, enum flockd_put_mode mode);
int flockd_batch_write(flockd_batch *batch, const void *buf, size_t len);
int flockd_batch_put_end(flockd_batch *batch);
void flockd_batch_put_cancel(flockd_batch *batch);

/*
 * flockd_batch_put_mtime - give the unfinished value (between
 * flockd_batch_put_start and flockd_batch_put_end) the modification time
 * `mtime` instead of the time it was written: for copies that carry a
 * value's time from another database (flockd sync). The time is set by
 * put_end, after the last write and before the value is made durable, so
 * the key has it from the moment it takes the value. Installing keeps
 * it (a rename does not change it), whatever mode and owner the key
 * passes on.
 * Errors: EINVAL (no value started, NULL, tv_nsec outside 0..999999999).
 * put_end then also fails with the errno of futimens(2) (step "set
 * modification time"), and the value is dropped.
 */
int flockd_batch_put_mtime(flockd_batch *batch,
			   const struct flockd_timespec *mtime);

/*
 * flockd_batch_commit - install every value not yet installed (see the
 * top of this header), report each through the callback, and free the
 * batch (also on error). An unfinished value is dropped.
 * Returns FLOCKD_OK when every accepted value of the batch was installed
 * durably, else the first error any of them had (each one's own is in
 * its callback).
 */
int flockd_batch_commit(flockd_batch *batch);

/* flockd_batch_abort - drop every value not yet installed (their callbacks
 * say ECANCELED, step "abort"; nothing of them is kept) and free the batch.
 * Values of groups already installed stay. NULL is ignored. */
void flockd_batch_abort(flockd_batch *batch);

#ifdef __cplusplus
}
#endif
#endif /* FLOCKD_BATCH_H */
