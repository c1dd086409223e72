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
	int err = selection_invert_ids(&kl->sel, ids, n);
	free(ids);
	return err;
}

void key_list_select_none(struct key_list *kl)
{
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

int key_list_select_copy(const struct key_list *from, struct key_list *to)
{
	/* Both lists are in name order: one walk along each (a name or two
	 * compared per pick) rather than a search per pick (about twenty).
	 * A million picks still take 0.4 s: the names are scattered in
	 * memory, and each comparison waits for two of them. */
	uint32_t pos = 0;
	for (uint32_t k = 0; k < from->n_live; k++) {
		uint32_t i = from->by_name[k];
		if (!selection_has(&from->sel, i))
			continue;
		const char *name = ename(from, i);
		size_t len = from->e[i].name_len;
		int c = 1;
		while (pos < to->n_live) {
			uint32_t j = to->by_name[pos];
			c = name_cmp(ename(to, j), to->e[j].name_len,
				     is_entry(to, j), name, len, 0);
			if (c >= 0)
				break;
			pos++;
		}
		if (pos < to->n_live && c == 0 &&
		    selection_set(&to->sel, to->by_name[pos], 1) == ENOMEM)
			return ENOMEM;
	}
	return 0;
}
