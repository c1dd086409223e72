/*
 * table_list.h - the tables pane's model: the root and every table by its
 * path (from flockd_tables), with a cursor that stays on its table when the
 * list is re-read and moves to the next one when its table goes.
 * No curses, no store.
 */
#ifndef TUI_BROWSER_TABLE_LIST_H
#define TUI_BROWSER_TABLE_LIST_H

#include <stddef.h>

struct table_list {
	char **names;  /* owned; sorted bytewise; "" is the root */
	size_t count;
	size_t cur;    /* cursor (0 when empty) */
	size_t top;    /* first row shown */
};

/* table_list_init / table_list_done - an empty list; free everything. */
void table_list_init(struct table_list *tl);
void table_list_done(struct table_list *tl);

/* table_list_set - take ownership of `names` (a malloc'd array of `count`
 * malloc'd strings, sorted, as flockd_tables returns it), dropping the old
 * list. The cursor stays on its table's name if it is still there, else
 * goes to the name that follows it. Returns non-zero when the table under
 * the cursor changed. */
int table_list_set(struct table_list *tl, char **names, size_t count);

/* table_list_current - the table under the cursor (NULL when empty);
 * borrowed until the next table_list_set. */
const char *table_list_current(const struct table_list *tl);

/* table_list_find - the index of `name`, or (size_t)-1. */
size_t table_list_find(const struct table_list *tl, const char *name);

/* table_list_move - move the cursor by `delta`, clamped; returns non-zero
 * when it moved. */
int table_list_move(struct table_list *tl, long delta);

/* table_list_scroll - the first row for a pane of `height` rows so the
 * cursor shows. */
size_t table_list_scroll(struct table_list *tl, size_t height);

/* table_list_display - the name as listed: "(root)" for the root. */
const char *table_list_display(const char *name);

#endif
