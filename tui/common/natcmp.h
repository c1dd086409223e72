/* SPDX-License-Identifier: MIT */
/*
 * natcmp.h - natural order of byte strings ("key2" before "key10"), for
 * the key list's natural sort. Runs of ASCII digits compare by their
 * numeric value (any length: no overflow, leading zeros do not count),
 * every other byte as itself (bytewise, case-sensitive: the name sort's
 * order); strings equal that way ("a01", "a1") are ordered bytewise, so
 * the order is total and a sort by it is stable across runs. Plain C.
 */
#ifndef TUI_COMMON_NATCMP_H
#define TUI_COMMON_NATCMP_H

#include <stddef.h>

/* natcmp - <0, 0 or >0 as `a` (alen bytes) sorts before, with or after
 * `b` (blen bytes) in natural order; 0 only for equal bytes. Costs about
 * a memcmp where the strings differ outside digit runs. */
int natcmp(const char *a, size_t alen, const char *b, size_t blen);

#endif
