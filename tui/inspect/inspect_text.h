/*
 * inspect_text.h - safe text output for the inspection commands: hostile
 * names turned into backslash escapes that cannot forge a line or send a
 * terminal escape sequence, aligned text tables, and human ages.
 */
#ifndef TUI_INSPECT_INSPECT_TEXT_H
#define TUI_INSPECT_INSPECT_TEXT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

/*
 * inspect_escape - a printable copy of `len` bytes at `s`: backslash becomes
 * "\\", newline "\n", tab "\t", carriage return "\r", every other C0
 * control, DEL, C1 control (U+0080..U+009F), line or paragraph separator
 * (U+2028, U+2029), bidirectional override or isolate (U+202A..U+202E,
 * U+2066..U+2069) and invalid UTF-8 byte becomes
 * "\xHH" (one per byte). Valid printable UTF-8 is kept when `utf8` is
 * non-zero; otherwise every byte >= 0x80 is escaped too (the scheme of
 * cli_escape.h, which bash's printf %b reverses). The result is a
 * malloc'd NUL-terminated string owned by the caller (free), or NULL when
 * memory runs out.
 */
char *inspect_escape(const char *s, size_t len, int utf8);

/* inspect_esc_dup - inspect_escape of the NUL-terminated `s` by the
 * current locale (see inspect_locale_utf8); malloc'd, NULL when memory
 * runs out. */
char *inspect_esc_dup(const char *s);

/* inspect_locale_utf8 - non-zero when the current locale's character set
 * is UTF-8 (decides what inspect_escape may keep). */
int inspect_locale_utf8(void);

/* inspect_display_width - terminal columns of an escaped string (printable
 * UTF-8 measured with wcwidth, anything unmeasurable counted as 1). */
size_t inspect_display_width(const char *s);

/* inspect_format_age - "45s", "12m", "3h", "5d" for the time between
 * `then` and `now` (negative ages, a clock skew, print as "0s"). */
void inspect_format_age(const struct timespec *then, time_t now, char *buf,
			size_t size);

/*
 * A text table: rows of cells that are already safe (escaped), printed with
 * columns padded to the widest cell. Owns copies of the cells.
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
