/* SPDX-License-Identifier: MIT */
/*
 * browser_edit.c - the editor's calls from the browser, and the lists
 * brought up to date after them.
 */
#include "browser/browser_edit.h"

#include "browser/browser_inspect.h"
#include "browser/browser_term.h"
#include "common/textsafe.h"
#include "editor/editor.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* Show what is on disk now under these names (do not wait for the
 * watcher, and do not trust what an operation meant to do: a rename or a
 * save that failed half way shows as it ended). */
static void show_truth(struct browser_ctl *c, const char *const *names,
		       size_t n, const char *cursor_to)
{
	struct key_list *kl = c->cur.keys;
	if (kl == NULL || c->cur.table == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		struct flockd_stat st;
		if (names[i] == NULL || names[i][0] == '\0')
			continue;
		int err = flockd_key_stat(c->cur.table, names[i], &st);
		if (err == FLOCKD_OK)
			key_list_add(kl, names[i], strlen(names[i]), 0,
				     DT_UNKNOWN, 0);
		else if (err == FLOCKD_ENOTFOUND)
			key_list_remove(kl, names[i], strlen(names[i]), 0);
	}
	key_list_commit(kl);
	ctl_list_changed(c);
	lock_marks_refresh(&c->cur.locks);
	c->cur.cmp_wanted = c->cmp.run != NULL;
	struct flockd_stat st;
	if (cursor_to != NULL && cursor_to[0] != '\0' &&
	    flockd_key_stat(c->cur.table, cursor_to, &st) == FLOCKD_OK)
		key_list_want(kl, cursor_to, strlen(cursor_to));
}

static void after_editor(struct browser_ctl *c, const struct ui *ui,
			 enum keymap_action action, enum editor_outcome out,
			 const char *key, const char *new_name,
			 const struct editor_message *msg)
{
	browser_term_after_modal(ui);
	if (msg->text[0] != '\0') {
		/* the editor logged what it said; the rest is logged now */
		size_t n = msglog_count(ui->log);
		const struct msglog_entry *last =
			n ? msglog_get(ui->log, n - 1) : NULL;
		if (last == NULL || strcmp(last->text, msg->text) != 0)
			ui_log(ui, msg->is_error, msg->text);
		browser_show(c->msg, msg->is_error, msg->text);
		c->dirty = 1;
	}
	else if (out == EDITOR_ERROR)
		ctl_message(c, 1, "the editor failed");
	if (msg->other_table) {
		/* saved in another table: the list of tables may change */
		ctl_reload_tables(c);
	} else {
		const char *final = msg->final_key[0] ? msg->final_key : NULL;
		const char *names[3] = {key, new_name, final};
		/* the cursor follows a change that happened, else stays */
		show_truth(c, names, 3, final != NULL ? final
			   : out == EDITOR_CHANGED && new_name != NULL
			   ? new_name : key);
	}
	c->pv.stale = 1;
	c->dirty = 1;
}

/* Compare mode: the cursor's key differs or is only there. Returns
 * non-zero when that decided what to do. */
static int compare_first(struct browser_ctl *c, const struct ui *ui,
			 enum keymap_action action)
{
	struct key_list_row row;
	if (c->cmp.run == NULL || ctl_current_row(c, &row) != 0)
		return 0;
	enum cmp_status st = ctl_compare_status(c, &row);
	if (action == KA_OPEN && (st == CMP_DIFFERS || st == CMP_ONLY_THERE)) {
		browser_run_inspect(c, ui, KA_COMPARE);
		return 1;
	}
	if (st != CMP_ONLY_THERE)
		return 0;
	char dir[200];
	textsafe_name_buf(dir, sizeof dir, c->src.compare_dir,
			  strlen(c->src.compare_dir), textsafe_locale());
	ctl_message(c, 1, "only there (read-only): %s", dir);
	return 1;
}

/* An editor call on the cursor's key. */
static enum editor_outcome on_key(struct browser_ctl *c,
				  const struct editor_options *opt,
				  enum keymap_action action, const char *key,
				  char **new_name, struct editor_message *msg)
{
	flockd_table *t = c->cur.table;
	switch (action) {
	case KA_OPEN:
		return editor_open_value(t, key, opt, msg);
	case KA_EDIT_EXTERNAL:
		return editor_external(t, key, opt, msg);
	case KA_DELETE:
		return editor_delete_key(t, key, opt, msg);
	case KA_RENAME:
		return editor_rename_key(t, key, opt, new_name, msg);
	default:
		return EDITOR_UNCHANGED;
	}
}

void browser_run_editor(struct browser_ctl *c, const struct ui *ui,
			enum keymap_action action)
{
	struct editor_options opt = {c->src.read_only, c->src.timeout_ms, ui,
				     c->src.abs_dir};
	struct editor_message msg;
	memset(&msg, 0, sizeof msg);
	if (ctl_refuse_writes(c))
		return; /* never into a directory that is not the database */
	enum editor_outcome out;
	char *key = NULL, *new_name = NULL;

	if (c->cur.table == NULL) {
		ctl_message(c, 1, "no table open");
		return;
	} else if (action == KA_NEW_KEY) {
		out = editor_new_key(c->cur.table, &opt, &new_name, &msg);
	} else {
		if (compare_first(c, ui, action))
			return;
		key = ctl_current_key(c);
		if (key == NULL)
			return;
		out = on_key(c, &opt, action, key, &new_name, &msg);
	}
	after_editor(c, ui, action, out, key, new_name, &msg);
	free(key);
	free(new_name);
}
