/* SPDX-License-Identifier: MIT */
/*
 * utf8.h - strict UTF-8 decoding, the one decoder of the program: the
 * command line's escaping and JSON, the browser's safe text, the editor's
 * cells and the inspection views all decide "is this text" with it.
 */
#ifndef TUI_COMMON_UTF8_H
#define TUI_COMMON_UTF8_H

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

/* utf8_is_text - non-zero if s[0..len) is valid UTF-8 without NUL bytes:
 * what the program shows as text rather than as a hex dump. */
int utf8_is_text(const void *s, size_t len);

/* utf8_encode - the UTF-8 bytes of code point `cp` (at most U+10FFFF,
 * not a surrogate) into out[0..4); returns how many (1-4). */
size_t utf8_encode(uint32_t cp, unsigned char *out);

#endif
