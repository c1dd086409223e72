/* SPDX-License-Identifier: MIT */
/*
 * view_details.c - the details popup: key_details' lines in a box over
 * the browser, scrolled by the list keys, closed by the `details` keys.
 */
#include "browser/browser_views.h"

#include "browser/browser_term.h"
#include "browser/key_details.h"
#include "inspect/proc_locks.h"
#include "ui/draw.h"
#include "ui/pager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The box: as wide as the screen allows up to 100 columns, as tall as
 * the lines up to the screen. */
static struct ui_rect box_for(size_t lines)
{
	int w = COLS - 4 < 100 ? COLS - 4 : 100;
	int h = (int)lines + 3 < LINES - 2 ? (int)lines + 3 : LINES - 2;
	if (w < 20)
		w = COLS;
	if (h < 4)
		h = LINES;
	return (struct ui_rect){(LINES - h) / 2, (COLS - w) / 2, h, w};
}

static void draw(const struct ui *ui, const struct key_details *d,
		 const struct ui_rect *r, size_t top)
{
	static const struct keymap_hint hints[] = {
		{KA_CLOSE, "close"}, {KA_HELP, "help"},
	};
	char hint[160];
	ui_frame(ui, r, "Details", NULL, 1);
	int inner = r->h - 3;
	for (int i = 0; i < inner; i++) {
		ui_fill(r->y + 1 + i, r->x + 1, r->w - 2, A_NORMAL);
		size_t n = top + (size_t)i;
		if (n >= d->n)
			continue;
		attr_t a = d->v[n].style == DETAILS_HEADING
				   ? ui_attr(ui, THEME_HEADER)
			   : d->v[n].style == DETAILS_WARN
				   ? ui_attr(ui, THEME_MARK) : A_NORMAL;
		ui_say(ui, r->y + 1 + i, r->x + 1, d->v[n].text, r->w - 2, a);
	}
	keymap_hints(ui->keys, KV_DETAILS, hints, 2, hint, sizeof hint);
	ui_fill(r->y + r->h - 2, r->x + 1, r->w - 2, A_NORMAL);
	ui_text_as(ui, r->y + r->h - 2, r->x + 1, hint, strlen(hint),
		   r->w - 2, TEXTSAFE_VALUE, ui_attr(ui, THEME_DIM));
	refresh();
}

/* The lines for the cursor's row; 0, or -1 after saying why. */
static int build(struct browser_ctl *c, struct key_details *d)
{
	struct key_list_row row;
	if (ctl_current_row(c, &row) != 0) {
		ctl_message(c, 1, "no key selected");
		return -1;
	}
	flockd_table *t = ctl_row_is_there(c, row.name, row.is_entry) &&
				  (row.marks & KL_MARK_CMP_THERE) &&
				  c->cur.cmp_table != NULL
			  ? c->cur.cmp_table : c->cur.peek_table;
	struct ui_rect r = box_for(0);
	if (key_details_build(t, c->cur.keys, row.name, row.name_len,
			      row.is_entry, PROC_LOCKS_PATH, PROC_ROOT,
			      r.w - 2, d) != 0) {
		ctl_message(c, 1, "out of memory");
		return -1;
	}
	/* compare mode: both sides of the key */
	char name[4096];
	const struct cmp_key *k = NULL;
	if (!row.is_entry && row.name_len < sizeof name) {
		memcpy(name, row.name, row.name_len);
		name[row.name_len] = '\0';
		k = ctl_compare_key(c, name);
	}
	if (k != NULL && key_details_add_compare(d, k) != 0) {
		key_details_free(d);
		ctl_message(c, 1, "out of memory");
		return -1;
	}
	return 0;
}

void browser_details(struct browser_ctl *c, const struct ui *ui)
{
	struct key_details d;
	size_t top = 0;
	if (build(c, &d) != 0)
		return;
	for (;;) {
		struct ui_rect r = box_for(d.n);
		size_t page = r.h > 4 ? (size_t)(r.h - 3) : 1;
		size_t last = d.n > page ? d.n - page : 0;
		if (top > last)
			top = last;
		draw(ui, &d, &r, top);
		int key = ui_key(ui, -1);
		if (key == KC_RESIZE) {
			key_details_free(&d);
			if (build(c, &d) != 0)
				break;
			clear();
			continue;
		}
		switch (ui_action(ui, KV_DETAILS, key)) {
		case KA_CLOSE: goto done;
		case KA_UP: top = top ? top - 1 : 0; break;
		case KA_DOWN: top++; break;
		case KA_PAGE_UP: top = top > page ? top - page : 0; break;
		case KA_PAGE_DOWN: top += page; break;
		case KA_HALF_PAGE_UP:
			top = top > page / 2 ? top - page / 2 : 0;
			break;
		case KA_HALF_PAGE_DOWN: top += page / 2; break;
		case KA_FIRST: top = 0; break;
		case KA_LAST: top = last; break;
		case KA_HELP:
			help_run(ui, KV_DETAILS, " Details popup keys", NULL, 0);
			clear();
			break;
		case KA_REDRAW: clearok(curscr, TRUE); break;
		default: break;
		}
	}
done:
	key_details_free(&d);
	browser_term_after_modal(ui);
}
