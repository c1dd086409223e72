/* SPDX-License-Identifier: MIT */
/*
 * colindex.h - the screen columns of long lines, remembered so that no
 * motion or drawing walks a long line from its start more than once.
 *
 * A long line (minified JSON: one line of 100 MB) is one line to the user:
 * Home, End, Down and the status line's column are the whole line's. What
 * costs is finding the column of a byte (or the byte of a column) deep in
 * it: every cell before it must be measured. The index keeps, for a few
 * lines, a mark every COLINDEX_STEP bytes: the first cell start at or after
 * line start + k * COLINDEX_STEP, with its column. A walk then starts at
 * the nearest mark. Marks are cell starts, so a character (or a character
 * with its combining marks) is never cut, and they are found by walking
 * from the line's start, so they are the same whoever asks.
 *
 * The buffer changing at position `low` changes the columns after it:
 * colindex_changed forgets exactly those marks. Plain C; motion.h walks.
 */
#ifndef TUI_EDITOR_COLINDEX_H
#define TUI_EDITOR_COLINDEX_H

#include <stddef.h>

#define COLINDEX_STEP 65536
#define COLINDEX_LINES 16 /* lines remembered (a screenful of long ones) */

struct colindex_mark {
	size_t pos; /* a cell start */
	long col;   /* its column in the line */
};

struct colindex_line {
	size_t start;               /* the line's first byte */
	size_t end;                 /* its '\n' or the buffer's end;
				       (size_t)-1 until known */
	struct colindex_mark *m;    /* owned; m[0] is (start, 0) */
	size_t n, cap;
	unsigned long used;         /* for replacing the least recent */
};

struct colindex {
	struct colindex_line line[COLINDEX_LINES];
	size_t n;
	unsigned long clock;
};

/* colindex_init - empty; colindex_done frees (then empty again). */
void colindex_init(struct colindex *ix);
void colindex_done(struct colindex *ix);

/* colindex_changed - bytes at `low` and after changed (inserted, deleted):
 * forget every mark that depends on them. (size_t)-1: nothing changed. */
void colindex_changed(struct colindex *ix, size_t low);

/* colindex_line - the remembered line starting at `start`, made (with its
 * first mark) when `make` and not remembered yet; NULL when not there, or
 * out of memory. Valid until the next colindex_line or colindex_changed. */
struct colindex_line *colindex_line(struct colindex *ix, size_t start,
				    int make);

/* colindex_find - the remembered line whose known extent holds `pos`
 * (start <= pos <= end), or NULL: saves looking for its ends again. */
struct colindex_line *colindex_find(struct colindex *ix, size_t pos);

/* colindex_best - the last mark of `l` at or before `pos` (never NULL: the
 * first mark is the line's start). */
const struct colindex_mark *colindex_best(const struct colindex_line *l,
					  size_t pos);

/* colindex_best_col - the last mark whose column is at most `col`. */
const struct colindex_mark *colindex_best_col(const struct colindex_line *l,
					      long col);

/* colindex_next_at - where the next mark after the last one belongs: the
 * first cell start at or after this position becomes it. */
size_t colindex_next_at(const struct colindex_line *l);

/* colindex_add - record the next mark (a cell start at or after
 * colindex_next_at). Out of memory only means fewer marks. */
void colindex_add(struct colindex_line *l, size_t pos, long col);

#endif
