/* SPDX-License-Identifier: MIT */
/*
 * edjson.h - JSON values in the editor, over jansson: whether the buffer
 * holds valid JSON (for the status line's mark; the parse reads the gap
 * buffer in place, nothing is copied), and the text pretty-printed or
 * compacted. Plain C.
 *
 * A buffer "is JSON" for the mark when its first non-blank byte is '{'
 * or '['; a scalar ("12", "true") is not worth a mark.
 */
#ifndef TUI_EDITOR_EDJSON_H
#define TUI_EDITOR_EDJSON_H

#include "editor/gapbuf.h"

#include <stddef.h>

enum edjson_state {
	EDJSON_NOT_JSON = 0, /* not an object or array: no mark */
	EDJSON_VALID,
	EDJSON_INVALID,
};

/* edjson_looks - non-zero when the first non-blank byte is '{' or '['
 * (reads at most a few KiB of leading blanks). */
int edjson_looks(const struct gapbuf *gb);

/* edjson_check - parse the buffer's text: EDJSON_VALID or
 * EDJSON_INVALID (with "line L, column C: what" in why, when given), or
 * EDJSON_NOT_JSON when it does not look like JSON. Costs a parse of the
 * whole text: callers bound it (edview checks small values as they
 * change and large ones when the keyboard rests). */
enum edjson_state edjson_check(const struct gapbuf *gb, char *why,
			       size_t why_size);

/* edjson_format - the buffer's JSON text again: pretty (two-space
 * indent) or compact (no blanks at all), keys in their order; a final
 * newline when the text had one (pretty: always). *out malloc'd (caller
 * frees). 0; EINVAL when it is not valid JSON (why says where); ENOMEM.
 * Numbers are jansson's (an integer beyond 64 bits is refused, a real
 * may be written with other digits) and a repeated key keeps its last
 * value: the caller shows the difference before using the result. */
int edjson_format(const struct gapbuf *gb, int pretty, char **out,
		  size_t *out_len, char *why, size_t why_size);

#endif
