/* SPDX-License-Identifier: MIT */
/*
 * edsession.h - one open value: the view session on the key (the shared
 * lock), what the user may do with it, and the message and outcome handed
 * back to the browser. Shared by the editor screen, the $EDITOR path and
 * the save/conflict dialogs.
 */
#ifndef TUI_EDITOR_EDSESSION_H
#define TUI_EDITOR_EDSESSION_H

#include "editor/edclip.h"
#include "editor/editor.h"
#include "ui/keymap.h"

#include <stddef.h>

struct edsession {
	const struct ui *ui; /* the browser's keys, colours, settings */
	flockd_table *table; /* borrowed from the browser */
	flockd_view *view;   /* owned; NULL for a key not created yet, or
	                        after a failed reload */
	char *key;           /* owned */
	char *opened_key;    /* owned: the key the session began with */
	char key_shown[160]; /* the key, escaped for the screen */
	int read_only;
	int is_new;          /* saving creates the key */
	long timeout_ms;
	const char *db_path; /* the database, absolute (recovery files) */
	flockd_table *own_table; /* owned: a table the session moved to
				    (saved in another table); s->table is
				    then this one */
	char *moved_to;      /* owned: that table's name, for the browser */
	char *recovery_path; /* owned: the recovery file whose text the
				buffer holds; removed once that is saved
				or discarded */
	void *recovered;     /* owned: text to edit instead of the disk's
				(the user chose to recover it) */
	size_t recovered_len;
	struct edclip clip;  /* cut, copy and paste (owned) */
	enum editor_outcome outcome;
	char msg[512];
	int msg_err;
};

/* edsession_init - fill the session for `key` (no view yet). 0 or ENOMEM. */
int edsession_init(struct edsession *s, flockd_table *table, const char *key,
		   const struct editor_options *opt);
/* edsession_done - close the view (releasing the lock) and free. */
void edsession_done(struct edsession *s);

/* For the entry points (editor.c, editor_keys.c): the session's message
 * and how it ended into the browser's message; a message of our own; a
 * name escaped for messages; read-only mode refusing `what` (1, message
 * set) or not (0). */
void edsession_to_message(const struct edsession *s,
			  struct editor_message *msg);
void editor_message_set(struct editor_message *msg, int is_error,
			const char *text);
void editor_escape(const char *name, char *buf, size_t size);
int editor_refuse_read_only(const struct editor_options *opt,
			    struct editor_message *msg, const char *what);

/* edsession_ending - what the browser must know of how the session
 * ended: the key it ended on, if another, and whether in another table. */
void edsession_ending(const struct edsession *s, struct editor_message *msg);

/* edsession_set_key - switch to another key name (after "save under a new
 * key" of a new buffer). 0 or ENOMEM. */
int edsession_set_key(struct edsession *s, const char *key);

/* edsession_say - set the message (printf-style). */
void edsession_say(struct edsession *s, int is_error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* edsession_say_error - "KEY: <what> failed: <reason>" for a libflockd
 * error code, with the store's failing step when it has one. */
void edsession_say_error(struct edsession *s, const char *what, int err);

/* edsession_open_view - open the view session (shared lock), counting
 * the wait down (Esc stops it). 0 or a libflockd error (message set). */
int edsession_open_view(struct edsession *s);

/* edsession_table_gone - non-zero when the directory the session's table
 * holds was removed (no links left), or its path names another directory
 * now (moved, replaced): a save there would be lost or misplaced. */
int edsession_table_gone(const struct edsession *s);

/* edsession_wait - run a store call that may wait for a lock as
 * ui/waitline.h does, saying `what` (escaped text). */
int edsession_wait(struct edsession *s, const char *what,
		   int (*fn)(void *ctx), void *ctx);

/* edsession_switch - go on with `key` of table `table` (NULL: the
 * session's table; else opened again from the database at db_path, made
 * when missing): the old view is closed, the new key viewed under a
 * shared lock. 0 or a libflockd error (message set). */
int edsession_switch(struct edsession *s, const char *table,
		     const char *key);

/* edsession_key_hint - the user's first key for editor action `a`, for a
 * message ("<C-s> retries"); "" when it has none. */
void edsession_key_hint(const struct edsession *s, enum keymap_action a,
			char *buf, size_t size);

/* Recovery files (edrecover.c, over recovery.h). */

/* edrecover_offer - after the key is open: when a recovery file of it
 * exists, ask recover (its text goes to s->recovered), discard (removed)
 * or keep it for later. */
void edrecover_offer(struct edsession *s);

/* edrecover_write - the program must end (a signal, the terminal went
 * away): keep the buffer's text in a recovery file. The message says
 * where (or why not). */
void edrecover_write(struct edsession *s, const void *bytes, size_t len);

/* edrecover_done - the buffer's text was saved, or the user discarded
 * it: the recovery file it came from goes. */
void edrecover_done(struct edsession *s);

enum edsave_result {
	EDSAVE_SAVED,     /* the bytes are the value of the session's key
	                     (which may be another key or table now) */
	EDSAVE_RELOADED,  /* the user chose theirs: the view holds the disk's
	                     value; the caller reloads its buffer */
	EDSAVE_SAVED_AS,  /* saved to a file; the key unchanged */
	EDSAVE_NOT_SAVED, /* cancelled or failed (message says which) */
	EDSAVE_DISCARDED, /* the key is gone and the user dropped the text */
};

/* edsave_run - save `len` bytes through the view session; on a conflict
 * ask the user (overwrite / reload theirs / save under a new key / show
 * the difference; for a key gone from disk: create it again / new key /
 * elsewhere / discard). Read-only sessions refuse. The decisions are
 * edsave_flow (edsave.h); this runs them on the store and the screen,
 * every lock wait counted down (Esc stops it). */
enum edsave_result edsave_run(struct edsession *s, const void *bytes,
			      size_t len);

#endif
