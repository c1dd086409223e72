/* SPDX-License-Identifier: MIT */
/*
 * edreplace.h - replacing search matches in an editor document: one match
 * (the confirming loop of the editor screen), or all of them as one undo
 * step. Plain C over edbuf.h and edfind.h.
 */
#ifndef TUI_EDITOR_EDREPLACE_H
#define TUI_EDITOR_EDREPLACE_H

#include "editor/edbuf.h"
#include "editor/edfind.h"

#include <stddef.h>

/* edreplace_one - replace match m (found in eb just now) by the expansion
 * of `tmpl` (edfind_expand). *end receives where the replacement ends.
 * 0 or ENOMEM (then nothing changed). The caller groups undo steps. */
int edreplace_one(const struct edfind *f, struct edbuf *eb,
		  const struct edfind_match *m, const char *tmpl, size_t tn,
		  size_t *end);

/* edreplace_all - replace every match of the document (as found in the
 * text before any replacement, like sed's s///g; a very large number is
 * done in batches of EDREPLACE_BATCH, each matched in the text the
 * batches before left). All of it is one undo step. *count receives how
 * many were replaced. 0 or ENOMEM (what was replaced stays replaced, as
 * one undo step; *count says how many). */
#define EDREPLACE_BATCH 65536
int edreplace_all(struct edfind *f, struct edbuf *eb, const char *tmpl,
		  size_t tn, size_t *count);

#endif
