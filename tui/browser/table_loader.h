/* SPDX-License-Identifier: MIT */
/*
 * table_loader.h - feeds a table's directory into a key_list in slices, so
 * the browser keeps answering keys while a million names load. Also the
 * one place that decides which directory entries become rows (keys, and
 * leftovers worth a mark) and how their facts are fetched.
 */
#ifndef TUI_BROWSER_TABLE_LOADER_H
#define TUI_BROWSER_TABLE_LOADER_H

#include "flockd.h"

#include "browser/key_list.h"

#include <stddef.h>
#include <stdint.h>

/* A directory entry as a row of the key list. */
struct table_row_spec {
	const char *name; /* borrowed from the entry name */
	size_t len;
	int is_entry;     /* a leftover shown by its file name */
	unsigned marks;   /* enum key_list_mark */
};

/* table_row_classify - should directory entry `name` (d_type `dtype`, or
 * DT_UNKNOWN) be a row, and as what? By the store's classifier: a key is
 * a key row; every other file (temp, conflict copy, backup, a sync tool's
 * or an unknown file) is a row showing its file name with a mark. Returns
 * 1 and fills *out, or 0 for sub-tables and plain directories (where
 * nested tables live). */
int table_row_classify(const char *name, size_t len, unsigned char dtype,
		       struct table_row_spec *out);

/*
 * table_row_describe - what a row is, in the classifier's words, into buf
 * (snprintf rules: returns the length it wanted): "key", or the kind
 * name with the key it belongs to and what the name says about its maker
 * ("syncthing-conflict of carol, by ABCDEFG, 20260101-120000"). The key
 * and maker are raw bytes of the name: escape before showing.
 */
int table_row_describe(const char *name, size_t len, int is_entry,
		       char *buf, size_t size);

/* table_row_stat - a key_list_stat_fn; ctx is the flockd_table *. Sets
 * st->suspect for keys flockd_stat_suspect flags. */
int table_row_stat(void *ctx, const char *name, int is_entry,
		   struct key_list_stat *st);

struct table_loader;

/* table_loader_open - start listing `table` (borrowed; must outlive the
 * loader). Returns 0 or an error code of flockd_scan_open. */
int table_loader_open(flockd_table *table, struct table_loader **out);

/*
 * table_loader_step - read up to `max` directory entries into `kl` and
 * commit them. Returns 0 while more remain, 1 when the directory is done,
 * or an error code (positive errno / FLOCKD_E*; the loader is then done).
 */
int table_loader_step(struct table_loader *tl, struct key_list *kl,
		      size_t max);

/* table_loader_seen - directory entries read so far. */
uint64_t table_loader_seen(const struct table_loader *tl);

void table_loader_close(struct table_loader *tl);

#endif
