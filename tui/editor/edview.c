/* edview.c - the editor screen's input loop: keys to actions on the
 * document, the lock poll, saving, closing and deleting. */
#include "editor/edview.h"
#include "editor/dialog.h"
#include "editor/edsearch.h"
#include "editor/edui.h"
#include "editor/motion.h"
#include "editor/textcell.h"

#include "common/curses_ui.h"
#include "common/textsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void load_from_view(struct edview *v)
{
	size_t len = 0;
	const void *val = flockd_view_value(v->s->view, &len);
	if (edbuf_reset(&v->eb, val, len)) {
		edview_say_nomem(v);
		return;
	}
	if (v->cursor > len)
		v->cursor = len;
	if (!v->hex)
		v->cursor = edview_snap_to_cell(&v->eb.gb, v->cursor);
	v->nibble = 0;
	v->disk_state = 0;
}

static void do_reload(struct edview *v)
{
	struct edsession *s = v->s;
	if (s->view == NULL || s->is_new) {
		edsession_say(s, 1, "%s: nothing to reload", s->key_shown);
		return;
	}
	int err = flockd_view_reload(s->view);
	if (err) {
		flockd_view_close(s->view);
		s->view = NULL;
		edsession_say_error(s, "reload", err);
		return;
	}
	load_from_view(v);
	edsession_say(s, 0, "reloaded %s from disk", s->key_shown);
}

/* -------------------------------------------------- polling the disk */

static void poll_disk(struct edview *v)
{
	struct edsession *s = v->s;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (now.tv_sec - v->last_check.tv_sec) * 1000 +
		  (now.tv_nsec - v->last_check.tv_nsec) / 1000000;
	if (s->view == NULL || ms < 900)
		return;
	v->last_check = now;
	int st = flockd_view_check(s->view);
	if (st != FLOCKD_ECONFLICT && st != FLOCKD_ENOTFOUND) {
		if (st == FLOCKD_OK)
			v->disk_state = 0;
		return;
	}
	if (st == v->disk_state)
		return;
	v->disk_state = st;
	if (st == FLOCKD_ENOTFOUND) {
		edsession_say(s, 1, "%s was deleted on disk by a program that "
			      "ignores locks; Ctrl-S offers to create it again",
			      s->key_shown);
		return;
	}
	edsession_say(s, 1, "%s was replaced on disk by a program that "
		      "ignores locks (rsync, Syncthing?)", s->key_shown);
	edview_draw(v);
	static const struct dialog_choice choices[] = {
		{ 'r', "[r]eload theirs" },
		{ 'k', "[k]eep mine (Ctrl-S will ask)" },
	};
	char q[300];
	snprintf(q, sizeof q, "%s changed on disk behind the lock%s:",
		 s->key_shown,
		 edbuf_modified(&v->eb) ? " (reloading drops your edits)" : "");
	if (dialog_choose(q, choices, 2) == 0)
		do_reload(v);
	else
		edsession_say(s, 1, "%s changed on disk: M-r reloads theirs, "
			      "Ctrl-S asks what to do", s->key_shown);
}

/* ---------------------------------------------------- save and close */

static int do_save(struct edview *v)
{
	const unsigned char *bytes = gapbuf_contents(&v->eb.gb);
	size_t len = edbuf_len(&v->eb);
	switch (edsave_run(v->s, bytes, len)) {
	case EDSAVE_SAVED:
		edbuf_mark_saved(&v->eb);
		v->disk_state = 0;
		return 1;
	case EDSAVE_RELOADED:
		load_from_view(v);
		return 0;
	default:
		return 0;
	}
}

static void do_close(struct edview *v)
{
	struct edsession *s = v->s;
	if (!edbuf_modified(&v->eb) || s->read_only) {
		if (s->is_new)
			edsession_say(s, 0, "%s was not created", s->key_shown);
		v->quit = 1;
		return;
	}
	static const struct dialog_choice choices[] = {
		{ 's', "[s]ave" },
		{ 'd', "[d]iscard" },
		{ 'c', "[c]ancel" },
	};
	char q[300];
	snprintf(q, sizeof q, "%s is modified. Save your changes?",
		 s->key_shown);
	switch (dialog_choose(q, choices, 3)) {
	case 0:
		if (do_save(v))
			v->quit = 1;
		break;
	case 1:
		edsession_say(s, 0, "discarded your changes to %s",
			      s->key_shown);
		v->quit = 1;
		break;
	default:
		edsession_say(s, 0, "still editing %s", s->key_shown);
		break;
	}
}

static void do_delete(struct edview *v)
{
	struct edsession *s = v->s;
	if (edview_refuse_read_only(v))
		return;
	if (s->is_new || s->view == NULL) {
		edsession_say(s, 1, "%s is not on disk: nothing to delete",
			      s->key_shown);
		return;
	}
	char q[300];
	snprintf(q, sizeof q, "Delete key %s?", s->key_shown);
	if (!dialog_yesno(q)) {
		edsession_say(s, 0, "not deleted");
		return;
	}
	int err = flockd_view_delete(s->view, 0);
	if (err == FLOCKD_ECONFLICT) {
		snprintf(q, sizeof q, "%s changed on disk since you opened it. "
			 "Delete it anyway?", s->key_shown);
		if (!dialog_yesno(q)) {
			edsession_say(s, 0, "not deleted");
			return;
		}
		err = flockd_view_delete(s->view, FLOCKD_SAVE_FORCE);
	}
	if (err == FLOCKD_ETIMEOUT) {
		edsession_say(s, 1, "%s: not deleted: the exclusive lock did "
			      "not come within %.1fs (another process holds a "
			      "lock)", s->key_shown, s->timeout_ms / 1000.0);
		return;
	}
	if (err) {
		edsession_say_error(s, "delete", err);
		return;
	}
	edsession_say(s, 0, "deleted %s", s->key_shown);
	s->outcome = EDITOR_DELETED;
	v->quit = 1;
}

/* ------------------------------------------------ search and go to */

static void do_search(struct edview *v, int backward, int ask)
{
	struct edsession *s = v->s;
	if (ask || v->needle == NULL) {
		char *text = NULL;
		const char *q = v->hex ? (backward
			? "Search backward (hex bytes or text): "
			: "Search (hex bytes or text): ")
			: (backward ? "Search backward: " : "Search: ");
		if (dialog_prompt(q, NULL, NULL, &text) != 1 || text[0] == '\0') {
			free(text);
			return;
		}
		free(v->needle);
		v->needle = (unsigned char *)text;
		v->needle_len = strlen(text);
		if (v->hex) {
			long n = edsearch_parse_hex(text, v->needle,
						    v->needle_len);
			if (n > 0)
				v->needle_len = (size_t)n;
		}
		textsafe_name_buf(v->needle_shown, sizeof v->needle_shown,
				  text, strlen(text), textsafe_locale());
	}
	const struct gapbuf *gb = &v->eb.gb;
	int wrapped = 0;
	size_t len = gapbuf_len(gb);
	size_t hit = backward
		? edsearch_backward(gb, v->cursor, v->needle, v->needle_len,
				    &wrapped)
		: edsearch_forward(gb, v->cursor < len ? v->cursor + 1 : 0,
				   v->needle, v->needle_len, &wrapped);
	if (hit == GAPBUF_NONE) {
		edsession_say(s, 1, "not found: %s", v->needle_shown);
		return;
	}
	v->cursor = v->hex ? hit : edview_snap_to_cell(gb, hit);
	v->nibble = 0;
	v->goal_col = -1;
	edsession_say(s, 0, "%s%s", wrapped ? "search wrapped around: " : "",
		      v->needle_shown);
}

static void do_goto(struct edview *v)
{
	char *text = NULL;
	if (dialog_prompt(v->hex ? "Go to offset (0x hex or decimal): "
				 : "Go to line: ", NULL, NULL, &text) != 1) {
		free(text);
		return;
	}
	unsigned long long n = 0;
	if (motion_parse_position(text, v->hex, &n) != 0) {
		edsession_say(v->s, 1, "not a %s: use digits only",
			      v->hex ? "byte offset" : "line number");
	} else if (v->hex) {
		size_t len = edbuf_len(&v->eb);
		v->cursor = n > len ? len : (size_t)n;
		v->nibble = 0;
	} else {
		v->cursor = motion_goto_line(&v->eb.gb, n ? (size_t)n : 1);
	}
	v->goal_col = -1;
	free(text);
}

/* ------------------------------------------------------------ help */

static const char *const help_notes[] = {
	"",
	"  Esc then a key is the same as Alt+key (M-).",
	"  Text mode edits UTF-8; control, invisible and invalid bytes show",
	"  as escapes (\\r, \\x1b, \\xff, \\u202e) and are saved exactly as",
	"  they were; a backslash in the value is one backslash.",
	"  Hex mode: type hex digits to set nibbles; Tab moves between the",
	"  hex and printable columns; Insert toggles inserting bytes.",
	"  While a value is open its key holds a shared lock (status line).",
};

static int help_line(size_t i, char *buf, size_t size, enum edui_role *role,
		     unsigned *flags, void *ctx)
{
	(void)ctx;
	(void)role;
	(void)flags; /* the program's own text: escaped text, the default */
	if (edkeys_help_line(i, buf, size) == 0)
		return 0;
	i -= ACT_COUNT - 1;
	if (i < sizeof help_notes / sizeof help_notes[0])
		snprintf(buf, size, "%s", help_notes[i]);
	return 0;
}

/* ------------------------------------------------------------- keys */

static void handle_key(struct edview *v, int k)
{
	enum editor_action a = edkeys_lookup(k);
	struct edsession *s = v->s;
	if (a != ACT_BACKSPACE && a != ACT_DELETE_CHAR && a != ACT_NONE &&
	    a != ACT_NEWLINE && a != ACT_TAB)
		edbuf_break(&v->eb);
	switch (a) {
	case ACT_SAVE: do_save(v); break;
	case ACT_CLOSE: do_close(v); break;
	case ACT_UNDO: edview_undo_redo(v, 0); break;
	case ACT_REDO: edview_undo_redo(v, 1); break;
	case ACT_SEARCH: do_search(v, 0, 1); break;
	case ACT_SEARCH_NEXT: do_search(v, 0, 0); break;
	case ACT_SEARCH_BACK: do_search(v, 1, 1); break;
	case ACT_GOTO: do_goto(v); break;
	case ACT_TOGGLE_HEX: edview_toggle_hex(v); break;
	case ACT_TOGGLE_OVERWRITE:
		if (v->hex)
			v->hex_insert = !v->hex_insert;
		else
			v->overwrite = !v->overwrite;
		break;
	case ACT_TOGGLE_WRAP:
		if (v->hex) {
			edsession_say(s, 0, "soft wrap applies to text mode");
		} else {
			v->wrap = !v->wrap;
			v->hscroll = 0;
			edsession_say(s, 0, "soft wrap %s", v->wrap ? "on" : "off");
		}
		break;
	case ACT_RELOAD:
		if (edbuf_modified(&v->eb)) {
			char q[300];
			snprintf(q, sizeof q, "Drop your edits and reload %s "
				 "from disk?", s->key_shown);
			if (!dialog_yesno(q))
				break;
		}
		do_reload(v);
		break;
	case ACT_DELETE_KEY: do_delete(v); break;
	case ACT_REDRAW: clearok(curscr, TRUE); break;
	case ACT_HELP:
		dialog_pager(" Editor keys (F1)",
			     ACT_COUNT - 1 + sizeof help_notes / sizeof help_notes[0],
			     help_line, NULL);
		break;
	case ACT_BACKSPACE:
		if (v->hex) {
			if (v->cursor > 0)
				edview_delete_range(v, v->cursor - 1, v->cursor,
					     EDBUF_MERGE_BACKSPACE);
		} else {
			edview_delete_range(v, motion_prev_cell(&v->eb.gb, v->cursor),
				     v->cursor, EDBUF_MERGE_BACKSPACE);
		}
		break;
	case ACT_DELETE_CHAR:
		if (v->hex) {
			if (v->cursor < edbuf_len(&v->eb))
				edview_delete_range(v, v->cursor, v->cursor + 1,
					     EDBUF_MERGE_DELETE);
		} else {
			edview_delete_range(v, v->cursor,
				     motion_next_cell(&v->eb.gb, v->cursor),
				     EDBUF_MERGE_DELETE);
		}
		break;
	case ACT_NEWLINE:
		if (v->hex)
			edview_move_hex(v, ACT_DOWN);
		else
			edview_newline(v);
		break;
	case ACT_TAB:
		if (v->hex) {
			v->hex_in_text = !v->hex_in_text;
			v->nibble = 0;
		} else {
			edview_type_text(v, "\t", 1);
		}
		break;
	case ACT_NONE:
		if (k >= 0x20 && k < EK_SPECIAL && k != 0x7f)
			edview_type_key(v, k);
		else if (k == 27)
			edsession_say(s, 0, "Esc then q closes; F1 lists the keys");
		break;
	default:
		if (v->hex)
			edview_move_hex(v, a);
		else
			edview_move_text(v, a);
		break;
	}
}

void edview_run(struct edsession *s)
{
	struct edview v;
	memset(&v, 0, sizeof v);
	v.s = s;
	v.goal_col = -1;
	size_t len = 0;
	const void *val = s->view ? flockd_view_value(s->view, &len) : "";
	if (edbuf_init(&v.eb, val, len)) {
		edbuf_done(&v.eb);
		edsession_say(s, 1, "%s: out of memory for %zu bytes",
			      s->key_shown, len);
		return;
	}
	v.hex = !textcell_valid_text(&v.eb.gb);
	if (v.hex)
		edsession_say(s, 0, "%s is not UTF-8 text: shown in hex "
			      "(^T switches to text)", s->key_shown);
	clock_gettime(CLOCK_MONOTONIC, &v.last_check);
	while (!v.quit) {
		edview_draw(&v);
		int k = edui_getkey(1000, 1500);
		poll_disk(&v);
		if (k == 0)
			continue;
		s->msg[0] = '\0';
		s->msg_err = 0;
		handle_key(&v, k);
	}
	edbuf_done(&v.eb);
	free(v.needle);
}
