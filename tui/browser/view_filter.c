/*
 * view_filter.c - the filter prompt on the status line: every keystroke
 * re-filters the key list; Enter keeps the filter, Esc restores the one
 * before, a bad regex is reported beside the prompt and changes nothing.
 */
#include "browser/browser_app.h"
#include "browser/ui.h"
#include "common/textsafe.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void view_filter_open(struct browser *b)
{
	if (b->keys == NULL)
		return;
	free(b->filter_before);
	b->filter_before = strdup(key_list_filter(b->keys));
	if (lineedit_init(&b->prompt, key_list_filter(b->keys)) != 0) {
		ctl_message(b, 1, "out of memory");
		return;
	}
	b->prompt_err[0] = '\0';
	b->prompt_open = 1;
	b->dirty = 1;
}

void view_filter_draw(struct browser *b)
{
	const struct layout_rect *r = &b->layout.status;
	const struct lineedit *le = &b->prompt;
	int room = r->w - 2;
	if (room <= 0)
		return;
	mvaddch(r->y, 0, '/');
	int errw = b->prompt_err[0] ? room / 2 : 0;
	/* Keep the cursor in view: that is where the user types. What is
	 * typed shows as a value (a backslash is one backslash). */
	int cx;
	size_t start = lineedit_view(le, room - errw - 1,
				     TEXTSAFE_VALUE | textsafe_locale(), &cx);
	ui_text_as(r->y, 1, le->text + start, le->len - start,
		   room - errw - 1, TEXTSAFE_VALUE, A_BOLD);
	if (errw > 0)
		ui_text(r->y, r->w - errw, b->prompt_err,
			strlen(b->prompt_err), errw, ui_attr(UI_ERROR));
	move(r->y, 1 + cx);
}

static void refilter(struct browser *b)
{
	char err[200];
	int rc = key_list_set_filter(b->keys, b->prompt.text, err, sizeof err);
	if (rc == EINVAL)
		snprintf(b->prompt_err, sizeof b->prompt_err, "bad regex: %s",
			 err);
	else
		b->prompt_err[0] = '\0';
	b->dirty = 1;
}

static void close_prompt(struct browser *b)
{
	b->prompt_open = 0;
	free(b->filter_before);
	b->filter_before = NULL;
	lineedit_done(&b->prompt);
	b->dirty = 1;
}

void view_filter_key(struct browser *b, int key)
{
	if (b->keys == NULL) {
		close_prompt(b);
		return;
	}
	if (key == KM_KEY_ENTER) {
		if (b->prompt_err[0] != '\0')
			ctl_message(b, 1, "%s", b->prompt_err);
		close_prompt(b);
	} else if (key == KM_KEY_ESC) {
		if (b->filter_before != NULL)
			key_list_set_filter(b->keys, b->filter_before, NULL, 0);
		close_prompt(b);
	} else if (key == KM_KEY_BACKSPACE || key == 0x7f || key == 8) {
		if (b->prompt.len == 0) {
			close_prompt(b);
			return;
		}
		lineedit_backspace(&b->prompt);
		refilter(b);
	} else if (key == KM_CTRL('u')) {
		lineedit_kill_before(&b->prompt);
		refilter(b);
	} else if (key >= 0x20 && key < 0x110000 && key != 0x7f) {
		int err = lineedit_insert_char(&b->prompt, key);
		if (err == ENOMEM)
			snprintf(b->prompt_err, sizeof b->prompt_err,
				 "out of memory");
		if (err == 0)
			refilter(b);
		b->dirty = 1;
	}
}
