/*
 * ui.h - drawing helpers the views share: colour roles that fall back to
 * plain attributes in monochrome or under NO_COLOR, pane frames with a
 * title, and untrusted text at a position (through textsafe_draw, escapes
 * in the UI_ESCAPE role). Views only.
 */
#ifndef TUI_BROWSER_UI_H
#define TUI_BROWSER_UI_H

#include "common/curses_ui.h"

#include "browser/layout.h"

enum ui_role {
	UI_NORMAL = 0,
	UI_FRAME,
	UI_FRAME_FOCUS,
	UI_CURSOR,          /* the cursor row of the focused pane */
	UI_CURSOR_DIM,      /* the cursor row of another pane */
	UI_MARK,            /* odd entries' mark */
	UI_DIM,             /* secondary columns */
	UI_ERROR,           /* error messages */
	UI_BADGE,           /* RO badge */
	UI_INFO,            /* status information */
	UI_ESCAPE,          /* escapes of unsafe bytes in names and values */
	UI_ROLE_COUNT
};

/* ui_init_colors - set up colours unless NO_COLOR is set (non-empty) or the
 * terminal has none; returns non-zero when colours are in use. */
int ui_init_colors(void);

/* ui_attr - the attributes for a role. */
attr_t ui_attr(enum ui_role role);

/* ui_frame - draw a box around `r` with `title` (a name: escaped, cut to
 * fit); `right` (may be NULL) goes at the top right. */
void ui_frame(const struct layout_rect *r, const char *title,
	      const char *right, int focused);

/* ui_text - put `len` untrusted bytes at (y, x) in at most `cols` columns,
 * rendered as a name (escaped, cut with an ellipsis); returns the columns
 * used. */
int ui_text(int y, int x, const char *bytes, size_t len, int cols,
	    attr_t attr);

/* ui_text_as - the same with textsafe `flags` (TEXTSAFE_VALUE for a
 * value's text, TEXTSAFE_ESCAPED for a message that holds escaped names). */
int ui_text_as(int y, int x, const char *bytes, size_t len, int cols,
	       unsigned flags, attr_t attr);

/* ui_width - the columns ui_text_as takes for these bytes (at most limit
 * + 1). */
int ui_width(const char *bytes, size_t len, unsigned flags, int limit);

/* ui_fill - `cols` spaces at (y, x) with attr (cursor bars). */
void ui_fill(int y, int x, int cols, attr_t attr);

#endif
