/*
 * keyin.c - curses keys to key codes: the function keys curses knows, the
 * control characters a terminal sends for Enter, Tab, Esc and Backspace,
 * and Esc as the Alt prefix.
 */
#include "ui/keyin.h"

#include "common/curses_ui.h"
#include "ui/keycode.h"

#include <string.h>

/* A curses KEY_* code; 0 for the ones the program has no use for. */
static int special_key(int code)
{
	switch (code) {
	case KEY_UP: return KC_UP;
	case KEY_DOWN: return KC_DOWN;
	case KEY_LEFT: return KC_LEFT;
	case KEY_RIGHT: return KC_RIGHT;
	case KEY_HOME: return KC_HOME;
	case KEY_END: return KC_END;
	case KEY_PPAGE: return KC_PGUP;
	case KEY_NPAGE: return KC_PGDN;
	case KEY_IC: return KC_INSERT;
	case KEY_DC: return KC_DELETE;
	case KEY_BACKSPACE: return KC_BACKSPACE;
	case KEY_ENTER: return KC_ENTER;
	case KEY_BTAB: return KC_BTAB;
	case KEY_RESIZE: return KC_RESIZE;
	case KEY_MOUSE: return KC_MOUSE;
	default: break;
	}
	if (code >= KEY_F(1) && code <= KEY_F(KC_F_MAX))
		return KC_F(code - KEY_F0);
	/* xterm's Ctrl+arrow: terminfo's extended names kLFT5, kRIT5... */
	const char *name = keyname(code);
	if (name != NULL && strlen(name) == 5 && name[4] >= '5') {
		if (!strncmp(name, "kLFT", 4))
			return KC_CTRL_LEFT;
		if (!strncmp(name, "kRIT", 4))
			return KC_CTRL_RIGHT;
		if (!strncmp(name, "kHOM", 4))
			return KC_CTRL_HOME;
		if (!strncmp(name, "kEND", 4))
			return KC_CTRL_END;
	}
	return 0;
}

/* A character from the terminal, the control ones that stand for keys
 * turned into those keys. */
static int char_key(int ch)
{
	switch (ch) {
	case '\r':
	case '\n': return KC_ENTER;
	case '\t': return KC_TAB;
	case 27: return KC_ESC;
	case 0x7f: return KC_BACKSPACE;
	case 0: return 0; /* Ctrl-Space / Ctrl-@: nothing to bind */
	default: return ch;
	}
}

/* One key from curses: 1 with *code set, 0 on timeout. */
static int read_one(int timeout_ms, int *code)
{
	wint_t ch;
	timeout(timeout_ms);
	int rc = get_wch(&ch);
	if (rc == ERR)
		return 0;
	*code = rc == KEY_CODE_YES ? special_key((int)ch) : char_key((int)ch);
	return 1;
}

int keyin_read(int timeout_ms, int alt_ms)
{
	int key, next;
	if (!read_one(timeout_ms, &key))
		return 0;
	if (key != KC_ESC)
		return key;
	if (!read_one(alt_ms, &next))
		return KC_ESC;
	/* Esc then a character: Alt+character; Esc then a special key is
	 * that key (some terminals send Alt+arrow so) */
	if (keycode_is_text(next))
		return KC_META(next);
	return next;
}

void keyin_set_escdelay(int ms)
{
	set_escdelay(ms);
}

void keyin_define_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} extra[] = {
		{"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME},
		{"\033[H", KEY_HOME},  {"\033OH", KEY_HOME},
		{"\033[4~", KEY_END},  {"\033[8~", KEY_END},
		{"\033[F", KEY_END},   {"\033OF", KEY_END},
	};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
}
