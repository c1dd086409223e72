/* SPDX-License-Identifier: MIT */
/* edbuf.c - editor document: gap buffer + undo/redo history. */
#include "editor/edbuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define NEVER_SAVED ((size_t)-1)

static size_t count_newlines(const void *data, size_t len)
{
	size_t n = 0;
	if (len == 0)
		return 0;
	const char *p = data, *end = p + len;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Every change of the bytes goes through here. */
static void changed(struct edbuf *eb, size_t pos, const void *bytes,
		    size_t len, int inserted)
{
	size_t nl = count_newlines(bytes, len);
	if (inserted)
		eb->newlines += nl;
	else
		eb->newlines -= nl;
	if (pos < eb->change_low)
		eb->change_low = pos;
	eb->version++;
}

size_t edbuf_take_change_low(struct edbuf *eb)
{
	size_t low = eb->change_low;
	eb->change_low = (size_t)-1;
	return low;
}

int edbuf_init(struct edbuf *eb, const void *data, size_t len)
{
	memset(eb, 0, sizeof *eb);
	eb->next_step = 1;
	eb->change_low = (size_t)-1;
	int err = gapbuf_init(&eb->gb, data, len);
	if (!err)
		eb->newlines = count_newlines(data, len);
	return err;
}

void edbuf_init_take(struct edbuf *eb, void *data, size_t len)
{
	memset(eb, 0, sizeof *eb);
	eb->next_step = 1;
	eb->change_low = (size_t)-1;
	eb->newlines = count_newlines(data, len);
	gapbuf_adopt(&eb->gb, data, len);
}

static void drop_edits(struct edbuf *eb, size_t from)
{
	for (size_t i = from; i < eb->n; i++)
		free(eb->edits[i].bytes);
	eb->n = from;
	if (eb->applied > from)
		eb->applied = from;
}

void edbuf_done(struct edbuf *eb)
{
	drop_edits(eb, 0);
	free(eb->edits);
	gapbuf_done(&eb->gb);
	memset(eb, 0, sizeof *eb);
}

int edbuf_reset(struct edbuf *eb, const void *data, size_t len)
{
	struct gapbuf fresh;
	int err = gapbuf_init(&fresh, data, len);
	if (err) {
		gapbuf_done(&fresh);
		return err;
	}
	gapbuf_done(&eb->gb);
	eb->gb = fresh;
	drop_edits(eb, 0);
	eb->saved_at = 0;
	eb->merge_open = 0;
	eb->version++;
	eb->newlines = count_newlines(data, len);
	eb->change_low = 0;
	return 0;
}

void edbuf_reset_take(struct edbuf *eb, void *data, size_t len)
{
	gapbuf_done(&eb->gb);
	drop_edits(eb, 0);
	eb->newlines = count_newlines(data, len);
	gapbuf_adopt(&eb->gb, data, len);
	eb->saved_at = 0;
	eb->merge_open = 0;
	eb->version++;
	eb->change_low = 0;
}

void edbuf_group_begin(struct edbuf *eb)
{
	if (eb->group_depth++ == 0) {
		eb->group_step = eb->next_step++;
		eb->merge_open = 0;
	}
}

void edbuf_group_end(struct edbuf *eb)
{
	if (eb->group_depth > 0 && --eb->group_depth == 0)
		eb->merge_open = 0;
}

void edbuf_break(struct edbuf *eb)
{
	eb->merge_open = 0;
}

/* Can this edit join the last recorded one? */
static int can_merge(const struct edbuf *eb, int is_insert, size_t pos,
		     enum edbuf_merge merge)
{
	if (merge == EDBUF_MERGE_NONE || !eb->merge_open ||
	    eb->group_depth > 0 || eb->applied == 0 ||
	    eb->applied != eb->n || eb->saved_at == eb->applied)
		return 0;
	const struct edbuf_edit *last = &eb->edits[eb->applied - 1];
	if (last->merge != merge || last->is_insert != is_insert)
		return 0;
	switch (merge) {
	case EDBUF_MERGE_TYPING:
		return pos == last->pos + last->len;
	case EDBUF_MERGE_BACKSPACE:
	case EDBUF_MERGE_DELETE:
		return pos == last->pos;
	default:
		return 0;
	}
}

static int reserve_bytes(struct edbuf_edit *e, size_t need)
{
	if (need <= e->cap)
		return 0;
	size_t cap = e->cap ? e->cap : 16;
	while (cap < need)
		cap *= 2;
	unsigned char *nb = realloc(e->bytes, cap);
	if (nb == NULL)
		return ENOMEM;
	e->bytes = nb;
	e->cap = cap;
	return 0;
}

/* Record a new edit (bytes copied); drops the redo tail. */
static int record(struct edbuf *eb, int is_insert, size_t pos,
		  const unsigned char *bytes, size_t len,
		  enum edbuf_merge merge)
{
	if (eb->saved_at != NEVER_SAVED && eb->saved_at > eb->applied)
		eb->saved_at = NEVER_SAVED; /* the saved state is being cut off */
	drop_edits(eb, eb->applied);
	if (eb->n == eb->cap) {
		size_t cap = eb->cap ? eb->cap * 2 : 64;
		struct edbuf_edit *ne = realloc(eb->edits, cap * sizeof *ne);
		if (ne == NULL)
			return ENOMEM;
		eb->edits = ne;
		eb->cap = cap;
	}
	struct edbuf_edit *e = &eb->edits[eb->n];
	memset(e, 0, sizeof *e);
	if (reserve_bytes(e, len ? len : 1))
		return ENOMEM;
	memcpy(e->bytes, bytes, len);
	e->is_insert = is_insert;
	e->merge = merge;
	e->pos = pos;
	e->len = len;
	e->step = eb->group_depth > 0 ? eb->group_step : eb->next_step++;
	eb->n++;
	eb->applied = eb->n;
	eb->merge_open = merge != EDBUF_MERGE_NONE;
	return 0;
}

int edbuf_insert(struct edbuf *eb, size_t pos, const void *data, size_t len,
		 enum edbuf_merge merge)
{
	if (len == 0)
		return 0;
	if (can_merge(eb, 1, pos, merge)) {
		struct edbuf_edit *last = &eb->edits[eb->applied - 1];
		if (reserve_bytes(last, last->len + len))
			return ENOMEM;
		if (gapbuf_insert(&eb->gb, pos, data, len))
			return ENOMEM;
		memcpy(last->bytes + last->len, data, len);
		last->len += len;
		changed(eb, pos, data, len, 1);
		return 0;
	}
	int err = gapbuf_insert(&eb->gb, pos, data, len);
	if (err)
		return err;
	err = record(eb, 1, pos, data, len, merge);
	if (err)
		gapbuf_delete(&eb->gb, pos, len);
	else
		changed(eb, pos, data, len, 1);
	return err;
}

int edbuf_delete(struct edbuf *eb, size_t pos, size_t len,
		 enum edbuf_merge merge)
{
	if (len == 0)
		return 0;
	unsigned char *copy = malloc(len);
	if (copy == NULL)
		return ENOMEM;
	gapbuf_copy(&eb->gb, pos, copy, len);
	int err = 0;
	int merged = 0;
	if (merge == EDBUF_MERGE_BACKSPACE &&
	    can_merge(eb, 0, pos + len, merge)) {
		/* deleting backwards: the new bytes go before the old ones */
		struct edbuf_edit *last = &eb->edits[eb->applied - 1];
		err = reserve_bytes(last, last->len + len);
		if (!err) {
			memmove(last->bytes + len, last->bytes, last->len);
			memcpy(last->bytes, copy, len);
			last->len += len;
			last->pos = pos;
			merged = 1;
		}
	} else if (merge == EDBUF_MERGE_DELETE && can_merge(eb, 0, pos, merge)) {
		struct edbuf_edit *last = &eb->edits[eb->applied - 1];
		err = reserve_bytes(last, last->len + len);
		if (!err) {
			memcpy(last->bytes + last->len, copy, len);
			last->len += len;
			merged = 1;
		}
	} else {
		err = record(eb, 0, pos, copy, len, merge);
		merged = !err;
	}
	if (!err && merged) {
		gapbuf_delete(&eb->gb, pos, len);
		changed(eb, pos, copy, len, 0);
	}
	free(copy);
	return err;
}

/* Apply edit e forwards (redo) or backwards (undo). */
static int apply(struct edbuf *eb, const struct edbuf_edit *e, int forward)
{
	if (e->is_insert == forward) {
		int err = gapbuf_insert(&eb->gb, e->pos, e->bytes, e->len);
		if (!err)
			changed(eb, e->pos, e->bytes, e->len, 1);
		return err;
	}
	gapbuf_delete(&eb->gb, e->pos, e->len);
	changed(eb, e->pos, e->bytes, e->len, 0);
	return 0;
}

int edbuf_undo(struct edbuf *eb, size_t *cursor)
{
	if (eb->applied == 0)
		return 0;
	eb->merge_open = 0;
	unsigned long step = eb->edits[eb->applied - 1].step;
	while (eb->applied > 0 && eb->edits[eb->applied - 1].step == step) {
		const struct edbuf_edit *e = &eb->edits[eb->applied - 1];
		int err = apply(eb, e, 0);
		if (err)
			return err;
		*cursor = e->is_insert ? e->pos : e->pos + e->len;
		eb->applied--;
	}
	return 1;
}

int edbuf_redo(struct edbuf *eb, size_t *cursor)
{
	if (eb->applied == eb->n)
		return 0;
	eb->merge_open = 0;
	unsigned long step = eb->edits[eb->applied].step;
	while (eb->applied < eb->n && eb->edits[eb->applied].step == step) {
		const struct edbuf_edit *e = &eb->edits[eb->applied];
		int err = apply(eb, e, 1);
		if (err)
			return err;
		*cursor = e->is_insert ? e->pos + e->len : e->pos;
		eb->applied++;
	}
	return 1;
}

void edbuf_mark_saved(struct edbuf *eb)
{
	eb->saved_at = eb->applied;
	eb->merge_open = 0;
}

int edbuf_modified(const struct edbuf *eb)
{
	return eb->saved_at != eb->applied;
}
