/* SPDX-License-Identifier: MIT */
/* value_compare.c - aligning two values line by line (or 16 bytes at a
 * time) for the side-by-side and diff views. */
#include "inspect/value_compare.h"

#include "common/hexdump.h"
#include "common/linediff.h"
#include "common/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A side of a row: a copy of the bytes, or NULL for an absent side. */
struct side {
	const void *p;
	size_t len;
	int present;
};

static char *copy_side(const struct side *s)
{
	char *c = malloc(s->len + 1);
	if (c != NULL) {
		memcpy(c, s->p, s->len);
		c[s->len] = '\0';
	}
	return c;
}

static int push_row(struct vc_rows *r, enum vc_kind kind, struct side left,
		    struct side right)
{
	struct vc_row row = {kind, NULL, left.len, NULL, right.len};
	if (left.present)
		row.left = copy_side(&left);
	if (right.present)
		row.right = copy_side(&right);
	if ((left.present && row.left == NULL) ||
	    (right.present && row.right == NULL))
		goto nomem;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct vc_row *v = realloc(r->v, cap * sizeof *v);
		if (v == NULL)
			goto nomem;
		r->v = v;
		r->cap = cap;
	}
	if (!left.present)
		row.left_len = 0;
	if (!right.present)
		row.right_len = 0;
	r->v[r->n++] = row;
	if (kind != VC_SAME)
		r->ndiff++;
	return 0;
nomem:
	free(row.left);
	free(row.right);
	return ENOMEM;
}

static struct side line_side(const struct linediff_line *l)
{
	return (struct side){l->text, l->len, 1};
}

static const struct side absent = {"", 0, 0};

/* One run of changed lines [from, to): pairs side by side, or all the
 * deleted lines then all the added ones. */
static int change_rows(const struct linediff *d, size_t from, size_t to,
		       enum vc_layout layout, struct vc_rows *r)
{
	size_t dels = from, adds = from;
	int err = 0;
	while (err == 0 && (dels < to || adds < to)) {
		while (dels < to && d->lines[dels].tag != LINEDIFF_DEL)
			dels++;
		while (adds < to && d->lines[adds].tag != LINEDIFF_ADD)
			adds++;
		int pair = layout == VC_SIDE_BY_SIDE && dels < to && adds < to;
		if (pair) {
			err = push_row(r, VC_CHANGED,
				       line_side(&d->lines[dels++]),
				       line_side(&d->lines[adds++]));
		} else if (dels < to) {
			err = push_row(r, VC_ONLY_LEFT,
				       line_side(&d->lines[dels++]), absent);
		} else if (adds < to) {
			err = push_row(r, VC_ONLY_RIGHT, absent,
				       line_side(&d->lines[adds++]));
		}
	}
	return err;
}

static int text_rows(const void *a, size_t alen, const void *b, size_t blen,
		     enum vc_layout layout, struct vc_rows *r)
{
	struct linediff d;
	int err = linediff_compute(a, alen, b, blen, 0,
				   LINEDIFF_WHOLE | LINEDIFF_EOL_BLIND, &d);
	for (size_t i = 0; err == 0 && i < d.n;) {
		if (d.lines[i].tag == LINEDIFF_SAME) {
			struct side s = line_side(&d.lines[i]);
			err = push_row(r, VC_SAME, s, s);
			i++;
			continue;
		}
		size_t end = i;
		while (end < d.n && d.lines[end].tag != LINEDIFF_SAME)
			end++;
		err = change_rows(&d, i, end, layout, r);
		i = end;
	}
	linediff_free(&d);
	return err;
}

static struct side hex_side(const struct hexdump_layout *lay,
			    const unsigned char *p, size_t len, size_t off,
			    char *buf)
{
	if (off >= len)
		return absent;
	size_t n = len - off < 16 ? len - off : 16;
	size_t k = hexdump_format_row(lay, off, p + off, n, buf,
				      HEXDUMP_ROW_MAX);
	return (struct side){buf, k, 1};
}

static int hex_rows(const unsigned char *a, size_t alen,
		    const unsigned char *b, size_t blen, enum vc_layout layout,
		    struct vc_rows *r)
{
	const struct hexdump_layout lay = {16, 8};
	size_t total = alen > blen ? alen : blen;
	char abuf[HEXDUMP_ROW_MAX], bbuf[HEXDUMP_ROW_MAX];
	int err = 0;
	for (size_t off = 0; off < total && err == 0; off += 16) {
		struct side x = hex_side(&lay, a, alen, off, abuf);
		struct side y = hex_side(&lay, b, blen, off, bbuf);
		size_t la = x.present ? (alen - off < 16 ? alen - off : 16) : 0;
		size_t lb = y.present ? (blen - off < 16 ? blen - off : 16) : 0;
		enum vc_kind kind = !x.present ? VC_ONLY_RIGHT
				  : !y.present ? VC_ONLY_LEFT
				  : la == lb && !memcmp(a + off, b + off, la)
					  ? VC_SAME
					  : VC_CHANGED;
		if (kind == VC_CHANGED && layout == VC_UNIFIED) {
			err = push_row(r, VC_ONLY_LEFT, x, absent);
			if (err == 0)
				err = push_row(r, VC_ONLY_RIGHT, absent, y);
		} else {
			err = push_row(r, kind, x, y);
		}
	}
	return err;
}

int value_compare(const void *a, size_t alen, const void *b, size_t blen,
		  enum vc_layout layout, struct vc_rows *out)
{
	int err;

	memset(out, 0, sizeof *out);
	if (!utf8_is_text(a, alen) || !utf8_is_text(b, blen)) {
		out->binary = 1;
		err = hex_rows(a, alen, b, blen, layout, out);
	} else {
		err = text_rows(a, alen, b, blen, layout, out);
	}
	if (err != 0)
		vc_rows_free(out);
	return err;
}

void vc_rows_free(struct vc_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].left);
		free(rows->v[i].right);
	}
	free(rows->v);
	memset(rows, 0, sizeof *rows);
}
