/* SPDX-License-Identifier: MIT */
/*
 * view_filter.c - the line typed on the status line (view_filter.h).
 */
#include "browser/view_filter.h"

#include "ui/draw.h"
#include "ui/prompt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The target's text now. */
static const char *current_text(enum filter_target t,
				const struct filter_lists *lists)
{
	switch (t) {
	case FILTER_KEYS: return key_list_filter(lists->keys);
	case FILTER_TABLES: return table_list_filter(lists->tables);
	default: return key_list_search(lists->keys);
	}
}

static int target_gone(enum filter_target t, const struct filter_lists *l)
{
	return t == FILTER_TABLES ? l->tables == NULL : l->keys == NULL;
}

void filter_open(struct filter_prompt *fp, enum filter_target target,
		 const struct filter_lists *lists, struct browser_msg *msg)
{
	filter_done(fp);
	if (target_gone(target, lists))
		return;
	fp->target = target;
	fp->before = strdup(current_text(target, lists));
	if (fp->before == NULL || lineedit_init(&fp->le, fp->before) != 0) {
		free(fp->before);
		fp->before = NULL;
		browser_say(msg, 1, "out of memory");
		return;
	}
	if (target != FILTER_TABLES)
		fp->row_before = key_list_cursor(lists->keys);
	fp->err[0] = '\0';
	fp->open = 1;
}

void filter_draw(const struct filter_prompt *fp, const struct ui_rect *r,
		 const struct ui *ui)
{
	static const char *const lead[] = {"/", "tables /", "find "};
	const struct lineedit *le = &fp->le;
	int lw = (int)strlen(lead[fp->target]);
	int room = r->w - 1 - lw;
	if (room <= 1)
		return;
	mvaddstr(r->y, 0, lead[fp->target]);
	int errw = fp->err[0] ? room / 2 : 0;
	/* Keep the cursor in view: that is where the user types. What is
	 * typed shows as a value (a backslash is one backslash). */
	int cx;
	size_t start = lineedit_view(le, room - errw - 1,
				     TEXTSAFE_VALUE | textsafe_locale(), &cx);
	ui_text_as(ui, r->y, lw, le->text + start, le->len - start,
		   room - errw - 1, TEXTSAFE_VALUE, A_BOLD);
	if (errw > 0)
		ui_text(ui, r->y, r->w - errw, fp->err, strlen(fp->err), errw,
			ui_attr(ui, THEME_ERROR));
	move(r->y, lw + cx);
}

/* Apply the text typed so far. Non-zero when the tables cursor may have
 * moved. */
static int apply(struct filter_prompt *fp, const struct filter_lists *l,
		 const char *text)
{
	char err[200];
	int rc = 0;
	switch (fp->target) {
	case FILTER_KEYS:
		rc = key_list_set_filter(l->keys, text, err, sizeof err);
		break;
	case FILTER_TABLES:
		rc = table_list_set_filter(l->tables, text);
		snprintf(err, sizeof err, "out of memory");
		break;
	case SEARCH_KEYS:
		rc = key_list_set_search(l->keys, text, err, sizeof err);
		/* from where the search started, as less and vim do */
		key_list_set_cursor(l->keys, fp->row_before);
		if (rc == 0 && text[0] != '\0' &&
		    !key_list_search_next(l->keys, 0, 1))
			snprintf(err, sizeof err, "no key matches");
		else if (rc == 0)
			err[0] = '\0';
		if (rc == 0 && err[0] != '\0') {
			snprintf(fp->err, sizeof fp->err, "%s", err);
			return 0;
		}
		break;
	}
	if (rc == EINVAL)
		snprintf(fp->err, sizeof fp->err, "bad regex: %s", err);
	else if (rc != 0)
		snprintf(fp->err, sizeof fp->err, "%s", err);
	else
		fp->err[0] = '\0';
	return fp->target == FILTER_TABLES;
}

void filter_done(struct filter_prompt *fp)
{
	if (fp->open)
		lineedit_done(&fp->le);
	free(fp->before);
	memset(fp, 0, sizeof *fp);
}

int filter_key(struct filter_prompt *fp, const struct filter_lists *lists,
	       const struct keymap *km, int key, struct browser_msg *msg)
{
	int moved = 0;
	if (target_gone(fp->target, lists)) {
		filter_done(fp);
		return 0;
	}
	/* Backspace on an empty line leaves the prompt, as in less. */
	if (fp->le.len == 0 &&
	    keymap_lookup(km, KV_PROMPT, key) == KA_BACKSPACE) {
		filter_done(fp);
		return 0;
	}
	switch (prompt_key(&fp->le, km, key)) {
	case PROMPT_ACCEPT:
		if (fp->err[0] != '\0')
			browser_say(msg, 1, "%s", fp->err);
		filter_done(fp);
		break;
	case PROMPT_CANCEL:
		if (fp->before != NULL)
			moved = apply(fp, lists, fp->before);
		if (fp->target == SEARCH_KEYS)
			key_list_set_cursor(lists->keys, fp->row_before);
		filter_done(fp);
		break;
	case PROMPT_CHANGED:
		moved = apply(fp, lists, fp->le.text);
		break;
	case PROMPT_NOMEM:
		snprintf(fp->err, sizeof fp->err, "out of memory");
		break;
	default:
		break;
	}
	return moved;
}

int filter_paste(struct filter_prompt *fp, const struct filter_lists *lists,
		 const char *text, size_t len)
{
	if (target_gone(fp->target, lists)) {
		filter_done(fp);
		return 0;
	}
	if (prompt_paste(&fp->le, text, len) == PROMPT_CHANGED)
		return apply(fp, lists, fp->le.text);
	return 0;
}
