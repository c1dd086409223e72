/* SPDX-License-Identifier: MIT */
/*
 * inspect_text.h - text output of the inspection commands: aligned text
 * tables of cells already made safe (names escaped by textsafe_name_*, see
 * inspect_esc), and human ages.
 */
#ifndef TUI_INSPECT_INSPECT_TEXT_H
#define TUI_INSPECT_INSPECT_TEXT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

/* inspect_format_age - "45s", "12m", "3h", "5d" for the time between
 * `then` and `now` (negative ages, a clock skew, print as "0s"). */
void inspect_format_age(const struct timespec *then, time_t now, char *buf,
			size_t size);

/*
 * A text table: rows of cells that are already safe (escaped), printed with
 * columns padded to the widest cell (measured as textsafe measures escaped
 * text). Owns copies of the cells.
 */
struct text_table {
	size_t ncols;
	size_t nrows;
	size_t cap;
	char **cells; /* nrows * ncols, row-major */
};

/* text_table_init - an empty table of `ncols` columns. */
void text_table_init(struct text_table *t, size_t ncols);

/* text_table_add - append a row of t->ncols strings (copied; NULL is shown
 * as ""). Returns 0, or ENOMEM (the table is unchanged). */
int text_table_add(struct text_table *t, const char *const *row);

/* text_table_print - print the rows, columns separated by two spaces, no
 * padding after a row's last non-empty cell, each row ending in "\n". */
void text_table_print(const struct text_table *t, FILE *out);

/* text_table_done - free every cell. The table may be re-initialised. */
void text_table_done(struct text_table *t);

#endif
