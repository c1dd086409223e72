/* SPDX-License-Identifier: MIT */
/*
 * gapbuf.h - the editor's byte storage: a gap buffer.
 *
 * Why a gap buffer and not a piece table: opening a value is one memcpy
 * (a 100 MB value in tens of milliseconds), bytes stay in one allocation so
 * search, drawing and saving read long contiguous spans, and edits happen at
 * the cursor, where the gap already is: moving the gap costs one memmove of
 * the distance (once, when the cursor jumps), each further keystroke is
 * O(1). Undo lives in edbuf.h as a list of byte-level edits, which is what a
 * piece table would have given us for free but is simple to keep ourselves.
 *
 * The buffer holds arbitrary bytes (NUL, CR, invalid UTF-8); it never
 * interprets them. Positions are byte offsets 0..gapbuf_len().
 */
#ifndef TUI_EDITOR_GAPBUF_H
#define TUI_EDITOR_GAPBUF_H

#include <stddef.h>

/* Returned by the find functions when nothing matches. */
#define GAPBUF_NONE ((size_t)-1)

struct gapbuf {
	unsigned char *buf; /* owned; cap bytes */
	size_t cap;
	size_t gap_start; /* logical bytes [0, gap_start) are buf[0, gap_start) */
	size_t gap_end;   /* the rest are buf[gap_end, cap) */
};

/* gapbuf_init - a buffer holding a copy of `len` bytes at `data` (data may
 * be NULL when len is 0). Returns 0 or ENOMEM (then *gb is empty but valid
 * for gapbuf_done). */
int gapbuf_init(struct gapbuf *gb, const void *data, size_t len);

/* gapbuf_adopt - a buffer holding `len` bytes at `data`, which must come
 * from malloc and now belongs to the buffer (no copy: an editor holds a
 * value once, not twice). Never fails. */
void gapbuf_adopt(struct gapbuf *gb, void *data, size_t len);

/* gapbuf_done - free the storage; *gb becomes an empty buffer. */
void gapbuf_done(struct gapbuf *gb);

/* gapbuf_len - number of bytes held. */
size_t gapbuf_len(const struct gapbuf *gb);

/* gapbuf_at - the byte at `pos` (pos < gapbuf_len). */
unsigned char gapbuf_at(const struct gapbuf *gb, size_t pos);

/* gapbuf_insert - insert `len` bytes at `pos` (<= len). 0 or ENOMEM (then
 * nothing changed). */
int gapbuf_insert(struct gapbuf *gb, size_t pos, const void *data,
		  size_t len);

/* gapbuf_delete - remove `len` bytes at `pos`; the range must lie inside
 * the buffer. Never fails, never reallocates. */
void gapbuf_delete(struct gapbuf *gb, size_t pos, size_t len);

/* gapbuf_copy - copy up to `len` bytes starting at `pos` to `dst`; returns
 * how many were copied (fewer at the end of the buffer). */
size_t gapbuf_copy(const struct gapbuf *gb, size_t pos, void *dst,
		   size_t len);

/* gapbuf_span - a pointer to the contiguous bytes starting at `pos` (which
 * must be < gapbuf_len); *avail receives how many follow before the gap or
 * the end. Valid until the next change of the buffer. */
const unsigned char *gapbuf_span(const struct gapbuf *gb, size_t pos,
				 size_t *avail);

/* gapbuf_contents - move the gap to the end and return all bytes as one
 * contiguous array (never NULL; valid until the next change). */
const unsigned char *gapbuf_contents(struct gapbuf *gb);

/* gapbuf_equal_at - non-zero if the `n` bytes at `pos` equal `s`. */
int gapbuf_equal_at(const struct gapbuf *gb, size_t pos, const void *s,
		    size_t n);

/* gapbuf_find_byte - first position in [from, to) holding `c`, or
 * GAPBUF_NONE. gapbuf_rfind_byte - the last such position. */
size_t gapbuf_find_byte(const struct gapbuf *gb, size_t from, size_t to,
			unsigned char c);
size_t gapbuf_rfind_byte(const struct gapbuf *gb, size_t from, size_t to,
			 unsigned char c);

/* gapbuf_count_byte - how many bytes in [from, to) equal `c`. */
size_t gapbuf_count_byte(const struct gapbuf *gb, size_t from, size_t to,
			 unsigned char c);

#endif
