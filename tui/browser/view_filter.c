/*
 * view_filter.c - the filter prompt on the status line: every keystroke
 * re-filters the key list; Enter keeps the filter, Esc restores the one
 * before, a bad regex is reported beside the prompt and changes nothing.
 */
#include "browser/browser_app.h"
#include "browser/safe_text.h"
#include "browser/ui.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void view_filter_open(struct browser *b)
{
	if (b->keys == NULL)
		return;
	free(b->filter_before);
	b->filter_before = strdup(key_list_filter(b->keys));
	snprintf(b->prompt, sizeof b->prompt, "%s", key_list_filter(b->keys));
	b->prompt_len = strlen(b->prompt);
	b->prompt_err[0] = '\0';
	b->prompt_open = 1;
	b->dirty = 1;
}

void view_filter_draw(struct browser *b)
{
	const struct layout_rect *r = &b->layout.status;
	int room = r->w - 2;
	if (room <= 0)
		return;
	mvaddch(r->y, 0, '/');
	int errw = b->prompt_err[0] ? room / 2 : 0;
	/* Show the end of a long pattern: that is where the user types. */
	size_t start = 0;
	while (start < b->prompt_len &&
	       safe_text_width(b->prompt + start, b->prompt_len - start,
			       room - errw) > room - errw - 1)
		start++;
	int used = ui_text(r->y, 1, b->prompt + start, b->prompt_len - start,
			   room - errw - 1, A_BOLD);
	int cx = 1 + used;
	if (errw > 0)
		ui_text(r->y, r->w - errw, b->prompt_err,
			strlen(b->prompt_err), errw, ui_attr(UI_ERROR));
	move(r->y, cx);
}

static void refilter(struct browser *b)
{
	char err[200];
	int rc = key_list_set_filter(b->keys, b->prompt, err, sizeof err);
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
		if (b->prompt_len == 0) {
			close_prompt(b);
			return;
		}
		/* drop one UTF-8 character */
		do
			b->prompt_len--;
		while (b->prompt_len > 0 &&
		       ((unsigned char)b->prompt[b->prompt_len] & 0xc0) == 0x80);
		b->prompt[b->prompt_len] = '\0';
		refilter(b);
	} else if (key == KM_CTRL('u')) {
		b->prompt_len = 0;
		b->prompt[0] = '\0';
		refilter(b);
	} else if (key >= 0x20 && key < 0x110000 && key != 0x7f) {
		char enc[4];
		size_t n;
		unsigned c = (unsigned)key;
		if (c < 0x80) {
			enc[0] = (char)c;
			n = 1;
		} else if (c < 0x800) {
			enc[0] = (char)(0xc0 | (c >> 6));
			enc[1] = (char)(0x80 | (c & 0x3f));
			n = 2;
		} else if (c < 0x10000) {
			enc[0] = (char)(0xe0 | (c >> 12));
			enc[1] = (char)(0x80 | ((c >> 6) & 0x3f));
			enc[2] = (char)(0x80 | (c & 0x3f));
			n = 3;
		} else {
			enc[0] = (char)(0xf0 | (c >> 18));
			enc[1] = (char)(0x80 | ((c >> 12) & 0x3f));
			enc[2] = (char)(0x80 | ((c >> 6) & 0x3f));
			enc[3] = (char)(0x80 | (c & 0x3f));
			n = 4;
		}
		if (b->prompt_len + n + 1 > sizeof b->prompt) {
			snprintf(b->prompt_err, sizeof b->prompt_err,
				 "filter too long");
			b->dirty = 1;
			return;
		}
		memcpy(b->prompt + b->prompt_len, enc, n);
		b->prompt_len += n;
		b->prompt[b->prompt_len] = '\0';
		refilter(b);
	}
}
