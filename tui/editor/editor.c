/*
 * editor.c - the editor's entry points for the browser (editor.h): open a
 * value in the editor screen, hand it to $EDITOR, delete, create and rename
 * keys, create tables. Each runs modally and leaves a message.
 */
#include "editor/editor.h"
#include "editor/edsave.h"
#include "editor/edsession.h"
#include "editor/edui.h"
#include "editor/edview.h"
#include "editor/extedit.h"

#include "common/curses_ui.h"
#include "common/textsafe.h"
#include "ui/ask.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_msg(const struct edsession *s, struct editor_message *msg)
{
	snprintf(msg->text, sizeof msg->text, "%s", s->msg);
	msg->is_error = s->msg_err;
}

static void set_msg(struct editor_message *msg, int is_error, const char *text)
{
	snprintf(msg->text, sizeof msg->text, "%s", text);
	msg->is_error = is_error;
}

static void escape_name(const char *name, char *buf, size_t size)
{
	textsafe_name_buf(buf, size, name, strlen(name), textsafe_locale());
}

static int refuse_ro(const struct editor_options *opt,
		     struct editor_message *msg, const char *what)
{
	if (!opt->read_only)
		return 0;
	snprintf(msg->text, sizeof msg->text,
		 "read-only mode (-r): %s is disabled", what);
	msg->is_error = 1;
	return 1;
}

enum editor_outcome editor_open_value(flockd_table *table, const char *key,
				      const struct editor_options *opt,
				      struct editor_message *msg)
{
	struct edsession s;
	if (edsession_init(&s, table, key, opt)) {
		set_msg(msg, 1, "out of memory");
		return EDITOR_ERROR;
	}
	edui_begin();
	enum editor_outcome out;
	if (edsession_open_view(&s) != FLOCKD_OK) {
		out = EDITOR_ERROR;
	} else {
		edview_run(&s);
		if (s.msg[0] == '\0')
			edsession_say(&s, 0, "closed %s%s", s.key_shown,
				      s.outcome == EDITOR_DELETED ? ""
				      : " (shared lock released)");
		out = s.outcome;
	}
	copy_msg(&s, msg);
	edsession_done(&s);
	edui_end();
	return out;
}

/* ------------------------------------------------------ $EDITOR */

static void ext_suspend(void *ctx)
{
	(void)ctx;
	def_prog_mode();
	endwin();
}

static void ext_resume(void *ctx)
{
	(void)ctx;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}

enum editor_outcome editor_external(flockd_table *table, const char *key,
				    const struct editor_options *opt,
				    struct editor_message *msg)
{
	if (refuse_ro(opt, msg, "editing with $EDITOR"))
		return EDITOR_UNCHANGED;
	struct edsession s;
	if (edsession_init(&s, table, key, opt)) {
		set_msg(msg, 1, "out of memory");
		return EDITOR_ERROR;
	}
	edui_begin();
	enum editor_outcome out = EDITOR_ERROR;
	if (edsession_open_view(&s) == FLOCKD_OK) {
		size_t len;
		const void *val = flockd_view_value(s.view, &len);
		struct extedit_hooks hooks = { ext_suspend, ext_resume, NULL };
		void *edited = NULL;
		size_t elen = 0;
		int status = -1;
		char path[PATH_MAX];
		char cmd[128];
		const char *editor = extedit_command();
		escape_name(editor, cmd, sizeof cmd);
		int err = extedit_run(val, len, key, &hooks, &status, &edited,
				      &elen, path);
		out = EDITOR_UNCHANGED;
		if (err) {
			edsession_say(&s, 1, "%s: could not run %s: %s",
				      s.key_shown, cmd, strerror(err));
		} else if (status != 0) {
			edsession_say(&s, 1, "%s exited with status %d: %s "
				      "not saved", cmd, status, s.key_shown);
		} else if (elen == len && memcmp(edited, val, len) == 0) {
			edsession_say(&s, 0, "%s: no changes", s.key_shown);
		} else {
			enum edsave_result r = edsave_run(&s, edited, elen);
			if (r == EDSAVE_RELOADED)
				edsession_say(&s, 0, "kept theirs: your edit of "
					      "%s was dropped", s.key_shown);
			out = s.outcome;
		}
		free(edited);
	} else {
		out = EDITOR_ERROR;
	}
	copy_msg(&s, msg);
	edsession_done(&s);
	edui_end();
	return out;
}

/* ------------------------------------------------------- delete */

enum editor_outcome editor_delete_key(flockd_table *table, const char *key,
				      const struct editor_options *opt,
				      struct editor_message *msg)
{
	if (refuse_ro(opt, msg, "deleting keys"))
		return EDITOR_UNCHANGED;
	char shown[160], q[256];
	escape_name(key, shown, sizeof shown);
	snprintf(q, sizeof q, "Delete key %s?", shown);
	edui_begin();
	int yes = ask_yesno(opt->ui, q);
	enum editor_outcome out = EDITOR_UNCHANGED;
	if (!yes) {
		snprintf(msg->text, sizeof msg->text, "%s not deleted", shown);
		msg->is_error = 0;
	} else {
		snprintf(q, sizeof q, "deleting %s: waiting for the exclusive "
			 "lock (up to %.1fs)...", shown, opt->timeout_ms / 1000.0);
		ask_message(opt->ui, q, 0);
		int err = flockd_delete(table, key);
		if (err == FLOCKD_OK) {
			snprintf(msg->text, sizeof msg->text, "deleted %s", shown);
			msg->is_error = 0;
			out = EDITOR_DELETED;
		} else if (err == FLOCKD_ETIMEOUT) {
			snprintf(msg->text, sizeof msg->text,
				 "%s not deleted: the exclusive lock did not "
				 "come within %.1fs (another process holds a "
				 "lock on it)", shown, opt->timeout_ms / 1000.0);
			msg->is_error = 1;
		} else {
			snprintf(msg->text, sizeof msg->text,
				 "%s not deleted: %s", shown, flockd_strerror(err));
			msg->is_error = 1;
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
			set_msg(msg, 0, "cancelled");
			return NULL;
		}
		char shown[160], err[300];
		escape_name(name, shown, sizeof shown);
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
		set_msg(msg, 1, err);
		prev = name;
		name = NULL;
	}
}

enum editor_outcome editor_new_key(flockd_table *table,
				   const struct editor_options *opt,
				   char **new_key, struct editor_message *msg)
{
	*new_key = NULL;
	if (refuse_ro(opt, msg, "creating keys"))
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
		edview_run(&s);
		out = s.outcome;
		copy_msg(&s, msg);
		if (out == EDITOR_CHANGED)
			*new_key = strdup(s.key);
		edsession_done(&s);
	}
	free(name);
	edui_end();
	return out;
}

/* Copy the session's key (viewed under its shared lock) to `name`, then
 * delete the old key through the view. */
static enum editor_outcome copy_then_delete(struct edsession *s,
					    const char *name, int overwrite,
					    struct editor_message *msg)
{
	char shown[160];
	size_t len;
	escape_name(name, shown, sizeof shown);
	const void *val = flockd_view_value(s->view, &len);
	int err = overwrite ? flockd_set(s->table, name, val, len)
			    : flockd_create(s->table, name, val, len);
	if (err) {
		snprintf(msg->text, sizeof msg->text, "%s not renamed: "
			 "creating %s failed: %s", s->key_shown, shown,
			 err == FLOCKD_EEXIST ? "it exists now"
			 : err == FLOCKD_ETIMEOUT ? "its lock did not come in time"
			 : flockd_strerror(err));
		msg->is_error = 1;
		return EDITOR_UNCHANGED;
	}
	err = flockd_view_delete(s->view, 0);
	msg->is_error = err != FLOCKD_OK;
	if (err == FLOCKD_OK)
		snprintf(msg->text, sizeof msg->text, "renamed %s to %s",
			 s->key_shown, shown);
	else
		snprintf(msg->text, sizeof msg->text,
			 "created %s, but %s was kept: %s", shown, s->key_shown,
			 err == FLOCKD_ECONFLICT
			 ? "it changed while being copied; compare the two"
			 : err == FLOCKD_ETIMEOUT
			 ? "its exclusive lock did not come in time"
			 : flockd_strerror(err));
	return EDITOR_CHANGED;
}

enum editor_outcome editor_rename_key(flockd_table *table, const char *key,
				      const struct editor_options *opt,
				      char **new_key,
				      struct editor_message *msg)
{
	*new_key = NULL;
	if (refuse_ro(opt, msg, "renaming keys"))
		return EDITOR_UNCHANGED;
	struct edsession s;
	if (edsession_init(&s, table, key, opt)) {
		set_msg(msg, 1, "out of memory");
		return EDITOR_ERROR;
	}
	edui_begin();
	char q[256];
	snprintf(q, sizeof q, "Rename %s to: ", s.key_shown);
	int overwrite = 0;
	char *name = ask_key_name(opt->ui, table, q, key, key, msg,
				  &overwrite);
	enum editor_outcome out = EDITOR_UNCHANGED;
	if (name != NULL && edsession_open_view(&s) != FLOCKD_OK) {
		/* the old key could not be held under a shared lock */
		copy_msg(&s, msg);
		out = EDITOR_ERROR;
	} else if (name != NULL) {
		out = copy_then_delete(&s, name, overwrite, msg);
		if (out == EDITOR_CHANGED) {
			*new_key = name;
			name = NULL;
		}
	}
	free(name);
	edsession_done(&s);
	edui_end();
	return out;
}
