/* SPDX-License-Identifier: MIT */
/* cli_keys.c - one scan of a table directory into a sorted list of keys. */
#include "cli/cli_keys.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Names are packed into one growing buffer (offsets while it may move,
 * pointers once it is complete): a million keys cost two allocations that
 * grow, not a million. */
struct cli_keys_builder {
	char *buf;
	size_t used, cap;
	size_t *offs;
	size_t count, offcap;
};

static int cli_keys_add(struct cli_keys_builder *b, const char *name,
			size_t len)
{
	if (b->used + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		while (cap < b->used + len + 1)
			cap *= 2;
		char *bigger = realloc(b->buf, cap);
		if (bigger == NULL)
			return ENOMEM;
		b->buf = bigger;
		b->cap = cap;
	}
	if (b->count == b->offcap) {
		size_t cap = b->offcap ? b->offcap * 2 : 256;
		size_t *bigger = realloc(b->offs, cap * sizeof *bigger);
		if (bigger == NULL)
			return ENOMEM;
		b->offs = bigger;
		b->offcap = cap;
	}
	memcpy(b->buf + b->used, name, len);
	b->buf[b->used + len] = '\0';
	b->offs[b->count++] = b->used;
	b->used += len + 1;
	return 0;
}

/* Is `e` a key (or, in the Go view, any NAME.kv)? Fills the name span. */
static int cli_keys_is_key(flockd_table *table,
			   const struct flockd_scan_entry *e, int go_view,
			   size_t *off, size_t *len)
{
	struct flockd_stat st;

	*off = e->key_off;
	*len = e->key_len;
	if (go_view && e->name_len > 3 &&
	    memcmp(e->name + e->name_len - 3, ".kv", 3) == 0) {
		*off = 0;
		*len = e->name_len - 3;
	} else if (e->kind != FLOCKD_ENTRY_KEY) {
		return 0;
	}
	if (e->d_type == DT_DIR)
		return 0;
	if (e->d_type != DT_UNKNOWN)
		return 1;
	/* File systems without d_type: ask. A vanished entry is no key. */
	return flockd_entry_stat(table, e->name, &st) == FLOCKD_OK &&
	       !S_ISDIR(st.mode);
}

static int cli_keys_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cli_keys_gather(flockd_table *table, int go_view,
			   struct cli_keys *keys);

int cli_keys_collect(flockd_table *table, struct cli_keys *keys)
{
	return cli_keys_gather(table, 0, keys);
}

int cli_keys_collect_go(flockd_table *table, struct cli_keys *keys)
{
	return cli_keys_gather(table, 1, keys);
}

static int cli_keys_gather(flockd_table *table, int go_view,
			   struct cli_keys *keys)
{
	struct cli_keys_builder b = {0};
	struct flockd_scan_entry entries[256];
	flockd_scan *scan = NULL;
	size_t n;
	int err;

	memset(keys, 0, sizeof *keys);
	err = flockd_scan_open(table, &scan);
	while (err == FLOCKD_OK) {
		err = flockd_scan_next(scan, entries, 256, &n);
		if (err != FLOCKD_OK || n == 0)
			break;
		for (size_t i = 0; i < n && err == FLOCKD_OK; i++) {
			const struct flockd_scan_entry *e = &entries[i];
			size_t off, len;
			if (cli_keys_is_key(table, e, go_view, &off, &len))
				err = cli_keys_add(&b, e->name + off, len);
		}
	}
	flockd_scan_close(scan);
	if (err == FLOCKD_OK && b.count > 0) {
		keys->names = malloc(b.count * sizeof *keys->names);
		if (keys->names == NULL)
			err = ENOMEM;
	}
	if (err != FLOCKD_OK) {
		free(b.buf);
		free(b.offs);
		return err;
	}
	for (size_t i = 0; i < b.count; i++)
		keys->names[i] = b.buf + b.offs[i];
	keys->count = b.count;
	keys->buf = b.buf;
	free(b.offs);
	if (keys->count > 1)
		qsort(keys->names, keys->count, sizeof *keys->names,
		      cli_keys_cmp);
	return FLOCKD_OK;
}

void cli_keys_free(struct cli_keys *keys)
{
	free(keys->names);
	free(keys->buf);
	memset(keys, 0, sizeof *keys);
}
