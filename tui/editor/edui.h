/* SPDX-License-Identifier: MIT */
/*
 * edui.h - the editor's terminal modes, its key reading (Esc then a key is
 * Alt+key, for terminals without Alt) and "held for 2m13s" durations.
 * Views only. Colours and drawing are the shared ones (ui/ui.h,
 * ui/draw.h).
 */
#ifndef TUI_EDITOR_EDUI_H
#define TUI_EDITOR_EDUI_H

#include <stddef.h>

/* How long after a lone Esc the editor waits for the key it prefixes. */
#define EDUI_ESC_PREFIX_MS 1500

/* edui_begin - called on entry of every modal editor call: raw keys
 * (Ctrl-S, Ctrl-Q, Ctrl-Z reach us). edui_end restores the terminal
 * modes the browser had (savetty/resetty) and hides the cursor. */
void edui_begin(void);
void edui_end(void);

struct ui;

/* edui_getkey - wait up to `timeout_ms` (-1: forever) for a key; returns
 * its key code (ui/keycode.h), 0 on timeout. Esc followed by a character
 * within EDUI_ESC_PREFIX_MS is Alt+character. KC_PASTE and KC_HANGUP as
 * ui/keyin.h says. */
int edui_getkey(const struct ui *ui, int timeout_ms);

/* edui_format_held - "45s", "2m13s", "1h02m" for a number of seconds. */
void edui_format_held(long seconds, char *buf, size_t size);

#endif
