/*
 * keyin.h - the one translation of the terminal's keys (curses) into key
 * codes (ui/keycode.h): every view reads its keys here. Curses must be
 * initialised with keypad(stdscr, TRUE).
 */
#ifndef TUI_UI_KEYIN_H
#define TUI_UI_KEYIN_H

/*
 * keyin_read - wait up to `timeout_ms` (-1: forever, 0: do not wait) for a
 * key and return its code, or 0 when none came. Esc followed within
 * `alt_ms` by a character is Alt+character (KC_META); a lone Esc is KC_ESC
 * (after alt_ms). Enter is KC_ENTER whether the terminal sends CR or LF,
 * DEL and the Backspace key are KC_BACKSPACE, Tab is KC_TAB.
 */
int keyin_read(int timeout_ms, int alt_ms);

/* keyin_define_keys - after curses started: teach it the sequences that
 * terminals and multiplexers send for Home and End when TERM says another
 * terminal (tmux and screen send \e[1~ and \e[4~ under TERM=xterm, rxvt
 * sends \e[7~ ...). Sequences the terminal description already has stay
 * as they are. */
void keyin_define_keys(void);

/* keyin_set_escdelay - how long curses waits after Esc for the rest of a
 * function key's sequence (the escape-delay setting). */
void keyin_set_escdelay(int ms);

#endif
