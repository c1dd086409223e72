/* SPDX-License-Identifier: MIT */
/*
 * replica.h - one database, on this machine or on another, behind one
 * interface: walking it in manifest order (manifest.h), reading a value,
 * writing values with their modification times, deleting keys. A local
 * database goes through libflockd; a remote one (remote.h: HOST:PATH)
 * through `flockd manifest`, `get`, `set`/`create`/`update` and `delete`
 * run there over the remote shell. The comparison of two replicas
 * (replica_compare.h), `flockd diff`, `flockd sync` and the browser's
 * compare mode all use this interface. Plain C; one thread at a time per
 * replica.
 *
 * ERRORS are the store's codes and errno values. A remote command that
 * fails gives remote_status_error's code, and what it printed is kept for
 * the caller (replica_messages) to show, escaped.
 */
#ifndef TUI_SYNC_REPLICA_H
#define TUI_SYNC_REPLICA_H

#include "flockd.h"
#include "sync/manifest.h"
#include "sync/remote.h"

#include <stddef.h>
#include <stdint.h>

struct replica_opts {
	const char *rsh;           /* -e/--rsh, NULL: "ssh" */
	const char *remote_flockd; /* --remote-flockd, NULL: "flockd" */
	long timeout_ms;           /* lock timeout, here and there */
	int writable;              /* will be written (sync --to): a local
				      database is created if missing */
	unsigned new_key_mode;     /* permission bits of the keys it
				      creates (sync --mode); 0: 0600 */
};

struct replica;

/*
 * replica_open - the database `arg` names (remote_spec_parse decides
 * whether it is remote). A local one is opened now (read-only unless
 * writable; never created unless writable); a remote one is only parsed:
 * the first command run there connects. Strings of `o` are copied.
 * Returns 0 (*out owned by the caller: replica_close), the errors of
 * flockd_open, ENOMEM, or EINVAL with *why.
 */
int replica_open(const char *arg, const struct replica_opts *o,
		 struct replica **out, const char **why);
void replica_close(struct replica *r);

/* replica_label - the argument as given (raw: escape before showing). */
const char *replica_label(const struct replica *r);

/* replica_is_remote - non-zero for HOST:PATH. replica_db - the local
 * database, NULL for a remote one. Borrowed. */
int replica_is_remote(const struct replica *r);
flockd_db *replica_db(const struct replica *r);

/*
 * replica_messages - what the last remote command printed on its
 * standard error (raw bytes, NUL-terminated; NULL: nothing), handed to
 * the caller (free), who shows it escaped. Local replicas have none.
 */
char *replica_messages(struct replica *r);

/* ------------------------------------------------------------- walking */

struct replica_walk;

/*
 * replica_walk_open - walk `r` in manifest order with `mo` (a remote
 * walk always has facts and hashes, since `flockd manifest -a` gives
 * them, and drops the entries that are not keys unless MANIFEST_ALL).
 * The walk's cancel flag is honoured between entries. *out belongs to
 * the caller (replica_walk_close). Errors: manifest_open's; for a remote
 * one, remote_start's.
 */
int replica_walk_open(struct replica *r, const struct manifest_opts *mo,
		      struct replica_walk **out, const char **why);

/*
 * replica_walk_next - the next entry (pointers valid until the next call
 * or close): 0, MANIFEST_END, ECANCELED, ENOMEM, or for a remote walk
 * EPROTO (the manifest is malformed, out of order, or cut short: the
 * remote side failed, see replica_walk_close) and read errors.
 */
int replica_walk_next(struct replica_walk *w, struct manifest_entry *e);

/* replica_walk_table - the local table handle of the entry just given,
 * NULL for a remote walk (manifest_table). */
flockd_table *replica_walk_table(const struct replica_walk *w);

/* replica_walk_progress - entries given so far. */
size_t replica_walk_progress(const struct replica_walk *w);

/*
 * replica_walk_close - end the walk. For a remote walk that stopped
 * before its end the remote command is stopped; its exit status is
 * checked when the walk reached its end: 0, or the error it stands for
 * when the remote manifest failed as a whole (its per-entry failures are
 * in the entries, not here). NULL is ignored (0).
 */
int replica_walk_close(struct replica_walk *w);

/* -------------------------------------------------------------- values */

/* A value open for reading, to its end, from `fd`. */
struct replica_value {
	int fd;
	struct flockd_stat st; /* with have_stat (local: under the lock) */
	int have_stat;
	/* internal */
	flockd_table *table;
	flockd_reader *reader;
	struct remote_proc proc;
	int remote;
};

/*
 * replica_value_open - open the value of `key` in `table` for reading:
 * locally through the store's read handle (shared lock held until
 * close), remotely as the output of `flockd get`. *out owned by the
 * caller (replica_value_close). Errors: those of flockd_table_open and
 * flockd_read_open; remote_start's.
 */
int replica_value_open(struct replica *r, const char *table,
		       const char *key, struct replica_value **out);

/* replica_value_close - release it; for a remote value, the result of
 * `get` (remote_status_error of its exit status). NULL gives 0. */
int replica_value_close(struct replica *r, struct replica_value *v);

/*
 * replica_get - the whole value into memory (*buf malloc'd, the caller
 * frees; *len bytes), with its facts when known (*st may be NULL): for a
 * screen showing both sides of a key. Errors as replica_value_open, and
 * read errors.
 */
int replica_get(struct replica *r, const char *table, const char *key,
		void **buf, size_t *len, struct flockd_stat *st);

/* -------------------------------------------------------------- writes */

/* The outcome of one write, given to the writer's callback. */
struct replica_result {
	const char *table;   /* borrowed for the call */
	const char *key;
	int is_delete;
	enum flockd_put_mode mode; /* a put: as given to replica_put_start */
	int err;             /* 0 or the error */
	const char *step;    /* the failing step, "" (static) */
	uint64_t size;       /* a put: the value's size */
	const char *messages; /* a remote command's standard error, or
				 NULL; borrowed for the call, raw */
	unsigned warnings;   /* a local put: enum flockd_warning bits (a
				remote one says them in its messages) */
};

typedef void (*replica_result_fn)(const struct replica_result *res,
				  void *ctx);

struct replica_writer;

/*
 * replica_writer_open - start writing into `r` (opened writable). Each
 * put and delete has its result given to fn (never NULL) once it is
 * done: for a local replica values are written as a batch (durable
 * together, flockd_batch.h) and their results come during later puts or
 * at close; for a remote one each is a command of its own and its
 * result comes before the call returns. Errors: ENOMEM, EINVAL (a
 * read-only replica).
 */
int replica_writer_open(struct replica *r, replica_result_fn fn, void *ctx,
			struct replica_writer **out);

/*
 * replica_put_start / replica_put_write / replica_put_end - one value,
 * given in pieces: `size` bytes (exactly: a remote `set --size` refuses
 * anything else, so a cut connection stores nothing), with modification
 * time `mtime` (NULL: now), as `mode` says (FLOCKD_PUT_CREATE: only if
 * missing; UPDATE: only if present; SET). replica_put_cancel drops it:
 * nothing is stored. A failed start or write drops it too (its result
 * comes through the callback).
 * Returns 0 or the error (the callback has it too).
 */
int replica_put_start(struct replica_writer *w, const char *table,
		      const char *key, enum flockd_put_mode mode,
		      const struct flockd_timespec *mtime, uint64_t size);
int replica_put_write(struct replica_writer *w, const void *buf,
		      size_t len);
int replica_put_end(struct replica_writer *w);
void replica_put_cancel(struct replica_writer *w);

/* replica_delete - delete `key` (a missing key is success). Local: at
 * once; remote: gathered per table and sent as one `delete` at the next
 * table's delete, the next put, or close. */
int replica_delete(struct replica_writer *w, const char *table,
		   const char *key);

/* replica_writer_close - finish every pending write (their results come
 * now) and release the writer. Returns the first error of any write, or
 * 0. */
int replica_writer_close(struct replica_writer *w);

#endif
