/* SPDX-License-Identifier: MIT */
/*
 * view_status.h - the browser's status line (view_status.c).
 */
#ifndef TUI_BROWSER_VIEW_STATUS_H
#define TUI_BROWSER_VIEW_STATUS_H

#include "browser/browser_ctl.h"
#include "browser/view_filter.h"
#include "ui/rect.h"
#include "ui/ui.h"

/* view_status_draw - the status line in `r`, or the filter prompt while
 * it is open; key hints are those of the focused pane's keymap `focus`. */
void view_status_draw(const struct browser_ctl *c,
		      const struct filter_prompt *fp, enum keymap_view focus,
		      const struct ui_rect *r, const struct ui *ui);

#endif
