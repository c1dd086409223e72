/*
 * dialog.h - modal questions on the bottom line of the screen: a one-line
 * prompt with editing, yes/no, a multiple choice, and a full-screen pager
 * (help, differences). Each returns when answered; the caller redraws.
 * Text given to these functions is escaped text (TEXTSAFE_ESCAPED): the
 * program's words with names escaped first (textsafe_name_buf); escapes
 * are drawn in the EDUI_ESCAPE attribute.
 */
#ifndef TUI_EDITOR_DIALOG_H
#define TUI_EDITOR_DIALOG_H

#include "editor/edui.h"

#include <stddef.h>

/* dialog_draw_clipped - draw escaped text at (y, x), at most `maxw`
 * columns (never wrapping into the next line, cut with an ellipsis);
 * returns the columns used. */
int dialog_draw_clipped(int y, int x, const char *text, int maxw,
			unsigned long attr);

/* dialog_message - show a message on the bottom line (no wait). */
void dialog_message(const char *text, int is_error);

/* dialog_prompt - ask for a line of text, starting with `initial` (may be
 * NULL). `note` (may be NULL) is shown as an error on the line above, e.g.
 * why the previous answer was refused. Returns 1 with *out malloc'd (caller
 * frees) on Enter, 0 on Esc or Ctrl-C (then *out is NULL), ENOMEM. */
int dialog_prompt(const char *question, const char *initial,
		  const char *note, char **out);

/* dialog_yesno - "question (y/N)": 1 only for y/Y. */
int dialog_yesno(const char *question);

/* One answer of a multiple choice: `key` picks it ("[o]verwrite"). */
struct dialog_choice {
	int key;
	const char *label;
};

/* dialog_choose - show `question` and the choices; returns the index of
 * the one picked, or -1 on Esc / Ctrl-C. */
int dialog_choose(const char *question, const struct dialog_choice *choices,
		  size_t n);

/* A line of pager text: fill buf, set *role and the textsafe *flags it is
 * drawn with (TEXTSAFE_ESCAPED unless set: escaped text; TEXTSAFE_VALUE
 * for the bytes of a value, shown as the editor shows them). */
typedef int (*dialog_line_fn)(size_t i, char *buf, size_t size,
			      enum edui_role *role, unsigned *flags,
			      void *ctx);

/* dialog_pager - a full-screen, scrollable view of `n` lines with a title;
 * q, Esc or F10 closes it. */
void dialog_pager(const char *title, size_t n, dialog_line_fn line, void *ctx);

#endif
