/* SPDX-License-Identifier: MIT */
/*
 * keycode.c - key names to key codes and back (tig's notation).
 */
#include "ui/keycode.h"

#include "common/textsafe.h"
#include "common/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct key_name {
	const char *name; /* inside the angle brackets */
	int key;
};

/* The first name of a key is its canonical one (keycode_name). */
static const struct key_name names[] = {
	{"Up", KC_UP},
	{"Down", KC_DOWN},
	{"Left", KC_LEFT},
	{"Right", KC_RIGHT},
	{"Home", KC_HOME},
	{"End", KC_END},
	{"PgUp", KC_PGUP},
	{"PageUp", KC_PGUP},
	{"PgDn", KC_PGDN},
	{"PgDown", KC_PGDN},
	{"PageDown", KC_PGDN},
	{"Insert", KC_INSERT},
	{"Ins", KC_INSERT},
	{"Del", KC_DELETE},
	{"Delete", KC_DELETE},
	{"Backspace", KC_BACKSPACE},
	{"Enter", KC_ENTER},
	{"Return", KC_ENTER},
	{"Tab", KC_TAB},
	{"BackTab", KC_BTAB},
	{"S-Tab", KC_BTAB},
	{"ShiftTab", KC_BTAB},
	{"Esc", KC_ESC},
	{"Escape", KC_ESC},
	{"Space", ' '},
	{"Hash", '#'},
	{"LT", '<'},
	{"LessThan", '<'},
	{"GT", '>'},
	{"C-Left", KC_CTRL_LEFT},
	{"C-Right", KC_CTRL_RIGHT},
	{"C-Home", KC_CTRL_HOME},
	{"C-End", KC_CTRL_END},
	{"S-Up", KC_SHIFT_UP},
	{"S-Down", KC_SHIFT_DOWN},
	{"S-Left", KC_SHIFT_LEFT},
	{"S-Right", KC_SHIFT_RIGHT},
	{"S-Home", KC_SHIFT_HOME},
	{"S-End", KC_SHIFT_END},
};

#define NAMES (sizeof names / sizeof names[0])

int keycode_is_text(int key)
{
	return key >= 0x20 && key != 0x7f && key < KC_SPECIAL;
}

/* A printable character for a binding: not a control, not unsafe. */
static int printable(uint32_t cp)
{
	return cp >= 0x20 && cp != 0x7f && !textsafe_unsafe_char(cp);
}

/* Exactly one UTF-8 character in s[0..len), printable; 0 if not. */
static int one_char(const char *s, size_t len, const char **why)
{
	uint32_t cp;
	size_t n = len ? utf8_decode((const unsigned char *)s, len, &cp) : 0;
	if (n == 0 || n != len) {
		*why = len > 1 && n != 0 ? "one character, or a name in <>"
					 : "not a valid UTF-8 character";
		return 0;
	}
	if (!printable(cp)) {
		*why = "not a printable character (use a name in <>)";
		return 0;
	}
	return (int)cp;
}

/* Ctrl with c: the control code, or one of the keys a terminal sends
 * for it (Tab, Enter, Esc). */
static int ctrl_key(const char *s, size_t len, const char **why)
{
	if (len != 1) {
		*why = "Ctrl goes with one letter or @[\\]^_";
		return 0;
	}
	int c = s[0];
	if (c >= 'a' && c <= 'z')
		c -= 0x20;
	if (c < '@' || c > '_') {
		*why = "Ctrl goes with one letter or @[\\]^_";
		return 0;
	}
	switch (c) {
	case '@':
		*why = "<C-@> is not a key flockd can tell apart";
		return 0;
	case 'I': return KC_TAB;
	case 'J': case 'M': return KC_ENTER;
	case '[': return KC_ESC;
	default: return KC_CTRL(c);
	}
}

static int prefixed(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len > n && strncasecmp(s, prefix, n) == 0;
}

/* The name inside <...>. */
static int bracket_name(const char *s, size_t len, const char **why)
{
	for (size_t i = 0; i < NAMES; i++)
		if (strlen(names[i].name) == len &&
		    strncasecmp(names[i].name, s, len) == 0)
			return names[i].key;
	if ((s[0] == 'F' || s[0] == 'f') && len >= 2 && len <= 3) {
		int n = 0;
		for (size_t i = 1; i < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				goto unknown;
			n = n * 10 + (s[i] - '0');
		}
		if (n >= 1 && n <= KC_F_MAX && s[1] != '0')
			return KC_F(n);
	}
	if (prefixed(s, len, "C-"))
		return ctrl_key(s + 2, len - 2, why);
	if (prefixed(s, len, "Ctrl-"))
		return ctrl_key(s + 5, len - 5, why);
	if (prefixed(s, len, "M-") || prefixed(s, len, "Alt-")) {
		size_t skip = s[1] == '-' ? 2 : 4;
		int k = bracket_name(s + skip, len - skip, why);
		if (k == 0)
			k = one_char(s + skip, len - skip, why);
		if (k == 0)
			return 0;
		if (!keycode_is_text(k)) {
			*why = "Alt goes with a character";
			return 0;
		}
		return KC_META(k);
	}
unknown:
	*why = "unknown key name";
	return 0;
}

int keycode_parse(const char *text, size_t len, const char **why)
{
	const char *dummy;
	if (why == NULL)
		why = &dummy;
	*why = "";
	if (len == 0) {
		*why = "no key";
		return 0;
	}
	if (text[0] != '<' || len == 1)
		return one_char(text, len, why);
	const char *close = memchr(text, '>', len);
	if (close == NULL) {
		*why = "missing '>'";
		return 0;
	}
	size_t inner = (size_t)(close - text) - 1;
	if (inner == 0) {
		*why = "empty key name";
		return 0;
	}
	size_t rest = len - inner - 2;
	int key = bracket_name(text + 1, inner, why);
	if (key == 0)
		return 0;
	if (rest == 0)
		return key;
	/* tig's <Esc>x: Alt with the character after it */
	if (key == KC_ESC) {
		int k = one_char(close + 1, rest, why);
		if (k == 0)
			return 0;
		return KC_META(k);
	}
	*why = "text after the key name";
	return 0;
}

static const char *special_name(int key)
{
	for (size_t i = 0; i < NAMES; i++)
		if (names[i].key == key)
			return names[i].name;
	return NULL;
}

/* A character as the config writes it: itself, or its name. */
static void char_name(int key, char *buf, size_t size, const char *pre)
{
	/* a plain character names itself, but for the three the config's
	 * syntax needs (space separates, # comments, < opens a name) */
	const char *sp = special_name(key);
	if (sp != NULL &&
	    (pre[0] != '\0' || key == ' ' || key == '#' || key == '<')) {
		snprintf(buf, size, "<%s%s>", pre, sp);
		return;
	}
	if (!printable((uint32_t)key)) {
		snprintf(buf, size, "<%sU+%04X>", pre, (unsigned)key);
		return;
	}
	char u[5];
	size_t n = utf8_encode((uint32_t)key, (unsigned char *)u);
	u[n] = '\0';
	if (pre[0] != '\0')
		snprintf(buf, size, "<%s%s>", pre, u);
	else
		snprintf(buf, size, "%s", u);
}

void keycode_name(int key, char *buf, size_t size)
{
	if (size == 0)
		return;
	if (key & KC_ALT) {
		char_name(key & ~KC_ALT, buf, size, "M-");
		return;
	}
	if (key > KC_SPECIAL + 0x100 && key <= KC_F(KC_F_MAX)) {
		snprintf(buf, size, "<F%d>", key - KC_F(0));
		return;
	}
	if (key >= KC_SPECIAL) {
		const char *sp = special_name(key);
		snprintf(buf, size, "<%s>", sp != NULL ? sp : "?");
		return;
	}
	if (key > 0 && key < 0x20) {
		snprintf(buf, size, "<C-%c>", key + (key <= 0x1a ? 0x60 : 0x40));
		return;
	}
	char_name(key, buf, size, "");
}
