/* SPDX-License-Identifier: MIT */
/*
 * key_list_commit.c - applying a batch of queued changes to the key list:
 * the last change of each name wins, new names merge into the name index
 * in place, the stat order follows, the cursor keeps its key.
 */
#include "browser/key_list_filter.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A name's first 16 bytes as two big-endian integers (names hold no NUL,
 * so zero padding sorts a shorter name first): most comparisons are
 * integer comparisons that touch no name, even when names share a
 * prefix such as "user-". */
struct sort_key {
	struct kl_prefix prefix;
	const char *name;
	uint32_t len;
	uint32_t tie; /* is_entry then queue position */
	uint32_t idx;
};

static struct kl_prefix name_prefix(const char *s, size_t len)
{
	unsigned char b[16] = {0};
	uint64_t hi, lo;

	memcpy(b, s, len < 16 ? len : 16);
	memcpy(&hi, b, 8);
	memcpy(&lo, b + 8, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	hi = __builtin_bswap64(hi);
	lo = __builtin_bswap64(lo);
#endif
	return (struct kl_prefix){hi, lo};
}

static int prefix_cmp(struct kl_prefix a, struct kl_prefix b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	if (a.lo != b.lo)
		return a.lo < b.lo ? -1 : 1;
	return 0;
}

static int sort_key_cmp(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	int c = prefix_cmp(a->prefix, b->prefix);
	if (c != 0)
		return c;
	if (a->len > 16 || b->len > 16) {
		size_t al = a->len > 16 ? a->len - 16 : 0;
		size_t bl = b->len > 16 ? b->len - 16 : 0;
		size_t m = al < bl ? al : bl;
		c = memcmp(a->name + 16, b->name + 16, m);
		if (c != 0)
			return c;
		if (al != bl)
			return al < bl ? -1 : 1;
	} else if (a->len != b->len) {
		return a->len < b->len ? -1 : 1;
	}
	if (a->tie != b->tie)
		return a->tie < b->tie ? -1 : 1;
	return 0;
}

static void kill_entry(struct key_list *kl, uint32_t i)
{
	kl->e[i].flags = (uint8_t)((kl->e[i].flags & ~KLF_LIVE) | KLF_DEAD);
	kl->n_dead++;
	kl_unselect(kl, i);
}

/* The entry the cursor should go to if its own entry died: the next live
 * one in the current rows, else the previous one. */
static uint32_t neighbour(const struct key_list *kl)
{
	for (uint32_t r = kl->cur + 1; r < kl->n_rows; r++)
		if (!(kl->e[kl->rows[r]].flags & KLF_DEAD))
			return kl->rows[r];
	for (uint32_t r = kl->cur; r-- > 0;)
		if (!(kl->e[kl->rows[r]].flags & KLF_DEAD))
			return kl->rows[r];
	return KEY_LIST_NONE;
}

/* Drop dead slots and their names once they are a quarter of the list. */
static int compact(struct key_list *kl)
{
	uint32_t *map;
	char *arena;
	uint32_t o = 0;
	size_t alen = 0;

	/* a sort in slices holds entry numbers: compact after it */
	if (kl->n_dead < 1024 || kl->n_dead < kl->n / 4 || kl->sorter != NULL)
		return 0;
	map = malloc((size_t)kl->n * sizeof *map);
	arena = malloc(kl->arena_len ? kl->arena_len : 1);
	if (map == NULL || arena == NULL) {
		free(map);
		free(arena);
		return ENOMEM;
	}
	for (uint32_t i = 0; i < kl->n; i++) {
		struct kl_entry *e = &kl->e[i];
		if (e->flags & KLF_DEAD) {
			map[i] = KEY_LIST_NONE;
			continue;
		}
		memcpy(arena + alen, kl->arena + e->name_off,
		       (size_t)e->name_len + 1);
		e->name_off = (uint32_t)alen;
		alen += (size_t)e->name_len + 1;
		map[i] = o;
		kl->e[o++] = *e;
	}
	for (uint32_t k = 0; k < kl->n_live; k++)
		kl->by_name[k] = map[kl->by_name[k]];
	if (kl->order_valid)
		for (uint32_t k = 0; k < kl->n_live; k++)
			kl->order[k] = map[kl->order[k]];
	for (uint32_t r = 0; r < kl->n_rows; r++)
		kl->rows[r] = map[kl->rows[r]];
	/* the picks follow their entries (no memory: they are dropped, as
	 * a failed remap must not pick other entries) */
	if (selection_remap(&kl->sel, map, kl->n) != 0)
		selection_clear(&kl->sel);
	free(map);
	free(kl->arena);
	kl_drop_lower(kl);
	kl->arena = arena;
	kl->arena_cap = kl->arena_len ? kl->arena_len : 1;
	kl->arena_len = alen;
	kl->n = o;
	kl->n_dead = 0;
	return 0;
}

static int qsort_fresh_cmp(const void *pa, const void *pb, void *ctx)
{
	return kl_qsort_stat_cmp(pa, pb, ctx);
}

/* Merge `fresh` (sorted by the stat order) into the old order of `old_n`
 * entries, dropping dead and moved ones. */
static int merge_order(struct key_list *kl, uint32_t old_n, uint32_t *fresh,
		       uint32_t nf)
{
	uint32_t *o = malloc(((size_t)kl->n_live + 1) * sizeof *o);
	uint32_t a = 0, b = 0, k = 0;

	if (o == NULL)
		return ENOMEM;
	qsort_r(fresh, nf, sizeof *fresh, qsort_fresh_cmp, kl);
	for (;;) {
		while (a < old_n &&
		       (kl->e[kl->order[a]].flags & (KLF_DEAD | KLF_MOVED)))
			a++;
		if (a >= old_n && b >= nf)
			break;
		if (b >= nf || (a < old_n && kl_stat_cmp(kl, kl->order[a],
						      fresh[b], kl->sort) < 0))
			o[k++] = kl->order[a++];
		else
			o[k++] = fresh[b++];
	}
	assert(k == kl->n_live);
	free(kl->order);
	kl->order = o;
	return 0;
}

/* Build the new by_name from the old one plus `ins` (entries with their
 * insertion positions, in order), dropping dead entries. */
struct insertion {
	uint32_t pos;
	uint32_t entry;
};

static void merge_by_name(struct key_list *kl, struct insertion *ins,
			  size_t n_ins, uint32_t new_live)
{
	uint32_t *a = kl->by_name;
	struct kl_prefix *p = kl->prefix;
	uint32_t w = 0;
	size_t j = 0;

	/* In place, so no batch allocates (and faults in) a new index:
	 * squeeze out the dead moving forward, then merge from the back.
	 * A batch that only adds (a listing) has no dead to squeeze out:
	 * the pass, which reads every entry's flags in name order (a cache
	 * miss each, most of a commit on a million keys), is skipped. */
	int squeeze = (size_t)kl->n_live + n_ins != new_live;
	if (!squeeze) {
		w = kl->n_live; /* every position stands */
		j = n_ins;
	}
	for (uint32_t r = 0; squeeze && r < kl->n_live; r++) {
		while (j < n_ins && ins[j].pos == r)
			ins[j++].pos = w;
		uint32_t i = a[r];
		if (!(kl->e[i].flags & KLF_DEAD)) {
			if (p != NULL)
				p[w] = p[r];
			a[w++] = i;
		}
	}
	while (j < n_ins)
		ins[j++].pos = w;
	int64_t src = (int64_t)w - 1, dst = (int64_t)new_live - 1;
	for (int64_t k = (int64_t)n_ins - 1; k >= 0; k--) {
		while (src >= (int64_t)ins[k].pos) {
			if (p != NULL)
				p[dst] = p[src];
			a[dst--] = a[src--];
		}
		uint32_t e = ins[k].entry;
		if (p != NULL)
			p[dst] = name_prefix(ename(kl, e), kl->e[e].name_len);
		a[dst--] = e;
	}
	assert(dst == src);
}

/* Compare by_name[pos] with a name whose prefix is `pfx`. */
static int cmp_at(const struct key_list *kl, uint32_t pos,
		  struct kl_prefix pfx, const char *name, size_t len, int ie)
{
	int c = prefix_cmp(kl->prefix[pos], pfx);
	if (c != 0)
		return c;
	uint32_t i = kl->by_name[pos];
	return name_cmp(ename(kl, i), kl->e[i].name_len, is_entry(kl, i),
			name, len, ie);
}

/* The first position >= the name, searching forward from `from` with
 * doubling steps (a sorted batch's positions only grow). */
static uint32_t gallop(const struct key_list *kl, uint32_t from,
		       struct kl_prefix pfx, const char *name, size_t len,
		       int ie)
{
	uint32_t n = kl->n_live, lo, hi, step = 1;

	if (from >= n || cmp_at(kl, from, pfx, name, len, ie) >= 0)
		return from;
	lo = from; /* by_name[lo] < name */
	while (lo + step < n && cmp_at(kl, lo + step, pfx, name, len, ie) < 0) {
		lo += step;
		step *= 2;
	}
	hi = lo + step < n ? lo + step : n; /* by_name[hi] >= name, or n */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (cmp_at(kl, mid, pfx, name, len, ie) < 0)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/* Room for `need` entries in by_name (and the prefixes while kept). */
static int reserve_by_name(struct key_list *kl, size_t need)
{
	size_t cap = kl->by_name_cap;
	if (need <= cap)
		return 0;
	if (kl_grow((void **)&kl->by_name, sizeof *kl->by_name, &cap, need))
		return ENOMEM;
	if (kl->prefix != NULL) {
		struct kl_prefix *p = realloc(kl->prefix, (cap + 1) * sizeof *p);
		if (p == NULL)
			return ENOMEM;
		kl->prefix = p;
	}
	kl->by_name_cap = (uint32_t)cap;
	return 0;
}

static int build_prefixes(struct key_list *kl)
{
	struct kl_prefix *p = malloc(((size_t)kl->by_name_cap + 1) * sizeof *p);
	if (p == NULL)
		return ENOMEM;
	for (uint32_t k = 0; k < kl->n_live; k++) {
		uint32_t i = kl->by_name[k];
		p[k] = name_prefix(ename(kl, i), kl->e[i].name_len);
	}
	free(kl->prefix);
	kl->prefix = p;
	return 0;
}

static void drop_queue(struct key_list *kl)
{
	kl->n_ops = 0;
	kl->rm_len = 0;
}

/* A batch of queued changes being merged. */
struct batch {
	struct sort_key *keys;   /* the ops by name */
	struct insertion *ins;   /* new live entries and where they go */
	uint32_t *fresh;         /* entries to place again in the stat order */
	size_t n_ins, n_fresh;
	uint32_t walk_pos;       /* the prefix walk's position */
	uint32_t new_live, new_files;
	int stat_order;          /* a stat sort's order is kept up to date */
};

static void batch_free(struct batch *b)
{
	free(b->keys);
	free(b->ins);
	free(b->fresh);
}

/* Room for the batch, and the ops sorted by name. 0 or ENOMEM. */
static int batch_start(struct key_list *kl, struct batch *b)
{
	memset(b, 0, sizeof *b);
	b->new_live = kl->n_live;
	b->new_files = kl->n_live_files;
	b->stat_order = kl->sort != KL_SORT_NAME && kl->order_valid;
	b->keys = malloc(kl->n_ops * sizeof *b->keys);
	b->ins = malloc(kl->n_ops * sizeof *b->ins);
	b->fresh = malloc(kl->n_ops * 2 * sizeof *b->fresh);
	if (b->keys == NULL || b->ins == NULL || b->fresh == NULL ||
	    reserve_by_name(kl, (size_t)kl->n_live + kl->n_ops + 1) != 0)
		return ENOMEM;
	/* A big batch (a listing) merges by one walk over prefixes; a few
	 * events use binary searches. */
	if (kl->prefix == NULL && kl->n_ops * 32 > kl->n_live &&
	    build_prefixes(kl) != 0)
		return ENOMEM;
	for (size_t k = 0; k < kl->n_ops; k++) {
		const struct kl_op *op = &kl->ops[k];
		const char *nm = (op->op == OP_ADD ? kl->arena : kl->rm_arena) +
				 op->off;
		b->keys[k] = (struct sort_key){
			.prefix = name_prefix(nm, op->len),
			.name = nm,
			.len = op->len,
			.tie = ((uint32_t)op->is_entry << 31) | (uint32_t)k,
			.idx = (uint32_t)k,
		};
	}
	qsort(b->keys, kl->n_ops, sizeof *b->keys, sort_key_cmp);
	return 0;
}

/* The end of the group of ops on the same name as op k. */
static size_t group_end(const struct key_list *kl, const struct batch *b,
			size_t k)
{
	const struct sort_key *a = &b->keys[k];
	size_t end = k + 1;
	while (end < kl->n_ops &&
	       prefix_cmp(b->keys[end].prefix, a->prefix) == 0 &&
	       b->keys[end].len == a->len &&
	       (b->keys[end].tie >> 31) == (a->tie >> 31) &&
	       memcmp(b->keys[end].name, a->name, a->len) == 0)
		end++;
	return end;
}

/* Where the name of op k is in by_name (*found: it is there). */
static uint32_t find_live(struct key_list *kl, struct batch *b, size_t k,
			  int is_entry_, int *found)
{
	const struct sort_key *a = &b->keys[k];
	if (kl->prefix == NULL)
		return kl_lower_bound(kl, a->name, a->len, is_entry_, found);
	b->walk_pos = gallop(kl, b->walk_pos, a->prefix, a->name, a->len,
			     is_entry_);
	*found = b->walk_pos < kl->n_live &&
		 cmp_at(kl, b->walk_pos, a->prefix, a->name, a->len,
			is_entry_) == 0;
	return b->walk_pos;
}

/* An add of a name that is live already: the old entry takes the new
 * facts (its facts are fetched again). */
static void readd(struct key_list *kl, struct batch *b, uint32_t old,
		  uint32_t added)
{
	struct kl_entry *oe = &kl->e[old], *ne = &kl->e[added];
	oe->dtype = ne->dtype;
	oe->marks = (uint16_t)((oe->marks &
				~(KL_MARK_CONFLICT | KL_MARK_TEMP |
				  KL_MARK_NOTREG | KL_MARK_BACKUP |
				  KL_MARK_STRAY | KL_MARK_CMP_THERE)) |
			       ne->marks);
	oe->flags &= (uint8_t)~KLF_STAT;
	if (kl->sorter != NULL)
		oe->flags |= KLF_RESORT;
	kill_entry(kl, added);
	if (b->stat_order) {
		oe->flags |= KLF_MOVED;
		b->fresh[b->n_fresh++] = old;
	}
}

/* The ops on one name, [k, end): only the last one counts. */
static void apply_group(struct key_list *kl, struct batch *b, size_t k,
			size_t end)
{
	/* Every add but the group's last change is superseded. */
	for (size_t g = k; g + 1 < end; g++) {
		const struct kl_op *op = &kl->ops[b->keys[g].idx];
		if (op->op == OP_ADD)
			kill_entry(kl, op->entry);
	}
	const struct kl_op *last = &kl->ops[b->keys[end - 1].idx];
	int found;
	uint32_t pos = find_live(kl, b, k, last->is_entry, &found);
	uint32_t old = found ? kl->by_name[pos] : KEY_LIST_NONE;
	if (last->op == OP_ADD && found) {
		readd(kl, b, old, last->entry);
	} else if (last->op == OP_ADD) {
		kl->e[last->entry].flags |= KLF_LIVE;
		if (kl->sorter != NULL)
			kl->e[last->entry].flags |= KLF_RESORT;
		b->ins[b->n_ins++] = (struct insertion){pos, last->entry};
		b->new_live++;
		b->new_files += last->is_entry ? 1 : 0;
		if (b->stat_order)
			b->fresh[b->n_fresh++] = last->entry;
	} else if (found) {
		b->new_files -= is_entry(kl, old) ? 1 : 0;
		kill_entry(kl, old);
		b->new_live--;
	}
}

/* The stat order with the batch's entries placed again. 0 or ENOMEM. */
static int update_order(struct key_list *kl, struct batch *b,
			uint32_t old_live)
{
	if (kl_sort_needs_facts(kl->sort))
		for (size_t k = 0; k < b->n_fresh; k++)
			kl_fetch_one(kl, b->fresh[k]);
	int err = merge_order(kl, old_live, b->fresh, (uint32_t)b->n_fresh);
	for (size_t k = 0; k < b->n_fresh; k++)
		kl->e[b->fresh[k]].flags &= (uint8_t)~KLF_MOVED;
	return err;
}

int key_list_commit(struct key_list *kl)
{
	struct batch b;
	uint32_t keep, old_live = kl->n_live;

	if (kl->n_ops == 0)
		return 0;
	kl->commits++;
	if (batch_start(kl, &b) != 0) {
		/* Nothing was applied: the queued adds were never live. */
		for (size_t k = 0; k < kl->n_ops; k++)
			if (kl->ops[k].op == OP_ADD)
				kill_entry(kl, kl->ops[k].entry);
		drop_queue(kl);
		batch_free(&b);
		return ENOMEM;
	}
	keep = kl_cur_entry(kl);
	for (size_t k = 0, end; k < kl->n_ops; k = end) {
		end = group_end(kl, &b, k);
		apply_group(kl, &b, k, end);
	}
	if (keep != KEY_LIST_NONE && (kl->e[keep].flags & KLF_DEAD))
		keep = neighbour(kl);
	merge_by_name(kl, b.ins, b.n_ins, b.new_live);
	kl->n_live = b.new_live;
	kl->n_live_files = b.new_files;
	int err = b.stat_order ? update_order(kl, &b, old_live) : 0;
	if (err == 0 && kl->pending)
		kl->pending = kl_count_missing(kl);
	if (err == 0)
		err = kl_rebuild_rows(kl, 0);
	drop_queue(kl);
	batch_free(&b);
	if (err != 0) {
		/* Out of memory half way: rebuild what shows from what we
		 * have. */
		kl->order_valid = 0;
		kl->sort = KL_SORT_NAME;
		kl_rebuild_rows(kl, 0);
		return ENOMEM;
	}
	kl_place_cursor(kl, keep);
	kl_try_want(kl);
	free(kl->search_hit); /* names came and went */
	kl->search_hit = NULL;
	err = compact(kl);
	kl_keep_lower(kl);
	return err;
}

/* ------------------------------------------------ storage housekeeping */

size_t key_list_memory(const struct key_list *kl, size_t *names)
{
	/* the lower-case copy is a second copy of the names */
	if (names != NULL)
		*names = kl->arena_len + (kl->lower ? kl->lower_len : 0);
	return sizeof *kl + kl->arena_cap + (kl->lower ? kl->lower_len : 0) +
	       (kl->prefix ? (size_t)kl->n_live * sizeof *kl->prefix : 0) + (size_t)kl->cap * sizeof *kl->e +
	       (size_t)kl->by_name_cap * 4 +
	       (kl->order_valid ? (size_t)kl->n_live * 4 : 0) +
	       (size_t)kl->rows_cap * 4 + kl->ops_cap * sizeof *kl->ops +
	       kl->rm_cap;
}

void key_list_shrink(struct key_list *kl)
{
	void *p;

	free(kl->prefix); /* rebuilt by the next big batch */
	kl->prefix = NULL;
	if (kl->n_ops == 0) {
		free(kl->ops);
		kl->ops = NULL;
		kl->ops_cap = 0;
		free(kl->rm_arena);
		kl->rm_arena = NULL;
		kl->rm_cap = kl->rm_len = 0;
	}
	if (kl->n > 0 && kl->cap > kl->n &&
	    (p = realloc(kl->e, (size_t)kl->n * sizeof *kl->e)) != NULL) {
		kl->e = p;
		kl->cap = kl->n;
	}
	if (kl->arena_len > 0 && kl->arena_cap > kl->arena_len &&
	    (p = realloc(kl->arena, kl->arena_len)) != NULL) {
		kl->arena = p;
		kl->arena_cap = kl->arena_len;
	}
	if (kl->n_live > 0 && kl->by_name_cap > kl->n_live &&
	    (p = realloc(kl->by_name, (size_t)kl->n_live * 4)) != NULL) {
		kl->by_name = p;
		kl->by_name_cap = kl->n_live;
	}
	if (kl->n_rows > 0 && kl->rows_cap > kl->n_rows &&
	    (p = realloc(kl->rows, (size_t)kl->n_rows * 4)) != NULL) {
		kl->rows = p;
		kl->rows_cap = kl->n_rows;
	}
}
