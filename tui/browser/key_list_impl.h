/* SPDX-License-Identifier: MIT */
/*
 * key_list_impl.h - the key list's insides, shared by key_list.c (storage,
 * facts, sorting, cursor), key_list_filter.c (matching) and
 * key_list_commit.c (merging batches of changes). Not for other modules:
 * they use key_list.h.
 */
#ifndef TUI_BROWSER_KEY_LIST_IMPL_H
#define TUI_BROWSER_KEY_LIST_IMPL_H

#include "browser/key_list.h"
#include "common/selection.h"
#include "common/slice_sort.h"

#include <regex.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum {
	KLF_DEAD = 1u << 0,   /* removed; its slot waits for compaction */
	KLF_STAT = 1u << 1,   /* size/mtime are valid */
	KLF_ENTRY = 1u << 2,  /* a leftover file, not a key */
	KLF_MOVED = 1u << 3,  /* during commit: re-place in the stat order */
	KLF_LIVE = 1u << 4,   /* committed (in by_name) */
	KLF_RESORT = 1u << 5, /* new or changed while a sort runs in slices:
				 placed when it finishes */
};

#define STALE_SECONDS 3600 /* the default stale age */

struct kl_entry {
	uint32_t name_off;
	uint16_t name_len;
	uint16_t marks;
	uint8_t dtype;
	uint8_t flags;
	uint64_t size;
	int64_t mtime;
};

enum { OP_ADD = 1, OP_REMOVE = 2 };

struct kl_op {
	uint32_t off;   /* name: in arena (add) or rm_arena (remove) */
	uint32_t entry; /* add: the queued entry */
	uint16_t len;
	uint8_t op;
	uint8_t is_entry;
};

enum filter_kind { FILTER_NONE, FILTER_SUBSTR, FILTER_REGEX, FILTER_GLOB };

struct kl_filter {
	enum filter_kind kind;
	char *text;        /* as given; "" for none */
	const char *pat;   /* text past the prefix */
	int icase;
	int nosub;         /* the regex was compiled without spans */
	regex_t re;
	char lit[64];      /* a run of plain characters every match of a
			      glob or regex contains ("" if none): a memmem
			      over the arena picks the candidates that
			      fnmatch/regexec then check */
};

/* A sort running in slices (key_list_sort.c): the live entries as they
 * were when it started, sorted a slice at a time. */
struct kl_sorter {
	uint32_t *ids;     /* owned */
	uint32_t n;
	struct slice_sort ss;
};

/* The first 16 bytes of a name as two big-endian integers. */
struct kl_prefix {
	uint64_t hi, lo;
};

struct key_list {
	unsigned mark_mask; /* non-zero: only rows with one of these marks */
	char *arena;
	size_t arena_len, arena_cap;
	struct kl_entry *e;
	uint32_t n, cap, n_dead;

	uint32_t *by_name; /* live entries, by (name, is_entry) */
	uint32_t n_live, by_name_cap;
	uint32_t n_live_files; /* of n_live: leftover files (KLF_ENTRY) */
	struct kl_prefix *prefix; /* while listing: by_name's name
				     prefixes, so a batch merges with few
				     name comparisons */
	uint32_t *order;   /* live entries by the stat sort, when valid */
	int order_valid;
	uint32_t *rows;    /* what shows: filter applied, sort direction */
	uint32_t n_rows, rows_cap;

	struct kl_op *ops;
	size_t n_ops, ops_cap;
	char *rm_arena;
	size_t rm_len, rm_cap;

	enum key_list_sort sort, want_sort;
	int desc, want_desc;
	uint32_t pending; /* facts still missing for want_sort */
	uint32_t fetch_pos; /* by_name position the fact fetching resumes */
	struct kl_sorter *sorter; /* want_sort being sorted in slices */

	struct selection sel; /* picked entries (key_list_select.c) */
	uint64_t sel_gen;     /* counts changes of the picks */
	uint64_t commits;     /* counts commits that changed the list */
	struct kl_filter search; /* the search's pattern (FILTER_NONE: no
				    search) */
	uint8_t *search_hit; /* a byte per entry: matches the search (NULL:
				to be computed; every commit drops it) */

	struct kl_filter filter;

	uint32_t cur, top;
	char *want;
	size_t want_len;

	key_list_stat_fn stat_fn;
	void *stat_ctx;
	int64_t stale_s; /* a temp file older than this is stale */

	/* an ASCII-lower-cased copy of the arena, so a case-blind filter
	 * or search too is one memmem over all names (kl_keep_lower) */
	char *lower;
	size_t lower_len;
};

static inline const char *ename(const struct key_list *kl, uint32_t i)
{
	return kl->arena + kl->e[i].name_off;
}

static inline int is_entry(const struct key_list *kl, uint32_t i)
{
	return (kl->e[i].flags & KLF_ENTRY) != 0;
}

static inline int name_cmp(const char *a, size_t al, int ae, const char *b,
		    size_t bl, int be)
{
	size_t m = al < bl ? al : bl;
	int c = memcmp(a, b, m);
	if (c != 0)
		return c;
	if (al != bl)
		return al < bl ? -1 : 1;
	return ae - be;
}

static inline int entry_name_cmp(const struct key_list *kl, uint32_t a,
				 uint32_t b)
{
	return name_cmp(ename(kl, a), kl->e[a].name_len, is_entry(kl, a),
			ename(kl, b), kl->e[b].name_len, is_entry(kl, b));
}

/* key_list.c: growing arrays, lookups, facts, rows and the cursor */
int kl_grow(void **p, size_t elem, size_t *cap, size_t need);
int kl_grow32(uint32_t **p, uint32_t *cap, size_t need);
uint32_t kl_lower_bound(const struct key_list *kl, const char *name,
			size_t len, int ie, int *found);
void kl_fetch_one(struct key_list *kl, uint32_t i);
int kl_stat_cmp(const struct key_list *kl, uint32_t a, uint32_t b,
		enum key_list_sort sort);
int kl_qsort_stat_cmp(const void *pa, const void *pb, void *ctx);
int kl_rebuild_rows(struct key_list *kl, int narrow);
uint32_t kl_row_of(const struct key_list *kl, uint32_t entry);
uint32_t kl_cur_entry(const struct key_list *kl);
void kl_place_cursor(struct key_list *kl, uint32_t entry);
void kl_try_want(struct key_list *kl);
uint32_t kl_count_missing(const struct key_list *kl);
/* key_list_sort.c: the sort's needs, the slices, the end of a sort */
int kl_sort_needs_facts(enum key_list_sort sort);
void kl_sorter_free(struct key_list *kl);
/* key_list_select.c: an entry died (its pick goes) */
void kl_unselect(struct key_list *kl, uint32_t entry);
#endif
