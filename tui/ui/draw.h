/* SPDX-License-Identifier: MIT */
/*
 * draw.h - drawing helpers every view shares: untrusted or escaped text at
 * a position (through textsafe_draw, escapes in the `escape` colour), pane
 * frames with a title, bars, and filled runs. Views only.
 */
#ifndef TUI_UI_DRAW_H
#define TUI_UI_DRAW_H

#include "common/textsafe.h"
#include "ui/rect.h"
#include "ui/ui.h"

#include <stddef.h>

/* ui_draw - put `len` bytes at (y, x) in at most `cols` columns, leaving
 * out the first `skip` columns, rendered with textsafe `flags` (0: a name,
 * escaped; TEXTSAFE_VALUE: a value's text; TEXTSAFE_ESCAPED: the
 * program's words with names escaped already), cut with an ellipsis.
 * Returns the columns used. */
int ui_draw(const struct ui *ui, int y, int x, const char *bytes, size_t len,
	    int cols, int skip, unsigned flags, attr_t attr);

/* ui_text - a name (escaped) at (y, x); ui_text_as - with `flags`;
 * ui_say - a NUL-terminated escaped text (TEXTSAFE_ESCAPED). */
int ui_text(const struct ui *ui, int y, int x, const char *bytes, size_t len,
	    int cols, attr_t attr);
int ui_text_as(const struct ui *ui, int y, int x, const char *bytes,
	       size_t len, int cols, unsigned flags, attr_t attr);
int ui_say(const struct ui *ui, int y, int x, const char *text, int cols,
	   attr_t attr);

/* ui_width - the columns ui_text_as takes for these bytes (at most limit
 * + 1). */
int ui_width(const char *bytes, size_t len, unsigned flags, int limit);

/* ui_fill - `cols` spaces at (y, x) with attr (cursor rows, bars). */
void ui_fill(int y, int x, int cols, attr_t attr);

/* ui_bar - row y across the screen in the `title` colour with the escaped
 * text `text` at its left. */
void ui_bar(const struct ui *ui, int y, const char *text);

/* ui_line - clear row y and put the escaped text there in attr. */
void ui_line(const struct ui *ui, int y, const char *text, attr_t attr);

/* ui_frame - a box around `r` with `title` (a name: escaped, cut to fit);
 * `right` (may be NULL) goes at the top right. */
void ui_frame(const struct ui *ui, const struct ui_rect *r, const char *title,
	      const char *right, int focused);

#endif
