/* SPDX-License-Identifier: MIT */
/*
 * edsave_flow.c - the save decisions (edsave.h): plain C, the store and the
 * user behind struct edsave_ops.
 */
#include "editor/edsave.h"

#include "common/store_warn.h"
#include "common/textsafe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void escape(const char *name, char *buf, size_t size)
{
	textsafe_name_buf(buf, size, name, strlen(name), textsafe_locale());
}

/* What the store could not keep, added to the message once. */
static void say_warnings(struct edsession *s, const struct edsave_ops *ops,
			 void *ctx)
{
	char text[300];
	if (!store_warn_text(ops->warnings(ctx), s->key_shown, text,
			     sizeof text))
		return;
	size_t o = strlen(s->msg);
	snprintf(s->msg + o, sizeof s->msg - o, "; %s", text);
	s->msg_err = 1;
	ui_log(s->ui, 1, s->msg);
}

/* The session now edits `key` of `table` (NULL: its own table), which
 * holds the buffer: say so. 1, or 0 when it could not be viewed. */
static int go_on_with(struct edsession *s, const struct edsave_ops *ops,
		      void *ctx, const char *table, const char *key)
{
	char keep[sizeof s->msg];
	memcpy(keep, s->msg, sizeof keep);
	int err = ops->switch_key(ctx, table, key);
	if (err)
		return 0;
	memcpy(s->msg, keep, sizeof keep);
	s->msg_err = 0;
	return 1;
}

/* Ask for a new key name (in the session's table, or `table`) and create
 * it with the bytes, then go on editing it. 1 saved, 0 not. */
static int save_as_new_key(struct edsession *s, const struct edsave_ops *ops,
			   void *ctx, const char *table, const void *bytes,
			   size_t len)
{
	char *name = NULL, *retry = NULL;
	const char *initial = s->key;
	while (ops->prompt(ctx, table ? "Save your buffer as key: "
			   : "Save your buffer as new key: ", initial,
			   retry ? s->msg : NULL, &name) == 1) {
		char shown[160];
		escape(name, shown, sizeof shown);
		int valid = flockd_key_valid(name) == FLOCKD_OK;
		int err = !valid ? 0 : table != NULL
			? ops->create_in(ctx, table, name, bytes, len)
			: ops->create(ctx, name, bytes, len);
		if (valid && err == FLOCKD_OK) {
			edsession_say(s, 0, "saved your buffer as new key %s "
				      "(%zu bytes); now editing it", shown,
				      len);
			say_warnings(s, ops, ctx);
			go_on_with(s, ops, ctx, table, name);
			free(name);
			free(retry);
			return 1;
		}
		if (!valid)
			edsession_say(s, 1, "invalid key name \"%s\": it must "
				      "be non-empty, without '/' or NUL, and "
				      "short enough for a file name", shown);
		else if (err == FLOCKD_EEXIST)
			edsession_say(s, 1, "%s already exists: pick another "
				      "name", shown);
		else
			edsession_say(s, 1, "%s: create failed: %s", shown,
				      flockd_strerror(err));
		ops->notice(ctx, s->msg, 1);
		free(retry);
		retry = name;
		initial = retry;
		name = NULL;
	}
	free(name);
	free(retry);
	edsession_say(s, 0, "not saved; your edits are kept");
	return 0;
}

/* Another table (asked for; the session's by default), then a key. */
static int save_to_table(struct edsession *s, const struct edsave_ops *ops,
			 void *ctx, const void *bytes, size_t len)
{
	char *table = NULL;
	const char *initial = s->table ? flockd_table_name(s->table) : "";
	if (ops->prompt(ctx, "Save in table (a/b for nested, empty: the "
			"root): ", initial, NULL, &table) != 1) {
		edsession_say(s, 0, "not saved; your edits are kept");
		return 0;
	}
	int ok = flockd_table_name_valid(table) == FLOCKD_OK;
	if (!ok) {
		char shown[160];
		escape(table, shown, sizeof shown);
		edsession_say(s, 1, "invalid table name \"%s\": not saved",
			      shown);
	} else {
		ok = save_as_new_key(s, ops, ctx, table, bytes, len);
	}
	free(table);
	return ok;
}

static enum edsave_result save_to_file(struct edsession *s,
				       const struct edsave_ops *ops,
				       void *ctx, const void *bytes,
				       size_t len)
{
	char *path = NULL, *prev = NULL;
	while (ops->prompt(ctx, "Save your buffer to file: ", prev,
			   prev ? s->msg : NULL, &path) == 1) {
		char shown[300];
		escape(path, shown, sizeof shown);
		int err = path[0] ? ops->write_file(ctx, path, bytes, len)
				  : EINVAL;
		if (err == 0) {
			edsession_say(s, 0, "saved your buffer to %s (%zu "
				      "bytes); %s is unchanged", shown, len,
				      s->key_shown);
			free(path);
			free(prev);
			return EDSAVE_SAVED_AS;
		}
		edsession_say(s, 1, "%s: not written: %s", shown,
			      err == EEXIST ? "it exists (only a new file is "
			      "written)" : strerror(err));
		ops->notice(ctx, s->msg, 1);
		free(prev);
		prev = path;
		path = NULL;
	}
	free(path);
	free(prev);
	edsession_say(s, 0, "not saved; your edits are kept");
	return EDSAVE_NOT_SAVED;
}

/* The key's table cannot take it (removed, moved) or the user asked:
 * another table, or a file. */
static enum edsave_result elsewhere(struct edsession *s,
				    const struct edsave_ops *ops, void *ctx,
				    const char *why, const void *bytes,
				    size_t len)
{
	static const struct ask_choice choices[] = {
		{KA_SAVE_TO_TABLE, "in a table (this one again by name)"},
		{KA_SAVE_TO_FILE, "to a file"},
		{KA_CANCEL, "cancel"},
	};
	switch (ops->choose(ctx, KV_ELSEWHERE, why, choices, 3)) {
	case KA_SAVE_TO_TABLE:
		if (!save_to_table(s, ops, ctx, bytes, len))
			return EDSAVE_NOT_SAVED;
		s->outcome = EDITOR_CHANGED;
		return EDSAVE_SAVED;
	case KA_SAVE_TO_FILE:
		return save_to_file(s, ops, ctx, bytes, len);
	default:
		edsession_say(s, 0, "not saved; your edits are kept");
		return EDSAVE_NOT_SAVED;
	}
}

/* The key changed on disk since it was opened: nothing was written; the
 * user picks until something is decided. */
static enum edsave_result conflict(struct edsession *s,
				   const struct edsave_ops *ops, void *ctx,
				   const void *bytes, size_t len)
{
	static const struct ask_choice choices[] = {
		{KA_OVERWRITE, "overwrite theirs"},
		{KA_RELOAD_THEIRS, "reload theirs (drop mine)"},
		{KA_SAVE_AS_NEW, "save mine as new key"},
		{KA_SHOW_DIFF, "difference"},
		{KA_CANCEL, "cancel"},
	};
	char q[300];
	snprintf(q, sizeof q, "%s changed on disk since you opened it; "
		 "nothing was written.", s->key_shown);
	for (;;) {
		int err;
		switch (ops->choose(ctx, KV_CONFLICT, q, choices, 5)) {
		case KA_OVERWRITE:
			err = ops->save(ctx, bytes, len, 1);
			if (err == FLOCKD_ECONFLICT)
				continue; /* changed again meanwhile: ask */
			if (err != FLOCKD_OK) {
				edsession_say_error(s, "overwrite", err);
				return EDSAVE_NOT_SAVED;
			}
			s->outcome = EDITOR_CHANGED;
			edsession_say(s, 0, "overwrote %s (%zu bytes)",
				      s->key_shown, len);
			say_warnings(s, ops, ctx);
			return EDSAVE_SAVED;
		case KA_RELOAD_THEIRS:
			err = ops->reload(ctx);
			if (err != FLOCKD_OK) {
				ops->close_view(ctx);
				edsession_say_error(s, "reload", err);
				return EDSAVE_NOT_SAVED;
			}
			edsession_say(s, 0, "reloaded %s from disk: your edits "
				      "were dropped", s->key_shown);
			return EDSAVE_RELOADED;
		case KA_SAVE_AS_NEW:
			if (!save_as_new_key(s, ops, ctx, NULL, bytes, len))
				return EDSAVE_NOT_SAVED;
			s->outcome = EDITOR_CHANGED;
			return EDSAVE_SAVED;
		case KA_SHOW_DIFF:
			ops->show_diff(ctx, bytes, len);
			continue;
		default:
			edsession_say(s, 0, "not saved: %s is unchanged on disk "
				      "(theirs); your edits are kept",
				      s->key_shown);
			return EDSAVE_NOT_SAVED;
		}
	}
}

/* The key was deleted or renamed on disk: there is nothing to reload or
 * overwrite; offer what can work. */
static enum edsave_result gone(struct edsession *s,
			       const struct edsave_ops *ops, void *ctx,
			       const void *bytes, size_t len)
{
	static const struct ask_choice choices[] = {
		{KA_RECREATE, "create it again"},
		{KA_SAVE_AS_NEW, "save as new key"},
		{KA_SAVE_ELSEWHERE, "elsewhere"},
		{KA_DISCARD, "discard mine"},
		{KA_CANCEL, "cancel"},
	};
	char q[300];
	snprintf(q, sizeof q, "%s was deleted or renamed on disk; nothing "
		 "was written.", s->key_shown);
	int err;
	switch (ops->choose(ctx, KV_GONE, q, choices, 5)) {
	case KA_RECREATE:
		err = ops->create(ctx, s->key, bytes, len);
		if (err == FLOCKD_EEXIST) {
			edsession_say(s, 1, "%s exists again (created by "
				      "someone else): not overwritten; save "
				      "again to compare", s->key_shown);
			ops->close_view(ctx);
			return EDSAVE_NOT_SAVED;
		}
		if (err) {
			edsession_say_error(s, "create", err);
			return EDSAVE_NOT_SAVED;
		}
		edsession_say(s, 0, "created %s again (%zu bytes)",
			      s->key_shown, len);
		say_warnings(s, ops, ctx);
		go_on_with(s, ops, ctx, NULL, s->key);
		s->outcome = EDITOR_CHANGED;
		return EDSAVE_SAVED;
	case KA_SAVE_AS_NEW:
		if (!save_as_new_key(s, ops, ctx, NULL, bytes, len))
			return EDSAVE_NOT_SAVED;
		s->outcome = EDITOR_CHANGED;
		return EDSAVE_SAVED;
	case KA_SAVE_ELSEWHERE:
		return elsewhere(s, ops, ctx, "Save your buffer:", bytes, len);
	case KA_DISCARD:
		edsession_say(s, 0, "discarded your edits of %s", s->key_shown);
		return EDSAVE_DISCARDED;
	default:
		edsession_say(s, 0, "not saved; your edits are kept");
		return EDSAVE_NOT_SAVED;
	}
}

/* A key that does not exist yet (new key, or one deleted under us). */
static enum edsave_result create_key(struct edsession *s,
				     const struct edsave_ops *ops, void *ctx,
				     const void *bytes, size_t len)
{
	int err = ops->create(ctx, s->key, bytes, len);
	if (err == FLOCKD_EEXIST) {
		edsession_say(s, 1, "%s was created by someone else meanwhile",
			      s->key_shown);
		ops->notice(ctx, s->msg, 1);
		if (!save_as_new_key(s, ops, ctx, NULL, bytes, len))
			return EDSAVE_NOT_SAVED;
	} else if (err) {
		edsession_say_error(s, "create", err);
		return EDSAVE_NOT_SAVED;
	} else {
		edsession_say(s, 0, "created %s (%zu bytes)", s->key_shown,
			      len);
		go_on_with(s, ops, ctx, NULL, s->key);
	}
	s->outcome = EDITOR_CHANGED;
	s->is_new = 0;
	return EDSAVE_SAVED;
}

/* The view was lost (a failed reload): the key may be back; replace or
 * create it only when the user says so. */
static enum edsave_result without_view(struct edsession *s,
				       const struct edsave_ops *ops,
				       void *ctx, const void *bytes,
				       size_t len)
{
	if (!ops->yesno(ctx, "This key's view was closed. Create or "
			"replace it with your buffer?")) {
		edsession_say(s, 0, "not saved");
		return EDSAVE_NOT_SAVED;
	}
	int err = ops->set(ctx, bytes, len);
	if (err) {
		edsession_say_error(s, "save", err);
		return EDSAVE_NOT_SAVED;
	}
	s->outcome = EDITOR_CHANGED;
	ops->open_view(ctx);
	edsession_say(s, 0, "saved %s (%zu bytes)", s->key_shown, len);
	say_warnings(s, ops, ctx);
	return EDSAVE_SAVED;
}

static enum edsave_result timed_out(struct edsession *s,
				    const struct edsave_ops *ops, void *ctx)
{
	char key[KEYCODE_NAME_MAX], who[300];
	edsession_key_hint(s, KA_SAVE, key, sizeof key);
	ops->holders(ctx, who, sizeof who);
	edsession_say(s, 1, "%s: not saved: the exclusive lock did not come "
		      "within %.1fs (%s%s); your edits are kept%s%s%s",
		      s->key_shown, s->timeout_ms / 1000.0,
		      who[0] ? "held by " : "another process holds a lock",
		      who, key[0] ? ", " : "", key, key[0] ? " retries" : "");
	return EDSAVE_NOT_SAVED;
}

enum edsave_result edsave_flow(struct edsession *s,
			       const struct edsave_ops *ops, void *ctx,
			       const void *bytes, size_t len)
{
	char wait[256];
	if (s->read_only) {
		edsession_say(s, 1, "read-only mode: %s cannot be saved",
			      s->key_shown);
		return EDSAVE_NOT_SAVED;
	}
	if (ops->table_gone(ctx)) {
		char q[400], tshown[160];
		escape(s->table ? flockd_table_name(s->table) : "", tshown,
		       sizeof tshown);
		snprintf(q, sizeof q, "The directory of table %s was "
			 "removed or moved: nothing was written. Save your "
			 "buffer", tshown[0] ? tshown : "(root)");
		return elsewhere(s, ops, ctx, q, bytes, len);
	}
	if (s->is_new)
		return create_key(s, ops, ctx, bytes, len);
	if (!ops->has_view(ctx))
		return without_view(s, ops, ctx, bytes, len);
	snprintf(wait, sizeof wait, "saving %s: waiting for the exclusive "
		 "lock", s->key_shown);
	ops->notice(ctx, wait, 0);
	int err = ops->save(ctx, bytes, len, 0);
	switch (err) {
	case FLOCKD_OK:
		s->outcome = EDITOR_CHANGED;
		edsession_say(s, 0, "saved %s (%zu bytes)", s->key_shown, len);
		say_warnings(s, ops, ctx);
		return EDSAVE_SAVED;
	case FLOCKD_ECONFLICT:
		if (ops->key_gone(ctx))
			return gone(s, ops, ctx, bytes, len);
		return conflict(s, ops, ctx, bytes, len);
	case FLOCKD_ETIMEOUT:
		return timed_out(s, ops, ctx);
	default:
		edsession_say_error(s, "save", err);
		return EDSAVE_NOT_SAVED;
	}
}
