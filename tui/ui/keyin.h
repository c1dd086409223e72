/* SPDX-License-Identifier: MIT */
/*
 * keyin.h - the one translation of the terminal's keys (curses) into key
 * codes (ui/keycode.h): every view reads its keys here. Curses must be
 * initialised with keypad(stdscr, TRUE).
 *
 * Besides keys, the terminal's input carries two events every view must
 * survive:
 * - a bracketed paste (ESC[200~ text ESC[201~, enabled by keyin_set_paste):
 *   one KC_PASTE whose text keyin_paste() gives, read straight from the
 *   descriptor in large reads, so pasted text never runs as commands and a
 *   30,000-line paste arrives at once;
 * - the terminal going away (a read gives end of file or EIO: the window
 *   was closed, ssh dropped, also with SIGHUP ignored under nohup) and the
 *   signals that end the program (ui/termsig.h): KC_HANGUP, at once and
 *   from then on every time, so every loop unwinds instead of spinning.
 */
#ifndef TUI_UI_KEYIN_H
#define TUI_UI_KEYIN_H

#include <stddef.h>

/* The input's state: the last paste and whether the terminal is gone.
 * The program owns one (struct ui points to it). */
struct keyin {
	int fd;            /* the terminal's input descriptor */
	char *paste;       /* the last paste's bytes as sent (owned) */
	size_t paste_len, paste_cap;
	int gone;          /* end of file or EIO on the terminal */
};

/* keyin_init - for input descriptor `fd`; keyin_done frees the paste. */
void keyin_init(struct keyin *in, int fd);
void keyin_done(struct keyin *in);

/*
 * keyin_read - wait up to `timeout_ms` (-1: until a key, 0: do not wait)
 * for a key and return its code, or 0 when none came. Esc followed within
 * `alt_ms` by a character is Alt+character (KC_META); a lone Esc is KC_ESC
 * (after alt_ms). Enter is KC_ENTER whether the terminal sends CR or LF,
 * DEL and the Backspace key are KC_BACKSPACE, Tab is KC_TAB. KC_PASTE and
 * KC_HANGUP as above; a SIGINT reads as Ctrl-C. `in` may be NULL (no paste,
 * no hang-up detection: tests).
 */
int keyin_read(struct keyin *in, int timeout_ms, int alt_ms);

/* keyin_paste - the text of the last KC_PASTE and its length; borrowed
 * until the next keyin_read. "" when there was none. */
const char *keyin_paste(const struct keyin *in, size_t *len);

/* keyin_gone - non-zero once the terminal went away. */
int keyin_gone(const struct keyin *in);

/* keyin_set_paste - ask the terminal for bracketed pastes (on) or not. */
void keyin_set_paste(int on);

/* keyin_define_keys - after curses started: teach it the sequences that
 * terminals and multiplexers send for Home and End when TERM says another
 * terminal (tmux and screen send \e[1~ and \e[4~ under TERM=xterm, rxvt
 * sends \e[7~ ...), and the bracketed paste's markers. Sequences the
 * terminal description already has stay as they are. */
void keyin_define_keys(void);

/* keyin_set_escdelay - how long curses waits after Esc for the rest of a
 * function key's sequence (the escape-delay setting). */
void keyin_set_escdelay(int ms);

#endif
