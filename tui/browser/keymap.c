/*
 * keymap.c - key -> action lookup and the names the help screen shows, all
 * derived from the X-macro lists in keymap.h.
 */
#include "browser/keymap.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	const char *help;
} actions[KM_ACTION_COUNT] = {
	[KM_NONE] = {"", ""},
#define KEYMAP_INFO(id, n, h) [KM_##id] = {n, h},
	KEYMAP_ACTIONS(KEYMAP_INFO)
#undef KEYMAP_INFO
};

static const struct keymap_binding bindings[] = {
#define KEYMAP_BIND(id, k) {KM_##id, k},
	KEYMAP_BINDINGS(KEYMAP_BIND)
#undef KEYMAP_BIND
};

enum keymap_action keymap_lookup(int key)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].key == key)
			return bindings[i].action;
	return KM_NONE;
}

const char *keymap_action_name(enum keymap_action action)
{
	if ((unsigned)action >= KM_ACTION_COUNT)
		return "";
	return actions[action].name;
}

const char *keymap_action_help(enum keymap_action action)
{
	if ((unsigned)action >= KM_ACTION_COUNT)
		return "";
	return actions[action].help;
}

const struct keymap_binding *keymap_bindings(size_t *count)
{
	*count = sizeof bindings / sizeof bindings[0];
	return bindings;
}

void keymap_key_name(int key, char *buf, size_t size)
{
	static const char *const special[] = {
		[KM_KEY_UP - KM_KEY_BASE] = "Up",
		[KM_KEY_DOWN - KM_KEY_BASE] = "Down",
		[KM_KEY_LEFT - KM_KEY_BASE] = "Left",
		[KM_KEY_RIGHT - KM_KEY_BASE] = "Right",
		[KM_KEY_PGUP - KM_KEY_BASE] = "PgUp",
		[KM_KEY_PGDN - KM_KEY_BASE] = "PgDn",
		[KM_KEY_HOME - KM_KEY_BASE] = "Home",
		[KM_KEY_END - KM_KEY_BASE] = "End",
		[KM_KEY_ENTER - KM_KEY_BASE] = "Enter",
		[KM_KEY_TAB - KM_KEY_BASE] = "Tab",
		[KM_KEY_BTAB - KM_KEY_BASE] = "S-Tab",
		[KM_KEY_ESC - KM_KEY_BASE] = "Esc",
		[KM_KEY_DELETE - KM_KEY_BASE] = "Del",
		[KM_KEY_BACKSPACE - KM_KEY_BASE] = "Backspace",
		[KM_KEY_F1 - KM_KEY_BASE] = "F1",
		[KM_KEY_RESIZE - KM_KEY_BASE] = "Resize",
		[KM_KEY_MOUSE - KM_KEY_BASE] = "Mouse",
	};

	if (key > KM_KEY_BASE && key <= KM_KEY_MOUSE &&
	    special[key - KM_KEY_BASE] != NULL)
		snprintf(buf, size, "%s", special[key - KM_KEY_BASE]);
	else if (key == ' ')
		snprintf(buf, size, "Space");
	else if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + 0x40);
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "U+%04X", (unsigned)key);
}

void keymap_action_keys(enum keymap_action action, char *buf, size_t size)
{
	size_t o = 0;
	char name[32];

	if (size == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		if (bindings[i].action != action)
			continue;
		keymap_key_name(bindings[i].key, name, sizeof name);
		int n = snprintf(buf + o, size - o, "%s%s", o ? " " : "", name);
		if (n < 0 || (size_t)n >= size - o)
			break;
		o += (size_t)n;
	}
}
