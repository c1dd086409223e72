/*
 * edsave_flow.c - the save decisions (edsave.h): plain C, the store and the
 * user behind struct edsave_ops.
 */
#include "editor/edsave.h"

#include "common/textsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ask for a new key name and create it with the bytes. 1 saved (its name
 * in *saved_name, malloc'd), 0 not. */
static int save_as_new_key(struct edsession *s, const struct edsave_ops *ops,
			   void *ctx, const void *bytes, size_t len,
			   char **saved_name)
{
	char *name = NULL, *retry = NULL;
	const char *initial = s->key;
	while (ops->prompt(ctx, "Save your buffer as new key: ", initial,
			   retry ? s->msg : NULL, &name) == 1) {
		char shown[160];
		textsafe_name_buf(shown, sizeof shown, name, strlen(name),
				  textsafe_locale());
		int valid = flockd_key_valid(name) == FLOCKD_OK;
		int err = valid ? ops->create(ctx, name, bytes, len) : 0;
		if (valid && err == FLOCKD_OK) {
			edsession_say(s, 0, "saved your buffer as new key %s "
				      "(%zu bytes)", shown, len);
			*saved_name = name;
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
	edsession_say(s, 0, "not saved");
	return 0;
}

/* The key changed on disk since it was opened: nothing was written; the
 * user picks until something is decided. */
static enum edsave_result conflict(struct edsession *s,
				   const struct edsave_ops *ops, void *ctx,
				   const void *bytes, size_t len)
{
	char q[300];
	snprintf(q, sizeof q, "%s changed on disk since you opened it; "
		 "nothing was written.", s->key_shown);
	for (;;) {
		int err;
		char *name = NULL;
		switch (ops->choose(ctx, q)) {
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
			if (!save_as_new_key(s, ops, ctx, bytes, len, &name))
				return EDSAVE_NOT_SAVED;
			free(name);
			s->outcome = EDITOR_CHANGED;
			return EDSAVE_SAVED_AS;
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
		char *name = NULL;
		if (!save_as_new_key(s, ops, ctx, bytes, len, &name))
			return EDSAVE_NOT_SAVED;
		err = edsession_set_key(s, name);
		free(name);
		if (err)
			return EDSAVE_NOT_SAVED;
	} else if (err) {
		edsession_say_error(s, "create", err);
		return EDSAVE_NOT_SAVED;
	} else {
		edsession_say(s, 0, "created %s (%zu bytes)", s->key_shown,
			      len);
	}
	s->outcome = EDITOR_CHANGED;
	s->is_new = 0;
	/* keep viewing it under a shared lock, as for any opened key */
	char keep[sizeof s->msg];
	memcpy(keep, s->msg, sizeof keep);
	if (ops->open_view(ctx) == FLOCKD_OK)
		memcpy(s->msg, keep, sizeof keep);
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
	return EDSAVE_SAVED;
}

enum edsave_result edsave_flow(struct edsession *s,
			       const struct edsave_ops *ops, void *ctx,
			       const void *bytes, size_t len)
{
	char wait[256], key[KEYCODE_NAME_MAX];
	if (s->read_only) {
		edsession_say(s, 1, "read-only mode: %s cannot be saved",
			      s->key_shown);
		return EDSAVE_NOT_SAVED;
	}
	if (s->is_new)
		return create_key(s, ops, ctx, bytes, len);
	if (!ops->has_view(ctx))
		return without_view(s, ops, ctx, bytes, len);
	snprintf(wait, sizeof wait, "saving %s: waiting for the exclusive "
		 "lock (up to %.1fs)...", s->key_shown, s->timeout_ms / 1000.0);
	ops->notice(ctx, wait, 0);
	int err = ops->save(ctx, bytes, len, 0);
	switch (err) {
	case FLOCKD_OK:
		s->outcome = EDITOR_CHANGED;
		edsession_say(s, 0, "saved %s (%zu bytes)", s->key_shown, len);
		return EDSAVE_SAVED;
	case FLOCKD_ECONFLICT:
		return conflict(s, ops, ctx, bytes, len);
	case FLOCKD_ETIMEOUT:
		edsession_key_hint(s, KA_SAVE, key, sizeof key);
		edsession_say(s, 1, "%s: not saved: the exclusive lock did not "
			      "come within %.1fs (another process holds a "
			      "lock); your edits are kept%s%s%s", s->key_shown,
			      s->timeout_ms / 1000.0, key[0] ? ", " : "", key,
			      key[0] ? " retries" : "");
		return EDSAVE_NOT_SAVED;
	default:
		edsession_say_error(s, "save", err);
		return EDSAVE_NOT_SAVED;
	}
}
