/* SPDX-License-Identifier: MIT */
/*
 * keymap.c - the bindings of every view, their lookup with fallback to the
 * parent view, and the key lists the help screens and hints show; all
 * from the X-macro lists of ui/actions.h.
 */
#include "ui/keymap.h"
#include "ui/bindings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *what;
	enum keymap_view parent;
} views[KV_COUNT] = {
#define VIEW_INFO(id, n, p, w) [KV_##id] = {n, w, KV_##p},
	KEYMAP_VIEWS(VIEW_INFO)
#undef VIEW_INFO
};

static const struct {
	const char *name, *help;
	unsigned views;
} actions[KA_COUNT] = {
	[KA_NONE] = {"none", "", 0},
#define ACTION_INFO(id, n, v, h) [KA_##id] = {n, h, v},
	KEYMAP_ACTIONS(ACTION_INFO)
#undef ACTION_INFO
};

static const struct {
	enum keymap_view view;
	enum keymap_action action;
	int key;
} defaults[] = {
#define DEFAULT_BINDING(v, a, k) {KV_##v, KA_##a, k},
	KEYMAP_DEFAULTS(DEFAULT_BINDING)
#undef DEFAULT_BINDING
};

static int view_ok(enum keymap_view v)
{
	return (int)v >= 0 && v < KV_COUNT;
}

static int action_ok(enum keymap_action a)
{
	return (int)a >= 0 && a < KA_COUNT;
}

const char *keymap_view_name(enum keymap_view v)
{
	return view_ok(v) ? views[v].name : "";
}

const char *keymap_view_what(enum keymap_view v)
{
	return view_ok(v) ? views[v].what : "";
}

enum keymap_view keymap_view_parent(enum keymap_view v)
{
	return view_ok(v) ? views[v].parent : KV_NONE;
}

enum keymap_view keymap_view_by_name(const char *name)
{
	for (int v = 0; v < KV_COUNT; v++)
		if (strcmp(views[v].name, name) == 0)
			return (enum keymap_view)v;
	return KV_NONE;
}

const char *keymap_action_name(enum keymap_action a)
{
	return action_ok(a) && a != KA_NONE ? actions[a].name : "";
}

const char *keymap_action_help(enum keymap_action a)
{
	return action_ok(a) ? actions[a].help : "";
}

enum keymap_action keymap_action_by_name(const char *name)
{
	for (int a = 1; a < KA_COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return (enum keymap_action)a;
	return KA_NONE;
}

int keymap_applies(enum keymap_action a, enum keymap_view v)
{
	return action_ok(a) && view_ok(v) && a != KA_NONE &&
	       (actions[a].views & (1u << v)) != 0;
}

int keymap_bindable(enum keymap_action a, enum keymap_view v)
{
	if (!view_ok(v) || !action_ok(a))
		return 0;
	if (a == KA_NONE || keymap_applies(a, v))
		return 1;
	for (int c = 0; c < KV_COUNT; c++)
		if (views[c].parent == v && keymap_applies(a, (enum keymap_view)c))
			return 1;
	return 0;
}

int keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof *km);
	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
		if (keymap_bind(km, defaults[i].view, defaults[i].key,
				defaults[i].action) != 0) {
			keymap_done(km);
			return ENOMEM;
		}
	}
	return 0;
}

void keymap_done(struct keymap *km)
{
	for (int v = 0; v < KV_COUNT; v++)
		free(km->v[v]);
	memset(km, 0, sizeof *km);
}

int keymap_bind(struct keymap *km, enum keymap_view v, int key,
		enum keymap_action a)
{
	if (!view_ok(v) || key <= 0 || !keymap_bindable(a, v))
		return EINVAL;
	for (size_t i = 0; i < km->n[v]; i++) {
		if (km->v[v][i].key == key) {
			km->v[v][i].action = a;
			return 0;
		}
	}
	if (km->n[v] == km->cap[v]) {
		size_t cap = km->cap[v] ? km->cap[v] * 2 : 16;
		struct keymap_binding *nb =
			realloc(km->v[v], cap * sizeof *nb);
		if (nb == NULL)
			return ENOMEM;
		km->v[v] = nb;
		km->cap[v] = cap;
	}
	km->v[v][km->n[v]++] = (struct keymap_binding){key, a};
	return 0;
}

/* The binding of `key` in `v` alone: 1 with *a set, or 0. */
static int own_binding(const struct keymap *km, enum keymap_view v, int key,
		       enum keymap_action *a)
{
	for (size_t i = 0; i < km->n[v]; i++) {
		if (km->v[v][i].key == key) {
			*a = km->v[v][i].action;
			return 1;
		}
	}
	return 0;
}

/* KC_HANGUP: the view's way out, whatever the bindings say. */
static enum keymap_action leave_action(enum keymap_view v)
{
	static const enum keymap_action ways[] = {KA_CLOSE, KA_CANCEL,
						  KA_QUIT};
	for (size_t i = 0; i < sizeof ways / sizeof ways[0]; i++)
		if (keymap_applies(ways[i], v))
			return ways[i];
	return KA_NONE;
}

enum keymap_action keymap_lookup(const struct keymap *km, enum keymap_view v,
				 int key)
{
	enum keymap_action a;
	if (key == KC_HANGUP)
		return view_ok(v) ? leave_action(v) : KA_NONE;
	for (; view_ok(v); v = views[v].parent)
		if (own_binding(km, v, key, &a))
			return a;
	return KA_NONE;
}

size_t keymap_keys(const struct keymap *km, enum keymap_view v,
		   enum keymap_action a, int *keys, size_t max)
{
	size_t n = 0;
	if (a == KA_NONE)
		return 0;
	for (enum keymap_view w = v; view_ok(w); w = views[w].parent) {
		for (size_t i = 0; i < km->n[w]; i++) {
			const struct keymap_binding *b = &km->v[w][i];
			/* shadowed by a binding nearer to v */
			if (b->action != a || keymap_lookup(km, v, b->key) != a)
				continue;
			if (n < max)
				keys[n] = b->key;
			n++;
		}
	}
	return n;
}

void keymap_keys_text(const struct keymap *km, enum keymap_view v,
		      enum keymap_action a, char *buf, size_t size)
{
	int keys[32];
	size_t n = keymap_keys(km, v, a, keys, 32), o = 0;
	if (size == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < n && i < 32; i++) {
		char name[KEYCODE_NAME_MAX];
		keycode_name(keys[i], name, sizeof name);
		size_t need = strlen(name) + (o ? 1 : 0);
		if (o + need >= size)
			break;
		snprintf(buf + o, size - o, "%s%s", o ? " " : "", name);
		o += need;
	}
}

void keymap_first_key(const struct keymap *km, enum keymap_view v,
		      enum keymap_action a, char *buf, size_t size)
{
	int key;
	if (size == 0)
		return;
	if (keymap_keys(km, v, a, &key, 1) == 0)
		buf[0] = '\0';
	else
		keycode_name(key, buf, size);
}

size_t keymap_help_count(enum keymap_view v)
{
	size_t n = 0;
	for (int a = 1; a < KA_COUNT; a++)
		n += keymap_applies((enum keymap_action)a, v) != 0;
	return n;
}

enum keymap_action keymap_help_action(enum keymap_view v, size_t i)
{
	for (int a = 1; a < KA_COUNT; a++)
		if (keymap_applies((enum keymap_action)a, v) && i-- == 0)
			return (enum keymap_action)a;
	return KA_NONE;
}

int keymap_help_line(const struct keymap *km, enum keymap_view v, size_t i,
		     char *buf, size_t size)
{
	enum keymap_action a = keymap_help_action(v, i);
	char keys[160];
	if (a == KA_NONE)
		return -1;
	keymap_keys_text(km, v, a, keys, sizeof keys);
	snprintf(buf, size, "%-20s %-16s %s", keys[0] ? keys : "-",
		 keymap_action_name(a), keymap_action_help(a));
	return 0;
}

void keymap_hints(const struct keymap *km, enum keymap_view v,
		  const struct keymap_hint *hints, size_t n, char *buf,
		  size_t size)
{
	size_t o = 0;
	if (size == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char key[KEYCODE_NAME_MAX];
		keymap_first_key(km, v, hints[i].action, key, sizeof key);
		if (key[0] == '\0')
			continue;
		int w = snprintf(buf + o, size - o, "%s%s %s", o ? "  " : "",
				 key, hints[i].label);
		if (w < 0 || (size_t)w >= size - o) {
			buf[o] = '\0';
			break;
		}
		o += (size_t)w;
	}
}
