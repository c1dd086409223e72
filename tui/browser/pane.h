/* SPDX-License-Identifier: MIT */
/*
 * pane.h - the browser's three panes as views: each draws its own model
 * (the tables pane a table_list, the keys pane the shown browser_table,
 * the value pane the browser_preview) and handles the actions it knows,
 * passing the others on (PANE_PASS) to the browser's global actions. A
 * pane never reaches past its model: what the browser must do next (open
 * the table under the cursor, move the focus) is its result.
 */
#ifndef TUI_BROWSER_PANE_H
#define TUI_BROWSER_PANE_H

#include "ui/ui.h"
#include "ui/rect.h"

enum pane_result {
	PANE_PASS = 0,     /* not this pane's action: pass it on */
	PANE_DONE,         /* handled */
	PANE_SELECT_TABLE, /* handled; show the table under the cursor */
	PANE_FOCUS_PREV,   /* handled; focus the pane on the left */
	PANE_FOCUS_NEXT,   /* handled; focus the pane on the right */
	PANE_NOT_FOUND,    /* handled; the search found no key */
};

struct pane_view {
	const char *name;
	enum keymap_view keymap; /* where its keys are looked up */
	void (*draw)(void *model, const struct ui_rect *r, int focused,
		     const struct ui *ui);
	enum pane_result (*handle)(void *model, enum keymap_action action,
				   const struct ui_rect *r);
	/* a click at row `y` of the content (0 = first row), or a wheel
	 * scroll of `wheel` rows */
	enum pane_result (*mouse)(void *model, const struct ui_rect *r, int y,
				  int wheel);
};

extern const struct pane_view pane_tables; /* model: struct table_list */
extern const struct pane_view pane_keys;   /* model: struct browser_table */
extern const struct pane_view pane_value;  /* model: struct browser_preview */

#endif
