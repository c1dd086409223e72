/* SPDX-License-Identifier: MIT */
/*
 * key_list_filter.c - the key list's filter: compiling the text typed
 * (substring with smart case, re: POSIX regex, glob: pattern), matching a
 * name, and matching all names in arena order, so a pass over a million
 * names stays quick. A leaf: it reads the list's storage and calls
 * nothing of key_list.c (which applies the results to the rows).
 */
#include "browser/key_list_filter.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

void kl_filter_done(struct kl_filter *f)
{
	if (f->kind == FILTER_REGEX)
		regfree(&f->re);
	free(f->text);
	memset(f, 0, sizeof *f);
}

int kl_filter_match(const struct kl_filter *f, const char *name,
			size_t len)
{
	switch (f->kind) {
	case FILTER_NONE:
		return 1;
	case FILTER_SUBSTR:
		if (f->icase)
			return strcasestr(name, f->pat) != NULL;
		return memmem(name, len, f->pat, strlen(f->pat)) != NULL;
	case FILTER_REGEX:
		return regexec(&f->re, name, 0, NULL, 0) == 0;
	case FILTER_GLOB:
		return fnmatch(f->pat, name, 0) == 0;
	}
	return 0;
}

/* The entry whose name holds arena offset `off` (entries are in arena
 * order: appends and compaction both keep it). */
static uint32_t entry_at(const struct key_list *kl, size_t off)
{
	uint32_t lo = 0, hi = kl->n;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (kl->e[mid].name_off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The lower-cased arena, brought up to date (names are only appended;
 * compaction drops the copy). */
static const char *lower_arena(struct key_list *kl)
{
	if (kl->lower == NULL || kl->lower_len > kl->arena_len) {
		free(kl->lower);
		kl->lower = NULL;
		kl->lower_len = 0;
	}
	char *l = realloc(kl->lower, kl->arena_len ? kl->arena_len : 1);
	if (l == NULL)
		return NULL;
	kl->lower = l;
	const unsigned char *restrict a = (const unsigned char *)kl->arena;
	unsigned char *restrict d = (unsigned char *)l;
	for (size_t i = kl->lower_len, n = kl->arena_len; i < n; i++)
		d[i] = (unsigned char)(a[i] + ((unsigned char)(a[i] - 'A') < 26
					       ? 32 : 0));
	kl->lower_len = kl->arena_len;
	return l;
}

void kl_keep_lower(struct key_list *kl)
{
	if (kl->lower != NULL || kl->n_live >= KL_LOWER_EAGER)
		(void)lower_arena(kl); /* no memory: a search makes it */
}

void kl_drop_lower(struct key_list *kl)
{
	free(kl->lower);
	kl->lower = NULL;
	kl->lower_len = 0;
}

/* A byte per entry: does it match the filter? A case-sensitive substring
 * is one memmem over the whole arena (names are NUL-separated, so no match
 * spans two); other filters test each name, in arena order. */
/* Mark in `hit` every entry whose name (in `base`, the arena or its lower
 * case copy) contains `pat`: one memmem over all names, which are
 * NUL-separated so no match spans two. */
static void mark_containing(const struct key_list *kl, const char *base,
			    const char *pat, uint8_t *hit)
{
	size_t plen = strlen(pat), pos = 0;
	uint32_t i = 0;

	while (pos < kl->arena_len) {
		const char *m = memmem(base + pos, kl->arena_len - pos, pat,
				       plen);
		if (m == NULL)
			break;
		size_t off = (size_t)(m - base);
		/* hits only move forward: step, or search if far */
		if (i + 8 < kl->n && kl->e[i + 8].name_off <= off)
			i = entry_at(kl, off);
		else
			while (i + 1 < kl->n && kl->e[i + 1].name_off <= off)
				i++;
		hit[i] = 1;
		pos = (size_t)kl->e[i].name_off + kl->e[i].name_len + 1;
	}
}

uint8_t *kl_match_all(struct key_list *kl)
{
	return kl_match_with(kl, &kl->filter);
}

uint8_t *kl_match_with(struct key_list *kl, const struct kl_filter *f)
{
	uint8_t *hit = calloc(kl->n ? kl->n : 1, 1);

	if (hit == NULL)
		return NULL;
	if (f->kind == FILTER_SUBSTR) {
		const char *base = f->icase ? lower_arena(kl) : kl->arena;
		if (base == NULL) {
			free(hit);
			return NULL;
		}
		mark_containing(kl, base, f->pat, hit);
		return hit;
	}
	if ((f->kind == FILTER_GLOB || f->kind == FILTER_REGEX) &&
	    f->lit[0] != '\0') {
		/* candidates by their literal, then the real test */
		mark_containing(kl, kl->arena, f->lit, hit);
		for (uint32_t i = 0; i < kl->n; i++)
			if (hit[i])
				hit[i] = (uint8_t)kl_filter_match(
					f, ename(kl, i), kl->e[i].name_len);
		return hit;
	}
	for (uint32_t i = 0; i < kl->n; i++)
		if (kl->e[i].flags & KLF_LIVE)
			hit[i] = (uint8_t)kl_filter_match(f, ename(kl, i),
							  kl->e[i].name_len);
	return hit;
}

/* The longest run of characters a glob matches only literally (outside
 * brackets, not escaped): every name it matches contains that run. */
static void glob_literal(const char *pat, char *lit, size_t size)
{
	size_t best = 0, best_at = 0, run = 0;

	lit[0] = '\0';
	for (size_t i = 0;; i++) {
		char c = pat[i];
		int plain = c != '\0' && c != '*' && c != '?' && c != '[' &&
			    c != '\\';
		if (plain) {
			run++;
			continue;
		}
		if (run > best) {
			best = run;
			best_at = i - run;
		}
		run = 0;
		if (c == '\0')
			break;
		if (c == '\\' && pat[i + 1] != '\0')
			i++;
		else if (c == '[') {
			size_t j = i + 1;
			if (pat[j] == '!' || pat[j] == '^')
				j++;
			if (pat[j] == ']')
				j++;
			while (pat[j] != '\0' && pat[j] != ']')
				j++;
			if (pat[j] == '\0')
				break; /* no closing ']': fnmatch decides */
			i = j;
		}
	}
	if (best >= 2 && best < size) {
		memcpy(lit, pat + best_at, best);
		lit[best] = '\0';
	}
}

/* The longest run of plain characters every match of an extended regex
 * contains, found only for patterns without alternation or groups (so the
 * run is surely required): a character followed by *, ? or {..} is
 * optional and cut off; one followed by + ends the run. */
static void regex_literal(const char *pat, char *lit, size_t size)
{
	size_t best = 0, best_at = 0, run = 0, at = 0;

	lit[0] = '\0';
	if (strpbrk(pat, "|()") != NULL)
		return;
	for (size_t i = 0;; i++) {
		char c = pat[i];
		int plain = c != '\0' && strchr(".[]\\*+?{}^$", c) == NULL;
		char next = plain ? pat[i + 1] : '\0';
		if (plain && (next == '*' || next == '?' || next == '{'))
			plain = 0; /* optional: not part of any required run */
		if (plain) {
			if (run == 0)
				at = i;
			run++;
			if (next != '+')
				continue;
		}
		if (run > best) {
			best = run;
			best_at = at;
		}
		run = 0;
		if (c == '\0')
			break;
		if (c == '\\' && pat[i + 1] != '\0')
			i++;
		else if (c == '[') {
			size_t j = i + 1;
			if (pat[j] == '^')
				j++;
			if (pat[j] == ']')
				j++;
			while (pat[j] != '\0' && pat[j] != ']')
				j++;
			if (pat[j] == '\0')
				break;
			i = j;
		}
	}
	if (best >= 2 && best < size) {
		memcpy(lit, pat + best_at, best);
		lit[best] = '\0';
	}
}

int kl_filter_span(const struct kl_filter *f, const char *name, size_t len,
		   size_t *start, size_t *end)
{
	const char *m = NULL;
	regmatch_t pm[1];
	switch (f->kind) {
	case FILTER_NONE:
		return 0;
	case FILTER_SUBSTR:
		m = f->icase ? strcasestr(name, f->pat)
			     : memmem(name, len, f->pat, strlen(f->pat));
		if (m == NULL)
			return 0;
		*start = (size_t)(m - name);
		*end = *start + strlen(f->pat);
		return 1;
	case FILTER_REGEX:
		if (regexec(&f->re, name, f->nosub ? 0 : 1, pm, 0) != 0)
			return 0;
		*start = f->nosub ? 0 : (size_t)pm[0].rm_so;
		*end = f->nosub ? len : (size_t)pm[0].rm_eo;
		return 1;
	case FILTER_GLOB:
		if (fnmatch(f->pat, name, 0) != 0)
			return 0;
		*start = 0;
		*end = len;
		return 1;
	}
	return 0;
}

int kl_filter_compile(struct kl_filter *f, const char *text, int spans,
		      char *err, size_t err_size)
{
	memset(f, 0, sizeof *f);
	f->text = strdup(text);
	if (f->text == NULL)
		return ENOMEM;
	if (text[0] == '\0') {
		f->kind = FILTER_NONE;
		f->pat = f->text;
	} else if (strncmp(text, "re:", 3) == 0) {
		f->kind = FILTER_REGEX;
		f->pat = f->text + 3;
		f->nosub = !spans;
		int rc = regcomp(&f->re, f->pat,
				 REG_EXTENDED | (spans ? 0 : REG_NOSUB));
		if (rc != 0) {
			if (err != NULL && err_size > 0)
				regerror(rc, &f->re, err, err_size);
			free(f->text);
			f->text = NULL;
			return EINVAL;
		}
		regex_literal(f->pat, f->lit, sizeof f->lit);
	} else if (strncmp(text, "glob:", 5) == 0) {
		f->kind = FILTER_GLOB;
		f->pat = f->text + 5;
		glob_literal(f->pat, f->lit, sizeof f->lit);
	} else {
		f->kind = FILTER_SUBSTR;
		f->pat = f->text;
		f->icase = 1;
		for (const char *p = f->pat; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				f->icase = 0;
	}
	return 0;
}
