/* SPDX-License-Identifier: MIT */
/*
 * curses_ui.h - the one place that includes curses. Views include this, never
 * <curses.h> directly, so the wide-character configuration is the same
 * everywhere and models stay free of curses.
 */
#ifndef TUI_COMMON_CURSES_UI_H
#define TUI_COMMON_CURSES_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#endif
