/* view_locks.c - the browser's lock view of one table, and the lock marks
 * and compare lookups the key list uses. */
#include "inspect/inspect_views.h"

#include "common/curses_ui.h"
#include "common/textsafe.h"
#include "inspect/inspect_text.h"
#include "inspect/inspect_ui.h"
#include "inspect/lock_holders.h"
#include "ui/draw.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOCKS_REFRESH_MS 1000

int inspect_locked_keys(flockd_table *table, struct locked_set *out)
{
	memset(out, 0, sizeof *out);
	struct proc_locks locks;
	int err = proc_locks_load(PROC_LOCKS_PATH, &locks);
	if (err != 0)
		return err;
	err = table_locked_set(table, &locks, out);
	proc_locks_free(&locks);
	return err;
}

int inspect_compare_table(flockd_db *here, flockd_db *there,
			  const char *table, struct diff_table *out)
{
	return replica_diff_table(here, there, table, out);
}

enum diff_status inspect_compare_status(const struct diff_table *t,
					const char *key)
{
	const struct diff_key *k = diff_table_find(t, key);
	return k ? k->status : DIFF_TROUBLE;
}

/* One row of the view, escaped, in a fixed layout. */
static char *holder_row(const struct lock_holder *h)
{
	char *key = textsafe_name_str(h->key ? h->key : "-");
	char *name = textsafe_name_str(h->name);
	char *comm = textsafe_name_str(h->comm[0] ? h->comm : "?");
	char *row = NULL;
	if (key && name && comm) {
		size_t size = strlen(key) + strlen(name) + strlen(comm) + 96;
		row = malloc(size);
		if (row != NULL)
			snprintf(row, size, "%-8s %-9s %-6s %7ld  %-16s %s  (%s)",
				 h->lock.blocked ? "waiting" : "held",
				 proc_lock_mode_name(h->lock.access),
				 proc_lock_class_name(h->lock.cls),
				 h->lock.pid, comm, key, name);
	}
	free(key);
	free(name);
	free(comm);
	return row;
}

static void draw_locks(const struct ui *ui, flockd_table *table,
		       const struct lock_holders *h, int err,
		       struct iui_list *l)
{
	static const struct keymap_hint hints[] = {
		{KA_RELOAD, "refresh"}, {KA_HELP, "help"}, {KA_CLOSE, "back"},
	};
	erase();
	char *tn = textsafe_name_str(flockd_table_name(table)[0]
					   ? flockd_table_name(table)
					   : "(root)");
	char title[512];
	snprintf(title, sizeof title, " Locks: %s - local holders only "
		 "(locks of other NFS clients are invisible)", tn ? tn : "?");
	free(tn);
	ui_bar(ui, 0, title);
	iui_put(ui, 1, 0, COLS, "STATE    MODE      TYPE       PID  COMMAND"
		"          KEY  (FILE)", 0, ui_attr(ui, THEME_HEADER));
	size_t page = LINES > 3 ? (size_t)(LINES - 3) : 1;
	iui_list_fit(l, h->n, page);
	if (err != 0)
		iui_put(ui, 2, 0, COLS, err == ENOENT
			? "/proc/locks is missing: lock holders cannot be "
			  "listed on this system"
			: "cannot read /proc/locks", 0, ui_attr(ui, THEME_ERROR));
	else if (h->n == 0)
		iui_put(ui, 2, 0, COLS, "no process on this machine holds a "
			"lock on this table's files", 0, A_NORMAL);
	for (size_t i = l->top; i < h->n && i < l->top + page; i++) {
		char *row = holder_row(&h->v[i]);
		iui_put(ui, 2 + (int)(i - l->top), 0, COLS, row ? row : "?", 0,
			i == l->cur ? ui_attr(ui, THEME_CURSOR) : A_NORMAL);
		free(row);
	}
	iui_status(ui, KV_LOCKS, hints, sizeof hints / sizeof hints[0],
		   "   (refreshed every second)", NULL);
	refresh();
}

static int load_holders(flockd_table *table, struct lock_holders *h)
{
	struct proc_locks locks;
	lock_holders_free(h);
	int err = proc_locks_load(PROC_LOCKS_PATH, &locks);
	if (err == 0) {
		err = lock_holders_collect(table, &locks, PROC_ROOT, h);
		proc_locks_free(&locks);
	}
	return err;
}

int inspect_view_locks(const struct ui *ui, flockd_table *table)
{
	struct lock_holders h = {0};
	struct iui_list l = {0};
	int err = load_holders(table, &h);
	for (;;) {
		draw_locks(ui, table, &h, err, &l);
		int key = ui_key(ui, LOCKS_REFRESH_MS);
		enum keymap_action a = ui_action(ui, KV_LOCKS, key);
		if (a == KA_CLOSE)
			break;
		if (key == 0 || a == KA_RELOAD)
			err = load_holders(table, &h);
		else if (a == KA_HELP)
			iui_help(ui, KV_LOCKS, " Lock view keys");
		else if (a == KA_REDRAW)
			clearok(curscr, TRUE);
		else
			iui_list_action(&l, a);
	}
	lock_holders_free(&h);
	clear();
	return err == ENOENT ? ENOENT : 0;
}
