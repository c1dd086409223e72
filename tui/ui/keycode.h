/* SPDX-License-Identifier: MIT */
/*
 * keycode.h - the program's one key code space, and the names of keys as
 * the config file, the help screens and flockd(1) write them (tig's
 * notation: a, A, <C-s>, <M-x>, <Up>, <F5>, <Esc>, <Space>).
 *
 * A key code is an int:
 *   - a character is its Unicode code point (U+0020 and up, not DEL);
 *   - Ctrl with a letter is the ASCII control code (KC_CTRL('s') == 0x13),
 *     except the four a terminal cannot tell from other keys: Ctrl-I is
 *     Tab, Ctrl-M and Ctrl-J are Enter, Ctrl-[ is Esc;
 *   - special keys are KC_* above the Unicode range;
 *   - Alt (or Esc typed just before) with a character adds KC_ALT.
 * 0 is "no key". The curses layer (ui/keyin.h) is the one place that turns
 * the terminal's keys into these codes. Plain C.
 */
#ifndef TUI_UI_KEYCODE_H
#define TUI_UI_KEYCODE_H

#include <stddef.h>

#define KC_CTRL(c) ((c) & 0x1f)
#define KC_ALT 0x1000000
#define KC_META(c) (KC_ALT | (c))
#define KC_SPECIAL 0x110000 /* past every code point */
#define KC_F(n) (KC_SPECIAL + 0x100 + (n)) /* F1 .. F24 */
#define KC_F_MAX 24

enum keycode_special {
	KC_UP = KC_SPECIAL + 1,
	KC_DOWN,
	KC_LEFT,
	KC_RIGHT,
	KC_HOME,
	KC_END,
	KC_PGUP,
	KC_PGDN,
	KC_INSERT,
	KC_DELETE,
	KC_BACKSPACE,
	KC_ENTER,
	KC_TAB,
	KC_BTAB,
	KC_ESC,
	KC_CTRL_LEFT,
	KC_CTRL_RIGHT,
	KC_CTRL_HOME,
	KC_CTRL_END,
	KC_SHIFT_UP, /* Shift with a cursor key: the editor's selection */
	KC_SHIFT_DOWN,
	KC_SHIFT_LEFT,
	KC_SHIFT_RIGHT,
	KC_SHIFT_HOME,
	KC_SHIFT_END,
	/* not keys a user binds: the terminal's events */
	KC_RESIZE,
	KC_MOUSE,
	KC_PASTE,  /* a bracketed paste: its text is keyin_paste()'s */
	KC_HANGUP, /* the terminal went away, or SIGHUP/SIGTERM: every view
		      leaves (keymap_lookup gives its close, cancel or quit) */
};

/* The longest name keycode_name writes, with its NUL. */
#define KEYCODE_NAME_MAX 16

/* keycode_is_text - non-zero for a key that types a character (a code
 * point of U+0020 or above other than DEL, without Alt): what a prompt or
 * the editor inserts when the key is not bound. */
int keycode_is_text(int key);

/*
 * keycode_parse - the key named by text[0..len): one character (UTF-8),
 * or a name in angle brackets, case-blind: <Up> <Down> <Left> <Right>
 * <Home> <End> <PgUp>/<PageUp> <PgDn>/<PgDown>/<PageDown> <Ins>/<Insert>
 * <Del>/<Delete> <Backspace> <Enter> <Tab> <BackTab>/<S-Tab> <Esc>/<Escape>
 * <Space> <Hash> (#) <LT> (<) <F1>..<F24> <C-Left> <C-Right> <C-Home>
 * <C-End>, <S-Up> <S-Down> <S-Left> <S-Right> <S-Home> <S-End>, <C-x>/<Ctrl-x> for Ctrl with a letter or one of @[\]^_ (case
 * does not matter), <M-x>/<Alt-x> and <Esc>x for Alt with a character.
 * Returns the key code, or 0 with a short reason in *why (a static
 * string). Resize, mouse, paste and hang-up events have no name.
 */
int keycode_parse(const char *text, size_t len, const char **why);

/* keycode_name - the canonical name of `key` (what keycode_parse reads
 * back to the same code) into buf (KEYCODE_NAME_MAX bytes suffice): "a",
 * "<C-s>", "<M-q>", "<Up>", "<PgDn>", "<F5>", "<Space>". Characters that
 * are not safe to print show as <U+XXXX>, which does not parse. */
void keycode_name(int key, char *buf, size_t size);

#endif
