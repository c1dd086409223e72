/*
 * test_keymap.c - key -> action lookup, and the help table's completeness:
 * every action has a key and help text, no key is bound twice.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "browser/keymap.h"

static void test_lookup(void **state)
{
	(void)state;
	assert_int_equal(keymap_lookup('q'), KM_QUIT);
	assert_int_equal(keymap_lookup('j'), KM_DOWN);
	assert_int_equal(keymap_lookup(KM_KEY_DOWN), KM_DOWN);
	assert_int_equal(keymap_lookup('k'), KM_UP);
	assert_int_equal(keymap_lookup('/'), KM_FILTER);
	assert_int_equal(keymap_lookup('n'), KM_NEXT_MATCH);
	assert_int_equal(keymap_lookup('N'), KM_PREV_MATCH);
	assert_int_equal(keymap_lookup(KM_KEY_ESC), KM_CLEAR_FILTER);
	assert_int_equal(keymap_lookup('s'), KM_SORT);
	assert_int_equal(keymap_lookup('x'), KM_HEX);
	assert_int_equal(keymap_lookup(KM_KEY_ENTER), KM_OPEN);
	assert_int_equal(keymap_lookup('d'), KM_DELETE);
	assert_int_equal(keymap_lookup(KM_KEY_DELETE), KM_DELETE);
	assert_int_equal(keymap_lookup('g'), KM_HOME);
	assert_int_equal(keymap_lookup('G'), KM_END);
	assert_int_equal(keymap_lookup(KM_KEY_TAB), KM_NEXT_PANE);
	assert_int_equal(keymap_lookup(KM_KEY_BTAB), KM_PREV_PANE);
	assert_int_equal(keymap_lookup('?'), KM_HELP);
	assert_int_equal(keymap_lookup(KM_CTRL('l')), KM_REDRAW);
	assert_int_equal(keymap_lookup('Z'), KM_NONE);
	assert_int_equal(keymap_lookup(0x263a), KM_NONE);
}

static void test_every_action_has_key_and_help(void **state)
{
	size_t count;
	const struct keymap_binding *b = keymap_bindings(&count);
	(void)state;
	for (int a = KM_NONE + 1; a < KM_ACTION_COUNT; a++) {
		int keys = 0;
		for (size_t i = 0; i < count; i++)
			keys += b[i].action == (enum keymap_action)a;
		if (keys == 0)
			fail_msg("action %s has no key", keymap_action_name(a));
		assert_true(strlen(keymap_action_help(a)) > 5);
		assert_true(strlen(keymap_action_name(a)) > 0);
		char buf[64];
		keymap_action_keys(a, buf, sizeof buf);
		assert_true(strlen(buf) > 0);
	}
}

static void test_no_key_bound_twice(void **state)
{
	size_t count;
	const struct keymap_binding *b = keymap_bindings(&count);
	(void)state;
	for (size_t i = 0; i < count; i++) {
		assert_true(b[i].action > KM_NONE && b[i].action < KM_ACTION_COUNT);
		for (size_t j = i + 1; j < count; j++)
			if (b[i].key == b[j].key)
				fail_msg("key %d bound twice", b[i].key);
	}
}

static void test_key_names(void **state)
{
	char buf[32];
	(void)state;
	keymap_key_name(KM_KEY_PGDN, buf, sizeof buf);
	assert_string_equal(buf, "PgDn");
	keymap_key_name(KM_CTRL('l'), buf, sizeof buf);
	assert_string_equal(buf, "Ctrl-L");
	keymap_key_name('k', buf, sizeof buf);
	assert_string_equal(buf, "k");
	keymap_key_name(' ', buf, sizeof buf);
	assert_string_equal(buf, "Space");
	keymap_key_name(KM_KEY_BTAB, buf, sizeof buf);
	assert_string_equal(buf, "S-Tab");
	keymap_action_keys(KM_UP, buf, sizeof buf);
	assert_string_equal(buf, "Up k");
	keymap_action_keys(KM_DELETE, buf, sizeof buf);
	assert_string_equal(buf, "d Del");
	/* a tiny buffer is cut cleanly */
	keymap_action_keys(KM_PAGE_DOWN, buf, 6);
	assert_true(strlen(buf) < 6);
	assert_string_equal(keymap_action_name(KM_ACTION_COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_every_action_has_key_and_help),
		cmocka_unit_test(test_no_key_bound_twice),
		cmocka_unit_test(test_key_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
