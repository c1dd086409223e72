/* SPDX-License-Identifier: MIT */
/*
 * browser_views.h - the browser's own modal views: the details popup of
 * a row (view_details.c) and the recent-changes view (view_recent.c).
 * Each draws over the browser, runs its own keys (the `details` and
 * `recent` keymaps) and returns; the browser then redraws.
 */
#ifndef TUI_BROWSER_BROWSER_VIEWS_H
#define TUI_BROWSER_BROWSER_VIEWS_H

#include "browser/browser_ctl.h"
#include "ui/ui.h"

/* browser_details - the details popup of the row under the keys cursor
 * (key_details.h): scrolls, closes with its keys. */
void browser_details(struct browser_ctl *c, const struct ui *ui);

/* browser_recent - the keys created, changed or deleted while the
 * browser watched, newest first, kept up to date while it shows; jump
 * goes to the key (its table shown, the cursor on it). */
void browser_recent(struct browser_ctl *c, const struct ui *ui);

#endif
