/* SPDX-License-Identifier: MIT */
/*
 * textsafe_draw.h - drawing untrusted bytes with curses: the one place
 * that puts textsafe renderings on the screen, escapes in their own
 * attribute. Views only (it includes curses through curses_ui.h).
 */
#ifndef TUI_COMMON_TEXTSAFE_DRAW_H
#define TUI_COMMON_TEXTSAFE_DRAW_H

#include "common/curses_ui.h"
#include "common/textsafe.h"

#include <stddef.h>

/*
 * textsafe_draw - draw s[0..len) at (y, x) in at most `cols` columns, as
 * textsafe_layout renders it with `flags` (a name, TEXTSAFE_VALUE or
 * TEXTSAFE_ESCAPED; TEXTSAFE_UTF8 is added from the locale), leaving out
 * its first `skip` columns. Text is drawn in `attr`, escapes in `esc`
 * added to it (when both carry a colour pair, the escape is `attr` plus
 * underline instead, so a cursor bar keeps its colour). Returns the
 * columns drawn; nothing past x + cols is touched.
 */
int textsafe_draw(int y, int x, const void *s, size_t len, int cols, int skip,
		  unsigned flags, attr_t attr, attr_t esc);

/* textsafe_draw_str - textsafe_draw of a NUL-terminated string. */
int textsafe_draw_str(int y, int x, const char *s, int cols, unsigned flags,
		      attr_t attr, attr_t esc);

#endif
