/* SPDX-License-Identifier: MIT */
/*
 * natcmp.c - natural order (natcmp.h). The common prefix is skipped as a
 * plain compare would; only when the first difference lies in or right
 * after a digit run does the comparison step back to the start of that
 * run and compare token by token.
 */
#include "common/natcmp.h"

#include <string.h>

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Compare the digit runs starting at a[*i] and b[*j] by value; advance
 * both past their runs. */
static int number_cmp(const char *a, size_t alen, size_t *i, const char *b,
		      size_t blen, size_t *j)
{
	size_t si = *i, sj = *j;
	while (si < alen && a[si] == '0')
		si++;
	while (sj < blen && b[sj] == '0')
		sj++;
	size_t ei = si, ej = sj;
	while (ei < alen && is_digit(a[ei]))
		ei++;
	while (ej < blen && is_digit(b[ej]))
		ej++;
	*i = ei;
	*j = ej;
	if (ei - si != ej - sj)
		return ei - si < ej - sj ? -1 : 1;
	return memcmp(a + si, b + sj, ei - si);
}

/* Token by token from a token boundary `from` common to both strings. */
static int tokens_cmp(const char *a, size_t alen, const char *b, size_t blen,
		      size_t from)
{
	size_t i = from, j = from;
	while (i < alen && j < blen) {
		if (is_digit(a[i]) && is_digit(b[j])) {
			int c = number_cmp(a, alen, &i, b, blen, &j);
			if (c != 0)
				return c;
			continue;
		}
		if (a[i] != b[j])
			return (unsigned char)a[i] < (unsigned char)b[j] ? -1
									 : 1;
		i++;
		j++;
	}
	if (i < alen || j < blen)
		return i < alen ? 1 : -1;
	return 0;
}

int natcmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t m = alen < blen ? alen : blen, p = 0;
	while (p < m && a[p] == b[p])
		p++;
	if (p == alen && p == blen)
		return 0;
	/* the byte at p, or the end; decides unless digits are involved */
	int plain = p == m ? (alen < blen ? -1 : 1)
			   : ((unsigned char)a[p] < (unsigned char)b[p] ? -1
									: 1);
	int digit_here = (p < alen && is_digit(a[p])) ||
			 (p < blen && is_digit(b[p]));
	if (!digit_here && (p == 0 || !is_digit(a[p - 1])))
		return plain;
	size_t q = p;
	while (q > 0 && is_digit(a[q - 1]))
		q--;
	int c = tokens_cmp(a, alen, b, blen, q);
	return c != 0 ? c : plain; /* equal in value: bytewise */
}
