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

	if (kl->n_dead < 1024 || kl->n_dead < kl->n / 4)
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
	 * squeeze out the dead moving forward, then merge from the back. */
	for (uint32_t r = 0; r < kl->n_live; r++) {
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

int key_list_commit(struct key_list *kl)
{
	struct sort_key *keys = NULL;
	struct insertion *ins = NULL;
	uint32_t *fresh = NULL, walk_pos = 0;
	size_t n_ins = 0, n_fresh = 0;
	uint32_t keep, old_live = kl->n_live, new_live = kl->n_live;
	int err, stat_sort = kl->sort != KL_SORT_NAME;

	if (kl->n_ops == 0)
		return 0;
	keys = malloc(kl->n_ops * sizeof *keys);
	ins = malloc(kl->n_ops * sizeof *ins);
	fresh = malloc(kl->n_ops * 2 * sizeof *fresh);
	if (keys == NULL || ins == NULL || fresh == NULL ||
	    reserve_by_name(kl, (size_t)kl->n_live + kl->n_ops + 1) != 0)
		goto fail;
	/* A big batch (a listing) merges by one walk over prefixes; a few
	 * events use binary searches. */
	if (kl->prefix == NULL && kl->n_ops * 32 > kl->n_live &&
	    build_prefixes(kl) != 0)
		goto fail;
	for (size_t k = 0; k < kl->n_ops; k++) {
		const struct kl_op *op = &kl->ops[k];
		const char *nm = (op->op == OP_ADD ? kl->arena : kl->rm_arena) +
				 op->off;
		keys[k] = (struct sort_key){
			.prefix = name_prefix(nm, op->len),
			.name = nm,
			.len = op->len,
			.tie = ((uint32_t)op->is_entry << 31) | (uint32_t)k,
			.idx = (uint32_t)k,
		};
	}
	qsort(keys, kl->n_ops, sizeof *keys, sort_key_cmp);

	keep = kl_cur_entry(kl);
	for (size_t k = 0; k < kl->n_ops;) {
		size_t end = k + 1;
		while (end < kl->n_ops &&
		       prefix_cmp(keys[end].prefix, keys[k].prefix) == 0 &&
		       keys[end].len == keys[k].len &&
		       (keys[end].tie >> 31) == (keys[k].tie >> 31) &&
		       memcmp(keys[end].name, keys[k].name, keys[k].len) == 0)
			end++;
		/* Every add but the group's last change is superseded. */
		for (size_t g = k; g + 1 < end; g++) {
			const struct kl_op *op = &kl->ops[keys[g].idx];
			if (op->op == OP_ADD)
				kill_entry(kl, op->entry);
		}
		const struct kl_op *last = &kl->ops[keys[end - 1].idx];
		int found;
		uint32_t pos;
		if (kl->prefix != NULL) {
			walk_pos = gallop(kl, walk_pos, keys[k].prefix,
					  keys[k].name, keys[k].len,
					  last->is_entry);
			pos = walk_pos;
			found = pos < kl->n_live &&
				cmp_at(kl, pos, keys[k].prefix, keys[k].name,
				       keys[k].len, last->is_entry) == 0;
		} else {
			pos = kl_lower_bound(kl, keys[k].name, keys[k].len,
					  last->is_entry, &found);
		}
		uint32_t old = found ? kl->by_name[pos] : KEY_LIST_NONE;
		if (last->op == OP_ADD) {
			struct kl_entry *ne = &kl->e[last->entry];
			if (found) {
				struct kl_entry *oe = &kl->e[old];
				oe->dtype = ne->dtype;
				oe->marks = (uint16_t)((oe->marks &
					~(KL_MARK_CONFLICT | KL_MARK_TEMP |
					  KL_MARK_NOTREG |
					  KL_MARK_CMP_THERE)) | ne->marks);
				oe->flags &= (uint8_t)~KLF_STAT;
				kill_entry(kl, last->entry);
				if (stat_sort && kl->order_valid) {
					oe->flags |= KLF_MOVED;
					fresh[n_fresh++] = old;
				}
			} else {
				ne->flags |= KLF_LIVE;
				ins[n_ins++] = (struct insertion){pos, last->entry};
				new_live++;
				if (stat_sort && kl->order_valid)
					fresh[n_fresh++] = last->entry;
			}
		} else if (found) {
			kill_entry(kl, old);
			new_live--;
		}
		k = end;
	}
	if (keep != KEY_LIST_NONE && (kl->e[keep].flags & KLF_DEAD))
		keep = neighbour(kl);

	merge_by_name(kl, ins, n_ins, new_live);
	kl->n_live = new_live;
	if (stat_sort && kl->order_valid) {
		for (size_t k = 0; k < n_fresh; k++)
			kl_fetch_one(kl, fresh[k]);
		err = merge_order(kl, old_live, fresh, (uint32_t)n_fresh);
		for (size_t k = 0; k < n_fresh; k++)
			kl->e[fresh[k]].flags &= (uint8_t)~KLF_MOVED;
		if (err)
			goto fail_late;
	}
	if (kl->pending)
		kl->pending = kl_count_missing(kl);
	if (kl_rebuild_rows(kl, 0))
		goto fail_late;
	kl_place_cursor(kl, keep);
	kl_try_want(kl);
	drop_queue(kl);
	free(keys);
	free(ins);
	free(fresh);
	return compact(kl);

fail:
	/* Nothing was applied: the queued adds were never live. */
	for (size_t k = 0; k < kl->n_ops; k++)
		if (kl->ops[k].op == OP_ADD)
			kill_entry(kl, kl->ops[k].entry);
	drop_queue(kl);
	free(keys);
	free(ins);
	free(fresh);
	return ENOMEM;
fail_late:
	/* Out of memory half way: rebuild what shows from what we have. */
	kl->order_valid = 0;
	kl->sort = KL_SORT_NAME;
	drop_queue(kl);
	free(keys);
	free(ins);
	free(fresh);
	kl_rebuild_rows(kl, 0);
	return ENOMEM;
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
