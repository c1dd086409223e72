/*
 * hexdump.h - the hex dump layout of the preview: one line per 16 (or, on
 * narrow panes, 8 or 4) bytes, as `hexdump -C` draws it:
 *   00000010  7b 22 6e 61 6d 65 22 3a  20 22 41 6c 69 63 65 22  |{"name": "Alice"|
 * Only ASCII is ever produced, so a line is safe to print as is.
 */
#ifndef TUI_BROWSER_HEXDUMP_H
#define TUI_BROWSER_HEXDUMP_H

#include <stddef.h>
#include <stdint.h>

/* hexdump_line_width - columns of a line of `per_line` bytes (for offsets
 * below 2^32). */
int hexdump_line_width(int per_line);

/* hexdump_per_line - the bytes per line that fit `cols` columns: 16, 8 or
 * 4 (4 when even that does not fit; the view cuts the line). */
int hexdump_per_line(int cols);

/* hexdump_lines - how many lines `len` bytes take (0 for an empty value). */
uint64_t hexdump_lines(uint64_t len, int per_line);

/*
 * hexdump_line - format line `line` of `len` bytes at `data` into `out`
 * (NUL-terminated; `out_size` >= hexdump_line_width(per_line) + 16 holds any
 * line). A short last line is padded so the printable column lines up.
 * Returns the length written, or 0 when `line` is past the end.
 */
size_t hexdump_line(const void *data, size_t len, uint64_t line,
		    int per_line, char *out, size_t out_size);

#endif
