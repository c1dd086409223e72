/* SPDX-License-Identifier: MIT */
/*
 * change_log.c - the ring of recent changes (change_log.h).
 */
#include "browser/change_log.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MERGE_LOOKBACK 16 /* newest entries searched for a burst's key */

int change_log_init(struct change_log *cl, size_t cap)
{
	memset(cl, 0, sizeof *cl);
	cl->v = calloc(cap ? cap : 1, sizeof *cl->v);
	if (cl->v == NULL)
		return ENOMEM;
	cl->cap = cap ? cap : 1;
	return 0;
}

static void entry_free(struct change_entry *e)
{
	free(e->table);
	free(e->key);
	memset(e, 0, sizeof *e);
}

void change_log_done(struct change_log *cl)
{
	for (size_t i = 0; i < cl->cap && cl->v != NULL; i++)
		entry_free(&cl->v[i]);
	free(cl->v);
	memset(cl, 0, sizeof *cl);
}

size_t change_log_count(const struct change_log *cl)
{
	return cl->n;
}

const struct change_entry *change_log_get(const struct change_log *cl,
					  size_t i)
{
	if (i >= cl->n)
		return NULL;
	return &cl->v[(cl->head + cl->cap - 1 - i) % cl->cap];
}

static int same_key(const struct change_entry *e, const char *table,
		    const char *key, size_t len)
{
	return strcmp(e->table, table) == 0 && strlen(e->key) == len &&
	       memcmp(e->key, key, len) == 0;
}

/* The newest recent entry of the key, if a new event merges into it. */
static struct change_entry *burst_of(struct change_log *cl,
				     long long when_ms, const char *table,
				     const char *key, size_t len, int deleted)
{
	for (size_t i = 0; i < cl->n && i < MERGE_LOOKBACK; i++) {
		struct change_entry *e = (struct change_entry *)
			change_log_get(cl, i);
		if (when_ms - e->when_ms > CHANGE_MERGE_MS)
			return NULL; /* older ones are older still */
		if (!same_key(e, table, key, len))
			continue;
		return (e->kind == CHANGE_DELETED) == (deleted != 0) ? e
								      : NULL;
	}
	return NULL;
}

int change_log_add(struct change_log *cl, long long when_ms,
		   const char *table, const char *key, size_t len,
		   int deleted, int known)
{
	struct change_entry *e = burst_of(cl, when_ms, table, key, len,
					  deleted);
	if (e != NULL) {
		e->count++;
		e->when_ms = when_ms;
		return 0;
	}
	char *t = strdup(table), *k = strndup(key, len);
	if (t == NULL || k == NULL) {
		free(t);
		free(k);
		return ENOMEM;
	}
	e = &cl->v[cl->head];
	entry_free(e);
	e->when_ms = when_ms;
	e->kind = deleted ? CHANGE_DELETED
		  : known < 0 ? CHANGE_WRITTEN
		  : known ? CHANGE_CHANGED : CHANGE_CREATED;
	e->count = 1;
	e->table = t;
	e->key = k;
	cl->head = (cl->head + 1) % cl->cap;
	if (cl->n < cl->cap)
		cl->n++;
	cl->total++;
	return 0;
}

const char *change_kind_name(enum change_kind kind)
{
	switch (kind) {
	case CHANGE_CREATED: return "created";
	case CHANGE_CHANGED: return "changed";
	case CHANGE_WRITTEN: return "written";
	case CHANGE_DELETED: return "deleted";
	}
	return "?";
}
