/* SPDX-License-Identifier: MIT */
/*
 * prompt.h - a key typed into a prompt line (the browser's filter, the
 * editor's name, search and go-to questions): the `prompt` keymap's
 * actions on the line editor (common/lineedit.h), and text typed where no
 * action is bound. Plain C, so the keys of every prompt are tested
 * without a terminal.
 */
#ifndef TUI_UI_PROMPT_H
#define TUI_UI_PROMPT_H

#include "common/lineedit.h"
#include "ui/keymap.h"

enum prompt_result {
	PROMPT_IGNORED, /* nothing to do with this key */
	PROMPT_MOVED,   /* the cursor moved; the text is the same */
	PROMPT_CHANGED, /* the text changed */
	PROMPT_ACCEPT,  /* accept what is typed */
	PROMPT_CANCEL,  /* cancel the question */
	PROMPT_NOMEM,   /* a character could not be added */
};

/* prompt_key - apply `key` to the line `le` through the `prompt` keymap
 * of `km`. A key without an action there that types a character inserts
 * it. */
enum prompt_result prompt_key(struct lineedit *le, const struct keymap *km,
			      int key);

/* prompt_paste - a paste into the line: its first line is typed at the
 * cursor (what follows a CR or LF is left out: a prompt is one line);
 * control characters inside it are typed too, shown as escapes. */
enum prompt_result prompt_paste(struct lineedit *le, const char *text,
				size_t len);

#endif
