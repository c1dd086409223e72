/* SPDX-License-Identifier: MIT */
/*
 * keymap.h - key -> action, per view, as tig does it: each view has its
 * own bindings and looks a key up there first, then in its parent's (the
 * list views fall back to `generic`); a key bound to KA_NONE in a view is
 * unbound there (it does not fall through). The views, the actions and
 * the defaults are the X-macro lists of ui/actions.h; the config file
 * changes the bindings (keymap_bind). Help screens are generated here, so
 * they show the bindings in effect, not the defaults. Plain C.
 *
 * Ownership: a keymap owns its binding arrays (keymap_done frees them).
 * Lookups and help lines never allocate.
 */
#ifndef TUI_UI_KEYMAP_H
#define TUI_UI_KEYMAP_H

#include "ui/keycode.h"
/* after keycode.h: the default bindings use its KC_ codes */
#include "ui/actions.h"

#include <stddef.h>

struct keymap_binding {
	int key;
	enum keymap_action action; /* KA_NONE: unbound in this view */
};

struct keymap {
	struct keymap_binding *v[KV_COUNT]; /* in binding order */
	size_t n[KV_COUNT], cap[KV_COUNT];
};

/* keymap_init - the default bindings. 0 or ENOMEM (then nothing to
 * free). */
int keymap_init(struct keymap *km);
void keymap_done(struct keymap *km);

/* The lists' facts: names are static strings; "" for an id out of
 * range. keymap_view_by_name / keymap_action_by_name: KV_NONE / KA_NONE
 * when unknown (the name "none" is KA_NONE too: check for it first). */
const char *keymap_view_name(enum keymap_view v);
const char *keymap_view_what(enum keymap_view v);
enum keymap_view keymap_view_parent(enum keymap_view v);
enum keymap_view keymap_view_by_name(const char *name);
const char *keymap_action_name(enum keymap_action a);
const char *keymap_action_help(enum keymap_action a);
enum keymap_action keymap_action_by_name(const char *name);

/* keymap_applies - non-zero when `a` is an action of view `v`: shown in
 * its help and handled there. */
int keymap_applies(enum keymap_action a, enum keymap_view v);

/* keymap_bindable - non-zero when `a` may be bound in `v`: it applies to
 * v or to a view that falls back to v (an action of the check view may be
 * bound in generic). KA_NONE is bindable everywhere. */
int keymap_bindable(enum keymap_action a, enum keymap_view v);

/*
 * keymap_bind - bind `key` to `a` in `v` (KA_NONE: unbind it there). A
 * key already bound in v is rebound in place (it keeps its position, so
 * a dump read back gives the same dump). Returns 0, EINVAL when `a` is
 * not bindable in `v` or the key or view is not valid, or ENOMEM (the
 * keymap is unchanged).
 */
int keymap_bind(struct keymap *km, enum keymap_view v, int key,
		enum keymap_action a);

/* keymap_lookup - the action of `key` in `v` (then its parents), or
 * KA_NONE. KC_HANGUP (the terminal is gone) is the view's way out, bound
 * or not: its close, else cancel, else quit action. */
enum keymap_action keymap_lookup(const struct keymap *km, enum keymap_view v,
				 int key);

/* keymap_keys - the keys that reach `a` in `v` (its own bindings, then
 * its parents' not shadowed), in binding order: up to `max` into keys;
 * returns how many there are in all. */
size_t keymap_keys(const struct keymap *km, enum keymap_view v,
		   enum keymap_action a, int *keys, size_t max);

/* keymap_keys_text - those keys' names joined with " " ("<Up> k"), cut at
 * a whole name to fit `size`; "" when none reaches the action. */
void keymap_keys_text(const struct keymap *km, enum keymap_view v,
		      enum keymap_action a, char *buf, size_t size);

/* keymap_first_key - the name of the first key of `a` in `v` (for hints
 * and messages: "<C-s> saves"), or "" when the action has no key. */
void keymap_first_key(const struct keymap *km, enum keymap_view v,
		      enum keymap_action a, char *buf, size_t size);

/* Help: keymap_help_count - how many actions view `v` has (the lines of
 * its help); keymap_help_action - the i-th of them (KA_NONE past the
 * end), in the order of ui/actions.h. */
size_t keymap_help_count(enum keymap_view v);
enum keymap_action keymap_help_action(enum keymap_view v, size_t i);

/* keymap_help_line - the help screen's line for the i-th action of `v`:
 * its keys (or "-" when none reaches it), its name (what the config
 * binds) and its help, in columns. Returns 0, or -1 past the end. */
int keymap_help_line(const struct keymap *km, enum keymap_view v, size_t i,
		     char *buf, size_t size);

/* A short hint of a key and what it does, for status lines. */
struct keymap_hint {
	enum keymap_action action;
	const char *label; /* "save" */
};

/* keymap_hints - "<C-s> save  <C-q> close ..." for the hints whose action
 * has a key in `v`, cut at a whole hint to fit `size`. */
void keymap_hints(const struct keymap *km, enum keymap_view v,
		  const struct keymap_hint *hints, size_t n, char *buf,
		  size_t size);

#endif
