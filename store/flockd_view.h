/* SPDX-License-Identifier: MIT */
/*
 * flockd_view.h - part of libflockd's manual (include <flockd.h>, which
 * includes this): view sessions, how an editor shows and edits one value.
 *
 * A view opens the key, takes a shared lock, verifies, reads the value and
 * keeps the descriptor and its lock for as long as the value is on screen,
 * so that no writer that respects locks (including the Go library) changes
 * it underneath: they wait and time out. A save writes and fsyncs a temp
 * file, converts the lock to exclusive within the timeout, verifies that the
 * key still names the same unchanged file (the conversion is not atomic:
 * another writer can slip in while the shared lock is released), renames,
 * fsyncs the directory, then goes on viewing the new file under a shared
 * lock. If the key changed in between, nothing is written and the caller
 * gets FLOCKD_ECONFLICT. Sync tools that ignore locks (rsync, Syncthing,
 * unison) replace files by rename: flockd_view_check notices.
 */
#ifndef FLOCKD_VIEW_H
#define FLOCKD_VIEW_H

#include "flockd.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct flockd_view flockd_view;

/*
 * flockd_view_open - open `key` for viewing and editing: open, take a shared
 * lock within the timeout, verify, read the value, and keep the descriptor
 * and its shared lock until flockd_view_close.
 *
 * On success *out belongs to the caller (flockd_view_close). The view keeps
 * its own reference to the table: closing the table first is allowed. The
 * view and the table share their last step and warnings (see
 * flockd_table_last_step), and the view uses the table's cancel flag.
 *
 * Errors: as flockd_get.
 */
int flockd_view_open(flockd_table *table, const char *key,
		     flockd_view **out);

/* flockd_view_key - the key's name. Borrowed; valid until close. */
const char *flockd_view_key(const flockd_view *view);

/* flockd_view_value - the bytes read at open (or at the last reload, or
 * saved by the last save). Borrowed: valid until the next save, reload,
 * take or close of the view. *len receives the size. Never NULL while the
 * view has its bytes; NULL (and *len 0) after flockd_view_take_value or a
 * save with FLOCKD_SAVE_NOCOPY, until the next reload. */
const void *flockd_view_value(const flockd_view *view, size_t *len);

/*
 * flockd_view_take_value - hand the view's bytes to the caller instead of
 * copying them: *value receives the malloc'd buffer (free() it; never NULL,
 * even for an empty value) and *len its size. The view keeps its file and
 * lock but no longer the bytes (flockd_view_value gives NULL). So an editor
 * can hold a value once, not twice.
 * Errors: ENOENT when the view has no bytes (already taken, saved with
 * NOCOPY, or no file after a failed reload or a delete).
 */
int flockd_view_take_value(flockd_view *view, void **value, size_t *len);

/* flockd_view_locked_since - when the shared lock now held was granted, in
 * CLOCK_MONOTONIC time (a POSIX struct timespec, as clock_gettime gives). */
struct timespec flockd_view_locked_since(const flockd_view *view);

/* flockd_view_locked - non-zero while the view holds its shared lock on
 * the file it shows. A failed lock conversion (save or delete) tries to
 * take the lock back; when that fails this turns 0 and flockd_view_check
 * reports FLOCKD_ELOCKLOST until the lock is back. */
int flockd_view_locked(const flockd_view *view);

/* flockd_view_stat - the facts of the viewed file as of open/save/reload.
 * After a save, the new file's facts as it took the key's name: recorded
 * before the rename (which does not change them), so that a save that
 * succeeded never leaves the view without them and flockd_view_check
 * compares with the right file. Borrowed: valid until close. */
const struct flockd_stat *flockd_view_stat(const flockd_view *view);

/*
 * flockd_view_check - may the view still be trusted?
 * Returns FLOCKD_OK while the view holds its lock and the key's name still
 * names the viewed file with the same size and modification time;
 * FLOCKD_ELOCKLOST when the view lost its lock (see flockd_view_locked; the
 * call first tries to take it back without waiting, and then verifies);
 * FLOCKD_ECONFLICT when the name names another file or the file was
 * modified in place (a tool that ignores locks replaced it);
 * FLOCKD_ENOTFOUND when the key is gone (or the view holds no file); errno
 * values when it cannot tell. Cheap (two stat calls); meant to be polled
 * about once a second.
 */
int flockd_view_check(flockd_view *view);

enum flockd_save_flags {
	/* Save even if the key changed since it was opened (the user chose
	 * "overwrite" after a conflict): lock whatever file the key names now
	 * and replace it. Only a change: when the verification itself fails
	 * (EIO, ...), the save fails with that error as without FORCE. */
	FLOCKD_SAVE_FORCE = 1u << 0,
	/* Do not keep a copy of the saved bytes in the view (the caller has
	 * them): after the save flockd_view_value gives NULL. */
	FLOCKD_SAVE_NOCOPY = 1u << 1,
};

/*
 * flockd_view_save - atomically replace the key's value with `len` bytes at
 * `value`: write and fsync a temp file (with the viewed file's mode, owner
 * and group, see WARNINGS in flockd.h), convert the shared lock to
 * exclusive within the timeout, verify that the key still names the same
 * unchanged file, rename, fsync the directory, then keep viewing the new
 * file under a shared lock (the view's value becomes a copy of `value`,
 * unless FLOCKD_SAVE_NOCOPY).
 *
 * Errors:
 * - FLOCKD_ECONFLICT: the key changed (or vanished) since the view read it;
 *   nothing was written. flockd_view_read_current gives the value on disk.
 * - FLOCKD_ETIMEOUT: the exclusive lock did not come (a reader holds it);
 *   nothing was written, the view takes its shared lock back and verifies
 *   the key (flockd_view_check tells how that went), and the call may be
 *   retried.
 * - FLOCKD_ELOCKLOST: the view had lost its lock before this call and could
 *   not take it back; nothing was written.
 * - FLOCKD_EREADONLY, ECANCELED, errno values (ENOSPC, ...; also an
 *   error while verifying the key, step "verify key": it is not a
 *   conflict): nothing was written, except when flockd_table_installed()
 *   says the new value is in place (only the directory fsync failed):
 *   then the view already shows it.
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
#endif /* FLOCKD_VIEW_H */
