/* SPDX-License-Identifier: MIT */
/*
 * view_settle.h - the check view's part that settles conflict copies in
 * bulk: the facts shown on a copy's row, marks on keys, and keep key /
 * keep newest / drop identical on the marked keys (sync/settle.h),
 * confirmed, waited for on the wait line. Internal to tui/inspect/.
 */
#ifndef TUI_INSPECT_VIEW_SETTLE_H
#define TUI_INSPECT_VIEW_SETTLE_H

#include "inspect/inspect_ui.h"
#include "sync/settle.h"

#define CHECK_READONLY_MSG \
	"read-only: nothing changed (open the database without -r)"

/* What the check view shows and marks: the findings of every table
 * (set.report) grouped by key where they are conflict copies. */
struct check_model {
	struct conflict_set set;
	struct settle_marks marks;
};

/* check_copy_status - a conflict copy's status column (raw bytes: escape
 * before showing): "= key" (or "differs", "key missing", "not
 * compared"), size, modification time, the device (or host) that made
 * it. Returns 0, or -1 when `f` is not a copy of a group. */
int check_copy_status(const struct check_model *m, const struct leftover *f,
		      char *buf, size_t size);

/*
 * check_mark_action - select (mark or unmark the key of the row under
 * the cursor, then go down past its rows) or select-invert; the outcome
 * in msg. Returns 1 when `a` was one of them.
 */
int check_mark_action(struct check_model *m, struct iui_list *l,
		      enum keymap_action a, char *msg, size_t msz);

/*
 * check_settle_action - keep-key, keep-newest or drop-identical on the
 * marked keys (none marked: the key of the copy under the cursor, `here`
 * its finding or NULL): says what it will do with the counts and asks;
 * then settles key after key, each waiting for its locks on the wait
 * line (Esc stops the rest), and says in msg how many were settled and
 * failed with the first reason. The marks are cleared after. Returns 1
 * when the list must be read again, 0 when nothing was done (also when
 * `a` is none of them).
 */
int check_settle_action(const struct ui *ui, flockd_db *db,
			struct check_model *m, const struct leftover *here,
			enum keymap_action a, char *msg, size_t msz);

#endif
