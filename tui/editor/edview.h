/* SPDX-License-Identifier: MIT */
/*
 * edview.h - the editor screen: a document (edbuf) shown in text or hex
 * mode, with the session's lock state in the status line. edview_run owns
 * the input loop; edview_draw.c draws, edview.c handles keys.
 */
#ifndef TUI_EDITOR_EDVIEW_H
#define TUI_EDITOR_EDVIEW_H

#include "editor/colindex.h"
#include "editor/edbuf.h"
#include "editor/edfind.h"
#include "editor/edsession.h"
#include "editor/hexmodel.h"

#include "common/hexdump.h"
#include "ui/keymap.h"

#include <stddef.h>
#include <time.h>

/* A text cell as drawn: screen row, column and width; its bytes. */
struct edview_cell {
	int y, x, w;
	size_t pos, len;
};

/* The most body rows whose starts a draw remembers (for the mouse). */
#define EDVIEW_ROWS_MAX 512

/* disk_state: the table's directory was removed or moved */
#define EDVIEW_TABLE_GONE 1
struct edview {
	struct edsession *s; /* borrowed */
	struct edbuf eb;
	int hex;          /* hex mode */
	int overwrite;    /* text: overwrite instead of insert */
	int hex_insert;   /* hex: typing inserts bytes */
	int hex_in_text;  /* hex: the cursor is in the printable column */
	int wrap;         /* text: soft wrap */
	size_t cursor;    /* byte offset (hex: the byte; nibble below) */
	int nibble;
	long goal_col;    /* text: column kept by up/down */
	size_t top;       /* text: first row's start; hex: first row offset */
	long hscroll;     /* text without wrap: first column shown */
	int rows;         /* body rows of the last draw */
	struct hexdump_layout lay;
	struct edfind find; /* the last search's pattern */
	unsigned find_flags; /* EDFIND_ICASE | EDFIND_REGEX, as toggled */
	char *find_text;  /* what was typed for it (owned) */
	int find_hex;     /* it was read as hex bytes */
	char find_shown[160]; /* options and pattern, escaped */
	int highlight;    /* show the matches on the screen */
	struct edsel sel; /* the selection (edclip.h) */
	struct edview_cell *cells; /* the last draw's cells (owned) */
	size_t ncells, cells_cap;
	size_t row_pos[EDVIEW_ROWS_MAX]; /* text: where each drawn row
					    starts (GAPBUF_NONE: no text) */
	int mouse_on;     /* the editor's mouse mask is set */
	unsigned long mouse_old; /* the mask to give back (mmask_t) */
	int dragging;     /* button 1 is down: motion selects */
	int json_checked; /* json_state is of json_version's bytes */
	int json_state;   /* enum edjson_state */
	unsigned long json_version;
	size_t line_pos;  /* a position and its 1-based line number, */
	size_t line_no;   /* so the cursor's line is counted from nearby */
	struct colindex ix; /* columns of long lines (edview_ix) */
	int disk_state;   /* last flockd_view_check result, or
			     EDVIEW_TABLE_GONE */
	struct timespec last_check;
	char waiting[200]; /* who waits for our lock (escaped), once it
			      was held for the long-lock setting */
	struct timespec last_waiters;
	int quit;
};

/* edview_run - edit the session's value (s->view's bytes, or empty for a
 * new key) until the user closes it. Sets s->msg and s->outcome. */
void edview_run(struct edsession *s);

/* the disk (edview_disk.c) */
void edview_load_from_view(struct edview *v);
void edview_reload(struct edview *v);
void edview_poll_disk(struct edview *v);
int edview_save(struct edview *v);  /* 1 when the text is safe */
void edview_close(struct edview *v);
void edview_delete(struct edview *v);
void edview_hang_up(struct edview *v);

/* edits and motion (edview_edit.c) */
int edview_refuse_read_only(struct edview *v);
void edview_say_nomem(struct edview *v);
/* edview_ix - the column index, told first what the buffer's edits
 * changed since it was last asked for (so every caller after an edit gets
 * marks that are still true). */
struct colindex *edview_ix(struct edview *v);
size_t edview_snap(struct edview *v, size_t pos);
void edview_type_text(struct edview *v, const char *bytes, size_t n);
void edview_type_key(struct edview *v, int k);
void edview_newline(struct edview *v);
/* a bracketed paste: inserted as one undo step (hex column: hex digits) */
void edview_paste(struct edview *v, const char *text, size_t n);
void edview_delete_range(struct edview *v, size_t from, size_t to,
			 enum edbuf_merge merge);
void edview_undo_redo(struct edview *v, int redo);
void edview_toggle_hex(struct edview *v);
void edview_move_text(struct edview *v, enum keymap_action a);
void edview_move_hex(struct edview *v, enum keymap_action a);

/* edview_long_lock - non-zero once the shared lock was held for the
 * long-lock setting (as of `now`, CLOCK_MONOTONIC). */
int edview_long_lock(const struct edview *v, struct timespec now);

/* search, replace, go to (edview_find.c) */
void edview_search(struct edview *v, int backward, int ask);
void edview_toggle_find_flag(struct edview *v, unsigned flag);
/* all: every match without asking; else each one is confirmed. */
void edview_replace(struct edview *v, int all);
void edview_goto(struct edview *v);

/* selection, clipboard, copy-out (edview_clip.c) */
/* a select-* action: start or extend the selection and move; 0 for other
 * actions */
int edview_select_move(struct edview *v, enum keymap_action a);
/* motion that ends a selection unless the mark made it */
void edview_plain_move(struct edview *v, enum keymap_action a);
void edview_mark(struct edview *v);
/* delete the selected bytes (one undo step); 0 when none are */
int edview_delete_selection(struct edview *v);
void edview_cut_copy(struct edview *v, int cut);
void edview_paste_clip(struct edview *v);
void edview_copy_out(struct edview *v);

/* the mouse (edview_mouse.c): begin/end set and restore the mask (the
 * `mouse` setting); edview_mouse handles a KC_MOUSE event */
void edview_mouse_begin(struct edview *v);
void edview_mouse_end(struct edview *v);
void edview_mouse(struct edview *v);

/* JSON (edview_json.c): the status line's mark (" JSON ok", "" when the
 * value is no JSON), the check of a large value when keys rest, and
 * pretty-print / compact after showing the difference */
const char *edview_json_mark(struct edview *v);
void edview_json_idle(struct edview *v);
void edview_json_format(struct edview *v, int pretty);

/* drawing (edview_draw.c) */
void edview_draw(struct edview *v);
void edview_scroll_to_cursor(struct edview *v);

#endif
