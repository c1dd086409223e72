/* SPDX-License-Identifier: MIT */
/* edview.c - the editor screen's input loop: keys to actions on the
 * document, the lock poll, saving, closing and deleting. */
#include "editor/edview.h"
#include "editor/edsave.h"
#include "editor/edui.h"
#include "editor/motion.h"
#include "editor/textcell.h"

#include "common/curses_ui.h"
#include "common/textsafe.h"
#include "ui/ask.h"
#include "ui/pager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ help */

static const char *const help_notes[] = {
	"",
	"  Esc then a key is the same as Alt+key (<M-x>).",
	"  Text mode edits UTF-8; control, invisible and invalid bytes show",
	"  as escapes (\\r, \\x1b, \\xff, \\u202e) and are saved exactly as",
	"  they were; a backslash in the value is one backslash.",
	"  Hex mode: type hex digits to set nibbles; insert-tab moves between",
	"  the hex and printable columns; toggle-overwrite inserts bytes.",
	"  While a value is open its key holds a shared lock (status line).",
	"  Search: search-case and search-regex toggle ignoring case and",
	"  POSIX extended regular expressions (a match stays within a line);",
	"  every match on the screen is highlighted until Esc. A replacement",
	"  may name a regex's groups \\1..\\9 (\\0 the whole match); a",
	"  replace run, confirmed or all, is one undo step.",
	"  Selection: Shift+motion, or the mark then motion; cut, copy and",
	"  paste use the editor's clipboard; copy-out sends the selection,",
	"  the value or the key's name to the system clipboard (OSC 52; off",
	"  with `set clipboard-osc52 = no`) or to a file.",
	"  Mouse: a click places the cursor, a drag selects, the wheel",
	"  scrolls (`set mouse = no` turns it off).",
	"  JSON: the status line marks a value that starts with { or [ as",
	"  JSON ok or JSON invalid (a large value: when keys rest);",
	"  json-pretty and json-compact show the difference before they",
	"  change the buffer.",
	"  Go to: LINE, LINE:COL (the status line's column) or @BYTE",
	"  (@0x1f for hex).",
	"  Keys: ~/.config/flockd/config, `bind editor KEY ACTION`.",
};

/* ------------------------------------------------------------- keys */

static void toggle_overwrite(struct edview *v)
{
	if (v->hex)
		v->hex_insert = !v->hex_insert;
	else
		v->overwrite = !v->overwrite;
}

static void toggle_wrap(struct edview *v)
{
	if (v->hex) {
		edsession_say(v->s, 0, "soft wrap applies to text mode");
		return;
	}
	v->wrap = !v->wrap;
	v->hscroll = 0;
	edsession_say(v->s, 0, "soft wrap %s", v->wrap ? "on" : "off");
}

static void ask_reload(struct edview *v)
{
	if (edbuf_modified(&v->eb)) {
		char q[300];
		snprintf(q, sizeof q, "Drop your edits and reload %s from "
			 "disk?", v->s->key_shown);
		if (!ask_yesno(v->s->ui, q))
			return;
	}
	edview_reload(v);
}

static void delete_char(struct edview *v, int before)
{
	const struct gapbuf *gb = &v->eb.gb;
	size_t c = v->cursor, len = edbuf_len(&v->eb);
	if (before && v->hex && c > 0)
		edview_delete_range(v, c - 1, c, EDBUF_MERGE_BACKSPACE);
	else if (before && !v->hex)
		edview_delete_range(v, motion_prev_cell(gb, edview_ix(v), c), c,
				    EDBUF_MERGE_BACKSPACE);
	else if (!before && v->hex && c < len)
		edview_delete_range(v, c, c + 1, EDBUF_MERGE_DELETE);
	else if (!before && !v->hex)
		edview_delete_range(v, c, motion_next_cell(gb, c),
				    EDBUF_MERGE_DELETE);
}

/* A key bound to nothing: text to type, or a word about Esc. */
static void unbound_key(struct edview *v, int k)
{
	char close[KEYCODE_NAME_MAX], help[KEYCODE_NAME_MAX];
	if (keycode_is_text(k)) {
		edview_type_key(v, k);
		return;
	}
	if (k != KC_ESC)
		return;
	if (v->sel.active) {
		v->sel.active = 0;
		edsession_say(v->s, 0, "selection ended");
		return;
	}
	if (v->highlight) {
		v->highlight = 0;
		edsession_say(v->s, 0, "matches no longer highlighted");
		return;
	}
	edsession_key_hint(v->s, KA_CLOSE, close, sizeof close);
	edsession_key_hint(v->s, KA_HELP, help, sizeof help);
	edsession_say(v->s, 0, "Esc then a key is Alt+key; %s closes, %s "
		      "lists the keys", close[0] ? close : "close",
		      help[0] ? help : "help");
}

/* Actions that edit or move; 0 when `a` is not one of them. */
static int edit_action(struct edview *v, enum keymap_action a)
{
	switch (a) {
	case KA_BACKSPACE:
		if (!edview_delete_selection(v))
			delete_char(v, 1);
		return 1;
	case KA_DELETE_CHAR:
		if (!edview_delete_selection(v))
			delete_char(v, 0);
		return 1;
	case KA_NEWLINE:
		if (v->hex)
			edview_move_hex(v, KA_DOWN);
		else
			edview_newline(v);
		return 1;
	case KA_INSERT_TAB:
		if (v->hex) {
			v->hex_in_text = !v->hex_in_text;
			v->nibble = 0;
		} else {
			edview_type_text(v, "\t", 1);
		}
		return 1;
	case KA_UP: case KA_DOWN: case KA_PAGE_UP: case KA_PAGE_DOWN:
	case KA_CHAR_LEFT: case KA_CHAR_RIGHT: case KA_WORD_LEFT:
	case KA_WORD_RIGHT: case KA_LINE_START: case KA_LINE_END:
	case KA_FIRST: case KA_LAST:
		edview_plain_move(v, a);
		return 1;
	default:
		return 0;
	}
}

/* Selection, clipboard, search and JSON; 0 when `a` is none of them. */
static int text_action(struct edview *v, enum keymap_action a)
{
	switch (a) {
	case KA_MARK: edview_mark(v); return 1;
	case KA_CUT: edview_cut_copy(v, 1); return 1;
	case KA_COPY: edview_cut_copy(v, 0); return 1;
	case KA_PASTE: edview_paste_clip(v); return 1;
	case KA_COPY_OUT: edview_copy_out(v); return 1;
	case KA_JSON_PRETTY: edview_json_format(v, 1); return 1;
	case KA_JSON_COMPACT: edview_json_format(v, 0); return 1;
	case KA_SEARCH: edview_search(v, 0, 1); return 1;
	case KA_SEARCH_NEXT: edview_search(v, 0, 0); return 1;
	case KA_SEARCH_BACK: edview_search(v, 1, 1); return 1;
	case KA_SEARCH_CASE:
		edview_toggle_find_flag(v, EDFIND_ICASE);
		return 1;
	case KA_SEARCH_REGEX:
		edview_toggle_find_flag(v, EDFIND_REGEX);
		return 1;
	case KA_REPLACE: edview_replace(v, 0); return 1;
	case KA_REPLACE_ALL: edview_replace(v, 1); return 1;
	case KA_GOTO: edview_goto(v); return 1;
	default: return 0;
	}
}

/* terminal key -> the editor's action -> this view. */
static void handle_key(struct edview *v, int k)
{
	if (k == KC_HANGUP) {
		edview_hang_up(v);
		return;
	}
	if (k == KC_MOUSE) {
		edview_mouse(v);
		return;
	}
	if (k == KC_PASTE) {
		size_t n;
		const char *text = ui_paste(v->s->ui, &n);
		edview_paste(v, text, n);
		return;
	}
	enum keymap_action a = ui_action(v->s->ui, KV_EDITOR, k);
	if (a != KA_BACKSPACE && a != KA_DELETE_CHAR && a != KA_NONE &&
	    a != KA_NEWLINE && a != KA_INSERT_TAB)
		edbuf_break(&v->eb);
	if (edview_select_move(v, a))
		return;
	if (edit_action(v, a))
		return;
	if (text_action(v, a))
		return;
	switch (a) {
	case KA_SAVE: edview_save(v); break;
	case KA_CLOSE: edview_close(v); break;
	case KA_UNDO: edview_undo_redo(v, 0); break;
	case KA_REDO: edview_undo_redo(v, 1); break;
	case KA_HEX: edview_toggle_hex(v); break;
	case KA_TOGGLE_OVERWRITE: toggle_overwrite(v); break;
	case KA_TOGGLE_WRAP: toggle_wrap(v); break;
	case KA_RELOAD: ask_reload(v); break;
	case KA_DELETE: edview_delete(v); break;
	case KA_REDRAW: clearok(curscr, TRUE); break;
	case KA_MESSAGES: messages_run(v->s->ui); break;
	case KA_HELP:
		help_run(v->s->ui, KV_EDITOR, " Editor keys", help_notes,
			 sizeof help_notes / sizeof help_notes[0]);
		break;
	case KA_NONE: unbound_key(v, k); break;
	default: break;
	}
}

/* Draw, wait a second for a key (the disk polled, a large JSON value
 * checked while keys rest), handle it, until the view closes. */
static void run_loop(struct edview *v)
{
	struct edsession *s = v->s;
	while (!v->quit) {
		edview_draw(v);
		int k = edui_getkey(s->ui, 1000);
		edview_poll_disk(v);
		if (k == 0) {
			edview_json_idle(v);
			continue;
		}
		s->msg[0] = '\0';
		s->msg_err = 0;
		unsigned long version = v->eb.version;
		handle_key(v, k);
		if (v->eb.version != version) /* the anchor would be stale */
			v->sel.active = 0;
	}
}

void edview_run(struct edsession *s)
{
	struct edview v;
	memset(&v, 0, sizeof v);
	v.s = s;
	v.goal_col = -1;
	colindex_init(&v.ix);
	edfind_init(&v.find);
	v.wrap = settings_on(s->ui->set, SET_WRAP);
	size_t len = 0;
	void *val = NULL;
	if (s->view != NULL) {
		if (flockd_view_take_value(s->view, &val, &len) != 0) {
			edsession_say(s, 1, "%s: the value could not be read "
				      "into the editor", s->key_shown);
			return;
		}
		edbuf_init_take(&v.eb, val, len);
	} else if (edbuf_init(&v.eb, "", 0)) {
		edbuf_done(&v.eb);
		colindex_done(&v.ix);
		edsession_say(s, 1, "%s: out of memory", s->key_shown);
		return;
	}
	if (s->recovered != NULL) {
		/* the recovered text, as one undoable change of the disk's */
		edbuf_group_begin(&v.eb);
		int err = edbuf_delete(&v.eb, 0, edbuf_len(&v.eb),
				       EDBUF_MERGE_NONE);
		if (!err)
			err = edbuf_insert(&v.eb, 0, s->recovered,
					   s->recovered_len, EDBUF_MERGE_NONE);
		edbuf_group_end(&v.eb);
		if (err)
			edview_say_nomem(&v);
		free(s->recovered);
		s->recovered = NULL;
	}
	v.hex = !textcell_valid_text(&v.eb.gb);
	if (v.hex) {
		char key[KEYCODE_NAME_MAX];
		edsession_key_hint(s, KA_HEX, key, sizeof key);
		edsession_say(s, 0, "%s is not UTF-8 text: shown in hex%s%s%s",
			      s->key_shown, key[0] ? " (" : "", key,
			      key[0] ? " switches to text)" : "");
	}
	clock_gettime(CLOCK_MONOTONIC, &v.last_check);
	edview_mouse_begin(&v);
	run_loop(&v);
	edview_mouse_end(&v);
	edbuf_done(&v.eb);
	colindex_done(&v.ix);
	edfind_done(&v.find);
	free(v.find_text);
	free(v.cells);
}
