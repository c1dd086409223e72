/* SPDX-License-Identifier: MIT */
/* edfind.c - plain, case-blind and regex search over a gap buffer's
 * logical text, in bounded windows (edfind.h says which bounds). */
#include "editor/edfind.h"
#include "editor/edsearch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void edfind_init(struct edfind *f)
{
	memset(f, 0, sizeof *f);
}

void edfind_done(struct edfind *f)
{
	if (f->has_re)
		regfree(&f->re);
	free(f->pattern);
	free(f->folded);
	free(f->win);
	edfind_init(f);
}

static unsigned char ascii_lower(unsigned char c);

static int ascii_text(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 0x80)
			return 0;
	return 1;
}

/* The literal bytes as an extended regex (for a case-blind string). */
static char *literal_regex(const unsigned char *p, size_t n)
{
	char *out = malloc(2 * n + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (strchr("\\^$.[]|()*+?{}", p[i]) != NULL)
			out[o++] = '\\';
		out[o++] = (char)p[i];
	}
	out[o] = '\0';
	return out;
}

static int compile(regex_t *re, const unsigned char *p, size_t n,
		   unsigned flags, char *err, size_t err_size)
{
	char *text = flags & EDFIND_REGEX ? strndup((const char *)p, n)
					  : literal_regex(p, n);
	if (text == NULL)
		return ENOMEM;
	int cflags = REG_EXTENDED | REG_NEWLINE |
		     (flags & EDFIND_ICASE ? REG_ICASE : 0);
	int rc = regcomp(re, text, cflags);
	free(text);
	if (rc == 0)
		return 0;
	if (err_size > 0)
		regerror(rc, re, err, err_size);
	return rc == REG_ESPACE ? ENOMEM : EINVAL;
}

int edfind_set(struct edfind *f, const void *pattern, size_t n,
	       unsigned flags, char *err, size_t err_size)
{
	if (err_size > 0)
		err[0] = '\0';
	if (n == 0 || memchr(pattern, '\0', n) != NULL) {
		if (err_size > 0)
			snprintf(err, err_size, "%s", n ? "a NUL byte cannot "
				 "be searched as text" : "empty pattern");
		return EINVAL;
	}
	unsigned char *copy = malloc(n);
	if (copy == NULL)
		return ENOMEM;
	memcpy(copy, pattern, n);
	regex_t re;
	if (flags != 0) {
		int rc = compile(&re, copy, n, flags, err, err_size);
		if (rc == 0 && f->win == NULL &&
		    (f->win = malloc(EDFIND_WINDOW + 1)) == NULL) {
			regfree(&re);
			rc = ENOMEM;
		}
		if (rc != 0) {
			free(copy);
			return rc;
		}
	}
	unsigned char *folded = NULL;
	if (flags == EDFIND_ICASE && ascii_text(copy, n) &&
	    (folded = malloc(n)) != NULL)
		for (size_t i = 0; i < n; i++)
			folded[i] = ascii_lower(copy[i]);
	if (f->has_re)
		regfree(&f->re);
	free(f->pattern);
	free(f->folded);
	f->folded = folded;
	f->pattern = copy;
	f->n = n;
	f->flags = flags;
	f->has_re = flags != 0;
	if (f->has_re)
		f->re = re;
	return 0;
}

/* ------------------------------------------------------- enumeration */

/* Called for each match in order; non-zero stops. */
typedef int (*match_fn)(void *ctx, const struct edfind_match *m);

static void plain_match(struct edfind_match *m, size_t s, size_t n)
{
	m->start = m->so[0] = s;
	m->end = m->eo[0] = s + n;
	for (int i = 1; i < EDFIND_GROUPS; i++)
		m->so[i] = m->eo[i] = GAPBUF_NONE;
}

static int each_plain(struct edfind *f, const struct gapbuf *gb, size_t lo,
		      size_t hi, match_fn fn, void *ctx)
{
	while (lo < hi) {
		size_t s = edsearch_find_in(gb, lo, hi, f->pattern, f->n);
		if (s == GAPBUF_NONE)
			return 0;
		struct edfind_match m;
		plain_match(&m, s, f->n);
		if (fn(ctx, &m))
			return 1;
		lo = s + f->n;
	}
	return 0;
}

static unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int icase_at(const struct gapbuf *gb, size_t pos,
		    const unsigned char *p, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (ascii_lower(gapbuf_at(gb, pos + i)) != p[i])
			return 0;
	return 1;
}

/* A case-blind ASCII string: a byte loop over the spans (the regex
 * engine folds case per character, twenty times slower). */
static int each_icase_ascii(struct edfind *f, const struct gapbuf *gb,
			    size_t lo, size_t hi, match_fn fn, void *ctx)
{
	const unsigned char *p = f->folded;
	size_t n = f->n, len = gapbuf_len(gb);
	if (n > len)
		return 0;
	if (hi > len - n + 1)
		hi = len - n + 1;
	size_t pos = lo;
	while (pos < hi) {
		size_t avail;
		const unsigned char *sp = gapbuf_span(gb, pos, &avail);
		if (avail > hi - pos)
			avail = hi - pos;
		size_t i = 0;
		while (i < avail && (ascii_lower(sp[i]) != p[0] ||
				     !icase_at(gb, pos + i, p, n)))
			i++;
		if (i == avail) {
			pos += avail;
			continue;
		}
		struct edfind_match m;
		plain_match(&m, pos + i, n);
		if (fn(ctx, &m))
			return 1;
		pos += i + n;
	}
	return 0;
}

/* The first window for `lo` starts at its line's start, or at most
 * EDFIND_OVERLAP before it (context for ^ and word boundaries). */
static size_t window_start(const struct gapbuf *gb, size_t lo)
{
	size_t floor = lo > EDFIND_OVERLAP ? lo - EDFIND_OVERLAP : 0;
	size_t nl = lo > 0 ? gapbuf_rfind_byte(gb, floor, lo, '\n')
			   : GAPBUF_NONE;
	return nl == GAPBUF_NONE ? floor : nl + 1;
}

/* Where the window from ws ends: at a line's end when it holds one (the
 * first after hi, else the last), else cut (*cut set). */
static size_t window_end(const struct gapbuf *gb, size_t ws, size_t hi,
			 int *cut)
{
	size_t len = gapbuf_len(gb);
	size_t we = len - ws > EDFIND_WINDOW ? ws + EDFIND_WINDOW : len;
	*cut = 0;
	if (hi < we) {
		size_t nl = gapbuf_find_byte(gb, hi, we, '\n');
		if (nl != GAPBUF_NONE)
			return nl;
	}
	if (we < len && gapbuf_at(gb, we) != '\n') {
		size_t nl = gapbuf_rfind_byte(gb, ws, we, '\n');
		if (nl != GAPBUF_NONE)
			return nl;
		*cut = 1;
	}
	return we;
}

static void regex_match(struct edfind_match *m, size_t ws,
			const regmatch_t *pm)
{
	for (int i = 0; i < EDFIND_GROUPS; i++) {
		int used = pm[i].rm_so >= 0;
		m->so[i] = used ? ws + (size_t)pm[i].rm_so : GAPBUF_NONE;
		m->eo[i] = used ? ws + (size_t)pm[i].rm_eo : GAPBUF_NONE;
	}
	m->start = m->so[0];
	m->end = m->eo[0];
}

static int each_regex(struct edfind *f, const struct gapbuf *gb, size_t lo,
		      size_t hi, match_fn fn, void *ctx)
{
	size_t len = gapbuf_len(gb);
	size_t ws = window_start(gb, lo), next = lo;
	while (next < hi) {
		int cut;
		size_t we = window_end(gb, ws, hi, &cut);
		size_t n = gapbuf_copy(gb, ws, f->win, we - ws);
		/* REG_STARTEND bounds the match; the NUL is for tools that
		 * read the string as C text (sanitizers' regexec) */
		f->win[n] = '\0';
		size_t limit = cut ? we - EDFIND_OVERLAP : we + 1;
		if (limit > hi)
			limit = hi;
		int eflags = REG_STARTEND | (cut ? REG_NOTEOL : 0) |
			(ws == 0 || gapbuf_at(gb, ws - 1) == '\n' ? 0
								 : REG_NOTBOL);
		while (next < limit) {
			regmatch_t pm[EDFIND_GROUPS];
			pm[0].rm_so = (regoff_t)(next - ws);
			pm[0].rm_eo = (regoff_t)n;
			int rc = regexec(&f->re, (const char *)f->win,
					 EDFIND_GROUPS, pm, eflags);
			if (rc == REG_ESPACE)
				return ENOMEM;
			if (rc != 0)
				break;
			struct edfind_match m;
			regex_match(&m, ws, pm);
			if (m.start >= limit || m.start >= len)
				break;
			if (fn(ctx, &m))
				return 1;
			next = m.end > m.start ? m.end : m.start + 1;
		}
		if (we >= len)
			break;
		ws = cut ? we - EDFIND_OVERLAP : we + 1;
		if (next < ws)
			next = ws;
	}
	return 0;
}

static int each(struct edfind *f, const struct gapbuf *gb, size_t lo,
		size_t hi, match_fn fn, void *ctx)
{
	size_t len = gapbuf_len(gb);
	if (hi > len)
		hi = len;
	if (f->n == 0 || lo >= hi)
		return 0;
	if (f->folded != NULL)
		return each_icase_ascii(f, gb, lo, hi, fn, ctx);
	return f->has_re ? each_regex(f, gb, lo, hi, fn, ctx)
			 : each_plain(f, gb, lo, hi, fn, ctx);
}

/* ------------------------------------------------------ the calls */

static int take_first(void *ctx, const struct edfind_match *m)
{
	*(struct edfind_match *)ctx = *m;
	return 1;
}

static int take_last(void *ctx, const struct edfind_match *m)
{
	*(struct edfind_match *)ctx = *m;
	return 0;
}

int edfind_first(struct edfind *f, const struct gapbuf *gb, size_t lo,
		 size_t hi, struct edfind_match *m)
{
	return each(f, gb, lo, hi, take_first, m);
}

int edfind_each(struct edfind *f, const struct gapbuf *gb, size_t lo,
		size_t hi, int (*fn)(void *ctx, const struct edfind_match *m),
		void *ctx)
{
	return each(f, gb, lo, hi, fn, ctx);
}

int edfind_next(struct edfind *f, const struct gapbuf *gb, size_t from,
		struct edfind_match *m, int *wrapped)
{
	size_t len = gapbuf_len(gb);
	*wrapped = 0;
	if (from > len)
		from = len;
	int r = edfind_first(f, gb, from, len, m);
	if (r != 0)
		return r;
	r = edfind_first(f, gb, 0, from, m);
	if (r == 1)
		*wrapped = 1;
	return r;
}

/* The last match starting in [lo, hi): the matches of the last megabyte
 * first, so a search back near the end does not read the whole value. */
static int last_in(struct edfind *f, const struct gapbuf *gb, size_t lo,
		   size_t hi, struct edfind_match *m)
{
	const size_t chunk = (size_t)1 << 20;
	while (hi > lo) {
		size_t clo = hi - lo > chunk ? hi - chunk : lo;
		struct edfind_match t;
		t.start = GAPBUF_NONE;
		int r = each(f, gb, clo, hi, take_last, &t);
		if (r != 0 && r != 1)
			return r;
		if (t.start != GAPBUF_NONE) {
			*m = t;
			return 1;
		}
		hi = clo;
	}
	return 0;
}

int edfind_prev(struct edfind *f, const struct gapbuf *gb, size_t from,
		struct edfind_match *m, int *wrapped)
{
	size_t len = gapbuf_len(gb);
	*wrapped = 0;
	if (from > len)
		from = len;
	int r = last_in(f, gb, 0, from, m);
	if (r != 0)
		return r;
	r = last_in(f, gb, from, len, m);
	if (r == 1)
		*wrapped = 1;
	return r;
}

/* --------------------------------------------------------- replacing */

/* One pass of the template: the length (out NULL) or the bytes. */
static size_t expand_into(const struct edfind *f, const struct gapbuf *gb,
			  const struct edfind_match *m, const char *tmpl,
			  size_t tn, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < tn; i++) {
		char c = tmpl[i];
		if (!f->has_re || !(f->flags & EDFIND_REGEX) || c != '\\' ||
		    i + 1 == tn) {
			if (out)
				out[o] = c;
			o++;
			continue;
		}
		char d = tmpl[++i];
		if (d >= '0' && d <= '9') {
			int g = d - '0';
			if (m->so[g] == GAPBUF_NONE)
				continue;
			size_t n = m->eo[g] - m->so[g];
			if (out)
				gapbuf_copy(gb, m->so[g], out + o, n);
			o += n;
		} else {
			if (d != '\\' && out) /* \x stays \x, \\ is one */
				out[o++] = '\\';
			else if (d != '\\')
				o++;
			if (out)
				out[o] = d;
			o++;
		}
	}
	return o;
}

int edfind_expand(const struct edfind *f, const struct gapbuf *gb,
		  const struct edfind_match *m, const char *tmpl, size_t tn,
		  char **out, size_t *out_len)
{
	size_t n = expand_into(f, gb, m, tmpl, tn, NULL);
	char *buf = malloc(n + 1);
	if (buf == NULL)
		return ENOMEM;
	expand_into(f, gb, m, tmpl, tn, buf);
	buf[n] = '\0';
	*out = buf;
	*out_len = n;
	return 0;
}
