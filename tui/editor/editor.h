/* SPDX-License-Identifier: MIT */
/*
 * editor.h - the value editor: what the browser calls to open a value in an
 * editor buffer, hand it to $EDITOR, and change the database (new key, new
 * table, rename, delete). Each call runs modally on the curses screen the
 * browser has set up, and returns when the user is done; the browser then
 * redraws everything and shows `msg` in its status line.
 *
 * Terminal: while a call runs, the terminal is in raw mode (Ctrl-S, Ctrl-Q,
 * Ctrl-Z and Ctrl-C are keys, not flow control or signals) with a short Esc
 * delay; the modes the browser had are restored (savetty/resetty) before
 * returning, and the cursor is hidden. The calls draw on stdscr and leave
 * it dirty: the browser must redraw everything (clearok(curscr)). Keys,
 * colours and settings (wrap, hex-width) are the browser's (opt->ui).
 *
 * Messages: msg->text is already safe to draw (key names escaped), one
 * line, and says which key and why when something failed.
 *
 * Locks: a value open in the editor (and during `e`) holds the key's
 * shared lock through a view session; it is released before the call
 * returns. With opt->read_only nothing is written and no exclusive lock is
 * ever requested: every change is refused with a message.
 */
#ifndef TUI_EDITOR_EDITOR_H
#define TUI_EDITOR_EDITOR_H

#include "flockd.h"

#include <stddef.h>

struct ui;

struct editor_options {
	int read_only;        /* never write, never take an exclusive lock */
	long timeout_ms;      /* the database's lock timeout */
	const struct ui *ui;  /* keys, colours, settings (borrowed) */
	const char *db_path;  /* the database directory, absolute: whose
				 text a recovery file holds (borrowed) */
};

/* Outcome of a modal editor call, for the browser to refresh its lists. */
enum editor_outcome {
	EDITOR_UNCHANGED = 0, /* nothing on disk changed */
	EDITOR_CHANGED,       /* a value was saved or a key/table created */
	EDITOR_DELETED,       /* the key was deleted */
	EDITOR_ERROR,         /* could not open (msg says why) */
};

/* A message for the browser's status line; `is_error` picks the colour.
 * An editor session can end on another key than it opened ("save as new
 * key" goes on editing that one): final_key names it ("" when the same),
 * other_table says it is in another table (saved elsewhere). */
struct editor_message {
	char text[512];
	int is_error;
	char final_key[256];
	int other_table;
};

/* editor_open_value - Enter on a key: open it in an editor buffer under a
 * view session (shared lock held while open). EDITOR_ERROR when it cannot
 * be opened (lock timeout, gone, ...); EDITOR_CHANGED when something was
 * saved (also under another key); EDITOR_DELETED after F8 deleted it. */
enum editor_outcome editor_open_value(flockd_table *table, const char *key,
				      const struct editor_options *opt,
				      struct editor_message *msg);

/* editor_external - `e` on a key: edit a private copy with $VISUAL/$EDITOR
 * and save it with the view session's conflict checks. */
enum editor_outcome editor_external(flockd_table *table, const char *key,
				    const struct editor_options *opt,
				    struct editor_message *msg);

/* editor_delete_key - confirm (the prompt names the key) and delete. */
enum editor_outcome editor_delete_key(flockd_table *table, const char *key,
				      const struct editor_options *opt,
				      struct editor_message *msg);

/* editor_new_key - prompt for a name, validate, refuse an existing one,
 * create it empty-or-edited. On EDITOR_CHANGED *new_key (malloc'd, caller
 * frees) names the key so the browser can put its cursor there. */
enum editor_outcome editor_new_key(flockd_table *table,
				   const struct editor_options *opt,
				   char **new_key, struct editor_message *msg);

/* editor_new_table - prompt for a table name and create it. On
 * EDITOR_CHANGED *new_table (malloc'd) names it. */
enum editor_outcome editor_new_table(flockd_db *db,
				     const struct editor_options *opt,
				     char **new_table,
				     struct editor_message *msg);

/* editor_rename_key - prompt for the new name and rename in one atomic
 * step under both keys' locks (flockd_rename: size, mode, owner and times
 * carried); asks before overwriting an existing key. *new_key (malloc'd)
 * names the name asked for, whatever the outcome: the browser shows what
 * is on disk under both names. */
enum editor_outcome editor_rename_key(flockd_table *table, const char *key,
				      const struct editor_options *opt,
				      char **new_key,
				      struct editor_message *msg);

#endif
