/*
 * browser_inspect.c - the inspection views called from the browser: the
 * lock view, the check view, the info screen and compare mode's value
 * screen (also Enter on a key that differs). Each is modal (tui/inspect
 * draws it); afterwards the screen, the lists and the marks are read
 * again, since the check view may have removed files.
 */
#include "browser/browser_inspect.h"

#include "browser/browser_term.h"
#include "common/textsafe.h"
#include "inspect/inspect_views.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The compare view of the cursor's key: here against there. */
static void compare_current(struct browser_ctl *c, const struct ui *ui)
{
	char here[600], there[600];
	if (c->src.cmp_db == NULL) {
		ctl_message(c, 1, "not in compare mode (flockd --compare "
			    "DIR_B DIR)");
		return;
	}
	if (c->cur.cmp_table == NULL) {
		char dir[200];
		textsafe_name_buf(dir, sizeof dir, c->src.compare_dir,
				  strlen(c->src.compare_dir),
				  textsafe_locale());
		ctl_message(c, 1, "this table is not in %s: every key is "
			    "only here", dir);
		return;
	}
	char *key = ctl_current_key(c);
	if (key == NULL)
		return;
	snprintf(here, sizeof here, "here: %s", c->src.dir);
	snprintf(there, sizeof there, "there: %s", c->src.compare_dir);
	int err = inspect_view_compare_key(ui, c->cur.peek_table, here,
					   c->cur.cmp_table, there, key);
	if (err != 0)
		ctl_message(c, 1, "cannot compare the key: %s",
			    flockd_strerror(err));
	free(key);
}

void browser_run_inspect(struct browser_ctl *c, const struct ui *ui,
			 enum keymap_action action)
{
	int err = 0;
	char *jump = NULL;

	if (action != KA_INFO && action != KA_CHECK &&
	    c->cur.peek_table == NULL) {
		ctl_message(c, 1, "no table open");
		return;
	}
	/* the check view removes files: not in a moved directory */
	if (action == KA_CHECK && ctl_refuse_writes(c))
		return;
	switch (action) {
	case KA_LOCKS:
		err = inspect_view_locks(ui, c->cur.peek_table, &jump);
		break;
	case KA_CHECK:
		err = inspect_view_check(ui, c->src.db);
		break;
	case KA_INFO:
		err = inspect_view_info(ui, c->src.peek_db);
		break;
	case KA_COMPARE:
		compare_current(c, ui);
		break;
	default:
		return;
	}
	browser_term_after_modal(ui);
	ctl_reload_all(c);
	if (jump != NULL) {
		char *table = strdup(c->cur.name ? c->cur.name : "");
		if (table != NULL)
			ctl_goto_key(c, table, jump);
		free(table);
		free(jump);
	}
	if (err == ENOENT && action == KA_LOCKS)
		ctl_message(c, 1, "no /proc/locks here: lock holders cannot "
			    "be listed");
	else if (err != 0)
		ctl_message(c, 1, "%s: %s", keymap_action_name(action),
			    flockd_strerror(err));
}
