/* SPDX-License-Identifier: MIT */
/* edview_clip.c - the editor screen's selection (Shift+motion, the mark),
 * cut, copy and paste through the session's clipboard, and copy-out: the
 * selection, the value or the key's name to the system clipboard (OSC 52)
 * or to a file. */
#include "editor/edview.h"
#include "editor/motion.h"

#include "common/fdio.h"
#include "common/textsafe.h"
#include "ui/ask.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The plain motion of a select-* action; KA_NONE for other actions. */
static enum keymap_action select_motion(enum keymap_action a)
{
	switch (a) {
	case KA_SELECT_UP: return KA_UP;
	case KA_SELECT_DOWN: return KA_DOWN;
	case KA_SELECT_LEFT: return KA_CHAR_LEFT;
	case KA_SELECT_RIGHT: return KA_CHAR_RIGHT;
	case KA_SELECT_LINE_START: return KA_LINE_START;
	case KA_SELECT_LINE_END: return KA_LINE_END;
	default: return KA_NONE;
	}
}

static void move_by(struct edview *v, enum keymap_action a)
{
	if (v->hex)
		edview_move_hex(v, a);
	else
		edview_move_text(v, a);
}

int edview_select_move(struct edview *v, enum keymap_action a)
{
	enum keymap_action m = select_motion(a);
	if (m == KA_NONE)
		return 0;
	if (!v->sel.active) {
		v->sel.anchor = v->cursor;
		v->sel.active = 1;
		v->sel.sticky = 0;
	}
	move_by(v, m);
	return 1;
}

void edview_plain_move(struct edview *v, enum keymap_action a)
{
	if (v->sel.active && !v->sel.sticky)
		v->sel.active = 0;
	move_by(v, a);
}

void edview_mark(struct edview *v)
{
	if (v->sel.active) {
		v->sel.active = 0;
		edsession_say(v->s, 0, "mark unset");
		return;
	}
	v->sel = (struct edsel){v->cursor, 1, 1};
	edsession_say(v->s, 0, "mark set: moving selects");
}

int edview_delete_selection(struct edview *v)
{
	size_t lo, hi;
	if (!edsel_range(&v->sel, v->cursor, &lo, &hi))
		return 0;
	edbuf_break(&v->eb);
	edview_delete_range(v, lo, hi, EDBUF_MERGE_NONE);
	edbuf_break(&v->eb);
	v->sel.active = 0;
	return 1;
}

void edview_cut_copy(struct edview *v, int cut)
{
	struct edsession *s = v->s;
	size_t lo, hi;
	int whole_line = 0;
	if (!edsel_range(&v->sel, v->cursor, &lo, &hi)) {
		if (!cut || v->hex) {
			edsession_say(s, 1, "nothing selected (Shift+arrows, "
				      "or the mark key then motion)");
			return;
		}
		lo = motion_line_start(&v->eb.gb, v->cursor); /* nano: */
		size_t next = motion_next_line(&v->eb.gb, v->cursor);
		hi = next == GAPBUF_NONE ? edbuf_len(&v->eb) : next;
		whole_line = 1;
		if (hi == lo) {
			edsession_say(s, 1, "nothing to cut");
			return;
		}
	}
	if (cut && edview_refuse_read_only(v))
		return;
	int err = cut ? edclip_cut(&s->clip, &v->eb, lo, hi)
		      : edclip_copy(&s->clip, &v->eb.gb, lo, hi);
	if (err) {
		edview_say_nomem(v);
		return;
	}
	v->sel.active = 0;
	if (cut) {
		v->cursor = lo;
		v->goal_col = -1;
	}
	edsession_say(s, 0, "%s %zu bytes%s", cut ? "cut" : "copied", hi - lo,
		      whole_line ? " (the line)" : "");
}

void edview_paste_clip(struct edview *v)
{
	struct edsession *s = v->s;
	if (edview_refuse_read_only(v))
		return;
	size_t lo = v->cursor, hi = v->cursor, end;
	edsel_range(&v->sel, v->cursor, &lo, &hi);
	int err = edclip_paste(&s->clip, &v->eb, lo, hi, &end);
	if (err == ENOENT) {
		edsession_say(s, 1, "the clipboard is empty: cut or copy "
			      "first");
		return;
	}
	if (err) {
		edview_say_nomem(v);
		return;
	}
	v->sel.active = 0;
	v->cursor = v->hex ? end : edview_snap(v, end);
	v->nibble = 0;
	v->goal_col = -1;
	edsession_say(s, 0, "pasted %zu bytes", s->clip.len);
}

/* --------------------------------------------------------- copy-out */

static void to_terminal(struct edview *v, const void *bytes, size_t n,
			const char *what)
{
	struct edsession *s = v->s;
	if (!settings_on(s->ui->set, SET_CLIPBOARD_OSC52)) {
		edsession_say(s, 1, "the system clipboard is off (set "
			      "clipboard-osc52 = no): copy to a file instead");
		return;
	}
	char *seq;
	size_t len;
	int err = edclip_osc52(bytes, n, &seq, &len);
	if (err == EFBIG) {
		edsession_say(s, 1, "%s is %zu bytes: the clipboard takes at "
			      "most %u; copy it to a file instead", what, n,
			      EDCLIP_OSC52_MAX);
		return;
	}
	if (err) {
		edview_say_nomem(v);
		return;
	}
	/* after curses' output, between two screens: the terminal takes it
	 * as a command, nothing shows */
	fflush(stdout);
	err = fdio_write_all(STDOUT_FILENO, seq, len);
	free(seq);
	if (err)
		edsession_say(s, 1, "the terminal could not be written: %s",
			      strerror(err));
	else
		edsession_say(s, 0, "copied %s (%zu bytes) to the system "
			      "clipboard (OSC 52; the terminal must allow it)",
			      what, n);
}

/* Replace `path` by the bytes: a new file beside it, renamed over it. */
static int overwrite_file(const char *path, const void *bytes, size_t n)
{
	size_t pn = strlen(path) + 32;
	char *tmp = malloc(pn);
	if (tmp == NULL)
		return ENOMEM;
	snprintf(tmp, pn, "%s.flockd-%ld", path, (long)getpid());
	int err = fdio_write_new(tmp, bytes, n, 0600);
	if (!err && rename(tmp, path) != 0) {
		err = errno;
		unlink(tmp);
	}
	free(tmp);
	return err;
}

static void to_file(struct edview *v, const void *bytes, size_t n,
		    const char *what)
{
	struct edsession *s = v->s;
	char *path = NULL, q[360];
	snprintf(q, sizeof q, "Write %s (%zu bytes) to file: ", what, n);
	if (ask_prompt(s->ui, q, NULL, NULL, &path) != 1 || path[0] == '\0') {
		free(path);
		edsession_say(s, 0, "not written");
		return;
	}
	char shown[300];
	textsafe_name_buf(shown, sizeof shown, path, strlen(path),
			  textsafe_locale());
	int err = fdio_write_new(path, bytes, n, 0600);
	if (err == EEXIST) {
		snprintf(q, sizeof q, "%s exists. Replace it?", shown);
		if (!ask_yesno(s->ui, q)) {
			edsession_say(s, 0, "%s not written: it exists", shown);
			free(path);
			return;
		}
		err = overwrite_file(path, bytes, n);
	}
	if (err)
		edsession_say(s, 1, "%s not written: %s", shown, strerror(err));
	else
		edsession_say(s, 0, "wrote %s (%zu bytes) to %s", what, n,
			      shown);
	free(path);
}

static const struct ask_choice out_choices[] = {
	{KA_OUT_SELECTION, "selection"},
	{KA_OUT_VALUE, "whole value"},
	{KA_OUT_KEY, "key name"},
	{KA_OUT_FILE, "to a file"},
	{KA_CANCEL, "cancel"},
};

void edview_copy_out(struct edview *v)
{
	struct edsession *s = v->s;
	enum keymap_action a = ask_choose(s->ui, KV_COPY_OUT, "Copy to the "
					  "system clipboard:", out_choices,
					  sizeof out_choices /
					  sizeof out_choices[0]);
	size_t lo, hi;
	int any = edsel_range(&v->sel, v->cursor, &lo, &hi);
	if (a == KA_OUT_KEY) {
		to_terminal(v, s->key, strlen(s->key), "the key's name");
		return;
	}
	if (a == KA_OUT_SELECTION && !any) {
		edsession_say(s, 1, "nothing selected (Shift+arrows, or the "
			      "mark key then motion)");
		return;
	}
	if (a != KA_OUT_SELECTION && a != KA_OUT_VALUE && a != KA_OUT_FILE)
		return;
	if (a == KA_OUT_VALUE || !any) {
		lo = 0;
		hi = edbuf_len(&v->eb);
	}
	const char *what = lo == 0 && hi == edbuf_len(&v->eb)
		? "the value" : "the selection";
	/* contiguous bytes: the gap moves to the end (the next edit at the
	 * cursor moves it back once) */
	const unsigned char *bytes = gapbuf_contents(&v->eb.gb) + lo;
	if (a == KA_OUT_FILE)
		to_file(v, bytes, hi - lo, what);
	else
		to_terminal(v, bytes, hi - lo, what);
}
