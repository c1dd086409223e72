/* SPDX-License-Identifier: MIT */
/*
 * test_textsafe.c - every class of unsafe bytes through every rendering of
 * the one text-safety module: the command line's escaped names (UTF-8 and
 * C locale), the screen (escapes marked as escapes, widths), a value's
 * text, JSON; the screen form of a name is its command-line form; bash's
 * printf %b gives every name back; nothing unsafe ever comes out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/textsafe.h"
#include "common/utf8.h"

#include <jansson.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* One class of input. `in` is the name (or value), `len` its bytes;
 * `screen` and `value` mark each escape as {…}; `json` is the string body
 * (NULL: not UTF-8, so JSON carries it as base64). */
struct text_case {
	const char *what;
	const char *in;
	size_t len;
	const char *cli_utf8, *cli_c, *screen, *value, *json;
};

#define IN(s) s, sizeof s - 1

static const struct text_case cases[] = {
	{"plain ASCII", IN("axb"), "axb", "axb", "axb", "axb", "axb"},
	{"backslash", IN("a\\b"), "a\\\\b", "a\\\\b", "a{\\\\}b", "a\\b",
	 "a\\\\b"},
	{"a name that looks like an escape", IN("a\\x41b"), "a\\\\x41b",
	 "a\\\\x41b", "a{\\\\}x41b", "a\\x41b", "a\\\\x41b"},
	{"tab", IN("a\tb"), "a\\tb", "a\\tb", "a{\\t}b", "a       b",
	 "a\\tb"},
	{"newline", IN("a\nb"), "a\\nb", "a\\nb", "a{\\n}b", "a{\\n}b",
	 "a\\nb"},
	{"carriage return", IN("a\rb"), "a\\rb", "a\\rb", "a{\\r}b",
	 "a{\\r}b", "a\\rb"},
	{"ESC sequence", IN("a\x1b[31mb"), "a\\x1b[31mb", "a\\x1b[31mb",
	 "a{\\x1b}[31mb", "a{\\x1b}[31mb", "a\\u001b[31mb"},
	{"C0 control", IN("a\x01" "b"), "a\\x01b", "a\\x01b", "a{\\x01}b",
	 "a{\\x01}b", "a\\u0001b"},
	{"NUL", IN("a\0b"), "a\\x00b", "a\\x00b", "a{\\x00}b", "a{\\x00}b",
	 "a\\u0000b"},
	{"DEL", IN("a\x7f" "b"), "a\\x7fb", "a\\x7fb", "a{\\x7f}b",
	 "a{\\x7f}b", "a\\u007fb"},
	{"C1 CSI as a raw byte", IN("a\x9b" "b"), "a\\x9bb", "a\\x9bb",
	 "a{\\x9b}b", "a{\\x9b}b", NULL},
	{"C1 CSI encoded", IN("a\xc2\x9b" "b"), "a\\u009bb", "a\\xc2\\x9bb",
	 "a{\\u009b}b", "a{\\u009b}b", "a\\u009bb"},
	{"bidi override U+202E", IN("a\xe2\x80\xae" "b"), "a\\u202eb",
	 "a\\xe2\\x80\\xaeb", "a{\\u202e}b", "a{\\u202e}b", "a\\u202eb"},
	{"Arabic letter mark U+061C", IN("a\xd8\x9c" "b"), "a\\u061cb",
	 "a\\xd8\\x9cb", "a{\\u061c}b", "a{\\u061c}b", "a\\u061cb"},
	{"LRM U+200E", IN("a\xe2\x80\x8e" "b"), "a\\u200eb",
	 "a\\xe2\\x80\\x8eb", "a{\\u200e}b", "a{\\u200e}b", "a\\u200eb"},
	{"isolate U+2066", IN("a\xe2\x81\xa6" "b"), "a\\u2066b",
	 "a\\xe2\\x81\\xa6b", "a{\\u2066}b", "a{\\u2066}b", "a\\u2066b"},
	{"zero width space U+200B", IN("a\xe2\x80\x8b" "b"), "a\\u200bb",
	 "a\\xe2\\x80\\x8bb", "a{\\u200b}b", "a{\\u200b}b", "a\\u200bb"},
	{"zero width joiner U+200D", IN("a\xe2\x80\x8d" "b"), "a\\u200db",
	 "a\\xe2\\x80\\x8db", "a{\\u200d}b", "a{\\u200d}b", "a\\u200db"},
	{"word joiner U+2060", IN("a\xe2\x81\xa0" "b"), "a\\u2060b",
	 "a\\xe2\\x81\\xa0b", "a{\\u2060}b", "a{\\u2060}b", "a\\u2060b"},
	{"soft hyphen U+00AD", IN("a\xc2\xad" "b"), "a\\u00adb",
	 "a\\xc2\\xadb", "a{\\u00ad}b", "a{\\u00ad}b", "a\\u00adb"},
	{"Mongolian vowel separator U+180E", IN("a\xe1\xa0\x8e" "b"),
	 "a\\u180eb", "a\\xe1\\xa0\\x8eb", "a{\\u180e}b", "a{\\u180e}b",
	 "a\\u180eb"},
	{"interlinear annotation U+FFF9", IN("a\xef\xbf\xb9" "b"),
	 "a\\ufff9b", "a\\xef\\xbf\\xb9b", "a{\\ufff9}b", "a{\\ufff9}b",
	 "a\\ufff9b"},
	{"tag U+E0001", IN("a\xf3\xa0\x80\x81" "b"), "a\\U000e0001b",
	 "a\\xf3\\xa0\\x80\\x81b", "a{\\U000e0001}b", "a{\\U000e0001}b",
	 "a\\udb40\\udc01b"},
	{"BOM U+FEFF", IN("a\xef\xbb\xbf" "b"), "a\\ufeffb",
	 "a\\xef\\xbb\\xbfb", "a{\\ufeff}b", "a{\\ufeff}b", "a\\ufeffb"},
	{"line separator U+2028", IN("a\xe2\x80\xa8" "b"), "a\\u2028b",
	 "a\\xe2\\x80\\xa8b", "a{\\u2028}b", "a{\\u2028}b", "a\\u2028b"},
	{"paragraph separator U+2029", IN("a\xe2\x80\xa9" "b"), "a\\u2029b",
	 "a\\xe2\\x80\\xa9b", "a{\\u2029}b", "a{\\u2029}b", "a\\u2029b"},
	{"Hangul filler U+3164", IN("a\xe3\x85\xa4" "b"), "a\\u3164b",
	 "a\\xe3\\x85\\xa4b", "a{\\u3164}b", "a{\\u3164}b", "a\\u3164b"},
	{"invalid byte", IN("a\xff" "b"), "a\\xffb", "a\\xffb", "a{\\xff}b",
	 "a{\\xff}b", NULL},
	{"truncated sequence", IN("a\xe6\x97" "b"), "a\\xe6\\x97b",
	 "a\\xe6\\x97b", "a{\\xe6}{\\x97}b", "a{\\xe6}{\\x97}b", NULL},
	{"stray continuation", IN("a\x80" "b"), "a\\x80b", "a\\x80b",
	 "a{\\x80}b", "a{\\x80}b", NULL},
	{"surrogate", IN("a\xed\xa0\x80" "b"), "a\\xed\\xa0\\x80b",
	 "a\\xed\\xa0\\x80b", "a{\\xed}{\\xa0}{\\x80}b",
	 "a{\\xed}{\\xa0}{\\x80}b", NULL},
	{"above U+10FFFF", IN("a\xf4\x90\x80\x80" "b"),
	 "a\\xf4\\x90\\x80\\x80b", "a\\xf4\\x90\\x80\\x80b",
	 "a{\\xf4}{\\x90}{\\x80}{\\x80}b", "a{\\xf4}{\\x90}{\\x80}{\\x80}b",
	 NULL},
	{"overlong slash", IN("a\xc0\xaf" "b"), "a\\xc0\\xafb",
	 "a\\xc0\\xafb", "a{\\xc0}{\\xaf}b", "a{\\xc0}{\\xaf}b", NULL},
	{"overlong 3 bytes", IN("a\xe0\x80\xaf" "b"), "a\\xe0\\x80\\xafb",
	 "a\\xe0\\x80\\xafb", "a{\\xe0}{\\x80}{\\xaf}b",
	 "a{\\xe0}{\\x80}{\\xaf}b", NULL},
	{"wide CJK", IN("a\xe7\x95\x8c" "b"), "a\xe7\x95\x8c" "b",
	 "a\\xe7\\x95\\x8cb", "a\xe7\x95\x8c" "b", "a\xe7\x95\x8c" "b",
	 "a\xe7\x95\x8c" "b"},
	{"Latin letter", IN("caf\xc3\xa9"), "caf\xc3\xa9", "caf\\xc3\\xa9",
	 "caf\xc3\xa9", "caf\xc3\xa9", "caf\xc3\xa9"},
	{"combining mark after a letter", IN("e\xcc\x81x"), "e\xcc\x81x",
	 "e\\xcc\\x81x", "e\xcc\x81x", "e\xcc\x81x", "e\xcc\x81x"},
	{"combining mark first", IN("\xcc\x81x"), "\\u0301x", "\\xcc\\x81x",
	 "{\\u0301}x", "{\\u0301}x", "\xcc\x81x"},
	{"combining mark after an escape", IN("a\x01\xcc\x81"),
	 "a\\x01\\u0301", "a\\x01\\xcc\\x81", "a{\\x01}{\\u0301}",
	 "a{\\x01}{\\u0301}", "a\\u0001\xcc\x81"},
	{"emoji with variation selector", IN("\xe2\x9d\xa4\xef\xb8\x8f"),
	 "\xe2\x9d\xa4\xef\xb8\x8f", "\\xe2\\x9d\\xa4\\xef\\xb8\\x8f",
	 "\xe2\x9d\xa4\xef\xb8\x8f", "\xe2\x9d\xa4\xef\xb8\x8f",
	 "\xe2\x9d\xa4\xef\xb8\x8f"},
	{"quote", IN("a\"b"), "a\"b", "a\"b", "a\"b", "a\"b", "a\\\"b"},
};

#define NCASES (sizeof cases / sizeof cases[0])

/* Nothing a terminal acts on, and nothing invisible: no C0, DEL, C1 and
 * no unsafe character (when the text is UTF-8 at all). */
static void assert_safe(const char *what, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);
		if (k == 0)
			fail_msg("%s: invalid UTF-8 in the output", what);
		if (textsafe_unsafe_char(cp))
			fail_msg("%s: U+%04X in the output", what,
				 (unsigned)cp);
		i += k;
	}
}

struct marked {
	char buf[512];
	size_t n;
};

static void mark_emit(void *ctx, const char *text, size_t n, int escape)
{
	struct marked *m = ctx;
	if (escape)
		m->buf[m->n++] = '{';
	memcpy(m->buf + m->n, text, n);
	m->n += n;
	if (escape)
		m->buf[m->n++] = '}';
	m->buf[m->n] = '\0';
}

static const char *marked(const void *in, size_t len, unsigned flags,
			  int *cols)
{
	static struct marked m;
	m.n = 0;
	m.buf[0] = '\0';
	size_t used = textsafe_layout(in, len, 200, 0, flags, mark_emit, &m,
				      cols);
	assert_int_equal(used, len);
	return m.buf;
}

static const char *unmarked(const char *s)
{
	static char out[512];
	size_t o = 0;
	for (; *s; s++)
		if (*s != '{' && *s != '}')
			out[o++] = *s;
	out[o] = '\0';
	return out;
}

static void test_command_line(void **state)
{
	(void)state;
	for (size_t i = 0; i < NCASES; i++) {
		const struct text_case *c = &cases[i];
		char out[256];
		size_t n = textsafe_name_into(out, c->in, c->len,
					      TEXTSAFE_UTF8);
		if (strcmp(out, c->cli_utf8) != 0)
			fail_msg("%s: UTF-8 '%s', want '%s'", c->what, out,
				 c->cli_utf8);
		assert_true(n <= TEXTSAFE_NAME_MAX(c->len));
		assert_safe(c->what, out, n);
		n = textsafe_name_into(out, c->in, c->len, 0);
		if (strcmp(out, c->cli_c) != 0)
			fail_msg("%s: C '%s', want '%s'", c->what, out,
				 c->cli_c);
		for (size_t k = 0; k < n; k++)
			assert_true(out[k] >= 0x20 && out[k] < 0x7f);
	}
}

static void test_screen(void **state)
{
	(void)state;
	for (size_t i = 0; i < NCASES; i++) {
		const struct text_case *c = &cases[i];
		int cols;
		const char *m = marked(c->in, c->len, TEXTSAFE_UTF8, &cols);
		if (strcmp(m, c->screen) != 0)
			fail_msg("%s: screen '%s', want '%s'", c->what, m,
				 c->screen);
		/* the screen shows a name exactly as the command line does */
		assert_string_equal(unmarked(m), c->cli_utf8);
		assert_int_equal(cols, textsafe_width(c->in, c->len,
						      TEXTSAFE_UTF8, 999));
		/* drawn again from its escaped form (a message holding the
		 * name), the same escapes are escapes */
		const char *e = marked(c->cli_utf8, strlen(c->cli_utf8),
				       TEXTSAFE_UTF8 | TEXTSAFE_ESCAPED, NULL);
		assert_string_equal(e, c->screen);
		char out[TEXTSAFE_RENDER_BUF(200)];
		textsafe_render(c->in, c->len, 200, TEXTSAFE_UTF8, out,
				sizeof out, NULL);
		assert_string_equal(out, c->cli_utf8);
		assert_safe(c->what, out, strlen(out));
	}
}

static void test_value(void **state)
{
	(void)state;
	for (size_t i = 0; i < NCASES; i++) {
		const struct text_case *c = &cases[i];
		const char *m = marked(c->in, c->len,
				       TEXTSAFE_UTF8 | TEXTSAFE_VALUE, NULL);
		if (strcmp(m, c->value) != 0)
			fail_msg("%s: value '%s', want '%s'", c->what, m,
				 c->value);
		assert_safe(c->what, m, strlen(m));
	}
}

static void test_json(void **state)
{
	(void)state;
	for (size_t i = 0; i < NCASES; i++) {
		const struct text_case *c = &cases[i];
		char out[TEXTSAFE_JSON_MAX(64) + 1];
		size_t n = textsafe_json_into(out, c->in, c->len,
					      TEXTSAFE_UTF8);
		if (c->json == NULL) {
			assert_int_equal(n, (size_t)-1);
			continue;
		}
		if (n == (size_t)-1 || strcmp(out, c->json) != 0)
			fail_msg("%s: JSON '%s', want '%s'", c->what,
				 n == (size_t)-1 ? "(refused)" : out, c->json);
		assert_safe(c->what, out, n);
		/* a JSON reader gets the exact bytes back */
		char doc[TEXTSAFE_JSON_MAX(64) + 3];
		snprintf(doc, sizeof doc, "\"%s\"", out);
		json_error_t err;
		json_t *v = json_loads(doc, JSON_DECODE_ANY | JSON_ALLOW_NUL,
				       &err);
		assert_non_null(v);
		assert_int_equal(json_string_length(v), c->len);
		assert_memory_equal(json_string_value(v), c->in, c->len);
		json_decref(v);
		/* ASCII-only JSON (a terminal) is the same string */
		n = textsafe_json_into(out, c->in, c->len, 0);
		for (size_t k = 0; k < n; k++)
			assert_true(out[k] >= 0x20 && out[k] < 0x7f);
	}
}

/* bash's printf %b of `escaped` in `locale`, into out; returns its size. */
static size_t bash_printf_b(const char *locale, const char *escaped,
			    char *out, size_t size)
{
	int fd[2];
	assert_int_equal(pipe(fd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		setenv("LC_ALL", locale, 1);
		execlp("bash", "bash", "-c", "printf '%b' \"$1\"", "bash",
		       escaped, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	size_t n = 0;
	ssize_t r;
	while (n < size && (r = read(fd[0], out + n, size - n)) > 0)
		n += (size_t)r;
	close(fd[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return n;
}

static void round_trip(const char *locale, unsigned flags, const char *in,
		       size_t len)
{
	char *esc = textsafe_name_dup(in, len, flags);
	char *back = malloc(len + 16);
	assert_non_null(esc);
	assert_non_null(back);
	size_t n = bash_printf_b(locale, esc, back, len + 16);
	if (n != len || memcmp(back, in, len) != 0)
		fail_msg("printf %%b of '%s' in %s is not the name", esc,
			 locale);
	free(esc);
	free(back);
}

static void test_printf_b_round_trip(void **state)
{
	(void)state;
	/* every case, then all of them in one name, then every byte */
	char all[4096], bytes[255];
	size_t n = 0;
	for (size_t i = 0; i < NCASES; i++) {
		if (memchr(cases[i].in, '\0', cases[i].len) != NULL)
			continue; /* names hold no NUL; argv cannot either */
		round_trip("C.UTF-8", TEXTSAFE_UTF8, cases[i].in, cases[i].len);
		round_trip("C", 0, cases[i].in, cases[i].len);
		memcpy(all + n, cases[i].in, cases[i].len);
		n += cases[i].len;
	}
	round_trip("C.UTF-8", TEXTSAFE_UTF8, all, n);
	for (size_t i = 0; i < sizeof bytes; i++)
		bytes[i] = (char)(i + 1);
	round_trip("C.UTF-8", TEXTSAFE_UTF8, bytes, sizeof bytes);
	round_trip("C", 0, bytes, sizeof bytes);
}

static void test_unsafe_char_edges(void **state)
{
	(void)state;
	static const uint32_t unsafe[] = {
		0x00, 0x1f, 0x7f, 0x80, 0x9f, 0xad, 0x34f, 0x600, 0x605,
		0x61c, 0x6dd, 0x70f, 0x115f, 0x1160, 0x17b4, 0x180b, 0x180f,
		0x200b, 0x200f, 0x2028, 0x202e, 0x2060, 0x206f, 0x3164,
		0xfeff, 0xffa0, 0xfff9, 0xfffb, 0x110bd, 0x13430, 0x1bca0,
		0x1d173, 0xe0000, 0xe0001, 0xe007f,
	};
	static const uint32_t safe[] = {
		0x20, 0x7e, 0xa0, 0xa9, 0xe9, 0x301, 0x606, 0x200a, 0x2010,
		0x2027, 0x202f, 0x205f, 0x2070, 0x754c, 0xfe0f, 0xfefe,
		0xff00, 0xfffc, 0x1f600, 0xe0080, 0xe0100,
	};
	for (size_t i = 0; i < sizeof unsafe / sizeof unsafe[0]; i++)
		if (!textsafe_unsafe_char(unsafe[i]))
			fail_msg("U+%04X should be unsafe", (unsigned)unsafe[i]);
	for (size_t i = 0; i < sizeof safe / sizeof safe[0]; i++)
		if (textsafe_unsafe_char(safe[i]))
			fail_msg("U+%04X should be safe", (unsigned)safe[i]);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("plain", 5));
	assert_true(utf8_valid("a\0b", 3));
	assert_true(utf8_valid("w\xc3\xb6rld", 6));
	assert_true(utf8_valid("\xf0\x9f\x98\x80", 4));  /* U+1F600 */
	assert_true(utf8_valid("\xf4\x8f\xbf\xbf", 4));  /* U+10FFFF */
	assert_false(utf8_valid("\xff", 1));
	assert_false(utf8_valid("\xc3", 1));              /* truncated */
	assert_false(utf8_valid("\xc0\xaf", 2));          /* overlong */
	assert_false(utf8_valid("\xe0\x80\xaf", 3));      /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));      /* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4));  /* > U+10FFFF */
	assert_false(utf8_valid("\x80", 1));              /* continuation */
	assert_false(utf8_valid("ab\xf0\x9f\x98", 5));
}

static int utf8_setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") == NULL ? -1 : 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_command_line),
		cmocka_unit_test(test_screen),
		cmocka_unit_test(test_value),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_printf_b_round_trip),
		cmocka_unit_test(test_unsafe_char_edges),
		cmocka_unit_test(test_utf8_valid),
	};
	return cmocka_run_group_tests(tests, utf8_setup, NULL);
}
