/*
 * browser_inspect.c - the inspection views called from the browser: the
 * lock view (L), the check view (C), the info screen (I) and compare
 * mode's value screen (D, and Enter on a key that differs). Each is modal
 * (tui/inspect draws it); afterwards the screen, the lists and the marks
 * are read again, since the check view may have removed files.
 */
#include "browser/browser_app.h"

#include "common/curses_ui.h"
#include "common/textsafe.h"
#include "inspect/inspect_views.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The compare view of the cursor's key: here against there. */
static void compare_current(struct browser *b)
{
	char here[600];
	if (b->cmp_db == NULL) {
		ctl_message(b, 1, "not in compare mode (flockd --compare "
			    "DIR_B DIR)");
		return;
	}
	if (b->cmp_table == NULL) {
		char dir[200];
		textsafe_name_buf(dir, sizeof dir, b->compare_dir,
				  strlen(b->compare_dir), textsafe_locale());
		ctl_message(b, 1, "this table is not in %s: every key is "
			    "only here", dir);
		return;
	}
	char *key = browser_current_key(b);
	if (key == NULL)
		return;
	snprintf(here, sizeof here, "here: %s", b->dir);
	char there[600];
	snprintf(there, sizeof there, "there: %s", b->compare_dir);
	int err = inspect_view_compare_key(b->peek_table, here, b->cmp_table,
					   there, key);
	if (err != 0)
		ctl_message(b, 1, "cannot compare the key: %s",
			    flockd_strerror(err));
	free(key);
}

static void after_inspect(struct browser *b)
{
	browser_setup_terminal();
	clearok(curscr, TRUE);
	/* The check view may have removed or rewritten files: read the
	 * tables, the keys, the marks and the value again. */
	ctl_reload_tables(b);
	ctl_rescan(b);
	ctl_refresh_marks(b);
	b->preview_stale = 1;
	b->dirty = 1;
}

void browser_run_inspect(struct browser *b, enum keymap_action action)
{
	int err = 0;

	if (action != KM_INFO && action != KM_CHECK && b->peek_table == NULL) {
		ctl_message(b, 1, "no table open");
		return;
	}
	switch (action) {
	case KM_LOCKS:
		err = inspect_view_locks(b->peek_table);
		break;
	case KM_CHECK:
		err = inspect_view_check(b->db);
		break;
	case KM_INFO:
		err = inspect_view_info(b->peek_db);
		break;
	case KM_COMPARE:
		compare_current(b);
		break;
	default:
		return;
	}
	after_inspect(b);
	if (err == ENOENT && action == KM_LOCKS)
		ctl_message(b, 1, "no /proc/locks here: lock holders cannot "
			    "be listed");
	else if (err != 0)
		ctl_message(b, 1, "%s: %s", keymap_action_name(action),
			    flockd_strerror(err));
}
