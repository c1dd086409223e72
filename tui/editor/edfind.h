/* SPDX-License-Identifier: MIT */
/*
 * edfind.h - the editor's search pattern: a byte string, a case-blind
 * string or a POSIX extended regular expression, matched against a gap
 * buffer's logical text (the gap is invisible), with the replacement text
 * a match gives. Plain C, no curses.
 *
 * Cost bounds: a regular expression is run over windows of at most
 * EDFIND_WINDOW bytes copied out of the buffer, cut at a line's end where
 * the window holds one. A regex match never crosses a line ('\n'), and on
 * a line longer than a window, matches longer than EDFIND_OVERLAP bytes
 * are cut short (windows overlap by that much, so every shorter match is
 * found whole). A case-blind string is a regex of its literal bytes (so
 * case folding follows the locale's, UTF-8 included), except one of ASCII
 * only: its bytes are compared folded, like a plain string, with no
 * bound. A plain string has
 * no bound: it may span lines and any length.
 */
#ifndef TUI_EDITOR_EDFIND_H
#define TUI_EDITOR_EDFIND_H

#include "editor/gapbuf.h"

#include <regex.h>
#include <stddef.h>

#define EDFIND_WINDOW 65536u
#define EDFIND_OVERLAP 32768u
#define EDFIND_GROUPS 10 /* \0 .. \9 in a replacement */

enum edfind_flags {
	EDFIND_ICASE = 1u << 0, /* case-blind */
	EDFIND_REGEX = 1u << 1, /* a POSIX extended regular expression */
};

struct edfind {
	unsigned flags;
	unsigned char *pattern; /* owned; the bytes as given */
	size_t n;
	regex_t re;             /* when flags != 0 */
	int has_re;
	unsigned char *win;     /* owned scratch window (EDFIND_WINDOW + 1) */
	unsigned char *folded;  /* owned: a case-blind ASCII string in lower
				   case (searched without the regex) */
};

/* A match [start, end) and its groups (regex only: so/eo of group i,
 * GAPBUF_NONE when the group did not take part). */
struct edfind_match {
	size_t start, end;
	size_t so[EDFIND_GROUPS], eo[EDFIND_GROUPS];
};

/* edfind_init - an empty pattern (matches nothing). */
void edfind_init(struct edfind *f);
/* edfind_done - free everything; *f becomes empty. */
void edfind_done(struct edfind *f);

/* edfind_set - use `n` bytes at `pattern` with `flags`. 0; EINVAL when
 * the regex does not compile (regerror's words in err) or is empty;
 * ENOMEM. On error the previous pattern stays. */
int edfind_set(struct edfind *f, const void *pattern, size_t n,
	       unsigned flags, char *err, size_t err_size);

/* edfind_active - non-zero when a pattern is set. */
static inline int edfind_active(const struct edfind *f)
{
	return f->n > 0;
}

/* edfind_first - the first match starting in [lo, hi) (context before lo
 * counts: `^` and `\<`). Empty matches at the buffer's end are skipped.
 * Returns 1 with *m filled, 0 when none, ENOMEM. */
int edfind_first(struct edfind *f, const struct gapbuf *gb, size_t lo,
		 size_t hi, struct edfind_match *m);

/* edfind_each - every match starting in [lo, hi), in order, not
 * overlapping (after an empty match the search goes on a byte later);
 * fn returning non-zero stops. 1 when stopped, 0 when done, ENOMEM. */
int edfind_each(struct edfind *f, const struct gapbuf *gb, size_t lo,
		size_t hi, int (*fn)(void *ctx, const struct edfind_match *m),
		void *ctx);

/* edfind_next / edfind_prev - the first match starting at or after
 * `from`, or the last one starting before `from`; when there is none,
 * wrapping around the end (*wrapped set to 1). 1 found, 0 none, ENOMEM. */
int edfind_next(struct edfind *f, const struct gapbuf *gb, size_t from,
		struct edfind_match *m, int *wrapped);
int edfind_prev(struct edfind *f, const struct gapbuf *gb, size_t from,
		struct edfind_match *m, int *wrapped);

/* edfind_expand - the replacement for match m of `tmpl`: with a regex,
 * \0..\9 are its groups and \\ one backslash; otherwise tmpl's bytes as
 * they are. *out malloc'd (caller frees; never NULL on success). 0 or
 * ENOMEM. */
int edfind_expand(const struct edfind *f, const struct gapbuf *gb,
		  const struct edfind_match *m, const char *tmpl, size_t tn,
		  char **out, size_t *out_len);

#endif
