/* SPDX-License-Identifier: MIT */
/* edview_draw.c - drawing the editor screen: title, text or hex body,
 * status line with the lock's age, message or key hints. */
#include "editor/edview.h"
#include "editor/edui.h"
#include "editor/motion.h"
#include "editor/textcell.h"

#include "common/curses_ui.h"
#include "common/hexdump.h"
#include "common/textsafe_draw.h"
#include "ui/draw.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int body_rows(void)
{
	return LINES - 3 > 1 ? LINES - 3 : 1;
}

/* -------------------------------------------------------- soft wrap rows */

/* the start (and its column) of the wrapped row holding position p */
static size_t row_start_of(struct edview *v, size_t p, long *col_out)
{
	const struct gapbuf *gb = &v->eb.gb;
	size_t rs, se;
	long col;
	motion_segment(gb, edview_ix(v), p, &rs, &se, &col);
	for (;;) {
		long ec;
		size_t re = motion_wrap_row_end(gb, rs, se, col, COLS, &ec);
		if (p < re || re >= se) {
			if (col_out != NULL)
				*col_out = col;
			return rs;
		}
		rs = re;
		col = ec;
	}
}

/* the next row's start, or (size_t)-1 after the last row */
static size_t next_row(struct edview *v, size_t rs, long *col)
{
	const struct gapbuf *gb = &v->eb.gb;
	size_t ss, se;
	long sc, ec;
	motion_segment(gb, edview_ix(v), rs, &ss, &se, &sc);
	size_t re = motion_wrap_row_end(gb, rs, se, *col, COLS, &ec);
	if (re >= gapbuf_len(gb))
		return (size_t)-1;
	if (re == se && gapbuf_at(gb, se) == '\n') { /* a new line */
		*col = 0;
		return se + 1;
	}
	*col = ec; /* the next row, or the next piece of a long line */
	return re;
}

/* ---------------------------------------------------------- scrolling */

static void scroll_wrapped(struct edview *v, int rows)
{
	v->hscroll = 0;
	size_t cr = row_start_of(v, v->cursor, NULL);
	v->top = row_start_of(v, v->top, NULL);
	if (cr < v->top) {
		v->top = cr;
		return;
	}
	size_t p = v->top;
	long col;
	row_start_of(v, p, &col);
	for (int i = 0; i < rows && p != (size_t)-1; i++) {
		if (p == cr)
			return;
		p = next_row(v, p, &col);
	}
	v->top = cr;
	for (int i = 0; i < rows - 1 && v->top > 0; i++)
		v->top = row_start_of(v, v->top - 1, NULL);
}

static void scroll_text(struct edview *v, int rows)
{
	const struct gapbuf *gb = &v->eb.gb;
	if (v->wrap) {
		scroll_wrapped(v, rows);
		return;
	}
	size_t ls = motion_line_start(gb, v->cursor);
	v->top = motion_line_start(gb, v->top);
	int between = 0; /* rows from top to the cursor's, up to `rows` */
	for (size_t p = v->top; p < ls && between < rows; between++)
		p = motion_next_line(gb, p);
	if (ls < v->top) {
		v->top = ls;
	} else if (between >= rows) {
		size_t p = ls;
		for (int i = 0; i < rows - 1 && p > 0; i++)
			p = motion_line_start(gb, p - 1);
		v->top = p;
	}
	long col = motion_column(gb, edview_ix(v), v->cursor);
	long width = COLS > 8 ? COLS : 8;
	if (col < v->hscroll)
		v->hscroll = col > width / 4 ? col - width / 4 : 0;
	else if (col >= v->hscroll + width - 1)
		v->hscroll = col - width * 3 / 4;
}

void edview_scroll_to_cursor(struct edview *v)
{
	int rows = body_rows();
	if (!v->hex) {
		scroll_text(v, rows);
		return;
	}
	v->lay = hexdump_layout_max(COLS, edbuf_len(&v->eb),
				    settings_hex_width(v->s->ui->set));
	size_t per = (size_t)v->lay.per_row;
	size_t crow = v->cursor / per * per;
	v->top = v->top / per * per;
	if (crow < v->top)
		v->top = crow;
	else if (crow >= v->top + per * (size_t)rows)
		v->top = crow - per * (size_t)(rows - 1);
}

/* ------------------------------------------------------------ the body */

struct cursor_spot {
	int y, x, set;
};

/* Remember a drawn cell (for the highlights and the mouse); silently
 * none when memory runs out: the text is drawn all the same. */
static void note_cell(struct edview *v, int y, long x, int w, size_t pos,
		      size_t len)
{
	if (v->ncells == v->cells_cap) {
		size_t cap = v->cells_cap ? v->cells_cap * 2 : 1024;
		struct edview_cell *c = realloc(v->cells, cap * sizeof *c);
		if (c == NULL)
			return;
		v->cells = c;
		v->cells_cap = cap;
	}
	v->cells[v->ncells++] = (struct edview_cell){y, (int)x, w, pos, len};
}

/* Draw cells [p, end) on row y starting at column `col` of the line;
 * columns before `skip` are scrolled off. */
static void draw_cells(struct edview *v, int y, size_t p, size_t end,
		       long col, long skip, struct cursor_spot *cs)
{
	const struct gapbuf *gb = &v->eb.gb;
	while (p < end) {
		struct textcell cell;
		textcell_at(gb, p, (int)(col % (1L << 20)), &cell);
		if (cell.len == 0 || cell.kind == TEXTCELL_NEWLINE)
			break;
		long x = col - skip;
		if (p == v->cursor) {
			cs->y = y;
			cs->x = x < 0 ? 0 : (int)x;
			cs->set = 1;
		}
		if (x >= COLS)
			return;
		if (x + cell.width > COLS) {
			attron(A_BOLD);
			mvaddch(y, COLS - 1, '>');
			attroff(A_BOLD);
			return;
		}
		if (x >= 0) {
			attr_t attr = cell.kind == TEXTCELL_ESCAPE
				? ui_attr(v->s->ui, THEME_ESCAPE) : A_NORMAL;
			attron(attr);
			mvaddstr(y, (int)x, cell.text);
			attroff(attr);
			note_cell(v, y, x, cell.width, p, cell.len);
		} else if (x + cell.width > 0) {
			mvaddch(y, 0, '<');
		}
		col += cell.width;
		p += cell.len;
	}
	if (p == v->cursor && !cs->set) {
		long x = col - skip;
		cs->y = y;
		cs->x = x < 0 ? 0 : x >= COLS ? COLS - 1 : (int)x;
		cs->set = 1;
	}
}

/* One line without wrap: from the cell at the scroll column on (a long
 * line is not measured from its start: the index knows where that is). */
static void draw_line(struct edview *v, int y, size_t ls,
		      struct cursor_spot *cs)
{
	const struct gapbuf *gb = &v->eb.gb;
	long col = 0;
	size_t p = v->hscroll > 0
		? motion_at_column(gb, edview_ix(v), ls, v->hscroll, &col) : ls;
	if (col < v->hscroll && p < gapbuf_len(gb) && gapbuf_at(gb, p) != '\n'
	    && p != v->cursor) {
		/* a wide cell cut by the left edge */
		mvaddch(y, 0, '<');
		struct textcell cell;
		textcell_at(gb, p, (int)(col % (1L << 20)), &cell);
		col += cell.width;
		p += cell.len;
	}
	draw_cells(v, y, p, SIZE_MAX, col, v->hscroll, cs);
}

static void draw_text(struct edview *v, int rows, struct cursor_spot *cs)
{
	const struct gapbuf *gb = &v->eb.gb;
	size_t len = gapbuf_len(gb);
	size_t p = v->top;
	long col = 0;
	if (v->wrap)
		row_start_of(v, p, &col);
	for (int i = 0; i < EDVIEW_ROWS_MAX; i++)
		v->row_pos[i] = GAPBUF_NONE;
	int r = 0;
	for (; r < rows && p != (size_t)-1 && p <= len; r++) {
		if (r < EDVIEW_ROWS_MAX)
			v->row_pos[r] = p;
		if (v->wrap) {
			size_t ss, se;
			long sc, ec;
			motion_segment(gb, edview_ix(v), p, &ss, &se, &sc);
			size_t re = motion_wrap_row_end(gb, p, se, col, COLS,
							&ec);
			draw_cells(v, 1 + r, p, re, col, col, cs);
			p = next_row(v, p, &col);
		} else {
			draw_line(v, 1 + r, p, cs);
			p = motion_next_line(gb, p);
		}
	}
	if (p == (size_t)-1 && r < rows && edbuf_lacks_final_newline(&v->eb))
		ui_say(v->s->ui, 1 + r, 0, "\\ No newline at end of value",
		       COLS, ui_attr(v->s->ui, THEME_NOTE));
}

/* Bytes [lo, hi) wherever they show on the hex rows, in both columns. */
static void hex_mark(struct edview *v, size_t lo, size_t hi, int theme)
{
	size_t per = (size_t)v->lay.per_row, len = edbuf_len(&v->eb);
	size_t end = v->top + per * (size_t)v->rows;
	attr_t a = ui_attr(v->s->ui, (enum theme_element)theme);
	if (lo < v->top)
		lo = v->top;
	for (size_t p = lo; p < hi && p < end && p < len; p++) {
		int y = 1 + (int)((p - v->top) / per);
		int i = (int)((p - v->top) % per);
		int hx = hexdump_hex_column(&v->lay, i, 0);
		int tx = hexdump_text_column(&v->lay, i);
		if (hx + 2 <= COLS)
			mvchgat(y, hx, 2, a & ~A_COLOR, (short)PAIR_NUMBER(a),
				NULL);
		if (tx < COLS)
			mvchgat(y, tx, 1, a & ~A_COLOR, (short)PAIR_NUMBER(a),
				NULL);
	}
}

static int hex_match(void *ctx, const struct edfind_match *m)
{
	hex_mark(ctx, m->start, m->end, THEME_MATCH);
	return 0;
}

/* The hex view's matches (from a little before its first row, for one
 * that began above) and its selection over them. */
static void hex_marks(struct edview *v)
{
	size_t per = (size_t)v->lay.per_row, lo, hi;
	size_t end = v->top + per * (size_t)v->rows;
	if (v->highlight && edfind_active(&v->find))
		edfind_each(&v->find, &v->eb.gb,
			    v->top > 4096 ? v->top - 4096 : 0, end, hex_match,
			    v);
	if (edsel_range(&v->sel, v->cursor, &lo, &hi))
		hex_mark(v, lo, hi, THEME_SELECTION);
}

static void draw_hex(struct edview *v, int rows, struct cursor_spot *cs)
{
	const struct gapbuf *gb = &v->eb.gb;
	size_t len = gapbuf_len(gb);
	size_t per = (size_t)v->lay.per_row;
	char row[HEXDUMP_ROW_MAX];
	unsigned char bytes[16];
	for (int r = 0; r < rows; r++) {
		size_t off = v->top + (size_t)r * per;
		if (off > len || (off == len && len % per != 0 && off != 0))
			break;
		size_t n = gapbuf_copy(gb, off, bytes, per);
		size_t k = hexdump_format_row(&v->lay, off, bytes, n, row,
					      sizeof row);
		/* ASCII only; a value's backslash is one column */
		textsafe_draw(1 + r, 0, row, k, COLS, 0, TEXTSAFE_VALUE,
			      A_NORMAL, A_NORMAL);
		if (v->cursor >= off && v->cursor < off + per) {
			int i = (int)(v->cursor - off);
			int hx = hexdump_hex_column(&v->lay, i, v->nibble);
			int tx = hexdump_text_column(&v->lay, i);
			cs->y = 1 + r;
			cs->x = v->hex_in_text ? tx : hx;
			cs->set = 1;
			if (v->cursor < len) {
				/* show the byte's twin in the other column */
				int twin = v->hex_in_text
					? hexdump_hex_column(&v->lay, i, 0) : tx;
				if (twin < COLS)
					mvchgat(1 + r, twin,
						v->hex_in_text ? 2 : 1,
						A_UNDERLINE, 0, NULL);
			}
		}
	}
}

/* ----------------------------------------------------------- matches */

/* The matches of one stretch of drawn text, marked on its cells. */
struct mark_run {
	struct edview *v;
	size_t i, end; /* cells [i, end) of v->cells */
	attr_t attr;
	short pair;
};

static int mark_match(void *ctx, const struct edfind_match *m)
{
	struct mark_run *r = ctx;
	struct edview_cell *c = r->v->cells;
	while (r->i < r->end && c[r->i].pos + c[r->i].len <= m->start)
		r->i++;
	for (size_t i = r->i; i < r->end && c[i].pos < m->end; i++)
		mvchgat(c[i].y, c[i].x, c[i].w, r->attr, r->pair, NULL);
	return r->i >= r->end;
}

/* Every match that shows, in the theme's `match` style. The drawn cells
 * are searched in stretches of contiguous text (a row, or rows of lines
 * that follow each other), each from a little before its start so that
 * a match begun off screen shows too: the cost is what is visible. */
static void draw_matches(struct edview *v)
{
	if (!v->highlight || !edfind_active(&v->find) || v->ncells == 0)
		return;
	attr_t a = ui_attr(v->s->ui, THEME_MATCH);
	struct mark_run r = {v, 0, 0, a & ~A_COLOR, (short)PAIR_NUMBER(a)};
	const struct edview_cell *c = v->cells;
	const size_t back = 4096;
	while (r.i < v->ncells) {
		size_t j = r.i + 1;
		while (j < v->ncells &&
		       c[j].pos <= c[j - 1].pos + c[j - 1].len + 2)
			j++;
		size_t lo = c[r.i].pos, hi = c[j - 1].pos + c[j - 1].len;
		r.end = j;
		if (edfind_each(&v->find, &v->eb.gb, lo > back ? lo - back : 0,
				hi, mark_match, &r) > 1)
			return; /* out of memory: no highlight */
		r.i = j;
	}
}

/* The selection over the matches, in the theme's `selection` style. */
static void draw_selection(struct edview *v)
{
	size_t lo, hi;
	if (!edsel_range(&v->sel, v->cursor, &lo, &hi))
		return;
	attr_t a = ui_attr(v->s->ui, THEME_SELECTION);
	for (size_t i = 0; i < v->ncells; i++) {
		const struct edview_cell *c = &v->cells[i];
		if (c->pos >= lo && c->pos < hi)
			mvchgat(c->y, c->x, c->w, a & ~A_COLOR,
				(short)PAIR_NUMBER(a), NULL);
	}
}

/* ----------------------------------------------------- bars and status */

static size_t line_of_cursor(struct edview *v, size_t *total)
{
	const struct gapbuf *gb = &v->eb.gb;
	edview_ix(v); /* takes the edits' low mark */
	if (v->line_no == 0 || v->line_pos > gapbuf_len(gb)) {
		v->line_pos = 0;
		v->line_no = 1;
	}
	if (v->cursor >= v->line_pos)
		v->line_no += gapbuf_count_byte(gb, v->line_pos, v->cursor, '\n');
	else
		v->line_no -= gapbuf_count_byte(gb, v->cursor, v->line_pos, '\n');
	v->line_pos = v->cursor;
	*total = v->eb.newlines + 1;
	return v->line_no;
}

static void draw_title(struct edview *v)
{
	struct edsession *s = v->s;
	char left[300], right[128];
	snprintf(left, sizeof left, " %s%s%s", s->key_shown,
		 edbuf_modified(&v->eb) ? " [modified]" : "",
		 s->is_new ? " [new key]" : "");
	snprintf(right, sizeof right, "%s%s %s%s ",
		 s->read_only ? "RO " : "",
		 v->hex ? "HEX" : "TEXT",
		 v->hex ? (v->hex_insert ? "INS" : "OVR")
			: (v->overwrite ? "OVR" : "INS"),
		 !v->hex && v->wrap ? " wrap" : "");
	attr_t bar = ui_attr(s->ui, THEME_TITLE);
	ui_fill(0, 0, COLS, bar);
	int rw = (int)strlen(right);
	ui_say(s->ui, 0, 0, left, COLS - rw - 1 > 0 ? COLS - rw - 1 : 0, bar);
	if (rw < COLS)
		ui_say(s->ui, 0, COLS - rw, right, rw, bar);
}

static void draw_status(struct edview *v)
{
	struct edsession *s = v->s;
	char lock[320], pos[128], text[600];
	if (s->view != NULL) {
		struct timespec since = flockd_view_locked_since(s->view), now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		char held[32];
		long secs = (long)(now.tv_sec - since.tv_sec);
		edui_format_held(secs, held, sizeof held);
		/* a long hold: writers (other programs' saves) wait */
		snprintf(lock, sizeof lock, "shared lock held %s%s%s%s", held,
			 edview_long_lock(v, now)
			 ? " (writers wait until you close)" : "",
			 v->waiting[0] ? "; " : "", v->waiting);
	} else {
		snprintf(lock, sizeof lock, "%s",
			 s->is_new ? "not created yet" : "no lock (view closed)");
	}
	size_t len = edbuf_len(&v->eb);
	if (v->hex) {
		snprintf(pos, sizeof pos, "offset 0x%zx (%zu) of %zu bytes",
			 v->cursor, v->cursor, len);
	} else {
		size_t total;
		size_t line = line_of_cursor(v, &total);
		snprintf(pos, sizeof pos, "line %zu/%zu col %ld  byte %zu/%zu",
			 line, total,
			 motion_column(&v->eb.gb, edview_ix(v), v->cursor) + 1,
			 v->cursor, len);
	}
	const char *disk = v->disk_state == FLOCKD_ECONFLICT
		? "  CHANGED ON DISK"
		: v->disk_state == FLOCKD_ENOTFOUND ? "  DELETED ON DISK"
		: v->disk_state == EDVIEW_TABLE_GONE ? "  TABLE GONE" : "";
	size_t lo, hi;
	if (edsel_range(&v->sel, v->cursor, &lo, &hi)) {
		size_t n = strlen(pos);
		snprintf(pos + n, sizeof pos - n, "  selected %zu", hi - lo);
	}
	snprintf(text, sizeof text, " %s  %s%s%s%s", lock, pos,
		 edview_json_mark(v),
		 edbuf_lacks_final_newline(&v->eb) ? "  [no newline at end]"
						   : "",
		 disk);
	attr_t bar = ui_attr(s->ui, v->disk_state ? THEME_ERROR : THEME_TITLE);
	ui_fill(LINES - 2, 0, COLS, bar);
	ui_say(s->ui, LINES - 2, 0, text, COLS, bar);
}

static void draw_bottom(struct edview *v)
{
	static const struct keymap_hint hints[] = {
		{KA_SAVE, "save"}, {KA_CLOSE, "close"}, {KA_UNDO, "undo"},
		{KA_REDO, "redo"}, {KA_SEARCH, "find"}, {KA_GOTO, "go to"},
		{KA_HEX, "hex/text"}, {KA_TOGGLE_WRAP, "wrap"},
		{KA_HELP, "help"},
	};
	struct edsession *s = v->s;
	char text[400];
	if (s->msg[0] != '\0') {
		ui_line(s->ui, LINES - 1, s->msg,
			s->msg_err ? ui_attr(s->ui, THEME_ERROR)
				   : ui_attr(s->ui, THEME_MESSAGE));
		return;
	}
	/* the user's keys, drawn as they are written */
	keymap_hints(s->ui->keys, KV_EDITOR, hints,
		     sizeof hints / sizeof hints[0], text, sizeof text);
	move(LINES - 1, 0);
	clrtoeol();
	ui_text_as(s->ui, LINES - 1, 0, text, strlen(text), COLS - 1,
		   TEXTSAFE_VALUE, ui_attr(s->ui, THEME_DIM));
}

void edview_draw(struct edview *v)
{
	int rows = body_rows();
	v->rows = rows;
	edview_scroll_to_cursor(v);
	erase();
	struct cursor_spot cs = { 1, 0, 0 };
	if (LINES >= 4) {
		draw_title(v);
		v->ncells = 0;
		if (v->hex) {
			draw_hex(v, rows, &cs);
			hex_marks(v);
		} else {
			draw_text(v, rows, &cs);
			draw_matches(v);
			draw_selection(v);
		}
		draw_status(v);
	}
	draw_bottom(v);
	if (cs.set && LINES >= 4) {
		move(cs.y, cs.x < COLS ? cs.x : COLS - 1);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}
