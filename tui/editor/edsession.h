/*
 * edsession.h - one open value: the view session on the key (the shared
 * lock), what the user may do with it, and the message and outcome handed
 * back to the browser. Shared by the editor screen, the $EDITOR path and
 * the save/conflict dialogs.
 */
#ifndef TUI_EDITOR_EDSESSION_H
#define TUI_EDITOR_EDSESSION_H

#include "editor/editor.h"
#include "ui/keymap.h"

#include <stddef.h>

struct edsession {
	const struct ui *ui; /* the browser's keys, colours, settings */
	flockd_table *table; /* borrowed from the browser */
	flockd_view *view;   /* owned; NULL for a key not created yet, or
	                        after a failed reload */
	char *key;           /* owned */
	char key_shown[160]; /* the key, escaped for the screen */
	int read_only;
	int is_new;          /* saving creates the key */
	long timeout_ms;
	const char *db_path; /* the database, absolute (recovery files) */
	char *recovery_path; /* owned: the recovery file whose text the
				buffer holds; removed once that is saved
				or discarded */
	void *recovered;     /* owned: text to edit instead of the disk's
				(the user chose to recover it) */
	size_t recovered_len;
	enum editor_outcome outcome;
	char msg[512];
	int msg_err;
};

/* edsession_init - fill the session for `key` (no view yet). 0 or ENOMEM. */
int edsession_init(struct edsession *s, flockd_table *table, const char *key,
		   const struct editor_options *opt);
/* edsession_done - close the view (releasing the lock) and free. */
void edsession_done(struct edsession *s);

/* edsession_set_key - switch to another key name (after "save under a new
 * key" of a new buffer). 0 or ENOMEM. */
int edsession_set_key(struct edsession *s, const char *key);

/* edsession_say - set the message (printf-style). */
void edsession_say(struct edsession *s, int is_error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* edsession_say_error - "KEY: <what> failed: <reason>" for a libflockd
 * error code, with the store's failing step when it has one. */
void edsession_say_error(struct edsession *s, const char *what, int err);

/* edsession_open_view - open the view session (shared lock), telling the
 * user first that we may wait for it. 0 or a libflockd error (message
 * set). */
int edsession_open_view(struct edsession *s);

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
	EDSAVE_SAVED,     /* the bytes are the key's value now */
	EDSAVE_RELOADED,  /* the user chose theirs: the view holds the disk's
	                     value; the caller reloads its buffer */
	EDSAVE_SAVED_AS,  /* saved under another key; this key unchanged */
	EDSAVE_NOT_SAVED, /* cancelled or failed (message says which) */
};

/* edsave_run - save `len` bytes through the view session; on a conflict
 * ask the user (overwrite / reload theirs / save under a new key / show
 * the difference). Read-only sessions refuse. The decisions are
 * edsave_flow (edsave.h); this runs them on the store and the screen. */
enum edsave_result edsave_run(struct edsession *s, const void *bytes,
			      size_t len);

#endif
