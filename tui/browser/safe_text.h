/*
 * safe_text.h - turns untrusted bytes (key names, table names, values) into
 * text that is safe to hand to the terminal and fits a column budget.
 *
 * Nothing from the input reaches the output raw unless it is a printable
 * character of the current locale: C0 controls and DEL become ^X (ESC is
 * "^["), C1 controls and invalid UTF-8 become \xNN per byte, bidi and other
 * invisible format characters become \uXXXX, and a backslash is doubled so
 * an escape can never be faked by a name. Wide and combining characters are
 * measured with wcwidth(3). In a locale that is not UTF-8 every byte >= 0x80
 * is shown as \xNN. Escapes are never split by truncation.
 */
#ifndef TUI_BROWSER_SAFE_TEXT_H
#define TUI_BROWSER_SAFE_TEXT_H

#include <stddef.h>

enum safe_text_flags {
	/* Expand TAB to spaces up to the next multiple of 8 columns (values);
	 * without it a TAB is "^I" (names). */
	SAFE_TEXT_TABS = 1u << 0,
	/* Stop before the first character that does not fit, without an
	 * ellipsis, so the caller can continue on the next row (wrapping). */
	SAFE_TEXT_WRAP = 1u << 1,
};

/* Bytes an output buffer needs for `cols` columns: room for the widest
 * encoding per column, a few combining marks and the ellipsis. */
#define SAFE_TEXT_BUF(cols) ((size_t)(cols) * 12 + 16)

/*
 * safe_text_render - render `len` bytes at `in` into `out` (NUL-terminated,
 * at most `out_size` bytes including the NUL) using at most `max_cols`
 * terminal columns.
 *
 * Without SAFE_TEXT_WRAP, input that does not fit is cut and the last column
 * shows an ellipsis ("…" in UTF-8, ">" otherwise). With it, rendering stops
 * at the first character that does not fit (a lone character wider than
 * `max_cols` is cut so that progress is always made).
 *
 * Returns the number of input bytes consumed (== len when all fit). *cols
 * (if not NULL) receives the columns used. max_cols <= 0 renders nothing.
 * An out_size too small for max_cols (see SAFE_TEXT_BUF) makes the text
 * end early, with an ellipsis, never overflowing.
 */
size_t safe_text_render(const char *in, size_t len, int max_cols,
			unsigned flags, char *out, size_t out_size, int *cols);

/* safe_text_width - columns the full rendering of `in` takes, counting no
 * further than `limit` (returns limit + 1 when it is wider). */
int safe_text_width(const char *in, size_t len, int limit);

/* safe_text_utf8_locale - non-zero when the current LC_CTYPE is UTF-8. */
int safe_text_utf8_locale(void);

/* safe_text_is_text - non-zero when `len` bytes are valid UTF-8 without NUL
 * (what the preview shows as text rather than as a hex dump). */
int safe_text_is_text(const void *data, size_t len);

/* safe_text_utf8_decode - decode one strictly valid UTF-8 character (no
 * overlong forms, surrogates or values past U+10FFFF) from `s`; returns its
 * length (1-4) and sets *cp, or 0 when the bytes there are not valid. */
size_t safe_text_utf8_decode(const unsigned char *s, size_t len,
			     unsigned *cp);

#endif
