/* SPDX-License-Identifier: MIT */
/*
 * browser_bulk.h - the browser's questions for bulk actions and table
 * operations (bulk.h): which keys (the picked ones, else the cursor's),
 * which table or file, the one confirmation naming the count, then the
 * controller runs the job in slices; the report of the last one. Also
 * the details popup and the recent-changes view, the browser's other
 * modal views.
 */
#ifndef TUI_BROWSER_BROWSER_BULK_H
#define TUI_BROWSER_BROWSER_BULK_H

#include "browser/browser_ctl.h"
#include "ui/ui.h"

/*
 * browser_bulk - `action` if it is a bulk or table one here:
 *   KA_DELETE     the picked keys; in the tables pane (`on_tables`) the
 *                 table under its cursor
 *   KA_RENAME     in the tables pane: the table
 *   KA_NEW_TABLE  a table (in the tables pane: nested under the cursor's)
 *   KA_COPY, KA_MOVE, KA_EXPORT   the picked keys, else the cursor's key
 *   KA_REPORT     what the last bulk action did
 * Returns non-zero when it took the action; 0 leaves it to the editor
 * (delete or rename of the one key under the cursor).
 */
int browser_bulk(struct browser_ctl *c, const struct ui *ui,
		 enum keymap_action action, int on_tables);

#endif
