/* SPDX-License-Identifier: MIT */
/* view_locks.c - the browser's lock view of one table, and the lock marks
 * and compare lookups the key list uses. */
#include "inspect/inspect_views.h"

#include "common/curses_ui.h"
#include "common/duration.h"
#include "common/textsafe.h"
#include "inspect/inspect_text.h"
#include "inspect/inspect_ui.h"
#include "inspect/lock_holders.h"
#include "inspect/proc_info.h"
#include "ui/ask.h"
#include "ui/draw.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
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

/* The selected holder's process: command line and age, on the line
 * above the status line. */
static void draw_process(const struct ui *ui, const struct lock_holder *h)
{
	char age[32] = "?", line[1400];
	if (h->have_start) {
		long long s = proc_age_s(PROC_ROOT, h->start_ticks);
		if (s >= 0)
			duration_format(s > LONG_MAX / 1000 ? LONG_MAX
							    : (long)s * 1000,
					age, sizeof age);
	}
	char *cmd = textsafe_name_str(h->cmdline != NULL && h->cmdline[0]
				      ? h->cmdline
				      : h->comm[0] ? h->comm : "?");
	snprintf(line, sizeof line, "pid %ld, running for %s: %s", h->lock.pid,
		 age, cmd ? cmd : "?");
	free(cmd);
	iui_put(ui, LINES - 2, 0, COLS, line, 0, ui_attr(ui, THEME_HEADER));
}

static void draw_locks(const struct ui *ui, flockd_table *table,
		       const struct lock_holders *h, int err,
		       struct iui_list *l, const char *msg)
{
	static const struct keymap_hint hints[] = {
		{KA_JUMP, "go to key"}, {KA_TERMINATE, "SIGTERM"},
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
	size_t page = LINES > 4 ? (size_t)(LINES - 4) : 1;
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
	if (l->cur < h->n && LINES > 4)
		draw_process(ui, &h->v[l->cur]);
	iui_status(ui, KV_LOCKS, hints, sizeof hints / sizeof hints[0],
		   "   (refreshed every second)", msg);
	refresh();
}

/* K: SIGTERM to the selected holder, after a question naming the pid and
 * the command, and only if it still holds the lock as the same process
 * just before (the lock may be gone, the pid reused). A message says
 * what happened. */
static void terminate(const struct ui *ui, const struct lock_holder *h,
		      char *msg, size_t size)
{
	char q[1400];
	if (h->lock.blocked || h->lock.pid <= 0) {
		snprintf(msg, size, "%s", h->lock.pid <= 0
			 ? "the kernel does not say which process holds it"
			 : "this process waits for the lock: it does not "
			   "hold it");
		return;
	}
	char *cmd = textsafe_name_str(h->cmdline != NULL && h->cmdline[0]
				      ? h->cmdline : h->comm);
	char *name = textsafe_name_str(h->name);
	snprintf(q, sizeof q, "Send SIGTERM to pid %ld (%s), which holds a "
		 "%s lock on %s?", h->lock.pid, cmd ? cmd : "?",
		 proc_lock_mode_name(h->lock.access), name ? name : "?");
	free(cmd);
	free(name);
	if (!ask_yesno(ui, q)) {
		snprintf(msg, size, "nothing sent");
		return;
	}
	int err = lock_holder_recheck(h, PROC_LOCKS_PATH, PROC_ROOT);
	if (err == ESRCH)
		snprintf(msg, size, "pid %ld no longer holds that lock (or is "
			 "another process now): nothing sent", h->lock.pid);
	else if (err != 0)
		snprintf(msg, size, "cannot check the lock again: %s",
			 strerror(err));
	else if (kill((pid_t)h->lock.pid, SIGTERM) != 0)
		snprintf(msg, size, "SIGTERM to pid %ld: %s", h->lock.pid,
			 strerror(errno));
	else
		snprintf(msg, size, "SIGTERM sent to pid %ld", h->lock.pid);
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

/* Enter: the key of the selected holder's file, for the browser. */
static int jump(const struct lock_holders *h, const struct iui_list *l,
		char **jump_key, char *msg, size_t size)
{
	if (l->cur >= h->n)
		return 0;
	const struct lock_holder *x = &h->v[l->cur];
	if (x->key == NULL) {
		snprintf(msg, size, "this file belongs to no key");
		return 0;
	}
	*jump_key = strdup(x->key);
	return *jump_key != NULL;
}

int inspect_view_locks(const struct ui *ui, flockd_table *table,
		       char **jump_key)
{
	struct lock_holders h = {0};
	struct iui_list l = {0};
	char msg[600] = "";
	int err = load_holders(table, &h);
	*jump_key = NULL;
	for (;;) {
		draw_locks(ui, table, &h, err, &l, msg[0] ? msg : NULL);
		int key = ui_key(ui, LOCKS_REFRESH_MS);
		enum keymap_action a = ui_action(ui, KV_LOCKS, key);
		if (key != 0)
			msg[0] = '\0';
		if (a == KA_CLOSE)
			break;
		if (a == KA_JUMP && jump(&h, &l, jump_key, msg, sizeof msg))
			break;
		if (a == KA_TERMINATE && l.cur < h.n) {
			terminate(ui, &h.v[l.cur], msg, sizeof msg);
			err = load_holders(table, &h);
		} else if (key == 0 || a == KA_RELOAD)
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
