/* SPDX-License-Identifier: MIT */
/*
 * browser_copy.h - compare mode's "copy this side over" (browser_copy.c):
 * the question, the job, its outcomes on the lists.
 */
#ifndef TUI_BROWSER_BROWSER_COPY_H
#define TUI_BROWSER_BROWSER_COPY_H

#include "browser/browser_ctl.h"
#include "ui/ui.h"

/* browser_copy_over - copy the picked keys (else the cursor's) of the
 * current table from here over the other database (push), or from there
 * over here (!push), after a yes/no question naming the count; refused
 * with -r, while a copy runs, or while the directory has moved. */
void browser_copy_over(struct browser_ctl *c, const struct ui *ui, int push);

/* ctl_copy_step - the running copy's outcomes on the results and the
 * picks; its summary once it is done. */
void ctl_copy_step(struct browser_ctl *c);

#endif
