/* SPDX-License-Identifier: MIT */
/*
 * test_config.c - tui/ui/config: the config file's bind, color and set
 * lines applied; every kind of bad line reported as FILE:LINE with the
 * rest of the file still applied; odd bytes (NUL, invalid UTF-8, CRLF, no
 * final newline); loading from a path (missing, a directory, too big);
 * the default path from XDG_CONFIG_HOME and HOME; and --dump-config's
 * output read back giving the same dump.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/testutil.h"
#include "ui/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fixture {
	struct config c;
	struct config_errors e;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (f == NULL || config_init(&f->c) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	config_done(&f->c);
	config_errors_done(&f->e);
	free(f);
	return 0;
}

static void parse(struct fixture *f, const char *text)
{
	assert_int_equal(config_parse(&f->c, "cfg", text, strlen(text), &f->e),
			 0);
}

static void test_applies(void **state)
{
	struct fixture *f = *state;
	parse(f, "# a comment\n"
		 "\n"
		 "  bind generic <C-s> sort   # trailing comment\n"
		 "bind editor <F2> save\n"
		 "bind editor <C-s> none\n"
		 "bind locks x reload\n"
		 "color cursor white blue bold underline\n"
		 "color escape 208 default\n"
		 "set timeout = 500ms\n"
		 "set wrap = yes\n"
		 "set hex-width = 8\n"
		 "set stale-age = 2h\n"
		 "set sort = size-desc\n"
		 "set mouse = off\n"
		 "set escape-delay = 0\n");
	assert_int_equal(f->e.n, 0);
	assert_int_equal(keymap_lookup(&f->c.keys, KV_KEYS, KC_CTRL('S')),
			 KA_SORT);
	assert_int_equal(keymap_lookup(&f->c.keys, KV_EDITOR, KC_F(2)), KA_SAVE);
	assert_int_equal(keymap_lookup(&f->c.keys, KV_EDITOR, KC_CTRL('S')),
			 KA_NONE);
	assert_int_equal(keymap_lookup(&f->c.keys, KV_LOCKS, 'x'), KA_RELOAD);
	const struct theme_style *cur = &f->c.theme.el[THEME_CURSOR];
	assert_int_equal(cur->fg, THEME_WHITE);
	assert_int_equal(cur->bg, THEME_BLUE);
	assert_int_equal(cur->attrs, THEME_A_BOLD | THEME_A_UNDERLINE);
	assert_int_equal(f->c.theme.el[THEME_ESCAPE].fg, 208);
	assert_int_equal(f->c.theme.el[THEME_ESCAPE].bg, THEME_DEFAULT);
	assert_int_equal(settings_ms(&f->c.set, SET_TIMEOUT), 500);
	assert_true(settings_on(&f->c.set, SET_WRAP));
	assert_int_equal(settings_hex_width(&f->c.set), 8);
	assert_int_equal(settings_ms(&f->c.set, SET_STALE_AGE), 7200000);
	assert_int_equal(settings_choice(&f->c.set, SET_SORT), 5); /* size-desc: the sixth */
	assert_false(settings_on(&f->c.set, SET_MOUSE));
	assert_int_equal(settings_ms(&f->c.set, SET_ESCAPE_DELAY), 0);
}

static void test_defaults(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(settings_ms(&f->c.set, SET_TIMEOUT), 2000);
	assert_false(settings_on(&f->c.set, SET_WRAP));
	assert_int_equal(settings_hex_width(&f->c.set), 16);
	assert_int_equal(settings_ms(&f->c.set, SET_STALE_AGE), 3600000);
	assert_int_equal(settings_ms(&f->c.set, SET_ESCAPE_DELAY), 25);
	assert_true(settings_on(&f->c.set, SET_MOUSE));
	assert_int_equal(settings_choice(&f->c.set, SET_SORT), 0);
}

/* Each bad line alone: one error, at its line, saying what is wrong, and
 * the good lines around it apply. */
static void test_errors(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *line, *says;
	} bad[] = {
		{"bind generic q", "bind wants 3 words"},
		{"bind generic q quit extra", "bind wants 3 words"},
		{"bind nowhere q quit", "unknown view \"nowhere\""},
		{"bind generic <Nope> quit", "bad key \"<Nope>\": unknown key name"},
		{"bind generic ab quit", "bad key \"ab\""},
		{"bind generic q explode", "unknown action \"explode\""},
		{"bind editor s sort", "sort is not an action of the editor view"},
		{"bind prompt q quit", "not an action of the prompt view"},
		{"color", "color wants"},
		{"color cursor red", "color wants"},
		{"color nothing red blue", "unknown color element \"nothing\""},
		{"color cursor purple blue", "bad color \"purple\""},
		{"color cursor red 256", "bad color \"256\""},
		{"color cursor red blue shiny", "bad attribute \"shiny\""},
		{"set timeout 2s", "set wants: set NAME = VALUE"},
		{"set timeout =", "set wants"},
		{"set nothing = 1", "unknown setting \"nothing\""},
		{"set timeout = soon", "bad value \"soon\" for timeout: a duration"},
		{"set timeout = 0", "bad value \"0\" for timeout"},
		{"set wrap = maybe", "bad value \"maybe\" for wrap: yes or no"},
		{"set hex-width = 12", "one of: 4 8 16"},
		{"set sort = random", "one of: name"},
		{"set stale-age = 10ms", "from 1s to 365d"},
		{"unbind generic q", "unknown command \"unbind\""},
		{"bind generic \xff quit", "bad key \"\\xff\""},
		{"bind \x1b[31m q quit", "unknown view \"\\x1b[31m\""},
		{"a b c d e f g h i j k l m n o p q r", "too many words"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[512], want[256];
		config_errors_done(&f->e);
		snprintf(text, sizeof text, "set wrap = yes\n%s\nset mouse = no\n",
			 bad[i].line);
		settings_init(&f->c.set);
		parse(f, text);
		if (f->e.n != 1)
			fail_msg("%s: %zu errors", bad[i].line, f->e.n);
		snprintf(want, sizeof want, "cfg:2: ");
		if (strncmp(f->e.line[0], want, strlen(want)) != 0 ||
		    strstr(f->e.line[0], bad[i].says) == NULL)
			fail_msg("%s: got \"%s\", want \"%s...%s\"",
				 bad[i].line, f->e.line[0], want, bad[i].says);
		assert_true(settings_on(&f->c.set, SET_WRAP));
		assert_false(settings_on(&f->c.set, SET_MOUSE));
		assert_null(strchr(f->e.line[0], '\x1b'));
	}
}

/* A bad line changes nothing, even half-way through. */
static void test_bad_line_changes_nothing(void **state)
{
	struct fixture *f = *state;
	parse(f, "color cursor red blue shiny\n"
		 "bind editor s sort\n");
	assert_int_equal(f->e.n, 2);
	assert_int_equal(f->c.theme.el[THEME_CURSOR].fg, THEME_BLACK);
	assert_int_equal(keymap_lookup(&f->c.keys, KV_EDITOR, 's'), KA_NONE);
}

static void test_odd_bytes(void **state)
{
	struct fixture *f = *state;
	static const char text[] = "set wrap = yes\r\n"
				   "bind generic q\0uit\n"
				   "\tbind\tgeneric\tQ\tquit\n"
				   "set mouse = no";
	assert_int_equal(config_parse(&f->c, "cfg", text, sizeof text - 1,
				      &f->e), 0);
	assert_int_equal(f->e.n, 1);
	assert_string_equal(f->e.line[0], "cfg:2: a NUL byte in the line");
	assert_true(settings_on(&f->c.set, SET_WRAP));
	assert_false(settings_on(&f->c.set, SET_MOUSE));
	assert_int_equal(keymap_lookup(&f->c.keys, KV_GENERIC, 'Q'), KA_QUIT);
	/* an empty file and a file of blanks and comments */
	config_errors_done(&f->e);
	assert_int_equal(config_parse(&f->c, "cfg", "", 0, &f->e), 0);
	parse(f, "   \n#\n\t# x\n");
	assert_int_equal(f->e.n, 0);
}

static void test_error_cap_and_name(void **state)
{
	struct fixture *f = *state;
	size_t n = CONFIG_MAX_ERRORS + 50;
	char *text = malloc(n * 4 + 1);
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		memcpy(text + i * 4, "zz\n\n", 4);
	assert_int_equal(config_parse(&f->c, "evil\nname\x1b", text, n * 4,
				      &f->e), 0);
	free(text);
	assert_int_equal(f->e.n, CONFIG_MAX_ERRORS);
	assert_int_equal(f->e.dropped, 50);
	/* the file name is escaped; the line numbers count every line */
	assert_int_equal(strncmp(f->e.line[0], "evil\\nname\\x1b:1: ", 18), 0);
	assert_int_equal(strncmp(f->e.line[1], "evil\\nname\\x1b:3: ", 18), 0);
}

static char *dump_text(const struct config *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	assert_non_null(m);
	assert_int_equal(config_dump(c, m), 0);
	fclose(m);
	return buf;
}

static void test_dump_round_trip(void **state)
{
	struct fixture *f = *state;
	parse(f, "bind generic <C-s> sort\n"
		 "bind keys x none\n"
		 "bind generic j none\n"
		 "bind editor <M-Space> save\n"
		 "bind pager <Hash> close\n"
		 "color title 17 bright-white bold italic\n"
		 "set timeout = 90s\n"
		 "set stale-age = 1500ms\n"
		 "set hex-width = 4\n");
	assert_int_equal(f->e.n, 0);
	char *one = dump_text(&f->c);
	assert_non_null(strstr(one, "bind keys     x           none"));
	assert_non_null(strstr(one, "set timeout       = 90s"));
	assert_non_null(strstr(one, "# without a key: hex"));
	struct config again;
	struct config_errors e2 = {0};
	assert_int_equal(config_init(&again), 0);
	assert_int_equal(config_parse(&again, "dump", one, strlen(one), &e2), 0);
	if (e2.n != 0)
		fail_msg("the dump read back: %s", e2.line[0]);
	char *two = dump_text(&again);
	assert_string_equal(one, two);
	/* the defaults' dump reads back to the defaults too */
	struct config def;
	assert_int_equal(config_init(&def), 0);
	char *three = dump_text(&def);
	struct config def2;
	assert_int_equal(config_init(&def2), 0);
	assert_int_equal(config_parse(&def2, "d", three, strlen(three), &e2), 0);
	assert_int_equal(e2.n, 0);
	char *four = dump_text(&def2);
	assert_string_equal(three, four);
	free(one);
	free(two);
	free(three);
	free(four);
	config_done(&again);
	config_done(&def);
	config_done(&def2);
	config_errors_done(&e2);
}

static void test_load(void **state)
{
	struct fixture *f = *state;
	char *dir = testutil_mkdtemp();
	char path[4096];
	assert_non_null(dir);
	/* missing: no error */
	snprintf(path, sizeof path, "%s/config", dir);
	assert_int_equal(config_load(&f->c, path, &f->e), 0);
	assert_int_equal(f->e.n, 0);
	/* a directory: one error, nothing applied */
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(config_load(&f->c, path, &f->e), 0);
	assert_int_equal(f->e.n, 1);
	assert_non_null(strstr(f->e.line[0], "not a regular file"));
	rmdir(path);
	/* too big */
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	for (int i = 0; i < CONFIG_MAX_BYTES / 16 + 1; i++)
		fputs("# padding......\n", fp);
	fclose(fp);
	assert_int_equal(config_load(&f->c, path, &f->e), 0);
	assert_int_equal(f->e.n, 2);
	assert_non_null(strstr(f->e.line[1], "bigger than 1 MiB"));
	/* a real one, its errors named by the path */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("set wrap = yes\nset wrap = perhaps\n", fp);
	fclose(fp);
	assert_int_equal(config_load(&f->c, path, &f->e), 0);
	assert_int_equal(f->e.n, 3);
	char want[4200];
	snprintf(want, sizeof want, "%s:2: bad value", path);
	assert_int_equal(strncmp(f->e.line[2], want, strlen(want)), 0);
	assert_true(settings_on(&f->c.set, SET_WRAP));
	testutil_rm_rf(dir);
	free(dir);
}

static void test_default_path(void **state)
{
	(void)state;
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	setenv("HOME", "/home/u", 1);
	char *p = config_default_path();
	assert_string_equal(p, "/x/conf/flockd/config");
	free(p);
	/* a relative XDG_CONFIG_HOME is ignored, as the spec says */
	setenv("XDG_CONFIG_HOME", "rel", 1);
	p = config_default_path();
	assert_string_equal(p, "/home/u/.config/flockd/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = config_default_path();
	assert_string_equal(p, "/home/u/.config/flockd/config");
	free(p);
	unsetenv("HOME");
	assert_null(config_default_path());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_applies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_line_changes_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_odd_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_cap_and_name, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_dump_round_trip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_load, setup, teardown),
		cmocka_unit_test(test_default_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
