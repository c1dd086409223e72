/* SPDX-License-Identifier: MIT */
/* eddiff.c - the difference pager of two versions of a value. */
#include "editor/eddiff.h"

#include "common/hexdump.h"
#include "common/linediff.h"
#include "common/textsafe.h"
#include "common/utf8.h"
#include "ui/pager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int eddiff_show(const struct ui *ui, const char *name, const void *a,
		size_t alen, const char *title_a, const void *b, size_t blen,
		const char *title_b)
{
	struct diff_view dv;
	memset(&dv, 0, sizeof dv);
	char *ha = NULL, *hb = NULL;
	size_t na = 0, nb = 0;
	int err;
	dv.binary = !utf8_is_text(a, alen) || !utf8_is_text(b, blen);
	if (dv.binary) {
		/* no offsets: an inserted byte shifts rows instead of
		 * changing every offset after it */
		const struct hexdump_layout lay = {16, 0};
		err = hexdump_text(a, alen, &lay, &ha, &na);
		if (!err)
			err = hexdump_text(b, blen, &lay, &hb, &nb);
		if (!err)
			err = linediff_compute(ha, na, hb, nb, 3, 0, &dv.d);
	} else {
		err = linediff_compute(a, alen, b, blen, 3, 0, &dv.d);
	}
	if (!err) {
		char ta[300], title[300];
		snprintf(ta, sizeof ta, "%s%s", title_a,
			 dv.binary ? ", hex" : "");
		snprintf(title, sizeof title, " Difference: %s  (-%zu +%zu "
			 "lines)", name, dv.d.deleted, dv.d.added);
		dv.title_a = ta;
		dv.title_b = title_b;
		pager_run(ui, title, 2 + (dv.d.n ? dv.d.n : 1), diff_line,
			  &dv);
	}
	linediff_free(&dv.d);
	free(ha);
	free(hb);
	return err;
}
