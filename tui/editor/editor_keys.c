/* SPDX-License-Identifier: MIT */
/*
 * editor_keys.c - the editor's calls that change keys and tables without
 * an editor screen (editor.h): delete, new key (then edited), new table,
 * rename. Lock waits are counted down and can be stopped (Esc).
 */
#include "editor/editor.h"
#include "editor/edsession.h"
#include "editor/edui.h"
#include "editor/edview.h"

#include "common/curses_ui.h"
#include "common/store_warn.h"
#include "common/textsafe.h"
#include "ui/ask.h"
#include "ui/waitline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------- delete */

struct delete_call {
	flockd_table *table;
	const char *key;
};

static int delete_call(void *arg)
{
	struct delete_call *d = arg;
	return flockd_delete(d->table, d->key);
}

enum editor_outcome editor_delete_key(flockd_table *table, const char *key,
				      const struct editor_options *opt,
				      struct editor_message *msg)
{
	if (editor_refuse_read_only(opt, msg, "deleting keys"))
		return EDITOR_UNCHANGED;
	char shown[160], q[256];
	editor_escape(key, shown, sizeof shown);
	snprintf(q, sizeof q, "Delete key %s?", shown);
	edui_begin();
	int yes = ask_yesno(opt->ui, q);
	enum editor_outcome out = EDITOR_UNCHANGED;
	if (!yes) {
		snprintf(msg->text, sizeof msg->text, "%s not deleted", shown);
		msg->is_error = 0;
	} else {
		snprintf(q, sizeof q, "deleting %s: waiting for the exclusive "
			 "lock", shown);
		struct delete_call d = {table, key};
		int err = waitline_run(opt->ui, q, opt->timeout_ms,
				       delete_call, &d, NULL);
		msg->is_error = err != FLOCKD_OK;
		if (err == FLOCKD_OK) {
			snprintf(msg->text, sizeof msg->text, "deleted %s", shown);
			out = EDITOR_DELETED;
		} else if (err == FLOCKD_ETIMEOUT) {
			snprintf(msg->text, sizeof msg->text,
				 "%s not deleted: the exclusive lock did not "
				 "come within %.1fs (another process holds a "
				 "lock on it)", shown, opt->timeout_ms / 1000.0);
		} else if (err == ECANCELED) {
			snprintf(msg->text, sizeof msg->text, "%s not "
				 "deleted: stopped waiting for the lock", shown);
		} else {
			snprintf(msg->text, sizeof msg->text,
				 "%s not deleted: %s", shown, flockd_strerror(err));
		}
	}
	edui_end();
	return out;
}

/* ----------------------------------------------------- new names */

/* Ask for a new key name until it is valid and free; NULL if cancelled. */
static char *ask_key_name(const struct ui *ui, flockd_table *table,
			  const char *question, const char *initial,
			  const char *same_as, struct editor_message *msg,
			  int *exists_ok)
{
	char *name = NULL, *prev = initial ? strdup(initial) : NULL;
	for (;;) {
		int rc = ask_prompt(ui, question, prev,
				    prev ? msg->text : NULL, &name);
		free(prev);
		prev = NULL;
		if (rc != 1) {
			editor_message_set(msg, 0, "cancelled");
			return NULL;
		}
		char shown[160], err[300];
		editor_escape(name, shown, sizeof shown);
		struct flockd_stat st;
		if (flockd_key_valid(name) != FLOCKD_OK) {
			snprintf(err, sizeof err, "invalid key name \"%s\": "
				 "non-empty, no '/' or NUL, short enough for "
				 "a file name", shown);
		} else if (same_as != NULL && strcmp(name, same_as) == 0) {
			snprintf(err, sizeof err, "that is the key's current name");
		} else if (flockd_key_stat(table, name, &st) == FLOCKD_OK) {
			if (exists_ok != NULL) {
				char q[256];
				snprintf(q, sizeof q, "%s exists. Overwrite it?",
					 shown);
				if (ask_yesno(ui, q)) {
					*exists_ok = 1;
					return name;
				}
			}
			snprintf(err, sizeof err, "%s already exists: pick "
				 "another name", shown);
		} else {
			return name;
		}
		ask_message(ui, err, 1);
		editor_message_set(msg, 1, err);
		prev = name;
		name = NULL;
	}
}

enum editor_outcome editor_new_key(flockd_table *table,
				   const struct editor_options *opt,
				   char **new_key, struct editor_message *msg)
{
	*new_key = NULL;
	if (editor_refuse_read_only(opt, msg, "creating keys"))
		return EDITOR_UNCHANGED;
	edui_begin();
	char *name = ask_key_name(opt->ui, table, "New key name: ", NULL, NULL,
				  msg, NULL);
	enum editor_outcome out = EDITOR_UNCHANGED;
	struct edsession s;
	if (name != NULL && edsession_init(&s, table, name, opt) == 0) {
		s.is_new = 1;
		edsession_say(&s, 0, "new key %s: type its value, Ctrl-S "
			      "creates it", s.key_shown);
		edrecover_offer(&s);
		edview_run(&s);
		out = s.outcome;
		edsession_to_message(&s, msg);
		if (out == EDITOR_CHANGED)
			*new_key = strdup(s.key);
		edsession_done(&s);
	}
	free(name);
	edui_end();
	return out;
}

enum editor_outcome editor_new_table(flockd_db *db,
				     const struct editor_options *opt,
				     char **new_table,
				     struct editor_message *msg)
{
	*new_table = NULL;
	if (editor_refuse_read_only(opt, msg, "creating tables"))
		return EDITOR_UNCHANGED;
	edui_begin();
	enum editor_outcome out = EDITOR_UNCHANGED;
	char *name = NULL;
	if (ask_prompt(opt->ui, "New table name (a/b for nested): ", NULL,
		       NULL, &name) != 1) {
		editor_message_set(msg, 0, "cancelled");
		edui_end();
		return out;
	}
	char shown[160];
	editor_escape(name, shown, sizeof shown);
	flockd_table *t = NULL;
	int err;
	if (name[0] == '\0' || flockd_table_name_valid(name) != FLOCKD_OK) {
		snprintf(msg->text, sizeof msg->text,
			 "invalid table name \"%s\": components separated by "
			 "'/', none empty, \".\" or \"..\"", shown);
		msg->is_error = 1;
	} else if ((err = flockd_table_open(db, name, 0, &t)) == FLOCKD_OK) {
		flockd_table_close(t);
		snprintf(msg->text, sizeof msg->text, "table %s already exists",
			 shown);
		msg->is_error = 1;
	} else if ((err = flockd_table_open(db, name, FLOCKD_TABLE_CREATE,
					    &t)) != FLOCKD_OK) {
		snprintf(msg->text, sizeof msg->text,
			 "table %s not created: %s", shown, flockd_strerror(err));
		msg->is_error = 1;
	} else {
		flockd_table_close(t);
		snprintf(msg->text, sizeof msg->text, "created table %s", shown);
		msg->is_error = 0;
		*new_table = name;
		name = NULL;
		out = EDITOR_CHANGED;
	}
	free(name);
	edui_end();
	return out;
}

struct rename_call {
	flockd_table *table;
	const char *from, *to;
	unsigned flags;
};

static int rename_call(void *arg)
{
	struct rename_call *r = arg;
	return flockd_rename(r->table, r->from, r->table, r->to, r->flags);
}

/* Rename `key` to `name` in one atomic step of the store (size, mode,
 * owner and times carried; exactly one of the two names holds the value
 * whatever happens). */
static enum editor_outcome rename_now(flockd_table *table, const char *key,
				      const char *name, int overwrite,
				      const struct editor_options *opt,
				      struct editor_message *msg)
{
	char from[160], to[160], what[400];
	editor_escape(key, from, sizeof from);
	editor_escape(name, to, sizeof to);
	snprintf(what, sizeof what, "renaming %s to %s: waiting for the "
		 "exclusive lock", from, to);
	struct rename_call r = {table, key, name,
				overwrite ? FLOCKD_RENAME_REPLACE : 0};
	int err = waitline_run(opt->ui, what, opt->timeout_ms, rename_call,
			       &r, NULL);
	msg->is_error = err != FLOCKD_OK;
	if (err == FLOCKD_OK) {
		char warn[300];
		/* a copy across file systems may not keep the owner */
		store_warn_text(flockd_table_warnings(table), to, warn,
				sizeof warn);
		int n = snprintf(msg->text, sizeof msg->text,
				 "renamed %s to %s", from, to);
		if (warn[0] && n > 0 && (size_t)n < sizeof msg->text)
			snprintf(msg->text + n, sizeof msg->text - (size_t)n,
				 "; %s", warn);
		msg->is_error = warn[0] != '\0';
		return EDITOR_CHANGED;
	}
	const char *why = err == FLOCKD_EEXIST ? "it exists now"
		: err == FLOCKD_ENOTFOUND ? "it no longer exists"
		: err == FLOCKD_ETIMEOUT ? "a lock did not come in time "
					   "(another process holds it)"
		: err == ECANCELED ? "stopped waiting for the lock"
		: flockd_strerror(err);
	snprintf(msg->text, sizeof msg->text, "%s not renamed to %s: %s%s%s",
		 from, to, why, flockd_table_installed(table)
		 ? " (the value is under the new name, but may not survive a "
		   "power loss)" : "", "");
	/* whatever happened, the caller shows what is on disk */
	return flockd_table_installed(table) ? EDITOR_CHANGED
					     : EDITOR_UNCHANGED;
}

enum editor_outcome editor_rename_key(flockd_table *table, const char *key,
				      const struct editor_options *opt,
				      char **new_key,
				      struct editor_message *msg)
{
	*new_key = NULL;
	if (editor_refuse_read_only(opt, msg, "renaming keys"))
		return EDITOR_UNCHANGED;
	char q[256], shown[160];
	editor_escape(key, shown, sizeof shown);
	edui_begin();
	snprintf(q, sizeof q, "Rename %s to: ", shown);
	int overwrite = 0;
	char *name = ask_key_name(opt->ui, table, q, key, key, msg,
				  &overwrite);
	enum editor_outcome out = EDITOR_UNCHANGED;
	if (name != NULL) {
		out = rename_now(table, key, name, overwrite, opt, msg);
		*new_key = name;
	}
	edui_end();
	return out;
}
