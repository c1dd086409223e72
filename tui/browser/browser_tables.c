/* SPDX-License-Identifier: MIT */
/*
 * browser_tables.c - the controller's list of tables: read by a scan in
 * the background (tables_scan.h: every table's directory is read for
 * nested tables), merged with compare mode's tables only there, and the
 * directories that decide it watched.
 */
#include "browser/browser_ctl.h"

#include "common/textsafe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The directories whose entries decide the table list: the database and
 * every table directory with its parents. */
void ctl_watch_tables(struct browser_ctl *c)
{
	const char *dir = c->src.dir;
	size_t n = 0, cap = 1 + c->tables.count * 2;
	char **paths = calloc(cap, sizeof *paths);
	if (paths == NULL || c->rf.watch == NULL) {
		free(paths);
		return;
	}
	paths[n++] = strdup(dir);
	for (size_t i = 0; i < c->tables.count && n + 2 <= cap; i++) {
		const char *t = c->tables.names[i];
		if (t[0] == '\0')
			continue;
		size_t len = strlen(dir) + strlen(t) + 8;
		char *p = malloc(len);
		if (p == NULL)
			continue;
		snprintf(p, len, "%s/%s.tbl", dir, t);
		paths[n++] = p;
		const char *slash = strrchr(t, '/');
		if (slash != NULL && (p = malloc(len)) != NULL) {
			snprintf(p, len, "%s/%.*s", dir, (int)(slash - t), t);
			paths[n++] = p;
		}
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (paths[i] != NULL)
			paths[k++] = paths[i];
	watch_set_tree(c->rf.watch, (const char *const *)paths, k);
	for (size_t i = 0; i < k; i++)
		free(paths[i]);
	free(paths);
}

/* The table list: the tables the last scan found, with compare mode's
 * tables only there. Returns table_list_set's result. */
static int list_tables(struct browser_ctl *c)
{
	char **names = malloc((c->rf.ndisk ? c->rf.ndisk : 1) * sizeof *names);
	size_t count = 0;
	for (; names != NULL && count < c->rf.ndisk; count++)
		if ((names[count] = strdup(c->rf.disk[count])) == NULL)
			break;
	if (names == NULL || count < c->rf.ndisk) {
		flockd_names_free(names, count);
		return -1;
	}
	if (ctl_compare_add_tables(c, &names, &count) != 0)
		ctl_message(c, 1, "compare: out of memory");
	return table_list_set(&c->tables, names, count);
}

/* The list shown again; the cursor keeps its table, or goes to the one
 * asked for. */
static void show_tables(struct browser_ctl *c)
{
	char *go = c->rf.goto_table;
	c->rf.goto_table = NULL;
	int changed = list_tables(c);
	if (changed < 0)
		ctl_message(c, 1, "cannot list tables: out of memory");
	ctl_watch_tables(c);
	if (go != NULL && table_list_goto(&c->tables, go) == 0)
		changed = 1;
	free(go);
	if (changed || c->cur.name == NULL)
		ctl_select_table(c, 0);
	c->dirty = 1;
}

/* The tables a scan found (owned from now on), shown. */
static void take_tables(struct browser_ctl *c, char **names, size_t count)
{
	flockd_names_free(c->rf.disk, c->rf.ndisk);
	c->rf.disk = names;
	c->rf.ndisk = count;
	show_tables(c);
}

void ctl_tables_remerge(struct browser_ctl *c)
{
	show_tables(c);
}

void ctl_reload_tables(struct browser_ctl *c)
{
	c->rf.tables_dirty = 0;
	c->rf.next_tables_ms = browser_now_ms() +
			       (watch_state_of(c->rf.watch) == WATCH_ON ? 30000
									: 3000);
	if (c->rf.scan != NULL) {
		/* the one under way may have missed the change: another */
		c->rf.scan_again = 1;
		return;
	}
	int err = tables_scan_start(c->src.dir, &c->rf.scan);
	if (err != 0)
		ctl_message(c, 1, "cannot list tables: %s",
			    flockd_strerror(err));
}

void ctl_reload_tables_goto(struct browser_ctl *c, const char *table)
{
	if (table != NULL) {
		free(c->rf.goto_table);
		c->rf.goto_table = strdup(table);
	}
	ctl_reload_tables(c);
}

int ctl_tables_step(struct browser_ctl *c)
{
	int err;
	char **names;
	size_t count;
	if (c->rf.scan == NULL)
		return 0;
	if (!tables_scan_collect(c->rf.scan, &err, &names, &count))
		return 1;
	c->rf.scan = NULL;
	if (err != FLOCKD_OK) {
		ctl_message(c, 1, "cannot list tables: %s",
			    flockd_strerror(err));
		free(c->rf.goto_table);
		c->rf.goto_table = NULL;
	} else {
		take_tables(c, names, count);
	}
	if (c->rf.scan_again) {
		c->rf.scan_again = 0;
		ctl_reload_tables(c);
	}
	return c->rf.scan != NULL;
}

/* The table list until the scan's comes: the root, and `table` (-t) when
 * it exists, with the cursor on it. The root is read once here, so an
 * unreadable database fails at once, as before any scan. */
int ctl_first_tables(struct browser_ctl *c, const char *dir,
		     const char *table, char *why, size_t size)
{
	flockd_table *t = NULL;
	flockd_scan *scan = NULL;
	int err = flockd_table_open(c->src.peek_db, "", 0, &t);
	if (err == FLOCKD_OK)
		err = flockd_scan_open(t, &scan);
	flockd_scan_close(scan);
	flockd_table_close(t);
	if (err != FLOCKD_OK) {
		snprintf(why, size, "%s: cannot read: %s", dir,
			 flockd_strerror(err));
		return err;
	}
	t = NULL;
	if (table != NULL && table[0] != '\0' &&
	    flockd_table_open(c->src.peek_db, table, 0, &t) != FLOCKD_OK) {
		char shown[200];
		textsafe_name_buf(shown, sizeof shown, table, strlen(table),
				  textsafe_locale());
		snprintf(why, size, "%s: no table '%s'", dir, shown);
		return FLOCKD_ENOTFOUND;
	}
	flockd_table_close(t);
	int two = table != NULL && table[0] != '\0';
	char **names = calloc(2, sizeof *names);
	if (names == NULL || (names[0] = strdup("")) == NULL ||
	    (two && (names[1] = strdup(table)) == NULL)) {
		flockd_names_free(names, 2);
		snprintf(why, size, "%s: out of memory", dir);
		return ENOMEM;
	}
	c->rf.disk = names;
	c->rf.ndisk = two ? 2 : 1;
	if (list_tables(c) < 0) {
		snprintf(why, size, "%s: out of memory", dir);
		return ENOMEM;
	}
	if (two)
		table_list_goto(&c->tables, table);
	return 0;
}

