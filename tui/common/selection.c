/* SPDX-License-Identifier: MIT */
/*
 * selection.c - the multi-selection's bit array (selection.h).
 */
#include "common/selection.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void selection_init(struct selection *s)
{
	memset(s, 0, sizeof *s);
}

void selection_done(struct selection *s)
{
	free(s->bits);
	selection_init(s);
}

/* Room for ids up to `id`. */
static int reserve(struct selection *s, uint32_t id)
{
	size_t need = (size_t)id / 64 + 1;
	if (need <= s->words)
		return 0;
	size_t words = s->words ? s->words : 16;
	while (words < need)
		words *= 2;
	uint64_t *b = realloc(s->bits, words * sizeof *b);
	if (b == NULL)
		return ENOMEM;
	memset(b + s->words, 0, (words - s->words) * sizeof *b);
	s->bits = b;
	s->words = words;
	return 0;
}

int selection_has(const struct selection *s, uint32_t id)
{
	size_t w = (size_t)id / 64;
	return w < s->words && (s->bits[w] >> (id % 64) & 1u);
}

size_t selection_count(const struct selection *s)
{
	return s->count;
}

int selection_set(struct selection *s, uint32_t id, int on)
{
	if (id == SELECTION_NONE)
		return 0;
	if (selection_has(s, id) == (on != 0))
		return 0;
	if (on && reserve(s, id) != 0)
		return ENOMEM;
	s->bits[id / 64] ^= (uint64_t)1 << (id % 64);
	s->count += on ? 1 : (size_t)-1;
	return 1;
}

int selection_toggle(struct selection *s, uint32_t id)
{
	int on = !selection_has(s, id);
	int rc = selection_set(s, id, on);
	return rc == ENOMEM ? -ENOMEM : on;
}

/* Room for every id of the list. */
static int reserve_ids(struct selection *s, const uint32_t *ids, size_t n)
{
	uint32_t max = 0;
	int any = 0;
	for (size_t i = 0; i < n; i++)
		if (ids[i] != SELECTION_NONE && (!any || ids[i] > max)) {
			max = ids[i];
			any = 1;
		}
	return any ? reserve(s, max) : 0;
}

int selection_set_ids(struct selection *s, const uint32_t *ids, size_t n,
		      int on)
{
	if (on && reserve_ids(s, ids, n) != 0)
		return ENOMEM;
	for (size_t i = 0; i < n; i++) {
		uint32_t id = ids[i];
		if (id == SELECTION_NONE || (size_t)id / 64 >= s->words)
			continue;
		uint64_t bit = (uint64_t)1 << (id % 64), *w = &s->bits[id / 64];
		if (((*w & bit) != 0) != (on != 0)) {
			*w ^= bit;
			s->count += on ? 1 : (size_t)-1;
		}
	}
	return 0;
}

int selection_invert_ids(struct selection *s, const uint32_t *ids, size_t n)
{
	if (reserve_ids(s, ids, n) != 0)
		return ENOMEM;
	for (size_t i = 0; i < n; i++) {
		uint32_t id = ids[i];
		if (id == SELECTION_NONE)
			continue;
		uint64_t bit = (uint64_t)1 << (id % 64), *w = &s->bits[id / 64];
		*w ^= bit;
		s->count += (*w & bit) ? 1 : (size_t)-1;
	}
	return 0;
}

void selection_clear(struct selection *s)
{
	if (s->bits != NULL)
		memset(s->bits, 0, s->words * sizeof *s->bits);
	s->count = 0;
}

uint32_t selection_next(const struct selection *s, uint32_t from)
{
	size_t w = (size_t)from / 64;
	if (from == SELECTION_NONE || w >= s->words)
		return SELECTION_NONE;
	uint64_t word = s->bits[w] & (~(uint64_t)0 << (from % 64));
	for (;;) {
		if (word != 0) {
			size_t id = w * 64 + (size_t)__builtin_ctzll(word);
			return id >= SELECTION_NONE ? SELECTION_NONE
						    : (uint32_t)id;
		}
		if (++w >= s->words)
			return SELECTION_NONE;
		word = s->bits[w];
	}
}

int selection_remap(struct selection *s, const uint32_t *map, size_t n)
{
	struct selection out;
	selection_init(&out);
	for (uint32_t id = selection_next(s, 0); id != SELECTION_NONE;
	     id = selection_next(s, id + 1)) {
		if (id >= n || map[id] == SELECTION_NONE)
			continue;
		if (selection_set(&out, map[id], 1) == ENOMEM) {
			selection_done(&out);
			return ENOMEM;
		}
	}
	selection_done(s);
	*s = out;
	return 0;
}
