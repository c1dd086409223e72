/*
 * linediff.h - a line diff of two values (Myers' O(ND) algorithm after
 * trimming the common head and tail), shaped as unified-diff hunks with
 * context, for the "show the difference" choice after a save conflict.
 * Binary values are diffed as hex dumps (linediff_hexdump).
 */
#ifndef TUI_EDITOR_LINEDIFF_H
#define TUI_EDITOR_LINEDIFF_H

#include <stddef.h>

enum diff_tag {
	DIFF_SAME = ' ',
	DIFF_DEL = '-', /* only in a (mine... whichever is passed first) */
	DIFF_ADD = '+', /* only in b */
	DIFF_HUNK = '@', /* a hunk header: the *_start/_count fields */
};

struct diff_line {
	enum diff_tag tag;
	const unsigned char *text; /* borrowed from a or b; without '\n' */
	size_t len;
	int no_newline; /* the value ends here without a final newline */
	size_t a_start, a_count, b_start, b_count; /* DIFF_HUNK only, 1-based */
};

struct line_diff {
	struct diff_line *lines; /* owned */
	size_t n;
	size_t added, deleted; /* line counts */
};

/* linediff_compute - diff a (alen bytes) against b with `context` lines of
 * context around each change. The lines borrow from a and b, which must
 * outlive the result. Identical inputs give n == 0. When the inputs differ
 * in more than a few thousand lines the middle is shown as all deleted and
 * all added (still correct, just not minimal). 0 or ENOMEM. */
int linediff_compute(const void *a, size_t alen, const void *b, size_t blen,
		     int context, struct line_diff *out);
void linediff_free(struct line_diff *d);

/* linediff_hunk_header - "@@ -a,n +b,m @@" for a DIFF_HUNK line. */
void linediff_hunk_header(const struct diff_line *l, char *buf, size_t size);

/* linediff_hexdump - a hex dump of the bytes, 16 per line, without offsets
 * (so an inserted byte shifts lines instead of changing every offset):
 * "48 65 6c 6c 6f  |Hello|\n". Malloc'd (*out, *out_len), or ENOMEM. */
int linediff_hexdump(const void *data, size_t len, char **out,
		     size_t *out_len);

#endif
