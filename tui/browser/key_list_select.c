/* SPDX-License-Identifier: MIT */
/*
 * key_list_select.c - the keys picked for a bulk action: a selection
 * (common/selection.h) over the list's entries, kept in step with them
 * (an entry that dies is dropped, compaction renumbers: key_list_commit.c).
 */
#include "browser/key_list_impl.h"

#include <errno.h>
#include <stdlib.h>

void kl_unselect(struct key_list *kl, uint32_t entry)
{
	kl->sel_gen++;
	selection_set(&kl->sel, entry, 0);
}

int key_list_select_row(struct key_list *kl, uint32_t row, int on,
			int *picked)
{
	if (row >= kl->n_rows || is_entry(kl, kl->rows[row]))
		return EINVAL;
	uint32_t i = kl->rows[row];
	if (on < 0)
		on = !selection_has(&kl->sel, i);
	kl->sel_gen++;
	if (selection_set(&kl->sel, i, on) == ENOMEM)
		return ENOMEM;
	if (picked != NULL)
		*picked = on;
	return 0;
}

int key_list_select_name(struct key_list *kl, const char *name, size_t len,
			 int on)
{
	int found;
	uint32_t pos = kl_lower_bound(kl, name, len, 0, &found);
	if (!found)
		return -1;
	kl->sel_gen++;
	return selection_set(&kl->sel, kl->by_name[pos], on) == ENOMEM ? ENOMEM
									: 0;
}

/* The keys among the rows shown (leftover files are never picked);
 * malloc'd, *n of them; NULL when memory runs out. */
static uint32_t *shown_keys(const struct key_list *kl, size_t *n)
{
	uint32_t *ids = malloc(((size_t)kl->n_rows + 1) * sizeof *ids);
	*n = 0;
	if (ids == NULL)
		return NULL;
	for (uint32_t r = 0; r < kl->n_rows; r++)
		if (!is_entry(kl, kl->rows[r]))
			ids[(*n)++] = kl->rows[r];
	return ids;
}

int key_list_select_shown(struct key_list *kl, int on)
{
	size_t n;
	uint32_t *ids = shown_keys(kl, &n);
	if (ids == NULL)
		return ENOMEM;
	kl->sel_gen++;
	int err = selection_set_ids(&kl->sel, ids, n, on);
	free(ids);
	return err;
}

int key_list_select_invert(struct key_list *kl)
{
	size_t n;
	uint32_t *ids = shown_keys(kl, &n);
	if (ids == NULL)
		return ENOMEM;
	kl->sel_gen++;
	int err = selection_invert_ids(&kl->sel, ids, n);
	free(ids);
	return err;
}

void key_list_select_none(struct key_list *kl)
{
	kl->sel_gen++;
	selection_clear(&kl->sel);
}

size_t key_list_selected(const struct key_list *kl)
{
	return selection_count(&kl->sel);
}

int key_list_selected_names(const struct key_list *kl,
			    int (*fn)(const char *name, size_t len,
				      void *ctx),
			    void *ctx)
{
	if (selection_count(&kl->sel) == 0)
		return 0;
	for (uint32_t k = 0; k < kl->n_live; k++) {
		uint32_t i = kl->by_name[k];
		if (!selection_has(&kl->sel, i))
			continue;
		int rc = fn(ename(kl, i), kl->e[i].name_len, ctx);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int walk(const struct key_list *kl, int files,
		int (*fn)(const char *name, size_t len, void *ctx), void *ctx)
{
	for (uint32_t k = 0; k < kl->n_live; k++) {
		uint32_t i = kl->by_name[k];
		if (is_entry(kl, i) != files)
			continue;
		int rc = fn(ename(kl, i), kl->e[i].name_len, ctx);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int key_list_keys(const struct key_list *kl,
		  int (*fn)(const char *name, size_t len, void *ctx),
		  void *ctx)
{
	return walk(kl, 0, fn, ctx);
}

int key_list_files(const struct key_list *kl,
		   int (*fn)(const char *name, size_t len, void *ctx),
		   void *ctx)
{
	return walk(kl, 1, fn, ctx);
}

int key_list_select_copy_step(const struct key_list *from,
			      struct key_list *to, struct kl_carry *st,
			      uint32_t budget)
{
	/* Either list changed since the last slice (a commit moves names,
	 * the user picked or dropped one): from the start again, the picks
	 * carried so far dropped. After a few such starts, the rest in one
	 * go: a list that keeps changing still gets its picks. */
	if (!st->started || st->from_sel != from->sel_gen ||
	    st->from_commits != from->commits ||
	    st->to_commits != to->commits) {
		if (st->started)
			st->restarts++;
		st->started = 1;
		st->k = st->pos = 0;
		st->from_sel = from->sel_gen;
		st->from_commits = from->commits;
		st->to_commits = to->commits;
		selection_clear(&to->sel);
		to->sel_gen++;
	}
	if (st->restarts >= KL_CARRY_RESTARTS)
		budget = UINT32_MAX;
	/* Both lists are in name order: one walk along each (a name or two
	 * compared per pick) rather than a search per pick (about twenty).
	 * A million picks still take 0.4 s: the names are scattered in
	 * memory, and each comparison waits for two of them. */
	uint32_t end = from->n_live - st->k > budget ? st->k + budget
						     : from->n_live;
	for (; st->k < end; st->k++) {
		uint32_t i = from->by_name[st->k];
		if (!selection_has(&from->sel, i))
			continue;
		const char *name = ename(from, i);
		size_t len = from->e[i].name_len;
		int c = 1;
		while (st->pos < to->n_live) {
			uint32_t j = to->by_name[st->pos];
			c = name_cmp(ename(to, j), to->e[j].name_len,
				     is_entry(to, j), name, len, 0);
			if (c >= 0)
				break;
			st->pos++;
		}
		if (st->pos < to->n_live && c == 0 &&
		    selection_set(&to->sel, to->by_name[st->pos], 1) == ENOMEM)
			return ENOMEM;
	}
	to->sel_gen++;
	return st->k == from->n_live;
}

int key_list_select_copy(const struct key_list *from, struct key_list *to)
{
	struct kl_carry st = {0};
	int rc = key_list_select_copy_step(from, to, &st, UINT32_MAX);
	return rc == ENOMEM ? ENOMEM : 0;
}
