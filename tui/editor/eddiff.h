/* SPDX-License-Identifier: MIT */
/*
 * eddiff.h - the editor's difference screen: two versions of a value
 * (theirs and mine after a save conflict, the buffer before and after a
 * JSON reformat) as a unified diff in the pager (linediff.h), binary
 * values as hex dumps. Views only.
 */
#ifndef TUI_EDITOR_EDDIFF_H
#define TUI_EDITOR_EDDIFF_H

#include "ui/ui.h"

#include <stddef.h>

/* eddiff_show - page the difference of a (titled title_a) and b (title_b)
 * under " Difference: NAME (-n +m lines)"; the titles and name are
 * escaped text. Returns when the user closes it: 0, or ENOMEM (nothing
 * shown). */
int eddiff_show(const struct ui *ui, const char *name, const void *a,
		size_t alen, const char *title_a, const void *b, size_t blen,
		const char *title_b);

#endif
