/* SPDX-License-Identifier: MIT */
/*
 * ask.h - modal questions on the bottom line of the screen, for the
 * editor and the inspection views: a message, a prompt for a line of
 * text (`prompt` keys), yes/no (`confirm` keys) and a multiple choice
 * whose answers are actions of a keymap (each shown with the user's key
 * for it). Each returns when answered; the caller redraws. Text given to
 * these is escaped text (TEXTSAFE_ESCAPED): the program's words with
 * names escaped first (textsafe_name_buf).
 */
#ifndef TUI_UI_ASK_H
#define TUI_UI_ASK_H

#include "ui/ui.h"

#include <stddef.h>

/* ask_message - show a message on the bottom line (no wait). */
void ask_message(const struct ui *ui, const char *text, int is_error);

/* ask_prompt - ask for a line of text, starting with `initial` (may be
 * NULL). `note` (may be NULL) is shown as an error on the line above, e.g.
 * why the previous answer was refused. A paste types its first line. Returns 1 with *out malloc'd
 * (caller frees) when accepted, 0 when cancelled (*out NULL), or ENOMEM. */
int ask_prompt(const struct ui *ui, const char *question, const char *initial,
	       const char *note, char **out);

/* ask_yesno - "question (y/N)" with the user's `yes` key: 1 only for it
 * (a paste is no answer: the question stays; KC_HANGUP is no). */
int ask_yesno(const struct ui *ui, const char *question);

/* One answer of a multiple choice. */
struct ask_choice {
	enum keymap_action action;
	const char *label; /* "overwrite theirs" */
};

/* ask_choose - `question` and its answers ("o overwrite theirs  r ..."
 * with the keys of keymap view `v`) until a key of one of them comes;
 * returns its action. KA_NONE (take it as cancel) only when the config
 * left none of the answers a key; KA_CANCEL when the terminal went away
 * (KC_HANGUP). A paste answers nothing. */
enum keymap_action ask_choose(const struct ui *ui, enum keymap_view v,
			      const char *question,
			      const struct ask_choice *choices, size_t n);

#endif
