/* SPDX-License-Identifier: MIT */
/* edview_edit.c - the editor screen's edits and cursor motion: typing in
 * text and hex mode, deleting, undo/redo, mode switches, moving. */
#include "editor/edview.h"
#include "editor/edsearch.h"
#include "editor/hexmodel.h"
#include "editor/motion.h"
#include "editor/textcell.h"

#include "common/hexdump.h"
#include "common/lineedit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

int edview_refuse_read_only(struct edview *v)
{
	if (!v->s->read_only)
		return 0;
	edsession_say(v->s, 1, "read-only mode: %s cannot be changed",
		      v->s->key_shown);
	return 1;
}

void edview_say_nomem(struct edview *v)
{
	edsession_say(v->s, 1, "out of memory: the change was not made");
}

struct colindex *edview_ix(struct edview *v)
{
	size_t low = edbuf_take_change_low(&v->eb);
	if (low != (size_t)-1) {
		colindex_changed(&v->ix, low);
		if (low < v->line_pos)
			v->line_no = 0; /* count the cursor's line again */
	}
	return &v->ix;
}

/* Snap a byte offset to the start of the text cell holding it. */
size_t edview_snap(struct edview *v, size_t pos)
{
	return motion_snap(&v->eb.gb, edview_ix(v), pos);
}

/* ---------------------------------------------------------- editing */

static void edit_failed(struct edview *v, int err)
{
	if (err)
		edview_say_nomem(v);
}

void edview_type_text(struct edview *v, const char *bytes, size_t n)
{
	if (edview_refuse_read_only(v))
		return;
	struct edbuf *eb = &v->eb;
	int err;
	if (v->overwrite && v->cursor < motion_line_end(&eb->gb, v->cursor)) {
		size_t next = motion_next_cell(&eb->gb, v->cursor);
		edbuf_group_begin(eb);
		err = edbuf_delete(eb, v->cursor, next - v->cursor,
				   EDBUF_MERGE_NONE);
		if (!err)
			err = edbuf_insert(eb, v->cursor, bytes, n,
					   EDBUF_MERGE_NONE);
		edbuf_group_end(eb);
	} else {
		err = edbuf_insert(eb, v->cursor, bytes, n,
				   EDBUF_MERGE_TYPING);
	}
	edit_failed(v, err);
	if (!err)
		v->cursor += n;
	v->goal_col = -1;
}

void edview_type_key(struct edview *v, int k)
{
	char mb[MB_LEN_MAX];
	size_t n = lineedit_encode(k, mb);
	if (n == 0)
		return;
	if (!v->hex) {
		edview_type_text(v, mb, n);
		return;
	}
	if (edview_refuse_read_only(v))
		return;
	struct hexmodel_cursor hc = { v->cursor, v->nibble };
	int err;
	if (v->hex_in_text) {
		if (k < 0x20 || k > 0x7e) {
			edsession_say(v->s, 1, "type printable ASCII here, or "
				      "Tab to the hex column");
			return;
		}
		err = hexmodel_type_byte(&v->eb, &hc, (unsigned char)k,
					 v->hex_insert);
	} else {
		int d = hexdump_digit_value(k);
		if (d < 0) {
			edsession_say(v->s, 1, "type hex digits 0-9 a-f here; "
				      "Tab moves to the printable column");
			return;
		}
		err = hexmodel_type_nibble(&v->eb, &hc, d, v->hex_insert);
	}
	edit_failed(v, err);
	v->cursor = hc.pos;
	v->nibble = hc.nibble;
}

/* A paste's text as the document wants it: the terminal sends newlines
 * as CR; they become the document's own ("\r\n" in a CRLF value).
 * Returns a malloc'd copy and its length in *out_len, or NULL. */
static char *paste_text(const struct gapbuf *gb, size_t cursor,
			const char *text, size_t n, size_t *out_len)
{
	size_t le = motion_line_end(gb, cursor);
	int crlf = le > 0 && le < gapbuf_len(gb) &&
		   gapbuf_at(gb, le - 1) == '\r';
	char *out = malloc(n * (crlf ? 2 : 1) + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = text[i];
		if (c == '\r' && i + 1 < n && text[i + 1] == '\n')
			continue; /* the '\n' makes the newline */
		if (c == '\r' || c == '\n') {
			if (crlf)
				out[o++] = '\r';
			out[o++] = '\n';
		} else {
			out[o++] = c;
		}
	}
	*out_len = o;
	return out;
}

void edview_paste(struct edview *v, const char *text, size_t n)
{
	if (edview_refuse_read_only(v) || n == 0)
		return;
	char *bytes;
	size_t len;
	if (v->hex && !v->hex_in_text) {
		/* the hex column takes hex digits */
		char *z = strndup(text, n);
		bytes = z != NULL ? malloc(n / 2 + 1) : NULL;
		long got = bytes != NULL
			? edsearch_parse_hex(z, (unsigned char *)bytes, n / 2 + 1)
			: -2;
		free(z);
		if (got < 0) {
			free(bytes);
			edsession_say(v->s, 1, got == -1 ? "paste hex digits "
				      "here (41 42 ...), or Tab to the "
				      "printable column first"
				      : "out of memory: not pasted");
			return;
		}
		len = (size_t)got;
	} else if (v->hex) {
		bytes = malloc(n);
		if (bytes != NULL)
			memcpy(bytes, text, n);
		len = n;
	} else {
		bytes = paste_text(&v->eb.gb, v->cursor, text, n, &len);
	}
	if (bytes == NULL) {
		edview_say_nomem(v);
		return;
	}
	/* one undo step, however long */
	edbuf_break(&v->eb);
	int err = edbuf_insert(&v->eb, v->cursor, bytes, len,
			       EDBUF_MERGE_NONE);
	edbuf_break(&v->eb);
	free(bytes);
	edit_failed(v, err);
	if (!err) {
		v->cursor += len;
		edsession_say(v->s, 0, "pasted %zu bytes (one undo step)",
			      len);
	}
	v->nibble = 0;
	v->goal_col = -1;
}

void edview_newline(struct edview *v)
{
	const struct gapbuf *gb = &v->eb.gb;
	size_t le = motion_line_end(gb, v->cursor);
	/* keep a CRLF file CRLF */
	if (le > 0 && le < gapbuf_len(gb) && gapbuf_at(gb, le - 1) == '\r')
		edview_type_text(v, "\r\n", 2);
	else
		edview_type_text(v, "\n", 1);
}

void edview_delete_range(struct edview *v, size_t from, size_t to,
			 enum edbuf_merge merge)
{
	if (edview_refuse_read_only(v) || to <= from)
		return;
	int err = edbuf_delete(&v->eb, from, to - from, merge);
	edit_failed(v, err);
	if (!err)
		v->cursor = from;
	v->nibble = 0;
	v->goal_col = -1;
}

void edview_undo_redo(struct edview *v, int redo)
{
	if (edview_refuse_read_only(v))
		return;
	size_t c = v->cursor;
	int r = redo ? edbuf_redo(&v->eb, &c) : edbuf_undo(&v->eb, &c);
	if (r == 0)
		edsession_say(v->s, 0, "nothing to %s", redo ? "redo" : "undo");
	else if (r != 1)
		edview_say_nomem(v);
	size_t len = edbuf_len(&v->eb);
	v->cursor = c > len ? len : c;
	if (!v->hex)
		v->cursor = edview_snap(v, v->cursor);
	v->nibble = 0;
	v->goal_col = -1;
}

void edview_toggle_hex(struct edview *v)
{
	v->hex = !v->hex;
	v->nibble = 0;
	v->goal_col = -1;
	v->top = 0;
	if (!v->hex) {
		v->cursor = edview_snap(v, v->cursor);
		if (!textcell_valid_text(&v->eb.gb))
			edsession_say(v->s, 0, "not valid UTF-8 text: odd bytes "
				      "show as escapes and are kept exactly");
	}
}

/* ----------------------------------------------------------- motion */

void edview_move_text(struct edview *v, enum keymap_action a)
{
	const struct gapbuf *gb = &v->eb.gb;
	struct colindex *ix = edview_ix(v);
	size_t len = gapbuf_len(gb), c = v->cursor;
	long page = v->rows > 2 ? v->rows - 1 : 1;
	int vertical = a == KA_UP || a == KA_DOWN || a == KA_PAGE_UP ||
		       a == KA_PAGE_DOWN;
	if (vertical && v->goal_col < 0)
		v->goal_col = motion_column(gb, ix, c);
	switch (a) {
	case KA_UP: c = motion_lines(gb, ix, c, -1, v->goal_col); break;
	case KA_DOWN: c = motion_lines(gb, ix, c, 1, v->goal_col); break;
	case KA_PAGE_UP: c = motion_lines(gb, ix, c, -page, v->goal_col); break;
	case KA_PAGE_DOWN: c = motion_lines(gb, ix, c, page, v->goal_col); break;
	case KA_CHAR_LEFT: c = motion_prev_cell(gb, ix, c); break;
	case KA_CHAR_RIGHT: c = motion_next_cell(gb, c); break;
	case KA_WORD_LEFT: c = motion_prev_word(gb, ix, c); break;
	case KA_WORD_RIGHT: c = motion_next_word(gb, ix, c); break;
	case KA_LINE_START: c = motion_line_start(gb, c); break;
	case KA_LINE_END: c = motion_line_end(gb, c); break;
	case KA_FIRST: c = 0; break;
	case KA_LAST: c = len; break;
	default: break;
	}
	v->cursor = c;
	if (!vertical)
		v->goal_col = -1;
}

void edview_move_hex(struct edview *v, enum keymap_action a)
{
	size_t len = edbuf_len(&v->eb);
	size_t per = (size_t)(v->lay.per_row > 0 ? v->lay.per_row : 16);
	size_t page = per * (size_t)(v->rows > 2 ? v->rows - 1 : 1);
	size_t c = v->cursor;
	switch (a) {
	case KA_UP: c = c >= per ? c - per : c; break;
	case KA_DOWN: c = c + per <= len ? c + per : c; break;
	case KA_PAGE_UP: c = c >= page ? c - page : 0; break;
	case KA_PAGE_DOWN: c = c + page <= len ? c + page : len; break;
	case KA_CHAR_LEFT:
		if (v->nibble == 1 && !v->hex_in_text)
			v->nibble = 0;
		else if (c > 0)
			c--;
		v->cursor = c;
		return;
	case KA_CHAR_RIGHT: c = c < len ? c + 1 : len; break;
	case KA_WORD_LEFT: c = c >= 8 ? c - 8 : 0; break;
	case KA_WORD_RIGHT: c = c + 8 <= len ? c + 8 : len; break;
	case KA_LINE_START: c = c / per * per; break;
	case KA_LINE_END:
		c = c / per * per + per - 1;
		if (c > len)
			c = len;
		break;
	case KA_FIRST: c = 0; break;
	case KA_LAST: c = len; break;
	default: break;
	}
	v->cursor = c;
	v->nibble = 0;
}

