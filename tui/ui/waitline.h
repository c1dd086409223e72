/* SPDX-License-Identifier: MIT */
/*
 * waitline.h - a call that may wait for a lock (a save, a delete, a
 * rename, opening a value), run while the bottom line counts the lock
 * timeout down and Esc (the `wait` keymap's cancel) stops it.
 *
 * The store's waits are bounded polls that read a cancel flag
 * (flockd_table_set_cancel); the call runs in a worker thread while this
 * thread draws and reads keys, and cancelling raises the flag
 * (ui/termsig.h's, which the tables the call uses must have). Ctrl-C is a
 * cancel here, never a quit. A wait that ends within WAITLINE_QUIET_MS
 * shows nothing. Views only.
 */
#ifndef TUI_UI_WAITLINE_H
#define TUI_UI_WAITLINE_H

#include "ui/ui.h"

#define WAITLINE_QUIET_MS 150

/* waitline_run - call fn(ctx) and return its result, saying `what`
 * ("saving alpha: waiting for the exclusive lock") with the time left of
 * `timeout_ms` while it waits. `what` is escaped text. A cancelled call
 * returns what the store says then (ECANCELED). *cancelled (if not NULL)
 * is set when the user cancelled. The worker blocks the caught signals;
 * fn must not touch the screen. */
int waitline_run(const struct ui *ui, const char *what, long timeout_ms,
		 int (*fn)(void *ctx), void *ctx, int *cancelled);

#endif
