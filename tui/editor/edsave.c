/* edsave.c - saving through the view session, and the conflict dialog:
 * overwrite, reload theirs, save mine under a new key, show the
 * difference. */
#include "editor/dialog.h"
#include "editor/edsession.h"

#include "common/hexdump.h"
#include "common/linediff.h"
#include "common/textsafe.h"
#include "common/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- the diff */

struct diff_view {
	struct linediff d;
	const char *title_a, *title_b;
	int binary;
};

static int diff_line(size_t i, char *buf, size_t size, enum edui_role *role,
		     unsigned *flags, void *ctx)
{
	struct diff_view *dv = ctx;
	if (i == 0) {
		snprintf(buf, size, "--- %s", dv->title_a);
		*role = EDUI_DIFF_DEL;
		return 0;
	}
	if (i == 1) {
		snprintf(buf, size, "+++ %s", dv->title_b);
		*role = EDUI_DIFF_ADD;
		return 0;
	}
	if (dv->d.n == 0) {
		snprintf(buf, size, "(no difference%s)",
			 dv->binary ? " in the bytes" : "");
		return 0;
	}
	const struct linediff_line *l = &dv->d.lines[i - 2];
	if (l->tag == LINEDIFF_HUNK) {
		linediff_hunk_header(l, buf, size);
		*role = EDUI_DIFF_HUNK;
		return 0;
	}
	*role = l->tag == LINEDIFF_ADD ? EDUI_DIFF_ADD
		: l->tag == LINEDIFF_DEL ? EDUI_DIFF_DEL : EDUI_NORMAL;
	/* the line as the value has it (cut to the buffer), shown as the
	 * editor shows values */
	*flags = TEXTSAFE_VALUE;
	snprintf(buf, size, "%c%.*s%s", (char)l->tag,
		 l->len > size ? (int)size : (int)l->len,
		 (const char *)l->text,
		 l->no_newline ? "  \\ no newline at end" : "");
	return 0;
}

void edsave_show_diff(struct edsession *s, const void *bytes, size_t len)
{
	void *theirs = NULL;
	size_t tlen = 0;
	int err = flockd_view_read_current(s->view, &theirs, &tlen);
	if (err) {
		edsession_say_error(s, "reading the value on disk", err);
		return;
	}
	struct diff_view dv;
	memset(&dv, 0, sizeof dv);
	char *ha = NULL, *hb = NULL;
	size_t na = 0, nb = 0;
	dv.binary = !utf8_is_text(theirs, tlen) || !utf8_is_text(bytes, len);
	if (dv.binary) {
		/* no offsets: an inserted byte shifts rows instead of
		 * changing every offset after it */
		const struct hexdump_layout lay = {16, 0};
		err = hexdump_text(theirs, tlen, &lay, &ha, &na);
		if (!err)
			err = hexdump_text(bytes, len, &lay, &hb, &nb);
		if (!err)
			err = linediff_compute(ha, na, hb, nb, 3, 0, &dv.d);
	} else {
		err = linediff_compute(theirs, tlen, bytes, len, 3, 0, &dv.d);
	}
	if (err) {
		edsession_say_error(s, "computing the difference", err);
	} else {
		char ta[256], tb[256], title[300];
		snprintf(ta, sizeof ta, "%s on disk now (theirs, %zu bytes)%s",
			 s->key_shown, tlen, dv.binary ? ", hex" : "");
		snprintf(tb, sizeof tb, "your buffer (mine, %zu bytes)", len);
		snprintf(title, sizeof title, " Difference: %s  (-%zu +%zu lines)",
			 s->key_shown, dv.d.deleted, dv.d.added);
		dv.title_a = ta;
		dv.title_b = tb;
		dialog_pager(title, 2 + (dv.d.n ? dv.d.n : 1), diff_line, &dv);
	}
	linediff_free(&dv.d);
	free(ha);
	free(hb);
	free(theirs);
}

/* ------------------------------------------------------------ new keys */

/* Ask for a new key name and create it with the bytes. 1 saved, 0 not. */
static int save_as_new_key(struct edsession *s, const void *bytes, size_t len,
			   char **saved_name)
{
	char *name = NULL;
	const char *initial = s->key;
	char *retry = NULL;
	for (;;) {
		free(name);
		name = NULL;
		if (dialog_prompt("Save your buffer as new key: ", initial,
				  retry ? s->msg : NULL, &name) != 1)
			break;
		char shown[160];
		textsafe_name_buf(shown, sizeof shown, name, strlen(name),
				  textsafe_locale());
		if (flockd_key_valid(name) != FLOCKD_OK) {
			edsession_say(s, 1, "invalid key name \"%s\": it must "
				      "be non-empty, without '/' or NUL, and "
				      "short enough for a file name", shown);
		} else {
			int err = flockd_create(s->table, name, bytes, len);
			if (err == FLOCKD_OK) {
				edsession_say(s, 0, "saved your buffer as new "
					      "key %s (%zu bytes)", shown, len);
				*saved_name = name;
				free(retry);
				return 1;
			}
			if (err == FLOCKD_EEXIST)
				edsession_say(s, 1, "%s already exists: pick "
					      "another name", shown);
			else {
				edsession_say(s, 1, "%s: create failed: %s",
					      shown, flockd_strerror(err));
			}
		}
		dialog_message(s->msg, 1);
		free(retry);
		retry = strdup(name);
		initial = retry;
	}
	free(name);
	free(retry);
	edsession_say(s, 0, "not saved");
	return 0;
}

/* ------------------------------------------------------------- saving */

static enum edsave_result conflict(struct edsession *s, const void *bytes,
				   size_t len)
{
	static const struct dialog_choice choices[] = {
		{ 'o', "[o]verwrite theirs" },
		{ 'r', "[r]eload theirs (drop mine)" },
		{ 'n', "save mine as [n]ew key" },
		{ 'd', "[d]ifference" },
		{ 'c', "[c]ancel" },
	};
	char q[300];
	snprintf(q, sizeof q, "%s changed on disk since you opened it; "
		 "nothing was written.", s->key_shown);
	for (;;) {
		int c = dialog_choose(q, choices, 5);
		int err;
		switch (c) {
		case 0:
			err = flockd_view_save(s->view, bytes, len,
					       FLOCKD_SAVE_FORCE);
			if (err == FLOCKD_OK) {
				s->outcome = EDITOR_CHANGED;
				edsession_say(s, 0, "overwrote %s (%zu bytes)",
					      s->key_shown, len);
				return EDSAVE_SAVED;
			}
			if (err == FLOCKD_ECONFLICT)
				continue; /* changed again meanwhile: ask */
			edsession_say_error(s, "overwrite", err);
			return EDSAVE_NOT_SAVED;
		case 1:
			err = flockd_view_reload(s->view);
			if (err) {
				flockd_view_close(s->view);
				s->view = NULL;
				edsession_say_error(s, "reload", err);
				return EDSAVE_NOT_SAVED;
			}
			edsession_say(s, 0, "reloaded %s from disk: your edits "
				      "were dropped", s->key_shown);
			return EDSAVE_RELOADED;
		case 2: {
			char *name = NULL;
			if (save_as_new_key(s, bytes, len, &name)) {
				free(name);
				s->outcome = EDITOR_CHANGED;
				return EDSAVE_SAVED_AS;
			}
			return EDSAVE_NOT_SAVED;
		}
		case 3:
			edsave_show_diff(s, bytes, len);
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
static enum edsave_result create_key(struct edsession *s, const void *bytes,
				     size_t len)
{
	int err = flockd_create(s->table, s->key, bytes, len);
	if (err == FLOCKD_EEXIST) {
		edsession_say(s, 1, "%s was created by someone else meanwhile",
			      s->key_shown);
		dialog_message(s->msg, 1);
		char *name = NULL;
		if (!save_as_new_key(s, bytes, len, &name))
			return EDSAVE_NOT_SAVED;
		int e2 = edsession_set_key(s, name);
		free(name);
		if (e2)
			return EDSAVE_NOT_SAVED;
		err = FLOCKD_OK;
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
	if (edsession_open_view(s) == FLOCKD_OK)
		memcpy(s->msg, keep, sizeof keep);
	return EDSAVE_SAVED;
}

enum edsave_result edsave_run(struct edsession *s, const void *bytes,
			      size_t len)
{
	if (s->read_only) {
		edsession_say(s, 1, "read-only mode: %s cannot be saved",
			      s->key_shown);
		return EDSAVE_NOT_SAVED;
	}
	if (s->is_new)
		return create_key(s, bytes, len);
	if (s->view == NULL) {
		/* the view was lost (a failed reload): the key may be back */
		if (dialog_yesno("This key's view was closed. Create or "
				 "replace it with your buffer?")) {
			int err = flockd_set(s->table, s->key, bytes, len);
			if (err) {
				edsession_say_error(s, "save", err);
				return EDSAVE_NOT_SAVED;
			}
			s->outcome = EDITOR_CHANGED;
			edsession_open_view(s);
			edsession_say(s, 0, "saved %s (%zu bytes)",
				      s->key_shown, len);
			return EDSAVE_SAVED;
		}
		edsession_say(s, 0, "not saved");
		return EDSAVE_NOT_SAVED;
	}
	char wait[256];
	snprintf(wait, sizeof wait, "saving %s: waiting for the exclusive "
		 "lock (up to %.1fs)...", s->key_shown, s->timeout_ms / 1000.0);
	dialog_message(wait, 0);
	int err = flockd_view_save(s->view, bytes, len, 0);
	switch (err) {
	case FLOCKD_OK:
		s->outcome = EDITOR_CHANGED;
		edsession_say(s, 0, "saved %s (%zu bytes)", s->key_shown, len);
		return EDSAVE_SAVED;
	case FLOCKD_ECONFLICT:
		return conflict(s, bytes, len);
	case FLOCKD_ETIMEOUT:
		edsession_say(s, 1, "%s: not saved: the exclusive lock did not "
			      "come within %.1fs (another process holds a "
			      "lock); your edits are kept, Ctrl-S retries",
			      s->key_shown, s->timeout_ms / 1000.0);
		return EDSAVE_NOT_SAVED;
	default:
		edsession_say_error(s, "save", err);
		return EDSAVE_NOT_SAVED;
	}
}
