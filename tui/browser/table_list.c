/* SPDX-License-Identifier: MIT */
/*
 * table_list.c - the tables pane's model: the tree of tables, its rows
 * (what collapsed branches and the filter leave shown) and the cursor.
 */
#include "browser/table_list.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void table_list_init(struct table_list *tl)
{
	memset(tl, 0, sizeof *tl);
}

static void free_names(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

static void free_nodes(struct table_node *nodes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (nodes[i].owned)
			free((char *)nodes[i].path);
	free(nodes);
}

void table_list_done(struct table_list *tl)
{
	free_names(tl->names, tl->count);
	free_nodes(tl->nodes, tl->n_nodes);
	free(tl->rows);
	free(tl->filter);
	memset(tl, 0, sizeof *tl);
}

/* Tree order: component by component, so '/' sorts before every byte
 * and a node's descendants follow it. */
static int tree_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = *a == '/' ? 1 : (unsigned char)*a + 1;
		int cb = *b == '/' ? 1 : (unsigned char)*b + 1;
		if (*a == '\0')
			ca = 0;
		if (*b == '\0')
			cb = 0;
		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (ca == 0)
			return 0;
	}
}

static int node_cmp(const void *x, const void *y)
{
	const struct table_node *a = x, *b = y;
	int c = tree_cmp(a->path, b->path);
	/* the same path twice: the table first (it is kept) */
	return c != 0 ? c : (int)b->is_table - (int)a->is_table;
}

/* Is `d` below `a` in the tree? */
static int is_below(const char *d, const char *a)
{
	size_t n = strlen(a);
	return n > 0 && strncmp(d, a, n) == 0 && d[n] == '/';
}

static unsigned depth_of(const char *path)
{
	unsigned d = 0;
	for (; *path; path++)
		d += *path == '/';
	return d;
}

/* Every table, and a folder node for each path above a table that is
 * not a table itself; sorted, duplicates dropped. NULL on ENOMEM. */
static struct table_node *build_nodes(char **names, size_t count,
				      size_t *n_out)
{
	size_t cap = count, n = 0;
	for (size_t i = 0; i < count; i++)
		cap += depth_of(names[i]);
	struct table_node *v = calloc(cap ? cap : 1, sizeof *v);
	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < count; i++) {
		v[n++] = (struct table_node){.path = names[i], .is_table = 1};
		for (const char *s = strchr(names[i], '/'); s != NULL;
		     s = strchr(s + 1, '/')) {
			char *p = strndup(names[i], (size_t)(s - names[i]));
			if (p == NULL) {
				free_nodes(v, n);
				return NULL;
			}
			v[n++] = (struct table_node){.path = p, .owned = 1};
		}
	}
	qsort(v, n, sizeof *v, node_cmp);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k > 0 && strcmp(v[k - 1].path, v[i].path) == 0) {
			if (v[i].owned)
				free((char *)v[i].path);
			continue;
		}
		v[k] = v[i];
		v[k].depth = depth_of(v[k].path);
		k++;
	}
	for (size_t i = 0; i + 1 < k; i++)
		v[i].has_children = is_below(v[i + 1].path, v[i].path);
	*n_out = k;
	return v;
}

/* smart case, as the key filter: any case while it has no capital */
static int matches(const char *path, const char *filter)
{
	const char *shown = table_list_display(path);
	for (const char *p = filter; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			return strstr(shown, filter) != NULL;
	return strcasestr(shown, filter) != NULL;
}

static int filtering(const struct table_list *tl)
{
	return tl->filter != NULL && tl->filter[0] != '\0';
}

/* The rows from the nodes: skip what collapsed branches hide, or show
 * the matching tables. 0 or ENOMEM. */
static int rebuild_rows(struct table_list *tl)
{
	size_t *rows = realloc(tl->rows, (tl->n_nodes ? tl->n_nodes : 1) *
						 sizeof *rows);
	if (rows == NULL)
		return ENOMEM;
	tl->rows = rows;
	tl->n_rows = 0;
	for (size_t i = 0; i < tl->n_nodes; i++) {
		const struct table_node *nd = &tl->nodes[i];
		if (filtering(tl)) {
			if (nd->is_table && matches(nd->path, tl->filter))
				rows[tl->n_rows++] = i;
			continue;
		}
		rows[tl->n_rows++] = i;
		if (nd->collapsed && nd->has_children)
			while (i + 1 < tl->n_nodes &&
			       is_below(tl->nodes[i + 1].path, nd->path))
				i++;
	}
	return 0;
}

/* The node under the cursor, or (size_t)-1. */
static size_t cur_node(const struct table_list *tl)
{
	return tl->cur < tl->n_rows ? tl->rows[tl->cur] : (size_t)-1;
}

/* Put the cursor on the row of `path`, or on the row of the nearest
 * shown node before it (a collapsed ancestor). 0 when exactly there. */
static int place(struct table_list *tl, const char *path)
{
	size_t best = 0;
	for (size_t r = 0; r < tl->n_rows; r++) {
		int c = tree_cmp(tl->nodes[tl->rows[r]].path, path);
		if (c == 0) {
			tl->cur = r;
			return 0;
		}
		if (c < 0)
			best = r;
	}
	tl->cur = best;
	return -1;
}

/* After a re-read: the first table at or after `old` in tree order (the
 * last table when none follows), among the rows shown. */
static void place_after_loss(struct table_list *tl, const char *old)
{
	size_t last = (size_t)-1;
	for (size_t r = 0; r < tl->n_rows; r++) {
		const struct table_node *nd = &tl->nodes[tl->rows[r]];
		if (!nd->is_table)
			continue;
		if (tree_cmp(nd->path, old) >= 0) {
			tl->cur = r;
			return;
		}
		last = r;
	}
	tl->cur = last != (size_t)-1 ? last : 0;
}

/* Mark collapsed the nodes of `nodes` whose path was collapsed in the
 * old tree (both sorted in tree order). */
static void keep_collapsed(const struct table_list *tl,
			   struct table_node *nodes, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; i < tl->n_nodes; i++) {
		if (!tl->nodes[i].collapsed)
			continue;
		while (j < n && tree_cmp(nodes[j].path, tl->nodes[i].path) < 0)
			j++;
		if (j < n && strcmp(nodes[j].path, tl->nodes[i].path) == 0)
			nodes[j].collapsed = 1;
	}
}

static int same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

int table_list_set(struct table_list *tl, char **names, size_t count)
{
	size_t n = 0;
	struct table_node *nodes = build_nodes(names, count, &n);
	const char *was = table_list_current(tl);
	size_t cn = cur_node(tl);
	char *old = cn != (size_t)-1 ? strdup(tl->nodes[cn].path) : NULL;
	char *old_table = was != NULL ? strdup(was) : NULL;
	if (nodes == NULL || (cn != (size_t)-1 && old == NULL) ||
	    (was != NULL && old_table == NULL)) {
		free_nodes(nodes, n);
		free_names(names, count);
		free(old);
		free(old_table);
		return -1;
	}
	keep_collapsed(tl, nodes, n);
	free_nodes(tl->nodes, tl->n_nodes);
	free_names(tl->names, tl->count);
	tl->names = names;
	tl->count = count;
	tl->nodes = nodes;
	tl->n_nodes = n;
	if (rebuild_rows(tl) != 0)
		tl->n_rows = 0;
	tl->cur = 0;
	if (old != NULL && place(tl, old) != 0 && old_table != NULL)
		place_after_loss(tl, old);
	else if (old_table != NULL && table_list_current(tl) == NULL)
		place_after_loss(tl, old); /* now a folder: the next table */
	if (tl->top >= tl->n_rows)
		tl->top = 0;
	int changed = !same(old_table, table_list_current(tl));
	free(old);
	free(old_table);
	return changed;
}

const char *table_list_current(const struct table_list *tl)
{
	size_t cn = cur_node(tl);
	return cn != (size_t)-1 && tl->nodes[cn].is_table ? tl->nodes[cn].path
							  : NULL;
}

size_t table_list_find(const struct table_list *tl, const char *name)
{
	for (size_t i = 0; i < tl->count; i++)
		if (strcmp(tl->names[i], name) == 0)
			return i;
	return (size_t)-1;
}

int table_list_goto(struct table_list *tl, const char *name)
{
	size_t at = (size_t)-1;
	for (size_t i = 0; i < tl->n_nodes; i++)
		if (tl->nodes[i].is_table && strcmp(tl->nodes[i].path, name) == 0)
			at = i;
	if (at == (size_t)-1)
		return -1;
	for (size_t i = 0; i < at; i++)
		if (is_below(name, tl->nodes[i].path))
			tl->nodes[i].collapsed = 0;
	if (filtering(tl) && !matches(name, tl->filter)) {
		free(tl->filter);
		tl->filter = NULL;
	}
	if (rebuild_rows(tl) != 0)
		return -1;
	return place(tl, name);
}

size_t table_list_rows(const struct table_list *tl)
{
	return tl->n_rows;
}

size_t table_list_tables(const struct table_list *tl)
{
	return tl->count;
}

int table_list_row(const struct table_list *tl, size_t row,
		   struct table_row *out)
{
	if (row >= tl->n_rows)
		return -1;
	const struct table_node *nd = &tl->nodes[tl->rows[row]];
	const char *slash = strrchr(nd->path, '/');
	out->path = nd->path;
	out->is_table = nd->is_table;
	out->has_children = nd->has_children && !filtering(tl);
	out->collapsed = nd->collapsed;
	out->depth = filtering(tl) ? 0 : nd->depth;
	out->label = filtering(tl) || slash == NULL
			     ? table_list_display(nd->path)
			     : slash + 1;
	return 0;
}

int table_list_set_cursor(struct table_list *tl, size_t row)
{
	if (tl->n_rows == 0)
		return 0;
	if (row >= tl->n_rows)
		row = tl->n_rows - 1;
	if (row == tl->cur)
		return 0;
	tl->cur = row;
	return 1;
}

int table_list_move(struct table_list *tl, long delta)
{
	long r = (long)tl->cur + delta;
	if (r < 0)
		r = 0;
	return table_list_set_cursor(tl, (size_t)r);
}

size_t table_list_scroll(struct table_list *tl, size_t height)
{
	if (height == 0)
		return tl->top;
	if (tl->cur < tl->top)
		tl->top = tl->cur;
	else if (tl->cur >= tl->top + height)
		tl->top = tl->cur - height + 1;
	if (tl->n_rows <= height)
		tl->top = 0;
	else if (tl->top > tl->n_rows - height)
		tl->top = tl->n_rows - height;
	return tl->top;
}

/* Set the cursor's branch to `collapsed`; 1 when it changed. */
static int fold(struct table_list *tl, int collapsed)
{
	size_t cn = cur_node(tl);
	if (cn == (size_t)-1 || filtering(tl) || !tl->nodes[cn].has_children ||
	    tl->nodes[cn].collapsed == collapsed)
		return 0;
	tl->nodes[cn].collapsed = (unsigned char)collapsed;
	if (rebuild_rows(tl) != 0) {
		tl->nodes[cn].collapsed = (unsigned char)!collapsed;
		return -1;
	}
	place(tl, tl->nodes[cn].path);
	return 1;
}

int table_list_toggle(struct table_list *tl)
{
	size_t cn = cur_node(tl);
	return cn == (size_t)-1 ? 0 : fold(tl, !tl->nodes[cn].collapsed);
}

int table_list_expand(struct table_list *tl)
{
	return fold(tl, 0);
}

int table_list_collapse(struct table_list *tl)
{
	int rc = fold(tl, 1);
	if (rc != 0 || filtering(tl))
		return rc;
	size_t cn = cur_node(tl);
	if (cn == (size_t)-1)
		return 0;
	/* not an expanded branch: to its parent's row */
	for (size_t r = tl->cur; r-- > 0;)
		if (is_below(tl->nodes[cn].path, tl->nodes[tl->rows[r]].path)) {
			tl->cur = r;
			return 1;
		}
	return 0;
}

int table_list_expand_all(struct table_list *tl, int on)
{
	size_t cn = cur_node(tl);
	char *keep = cn != (size_t)-1 ? strdup(tl->nodes[cn].path) : NULL;
	if (cn != (size_t)-1 && keep == NULL)
		return -1;
	for (size_t i = 0; i < tl->n_nodes; i++)
		tl->nodes[i].collapsed = (unsigned char)!on;
	int rc = rebuild_rows(tl) == 0 ? 1 : -1;
	if (keep != NULL)
		place(tl, keep);
	free(keep);
	return rc;
}

int table_list_set_filter(struct table_list *tl, const char *text)
{
	size_t cn = cur_node(tl);
	char *f = strdup(text), *old = tl->filter;
	if (f == NULL)
		return ENOMEM;
	tl->filter = f;
	if (rebuild_rows(tl) != 0) {
		tl->filter = old;
		free(f);
		return ENOMEM;
	}
	free(old);
	tl->top = 0;
	tl->cur = 0;
	if (cn != (size_t)-1)
		for (size_t r = 0; r < tl->n_rows; r++)
			if (tl->rows[r] == cn)
				tl->cur = r;
	return 0;
}

const char *table_list_filter(const struct table_list *tl)
{
	return tl->filter != NULL ? tl->filter : "";
}

const char *table_list_display(const char *name)
{
	return name[0] == '\0' ? "(root)" : name;
}
