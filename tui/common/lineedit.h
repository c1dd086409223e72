/* SPDX-License-Identifier: MIT */
/*
 * lineedit.h - the one prompt line editor of the program (the browser's
 * filter, the editor's key-name, search and go-to prompts): the text being
 * typed and its cursor. Insert, delete by character, move, kill; no fixed
 * size (the text grows as typed). Plain C: the views draw it with
 * textsafe_draw and map their keys to these calls.
 */
#ifndef TUI_COMMON_LINEEDIT_H
#define TUI_COMMON_LINEEDIT_H

#include <stddef.h>

struct lineedit {
	char *text; /* owned, NUL-terminated */
	size_t len, cap;
	size_t cursor; /* byte offset, on a character boundary */
};

/* lineedit_init - start with a copy of `initial` (may be NULL), cursor at
 * its end. 0 or ENOMEM (then nothing to free). lineedit_done frees. */
int lineedit_init(struct lineedit *le, const char *initial);
void lineedit_done(struct lineedit *le);

/* lineedit_set - replace the text by a copy of `text`, cursor at its end.
 * 0 or ENOMEM (the text is then unchanged). */
int lineedit_set(struct lineedit *le, const char *text);

/* lineedit_insert - insert `n` bytes at the cursor. 0 or ENOMEM. */
int lineedit_insert(struct lineedit *le, const char *s, size_t n);

/* lineedit_encode - the bytes of a character typed on the terminal (a
 * wide character) in the locale's character set, into `out` (MB_LEN_MAX
 * bytes): ASCII as itself, a value up to 0xff the locale cannot encode as
 * that byte. Returns their count, or 0 when `ch` cannot be encoded. */
size_t lineedit_encode(int ch, char *out);

/* lineedit_insert_char - insert the typed character `ch` (as
 * lineedit_encode encodes it). 0, ENOMEM, or EILSEQ for a C0 control, DEL
 * or a character that cannot be encoded. */
int lineedit_insert_char(struct lineedit *le, int ch);

void lineedit_backspace(struct lineedit *le);
void lineedit_delete(struct lineedit *le);
void lineedit_left(struct lineedit *le);
void lineedit_right(struct lineedit *le);
void lineedit_home(struct lineedit *le);
void lineedit_end(struct lineedit *le);
void lineedit_kill_before(struct lineedit *le); /* ^U */
void lineedit_kill_after(struct lineedit *le);  /* ^K */

/* lineedit_view - for a prompt of `room` columns drawn by textsafe with
 * `flags` (prompts draw what is typed as a value: TEXTSAFE_VALUE and the
 * locale's TEXTSAFE_UTF8): the byte offset to draw the text from, so the
 * cursor stays in view (the text before it scrolls off to the left), and
 * in *cursor_col the cursor's column from there. */
size_t lineedit_view(const struct lineedit *le, int room, unsigned flags,
		     int *cursor_col);

#endif
