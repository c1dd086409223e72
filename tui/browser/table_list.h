/* SPDX-License-Identifier: MIT */
/*
 * table_list.h - the tables pane's model: the root and every table as a
 * tree by path ("users/archive" under "users"), with folders that are
 * not tables themselves ("a" when only "a/b" exists) shown as branches;
 * branches expand and collapse, and a filter shows the matching tables
 * as a flat list of full paths (thousands of tables, found by typing).
 * The cursor stays on its table when the list is re-read and moves to
 * the next table when its table goes. No curses, no store.
 */
#ifndef TUI_BROWSER_TABLE_LIST_H
#define TUI_BROWSER_TABLE_LIST_H

#include <stddef.h>

/* What the pane shows at the right of a table's row (compare mode's
 * marks and counts): text into buf, "" for nothing. */
typedef void (*table_badge_fn)(void *ctx, const char *table, char *buf,
			       size_t size);

/* One node of the tree, in tree order (a node's descendants follow it). */
struct table_node {
	const char *path;  /* the table's name ("" the root), or a folder's
			      path; borrowed from names, or owned (folders) */
	unsigned depth;    /* components before the last */
	unsigned char is_table;
	unsigned char has_children;
	unsigned char collapsed;
	unsigned char owned; /* path is the node's own copy */
};

struct table_list {
	char **names;  /* owned; sorted bytewise; "" is the root */
	size_t count;
	struct table_node *nodes; /* the tree, in tree order */
	size_t n_nodes;
	size_t *rows;  /* the nodes shown: not under a collapsed branch;
			  with a filter, the matching tables */
	size_t n_rows;
	size_t cur;    /* cursor: a row (0 when empty) */
	size_t top;    /* first row shown */
	char *filter;  /* owned; NULL or "" for none */
	table_badge_fn badge; /* NULL: none; set by the owner, kept by
				 table_list_set */
	void *badge_ctx;
};

/* What a row shows. */
struct table_row {
	const char *label;   /* the last component ("(root)" for the
				root), or the full path under a filter */
	const char *path;
	unsigned depth;      /* indentation (0 under a filter) */
	int is_table;        /* 0: a folder of nested tables only */
	int has_children;    /* a branch: shows expanded or collapsed */
	int collapsed;
};

/* table_list_init / table_list_done - an empty list; free everything. */
void table_list_init(struct table_list *tl);
void table_list_done(struct table_list *tl);

/* table_list_set - take ownership of `names` (a malloc'd array of `count`
 * malloc'd strings, sorted, as flockd_tables returns it), dropping the old
 * list; collapsed branches stay collapsed. The cursor stays on its table
 * if it is still there, else goes to the table that follows it in the
 * tree (the last one at the end). Returns non-zero when the table under
 * the cursor changed; -1 (list unchanged, names freed) when memory runs
 * out. */
int table_list_set(struct table_list *tl, char **names, size_t count);

/* table_list_current - the table under the cursor (NULL when empty or on
 * a folder); borrowed until the next table_list_set. */
const char *table_list_current(const struct table_list *tl);

/* table_list_find - the index of table `name` in names, or (size_t)-1. */
size_t table_list_find(const struct table_list *tl, const char *name);

/* table_list_goto - put the cursor on table `name`, expanding the
 * branches above it and dropping a filter that hides it. 0, or -1 when
 * there is no such table. */
int table_list_goto(struct table_list *tl, const char *name);

/* table_list_rows - rows shown; table_list_row - what row `row` shows
 * (0, or -1 past the end). */
size_t table_list_rows(const struct table_list *tl);
int table_list_row(const struct table_list *tl, size_t row,
		   struct table_row *out);

/* table_list_move - move the cursor by `delta` rows, clamped; returns
 * non-zero when it moved. */
int table_list_move(struct table_list *tl, long delta);

/* table_list_set_cursor - the cursor to row `row` (clamped); non-zero
 * when it moved. */
int table_list_set_cursor(struct table_list *tl, size_t row);

/* table_list_scroll - the first row for a pane of `height` rows so the
 * cursor shows. */
size_t table_list_scroll(struct table_list *tl, size_t height);

/*
 * The tree's branches (no effect under a filter, which lists flat):
 * table_list_toggle - expand or collapse the cursor's branch;
 * table_list_expand - expand it (0 when it was not a collapsed branch);
 * table_list_collapse - collapse the cursor's expanded branch, or else go
 *                       to its parent row;
 * table_list_expand_all - expand (on) or collapse every branch.
 * Each returns non-zero when the rows or the cursor changed; -1 is out of
 * memory (nothing changed).
 */
int table_list_toggle(struct table_list *tl);
int table_list_expand(struct table_list *tl);
int table_list_collapse(struct table_list *tl);
int table_list_expand_all(struct table_list *tl, int on);

/* table_list_set_filter - show only tables whose path contains `text`
 * (any case while it has no capital); "" shows the tree again. The
 * cursor stays on its table if shown, else goes to the first row.
 * Returns 0 or ENOMEM (unchanged). table_list_filter - "" when none. */
int table_list_set_filter(struct table_list *tl, const char *text);
const char *table_list_filter(const struct table_list *tl);

/* table_list_tables - how many tables (folders not counted). */
size_t table_list_tables(const struct table_list *tl);

/* table_list_display - the name as listed: "(root)" for the root. */
const char *table_list_display(const char *name);

#endif
