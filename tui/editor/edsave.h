/* SPDX-License-Identifier: MIT */
/*
 * edsave.h - the editor's save decisions as a plain-C model: what saving a
 * buffer does in every case (saved, a timeout naming who holds the lock, a
 * wait the user stopped, a conflict and each answer to it, a key deleted
 * or renamed on disk, a table directory that is gone, a new key, a key
 * created meanwhile, a view lost after a failed reload, read-only, what
 * the store could not keep), with the store and the questions to the user
 * behind a table of operations. edsave.c runs it on the real store and
 * screen; tests run it on fakes. Messages go to the session
 * (edsession_say).
 *
 * The text is never trapped: whatever happened on disk, the user can save
 * it under another key, in another table, or to a file.
 */
#ifndef TUI_EDITOR_EDSAVE_H
#define TUI_EDITOR_EDSAVE_H

#include "editor/edsession.h"
#include "ui/ask.h"

#include <stddef.h>

struct edsave_ops {
	/* the store, through the session's view (open when has_view) */
	int (*has_view)(void *ctx);
	int (*save)(void *ctx, const void *bytes, size_t len, int force);
	int (*reload)(void *ctx);
	void (*close_view)(void *ctx);
	int (*open_view)(void *ctx); /* the session's key, shared lock */
	int (*create)(void *ctx, const char *key, const void *bytes,
		      size_t len);
	int (*set)(void *ctx, const void *bytes, size_t len);
	/* the disk as it is now: the key no longer exists; the table's
	 * directory was removed, or its path names another directory */
	int (*key_gone)(void *ctx);
	int (*table_gone)(void *ctx);
	/* elsewhere: create `key` in table `table` of the database, opened
	 * again by its path (made when missing); a new file at `path` */
	int (*create_in)(void *ctx, const char *table, const char *key,
			 const void *bytes, size_t len);
	int (*write_file)(void *ctx, const char *path, const void *bytes,
			  size_t len);
	/* go on editing `key` of `table` (NULL: the session's table): the
	 * session's key becomes it, viewed under a shared lock */
	int (*switch_key)(void *ctx, const char *table, const char *key);
	/* after a write: enum flockd_warning bits; who holds the key's lock
	 * (escaped text, "" if unknown) */
	unsigned (*warnings)(void *ctx);
	void (*holders)(void *ctx, char *buf, size_t size);
	/* the user: a question whose answers are actions of keymap view `v`
	 * (else cancel), yes/no, a name (1 with *out malloc'd, else 0), a
	 * line shown while waiting or after a refused answer, and the
	 * difference of theirs and mine */
	enum keymap_action (*choose)(void *ctx, enum keymap_view v,
				     const char *question,
				     const struct ask_choice *choices,
				     size_t n);
	int (*yesno)(void *ctx, const char *question);
	int (*prompt)(void *ctx, const char *question, const char *initial,
		      const char *note, char **out);
	void (*notice)(void *ctx, const char *text, int is_error);
	void (*show_diff)(void *ctx, const void *bytes, size_t len);
};

/*
 * edsave_flow - save `len` bytes of the session's buffer, asking the user
 * what `ops` asks. On EDSAVE_SAVED the buffer is what the session's key
 * (maybe another key or table now: "save as new key" goes on editing that
 * key) holds, and the outcome is EDITOR_CHANGED; a new key that was
 * created is no longer new (is_new 0, viewed under a shared lock).
 * EDSAVE_SAVED_AS: the text is safe in a file, the key unchanged.
 * EDSAVE_DISCARDED: the user dropped the text (the key is gone). s->msg
 * says what happened.
 */
enum edsave_result edsave_flow(struct edsession *s,
			       const struct edsave_ops *ops, void *ctx,
			       const void *bytes, size_t len);

#endif
