/*
 * value_compare.h - two values (a key's and its conflict copy's, or one key
 * in a primary and a replica) as rows to show: side by side or as a
 * unified diff; text by lines when both are text, else a hex dump by
 * 16-byte rows. Plain C: the views only draw these rows.
 */
#ifndef TUI_INSPECT_VALUE_COMPARE_H
#define TUI_INSPECT_VALUE_COMPARE_H

#include <stddef.h>

enum vc_kind {
	VC_SAME,       /* both sides equal */
	VC_CHANGED,    /* both sides present, different */
	VC_ONLY_LEFT,  /* removed: left only (right is NULL) */
	VC_ONLY_RIGHT, /* added: right only (left is NULL) */
};

struct vc_row {
	enum vc_kind kind;
	char *left;  /* escaped display text, owned; NULL when absent */
	char *right; /* likewise */
};

struct vc_rows {
	struct vc_row *v;
	size_t n, cap;
	int binary;      /* rows are hex dumps */
	size_t ndiff;    /* rows that are not VC_SAME */
};

enum vc_layout {
	VC_SIDE_BY_SIDE, /* changed lines paired on one row */
	VC_UNIFIED,      /* a changed line is a left-only then a right-only
			    row, as in diff -u */
};

/* Largest line count product for which lines are aligned by a longest
 * common subsequence; beyond it, line i is compared with line i. */
#define VC_LCS_MAX_CELLS (4u * 1000u * 1000u)

/* value_is_text - non-zero if the bytes are valid UTF-8 without NUL. */
int value_is_text(const void *data, size_t len);

/*
 * value_compare - build the rows for values `a` (left) and `b` (right) in
 * `layout`. Text lines are escaped as inspect_escape does (`utf8` says
 * whether printable UTF-8 may stay). *out is overwritten; release with
 * vc_rows_free. Returns 0 or ENOMEM (then *out is empty).
 */
int value_compare(const void *a, size_t alen, const void *b, size_t blen,
		  enum vc_layout layout, int utf8, struct vc_rows *out);

/* vc_rows_free - release the rows; *rows becomes empty. */
void vc_rows_free(struct vc_rows *rows);

#endif
