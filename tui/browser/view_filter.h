/* SPDX-License-Identifier: MIT */
/*
 * view_filter.h - what is typed on the status line: the filter of the
 * key list or of the tables pane (every keystroke filters again), or the
 * search of the key list (every keystroke moves the cursor to the first
 * match from where it was, hiding nothing). The `prompt` keys edit the
 * line; accept keeps it, cancel restores what was there before (and for
 * a search, where the cursor was); a bad regex is reported beside the
 * prompt and changes nothing. Owns the line being typed.
 */
#ifndef TUI_BROWSER_VIEW_FILTER_H
#define TUI_BROWSER_VIEW_FILTER_H

#include "browser/browser_msg.h"
#include "browser/key_list.h"
#include "browser/table_list.h"
#include "common/lineedit.h"
#include "ui/rect.h"
#include "ui/ui.h"

#include <stdint.h>

enum filter_target {
	FILTER_KEYS,   /* the key list's filter */
	FILTER_TABLES, /* the tables pane's filter */
	SEARCH_KEYS,   /* the key list's search */
};

/* The lists a prompt may change (borrowed; keys NULL: no table shown). */
struct filter_lists {
	struct key_list *keys;
	struct table_list *tables;
};

struct filter_prompt {
	int open;
	enum filter_target target;
	struct lineedit le;
	char err[256];  /* why the text does not filter (a bad regex) */
	char *before;   /* the text to restore on cancel (owned) */
	uint32_t row_before; /* a search: the cursor to restore on cancel */
};

/* filter_open - start typing over the target's current text. */
void filter_open(struct filter_prompt *fp, enum filter_target target,
		 const struct filter_lists *lists, struct browser_msg *msg);

/* filter_key - a key while the prompt is open (the target list gone: the
 * prompt closes). Returns non-zero when the table under the tables
 * cursor may have changed (the tables filter moved it). */
int filter_key(struct filter_prompt *fp, const struct filter_lists *lists,
	       const struct keymap *km, int key, struct browser_msg *msg);

/* filter_paste - a paste while the prompt is open: its first line is
 * typed (prompt_paste). Non-zero when the tables cursor may have moved,
 * as filter_key. */
int filter_paste(struct filter_prompt *fp, const struct filter_lists *lists,
		 const char *text, size_t len);

/* filter_draw - the prompt in the status line's rectangle; leaves the
 * terminal's cursor where the user types. */
void filter_draw(const struct filter_prompt *fp, const struct ui_rect *r,
		 const struct ui *ui);

/* filter_done - close it and free what it holds. */
void filter_done(struct filter_prompt *fp);

#endif
