/*
 * cli_escape.h - one name per line, safely: the escaping the command line
 * applies to every key and table name it prints (listings and error
 * messages), so that a name with a newline or control bytes can neither
 * forge a second line nor drive the terminal.
 *
 * The scheme, documented in flockd(1):
 *   \\  a backslash        \n  newline        \t  tab        \r  return
 *   \xHH  any other byte that is a control character (C0, DEL), part of a
 *         C1 control, a bidirectional-formatting or line/paragraph
 *         separator character, or not valid UTF-8 (every such byte is
 *         escaped separately)
 * Everything else is written as is: printable ASCII always, and printable
 * UTF-8 characters when the locale's character set is UTF-8 (otherwise every
 * non-ASCII byte is \xHH). The scheme is what bash's printf %b understands,
 * so `printf '%b' "$line"` gives back the exact name.
 */
#ifndef TUI_CLI_CLI_ESCAPE_H
#define TUI_CLI_CLI_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

enum escape_flags {
	ESCAPE_UTF8 = 1u << 0, /* pass printable UTF-8 characters through */
};

/* escape_flags_for_locale - ESCAPE_UTF8 when the current locale's codeset
 * is UTF-8 (call after setlocale), else 0. */
unsigned escape_flags_for_locale(void);

/* escape_max_len - the longest escaped form of a `len`-byte name, without
 * the terminating NUL. */
size_t escape_max_len(size_t len);

/* escape_into - write the escaped form of s[0..len) into `out`, which must
 * hold escape_max_len(len) + 1 bytes; NUL-terminates it and returns its
 * length. */
size_t escape_into(char *out, const char *s, size_t len, unsigned flags);

/* escape_dup - the escaped form in a malloc'd string owned by the caller
 * (free), or NULL when out of memory. */
char *escape_dup(const char *s, size_t len, unsigned flags);

/* escape_write - write the escaped form to `out` (no newline). Returns 0,
 * or -1 if writing failed (errno set by stdio). */
int escape_write(FILE *out, const char *s, size_t len, unsigned flags);

#endif
