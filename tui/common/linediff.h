/* SPDX-License-Identifier: MIT */
/*
 * linediff.h - the one line diff of the program (Myers' O(ND) algorithm
 * after trimming the common head and tail): unified-diff hunks with
 * context for the editor's "show the difference" after a save conflict,
 * or every line in order for the side-by-side compare view. Binary values
 * are diffed as hex dumps (hexdump_text with no offsets). Plain C.
 */
#ifndef TUI_COMMON_LINEDIFF_H
#define TUI_COMMON_LINEDIFF_H

#include <stddef.h>

enum linediff_tag {
	LINEDIFF_SAME = ' ',
	LINEDIFF_DEL = '-',  /* only in a (whichever is passed first) */
	LINEDIFF_ADD = '+',  /* only in b */
	LINEDIFF_HUNK = '@', /* a hunk header: the *_start/_count fields */
};

enum linediff_flags {
	/* Every line in order, in one run without hunk headers (context is
	 * ignored); identical values give all their lines as LINEDIFF_SAME. */
	LINEDIFF_WHOLE = 1u << 0,
	/* A last line without '\n' equals the same line with one (the
	 * compare view shows lines, not line ends). */
	LINEDIFF_EOL_BLIND = 1u << 1,
};

struct linediff_line {
	enum linediff_tag tag;
	const unsigned char *text; /* borrowed from a or b; without '\n' */
	size_t len;
	int no_newline; /* the value ends here without a final newline */
	size_t a_start, a_count, b_start, b_count; /* LINEDIFF_HUNK, 1-based */
	size_t a_line, b_line; /* 0-based line of a (SAME, DEL) and of b (SAME,
				  ADD) */
};

struct linediff {
	struct linediff_line *lines; /* owned */
	size_t n;
	size_t added, deleted; /* line counts */
};

/* Beyond this many differing lines the diff gives up on minimality
 * (memory grows with its square): the middle is shown as all deleted,
 * then all added (still correct, just not minimal). */
#define LINEDIFF_MAX_D 3000

/* linediff_compute - diff a (alen bytes) against b: hunks with `context`
 * lines of context around each change, or (LINEDIFF_WHOLE) every line.
 * Lines are split at '\n'; a final newline does not start another line.
 * The lines borrow from a and b, which must outlive the result. Without
 * LINEDIFF_WHOLE, identical inputs give n == 0. Returns 0 or ENOMEM (then
 * *out is empty). */
int linediff_compute(const void *a, size_t alen, const void *b, size_t blen,
		     int context, unsigned flags, struct linediff *out);

/* linediff_free - release the lines; *d becomes empty. */
void linediff_free(struct linediff *d);

/* linediff_hunk_header - "@@ -a,n +b,m @@" for a LINEDIFF_HUNK line. */
void linediff_hunk_header(const struct linediff_line *l, char *buf,
			  size_t size);

#endif
