/* SPDX-License-Identifier: MIT */
/*
 * value_compare.h - two values (a key's and its conflict copy's, or one key
 * in a primary and a replica) as rows to show: side by side or as a
 * unified diff; text by lines (aligned by the one line diff, linediff.h)
 * when both are text, else a hex dump (hexdump.h) by 16-byte rows. Rows
 * hold the bytes to show; the view renders them as values (textsafe).
 * Plain C.
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
	/* What a side shows, owned, NUL-terminated after `*_len` bytes; NULL
	 * when absent: a line of text as it is in the value (without its
	 * '\n'; draw it with TEXTSAFE_VALUE), or a hex dump row. */
	char *left;
	size_t left_len;
	char *right;
	size_t right_len;
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

/*
 * value_compare - build the rows for values `a` (left) and `b` (right) in
 * `layout`. A last line without a newline counts as the same line with
 * one. *out is overwritten; release with vc_rows_free. Returns 0 or ENOMEM
 * (then *out is empty).
 */
int value_compare(const void *a, size_t alen, const void *b, size_t blen,
		  enum vc_layout layout, struct vc_rows *out);

/* vc_rows_free - release the rows; *rows becomes empty. */
void vc_rows_free(struct vc_rows *rows);

#endif
