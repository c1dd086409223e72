/* SPDX-License-Identifier: MIT */
/*
 * store_warn.c - the store's warnings as a sentence (store_warn.h).
 */
#include "common/store_warn.h"

#include "flockd.h"

#include <stdio.h>

int store_warn_text(unsigned warnings, const char *key_shown, char *buf,
		    size_t size)
{
	int owner = (warnings & FLOCKD_WARN_OWNER) != 0;
	int mode = (warnings & FLOCKD_WARN_MODE) != 0;
	if (size > 0)
		buf[0] = '\0';
	if (!owner && !mode)
		return 0;
	snprintf(buf, size, "could not keep %s of %s: %s",
		 owner && mode ? "the owner and mode" : owner ? "the owner"
		 : "the mode", key_shown,
		 owner ? "only root can give a file to another user, the "
			 "value now belongs to you"
		       : "not permitted");
	return 1;
}
