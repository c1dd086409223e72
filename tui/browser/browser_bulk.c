/* SPDX-License-Identifier: MIT */
/*
 * browser_bulk.c - the questions before a bulk action or a table
 * operation, and its report (browser_bulk.h). The work is the
 * controller's (browser_job.c), a slice between keys.
 */
#include "browser/browser_bulk.h"

#include "browser/browser_term.h"
#include "browser/fmt.h"
#include "common/textsafe.h"
#include "ui/ask.h"
#include "ui/pager.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int add_key(const char *name, size_t len, void *ctx)
{
	return bulk_plan_add(ctx, name, len) == ENOMEM ? ENOMEM : 0;
}

/* The picked keys, or else the cursor's key. 0, or -1 after saying
 * why. */
static int plan_keys(struct browser_ctl *c, struct bulk_plan *p)
{
	struct key_list *kl = c->cur.keys;
	if (kl != NULL && key_list_selected(kl) > 0) {
		if (key_list_selected_names(kl, add_key, p) != 0) {
			ctl_message(c, 1, "out of memory");
			return -1;
		}
		return 0;
	}
	char *key = ctl_current_key(c);
	if (key == NULL)
		return -1;
	int err = bulk_plan_add(p, key, strlen(key));
	free(key);
	if (err != 0)
		ctl_message(c, 1, "out of memory");
	return err ? -1 : 0;
}

/* A table name typed by the user: "(root)" is the root. NULL after
 * saying why on `note`'s line. */
static char *ask_table(const struct ui *ui, const char *question,
		       const char *initial)
{
	const char *note = NULL;
	for (;;) {
		char *name = NULL;
		if (ask_prompt(ui, question, initial, note, &name) != 1)
			return NULL;
		int typed = name[0] != '\0';
		if (strcmp(name, "(root)") == 0)
			name[0] = '\0';
		if (typed && flockd_table_name_valid(name) == FLOCKD_OK)
			return name;
		free(name);
		note = "not a table name: components separated by '/', none "
		       "empty, \".\" or \"..\" ((root) for the root)";
	}
}

/* The confirmation of `p`: yes/no, or skip/replace/cancel when the
 * target has some of the keys. Non-zero to go ahead. */
static int confirm(const struct ui *ui, struct bulk_plan *p)
{
	char q[1200];
	bulk_plan_question(p, q, sizeof q);
	if (!bulk_plan_asks_clash(p))
		return ask_yesno(ui, q);
	static const struct ask_choice choices[] = {
		{KA_SKIP, "skip them"},
		{KA_REPLACE, "replace them"},
		{KA_CANCEL, "cancel"},
	};
	enum keymap_action a = ask_choose(ui, KV_CLASH, q, choices, 3);
	p->replace = a == KA_REPLACE;
	return a == KA_SKIP || a == KA_REPLACE;
}

/* Ask, then run (the plan is taken in every case). */
static void confirm_and_run(struct browser_ctl *c, const struct ui *ui,
			    struct bulk_plan *p)
{
	if (!confirm(ui, p)) {
		bulk_plan_done(p);
		ctl_message(c, 0, "cancelled");
		return;
	}
	ctl_job_start(c, p);
}

static int refuse_ro(struct browser_ctl *c, const char *what)
{
	if (c->src.read_only)
		ctl_message(c, 1, "read-only (-r): %s refused", what);
	return c->src.read_only;
}

/* Copy or move the keys to a table the user names. */
static void copy_or_move(struct browser_ctl *c, const struct ui *ui,
			 enum bulk_op op)
{
	struct bulk_plan p;
	char q[200];
	if (refuse_ro(c, op == BULK_COPY ? "copying" : "moving") ||
	    c->cur.name == NULL || bulk_plan_init(&p, op, c->cur.name, NULL))
		return;
	if (plan_keys(c, &p) != 0) {
		bulk_plan_done(&p);
		return;
	}
	snprintf(q, sizeof q, "%s %zu key%s to table ((root) for the root): ",
		 op == BULK_COPY ? "Copy" : "Move", p.n_keys,
		 p.n_keys == 1 ? "" : "s");
	p.target = ask_table(ui, q, NULL);
	int err = p.target == NULL ? -1 : bulk_plan_look(&p, c->src.peek_db);
	if (err != 0) {
		if (err > 0 || err < -1)
			ctl_message(c, 1, "cannot open the target: %s",
				    flockd_strerror(err));
		else
			ctl_message(c, 0, "cancelled");
		bulk_plan_done(&p);
		return;
	}
	confirm_and_run(c, ui, &p);
}

static void delete_picked(struct browser_ctl *c, const struct ui *ui)
{
	struct bulk_plan p;
	if (refuse_ro(c, "deleting") ||
	    bulk_plan_init(&p, BULK_DELETE, c->cur.name, NULL))
		return;
	if (plan_keys(c, &p) != 0) {
		bulk_plan_done(&p);
		return;
	}
	confirm_and_run(c, ui, &p);
}

/* "users-archive.jsonl" for table users/archive: a file name of the
 * current directory. */
static void default_file(const char *table, char *buf, size_t size)
{
	snprintf(buf, size, "%s.jsonl", table[0] ? table : "root");
	for (char *s = buf; *s; s++)
		if (*s == '/')
			*s = '-';
}

static void export_keys(struct browser_ctl *c, const struct ui *ui)
{
	struct bulk_plan p;
	char q[200], def[300];
	struct stat st;
	if (c->cur.name == NULL ||
	    bulk_plan_init(&p, BULK_EXPORT, c->cur.name, NULL))
		return;
	if (plan_keys(c, &p) != 0) {
		bulk_plan_done(&p);
		return;
	}
	snprintf(q, sizeof q, "Export %zu key%s to the file: ", p.n_keys,
		 p.n_keys == 1 ? "" : "s");
	default_file(c->cur.name, def, sizeof def);
	if (ask_prompt(ui, q, def, NULL, &p.target) != 1 ||
	    p.target[0] == '\0') {
		ctl_message(c, 0, "cancelled");
		bulk_plan_done(&p);
		return;
	}
	p.overwrite = lstat(p.target, &st) == 0;
	if (p.overwrite && !S_ISREG(st.st_mode)) {
		ctl_message(c, 1, "not a regular file: nothing exported");
		bulk_plan_done(&p);
		return;
	}
	confirm_and_run(c, ui, &p);
}

/* What a table op needs from the shown table: every key, the count of
 * its other files, its nested tables. 0, or -1 after saying why. */
static int plan_table(struct browser_ctl *c, struct bulk_plan *p)
{
	const struct browser_table *t = &c->cur;
	if (t->keys == NULL || t->loader != NULL) {
		ctl_message(c, 1, "the table is still being listed: try again "
			    "when it is complete");
		return -1;
	}
	if (key_list_keys(t->keys, add_key, p) != 0) {
		ctl_message(c, 1, "out of memory");
		return -1;
	}
	p->n_files = key_list_count_files(t->keys);
	size_t len = strlen(t->name);
	for (size_t i = 0; i < c->tables.count; i++) {
		const char *n = c->tables.names[i];
		if (strncmp(n, t->name, len) == 0 && n[len] == '/' &&
		    bulk_plan_add_nested(p, n) != 0) {
			ctl_message(c, 1, "out of memory");
			return -1;
		}
	}
	return 0;
}

/* The table under the tables cursor, shown in the keys pane; NULL after
 * saying why (the root is the database itself). */
static const char *op_table(struct browser_ctl *c, const char *what)
{
	const char *t = table_list_current(&c->tables);
	if (refuse_ro(c, what))
		return NULL;
	if (t == NULL || c->cur.name == NULL || strcmp(t, c->cur.name) != 0) {
		ctl_message(c, 1, "no table under the cursor");
		return NULL;
	}
	if (t[0] == '\0') {
		ctl_message(c, 1, "the root is the database itself: its keys "
			    "can be picked (+) and deleted");
		return NULL;
	}
	return t;
}

static void drop_table(struct browser_ctl *c, const struct ui *ui)
{
	struct bulk_plan p;
	const char *t = op_table(c, "deleting a table");
	if (t == NULL || bulk_plan_init(&p, BULK_DROP_TABLE, t, NULL))
		return;
	if (plan_table(c, &p) != 0) {
		bulk_plan_done(&p);
		return;
	}
	confirm_and_run(c, ui, &p);
}

static void rename_table(struct browser_ctl *c, const struct ui *ui)
{
	struct bulk_plan p;
	const char *t = op_table(c, "renaming a table");
	if (t == NULL || bulk_plan_init(&p, BULK_RENAME_TABLE, t, NULL))
		return;
	if (plan_table(c, &p) != 0) {
		bulk_plan_done(&p);
		return;
	}
	p.target = ask_table(ui, "Rename the table to: ", t);
	if (p.target == NULL || strcmp(p.target, t) == 0 ||
	    table_list_find(&c->tables, p.target) != (size_t)-1) {
		if (p.target != NULL && strcmp(p.target, t) != 0)
			ctl_message(c, 1, "that table exists: nothing renamed");
		else
			ctl_message(c, 0, "cancelled");
		bulk_plan_done(&p);
		return;
	}
	confirm_and_run(c, ui, &p);
}

/* A new table; in the tables pane nested under the cursor's table. */
static void new_table(struct browser_ctl *c, const struct ui *ui,
		      int on_tables)
{
	char init[600] = "", shown[300];
	const char *cur = table_list_current(&c->tables);
	if (refuse_ro(c, "creating a table"))
		return;
	if (on_tables && cur != NULL && cur[0] != '\0')
		snprintf(init, sizeof init, "%s/", cur);
	char *name = ask_table(ui, "New table (a/b for nested): ", init);
	if (name == NULL) {
		ctl_message(c, 0, "cancelled");
		return;
	}
	textsafe_name_buf(shown, sizeof shown, name, strlen(name),
			  textsafe_locale());
	flockd_table *t = NULL;
	int err = flockd_table_open(c->src.db, name, 0, &t);
	if (err == FLOCKD_OK) {
		ctl_message(c, 1, "table %s exists", shown);
	} else if ((err = flockd_table_open(c->src.db, name,
					    FLOCKD_TABLE_CREATE, &t)) != 0) {
		ctl_message(c, 1, "table %s not created: %s", shown,
			    flockd_strerror(err));
	} else {
		ctl_reload_tables_goto(c, name);
		ctl_message(c, 0, "created table %s", shown);
	}
	flockd_table_close(t);
	free(name);
}

/* The report's lines: the summary, then each key that failed. */
static void report_line(size_t i, char *buf, size_t size,
			enum theme_element *elem, unsigned *flags, void *ctx)
{
	const struct bulk_job *j = ctx;
	(void)flags;
	if (i == 0) {
		bulk_job_summary(j, buf, size);
		*elem = THEME_HEADER;
		return;
	}
	if (i == 1) {
		snprintf(buf, size, "%s", bulk_job_failed(j) > 0
			 ? "Keys that failed (key: why, at which step):"
			 : "No key failed.");
		return;
	}
	const struct bulk_failure *f = bulk_job_failure(j, i - 2);
	char k[400];
	if (f == NULL) {
		snprintf(buf, size, "... and %zu more (out of memory to list)",
			 bulk_job_failed(j) - (i - 2));
		return;
	}
	textsafe_name_buf(k, sizeof k, f->key, strlen(f->key),
			  textsafe_locale());
	snprintf(buf, size, "  %s: %s%s%s%s", k, flockd_strerror(f->err),
		 f->step[0] ? " (at \"" : "", f->step, f->step[0] ? "\")" : "");
	*elem = THEME_ERROR;
}

static void show_report(struct browser_ctl *c, const struct ui *ui)
{
	const struct bulk_job *j = c->jobs.last;
	if (c->jobs.run != NULL) {
		ctl_message(c, 0, "a bulk action is running: %zu of %zu done",
			    c->jobs.done, bulk_job_total(c->jobs.run));
		return;
	}
	if (j == NULL) {
		ctl_message(c, 0, "no bulk action yet");
		return;
	}
	size_t n = 2 + bulk_job_failed(j);
	char title[160];
	snprintf(title, sizeof title, " Report: %s of %zu key%s",
		 bulk_op_verb(bulk_job_plan(j)->op), bulk_job_total(j),
		 bulk_job_total(j) == 1 ? "" : "s");
	pager_run(ui, title, n, report_line, (void *)j);
	browser_term_after_modal(ui);
}

int browser_bulk(struct browser_ctl *c, const struct ui *ui,
		 enum keymap_action action, int on_tables)
{
	int picked = c->cur.keys != NULL && key_list_selected(c->cur.keys) > 0;
	int writes = action == KA_NEW_TABLE || action == KA_COPY ||
		     action == KA_MOVE || (action == KA_RENAME && on_tables) ||
		     (action == KA_DELETE && (on_tables || picked));
	if (writes && ctl_refuse_writes(c))
		return 1; /* never into a directory that is not the database */
	switch (action) {
	case KA_DELETE:
		if (on_tables)
			drop_table(c, ui);
		else if (picked)
			delete_picked(c, ui);
		else
			return 0;
		return 1;
	case KA_RENAME:
		if (!on_tables)
			return 0;
		rename_table(c, ui);
		return 1;
	case KA_NEW_TABLE: new_table(c, ui, on_tables); return 1;
	case KA_COPY: copy_or_move(c, ui, BULK_COPY); return 1;
	case KA_MOVE: copy_or_move(c, ui, BULK_MOVE); return 1;
	case KA_EXPORT: export_keys(c, ui); return 1;
	case KA_REPORT: show_report(c, ui); return 1;
	default: return 0;
	}
}
