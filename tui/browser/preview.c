/* SPDX-License-Identifier: MIT */
/*
 * preview.c - reading and laying out the selected value for the value pane.
 * Text rows wrap at the pane's width (so nothing is hidden to the right);
 * tabs expand; every untrusted byte is rendered as a value by textsafe.
 */
#include "browser/preview.h"

#include "common/hexdump.h"
#include "common/textsafe.h"
#include "common/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void preview_init(struct preview *p)
{
	memset(p, 0, sizeof *p);
}

void preview_clear(struct preview *p)
{
	int toggled = p->hex_toggled, hex_width = p->hex_width;
	free(p->name);
	free(p->data);
	memset(p, 0, sizeof *p);
	p->hex_toggled = toggled;
	p->hex_width = hex_width;
}

void preview_done(struct preview *p)
{
	preview_clear(p);
}

/* Read at most PREVIEW_MAX bytes through a read handle of the store. */
static int read_head(flockd_reader *r, struct preview *p)
{
	const struct flockd_stat *st = flockd_read_stat(r);
	size_t want = st->size > PREVIEW_MAX ? PREVIEW_MAX : (size_t)st->size;
	p->data = malloc(want ? want : 1);
	if (p->data == NULL)
		return ENOMEM;
	while (p->len < want) {
		ssize_t n = pread(flockd_read_fd(r), p->data + p->len,
				  want - p->len, (off_t)p->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0)
			break;
		p->len += (size_t)n;
	}
	p->file_size = st->size;
	p->mtime = st->mtime.tv_sec;
	return 0;
}

int preview_load(struct preview *p, flockd_table *table, const char *name,
		 int is_entry)
{
	flockd_reader *r = NULL;
	int err;

	preview_clear(p);
	p->name = strdup(name);
	p->is_entry = is_entry;
	if (p->name == NULL)
		return p->err = ENOMEM;
	/* a key under the store's shared lock; a leftover as it is */
	err = is_entry ? flockd_entry_open(table, name, &r)
		       : flockd_read_open(table, name, 0, &r);
	if (err == 0)
		err = read_head(r, p);
	flockd_read_close(r);
	if (err != 0) {
		free(p->data);
		p->data = NULL;
		p->len = 0;
	}
	p->err = err;
	p->is_text = err == 0 && utf8_is_text(p->data, p->len);
	return err;
}

enum preview_mode preview_mode(const struct preview *p)
{
	int hex = !p->is_text;
	if (p->hex_toggled)
		hex = !hex;
	return hex ? PREVIEW_HEX : PREVIEW_TEXT;
}

void preview_toggle(struct preview *p)
{
	p->hex_toggled = !p->hex_toggled;
	p->scroll = 0;
	p->rows_width = 0;
}

static void no_output(void *ctx, const char *text, size_t n, int escape)
{
	(void)ctx, (void)text, (void)n, (void)escape;
}

/* Walk the text rows from the start, calling fn for rows in [from, to). */
static uint64_t walk_text(const struct preview *p, int width, uint64_t from,
			  uint64_t to, preview_row_fn fn, void *ctx)
{
	const unsigned flags = TEXTSAFE_VALUE | textsafe_locale();
	size_t pos = 0;
	uint64_t row = 0;

	if (width <= 0)
		return 0;
	while (pos < p->len && row < to) {
		const unsigned char *nl = memchr(p->data + pos, '\n',
						 p->len - pos);
		size_t end = nl ? (size_t)(nl - p->data) : p->len;
		size_t at = pos;
		do {
			const char *text = (const char *)p->data + at;
			size_t n = textsafe_layout(text, end - at, width, 0,
						   flags | TEXTSAFE_WRAP,
						   no_output, NULL, NULL);
			if (row >= from && fn != NULL)
				fn(ctx, (int)(row - from), text, n, flags);
			row++;
			at += n;
			if (n == 0)
				break;
		} while (at < end && row < to);
		pos = end + 1;
	}
	return row;
}

static struct hexdump_layout hex_layout(const struct preview *p, int width)
{
	return hexdump_layout_max(width, p->len,
				  p->hex_width > 0 ? p->hex_width : 16);
}

uint64_t preview_rows(struct preview *p, int width)
{
	if (width <= 0 || p->data == NULL)
		return 0;
	if (preview_mode(p) == PREVIEW_HEX) {
		struct hexdump_layout lay = hex_layout(p, width);
		return hexdump_rows(p->len, &lay);
	}
	if (p->rows_width != width) {
		p->rows_total = walk_text(p, width, 0, UINT64_MAX, NULL, NULL);
		p->rows_width = width;
	}
	return p->rows_total;
}

void preview_render(struct preview *p, int width, int height,
		    preview_row_fn fn, void *ctx)
{
	if (p->data == NULL || height <= 0 || width <= 0)
		return;
	if (preview_mode(p) == PREVIEW_HEX) {
		struct hexdump_layout lay = hex_layout(p, width);
		uint64_t per = (uint64_t)lay.per_row;
		char line[HEXDUMP_ROW_MAX];
		for (int i = 0; i < height; i++) {
			uint64_t off = (p->scroll + (uint64_t)i) * per;
			if (off >= p->len)
				break;
			size_t n = p->len - off < per ? (size_t)(p->len - off)
						       : (size_t)per;
			size_t k = hexdump_format_row(&lay, off, p->data + off,
						      n, line, sizeof line);
			/* a value: the printable column's backslash is one
			 * column, so the column stays in place */
			fn(ctx, i, line, k, TEXTSAFE_VALUE);
		}
		return;
	}
	walk_text(p, width, p->scroll, p->scroll + (uint64_t)height, fn, ctx);
}

void preview_scroll(struct preview *p, long delta, int width, int height)
{
	uint64_t rows = preview_rows(p, width);
	uint64_t max = rows > (uint64_t)height ? rows - (uint64_t)height : 0;
	int64_t s = (int64_t)p->scroll + delta;
	if (s < 0)
		s = 0;
	if ((uint64_t)s > max)
		s = (int64_t)max;
	p->scroll = (uint64_t)s;
}
