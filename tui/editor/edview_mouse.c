/* SPDX-License-Identifier: MIT */
/* edview_mouse.c - the editor screen's mouse: a click places the cursor
 * (text: on the cell drawn there; hex: the byte, in either column), a
 * drag selects, the wheel scrolls three lines and keeps the cursor on the
 * screen. Positions come from what the last draw put where (v->cells,
 * v->row_pos), so the mouse agrees with the screen, wrap and tabs
 * included. */
#include "editor/edview.h"
#include "editor/motion.h"

#include "common/curses_ui.h"
#include "common/hexdump.h"
#include "ui/ui.h"

#include <stdio.h>

#define WHEEL_LINES 3

/* The mouse events the editor takes; the button-event tracking mode
 * (1002) so that a drag reports motion while the button is down. */
#define EDVIEW_MOUSE_MASK                                                     \
	(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED |               \
	 BUTTON5_PRESSED | REPORT_MOUSE_POSITION)

void edview_mouse_begin(struct edview *v)
{
	if (!settings_on(v->s->ui->set, SET_MOUSE))
		return;
	mmask_t old = 0;
	mousemask(EDVIEW_MOUSE_MASK, &old);
	v->mouse_old = (unsigned long)old;
	mouseinterval(0);
	v->mouse_on = 1;
	fputs("\033[?1002h", stdout);
	fflush(stdout);
}

void edview_mouse_end(struct edview *v)
{
	if (!v->mouse_on)
		return;
	/* resetting 1002 ends every mouse mode (xterm, tmux): off and on
	 * again, curses sends the browser's mode afresh */
	fputs("\033[?1002l", stdout);
	fflush(stdout);
	mousemask(0, NULL);
	mousemask((mmask_t)v->mouse_old, NULL);
	v->mouse_on = 0;
}

/* The text position drawn at (y, x); GAPBUF_NONE off the text. */
static size_t text_pos_at(struct edview *v, int y, int x)
{
	int r = y - 1;
	if (r < 0 || r >= v->rows || r >= EDVIEW_ROWS_MAX ||
	    v->row_pos[r] == GAPBUF_NONE)
		return GAPBUF_NONE;
	const struct edview_cell *last = NULL;
	for (size_t i = 0; i < v->ncells; i++) {
		const struct edview_cell *c = &v->cells[i];
		if (c->y != y)
			continue;
		if (x >= c->x && x < c->x + c->w)
			return c->pos;
		last = c;
	}
	if (last == NULL)
		return v->row_pos[r]; /* an empty line */
	/* past the row's end: the line's end, or (a wrapped row) its last
	 * cell */
	size_t after = last->pos + last->len;
	if (after >= edbuf_len(&v->eb) || gapbuf_at(&v->eb.gb, after) == '\n')
		return after;
	return last->pos;
}

/* The hex view's byte at (y, x), and which column; GAPBUF_NONE off it. */
static size_t hex_pos_at(struct edview *v, int y, int x, int *in_text)
{
	size_t per = (size_t)v->lay.per_row, len = edbuf_len(&v->eb);
	if (y < 1 || y > v->rows || per == 0)
		return GAPBUF_NONE;
	size_t off = v->top + (size_t)(y - 1) * per;
	for (size_t i = 0; i < per && off + i <= len; i++) {
		int hx = hexdump_hex_column(&v->lay, (int)i, 0);
		int tx = hexdump_text_column(&v->lay, (int)i);
		if (x >= hx && x < hx + 2) {
			*in_text = 0;
			return off + i;
		}
		if (x == tx) {
			*in_text = 1;
			return off + i;
		}
	}
	return GAPBUF_NONE;
}

static void wheel(struct edview *v, int down)
{
	const struct gapbuf *gb = &v->eb.gb;
	if (v->hex) {
		size_t per = (size_t)v->lay.per_row, step = per * WHEEL_LINES;
		size_t len = edbuf_len(&v->eb);
		if (down && v->top + step <= len)
			v->top += step;
		else if (!down)
			v->top = v->top > step ? v->top - step : 0;
		size_t last = v->top + per * (size_t)(v->rows - 1);
		if (v->cursor < v->top)
			v->cursor = v->top;
		else if (v->cursor >= last + per)
			v->cursor = last < len ? last : len;
		return;
	}
	/* text: whole lines, the cursor pulled along when it would leave */
	size_t top = motion_line_start(gb, v->top);
	for (int i = 0; i < WHEEL_LINES; i++) {
		size_t next = down ? motion_next_line(gb, top)
			: top > 0 ? motion_line_start(gb, top - 1)
				  : GAPBUF_NONE;
		if (next == GAPBUF_NONE)
			break;
		top = next;
	}
	v->top = top;
	if (v->goal_col < 0)
		v->goal_col = motion_column(gb, edview_ix(v), v->cursor);
	size_t bottom = top;
	for (int i = 0; i < v->rows - 1; i++) {
		size_t next = motion_next_line(gb, bottom);
		if (next == GAPBUF_NONE)
			break;
		bottom = next;
	}
	size_t ls = motion_line_start(gb, v->cursor);
	if (ls < top)
		v->cursor = motion_at_column(gb, edview_ix(v), top,
					     v->goal_col, NULL);
	else if (ls > bottom)
		v->cursor = motion_at_column(gb, edview_ix(v), bottom,
					     v->goal_col, NULL);
}

void edview_mouse(struct edview *v)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		wheel(v, (ev.bstate & BUTTON5_PRESSED) != 0);
		return;
	}
	/* motion with the button down comes as REPORT_MOUSE_POSITION, or
	 * (some ncurses versions) as another press: while dragging, both
	 * only move the selection's end */
	int pressed = (ev.bstate & BUTTON1_PRESSED) && !v->dragging;
	int moved = (ev.bstate & (REPORT_MOUSE_POSITION | BUTTON1_PRESSED)) &&
		    v->dragging;
	int released = (ev.bstate & BUTTON1_RELEASED) != 0;
	if (!pressed && !moved && !released)
		return;
	int in_text = v->hex_in_text;
	size_t pos = v->hex ? hex_pos_at(v, ev.y, ev.x, &in_text)
			    : text_pos_at(v, ev.y, ev.x);
	if (pos != GAPBUF_NONE) {
		edbuf_break(&v->eb);
		v->cursor = pos;
		v->hex_in_text = in_text;
		v->nibble = 0;
		v->goal_col = -1;
	}
	if (pressed) { /* a drag selects from here */
		v->sel = (struct edsel){v->cursor, 1, 0};
		v->dragging = 1;
	}
	if (released)
		v->dragging = 0;
}
