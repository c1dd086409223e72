/* SPDX-License-Identifier: MIT */
/*
 * edclip.h - the selection and the clipboard of an editor session: the
 * selected range (an anchor and the cursor), the in-process clipboard
 * that cut, copy and paste use (owned by the session: no global state),
 * and the OSC 52 escape sequence that hands bytes to the terminal's (the
 * system's) clipboard. Plain C over edbuf.h.
 */
#ifndef TUI_EDITOR_EDCLIP_H
#define TUI_EDITOR_EDCLIP_H

#include "editor/edbuf.h"

#include <stddef.h>

/* The selection: from `anchor` to the cursor, whichever comes first.
 * sticky: set by the mark key, so that plain motion extends it (nano's
 * mark); otherwise only Shift+motion does and plain motion ends it. */
struct edsel {
	size_t anchor;
	int active;
	int sticky;
};

/* edsel_range - the selected bytes [*lo, *hi) for a cursor at `cursor`;
 * 1 when there are any, 0 when nothing is selected (or it is empty). */
int edsel_range(const struct edsel *s, size_t cursor, size_t *lo,
		size_t *hi);

struct edclip {
	char *bytes; /* owned; NULL when empty */
	size_t len;
};

void edclip_init(struct edclip *c);
void edclip_done(struct edclip *c);

/* edclip_copy - the clipboard holds a copy of [lo, hi) of gb. 0 or
 * ENOMEM (then unchanged). */
int edclip_copy(struct edclip *c, const struct gapbuf *gb, size_t lo,
		size_t hi);

/* edclip_cut - copy [lo, hi) and delete it from the document: one undo
 * step. 0 or ENOMEM (then neither happened). */
int edclip_cut(struct edclip *c, struct edbuf *eb, size_t lo, size_t hi);

/* edclip_paste - the clipboard's bytes in place of [lo, hi) (lo == hi:
 * inserted at lo), one undo step; *end receives where they end. 0,
 * ENOENT (the clipboard is empty) or ENOMEM (nothing changed). */
int edclip_paste(const struct edclip *c, struct edbuf *eb, size_t lo,
		 size_t hi, size_t *end);

/* The most bytes handed to the terminal's clipboard: terminals cap the
 * sequence (xterm at about 1 MB of base64), and a value that large is
 * better written to a file. */
#define EDCLIP_OSC52_MAX (512u * 1024u)

/* edclip_osc52 - the sequence ESC ] 52 ; c ; BASE64 BEL that sets the
 * clipboard to `n` bytes; *out malloc'd (caller frees), *out_len its
 * length. 0, EFBIG (n > EDCLIP_OSC52_MAX) or ENOMEM. */
int edclip_osc52(const void *data, size_t n, char **out, size_t *out_len);

#endif
