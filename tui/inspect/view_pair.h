/*
 * view_pair.h - the two-values screen shared by the check view (a key and
 * its conflict copy) and compare mode (a key here and there). Internal to
 * tui/inspect/.
 */
#ifndef TUI_INSPECT_VIEW_PAIR_H
#define TUI_INSPECT_VIEW_PAIR_H

#include <stddef.h>

struct pair_view {
	const char *title;       /* raw; escaped when drawn */
	const char *left_label;  /* raw */
	const char *right_label; /* raw */
	const void *a;           /* left value (NULL with a_missing) */
	size_t alen;
	int a_missing;
	const void *b;
	size_t blen;
	int b_missing;
	const char *actions;      /* action keys that end the view ("ck") */
	const char *actions_hint; /* their hint ("c keep copy  k keep key") */
	const char *message;      /* shown first on the status line, or NULL */
};

/* pair_view_run - show the two values side by side (v toggles a unified
 * diff); j/k/PgUp/PgDn scroll, n/N jump between differences, left/right
 * scroll sideways. Returns the action key pressed (one of `actions`), or 0
 * for q/Esc, or -1 when memory runs out. */
int pair_view_run(const struct pair_view *pv);

#endif
