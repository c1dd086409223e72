/*
 * edui.h - the editor's small curses layer: colours and attributes by role
 * (honouring NO_COLOR and monochrome terminals), reading a key as an
 * editor key code (edkeys.h), and "held for 2m13s" durations. Views only.
 */
#ifndef TUI_EDITOR_EDUI_H
#define TUI_EDITOR_EDUI_H

#include <stddef.h>

enum edui_role {
	EDUI_NORMAL = 0,
	EDUI_BAR,      /* title and status bars */
	EDUI_ERROR,    /* error messages */
	EDUI_ESCAPE,   /* visible escapes of control/invalid bytes */
	EDUI_MARK,     /* "no newline at end", markers */
	EDUI_DIFF_ADD,
	EDUI_DIFF_DEL,
	EDUI_DIFF_HUNK,
	EDUI_MATCH,    /* the search match */
};

/* edui_begin - called on entry of every modal editor call: raw keys
 * (Ctrl-S, Ctrl-Q, Ctrl-Z reach us), short Esc delay, colours decided.
 * edui_end restores the terminal modes the browser had. */
void edui_begin(void);
void edui_end(void);

/* edui_attr - the curses attributes for a role (an int to keep curses out
 * of this header; it is an attr_t). */
unsigned long edui_attr(enum edui_role role);

/* edui_getkey - wait up to `timeout_ms` (-1: forever) for a key; returns an
 * editor key code, 0 on timeout. Esc followed by a key within `esc_ms` is
 * Alt+key (EK_META); a lone Esc is 27. */
int edui_getkey(int timeout_ms, int esc_ms);

/* edui_format_held - "45s", "2m13s", "1h02m" for a number of seconds. */
void edui_format_held(long seconds, char *buf, size_t size);

#endif
