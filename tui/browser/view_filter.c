/*
 * view_filter.c - the filter prompt on the status line (view_filter.h).
 */
#include "browser/view_filter.h"

#include "ui/draw.h"
#include "ui/prompt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void filter_open(struct filter_prompt *fp, struct key_list *kl,
		 struct browser_msg *msg)
{
	filter_done(fp);
	fp->before = strdup(key_list_filter(kl));
	if (fp->before == NULL || lineedit_init(&fp->le, fp->before) != 0) {
		free(fp->before);
		fp->before = NULL;
		browser_say(msg, 1, "out of memory");
		return;
	}
	fp->err[0] = '\0';
	fp->open = 1;
}

void filter_draw(const struct filter_prompt *fp, const struct ui_rect *r,
		 const struct ui *ui)
{
	const struct lineedit *le = &fp->le;
	int room = r->w - 2;
	if (room <= 0)
		return;
	mvaddch(r->y, 0, '/');
	int errw = fp->err[0] ? room / 2 : 0;
	/* Keep the cursor in view: that is where the user types. What is
	 * typed shows as a value (a backslash is one backslash). */
	int cx;
	size_t start = lineedit_view(le, room - errw - 1,
				     TEXTSAFE_VALUE | textsafe_locale(), &cx);
	ui_text_as(ui, r->y, 1, le->text + start, le->len - start,
		   room - errw - 1, TEXTSAFE_VALUE, A_BOLD);
	if (errw > 0)
		ui_text(ui, r->y, r->w - errw, fp->err, strlen(fp->err), errw,
			ui_attr(ui, THEME_ERROR));
	move(r->y, 1 + cx);
}

static void refilter(struct filter_prompt *fp, struct key_list *kl)
{
	char err[200];
	int rc = key_list_set_filter(kl, fp->le.text, err, sizeof err);
	if (rc == EINVAL)
		snprintf(fp->err, sizeof fp->err, "bad regex: %s", err);
	else
		fp->err[0] = '\0';
}

void filter_done(struct filter_prompt *fp)
{
	if (fp->open)
		lineedit_done(&fp->le);
	free(fp->before);
	memset(fp, 0, sizeof *fp);
}

void filter_key(struct filter_prompt *fp, struct key_list *kl,
		const struct keymap *km, int key, struct browser_msg *msg)
{
	if (kl == NULL) {
		filter_done(fp);
		return;
	}
	/* Backspace on an empty line leaves the prompt, as in less. */
	if (fp->le.len == 0 &&
	    keymap_lookup(km, KV_PROMPT, key) == KA_BACKSPACE) {
		filter_done(fp);
		return;
	}
	switch (prompt_key(&fp->le, km, key)) {
	case PROMPT_ACCEPT:
		if (fp->err[0] != '\0')
			browser_say(msg, 1, "%s", fp->err);
		filter_done(fp);
		break;
	case PROMPT_CANCEL:
		if (fp->before != NULL)
			key_list_set_filter(kl, fp->before, NULL, 0);
		filter_done(fp);
		break;
	case PROMPT_CHANGED:
		refilter(fp, kl);
		break;
	case PROMPT_NOMEM:
		snprintf(fp->err, sizeof fp->err, "out of memory");
		break;
	default:
		break;
	}
}

void filter_paste(struct filter_prompt *fp, struct key_list *kl,
		  const char *text, size_t len)
{
	if (kl == NULL) {
		filter_done(fp);
		return;
	}
	if (prompt_paste(&fp->le, text, len) == PROMPT_CHANGED)
		refilter(fp, kl);
}
