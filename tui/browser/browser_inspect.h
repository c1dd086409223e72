/* SPDX-License-Identifier: MIT */
/*
 * browser_inspect.h - the inspection views called from the browser.
 */
#ifndef TUI_BROWSER_BROWSER_INSPECT_H
#define TUI_BROWSER_BROWSER_INSPECT_H

#include "browser/browser_ctl.h"
#include "ui/ui.h"

/* browser_run_inspect - the view of `action` (KA_LOCKS, KA_CHECK,
 * KA_INFO, KA_COMPARE), modal; then the lists and marks are read again
 * (the check view may have removed files). */
void browser_run_inspect(struct browser_ctl *c, const struct ui *ui,
			 enum keymap_action action);

#endif
