/* SPDX-License-Identifier: MIT */
/*
 * browser_term.h - the terminal modes the browser runs in, set at start
 * and again after a modal view (the editor, an inspection view) changed
 * them.
 */
#ifndef TUI_BROWSER_BROWSER_TERM_H
#define TUI_BROWSER_BROWSER_TERM_H

#include "ui/ui.h"

#include <stddef.h>

/* browser_term_check - before curses starts: 0 when $TERM names a
 * terminal that can address the cursor, else -1 with a one-line reason
 * in `why` (unknown TERM, TERM=dumb, a printing terminal). */
int browser_term_check(char *why, size_t size);

/* browser_term_setup - cbreak, no echo, keypad, no cursor, the mouse
 * (unless the mouse setting is off), curses' escape delay, bracketed
 * paste. */
void browser_term_setup(const struct ui *ui);

/* browser_term_after_modal - the same, and the whole screen is drawn
 * again at the next refresh. */
void browser_term_after_modal(const struct ui *ui);

#endif
