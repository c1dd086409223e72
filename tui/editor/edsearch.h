/* SPDX-License-Identifier: MIT */
/*
 * edsearch.h - find a byte string in the buffer, forward or backward from a
 * position, wrapping around the end, plus the parsing of a hex search
 * pattern ("de ad BE EF") for hex mode.
 */
#ifndef TUI_EDITOR_EDSEARCH_H
#define TUI_EDITOR_EDSEARCH_H

#include "editor/gapbuf.h"

#include <stddef.h>

/* edsearch_forward - the first match starting at or after `from`; when there
 * is none, the first one from the start (*wrapped set to 1). Returns the
 * match's position or GAPBUF_NONE. An empty needle never matches. */
size_t edsearch_forward(const struct gapbuf *gb, size_t from,
		      const void *needle, size_t n, int *wrapped);

/* edsearch_backward - the last match starting before `from`; when there is
 * none, the last one in the buffer (*wrapped set to 1). */
size_t edsearch_backward(const struct gapbuf *gb, size_t from,
		       const void *needle, size_t n, int *wrapped);

/* edsearch_find_in - the first match starting in [from, to), or
 * GAPBUF_NONE (no wrapping). */
size_t edsearch_find_in(const struct gapbuf *gb, size_t from, size_t to,
			const void *needle, size_t n);

/* edsearch_parse_hex - parse pairs of hex digits (spaces allowed between
 * bytes) into out (size >= strlen(text)/2). Returns the number of bytes, or
 * -1 when `text` is not such a pattern (or empty). */
long edsearch_parse_hex(const char *text, unsigned char *out, size_t size);

#endif
