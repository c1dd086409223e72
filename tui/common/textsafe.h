/* SPDX-License-Identifier: MIT */
/*
 * textsafe.h - text safety: the one place that decides which bytes are
 * unsafe to show, and every rendering of untrusted bytes the program needs
 * (the command line's escaped names, the screen's measured and cut text, a
 * value's text, JSON). Plain C, no curses (textsafe_draw.h draws).
 *
 * UNSAFE
 *   Never shown as themselves: C0 controls (TAB, LF, CR and ESC included),
 *   DEL, C1 controls (U+0080-U+009F), every format character (Unicode
 *   category Cf: bidi controls U+061C, U+200E-U+200F, U+202A-U+202E,
 *   U+2066-U+2069, zero-width U+200B-U+200D, U+2060-U+2064, the soft
 *   hyphen U+00AD, U+180E, U+FFF9-U+FFFB, the BOM U+FEFF, the tag
 *   characters U+E0000-U+E007F, ...), the invisible fillers U+034F,
 *   U+115F, U+1160, U+17B4, U+17B5, U+180B-U+180F, U+3164, U+FFA0, the
 *   line and paragraph separators U+2028/U+2029, bytes that are not valid
 *   UTF-8 (truncated, stray continuation, overlong, surrogates, above
 *   U+10FFFF), and on a terminal anything the locale cannot print
 *   (wcwidth < 0) and a combining mark with nothing before it to combine
 *   with. Variation selectors stay (emoji need them). In a locale that is
 *   not UTF-8 every byte >= 0x80 is unsafe.
 *
 * THE ESCAPES (one vocabulary for names everywhere; flockd(1))
 *   \\  a backslash   \n  newline   \t  tab   \r  carriage return
 *   \xHH          any other C0 control or DEL, and each byte that is not
 *                 valid UTF-8 (or, outside UTF-8 locales, any byte >= 0x80)
 *   \uHHHH        a valid but unsafe character (\UHHHHHHHH above U+FFFF)
 *   Hex digits are lower case, \u always has 4 digits and \U 8, so bash's
 *   printf '%b' (in the same locale) gives back the exact bytes.
 *
 * MODES (enum textsafe_flags)
 *   A name (no mode flag): the escapes above, a backslash doubled.
 *   TEXTSAFE_VALUE: the text of a value, as the editor shows it: a backslash
 *   is one backslash, a TAB expands to the next multiple of 8 columns, the
 *   rest as for a name (callers split lines at '\n' themselves).
 *   TEXTSAFE_ESCAPED: text that is already safe (textsafe_name output mixed
 *   with the program's own words, e.g. a message): each escape of the
 *   vocabulary is kept as it is (and drawn as an escape), a lone backslash
 *   is itself; anything unsafe that slipped in is still escaped.
 *
 * Every function is reentrant; results depend on LC_CTYPE only through
 * TEXTSAFE_UTF8 (which the caller passes, see textsafe_locale) and wcwidth.
 */
#ifndef TUI_COMMON_TEXTSAFE_H
#define TUI_COMMON_TEXTSAFE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum textsafe_flags {
	/* The output's character set is UTF-8: printable UTF-8 passes. */
	TEXTSAFE_UTF8 = 1u << 0,
	/* The text of a value (see MODES). */
	TEXTSAFE_VALUE = 1u << 1,
	/* Already-escaped text (see MODES). */
	TEXTSAFE_ESCAPED = 1u << 2,
	/* textsafe_render/textsafe_layout: stop before the first character
	 * that does not fit, without an ellipsis (the caller wraps). */
	TEXTSAFE_WRAP = 1u << 3,
	/* textsafe_token: nothing visible precedes this character (a
	 * combining mark here is escaped). The renderings set it themselves
	 * at the start of their input. */
	TEXTSAFE_AT_START = 1u << 4,
};

/* textsafe_locale - TEXTSAFE_UTF8 when the current LC_CTYPE's character
 * set is UTF-8, else 0 (call after setlocale). */
unsigned textsafe_locale(void);

/* textsafe_unsafe_char - non-zero for a code point that is never shown as
 * itself whatever the locale: C0, DEL, C1, format characters, invisible
 * fillers, line/paragraph separators (the list under UNSAFE). */
int textsafe_unsafe_char(uint32_t cp);

/* --------------------------------------------------------------- tokens */

#define TEXTSAFE_TOKEN_MAX 16

/* One character of the input as shown: itself, its TAB fill, or its
 * escape. Rendering token by token is why an escape is never split. */
struct textsafe_token {
	size_t bytes; /* input bytes it stands for (>= 1) */
	int width;    /* terminal columns of text (0 for a combining mark) */
	int escape;   /* text is an escape: draw it in a distinct attribute */
	size_t len;   /* bytes of text */
	char text[TEXTSAFE_TOKEN_MAX]; /* NUL-terminated */
};

/* textsafe_token - the token at in[0..len) (len > 0), shown at screen
 * column `col` (tab stops of TEXTSAFE_VALUE). */
void textsafe_token(const void *in, size_t len, int col, unsigned flags,
		    struct textsafe_token *t);

/* ---------------------------------------------- names for the command line */

/* The longest escaped form of a `len`-byte name (every byte \xHH), without
 * the terminating NUL. */
#define TEXTSAFE_NAME_MAX(len) ((len) * 4)

/* textsafe_name_into - the escaped form of s[0..len) (a name: `flags` is
 * TEXTSAFE_UTF8 or 0) into `out`, which holds TEXTSAFE_NAME_MAX(len) + 1
 * bytes; NUL-terminated; returns its length. */
size_t textsafe_name_into(char *out, const void *s, size_t len,
			  unsigned flags);

/* textsafe_name_dup - the same in a malloc'd string owned by the caller
 * (free); NULL when memory runs out or len is absurd. */
char *textsafe_name_dup(const void *s, size_t len, unsigned flags);

/* textsafe_name_str - textsafe_name_dup of the NUL-terminated name `s` for
 * the current locale (textsafe_locale); malloc'd, NULL when memory runs
 * out. */
char *textsafe_name_str(const char *s);

/* textsafe_name_write - the escaped form written to `out` (no newline).
 * Returns 0, or -1 when writing failed (errno from stdio) or memory ran
 * out (ENOMEM). */
int textsafe_name_write(FILE *out, const void *s, size_t len, unsigned flags);

/* textsafe_name_buf - the escaped form into a fixed buffer of `size` bytes
 * (> 0) for a message; when it does not fit it is cut between two tokens
 * and ends in an ellipsis ("…", or "..." outside UTF-8). Returns the
 * length written. */
size_t textsafe_name_buf(char *out, size_t size, const void *s, size_t len,
			 unsigned flags);

/* ---------------------------------------------------------- on a screen */

/* Bytes an output buffer of textsafe_render needs for `cols` columns: room
 * for the widest encoding per column, a few combining marks and the
 * ellipsis. */
#define TEXTSAFE_RENDER_BUF(cols) ((size_t)(cols) * 12 + 16)

/* textsafe_emit_fn - receives the rendering piece by piece: `n` bytes of
 * safe text (not NUL-terminated) that are, or are not, an escape. */
typedef void (*textsafe_emit_fn)(void *ctx, const char *text, size_t n,
				 int escape);

/*
 * textsafe_layout - render in[0..len) in at most `max_cols` columns,
 * leaving out the first `skip` columns of the rendering (horizontal
 * scrolling; a character cut by the edge shows as spaces), and hand the
 * pieces to `emit`.
 *
 * Without TEXTSAFE_WRAP, input that does not fit is cut and the last
 * column shows an ellipsis ("…" in UTF-8, ">" otherwise). With it,
 * rendering stops at the first character that does not fit (a lone
 * character wider than max_cols is cut so that progress is always made).
 * Returns the input bytes consumed (len when everything fit); *cols (if
 * not NULL) receives the columns used. max_cols <= 0 renders nothing.
 */
size_t textsafe_layout(const void *in, size_t len, int max_cols, int skip,
		       unsigned flags, textsafe_emit_fn emit, void *ctx,
		       int *cols);

/* textsafe_render - textsafe_layout (skip 0) into `out`: NUL-terminated, at
 * most `out_size` bytes including the NUL. An out_size too small for
 * max_cols (see TEXTSAFE_RENDER_BUF) ends the text early, with an
 * ellipsis, never overflowing. */
size_t textsafe_render(const void *in, size_t len, int max_cols,
		       unsigned flags, char *out, size_t out_size, int *cols);

/* textsafe_width - the columns of the whole rendering of in[0..len) (from
 * column 0), counting no further than `limit` (returns limit + 1 when it
 * is wider). */
int textsafe_width(const void *in, size_t len, unsigned flags, int limit);

/* ----------------------------------------------------------------- JSON */

/* The longest JSON string body of `len` bytes (DEL as \u007f), without the
 * NUL. */
#define TEXTSAFE_JSON_MAX(len) ((len) * 6)

/*
 * textsafe_json_into - the body of a JSON string (no quotes) for the UTF-8
 * text s[0..len) into `out` (TEXTSAFE_JSON_MAX(len) + 1 bytes,
 * NUL-terminated): '"' and '\\' escaped, \n \t \r, every other C0 control,
 * DEL and unsafe character as \uXXXX (a surrogate pair above U+FFFF), and
 * without TEXTSAFE_UTF8 every non-ASCII character too (ASCII-only JSON).
 * Returns the length, or (size_t)-1 when s is not valid UTF-8 (such names
 * go to JSON as base64: jsonfmt.h).
 */
size_t textsafe_json_into(char *out, const void *s, size_t len,
			  unsigned flags);

/* textsafe_json_write - the JSON string (with its quotes) of the UTF-8
 * text s[0..len), streamed to `out` without a copy (values may be large).
 * Returns 0, -1 on a write error (errno from stdio), or EILSEQ (nothing
 * more written) when s is not valid UTF-8. */
int textsafe_json_write(FILE *out, const void *s, size_t len, unsigned flags);

/* textsafe_json_doc_into - a whole JSON text (valid UTF-8, as a JSON
 * encoder wrote it) with every DEL and unsafe character inside its strings
 * turned into a \u escape (and, without TEXTSAFE_UTF8, every non-ASCII
 * character), into `out` (TEXTSAFE_JSON_MAX(len) + 1 bytes). Returns the
 * length, or (size_t)-1 when json is not valid UTF-8. */
size_t textsafe_json_doc_into(char *out, const char *json, size_t len,
			      unsigned flags);

#endif
