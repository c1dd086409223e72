/* SPDX-License-Identifier: MIT */
/*
 * key_list_filter.h - the key list's filter (key_list_filter.c), for
 * key_list.c and key_list_commit.c: compile, match one name, match all.
 * Internal to the key list.
 */
#ifndef TUI_BROWSER_KEY_LIST_FILTER_H
#define TUI_BROWSER_KEY_LIST_FILTER_H

#include "browser/key_list_impl.h"

/* kl_filter_compile - `text` as a filter into *f (overwritten); with
 * `spans` a regex also finds where it matches (kl_filter_span). 0,
 * ENOMEM, or EINVAL for a bad regex (regerror's words in err). */
int kl_filter_compile(struct kl_filter *f, const char *text, int spans,
		      char *err, size_t err_size);
void kl_filter_done(struct kl_filter *f);
int kl_filter_match(const struct kl_filter *f, const char *name, size_t len);
/* kl_filter_span - 1 and the bytes [*start, *end) of `name` that match
 * (the whole name for a glob, or a regex compiled without spans), or 0. */
int kl_filter_span(const struct kl_filter *f, const char *name, size_t len,
		   size_t *start, size_t *end);
/* kl_drop_lower - free the lower-case copy of the arena.
 * kl_keep_lower - bring the copy up to date with the names added since
 * (it grows with them, a batch at a time), and make it for a list of
 * KL_LOWER_EAGER names or more: on a million names, making it whole at
 * the first case-blind search would keep that keystroke waiting. */
#define KL_LOWER_EAGER 100000
void kl_drop_lower(struct key_list *kl);
void kl_keep_lower(struct key_list *kl);
/* kl_match_all - a malloc'd byte per entry (1: matches kl->filter), for
 * rebuilding the rows; NULL when memory runs out. */
uint8_t *kl_match_all(struct key_list *kl);
/* kl_match_with - the same for filter `f` (the search). */
uint8_t *kl_match_with(struct key_list *kl, const struct kl_filter *f);

#endif
