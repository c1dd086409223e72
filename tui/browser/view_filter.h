/*
 * view_filter.h - the filter prompt on the status line: every keystroke
 * (the `prompt` keys) re-filters the key list; accept keeps the filter,
 * cancel restores the one before, a bad regex is reported beside the
 * prompt and changes nothing. Owns the line being typed.
 */
#ifndef TUI_BROWSER_VIEW_FILTER_H
#define TUI_BROWSER_VIEW_FILTER_H

#include "browser/browser_msg.h"
#include "browser/key_list.h"
#include "common/lineedit.h"
#include "ui/rect.h"
#include "ui/ui.h"

struct filter_prompt {
	int open;
	struct lineedit le;
	char err[256]; /* why the text does not filter (a bad regex) */
	char *before;  /* the filter to restore on cancel (owned) */
};

/* filter_open - start typing over the list's current filter. */
void filter_open(struct filter_prompt *fp, struct key_list *kl,
		 struct browser_msg *msg);

/* filter_key - a key while the prompt is open (kl NULL: the table went
 * away, the prompt closes). */
void filter_key(struct filter_prompt *fp, struct key_list *kl,
		const struct keymap *km, int key, struct browser_msg *msg);

/* filter_paste - a paste while the prompt is open: its first line is
 * typed (prompt_paste). */
void filter_paste(struct filter_prompt *fp, struct key_list *kl,
		  const char *text, size_t len);

/* filter_draw - the prompt in the status line's rectangle; leaves the
 * terminal's cursor where the user types. */
void filter_draw(const struct filter_prompt *fp, const struct ui_rect *r,
		 const struct ui *ui);

/* filter_done - close it and free what it holds. */
void filter_done(struct filter_prompt *fp);

#endif
