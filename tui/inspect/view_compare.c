/* view_compare.c - compare mode's value screen: one key here and there. */
#include "inspect/inspect_views.h"

#include "inspect/view_pair.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int inspect_view_compare_key(const struct ui *ui, flockd_table *here,
			     const char *here_label,
			     flockd_table *there, const char *there_label,
			     const char *key)
{
	void *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;
	int aerr = flockd_get(here, key, &a, &alen);
	int berr = flockd_get(there, key, &b, &blen);
	int err = aerr != FLOCKD_ENOTFOUND ? aerr : 0;
	if (err == 0 && berr != FLOCKD_ENOTFOUND)
		err = berr;
	if (err == 0) {
		char title[1200];
		snprintf(title, sizeof title, "Compare %s", key);
		struct pair_view pv = {
			.view = KV_COMPARE,
			.title = title,
			.left_label = here_label,
			.right_label = there_label,
			.a = a, .alen = alen, .a_missing = aerr != 0,
			.b = b, .blen = blen, .b_missing = berr != 0,
		};
		enum keymap_action picked;
		err = pair_view_run(ui, &pv, &picked);
	}
	free(a);
	free(b);
	return err;
}
