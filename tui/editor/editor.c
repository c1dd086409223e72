/* SPDX-License-Identifier: MIT */
/*
 * editor.c - the editor's entry points for the browser (editor.h): open a
 * value in the editor screen, hand it to $EDITOR. Each runs modally and
 * leaves a message. Deleting, creating and renaming keys and creating
 * tables are editor_keys.c.
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
#include "ui/keyin.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum editor_outcome editor_open_value(flockd_table *table, const char *key,
				      const struct editor_options *opt,
				      struct editor_message *msg)
{
	struct edsession s;
	if (edsession_init(&s, table, key, opt)) {
		editor_message_set(msg, 1, "out of memory");
		return EDITOR_ERROR;
	}
	edui_begin();
	enum editor_outcome out;
	if (edsession_open_view(&s) != FLOCKD_OK) {
		out = EDITOR_ERROR;
	} else {
		if (!s.read_only)
			edrecover_offer(&s);
		edview_run(&s);
		if (s.msg[0] == '\0')
			edsession_say(&s, 0, "closed %s%s", s.key_shown,
				      s.outcome == EDITOR_DELETED ? ""
				      : " (shared lock released)");
		out = s.outcome;
	}
	edsession_to_message(&s, msg);
	edsession_done(&s);
	edui_end();
	return out;
}

/* ------------------------------------------------------ $EDITOR */

static void ext_suspend(void *ctx)
{
	(void)ctx;
	keyin_set_paste(0);
	def_prog_mode();
	endwin();
}

static void ext_resume(void *ctx)
{
	(void)ctx;
	reset_prog_mode();
	keyin_set_paste(1);
	clearok(curscr, TRUE);
	refresh();
}

/* After $EDITOR ran on the copy at `path`: save what it left, keeping the
 * copy until its text is safe (saved, or the user chose to drop it). */
static void after_external(struct edsession *s, const char *cmd, int status,
			   const void *val, size_t len, const void *edited,
			   size_t elen, const char *path)
{
	char where[300];
	textsafe_name_buf(where, sizeof where, path, strlen(path),
			  textsafe_locale());
	int same = elen == len && memcmp(edited, val, len) == 0;
	if (same) {
		extedit_remove(path);
		if (status != 0)
			edsession_say(s, 1, "%s exited with status %d: %s not "
				      "saved", cmd, status, s->key_shown);
		else
			edsession_say(s, 0, "%s: no changes", s->key_shown);
		return;
	}
	if (status != 0) {
		edsession_say(s, 1, "%s exited with status %d: %s not saved; "
			      "your text is in %s", cmd, status, s->key_shown,
			      where);
		return;
	}
	switch (edsave_run(s, edited, elen)) {
	case EDSAVE_SAVED:
	case EDSAVE_SAVED_AS:
		extedit_remove(path);
		break;
	case EDSAVE_RELOADED:
	case EDSAVE_DISCARDED:
		extedit_remove(path);
		edsession_say(s, 0, "kept theirs: your edit of %s was dropped",
			      s->key_shown);
		break;
	default: {
		/* never thrown away: say where the text is */
		size_t o = strlen(s->msg);
		snprintf(s->msg + o, sizeof s->msg - o, "; your text is in %s",
			 where);
		ui_log(s->ui, 1, s->msg);
		break;
	}
	}
}

enum editor_outcome editor_external(flockd_table *table, const char *key,
				    const struct editor_options *opt,
				    struct editor_message *msg)
{
	if (editor_refuse_read_only(opt, msg, "editing with $EDITOR"))
		return EDITOR_UNCHANGED;
	struct edsession s;
	if (edsession_init(&s, table, key, opt)) {
		editor_message_set(msg, 1, "out of memory");
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
		char path[PATH_MAX] = "";
		char cmd[128];
		const char *editor = extedit_command();
		editor_escape(editor, cmd, sizeof cmd);
		int err = extedit_run(val, len, key, &hooks, &status, &edited,
				      &elen, path);
		if (err && path[0] != '\0' && access(path, F_OK) == 0) {
			char where[300];
			editor_escape(path, where, sizeof where);
			edsession_say(&s, 1, "%s: cannot read back what %s "
				      "left: %s; your text is in %s",
				      s.key_shown, cmd, strerror(err), where);
		} else if (err) {
			edsession_say(&s, 1, "%s: could not run %s: %s",
				      s.key_shown, cmd, strerror(err));
		} else {
			after_external(&s, cmd, status, val, len, edited, elen,
				       path);
		}
		out = s.outcome;
		free(edited);
	}
	edsession_to_message(&s, msg);
	edsession_done(&s);
	edui_end();
	return out;
}

