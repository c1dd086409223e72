/* SPDX-License-Identifier: MIT */
/*
 * config.h - the interactive program's configuration: key bindings,
 * colours and settings, from $XDG_CONFIG_HOME/flockd/config (or
 * ~/.config/flockd/config), a line-based file in the manner of tigrc:
 *
 *   # a comment (a # at the start of a word starts one)
 *   bind VIEW KEY ACTION        bind KEY in VIEW; ACTION `none` unbinds it
 *   color ELEMENT FG BG [ATTR...]
 *   set NAME = VALUE
 *
 * A bad line is reported ("FILE:LINE: what is wrong") and skipped; every
 * other line still applies. Plain C; the parser reads a buffer, so a fuzzer
 * or a test feeds it directly (config_parse).
 *
 * Ownership: a config owns its keymap (config_done); the errors are a list
 * of malloc'd lines (config_errors_done).
 */
#ifndef TUI_UI_CONFIG_H
#define TUI_UI_CONFIG_H

#include "ui/keymap.h"
#include "ui/settings.h"
#include "ui/theme.h"

#include <stddef.h>
#include <stdio.h>

/* A file bigger than this is refused as a whole: a config is small. */
#define CONFIG_MAX_BYTES (1024 * 1024)
/* At most this many errors are kept; the rest are counted. */
#define CONFIG_MAX_ERRORS 100

struct config {
	struct keymap keys;
	struct theme theme;
	struct settings set;
};

struct config_errors {
	char **line;     /* "FILE:LINE: message", escaped, no newline */
	size_t n, cap;
	size_t dropped;  /* errors past CONFIG_MAX_ERRORS */
};

/* config_init - the defaults. 0 or ENOMEM (then nothing to free). */
int config_init(struct config *c);
void config_done(struct config *c);
void config_errors_done(struct config_errors *e);

/*
 * config_parse - apply the config text text[0..len) (any bytes: NULs,
 * invalid UTF-8, no final newline) to `c`; `name` names it in the errors
 * (escaped there). Each bad line adds an error to `errs` and changes
 * nothing. Returns 0, or ENOMEM (`c` then holds what was applied so far).
 */
int config_parse(struct config *c, const char *name, const char *text,
		 size_t len, struct config_errors *errs);

/*
 * config_default_path - the config file's path: $XDG_CONFIG_HOME/flockd/
 * config when XDG_CONFIG_HOME is an absolute path, else $HOME/.config/
 * flockd/config. Returns a malloc'd string (the caller frees), or NULL
 * when neither variable says where (or memory runs out).
 */
char *config_default_path(void);

/*
 * config_load - read and apply the file at `path`. A missing file is no
 * error (the defaults stay); a file that cannot be read, is not a regular
 * file or is too big adds one error and applies nothing. Returns 0 or
 * ENOMEM.
 */
int config_load(struct config *c, const char *path,
		struct config_errors *errs);

/* config_dump - write the whole configuration, defaults included, in the
 * file's own format, so that it read back gives the same dump. Returns 0
 * or the errno of writing. */
int config_dump(const struct config *c, FILE *out);

#endif
