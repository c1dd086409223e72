/* SPDX-License-Identifier: MIT */
/* inspect_text.c - text tables and ages for the inspection commands. */
#include "inspect/inspect_text.h"

#include "common/textsafe.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Columns of an escaped cell on a terminal. */
static size_t cell_width(const char *s)
{
	return (size_t)textsafe_width(s, strlen(s),
				      TEXTSAFE_ESCAPED | textsafe_locale(),
				      INT_MAX - 1);
}

void inspect_format_age(const struct timespec *then, time_t now, char *buf,
			size_t size)
{
	long long age = (long long)now - (long long)then->tv_sec;
	if (age < 0)
		age = 0;
	if (age < 120)
		snprintf(buf, size, "%llds", age);
	else if (age < 2 * 3600)
		snprintf(buf, size, "%lldm", age / 60);
	else if (age < 2 * 86400)
		snprintf(buf, size, "%lldh", age / 3600);
	else
		snprintf(buf, size, "%lldd", age / 86400);
}

void text_table_init(struct text_table *t, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
}

int text_table_add(struct text_table *t, const char *const *row)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
		if (cells == NULL)
			return ENOMEM;
		t->cells = cells;
		t->cap = cap;
	}
	char **dst = t->cells + t->nrows * t->ncols;
	for (size_t c = 0; c < t->ncols; c++) {
		dst[c] = strdup(row[c] != NULL ? row[c] : "");
		if (dst[c] == NULL) {
			while (c-- > 0)
				free(dst[c]);
			return ENOMEM;
		}
	}
	t->nrows++;
	return 0;
}

void text_table_print(const struct text_table *t, FILE *out)
{
	size_t *widths = calloc(t->ncols ? t->ncols : 1, sizeof *widths);
	for (size_t r = 0; widths != NULL && r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t w = cell_width(t->cells[r * t->ncols + c]);
			if (w > widths[c])
				widths[c] = w;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		/* no padding after the last non-empty cell */
		size_t last = t->ncols;
		while (last > 1 && t->cells[r * t->ncols + last - 1][0] == '\0')
			last--;
		for (size_t c = 0; c < last; c++) {
			const char *cell = t->cells[r * t->ncols + c];
			fputs(cell, out);
			if (c + 1 == last)
				break;
			size_t pad = widths != NULL ? widths[c] -
				cell_width(cell) : 0;
			fprintf(out, "%*s", (int)(pad + 2), "");
		}
		fputc('\n', out);
	}
	free(widths);
}

void text_table_done(struct text_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}
