/* SPDX-License-Identifier: MIT */
/*
 * test_keymap.c - tui/ui/keycode and tui/ui/keymap: key names both ways,
 * lookup with fallback to the parent view, rebinding and unbinding, the
 * help lines and hints (the user's bindings, not the defaults), and the
 * defaults' completeness (every action reachable, no key bound twice).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui/keymap.h"

#include <errno.h>
#include <string.h>

static int key(const char *name)
{
	return keycode_parse(name, strlen(name), NULL);
}

static void name_is(int k, const char *want)
{
	char buf[KEYCODE_NAME_MAX];
	keycode_name(k, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void test_key_names(void **state)
{
	(void)state;
	assert_int_equal(key("a"), 'a');
	assert_int_equal(key("A"), 'A');
	assert_int_equal(key("<C-s>"), KC_CTRL('S'));
	assert_int_equal(key("<C-S>"), KC_CTRL('S'));
	assert_int_equal(key("<Ctrl-l>"), KC_CTRL('L'));
	assert_int_equal(key("<Up>"), KC_UP);
	assert_int_equal(key("<up>"), KC_UP);
	assert_int_equal(key("<PageDown>"), KC_PGDN);
	assert_int_equal(key("<PgDn>"), KC_PGDN);
	assert_int_equal(key("<F5>"), KC_F(5));
	assert_int_equal(key("<F24>"), KC_F(24));
	assert_int_equal(key("<Esc>"), KC_ESC);
	assert_int_equal(key("<Escape>"), KC_ESC);
	assert_int_equal(key("<Space>"), ' ');
	assert_int_equal(key("<Tab>"), KC_TAB);
	assert_int_equal(key("<C-i>"), KC_TAB);   /* what a terminal sends */
	assert_int_equal(key("<C-m>"), KC_ENTER);
	assert_int_equal(key("<C-[>"), KC_ESC);
	assert_int_equal(key("<M-x>"), KC_META('x'));
	assert_int_equal(key("<Alt-X>"), KC_META('X'));
	assert_int_equal(key("<Esc>x"), KC_META('x'));
	assert_int_equal(key("<M-<>"), KC_META('<'));
	assert_int_equal(key("<M-GT>"), KC_META('>'));
	assert_int_equal(key("<M-Space>"), KC_META(' '));
	assert_int_equal(key("<Hash>"), '#');
	assert_int_equal(key("<LT>"), '<');
	assert_int_equal(key("<"), '<');
	assert_int_equal(key("\xc3\xa9"), 0xe9);
	/* names read back to the same code */
	name_is(KC_CTRL('S'), "<C-s>");
	name_is(KC_CTRL('\\'), "<C-\\>");
	name_is(KC_META('q'), "<M-q>");
	name_is(KC_META('>'), "<M-GT>");
	name_is(KC_PGDN, "<PgDn>");
	name_is(KC_F(10), "<F10>");
	name_is(' ', "<Space>");
	name_is('#', "<Hash>");
	name_is('<', "<LT>");
	name_is('>', ">");
	name_is(0xe9, "\xc3\xa9");
	name_is(KC_BTAB, "<BackTab>");
	name_is(0x202e, "<U+202E>");
	int all[] = {'q', KC_CTRL('A'), KC_CTRL('_'), KC_META('/'), KC_UP,
		     KC_CTRL_END, KC_F(1), KC_ESC, KC_ENTER, KC_BACKSPACE,
		     KC_DELETE, KC_INSERT, ' ', '#', '<', 0x754c,
		     KC_META(' '), KC_META('#')};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		char buf[KEYCODE_NAME_MAX];
		keycode_name(all[i], buf, sizeof buf);
		assert_int_equal(key(buf), all[i]);
	}
}

static void bad_key(const char *name, const char *why_part)
{
	const char *why = NULL;
	assert_int_equal(keycode_parse(name, strlen(name), &why), 0);
	assert_non_null(why);
	if (strstr(why, why_part) == NULL)
		fail_msg("%s: reason \"%s\" lacks \"%s\"", name, why, why_part);
}

static void test_bad_keys(void **state)
{
	(void)state;
	bad_key("", "no key");
	bad_key("ab", "one character");
	bad_key("<Up", "missing '>'");
	bad_key("<>", "empty");
	bad_key("<Nope>", "unknown key name");
	bad_key("<F0>", "unknown");
	bad_key("<F25>", "unknown");
	bad_key("<F05>", "unknown");
	bad_key("<C-1>", "Ctrl goes with");
	bad_key("<C-ab>", "Ctrl goes with");
	bad_key("<C-@>", "tell apart");
	bad_key("<M-Up>", "Alt goes with a character");
	bad_key("<Up>x", "text after");
	bad_key("\xff", "UTF-8");
	bad_key("\xe2\x80\xae", "not a printable"); /* U+202E */
	bad_key("\x01", "not a printable");
	bad_key("<U+202E>", "unknown");
}

static void test_defaults(void **state)
{
	(void)state;
	struct keymap km;
	assert_int_equal(keymap_init(&km), 0);
	assert_int_equal(keymap_lookup(&km, KV_GENERIC, 'q'), KA_QUIT);
	assert_int_equal(keymap_lookup(&km, KV_KEYS, 'j'), KA_DOWN);
	assert_int_equal(keymap_lookup(&km, KV_KEYS, KC_ENTER), KA_OPEN);
	assert_int_equal(keymap_lookup(&km, KV_TABLES, '/'), KA_FILTER);
	/* a view's own binding shadows its parent's */
	assert_int_equal(keymap_lookup(&km, KV_LOCKS, 'q'), KA_CLOSE);
	assert_int_equal(keymap_lookup(&km, KV_CHECK, KC_ENTER), KA_RESOLVE);
	assert_int_equal(keymap_lookup(&km, KV_RESOLVE, 'k'), KA_KEEP_KEY);
	assert_int_equal(keymap_lookup(&km, KV_COMPARE, 'k'), KA_UP);
	/* views without a parent see only their own keys */
	assert_int_equal(keymap_lookup(&km, KV_EDITOR, 'q'), KA_NONE);
	assert_int_equal(keymap_lookup(&km, KV_EDITOR, KC_CTRL('S')), KA_SAVE);
	assert_int_equal(keymap_lookup(&km, KV_EDITOR, KC_META('q')), KA_CLOSE);
	assert_int_equal(keymap_lookup(&km, KV_PROMPT, KC_ENTER), KA_ACCEPT);
	assert_int_equal(keymap_lookup(&km, KV_PROMPT, 'q'), KA_NONE);
	assert_int_equal(keymap_lookup(&km, KV_CONFIRM, 'Y'), KA_YES);
	assert_int_equal(keymap_lookup(&km, KV_GENERIC, 0x263a), KA_NONE);
	keymap_done(&km);
}

/* Every action has a name and help, and a key in every view it applies
 * to; no view binds a key twice; every default binding is bindable. */
static void test_defaults_complete(void **state)
{
	(void)state;
	struct keymap km;
	assert_int_equal(keymap_init(&km), 0);
	for (int a = 1; a < KA_COUNT; a++) {
		assert_true(strlen(keymap_action_name(a)) > 1);
		assert_true(strlen(keymap_action_help(a)) > 3);
		assert_int_equal(keymap_action_by_name(keymap_action_name(a)),
				 a);
		for (int v = 0; v < KV_COUNT; v++)
			if (keymap_applies(a, v) &&
			    keymap_keys(&km, v, a, NULL, 0) == 0)
				fail_msg("%s has no key in %s",
					 keymap_action_name(a),
					 keymap_view_name(v));
	}
	for (int v = 0; v < KV_COUNT; v++) {
		assert_int_equal(keymap_view_by_name(keymap_view_name(v)), v);
		for (size_t i = 0; i < km.n[v]; i++) {
			assert_true(keymap_bindable(km.v[v][i].action, v));
			for (size_t j = i + 1; j < km.n[v]; j++)
				assert_int_not_equal(km.v[v][i].key,
						     km.v[v][j].key);
		}
	}
	keymap_done(&km);
}

static void test_rebind_unbind(void **state)
{
	(void)state;
	struct keymap km;
	char buf[128];
	assert_int_equal(keymap_init(&km), 0);
	/* rebind in generic: every pane and list sees it */
	assert_int_equal(keymap_bind(&km, KV_GENERIC, 'j', KA_SORT), 0);
	assert_int_equal(keymap_lookup(&km, KV_KEYS, 'j'), KA_SORT);
	keymap_keys_text(&km, KV_KEYS, KA_DOWN, buf, sizeof buf);
	assert_string_equal(buf, "<Down>");
	keymap_keys_text(&km, KV_KEYS, KA_SORT, buf, sizeof buf);
	assert_string_equal(buf, "j s"); /* j keeps its place: first */
	/* a rebinding keeps its place */
	size_t n = km.n[KV_GENERIC];
	assert_int_equal(keymap_bind(&km, KV_GENERIC, 'j', KA_DOWN), 0);
	assert_int_equal(km.n[KV_GENERIC], n);
	keymap_keys_text(&km, KV_KEYS, KA_DOWN, buf, sizeof buf);
	assert_string_equal(buf, "<Down> j");
	/* unbind in one pane only: the key does not fall through there */
	assert_int_equal(keymap_bind(&km, KV_VALUE, 'x', KA_NONE), 0);
	assert_int_equal(keymap_lookup(&km, KV_VALUE, 'x'), KA_NONE);
	assert_int_equal(keymap_lookup(&km, KV_KEYS, 'x'), KA_HEX);
	keymap_keys_text(&km, KV_VALUE, KA_HEX, buf, sizeof buf);
	assert_string_equal(buf, "");
	/* a pane binding shadows generic for that pane alone */
	assert_int_equal(keymap_bind(&km, KV_TABLES, 'q', KA_NEXT_PANE), 0);
	assert_int_equal(keymap_lookup(&km, KV_TABLES, 'q'), KA_NEXT_PANE);
	assert_int_equal(keymap_lookup(&km, KV_KEYS, 'q'), KA_QUIT);
	keymap_keys_text(&km, KV_TABLES, KA_QUIT, buf, sizeof buf);
	assert_string_equal(buf, "<C-c>");
	/* new keys in the editor, Alt and function keys */
	assert_int_equal(keymap_bind(&km, KV_EDITOR, KC_F(2), KA_SAVE), 0);
	assert_int_equal(keymap_bind(&km, KV_EDITOR, KC_CTRL('S'), KA_NONE), 0);
	keymap_keys_text(&km, KV_EDITOR, KA_SAVE, buf, sizeof buf);
	assert_string_equal(buf, "<F2>");
	keymap_first_key(&km, KV_EDITOR, KA_SAVE, buf, sizeof buf);
	assert_string_equal(buf, "<F2>");
	keymap_done(&km);
}

static void test_bind_refused(void **state)
{
	(void)state;
	struct keymap km;
	assert_int_equal(keymap_init(&km), 0);
	/* an action of another view */
	assert_int_equal(keymap_bind(&km, KV_EDITOR, 's', KA_SORT), EINVAL);
	assert_int_equal(keymap_bind(&km, KV_LOCKS, 's', KA_KEEP_COPY), EINVAL);
	assert_int_equal(keymap_bind(&km, KV_PROMPT, 'q', KA_QUIT), EINVAL);
	/* an action of a list view may be bound in generic */
	assert_true(keymap_bindable(KA_REMOVE, KV_GENERIC));
	assert_int_equal(keymap_bind(&km, KV_GENERIC, 'z', KA_REMOVE), 0);
	assert_int_equal(keymap_lookup(&km, KV_CHECK, 'z'), KA_REMOVE);
	assert_false(keymap_bindable(KA_SAVE, KV_GENERIC));
	assert_int_equal(keymap_bind(&km, KV_COUNT, 'z', KA_QUIT), EINVAL);
	assert_int_equal(keymap_bind(&km, KV_GENERIC, 0, KA_QUIT), EINVAL);
	assert_int_equal(keymap_lookup(&km, KV_EDITOR, 's'), KA_NONE);
	keymap_done(&km);
}

static void test_help_lines(void **state)
{
	(void)state;
	struct keymap km;
	char line[256];
	assert_int_equal(keymap_init(&km), 0);
	size_t n = keymap_help_count(KV_EDITOR);
	assert_true(n > 20);
	int saw_save = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(keymap_help_line(&km, KV_EDITOR, i, line,
						  sizeof line), 0);
		enum keymap_action a = keymap_help_action(KV_EDITOR, i);
		assert_true(keymap_applies(a, KV_EDITOR));
		assert_non_null(strstr(line, keymap_action_name(a)));
		if (a == KA_SAVE) {
			saw_save = 1;
			assert_non_null(strstr(line, "<C-s>"));
		}
		/* no browser action in the editor's help */
		assert_int_not_equal(a, KA_SORT);
	}
	assert_true(saw_save);
	assert_int_equal(keymap_help_line(&km, KV_EDITOR, n, line,
					  sizeof line), -1);
	/* the help shows the user's binding, and "-" when none is left */
	assert_int_equal(keymap_bind(&km, KV_GENERIC, 'S', KA_SORT), 0);
	assert_int_equal(keymap_bind(&km, KV_GENERIC, 's', KA_NONE), 0);
	assert_int_equal(keymap_bind(&km, KV_GENERIC, 'x', KA_NONE), 0);
	for (size_t i = 0; i < keymap_help_count(KV_KEYS); i++) {
		enum keymap_action a = keymap_help_action(KV_KEYS, i);
		keymap_help_line(&km, KV_KEYS, i, line, sizeof line);
		if (a == KA_SORT)
			assert_int_equal(strncmp(line, "S ", 2), 0);
		if (a == KA_HEX)
			assert_int_equal(strncmp(line, "- ", 2), 0);
	}
	/* hints skip actions without a key */
	static const struct keymap_hint hints[] = {
		{KA_HELP, "help"}, {KA_HEX, "hex"}, {KA_SORT, "sort"},
	};
	keymap_hints(&km, KV_KEYS, hints, 3, line, sizeof line);
	assert_string_equal(line, "? help  S sort");
	keymap_hints(&km, KV_KEYS, hints, 3, line, 10);
	assert_string_equal(line, "? help");
	keymap_done(&km);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_bad_keys),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_defaults_complete),
		cmocka_unit_test(test_rebind_unbind),
		cmocka_unit_test(test_bind_refused),
		cmocka_unit_test(test_help_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
