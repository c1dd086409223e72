/*
 * utf8.h - strict UTF-8 decoding for the command line: the escaping of names
 * and the choice between a JSON string and base64 both depend on it.
 */
#ifndef TUI_CLI_UTF8_H
#define TUI_CLI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* utf8_decode - decode one character at s[0..len), len > 0. Returns its
 * length in bytes (1-4) and sets *cp, or 0 if the bytes there are not a
 * valid UTF-8 sequence (truncated, overlong, a surrogate, above U+10FFFF or
 * a stray continuation byte). */
size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* utf8_valid - non-zero if s[0..len) is entirely valid UTF-8 (NUL bytes are
 * valid UTF-8). */
int utf8_valid(const void *s, size_t len);

#endif
