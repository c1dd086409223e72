/* SPDX-License-Identifier: MIT */
/*
 * prompt.c - prompt keys to line-editor calls.
 */
#include "ui/prompt.h"

#include <errno.h>
#include <string.h>

/* An action that moves the cursor or changes the text. */
static enum prompt_result edit(struct lineedit *le, enum keymap_action a)
{
	size_t len = le->len;
	switch (a) {
	case KA_CHAR_LEFT: lineedit_left(le); return PROMPT_MOVED;
	case KA_CHAR_RIGHT: lineedit_right(le); return PROMPT_MOVED;
	case KA_LINE_START: lineedit_home(le); return PROMPT_MOVED;
	case KA_LINE_END: lineedit_end(le); return PROMPT_MOVED;
	case KA_BACKSPACE: lineedit_backspace(le); break;
	case KA_DELETE_CHAR: lineedit_delete(le); break;
	case KA_KILL_BEFORE: lineedit_kill_before(le); break;
	case KA_KILL_AFTER: lineedit_kill_after(le); break;
	default: return PROMPT_IGNORED;
	}
	return le->len != len ? PROMPT_CHANGED : PROMPT_MOVED;
}

enum prompt_result prompt_key(struct lineedit *le, const struct keymap *km,
			      int key)
{
	enum keymap_action a = keymap_lookup(km, KV_PROMPT, key);
	if (a == KA_ACCEPT)
		return PROMPT_ACCEPT;
	if (a == KA_CANCEL)
		return PROMPT_CANCEL;
	if (a != KA_NONE)
		return edit(le, a);
	if (!keycode_is_text(key))
		return PROMPT_IGNORED;
	int err = lineedit_insert_char(le, key);
	if (err == ENOMEM)
		return PROMPT_NOMEM;
	return err == 0 ? PROMPT_CHANGED : PROMPT_IGNORED;
}

enum prompt_result prompt_paste(struct lineedit *le, const char *text,
				size_t len)
{
	size_t n = 0;
	while (n < len && text[n] != '\r' && text[n] != '\n')
		n++;
	if (n == 0)
		return PROMPT_IGNORED;
	return lineedit_insert(le, text, n) == 0 ? PROMPT_CHANGED
						 : PROMPT_NOMEM;
}
