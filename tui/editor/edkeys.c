/* edkeys.c - key -> action, and the help text, from EDITOR_ACTIONS. */
#include "editor/edkeys.h"

#include <stdio.h>
#include <string.h>

struct binding {
	const char *help;
	int keys[3];
};

static const struct binding bindings[ACT_COUNT] = {
	[ACT_NONE] = { "", { 0, 0, 0 } },
#define X(name, help, k1, k2, k3) [ACT_##name] = { help, { k1, k2, k3 } },
	EDITOR_ACTIONS(X)
#undef X
};

enum editor_action edkeys_lookup(int key)
{
	if (key == 0)
		return ACT_NONE;
	for (int a = 1; a < ACT_COUNT; a++)
		for (int i = 0; i < 3; i++)
			if (bindings[a].keys[i] == key)
				return (enum editor_action)a;
	return ACT_NONE;
}

int edkeys_first_key(enum editor_action act)
{
	if (act <= ACT_NONE || act >= ACT_COUNT)
		return 0;
	return bindings[act].keys[0];
}

static const char *special_name(int key)
{
	switch (key) {
	case EK_UP: return "Up";
	case EK_DOWN: return "Down";
	case EK_LEFT: return "Left";
	case EK_RIGHT: return "Right";
	case EK_HOME: return "Home";
	case EK_END: return "End";
	case EK_PGUP: return "PgUp";
	case EK_PGDN: return "PgDn";
	case EK_INSERT: return "Insert";
	case EK_DELETE: return "Delete";
	case EK_BACKSPACE: return "Backspace";
	case EK_ENTER: return "Enter";
	case EK_BTAB: return "S-Tab";
	case EK_CTRL_LEFT: return "C-Left";
	case EK_CTRL_RIGHT: return "C-Right";
	case EK_CTRL_HOME: return "C-Home";
	case EK_CTRL_END: return "C-End";
	case EK_RESIZE: return "Resize";
	case '\t': return "Tab";
	case '\r': return "^M";
	case '\n': return "^J";
	case 0x7f: return "^?";
	default: return NULL;
	}
}

void edkeys_key_name(int key, char *buf, size_t size)
{
	const char *name = special_name(key);
	if (name != NULL)
		snprintf(buf, size, "%s", name);
	else if (key > EK_SPECIAL + 0x100 && key <= EK_SPECIAL + 0x100 + 64)
		snprintf(buf, size, "F%d", key - EK_SPECIAL - 0x100);
	else if (key & EK_ALT)
		snprintf(buf, size, "M-%c", (char)(key & 0x7f));
	else if (key < 0x20)
		snprintf(buf, size, "^%c", key + '@');
	else if (key < 0x7f)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "U+%04X", (unsigned)key);
}

int edkeys_help_line(size_t i, char *buf, size_t size)
{
	size_t a = i + 1;
	if (a >= ACT_COUNT)
		return -1;
	char keys[64] = "";
	for (int k = 0; k < 3; k++) {
		if (bindings[a].keys[k] == 0)
			continue;
		char name[16];
		edkeys_key_name(bindings[a].keys[k], name, sizeof name);
		size_t used = strlen(keys);
		snprintf(keys + used, sizeof keys - used, "%s%s",
			 used ? " " : "", name);
	}
	snprintf(buf, size, "  %-22s %s", keys, bindings[a].help);
	return 0;
}
