/*
 * view_status.c - the status line: database path, table, key count, RO
 * badge, watch state, filter and sort, the last message (errors in their
 * own colour) and key hints, cut from the right as the terminal narrows.
 */
#include "browser/browser_app.h"
#include "browser/fmt.h"
#include "browser/ui.h"
#include "common/textsafe.h"

#include <stdlib.h>
#include <string.h>

#define MESSAGE_MS 8000 /* how long a message replaces the hints */

struct line {
	int y, x, end;
};

/* Put text rendered with textsafe `flags`; returns 0 once the line is
 * full. */
static int seg_as(struct line *l, const char *text, unsigned flags, attr_t a)
{
	int room = l->end - l->x;
	if (room <= 1)
		return 0;
	int used = ui_text_as(l->y, l->x, text, strlen(text), room - 1, flags,
			      a);
	l->x += used + 2;
	return l->x < l->end;
}

/* Put untrusted text (a name); returns 0 once the line is full. */
static int seg(struct line *l, const char *text, attr_t a)
{
	return seg_as(l, text, 0, a);
}

static int message_showing(const struct browser *b)
{
	return b->msg[0] != '\0' &&
	       browser_now_ms() - b->msg_ms < MESSAGE_MS;
}

/* Compare mode: against what, the counts by status, and the word of the
 * cursor's row. */
static int compare_segments(struct browser *b, struct line *l)
{
	char buf[1200];
	size_t n[DIFF_TROUBLE + 1];
	struct key_list_row row;

	/* A message needs the room more than the other side's path. */
	if (!message_showing(b)) {
		snprintf(buf, sizeof buf, "vs %s", b->compare_dir);
		if (!seg(l, buf, ui_attr(UI_INFO)))
			return 0;
	}
	if (b->cmp.have) {
		compare_marks_counts(&b->cmp, n);
		snprintf(buf, sizeof buf, "#%zu +%zu -%zu", n[DIFF_DIFFERS],
			 n[DIFF_ONLY_A], n[DIFF_ONLY_B]);
		if (!seg(l, buf, A_NORMAL))
			return 0;
	}
	if (ctl_current_row(b, &row) == 0 && !row.is_entry &&
	    !seg(l, compare_mark_word(row.marks), A_BOLD))
		return 0;
	return 1;
}

/* The selected row, when it is not a key: what the classifier says it is
 * ("syncthing-conflict of carol, by ABCDEFG, 20260101-120000"). */
static int entry_segment(struct browser *b, struct line *l)
{
	struct key_list_row row;
	char what[600];
	if (ctl_current_row(b, &row) != 0 || !row.is_entry)
		return 1;
	table_row_describe(row.name, row.name_len, 1, what, sizeof what);
	return seg(l, what, A_BOLD);
}

void view_status_draw(struct browser *b)
{
	const struct layout_rect *r = &b->layout.status;
	struct line l = {r->y, r->x + 1, r->x + r->w};
	char buf[64];

	if (r->w <= 0)
		return;
	ui_fill(r->y, r->x, r->w, A_NORMAL);
	if (b->prompt_open) {
		view_filter_draw(b);
		return;
	}
	/* The path is the first thing to go on a narrow screen; $HOME
	 * shows as "~". */
	if (r->w >= 80) {
		const char *home = getenv("HOME");
		size_t hl = home != NULL ? strlen(home) : 0;
		char path[1024];
		if (hl > 1 && strncmp(b->dir, home, hl) == 0 &&
		    (b->dir[hl] == '/' || b->dir[hl] == '\0'))
			snprintf(path, sizeof path, "~%s", b->dir + hl);
		else
			snprintf(path, sizeof path, "%s", b->dir);
		if (!seg(&l, path, ui_attr(UI_INFO)))
			return;
	}
	if (b->table_name != NULL &&
	    !seg(&l, table_list_display(b->table_name), A_BOLD))
		return;
	if (b->keys != NULL) {
		uint32_t files = key_list_count_files(b->keys);
		fmt_count(key_list_count(b->keys) - files, buf, sizeof buf);
		strncat(buf, " keys", sizeof buf - strlen(buf) - 1);
		if (!seg(&l, buf, A_NORMAL))
			return;
		if (files > 0) {
			fmt_count(files, buf, sizeof buf);
			strncat(buf, files == 1 ? " file" : " files",
				sizeof buf - strlen(buf) - 1);
			if (!seg(&l, buf, ui_attr(UI_MARK)))
				return;
		}
		/* a message (an error, say) matters more than the
		 * description, which the row's mark also gives */
		if (!message_showing(b) && !entry_segment(b, &l))
			return;
	}
	if (b->read_only && !seg(&l, "RO", ui_attr(UI_BADGE)))
		return;
	if (b->cmp_db != NULL && !compare_segments(b, &l))
		return;
	if (!seg(&l, watch_state_of(b->watch) == WATCH_ON ? "watch" : "poll",
		 ui_attr(UI_DIM)))
		return;
	if (b->keys != NULL && key_list_filter(b->keys)[0] != '\0') {
		const char *f = key_list_filter(b->keys);
		char fb[300];
		snprintf(fb, sizeof fb, "filter: %s", f);
		if (!seg_as(&l, fb, TEXTSAFE_VALUE, A_BOLD))
			return;
	}
	if (b->sort_step != 0) {
		static const char *const names[] = {"name", "size", "time"};
		snprintf(buf, sizeof buf, "sort: %s %s",
			 names[(b->sort_step / 2) % 3],
			 b->sort_step % 2 ? "desc" : "asc");
		if (!seg(&l, buf, A_NORMAL))
			return;
	}
	if (message_showing(b)) {
		/* Messages name things escaped already (ctl_message). */
		seg_as(&l, b->msg, TEXTSAFE_ESCAPED,
		       b->msg_error ? ui_attr(UI_ERROR) : A_BOLD);
		return;
	}
	const char *hints = "? help  / filter  s sort  x hex  Enter open  q quit";
	int hw = ui_width(hints, strlen(hints), 0, 200);
	if (l.end - l.x > hw)
		ui_text(r->y, l.end - hw - 1, hints, strlen(hints), hw,
			ui_attr(UI_DIM));
	else
		seg(&l, "? help", ui_attr(UI_DIM));
}
