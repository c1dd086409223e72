/* SPDX-License-Identifier: MIT */
/*
 * view_pair.h - the two-values screen shared by the check view (a key and
 * its conflict copy: the `resolve` keys) and compare mode (a key here and
 * there: the `compare` keys). Internal to tui/inspect/.
 */
#ifndef TUI_INSPECT_VIEW_PAIR_H
#define TUI_INSPECT_VIEW_PAIR_H

#include "ui/ui.h"

#include <stddef.h>

struct pair_view {
	enum keymap_view view;   /* KV_RESOLVE or KV_COMPARE */
	const char *title;       /* raw; escaped when drawn */
	const char *left_label;  /* raw */
	const char *right_label; /* raw */
	const void *a;           /* left value (NULL with a_missing) */
	size_t alen;
	int a_missing;
	const void *b;
	size_t blen;
	int b_missing;
	const char *message;     /* shown first on the status line, or NULL */
};

/* pair_view_run - show the two values side by side (toggle-diff: a
 * unified diff), scrolling, jumping between differences. Returns when the
 * user closes it (*picked KA_NONE) or, in the resolve view, picks
 * keep-copy or keep-key (*picked that action). 0, or ENOMEM. */
int pair_view_run(const struct ui *ui, const struct pair_view *pv,
		  enum keymap_action *picked);

#endif
