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

/* Show a changed key at once (do not wait for the watcher). */
static void show_key_change(struct browser_ctl *c, enum keymap_action action,
			    enum editor_outcome out, const char *key,
			    const char *new_name)
{
	struct key_list *kl = c->cur.keys;
	if (kl == NULL)
		return;
	if (key != NULL && (out == EDITOR_DELETED || action == KA_RENAME))
		key_list_remove(kl, key, strlen(key), 0);
	else if (key != NULL)
		key_list_add(kl, key, strlen(key), 0, DT_UNKNOWN, 0);
	if (new_name != NULL)
		key_list_add(kl, new_name, strlen(new_name), 0, DT_UNKNOWN, 0);
	key_list_commit(kl);
	ctl_list_changed(c);
	c->cur.cmp_wanted = c->src.cmp_db != NULL;
	if (new_name != NULL)
		key_list_want(kl, new_name, strlen(new_name));
}

static void after_editor(struct browser_ctl *c, const struct ui *ui,
			 enum keymap_action action, enum editor_outcome out,
			 const char *key, const char *new_name,
			 const struct editor_message *msg)
{
	browser_term_after_modal(ui);
	if (msg->text[0] != '\0')
		ctl_message(c, msg->is_error, "%s", msg->text);
	else if (out == EDITOR_ERROR)
		ctl_message(c, 1, "the editor failed");
	if (out == EDITOR_CHANGED || out == EDITOR_DELETED)
		show_key_change(c, action, out, key, new_name);
	c->pv.stale = 1;
	c->dirty = 1;
}

/* Compare mode: the cursor's key differs or is only there. Returns
 * non-zero when that decided what to do. */
static int compare_first(struct browser_ctl *c, const struct ui *ui,
			 enum keymap_action action)
{
	struct key_list_row row;
	if (c->src.cmp_db == NULL || ctl_current_row(c, &row) != 0)
		return 0;
	enum diff_status st = ctl_compare_status(c, &row);
	if (action == KA_OPEN && (st == DIFF_DIFFERS || st == DIFF_ONLY_B)) {
		browser_run_inspect(c, ui, KA_COMPARE);
		return 1;
	}
	if (st != DIFF_ONLY_B)
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
	struct editor_options opt = {c->src.read_only, c->src.timeout_ms, ui};
	struct editor_message msg = {"", 0};
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
