/* edsave.c - saving through the view session on the real store and
 * screen: the operations edsave_flow (edsave_flow.c) decides with, and the
 * difference pager of the conflict question. */
#include "editor/edsave.h"

#include "common/hexdump.h"
#include "common/linediff.h"
#include "common/textsafe.h"
#include "common/utf8.h"
#include "ui/ask.h"
#include "ui/pager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- the diff */

struct diff_view {
	struct linediff d;
	const char *title_a, *title_b;
	int binary;
};

static void diff_line(size_t i, char *buf, size_t size,
		      enum theme_element *role, unsigned *flags, void *ctx)
{
	struct diff_view *dv = ctx;
	if (i == 0) {
		snprintf(buf, size, "--- %s", dv->title_a);
		*role = THEME_DIFF_DEL;
		return;
	}
	if (i == 1) {
		snprintf(buf, size, "+++ %s", dv->title_b);
		*role = THEME_DIFF_ADD;
		return;
	}
	if (dv->d.n == 0) {
		snprintf(buf, size, "(no difference%s)",
			 dv->binary ? " in the bytes" : "");
		return;
	}
	const struct linediff_line *l = &dv->d.lines[i - 2];
	if (l->tag == LINEDIFF_HUNK) {
		linediff_hunk_header(l, buf, size);
		*role = THEME_DIFF_HUNK;
		return;
	}
	*role = l->tag == LINEDIFF_ADD ? THEME_DIFF_ADD
		: l->tag == LINEDIFF_DEL ? THEME_DIFF_DEL : THEME_COUNT;
	/* the line as the value has it (cut to the buffer), shown as the
	 * editor shows values */
	*flags = TEXTSAFE_VALUE;
	snprintf(buf, size, "%c%.*s%s", (char)l->tag,
		 l->len > size ? (int)size : (int)l->len,
		 (const char *)l->text,
		 l->no_newline ? "  \\ no newline at end" : "");
}

static void show_diff(void *ctx, const void *bytes, size_t len)
{
	struct edsession *s = ctx;
	void *theirs = NULL;
	size_t tlen = 0;
	int err = flockd_view_read_current(s->view, &theirs, &tlen);
	if (err) {
		edsession_say_error(s, "reading the value on disk", err);
		return;
	}
	struct diff_view dv;
	memset(&dv, 0, sizeof dv);
	char *ha = NULL, *hb = NULL;
	size_t na = 0, nb = 0;
	dv.binary = !utf8_is_text(theirs, tlen) || !utf8_is_text(bytes, len);
	if (dv.binary) {
		/* no offsets: an inserted byte shifts rows instead of
		 * changing every offset after it */
		const struct hexdump_layout lay = {16, 0};
		err = hexdump_text(theirs, tlen, &lay, &ha, &na);
		if (!err)
			err = hexdump_text(bytes, len, &lay, &hb, &nb);
		if (!err)
			err = linediff_compute(ha, na, hb, nb, 3, 0, &dv.d);
	} else {
		err = linediff_compute(theirs, tlen, bytes, len, 3, 0, &dv.d);
	}
	if (err) {
		edsession_say_error(s, "computing the difference", err);
	} else {
		char ta[256], tb[256], title[300];
		snprintf(ta, sizeof ta, "%s on disk now (theirs, %zu bytes)%s",
			 s->key_shown, tlen, dv.binary ? ", hex" : "");
		snprintf(tb, sizeof tb, "your buffer (mine, %zu bytes)", len);
		snprintf(title, sizeof title, " Difference: %s  (-%zu +%zu lines)",
			 s->key_shown, dv.d.deleted, dv.d.added);
		dv.title_a = ta;
		dv.title_b = tb;
		pager_run(s->ui, title, 2 + (dv.d.n ? dv.d.n : 1), diff_line,
			  &dv);
	}
	linediff_free(&dv.d);
	free(ha);
	free(hb);
	free(theirs);
}

/* ------------------------------------------- the store and the screen */

static int op_has_view(void *ctx)
{
	return ((struct edsession *)ctx)->view != NULL;
}

static int op_save(void *ctx, const void *bytes, size_t len, int force)
{
	struct edsession *s = ctx;
	/* the caller holds the bytes: the view keeps no second copy */
	return flockd_view_save(s->view, bytes, len, FLOCKD_SAVE_NOCOPY |
				(force ? FLOCKD_SAVE_FORCE : 0));
}

static int op_reload(void *ctx)
{
	return flockd_view_reload(((struct edsession *)ctx)->view);
}

static void op_close_view(void *ctx)
{
	struct edsession *s = ctx;
	flockd_view_close(s->view);
	s->view = NULL;
}

static int op_open_view(void *ctx)
{
	return edsession_open_view(ctx);
}

static int op_create(void *ctx, const char *key, const void *bytes,
		     size_t len)
{
	return flockd_create(((struct edsession *)ctx)->table, key, bytes, len);
}

static int op_set(void *ctx, const void *bytes, size_t len)
{
	struct edsession *s = ctx;
	return flockd_set(s->table, s->key, bytes, len);
}

static enum keymap_action op_choose(void *ctx, const char *question)
{
	static const struct ask_choice choices[] = {
		{KA_OVERWRITE, "overwrite theirs"},
		{KA_RELOAD_THEIRS, "reload theirs (drop mine)"},
		{KA_SAVE_AS_NEW, "save mine as new key"},
		{KA_SHOW_DIFF, "difference"},
		{KA_CANCEL, "cancel"},
	};
	return ask_choose(((struct edsession *)ctx)->ui, KV_CONFLICT, question,
			  choices, sizeof choices / sizeof choices[0]);
}

static int op_yesno(void *ctx, const char *question)
{
	return ask_yesno(((struct edsession *)ctx)->ui, question);
}

static int op_prompt(void *ctx, const char *question, const char *initial,
		     const char *note, char **out)
{
	return ask_prompt(((struct edsession *)ctx)->ui, question, initial,
			  note, out);
}

static void op_notice(void *ctx, const char *text, int is_error)
{
	ask_message(((struct edsession *)ctx)->ui, text, is_error);
}

static const struct edsave_ops real_ops = {
	.has_view = op_has_view,
	.save = op_save,
	.reload = op_reload,
	.close_view = op_close_view,
	.open_view = op_open_view,
	.create = op_create,
	.set = op_set,
	.choose = op_choose,
	.yesno = op_yesno,
	.prompt = op_prompt,
	.notice = op_notice,
	.show_diff = show_diff,
};

enum edsave_result edsave_run(struct edsession *s, const void *bytes,
			      size_t len)
{
	return edsave_flow(s, &real_ops, s, bytes, len);
}
