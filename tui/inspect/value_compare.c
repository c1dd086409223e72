/* value_compare.c - aligning two values line by line (or 16 bytes at a
 * time) for the side-by-side and diff views. */
#include "inspect/value_compare.h"

#include "common/utf8.h"
#include "inspect/inspect_text.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int value_is_text(const void *data, size_t len)
{
	return utf8_is_text(data, len);
}

struct line {
	const char *p;
	size_t len;
};

/* Split at '\n'; a final newline does not start another line. */
static struct line *split_lines(const char *s, size_t len, size_t *n)
{
	size_t count = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n')
			count++;
	if (len > 0 && s[len - 1] != '\n')
		count++;
	struct line *v = malloc((count ? count : 1) * sizeof *v);
	if (v == NULL)
		return NULL;
	size_t k = 0, start = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n') {
			v[k++] = (struct line){s + start, i - start};
			start = i + 1;
		}
	}
	if (start < len)
		v[k++] = (struct line){s + start, len - start};
	*n = k;
	return v;
}

static int line_eq(const struct line *x, const struct line *y)
{
	return x->len == y->len && memcmp(x->p, y->p, x->len) == 0;
}

enum op_kind { OP_EQ, OP_DEL, OP_INS };

struct op {
	enum op_kind kind;
	size_t a, b; /* line indexes on each side */
};

/* The edit script from a to b: LCS when small enough, else by position. */
static struct op *edit_script(const struct line *a, size_t na,
			      const struct line *b, size_t nb, size_t *nops)
{
	struct op *ops = malloc((na + nb + 1) * sizeof *ops);
	if (ops == NULL)
		return NULL;
	size_t k = 0;
	if ((uint64_t)(na + 1) * (nb + 1) > VC_LCS_MAX_CELLS) {
		size_t i = 0;
		for (; i < na && i < nb; i++) {
			if (line_eq(&a[i], &b[i])) {
				ops[k++] = (struct op){OP_EQ, i, i};
			} else {
				ops[k++] = (struct op){OP_DEL, i, i};
				ops[k++] = (struct op){OP_INS, i, i};
			}
		}
		for (size_t j = i; j < na; j++)
			ops[k++] = (struct op){OP_DEL, j, nb};
		for (size_t j = i; j < nb; j++)
			ops[k++] = (struct op){OP_INS, na, j};
		*nops = k;
		return ops;
	}
	/* L[i][j] = LCS length of a[i..] and b[j..] */
	size_t w = nb + 1;
	uint32_t *L = calloc((na + 1) * w, sizeof *L);
	if (L == NULL) {
		free(ops);
		return NULL;
	}
	for (size_t i = na; i-- > 0;)
		for (size_t j = nb; j-- > 0;)
			L[i * w + j] = line_eq(&a[i], &b[j])
				? L[(i + 1) * w + j + 1] + 1
				: (L[(i + 1) * w + j] > L[i * w + j + 1]
					   ? L[(i + 1) * w + j]
					   : L[i * w + j + 1]);
	size_t i = 0, j = 0;
	while (i < na || j < nb) {
		if (i < na && j < nb && line_eq(&a[i], &b[j])) {
			ops[k++] = (struct op){OP_EQ, i++, j++};
		} else if (j == nb ||
			   (i < na && L[(i + 1) * w + j] >= L[i * w + j + 1])) {
			ops[k++] = (struct op){OP_DEL, i++, j};
		} else {
			ops[k++] = (struct op){OP_INS, i, j++};
		}
	}
	free(L);
	*nops = k;
	return ops;
}

static int push_row(struct vc_rows *r, enum vc_kind kind, char *left,
		    char *right, int ok)
{
	struct vc_row *v = r->v;
	size_t cap = r->cap;
	if (ok && r->n == cap) {
		cap = cap ? cap * 2 : 64;
		v = realloc(r->v, cap * sizeof *v);
	}
	if (!ok || v == NULL) {
		free(left);
		free(right);
		return ENOMEM;
	}
	r->v = v;
	r->cap = cap;
	r->v[r->n++] = (struct vc_row){kind, left, right};
	if (kind != VC_SAME)
		r->ndiff++;
	return 0;
}

static char *esc_line(const struct line *l, int utf8)
{
	return inspect_escape(l->p, l->len, utf8);
}

/* Emit one row of the text comparison; an absent side is NULL. */
static int text_row(struct vc_rows *r, enum vc_kind kind,
		    const struct line *l, const struct line *rt, int utf8)
{
	char *x = l ? esc_line(l, utf8) : NULL;
	char *y = rt ? esc_line(rt, utf8) : NULL;
	return push_row(r, kind, x, y, (!l || x) && (!rt || y));
}

static int text_rows(const struct line *a, const struct line *b,
		     const struct op *ops, size_t nops, enum vc_layout layout,
		     int utf8, struct vc_rows *r)
{
	int err = 0;
	for (size_t k = 0; k < nops && err == 0;) {
		if (ops[k].kind == OP_EQ) {
			err = text_row(r, VC_SAME, &a[ops[k].a], &b[ops[k].b],
				       utf8);
			k++;
			continue;
		}
		/* a run of changes: deletions and insertions */
		size_t end = k, ndel = 0, nins = 0;
		while (end < nops && ops[end].kind != OP_EQ) {
			if (ops[end].kind == OP_DEL)
				ndel++;
			else
				nins++;
			end++;
		}
		const struct op **dels = malloc((ndel + nins + 1) *
						sizeof *dels);
		if (dels == NULL)
			return ENOMEM;
		const struct op **ins = dels + ndel;
		size_t d = 0, in = 0;
		for (size_t q = k; q < end; q++) {
			if (ops[q].kind == OP_DEL)
				dels[d++] = &ops[q];
			else
				ins[in++] = &ops[q];
		}
		if (layout == VC_SIDE_BY_SIDE) {
			size_t q = 0;
			for (; err == 0 && q < ndel && q < nins; q++)
				err = text_row(r, VC_CHANGED, &a[dels[q]->a],
					       &b[ins[q]->b], utf8);
			for (size_t t = q; err == 0 && t < ndel; t++)
				err = text_row(r, VC_ONLY_LEFT, &a[dels[t]->a],
					       NULL, utf8);
			for (size_t t = q; err == 0 && t < nins; t++)
				err = text_row(r, VC_ONLY_RIGHT, NULL,
					       &b[ins[t]->b], utf8);
		} else {
			for (size_t t = 0; err == 0 && t < ndel; t++)
				err = text_row(r, VC_ONLY_LEFT, &a[dels[t]->a],
					       NULL, utf8);
			for (size_t t = 0; err == 0 && t < nins; t++)
				err = text_row(r, VC_ONLY_RIGHT, NULL,
					       &b[ins[t]->b], utf8);
		}
		free(dels);
		k = end;
	}
	return err;
}

/* "00000010  41 42 .. |AB..|" for the bytes of one side's row. */
static char *hex_row(const unsigned char *p, size_t len, size_t off)
{
	char *s = malloc(80);
	if (s == NULL)
		return NULL;
	int o = snprintf(s, 80, "%08zx ", off);
	for (size_t i = 0; i < 16; i++) {
		if (i < len)
			o += snprintf(s + o, (size_t)(80 - o), " %02x", p[i]);
		else
			o += snprintf(s + o, (size_t)(80 - o), "   ");
	}
	o += snprintf(s + o, (size_t)(80 - o), "  |");
	for (size_t i = 0; i < len; i++)
		s[o++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
	s[o++] = '|';
	s[o] = '\0';
	return s;
}

static int hex_rows(const unsigned char *a, size_t alen,
		    const unsigned char *b, size_t blen, enum vc_layout layout,
		    struct vc_rows *r)
{
	size_t total = alen > blen ? alen : blen;
	int err = 0;
	for (size_t off = 0; off < total && err == 0; off += 16) {
		size_t la = off < alen ? (alen - off < 16 ? alen - off : 16) : 0;
		size_t lb = off < blen ? (blen - off < 16 ? blen - off : 16) : 0;
		char *x = la ? hex_row(a + off, la, off) : NULL;
		char *y = lb ? hex_row(b + off, lb, off) : NULL;
		int ok = (!la || x) && (!lb || y);
		enum vc_kind kind = !la ? VC_ONLY_RIGHT
				  : !lb ? VC_ONLY_LEFT
				  : la == lb && !memcmp(a + off, b + off, la)
					  ? VC_SAME
					  : VC_CHANGED;
		if (kind == VC_CHANGED && layout == VC_UNIFIED) {
			err = push_row(r, VC_ONLY_LEFT, x, NULL, ok);
			if (err == 0)
				err = push_row(r, VC_ONLY_RIGHT, NULL, y, 1);
			else
				free(y);
		} else {
			err = push_row(r, kind, x, y, ok);
		}
	}
	return err;
}

int value_compare(const void *a, size_t alen, const void *b, size_t blen,
		  enum vc_layout layout, int utf8, struct vc_rows *out)
{
	memset(out, 0, sizeof *out);
	int err;
	if (!value_is_text(a, alen) || !value_is_text(b, blen)) {
		out->binary = 1;
		err = hex_rows(a, alen, b, blen, layout, out);
	} else {
		size_t na = 0, nb = 0, nops = 0;
		struct line *la = split_lines(a, alen, &na);
		struct line *lb = split_lines(b, blen, &nb);
		struct op *ops = la && lb ? edit_script(la, na, lb, nb, &nops)
					  : NULL;
		err = ops ? text_rows(la, lb, ops, nops, layout, utf8, out)
			  : ENOMEM;
		free(ops);
		free(la);
		free(lb);
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
