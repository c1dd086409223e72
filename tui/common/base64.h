/* SPDX-License-Identifier: MIT */
/*
 * base64.h - standard base64 (RFC 4648, section 4: "+/" alphabet, "="
 * padding, no line breaks): the one encoder and strict decoder of the
 * program, for binary values and names in JSON (export/import, --json).
 */
#ifndef TUI_COMMON_BASE64_H
#define TUI_COMMON_BASE64_H

#include <stddef.h>

/* base64_encoded_len - the length of the encoding of `n` bytes (without a
 * NUL). */
size_t base64_encoded_len(size_t n);

/* base64_encode - encode in[0..n) into `out`, which must hold
 * base64_encoded_len(n) + 1 bytes; NUL-terminates it. Encoding a long input
 * in pieces gives the same text when every piece but the last has a length
 * that is a multiple of 3. */
void base64_encode(const void *in, size_t n, char *out);

/* base64_decoded_max - an upper bound of the decoded size of `n` characters
 * of base64. */
size_t base64_decoded_max(size_t n);

/* base64_decode - decode in[0..n) into `out` (base64_decoded_max(n) bytes)
 * and set *out_len. Strict: the length must be a multiple of 4, padding only
 * at the end, no other characters (no whitespace), and the unused bits of the
 * last group must be zero, so every byte string has exactly one accepted
 * encoding. Returns 0, or -1 for malformed input. */
int base64_decode(const char *in, size_t n, void *out, size_t *out_len);

#endif
