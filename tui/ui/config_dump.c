/* SPDX-License-Identifier: MIT */
/*
 * config_dump.c - `flockd --dump-config`: the configuration in effect,
 * defaults included, in the config file's own format, with comments that
 * say what each view, element and setting is, and which actions a view
 * has left without a key.
 */
#include "ui/config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void dump_settings(const struct config *c, FILE *out)
{
	char val[64];
	fprintf(out, "# Settings (set NAME = VALUE)\n");
	for (int i = 0; i < SET_COUNT; i++) {
		enum setting_id id = (enum setting_id)i;
		settings_format(&c->set, id, val, sizeof val);
		fprintf(out, "set %-13s = %-8s # %s\n", setting_name(id), val,
			setting_what(id));
	}
}

static void dump_colors(const struct config *c, FILE *out)
{
	char style[128];
	fprintf(out, "\n# Colours (color ELEMENT FG BG [ATTR...]); NO_COLOR "
		"turns them off\n");
	for (int i = 0; i < THEME_COUNT; i++) {
		enum theme_element e = (enum theme_element)i;
		theme_format_style(&c->theme.el[e], style, sizeof style);
		fprintf(out, "color %-12s %-28s # %s\n", theme_element_name(e),
			style, theme_element_what(e));
	}
}

/* The actions of `v` that no key reaches there, as a comment. */
static void dump_unbound(const struct config *c, enum keymap_view v,
			 FILE *out)
{
	size_t col = 0;
	for (size_t i = 0; i < keymap_help_count(v); i++) {
		enum keymap_action a = keymap_help_action(v, i);
		if (keymap_keys(&c->keys, v, a, NULL, 0) != 0)
			continue;
		const char *name = keymap_action_name(a);
		if (col == 0 || col + strlen(name) > 72) {
			fprintf(out, "%s# without a key:", col ? "\n" : "");
			col = 16;
		}
		fprintf(out, " %s", name);
		col += strlen(name) + 1;
	}
	if (col)
		fputc('\n', out);
}

static void dump_view(const struct config *c, enum keymap_view v, FILE *out)
{
	const struct keymap *km = &c->keys;
	char key[KEYCODE_NAME_MAX];
	enum keymap_view parent = keymap_view_parent(v);
	fprintf(out, "\n# %s: %s", keymap_view_name(v), keymap_view_what(v));
	if (parent != KV_NONE)
		fprintf(out, " (other keys: as in %s)",
			keymap_view_name(parent));
	fputc('\n', out);
	for (size_t i = 0; i < km->n[v]; i++) {
		const struct keymap_binding *b = &km->v[v][i];
		keycode_name(b->key, key, sizeof key);
		fprintf(out, "bind %-8s %-11s %s\n", keymap_view_name(v), key,
			b->action == KA_NONE ? "none"
					     : keymap_action_name(b->action));
	}
	dump_unbound(c, v, out);
}

int config_dump(const struct config *c, FILE *out)
{
	fprintf(out, "# flockd configuration: the defaults and the config "
		"file, as flockd --dump-config\n# writes them. Save it as "
		"$XDG_CONFIG_HOME/flockd/config (or ~/.config/flockd/config)\n"
		"# and change what you like: flockd(1), CONFIGURATION.\n\n");
	dump_settings(c, out);
	dump_colors(c, out);
	fprintf(out, "\n# Keys (bind VIEW KEY ACTION; ACTION none unbinds "
		"the key in that view)\n");
	for (int v = 0; v < KV_COUNT; v++)
		dump_view(c, (enum keymap_view)v, out);
	if (fflush(out) != 0 || ferror(out))
		return errno ? errno : EIO;
	return 0;
}
