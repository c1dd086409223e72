/* SPDX-License-Identifier: MIT */
/*
 * selection.h - a multi-selection over the items of a list, for bulk
 * actions: which items are picked, how many, in a bit per item. Items
 * are dense ids (0 .. 2^32-2) that the list owning them gives out: the
 * key list's entries, the rows of the check view or of a comparison.
 * Toggling, picking or inverting a whole list of ids (the rows a filter
 * shows) is one pass over a bit array, fast on a million items.
 *
 * Ownership: the selection owns its bits (selection_done frees them).
 * The owner of the ids keeps them meaningful: when it drops an item it
 * unselects it (selection_set(.., 0)), when it renumbers its items it
 * calls selection_remap. Plain C, no curses.
 */
#ifndef TUI_COMMON_SELECTION_H
#define TUI_COMMON_SELECTION_H

#include <stddef.h>
#include <stdint.h>

#define SELECTION_NONE UINT32_MAX /* "no item" in ids and remap tables */

struct selection {
	uint64_t *bits;  /* bit i: item i is picked */
	size_t words;    /* capacity, in 64-item words */
	size_t count;    /* items picked */
};

/* selection_init - an empty selection; selection_done frees it (and
 * leaves it empty and usable). */
void selection_init(struct selection *s);
void selection_done(struct selection *s);

/* selection_has - is item `id` picked? (false for ids never set) */
int selection_has(const struct selection *s, uint32_t id);

/* selection_count - how many items are picked. */
size_t selection_count(const struct selection *s);

/* selection_set - pick (on) or drop item `id`. Returns 1 when that
 * changed it, 0 when it already was so, ENOMEM (picking a new high id
 * needs room; nothing changed). */
int selection_set(struct selection *s, uint32_t id, int on);

/* selection_toggle - flip item `id`. Returns its new state (1 picked, 0
 * not), or -ENOMEM (nothing changed). */
int selection_toggle(struct selection *s, uint32_t id);

/* selection_set_ids - pick (on) or drop every item of ids[0..n); ids of
 * SELECTION_NONE are skipped. Returns 0 or ENOMEM (nothing changed). */
int selection_set_ids(struct selection *s, const uint32_t *ids, size_t n,
		      int on);

/* selection_invert_ids - flip every item of ids[0..n) (each id once in
 * the list). Returns 0 or ENOMEM (nothing changed). */
int selection_invert_ids(struct selection *s, const uint32_t *ids, size_t n);

/* selection_clear - drop every item (keeps the memory). */
void selection_clear(struct selection *s);

/* selection_next - the first picked id >= `from`, or SELECTION_NONE. */
uint32_t selection_next(const struct selection *s, uint32_t from);

/* selection_remap - the owner renumbered its items: item i is now
 * map[i] (SELECTION_NONE: gone), for i < n; ids >= n are dropped. The
 * new ids must be distinct. Returns 0 or ENOMEM (unchanged). */
int selection_remap(struct selection *s, const uint32_t *map, size_t n);

#endif
