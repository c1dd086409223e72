/* SPDX-License-Identifier: MIT */
/*
 * browser_edit.h - the browser's changes through the editor: open a value
 * (Enter), $EDITOR, delete, new key, rename; then the lists show the
 * change at once, without waiting for the watcher. (Tables are
 * browser_bulk.h's.)
 */
#ifndef TUI_BROWSER_BROWSER_EDIT_H
#define TUI_BROWSER_BROWSER_EDIT_H

#include "browser/browser_ctl.h"
#include "ui/ui.h"

/* browser_run_editor - the editor call of `action` (KA_OPEN,
 * KA_EDIT_EXTERNAL, KA_DELETE, KA_NEW_KEY, KA_RENAME) on the
 * cursor's key. In compare mode, open on a key that differs or is only
 * there shows both values instead. */
void browser_run_editor(struct browser_ctl *c, const struct ui *ui,
			enum keymap_action action);

#endif
