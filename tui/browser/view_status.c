/* SPDX-License-Identifier: MIT */
/*
 * view_status.c - the status line: database path, table, key count, RO
 * badge, watch state, filter and sort, the last message (errors in their
 * own colour) and the user's keys for the main actions, cut from the
 * right as the terminal narrows. It shows a summary of the whole browser,
 * so it reads the controller (never changes it).
 */
#include "browser/view_status.h"

#include "browser/fmt.h"
#include "common/textsafe.h"
#include "ui/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct line {
	const struct ui *ui;
	int y, x, end;
};

/* Put text rendered with textsafe `flags`; returns 0 once the line is
 * full. */
static int seg_as(struct line *l, const char *text, unsigned flags, attr_t a)
{
	int room = l->end - l->x;
	if (room <= 1)
		return 0;
	int used = ui_text_as(l->ui, l->y, l->x, text, strlen(text), room - 1,
			      flags, a);
	l->x += used + 2;
	return l->x < l->end;
}

/* Put untrusted text (a name); returns 0 once the line is full. */
static int seg(struct line *l, const char *text, attr_t a)
{
	return seg_as(l, text, 0, a);
}

/* Which side of a compared key is newer (both times known). */
static const char *newer_side(const struct cmp_key *k)
{
	if (k->have != 3)
		return NULL;
	int64_t d = k->mtime[0].tv_sec - k->mtime[1].tv_sec;
	if (d == 0)
		d = (int64_t)k->mtime[0].tv_nsec - k->mtime[1].tv_nsec;
	return d > 0 ? "here newer" : d < 0 ? "there newer" : NULL;
}

/* Compare mode: against what, its progress, the word of the cursor's
 * row and which side is newer, the counts by status (this table's, and
 * every table's when other tables differ too). */
static int compare_segments(const struct browser_ctl *c, struct line *l)
{
	char buf[1200];
	struct key_list_row row;

	/* A message needs the room more than the other side's path. */
	if (!browser_msg_showing(c->msg, browser_now_ms())) {
		snprintf(buf, sizeof buf, "vs %s", c->src.compare_dir);
		if (!seg(l, buf, ui_attr(l->ui, THEME_INFO)))
			return 0;
	}
	if (db_compare_running(c->cmp.run)) {
		char d[32];
		fmt_count(db_compare_progress(c->cmp.run), d, sizeof d);
		snprintf(buf, sizeof buf, "comparing %s", d);
		if (!seg(l, buf, ui_attr(l->ui, THEME_MESSAGE)))
			return 0;
	}
	if (ctl_current_row(c, &row) == 0 && !row.is_entry) {
		const struct cmp_key *k = NULL;
		char name[1024];
		if (row.name_len < sizeof name) {
			memcpy(name, row.name, row.name_len);
			name[row.name_len] = '\0';
			k = ctl_compare_key(c, name);
		}
		/* suspect: a torn copy? (an rsync cut short, or two
		 * writes in one second) */
		const char *newer = k != NULL ? newer_side(k) : NULL;
		int suspect = k != NULL && k->rc == RC_SUSPECT;
		snprintf(buf, sizeof buf, "%s%s%s%s%s%s",
			 compare_mark_word(row.marks),
			 suspect || newer ? " (" : "", suspect ? "suspect" : "",
			 suspect && newer ? ", " : "", newer ? newer : "",
			 suspect || newer ? ")" : "");
		if (!seg(l, buf, A_BOLD))
			return 0;
	}
	if (c->cmp.diff_only && !seg(l, "differences only", A_BOLD))
		return 0;
	const struct cmp_table *t = ctl_compare_table(c);
	if (t != NULL) {
		size_t all[CMP_COUNT];
		db_compare_totals(c->cmp.run, all);
		int n = snprintf(buf, sizeof buf, "#%zu +%zu -%zu",
				 t->counts[CMP_DIFFERS],
				 t->counts[CMP_ONLY_HERE],
				 t->counts[CMP_ONLY_THERE]);
		if (all[CMP_DIFFERS] != t->counts[CMP_DIFFERS] ||
		    all[CMP_ONLY_HERE] != t->counts[CMP_ONLY_HERE] ||
		    all[CMP_ONLY_THERE] != t->counts[CMP_ONLY_THERE])
			snprintf(buf + n, sizeof buf - (size_t)n,
				 " (all: #%zu +%zu -%zu)", all[CMP_DIFFERS],
				 all[CMP_ONLY_HERE], all[CMP_ONLY_THERE]);
		if (!seg(l, buf, A_NORMAL))
			return 0;
	}
	return 1;
}

/* The selected row, when it is not a key: what the classifier says it is
 * ("syncthing-conflict of carol, by ABCDEFG, 20260101-120000"). */
static int entry_segment(const struct browser_ctl *c, struct line *l)
{
	struct key_list_row row;
	char what[600];
	if (ctl_current_row(c, &row) != 0 || !row.is_entry)
		return 1;
	table_row_describe(row.name, row.name_len, 1, what, sizeof what);
	return seg(l, what, A_BOLD);
}

/* The database's path, $HOME as "~". */
static int path_segment(const struct browser_ctl *c, struct line *l)
{
	const char *home = getenv("HOME"), *dir = c->src.dir;
	size_t hl = home != NULL ? strlen(home) : 0;
	char path[1024];
	if (hl > 1 && strncmp(dir, home, hl) == 0 &&
	    (dir[hl] == '/' || dir[hl] == '\0'))
		snprintf(path, sizeof path, "~%s", dir + hl);
	else
		snprintf(path, sizeof path, "%s", dir);
	return seg(l, path, ui_attr(l->ui, THEME_INFO));
}

/* How many keys, and leftover files; what the selected file is. */
static int count_segments(const struct browser_ctl *c, struct line *l)
{
	const struct key_list *kl = c->cur.keys;
	uint32_t files = key_list_count_files(kl);
	char buf[64];
	fmt_count(key_list_count(kl) - files, buf, sizeof buf);
	strncat(buf, " keys", sizeof buf - strlen(buf) - 1);
	if (!seg(l, buf, A_NORMAL))
		return 0;
	if (files > 0) {
		fmt_count(files, buf, sizeof buf);
		strncat(buf, files == 1 ? " file" : " files",
			sizeof buf - strlen(buf) - 1);
		if (!seg(l, buf, ui_attr(l->ui, THEME_MARK)))
			return 0;
	}
	/* a message (an error, say) matters more than the description,
	 * which the row's mark also gives */
	return browser_msg_showing(c->msg, browser_now_ms()) ||
	       entry_segment(c, l);
}

/* The table's state: name, count, RO, compare mode, watch, filter, sort.
 * Returns 0 once the line is full. */
static int state_segments(const struct browser_ctl *c, struct line *l)
{
	const struct browser_table *t = &c->cur;
	char buf[300];
	if (t->name != NULL && !seg(l, table_list_display(t->name), A_BOLD))
		return 0;
	if (t->keys != NULL && !count_segments(c, l))
		return 0;
	if (c->src.read_only && !seg(l, "RO", ui_attr(l->ui, THEME_BADGE)))
		return 0;
	if (c->moved != DB_HERE) {
		snprintf(buf, sizeof buf, "DIRECTORY %s", db_where_says(c->moved));
		for (char *p = buf; *p; p++)
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		if (!seg(l, buf, ui_attr(l->ui, THEME_ERROR)))
			return 0;
	}
	if (c->cmp.run != NULL && !compare_segments(c, l))
		return 0;
	if (!seg(l, watch_state_of(c->rf.watch) == WATCH_ON ? "watch" : "poll",
		 ui_attr(l->ui, THEME_DIM)))
		return 0;
	if (t->keys != NULL && key_list_filter(t->keys)[0] != '\0') {
		snprintf(buf, sizeof buf, "filter: %s",
			 key_list_filter(t->keys));
		if (!seg_as(l, buf, TEXTSAFE_VALUE, A_BOLD))
			return 0;
	}
	if (t->keys != NULL && key_list_search(t->keys)[0] != '\0') {
		snprintf(buf, sizeof buf, "find: %s", key_list_search(t->keys));
		if (!seg_as(l, buf, TEXTSAFE_VALUE, ui_attr(l->ui, THEME_MATCH)))
			return 0;
	}
	if (t->keys != NULL && key_list_selected(t->keys) > 0) {
		char n[32];
		fmt_count(key_list_selected(t->keys), n, sizeof n);
		snprintf(buf, sizeof buf, "%s picked", n);
		if (!seg(l, buf, ui_attr(l->ui, THEME_SELECTED)))
			return 0;
	}
	if (c->sort_step != 0) {
		snprintf(buf, sizeof buf, "sort: %s %s",
			 ctl_sort_name(c->sort_step),
			 c->sort_step % 2 ? "desc" : "asc");
		if (!seg(l, buf, A_NORMAL))
			return 0;
	}
	return 1;
}

/* The user's keys for the main actions, at the right; just the help key
 * when there is no room. */
static void hints(struct line *l, enum keymap_view v)
{
	static const struct keymap_hint list[] = {
		{KA_HELP, "help"}, {KA_FILTER, "filter"}, {KA_SORT, "sort"},
		{KA_HEX, "hex"}, {KA_OPEN, "open"}, {KA_QUIT, "quit"},
	};
	char text[256];
	keymap_hints(l->ui->keys, v, list, sizeof list / sizeof list[0], text,
		     sizeof text);
	int hw = ui_width(text, strlen(text), TEXTSAFE_VALUE, 250);
	if (l->end - l->x > hw) {
		ui_text_as(l->ui, l->y, l->end - hw - 1, text, strlen(text), hw,
			   TEXTSAFE_VALUE, ui_attr(l->ui, THEME_DIM));
		return;
	}
	keymap_hints(l->ui->keys, v, list, 1, text, sizeof text);
	seg_as(l, text, TEXTSAFE_VALUE, ui_attr(l->ui, THEME_DIM));
}

void view_status_draw(const struct browser_ctl *c,
		      const struct filter_prompt *fp, enum keymap_view focus,
		      const struct ui_rect *r, const struct ui *ui)
{
	struct line l = {ui, r->y, r->x + 1, r->x + r->w};

	if (r->w <= 0)
		return;
	ui_fill(r->y, r->x, r->w, A_NORMAL);
	if (fp->open) {
		filter_draw(fp, r, ui);
		return;
	}
	/* The path is the first thing to go on a narrow screen, or to make
	 * room for an error. */
	int error = c->msg->is_error &&
		    browser_msg_showing(c->msg, browser_now_ms());
	if (r->w >= 80 && !error && !path_segment(c, &l))
		return;
	if (!state_segments(c, &l))
		return;
	if (c->jobs.run != NULL) {
		/* a bulk action's progress wins over the last message */
		char buf[200], done[32], all[32];
		const struct bulk_job *j = c->jobs.run;
		fmt_count(c->jobs.done + c->jobs.failed, done, sizeof done);
		fmt_count(bulk_job_total(j), all, sizeof all);
		snprintf(buf, sizeof buf, "%s: %s of %s keys (Esc stops)",
			 bulk_op_verb(bulk_job_plan(j)->op), done, all);
		seg(&l, buf, ui_attr(ui, THEME_MESSAGE));
		return;
	}
	if (browser_msg_showing(c->msg, browser_now_ms())) {
		/* Messages name things escaped already (ctl_message). */
		seg_as(&l, c->msg->text, TEXTSAFE_ESCAPED,
		       c->msg->is_error ? ui_attr(ui, THEME_ERROR)
					: ui_attr(ui, THEME_MESSAGE));
		return;
	}
	hints(&l, focus);
}
