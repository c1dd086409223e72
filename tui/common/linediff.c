/* SPDX-License-Identifier: MIT */
/* linediff.c - Myers line diff with unified-diff hunks (see linediff.h). */
#include "common/linediff.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct line {
	const unsigned char *p;
	size_t len;    /* including '\n' if any */
	size_t eq_len; /* the bytes that decide equality */
	uint64_t hash; /* of those */
};

struct lines {
	struct line *v;
	size_t n;
};

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

static int split_lines(const unsigned char *s, size_t len, unsigned flags,
		       struct lines *out)
{
	size_t n = 0, cap = 64;
	struct line *v = malloc(cap * sizeof *v);
	if (v == NULL)
		return ENOMEM;
	size_t pos = 0;
	while (pos < len) {
		const unsigned char *nl = memchr(s + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (s + pos)) + 1 : len - pos;
		if (n == cap) {
			struct line *nv = realloc(v, 2 * cap * sizeof *v);
			if (nv == NULL) {
				free(v);
				return ENOMEM;
			}
			v = nv;
			cap *= 2;
		}
		v[n].p = s + pos;
		v[n].len = l;
		v[n].eq_len = nl && (flags & LINEDIFF_EOL_BLIND) ? l - 1 : l;
		v[n].hash = fnv1a(s + pos, v[n].eq_len);
		n++;
		pos += l;
	}
	out->v = v;
	out->n = n;
	return 0;
}

static int line_eq(const struct line *x, const struct line *y)
{
	return x->hash == y->hash && x->eq_len == y->eq_len &&
	       memcmp(x->p, y->p, x->eq_len) == 0;
}

/* One edit script entry: a line of a, of b, or of both. */
struct op {
	char tag;
	size_t ai, bi;
};

struct ops {
	struct op *v;
	size_t n, cap;
};

static int push_op(struct ops *o, char tag, size_t ai, size_t bi)
{
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 256;
		struct op *nv = realloc(o->v, cap * sizeof *nv);
		if (nv == NULL)
			return ENOMEM;
		o->v = nv;
		o->cap = cap;
	}
	o->v[o->n++] = (struct op){ tag, ai, bi };
	return 0;
}

/* Myers on a[alo..alo+n) and b[blo..blo+m); appends ops in reverse order.
 * Returns 0, ENOMEM, or -1 when D would exceed LINEDIFF_MAX_D. */
static int myers(const struct lines *a, size_t alo, size_t n,
		 const struct lines *b, size_t blo, size_t m, struct ops *rev)
{
	long maxd = (long)(n + m);
	if (maxd > LINEDIFF_MAX_D)
		maxd = LINEDIFF_MAX_D;
	long **trace = calloc((size_t)maxd + 1, sizeof *trace);
	if (trace == NULL)
		return ENOMEM;
	int err = -1;
	long d_end = -1;
	for (long d = 0; d <= maxd && d_end < 0; d++) {
		long *vd = malloc((size_t)(2 * d + 1) * sizeof *vd);
		if (vd == NULL) {
			err = ENOMEM;
			goto out;
		}
		trace[d] = vd;
		long *prev = d > 0 ? trace[d - 1] : NULL;
		for (long k = -d; k <= d; k += 2) {
			long x;
			if (d == 0)
				x = 0;
			else if (k == -d || (k != d && prev[k - 1 + (d - 1)] <
						       prev[k + 1 + (d - 1)]))
				x = prev[k + 1 + (d - 1)];
			else
				x = prev[k - 1 + (d - 1)] + 1;
			long y = x - k;
			while (x < (long)n && y < (long)m &&
			       line_eq(&a->v[alo + (size_t)x],
				       &b->v[blo + (size_t)y])) {
				x++;
				y++;
			}
			vd[k + d] = x;
			if (x >= (long)n && y >= (long)m) {
				d_end = d;
				break;
			}
		}
	}
	if (d_end < 0)
		goto out; /* too different */
	long x = (long)n, y = (long)m;
	for (long d = d_end; d > 0; d--) {
		long *prev = trace[d - 1];
		long k = x - y, pk;
		if (k == -d || (k != d && prev[k - 1 + (d - 1)] <
					  prev[k + 1 + (d - 1)]))
			pk = k + 1;
		else
			pk = k - 1;
		long px = prev[pk + (d - 1)], py = px - pk;
		long sx = pk == k + 1 ? px : px + 1; /* after the move */
		while (x > sx) {
			x--;
			y--;
			if (push_op(rev, ' ', alo + (size_t)x, blo + (size_t)y))
				goto nomem;
		}
		if (pk == k + 1) {
			if (push_op(rev, '+', 0, blo + (size_t)py))
				goto nomem;
		} else {
			if (push_op(rev, '-', alo + (size_t)px, 0))
				goto nomem;
		}
		x = px;
		y = py;
	}
	while (x > 0) {
		x--;
		y--;
		if (push_op(rev, ' ', alo + (size_t)x, blo + (size_t)y))
			goto nomem;
	}
	err = 0;
	goto out;
nomem:
	err = ENOMEM;
out:
	for (long d = 0; d <= maxd; d++)
		free(trace[d]);
	free(trace);
	return err;
}

/* The whole edit script in order, one op per line of a and b. */
static int edit_script(const struct lines *a, const struct lines *b,
		       struct ops *ops)
{
	size_t pre = 0, suf = 0;
	while (pre < a->n && pre < b->n && line_eq(&a->v[pre], &b->v[pre]))
		pre++;
	while (suf < a->n - pre && suf < b->n - pre &&
	       line_eq(&a->v[a->n - 1 - suf], &b->v[b->n - 1 - suf]))
		suf++;
	size_t n = a->n - pre - suf, m = b->n - pre - suf;
	struct ops rev = { 0 };
	int err = 0;
	for (size_t i = 0; i < pre && !err; i++)
		err = push_op(ops, ' ', i, i);
	if (!err) {
		err = myers(a, pre, n, b, pre, m, &rev);
		if (err == -1) { /* too different: all out, all in */
			err = 0;
			for (size_t i = 0; i < n && !err; i++)
				err = push_op(ops, '-', pre + i, 0);
			for (size_t i = 0; i < m && !err; i++)
				err = push_op(ops, '+', 0, pre + i);
		} else {
			for (size_t i = rev.n; i > 0 && !err; i--)
				err = push_op(ops, rev.v[i - 1].tag,
					      rev.v[i - 1].ai, rev.v[i - 1].bi);
		}
	}
	for (size_t i = 0; i < suf && !err; i++)
		err = push_op(ops, ' ', a->n - suf + i, b->n - suf + i);
	free(rev.v);
	return err;
}

static int push_line(struct linediff *d, size_t *cap, struct linediff_line l)
{
	if (d->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct linediff_line *nv = realloc(d->lines, nc * sizeof *nv);
		if (nv == NULL)
			return ENOMEM;
		d->lines = nv;
		*cap = nc;
	}
	d->lines[d->n++] = l;
	return 0;
}

static struct linediff_line make_line(const struct lines *a,
				     const struct lines *b, const struct op *o)
{
	const struct line *ln = o->tag == '+' ? &b->v[o->bi] : &a->v[o->ai];
	struct linediff_line l = { 0 };
	l.tag = (enum linediff_tag)o->tag;
	l.a_line = o->ai;
	l.b_line = o->bi;
	l.text = ln->p;
	l.len = ln->len;
	if (l.len > 0 && ln->p[l.len - 1] == '\n')
		l.len--;
	else
		l.no_newline = 1;
	return l;
}

static int push_op_line(struct linediff *d, size_t *cap,
			const struct lines *a, const struct lines *b,
			const struct op *o)
{
	if (o->tag == '+')
		d->added++;
	else if (o->tag == '-')
		d->deleted++;
	return push_line(d, cap, make_line(a, b, o));
}

/* Turn the edit script into hunks with `context` lines around changes. */
static int build_hunks(const struct lines *a, const struct lines *b,
		       const struct ops *ops, int context, struct linediff *d)
{
	size_t cap = 0, ctx = context < 0 ? 0 : (size_t)context;
	size_t i = 0;
	while (i < ops->n) {
		while (i < ops->n && ops->v[i].tag == ' ')
			i++;
		if (i == ops->n)
			break;
		/* hunk: from i-ctx to the change run end + ctx, joining runs
		 * separated by at most 2*ctx unchanged lines */
		size_t start = i > ctx ? i - ctx : 0;
		size_t end = i;
		for (;;) {
			while (end < ops->n && ops->v[end].tag != ' ')
				end++;
			size_t same = end;
			while (same < ops->n && ops->v[same].tag == ' ')
				same++;
			if (same < ops->n && same - end <= 2 * ctx) {
				end = same;
				continue;
			}
			end = end + ctx < same ? end + ctx : same;
			break;
		}
		struct linediff_line h = { 0 };
		h.tag = LINEDIFF_HUNK;
		/* first line numbers of the hunk in a and b */
		size_t an = 0, bn = 0;
		for (size_t j = 0; j < start; j++) {
			if (ops->v[j].tag != '+')
				an++;
			if (ops->v[j].tag != '-')
				bn++;
		}
		for (size_t j = start; j < end; j++) {
			if (ops->v[j].tag != '+')
				h.a_count++;
			if (ops->v[j].tag != '-')
				h.b_count++;
		}
		h.a_start = an + (h.a_count ? 1 : 0);
		h.b_start = bn + (h.b_count ? 1 : 0);
		if (push_line(d, &cap, h))
			return ENOMEM;
		for (size_t j = start; j < end; j++)
			if (push_op_line(d, &cap, a, b, &ops->v[j]))
				return ENOMEM;
		i = end;
	}
	return 0;
}

/* LINEDIFF_WHOLE: every line of the script, no hunks. */
static int all_lines(const struct lines *a, const struct lines *b,
		     const struct ops *ops, struct linediff *d)
{
	size_t cap = 0;
	for (size_t j = 0; j < ops->n; j++)
		if (push_op_line(d, &cap, a, b, &ops->v[j]))
			return ENOMEM;
	return 0;
}

int linediff_compute(const void *a, size_t alen, const void *b, size_t blen,
		     int context, unsigned flags, struct linediff *out)
{
	memset(out, 0, sizeof *out);
	struct lines la = { 0 }, lb = { 0 };
	struct ops ops = { 0 };
	int err = split_lines(a, alen, flags, &la);
	if (!err)
		err = split_lines(b, blen, flags, &lb);
	if (!err)
		err = edit_script(&la, &lb, &ops);
	if (!err)
		err = (flags & LINEDIFF_WHOLE)
			      ? all_lines(&la, &lb, &ops, out)
			      : build_hunks(&la, &lb, &ops, context, out);
	if (err)
		linediff_free(out);
	free(la.v);
	free(lb.v);
	free(ops.v);
	return err;
}

void linediff_free(struct linediff *d)
{
	free(d->lines);
	memset(d, 0, sizeof *d);
}

void linediff_hunk_header(const struct linediff_line *l, char *buf,
			  size_t size)
{
	snprintf(buf, size, "@@ -%zu,%zu +%zu,%zu @@", l->a_start,
		 l->a_count, l->b_start, l->b_count);
}
