/* SPDX-License-Identifier: MIT */
/*
 * config.c - reading the config file: lines to words, each command
 * (bind, color, set) applied or reported with its file and line.
 */
#include "ui/config.h"

#include "common/textsafe.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_WORDS 16

int config_init(struct config *c)
{
	theme_init(&c->theme);
	settings_init(&c->set);
	return keymap_init(&c->keys);
}

void config_done(struct config *c)
{
	keymap_done(&c->keys);
}

void config_errors_done(struct config_errors *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->line[i]);
	free(e->line);
	memset(e, 0, sizeof *e);
}

/* Where an error is: the file's escaped name and the line number. */
struct where {
	const char *file;
	size_t line;
	struct config_errors *errs;
};

static int add_error(const struct where *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int add_error(const struct where *w, const char *fmt, ...)
{
	struct config_errors *e = w->errs;
	char msg[512];
	va_list ap;

	if (e->n >= CONFIG_MAX_ERRORS) {
		e->dropped++;
		return 0;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 8;
		char **nl = realloc(e->line, cap * sizeof *nl);
		if (nl == NULL)
			return ENOMEM;
		e->line = nl;
		e->cap = cap;
	}
	size_t size = strlen(w->file) + strlen(msg) + 32;
	char *line = malloc(size);
	if (line == NULL)
		return ENOMEM;
	if (w->line > 0)
		snprintf(line, size, "%s:%zu: %s", w->file, w->line, msg);
	else
		snprintf(line, size, "%s: %s", w->file, msg);
	e->line[e->n++] = line;
	return 0;
}

/* A word of the file, escaped for a message. */
static const char *shown(const char *word, char *buf, size_t size)
{
	textsafe_name_buf(buf, size, word, strlen(word), textsafe_locale());
	return buf;
}

static int list_names(char *buf, size_t size, int count,
		      const char *(*name)(int))
{
	size_t o = 0;
	buf[0] = '\0';
	for (int i = 0; i < count; i++) {
		int w = snprintf(buf + o, size - o, "%s%s", o ? ", " : "",
				 name(i));
		if (w < 0 || (size_t)w >= size - o)
			break;
		o += (size_t)w;
	}
	return 0;
}

static const char *view_name_i(int i)
{
	return keymap_view_name((enum keymap_view)i);
}

static const char *element_name_i(int i)
{
	return theme_element_name((enum theme_element)i);
}

static const char *setting_name_i(int i)
{
	return setting_name((enum setting_id)i);
}

static int do_bind(struct config *c, const struct where *w, char **word,
		   int n)
{
	char a[96], b[96], names[400];
	if (n != 4)
		return add_error(w, "bind wants 3 words: bind VIEW KEY ACTION");
	enum keymap_view v = keymap_view_by_name(word[1]);
	if (v == KV_NONE) {
		list_names(names, sizeof names, KV_COUNT, view_name_i);
		return add_error(w, "unknown view \"%s\" (views: %s)",
				 shown(word[1], a, sizeof a), names);
	}
	const char *why;
	int key = keycode_parse(word[2], strlen(word[2]), &why);
	if (key == 0)
		return add_error(w, "bad key \"%s\": %s",
				 shown(word[2], a, sizeof a), why);
	enum keymap_action act = KA_NONE;
	if (strcmp(word[3], "none") != 0) {
		act = keymap_action_by_name(word[3]);
		if (act == KA_NONE)
			return add_error(w, "unknown action \"%s\" (flockd(1) "
					 "lists them by view)",
					 shown(word[3], a, sizeof a));
	}
	if (!keymap_bindable(act, v))
		return add_error(w, "%s is not an action of the %s view",
				 shown(word[3], a, sizeof a),
				 shown(word[1], b, sizeof b));
	return keymap_bind(&c->keys, v, key, act) == ENOMEM ? ENOMEM : 0;
}

static int do_color(struct config *c, const struct where *w, char **word,
		    int n)
{
	char a[96], names[600];
	if (n < 4)
		return add_error(w, "color wants: color ELEMENT FG BG [ATTR...]");
	enum theme_element e = theme_element_by_name(word[1]);
	if (e == THEME_COUNT) {
		list_names(names, sizeof names, THEME_COUNT, element_name_i);
		return add_error(w, "unknown color element \"%s\" (elements: "
				 "%s)", shown(word[1], a, sizeof a), names);
	}
	struct theme_style st = {0, 0, 0};
	for (int i = 2; i < 4; i++) {
		short *col = i == 2 ? &st.fg : &st.bg;
		if (theme_parse_color(word[i], col) != 0)
			return add_error(w, "bad color \"%s\": a name (default, "
					 "black, red, green, yellow, blue, "
					 "magenta, cyan, white, bright-red...) "
					 "or a number 0-255",
					 shown(word[i], a, sizeof a));
	}
	for (int i = 4; i < n; i++) {
		int bit = theme_parse_attr(word[i]);
		if (bit < 0)
			return add_error(w, "bad attribute \"%s\": normal, bold, "
					 "dim, reverse, underline, standout, "
					 "blink or italic",
					 shown(word[i], a, sizeof a));
		st.attrs |= (unsigned)bit;
	}
	c->theme.el[e] = st;
	return 0;
}

static int do_set(struct config *c, const struct where *w, char **word,
		  int n)
{
	char a[96], b[96], why[200], names[400];
	if (n != 4 || strcmp(word[2], "=") != 0)
		return add_error(w, "set wants: set NAME = VALUE");
	enum setting_id id = setting_by_name(word[1]);
	if (id == SET_COUNT) {
		list_names(names, sizeof names, SET_COUNT, setting_name_i);
		return add_error(w, "unknown setting \"%s\" (settings: %s)",
				 shown(word[1], a, sizeof a), names);
	}
	if (settings_set(&c->set, id, word[3], why, sizeof why) != 0)
		return add_error(w, "bad value \"%s\" for %s: %s",
				 shown(word[3], a, sizeof a),
				 shown(word[1], b, sizeof b), why);
	return 0;
}

/* Split line[0..len) into NUL-terminated words in place (the caller's
 * copy); a word starting with # ends the line. Returns the count, or -1
 * for too many words. */
static int split_words(char *line, char **word)
{
	int n = 0;
	char *p = line;
	for (;;) {
		p += strspn(p, " \t\r\v\f");
		if (*p == '\0' || *p == '#')
			return n;
		if (n == MAX_WORDS)
			return -1;
		word[n++] = p;
		p += strcspn(p, " \t\r\v\f");
		if (*p == '\0')
			return n;
		*p++ = '\0';
	}
}

static int apply_line(struct config *c, const struct where *w, char *line)
{
	char *word[MAX_WORDS], a[96];
	int n = split_words(line, word);
	if (n < 0)
		return add_error(w, "too many words on the line");
	if (n == 0)
		return 0;
	if (strcmp(word[0], "bind") == 0)
		return do_bind(c, w, word, n);
	if (strcmp(word[0], "color") == 0)
		return do_color(c, w, word, n);
	if (strcmp(word[0], "set") == 0)
		return do_set(c, w, word, n);
	return add_error(w, "unknown command \"%s\" (bind, color or set)",
			 shown(word[0], a, sizeof a));
}

int config_parse(struct config *c, const char *name, const char *text,
		 size_t len, struct config_errors *errs)
{
	char file[256];
	struct where w = {file, 0, errs};
	textsafe_name_buf(file, sizeof file, name, strlen(name),
			  textsafe_locale());
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		int rc = 0;
		w.line++;
		if (memchr(text + pos, '\0', n) != NULL) {
			rc = add_error(&w, "a NUL byte in the line");
		} else {
			char *line = malloc(n + 1);
			if (line == NULL)
				return ENOMEM;
			memcpy(line, text + pos, n);
			line[n] = '\0';
			rc = apply_line(c, &w, line);
			free(line);
		}
		if (rc == ENOMEM)
			return ENOMEM;
		pos += n + 1;
	}
	return 0;
}

char *config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	const char *base, *sub;
	if (xdg != NULL && xdg[0] == '/') {
		base = xdg;
		sub = "/flockd/config";
	} else if (home != NULL && home[0] != '\0') {
		base = home;
		sub = "/.config/flockd/config";
	} else {
		return NULL;
	}
	size_t size = strlen(base) + strlen(sub) + 1;
	char *p = malloc(size);
	if (p != NULL)
		snprintf(p, size, "%s%s", base, sub);
	return p;
}

/* Read the whole regular file at `path` (at most CONFIG_MAX_BYTES) into a
 * malloc'd buffer. 0, or an errno value (EFBIG: too big; EINVAL: not a
 * regular file). */
static int read_file(const char *path, char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	if (fd < 0)
		return errno;
	int err = 0;
	char *buf = NULL;
	size_t n = 0;
	if (fstat(fd, &st) != 0)
		err = errno;
	else if (!S_ISREG(st.st_mode))
		err = EINVAL;
	else if (st.st_size > CONFIG_MAX_BYTES)
		err = EFBIG;
	else if ((buf = malloc((size_t)st.st_size + 1)) == NULL)
		err = ENOMEM;
	while (err == 0 && n < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + n, (size_t)st.st_size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			err = errno;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (err != 0) {
		free(buf);
		return err;
	}
	*out = buf;
	*len = n;
	return 0;
}

int config_load(struct config *c, const char *path,
		struct config_errors *errs)
{
	char *text = NULL;
	size_t len = 0;
	int err = read_file(path, &text, &len);
	if (err == ENOENT)
		return 0;
	if (err != 0) {
		char file[256];
		struct where w = {file, 0, errs};
		textsafe_name_buf(file, sizeof file, path, strlen(path),
				  textsafe_locale());
		if (err == ENOMEM)
			return ENOMEM;
		return add_error(&w, "not read: %s",
				 err == EFBIG ? "bigger than 1 MiB"
				 : err == EINVAL ? "not a regular file"
						 : strerror(err));
	}
	err = config_parse(c, path, text, len, errs);
	free(text);
	return err;
}
