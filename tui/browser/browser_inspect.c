/* SPDX-License-Identifier: MIT */
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

/* The compare view of the cursor's key: here against there (read
 * through its replica: it may be on another machine). */
static void compare_current(struct browser_ctl *c, const struct ui *ui)
{
	char here[600], there[600];
	if (c->cmp.run == NULL) {
		ctl_message(c, 1, "not in compare mode (flockd --compare "
			    "DIR_B DIR)");
		return;
	}
	const struct cmp_table *t = ctl_compare_table(c);
	if (t != NULL && !t->in_there) {
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
	void *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;
	int aerr = flockd_get(c->cur.peek_table, key, &a, &alen);
	int berr = replica_get(c->cmp.there, c->cur.name, key, &b, &blen,
			       NULL);
	int err = aerr != FLOCKD_ENOTFOUND ? aerr : 0;
	if (err == 0 && berr != FLOCKD_ENOTFOUND)
		err = berr;
	if (err == 0) {
		snprintf(here, sizeof here, "here: %s", c->src.dir);
		snprintf(there, sizeof there, "there: %s",
			 c->src.compare_dir);
		struct inspect_side sa = {here, a, alen, aerr != 0};
		struct inspect_side sb = {there, b, blen, berr != 0};
		err = inspect_view_compare_key(ui, key, &sa, &sb);
	}
	if (err != 0)
		ctl_message(c, 1, "cannot compare the key: %s",
			    remote_strerror(err));
	free(a);
	free(b);
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
