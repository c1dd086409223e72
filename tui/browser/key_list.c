/* SPDX-License-Identifier: MIT */
/*
 * key_list.c - the keys pane's model: an arena of names, 32-byte entries,
 * index arrays by name / by the current sort / after the filter, lazily
 * fetched facts, the sort and the cursor. Filtering is in
 * key_list_filter.c, applying batches of changes in key_list_commit.c.
 */
#include "browser/key_list_filter.h"

#include <assert.h>
#include <errno.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int kl_grow(void **p, size_t elem, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c = c < 65536 ? c * 2 : c + c / 4; /* little slack at scale */
	void *q = realloc(*p, c * elem);
	if (q == NULL)
		return ENOMEM;
	*p = q;
	*cap = c;
	return 0;
}

int kl_grow32(uint32_t **p, uint32_t *cap, size_t need)
{
	size_t c = *cap;
	int err = kl_grow((void **)p, sizeof **p, &c, need);
	if (err == 0)
		*cap = (uint32_t)c;
	return err;
}

/* Position of (name, is_entry) in by_name, or where it would go. */
uint32_t kl_lower_bound(const struct key_list *kl, const char *name,
			    size_t len, int ie, int *found)
{
	uint32_t lo = 0, hi = kl->n_live;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2, i = kl->by_name[mid];
		if (name_cmp(ename(kl, i), kl->e[i].name_len, is_entry(kl, i),
			     name, len, ie) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	if (lo < kl->n_live) {
		uint32_t i = kl->by_name[lo];
		*found = name_cmp(ename(kl, i), kl->e[i].name_len,
				  is_entry(kl, i), name, len, ie) == 0;
	}
	return lo;
}

struct key_list *key_list_new(key_list_stat_fn fn, void *ctx)
{
	struct key_list *kl = calloc(1, sizeof *kl);
	if (kl == NULL)
		return NULL;
	kl->stat_fn = fn;
	kl->stat_ctx = ctx;
	kl->stale_s = STALE_SECONDS;
	kl->filter.text = strdup("");
	if (kl->filter.text == NULL) {
		free(kl);
		return NULL;
	}
	return kl;
}

void key_list_set_stale_age(struct key_list *kl, int64_t seconds)
{
	kl->stale_s = seconds;
}

void key_list_free(struct key_list *kl)
{
	if (kl == NULL)
		return;
	kl_filter_done(&kl->filter);
	kl_filter_done(&kl->search);
	free(kl->search_hit);
	kl_sorter_free(kl);
	selection_done(&kl->sel);
	free(kl->arena);
	free(kl->e);
	free(kl->by_name);
	free(kl->prefix);
	free(kl->order);
	free(kl->rows);
	free(kl->ops);
	free(kl->rm_arena);
	free(kl->want);
	free(kl->lower);
	free(kl);
}

static int push_op(struct key_list *kl, const struct kl_op *op)
{
	if (kl_grow((void **)&kl->ops, sizeof *kl->ops, &kl->ops_cap,
		 kl->n_ops + 1))
		return ENOMEM;
	kl->ops[kl->n_ops++] = *op;
	return 0;
}

int key_list_add(struct key_list *kl, const char *name, size_t len,
		 int is_entry_, unsigned char dtype, unsigned marks)
{
	size_t cap32;

	if (len == 0 || len > UINT16_MAX)
		return EINVAL;
	if (kl->arena_len + len + 1 > UINT32_MAX || kl->n == UINT32_MAX - 1)
		return ENOMEM;
	if (kl_grow((void **)&kl->arena, 1, &kl->arena_cap,
		 kl->arena_len + len + 1))
		return ENOMEM;
	cap32 = kl->cap;
	if (kl_grow((void **)&kl->e, sizeof *kl->e, &cap32, (size_t)kl->n + 1))
		return ENOMEM;
	kl->cap = (uint32_t)cap32;

	struct kl_op op = {
		.off = (uint32_t)kl->arena_len,
		.entry = kl->n,
		.len = (uint16_t)len,
		.op = OP_ADD,
		.is_entry = is_entry_ ? 1 : 0,
	};
	if (push_op(kl, &op))
		return ENOMEM;
	memcpy(kl->arena + kl->arena_len, name, len);
	kl->arena[kl->arena_len + len] = '\0';
	struct kl_entry *e = &kl->e[kl->n++];
	memset(e, 0, sizeof *e);
	e->name_off = (uint32_t)kl->arena_len;
	e->name_len = (uint16_t)len;
	e->marks = (uint16_t)marks;
	e->dtype = dtype;
	e->flags = is_entry_ ? KLF_ENTRY : 0;
	kl->arena_len += len + 1;
	return 0;
}

int key_list_remove(struct key_list *kl, const char *name, size_t len,
		    int is_entry_)
{
	if (len == 0 || len > UINT16_MAX)
		return EINVAL;
	if (kl->rm_len + len + 1 > UINT32_MAX)
		return ENOMEM;
	if (kl_grow((void **)&kl->rm_arena, 1, &kl->rm_cap, kl->rm_len + len + 1))
		return ENOMEM;
	struct kl_op op = {
		.off = (uint32_t)kl->rm_len,
		.entry = KEY_LIST_NONE,
		.len = (uint16_t)len,
		.op = OP_REMOVE,
		.is_entry = is_entry_ ? 1 : 0,
	};
	if (push_op(kl, &op))
		return ENOMEM;
	memcpy(kl->rm_arena + kl->rm_len, name, len);
	kl->rm_arena[kl->rm_len + len] = '\0';
	kl->rm_len += len + 1;
	return 0;
}

void kl_fetch_one(struct key_list *kl, uint32_t i)
{
	struct kl_entry *e = &kl->e[i];
	struct key_list_stat st = {0, 0, 1, 0};

	if ((e->flags & KLF_STAT) || kl->stat_fn == NULL)
		return;
	e->flags |= KLF_STAT;
	e->marks &= (uint16_t)~(KL_MARK_GONE | KL_MARK_EMPTY | KL_MARK_STALE |
				KL_MARK_SUSPECT);
	if (kl->stat_fn(kl->stat_ctx, ename(kl, i), is_entry(kl, i), &st)) {
		e->marks |= KL_MARK_GONE;
		e->size = 0;
		e->mtime = 0;
		return;
	}
	e->size = st.size;
	e->mtime = st.mtime;
	if (!st.regular)
		e->marks |= KL_MARK_NOTREG;
	else
		e->marks &= (uint16_t)~KL_MARK_NOTREG;
	if (st.regular && st.size == 0 && !is_entry(kl, i))
		e->marks |= KL_MARK_EMPTY;
	if (st.suspect && !is_entry(kl, i))
		e->marks |= KL_MARK_SUSPECT;
	if ((e->marks & KL_MARK_TEMP) &&
	    (int64_t)time(NULL) - st.mtime > kl->stale_s)
		e->marks |= KL_MARK_STALE;
}

void key_list_fetch(struct key_list *kl, uint32_t first, uint32_t count)
{
	for (uint32_t r = first; r < kl->n_rows && r - first < count; r++)
		kl_fetch_one(kl, kl->rows[r]);
}

void key_list_invalidate_stats(struct key_list *kl)
{
	/* The stat order keeps the old facts until the rows are fetched. */
	for (uint32_t i = 0; i < kl->n; i++)
		kl->e[i].flags &= (uint8_t)~KLF_STAT;
}

/* Rebuild rows from the sorted source, optionally only narrowing the rows
 * already shown (a longer substring filter). */
int kl_rebuild_rows(struct key_list *kl, int narrow)
{
	const uint32_t *src = kl->sort == KL_SORT_NAME ? kl->by_name : kl->order;
	uint32_t n = narrow ? kl->n_rows : kl->n_live, o = 0;

	if (!narrow && kl_grow32(&kl->rows, &kl->rows_cap, n ? n : 1))
		return ENOMEM;
	if (narrow) {
		for (uint32_t r = 0; r < n; r++) {
			uint32_t i = kl->rows[r];
			if (kl_filter_match(&kl->filter, ename(kl, i),
					 kl->e[i].name_len))
				kl->rows[o++] = i;
		}
	} else if (kl->filter.kind == FILTER_NONE) {
		if (kl->desc)
			for (uint32_t k = 0; k < n; k++)
				kl->rows[k] = src[n - 1 - k];
		else if (n)
			memcpy(kl->rows, src, n * sizeof *src);
		o = n;
	} else {
		/* Match in arena order (sequential memory), then pick the
		 * rows in sort order from the bitmap. */
		uint8_t *hit = kl_match_all(kl);
		if (hit == NULL)
			return ENOMEM;
		for (uint32_t k = 0; k < n; k++) {
			uint32_t i = src[kl->desc ? n - 1 - k : k];
			if (hit[i])
				kl->rows[o++] = i;
		}
		free(hit);
	}
	if (kl->mark_mask != 0 && !narrow) {
		uint32_t k = 0;
		for (uint32_t r = 0; r < o; r++)
			if (kl->e[kl->rows[r]].marks & kl->mark_mask)
				kl->rows[k++] = kl->rows[r];
		o = k;
	}
	kl->n_rows = o;
	return 0;
}

uint32_t kl_row_of(const struct key_list *kl, uint32_t entry)
{
	if (entry == KEY_LIST_NONE)
		return KEY_LIST_NONE;
	for (uint32_t r = 0; r < kl->n_rows; r++)
		if (kl->rows[r] == entry)
			return r;
	return KEY_LIST_NONE;
}

uint32_t kl_cur_entry(const struct key_list *kl)
{
	return kl->cur < kl->n_rows ? kl->rows[kl->cur] : KEY_LIST_NONE;
}

void kl_place_cursor(struct key_list *kl, uint32_t entry)
{
	uint32_t r = kl_row_of(kl, entry);
	if (r != KEY_LIST_NONE)
		kl->cur = r;
	else if (kl->cur >= kl->n_rows)
		kl->cur = kl->n_rows ? kl->n_rows - 1 : 0;
}

void kl_try_want(struct key_list *kl)
{
	int found;
	if (kl->want == NULL)
		return;
	uint32_t pos = kl_lower_bound(kl, kl->want, kl->want_len, 0, &found);
	if (!found)
		return;
	uint32_t r = kl_row_of(kl, kl->by_name[pos]);
	if (r == KEY_LIST_NONE)
		return;
	kl->cur = r;
	free(kl->want);
	kl->want = NULL;
}

uint32_t key_list_count(const struct key_list *kl)
{
	return kl->n_live;
}

uint32_t key_list_count_files(const struct key_list *kl)
{
	return kl->n_live_files;
}

uint32_t key_list_rows(const struct key_list *kl)
{
	return kl->n_rows;
}

int key_list_row(const struct key_list *kl, uint32_t row,
		 struct key_list_row *out)
{
	if (row >= kl->n_rows)
		return -1;
	uint32_t i = kl->rows[row];
	const struct kl_entry *e = &kl->e[i];
	out->name = ename(kl, i);
	out->name_len = e->name_len;
	out->is_entry = is_entry(kl, i);
	out->dtype = e->dtype;
	out->marks = e->marks;
	if (selection_has(&kl->sel, i))
		out->marks |= KL_MARK_SELECTED;
	out->have_stat = (e->flags & KLF_STAT) != 0;
	out->size = e->size;
	out->mtime = e->mtime;
	out->entry = i;
	return 0;
}

uint32_t key_list_cursor(const struct key_list *kl)
{
	return kl->cur;
}

void key_list_set_cursor(struct key_list *kl, uint32_t row)
{
	if (kl->n_rows == 0)
		row = 0;
	else if (row >= kl->n_rows)
		row = kl->n_rows - 1;
	kl->cur = row;
	free(kl->want);
	kl->want = NULL;
}

void key_list_move(struct key_list *kl, long delta)
{
	long r = (long)kl->cur + delta;
	if (r < 0)
		r = 0;
	key_list_set_cursor(kl, (uint32_t)(r > (long)UINT32_MAX ? UINT32_MAX
								 : r));
}

uint32_t key_list_find(const struct key_list *kl, const char *name,
		       size_t len, int is_entry_)
{
	int found;
	uint32_t pos = kl_lower_bound(kl, name, len, is_entry_, &found);
	return found ? kl_row_of(kl, kl->by_name[pos]) : KEY_LIST_NONE;
}

int key_list_want(struct key_list *kl, const char *name, size_t len)
{
	char *w = malloc(len + 1);
	if (w == NULL)
		return ENOMEM;
	memcpy(w, name, len);
	w[len] = '\0';
	free(kl->want);
	kl->want = w;
	kl->want_len = len;
	kl_try_want(kl);
	return kl->want == NULL ? 1 : 0;
}

int key_list_wanting(const struct key_list *kl)
{
	return kl->want != NULL;
}

uint32_t key_list_scroll(struct key_list *kl, uint32_t height)
{
	if (height == 0)
		return kl->top;
	if (kl->cur < kl->top)
		kl->top = kl->cur;
	else if (kl->cur >= kl->top + height)
		kl->top = kl->cur - height + 1;
	if (kl->n_rows <= height)
		kl->top = 0;
	else if (kl->top > kl->n_rows - height)
		kl->top = kl->n_rows - height;
	return kl->top;
}

void key_list_set_top(struct key_list *kl, long top, uint32_t height)
{
	long max = kl->n_rows > height ? (long)(kl->n_rows - height) : 0;
	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	kl->top = (uint32_t)top;
	if (height == 0)
		return;
	if (kl->cur < kl->top)
		kl->cur = kl->top;
	else if (kl->cur >= kl->top + height)
		kl->cur = kl->top + height - 1;
	if (kl->n_rows && kl->cur >= kl->n_rows)
		kl->cur = kl->n_rows - 1;
}

size_t key_list_pending(const struct key_list *kl)
{
	return kl->n_ops;
}

int key_list_mark(struct key_list *kl, const char *name, size_t len,
		  int is_entry_, unsigned set, unsigned clear)
{
	int found;
	uint32_t pos = kl_lower_bound(kl, name, len, is_entry_, &found);
	if (!found)
		return -1;
	struct kl_entry *e = &kl->e[kl->by_name[pos]];
	e->marks = (uint16_t)((e->marks & ~clear) | set);
	return 0;
}

void key_list_mark_names(struct key_list *kl, const char *const *names,
			 size_t n, const unsigned *set, unsigned clear,
			 unsigned char *found)
{
	uint32_t k = 0;
	int at;
	/* from the first name on: marking a few names of a big list (a
	 * comparison's latest results) costs a search, not a walk */
	if (n > 0)
		k = kl_lower_bound(kl, names[0], strlen(names[0]), 0, &at);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		int c = 1;
		/* keys only: a leftover file of the same name is not it */
		while (k < kl->n_live &&
		       (c = name_cmp(ename(kl, kl->by_name[k]),
				     kl->e[kl->by_name[k]].name_len, 0,
				     names[i], len, 0)) < 0)
			k++;
		while (c == 0 && is_entry(kl, kl->by_name[k]) && ++k < kl->n_live)
			c = name_cmp(ename(kl, kl->by_name[k]),
				     kl->e[kl->by_name[k]].name_len, 0,
				     names[i], len, 0);
		int hit = k < kl->n_live && c == 0 &&
			  !is_entry(kl, kl->by_name[k]);
		if (hit && set[i] != 0) {
			struct kl_entry *e = &kl->e[kl->by_name[k]];
			e->marks = (uint16_t)((e->marks & ~clear) | set[i]);
		}
		if (found != NULL)
			found[i] = (unsigned char)hit;
	}
}

int key_list_marks_of(const struct key_list *kl, const char *name,
		      size_t len, int is_entry_, unsigned *marks)
{
	int found;
	uint32_t pos = kl_lower_bound(kl, name, len, is_entry_, &found);
	if (!found)
		return -1;
	*marks = kl->e[kl->by_name[pos]].marks;
	return 0;
}

void key_list_clear_marks(struct key_list *kl, unsigned bits)
{
	for (uint32_t i = 0; i < kl->n; i++)
		kl->e[i].marks &= (uint16_t)~bits;
}

/* ------------------------------------------------------------ filter */

int key_list_matches(const struct key_list *kl, const char *name, size_t len)
{
	return kl_filter_match(&kl->filter, name, len);
}

const char *key_list_filter(const struct key_list *kl)
{
	return kl->filter.text;
}

int key_list_set_mark_filter(struct key_list *kl, unsigned mask)
{
	uint32_t keep = kl_cur_entry(kl);
	kl->mark_mask = mask;
	if (kl_rebuild_rows(kl, 0))
		return ENOMEM;
	uint32_t r = kl_row_of(kl, keep);
	if (r != KEY_LIST_NONE)
		kl->cur = r;
	else if (kl->cur >= kl->n_rows)
		kl->cur = kl->n_rows ? kl->n_rows - 1 : 0;
	return 0;
}

unsigned key_list_mark_filter(const struct key_list *kl)
{
	return kl->mark_mask;
}

int key_list_set_filter(struct key_list *kl, const char *text, char *err,
			size_t err_size)
{
	struct kl_filter nf;
	int narrow, rc;
	uint32_t keep = kl_cur_entry(kl);

	if (err != NULL && err_size > 0)
		err[0] = '\0';
	rc = kl_filter_compile(&nf, text, 0, err, err_size);
	if (rc != 0)
		return rc;
	narrow = nf.kind == FILTER_SUBSTR && kl->filter.kind == FILTER_SUBSTR &&
		 nf.icase == kl->filter.icase &&
		 strstr(nf.pat, kl->filter.pat) != NULL;
	kl_filter_done(&kl->filter);
	kl->filter = nf;
	if (kl_rebuild_rows(kl, narrow))
		return ENOMEM;
	uint32_t r = kl_row_of(kl, keep);
	kl->cur = r != KEY_LIST_NONE ? r : 0;
	kl->top = 0;
	return 0;
}
