/* SPDX-License-Identifier: MIT */
/* view_compare.c - compare mode's value screen: one key here and there. */
#include "inspect/inspect_views.h"

#include "inspect/view_pair.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int inspect_view_compare_key(const struct ui *ui, const char *key,
			     const struct inspect_side *here,
			     const struct inspect_side *there)
{
	char title[1200];
	snprintf(title, sizeof title, "Compare %s", key);
	struct pair_view pv = {
		.view = KV_COMPARE,
		.title = title,
		.left_label = here->label,
		.right_label = there->label,
		.a = here->value, .alen = here->len, .a_missing = here->missing,
		.b = there->value, .blen = there->len,
		.b_missing = there->missing,
	};
	enum keymap_action picked;
	return pair_view_run(ui, &pv, &picked);
}
