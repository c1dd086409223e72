/*
 * inspect_cmd.h - what the four inspection commands share: messages in the
 * program's one-line format, escaped names, opening a database.
 * Internal to tui/inspect/.
 */
#ifndef TUI_INSPECT_INSPECT_CMD_H
#define TUI_INSPECT_INSPECT_CMD_H

#include "flockd.h"

#include <stdio.h>

/* Lock timeout of the inspection commands unless --timeout says. */
#define INSPECT_DEFAULT_TIMEOUT_MS 5000L

/* inspect_err - print "flockd CMD: MESSAGE\n" on stderr (printf format;
 * arguments that come from outside must be escaped first). */
void inspect_err(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* inspect_usage_error - "flockd CMD: WHAT" plus a hint to --help;
 * returns EXIT_USAGE. */
int inspect_usage_error(const char *cmd, const char *what);

/* inspect_esc - the escaped name `s` for text output (textsafe_name_dup
 * by the locale); never NULL (out of memory gives a static "?"), free with
 * inspect_esc_free. */
char *inspect_esc(const char *s);
void inspect_esc_free(char *s);

/* inspect_table_label - "(root)" for the root table, else the name. */
const char *inspect_table_label(const char *name);

/* inspect_open_db - open `dir` (never creating it) with `flags`
 * (FLOCKD_OPEN_READONLY or 0) and print a one-line error naming the
 * directory on failure. Returns 0 or the error code. */
int inspect_open_db(const char *cmd, const char *dir, unsigned flags,
		    long timeout_ms, flockd_db **db);

/* inspect_getopt_reset - prepare getopt_long for a fresh argv (the
 * dispatcher may have used it already). */
void inspect_getopt_reset(void);

/* inspect_bad_option - the usage error for getopt_long's result `c`
 * ('?' or ':', with an optstring starting with ':'); returns EXIT_USAGE. */
int inspect_bad_option(const char *cmd, char **argv, int c);

#endif
