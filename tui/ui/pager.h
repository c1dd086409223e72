/* SPDX-License-Identifier: MIT */
/*
 * pager.h - a full-screen, scrollable view of lines (the `pager` keys):
 * the help screens of every view, and the editor's difference. The help
 * screen of a view is generated from the keymap, so it lists every action
 * of the view with the keys that reach it now (the user's bindings).
 */
#ifndef TUI_UI_PAGER_H
#define TUI_UI_PAGER_H

#include "ui/ui.h"

#include <stddef.h>

/* A line of pager text: fill buf, and set *elem (THEME_COUNT: plain) and
 * the textsafe *flags it is drawn with (TEXTSAFE_ESCAPED unless set:
 * escaped text; TEXTSAFE_VALUE for the bytes of a value). */
typedef void (*pager_line_fn)(size_t i, char *buf, size_t size,
			      enum theme_element *elem, unsigned *flags,
			      void *ctx);

/* pager_run - show `n` lines under `title` until the `close` action. */
void pager_run(const struct ui *ui, const char *title, size_t n,
	       pager_line_fn line, void *ctx);

/* help_run - the help screen of view `v`: keymap_help_line for each of
 * its actions, then the `nnotes` lines of `notes` (escaped text). */
void help_run(const struct ui *ui, enum keymap_view v, const char *title,
	      const char *const *notes, size_t nnotes);

/* messages_run - the log of messages (ui->log), newest first. */
void messages_run(const struct ui *ui);

#endif
