/* SPDX-License-Identifier: MIT */
/*
 * slice_sort.h - a sort that runs in slices: a bottom-up merge sort that
 * can stop after any number of comparisons and go on later, so a program
 * sorting a million names between keystrokes keeps answering. Stable.
 * Elements are 4 or 8 bytes (ids, pointers); the comparison is qsort_r's.
 *
 * Ownership: the sorter owns its scratch array; the caller owns the array
 * being sorted, which must stay put (and unchanged by others) until
 * slice_sort_step says it is sorted or the sorter is freed. Plain C.
 */
#ifndef TUI_COMMON_SLICE_SORT_H
#define TUI_COMMON_SLICE_SORT_H

#include <stddef.h>

typedef int (*slice_sort_cmp)(const void *a, const void *b, void *ctx);

struct slice_sort {
	void *base, *tmp;  /* the runs, and where a pass merges them (the
			      caller's array and the scratch, in turn) */
	void *scratch;     /* owned */
	size_t n, size;
	slice_sort_cmp cmp;
	void *ctx;
	size_t block;      /* first phase: next block to insertion-sort */
	size_t width;      /* merge phase: run width (0: first phase) */
	size_t lo;         /* the pair of runs being merged starts here */
	size_t i, j, k;    /* positions in that merge */
	int merging;
	int swapped;       /* the sorted elements are in tmp, not base */
};

/* slice_sort_init - start sorting `n` elements of `size` (4 or 8) bytes
 * at `base`. 0, EINVAL (size) or ENOMEM. */
int slice_sort_init(struct slice_sort *s, void *base, size_t n, size_t size,
		    slice_sort_cmp cmp, void *ctx);

/* slice_sort_step - about `budget` comparisons more. Returns 1 when the
 * array at base is sorted (then done for good), 0 while work remains. */
int slice_sort_step(struct slice_sort *s, size_t budget);

/* slice_sort_left - roughly the elements the passes to come will move. */
size_t slice_sort_left(const struct slice_sort *s);

/* slice_sort_done - free the scratch (any time; the array is then in an
 * unspecified order unless the sort finished). */
void slice_sort_done(struct slice_sort *s);

#endif
