/* SPDX-License-Identifier: MIT */
/*
 * view_recent.c - the recent-changes view: the change log, newest first
 * (time to the millisecond, what happened, table, key, how many events),
 * kept up to date while it shows (the controller's background work runs
 * between keys); jump goes to the key.
 */
#include "browser/browser_views.h"

#include "browser/browser_term.h"
#include "common/textsafe.h"
#include "ui/draw.h"
#include "ui/pager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RECENT_TICK_MS 500

/* One row: "12:01:02.345  created  users  alice  (x3)". */
static void row_text(const struct change_entry *e, char *buf, size_t size)
{
	char when[32] = "?", *table, *key;
	time_t t = (time_t)(e->when_ms / 1000);
	struct tm tm;
	if (localtime_r(&t, &tm) != NULL)
		strftime(when, sizeof when, "%H:%M:%S", &tm);
	table = textsafe_name_str(e->table[0] ? e->table : "(root)");
	key = textsafe_name_str(e->key);
	char count[32] = "";
	if (e->count > 1)
		snprintf(count, sizeof count, "  (x%u)", e->count);
	snprintf(buf, size, "%s.%03lld  %-8s %-16s %s%s", when,
		 e->when_ms % 1000, change_kind_name(e->kind),
		 table ? table : "?", key ? key : "?", count);
	free(table);
	free(key);
}

static void draw(const struct browser_ctl *c, const struct ui *ui,
		 size_t cur, size_t *top)
{
	static const struct keymap_hint hints[] = {
		{KA_JUMP, "go to key"}, {KA_HELP, "help"}, {KA_CLOSE, "back"},
	};
	char title[200], row[1200], hint[200];
	const struct change_log *cl = &c->changes;
	size_t n = change_log_count(cl), page = LINES > 3 ? LINES - 3 : 1;
	erase();
	snprintf(title, sizeof title, " Recent changes: %zu (newest first; "
		 "%lu seen while watching, the last %zu kept)", n, cl->total,
		 cl->cap);
	ui_bar(ui, 0, title);
	if (cur < *top)
		*top = cur;
	else if (cur >= *top + page)
		*top = cur - page + 1;
	ui_line(ui, 1, "TIME          WHAT     TABLE            KEY",
		ui_attr(ui, THEME_HEADER));
	if (n == 0)
		ui_line(ui, 2, watch_state_of(c->rf.watch) == WATCH_ON
			? "no key has changed since the browser started"
			: "not watching (no inotify here): changes are seen "
			  "by rescans, not logged", ui_attr(ui, THEME_DIM));
	for (size_t i = *top; i < n && i < *top + page; i++) {
		row_text(change_log_get(cl, i), row, sizeof row);
		ui_line(ui, 2 + (int)(i - *top), row,
			i == cur ? ui_attr(ui, THEME_CURSOR) : A_NORMAL);
	}
	keymap_hints(ui->keys, KV_RECENT, hints, 3, hint, sizeof hint);
	ui_fill(LINES - 1, 0, COLS, A_NORMAL);
	ui_text_as(ui, LINES - 1, 0, hint, strlen(hint), COLS, TEXTSAFE_VALUE,
		   ui_attr(ui, THEME_DIM));
	refresh();
}

/* Move `cur` over n rows by a motion action; non-zero if it was one. */
static int motion(enum keymap_action a, size_t n, size_t *cur)
{
	size_t page = LINES > 3 ? LINES - 3 : 1, last = n ? n - 1 : 0;
	switch (a) {
	case KA_UP: *cur = *cur ? *cur - 1 : 0; break;
	case KA_DOWN: *cur = *cur < last ? *cur + 1 : last; break;
	case KA_PAGE_UP: *cur = *cur > page ? *cur - page : 0; break;
	case KA_PAGE_DOWN: *cur = *cur + page < last ? *cur + page : last; break;
	case KA_HALF_PAGE_UP: *cur = *cur > page / 2 ? *cur - page / 2 : 0; break;
	case KA_HALF_PAGE_DOWN:
		*cur = *cur + page / 2 < last ? *cur + page / 2 : last;
		break;
	case KA_FIRST: *cur = 0; break;
	case KA_LAST: *cur = last; break;
	default: return 0;
	}
	return 1;
}

void browser_recent(struct browser_ctl *c, const struct ui *ui)
{
	size_t cur = 0, top = 0, seen = c->changes.total;
	for (;;) {
		size_t n = change_log_count(&c->changes);
		/* newer entries push the cursor's down: it stays on its own */
		cur += c->changes.total - seen;
		seen = c->changes.total;
		if (cur >= n)
			cur = n ? n - 1 : 0;
		draw(c, ui, cur, &top);
		int key = ui_key(ui, RECENT_TICK_MS);
		if (key == 0) {
			ctl_step(c);
			continue;
		}
		enum keymap_action a = ui_action(ui, KV_RECENT, key);
		if (a == KA_CLOSE)
			break;
		if (a == KA_JUMP && cur < n) {
			const struct change_entry *e =
				change_log_get(&c->changes, cur);
			char *table = strdup(e->table), *k = strdup(e->key);
			if (table != NULL && k != NULL)
				ctl_goto_key(c, table, k);
			free(table);
			free(k);
			break;
		}
		if (a == KA_HELP)
			help_run(ui, KV_RECENT, " Recent changes keys", NULL, 0);
		else if (a == KA_REDRAW)
			clearok(curscr, TRUE);
		else
			motion(a, n, &cur);
	}
	browser_term_after_modal(ui);
}
