/* SPDX-License-Identifier: MIT */
/*
 * test_prompt.c - tui/ui/prompt: the prompt keys of the filter and the
 * editor's questions on the line editor, with the user's bindings: typed
 * text, editing and motion, accept and cancel, a rebound and an unbound
 * key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui/prompt.h"

#include <locale.h>
#include <string.h>

static void type(struct lineedit *le, const struct keymap *km, const char *s)
{
	for (; *s; s++)
		assert_int_equal(prompt_key(le, km, (unsigned char)*s),
				 PROMPT_CHANGED);
}

static void test_prompt_keys(void **state)
{
	(void)state;
	struct keymap km;
	struct lineedit le;
	assert_int_equal(keymap_init(&km), 0);
	assert_int_equal(lineedit_init(&le, NULL), 0);
	type(&le, &km, "hello world");
	assert_string_equal(le.text, "hello world");
	assert_int_equal(prompt_key(&le, &km, KC_CTRL('A')), PROMPT_MOVED);
	assert_int_equal(le.cursor, 0);
	assert_int_equal(prompt_key(&le, &km, KC_DELETE), PROMPT_CHANGED);
	assert_string_equal(le.text, "ello world");
	assert_int_equal(prompt_key(&le, &km, KC_END), PROMPT_MOVED);
	assert_int_equal(prompt_key(&le, &km, KC_BACKSPACE), PROMPT_CHANGED);
	assert_string_equal(le.text, "ello worl");
	assert_int_equal(prompt_key(&le, &km, KC_LEFT), PROMPT_MOVED);
	assert_int_equal(prompt_key(&le, &km, KC_CTRL('K')), PROMPT_CHANGED);
	assert_string_equal(le.text, "ello wor");
	assert_int_equal(prompt_key(&le, &km, KC_CTRL('U')), PROMPT_CHANGED);
	assert_string_equal(le.text, "");
	/* nothing to delete: the text is the same */
	assert_int_equal(prompt_key(&le, &km, KC_BACKSPACE), PROMPT_MOVED);
	/* a wide character, then accept and cancel */
	assert_int_equal(prompt_key(&le, &km, 0x754c), PROMPT_CHANGED);
	assert_int_equal(le.len, 3);
	assert_int_equal(prompt_key(&le, &km, KC_ENTER), PROMPT_ACCEPT);
	assert_int_equal(prompt_key(&le, &km, KC_ESC), PROMPT_CANCEL);
	assert_int_equal(prompt_key(&le, &km, KC_CTRL('G')), PROMPT_CANCEL);
	/* keys that are neither bound nor text */
	assert_int_equal(prompt_key(&le, &km, KC_F(7)), PROMPT_IGNORED);
	assert_int_equal(prompt_key(&le, &km, KC_META('x')), PROMPT_IGNORED);
	assert_int_equal(prompt_key(&le, &km, KC_RESIZE), PROMPT_IGNORED);
	/* the user's bindings: Tab accepts, Esc no longer cancels (it does
	 * nothing), and a bound character is not typed */
	assert_int_equal(keymap_bind(&km, KV_PROMPT, KC_TAB, KA_ACCEPT), 0);
	assert_int_equal(keymap_bind(&km, KV_PROMPT, KC_ESC, KA_NONE), 0);
	assert_int_equal(keymap_bind(&km, KV_PROMPT, '~', KA_KILL_BEFORE), 0);
	assert_int_equal(prompt_key(&le, &km, KC_TAB), PROMPT_ACCEPT);
	assert_int_equal(prompt_key(&le, &km, KC_ESC), PROMPT_IGNORED);
	assert_int_equal(prompt_key(&le, &km, '~'), PROMPT_CHANGED);
	assert_string_equal(le.text, "");
	lineedit_done(&le);
	keymap_done(&km);
}

int main(void)
{
	setlocale(LC_ALL, ""); /* make check runs under C.UTF-8 */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prompt_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
