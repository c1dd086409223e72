/* SPDX-License-Identifier: MIT */
/*
 * key_list_search.c - finding keys without hiding rows: the search's
 * pattern (the filter's syntax), a byte per entry saying which match
 * (computed once per list state, in one pass over the names as a filter
 * is), the next match from the cursor, and where a name matches for the
 * highlight.
 */
#include "browser/key_list_filter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int key_list_set_search(struct key_list *kl, const char *text, char *err,
			size_t err_size)
{
	struct kl_filter nf;
	if (err != NULL && err_size > 0)
		err[0] = '\0';
	int rc = kl_filter_compile(&nf, text, 1, err, err_size);
	if (rc != 0)
		return rc;
	kl_filter_done(&kl->search);
	kl->search = nf;
	free(kl->search_hit);
	kl->search_hit = NULL;
	return 0;
}

const char *key_list_search(const struct key_list *kl)
{
	return kl->search.text != NULL ? kl->search.text : "";
}

int key_list_search_next(struct key_list *kl, int backward, int from_here)
{
	uint32_t n = kl->n_rows;
	if (kl->search.kind == FILTER_NONE || n == 0)
		return 0;
	if (kl->search_hit == NULL &&
	    (kl->search_hit = kl_match_with(kl, &kl->search)) == NULL)
		return 0;
	uint32_t cur = kl->cur < n ? kl->cur : 0;
	for (uint32_t step = from_here ? 0 : 1; step <= n; step++) {
		uint32_t r = backward ? (cur + n - step % n) % n
				      : (cur + step) % n;
		if (kl->search_hit[kl->rows[r]]) {
			key_list_set_cursor(kl, r);
			return 1;
		}
	}
	return 0;
}

int key_list_search_span(const struct key_list *kl, const char *name,
			 size_t len, size_t *start, size_t *end)
{
	return kl_filter_span(&kl->search, name, len, start, end);
}
