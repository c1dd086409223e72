/* SPDX-License-Identifier: MIT */
/*
 * store_warn.h - what a write could not keep (flockd_table_warnings), as
 * the one sentence every part of the program says: "could not keep the
 * owner of KEY: ...". Plain C.
 */
#ifndef TUI_COMMON_STORE_WARN_H
#define TUI_COMMON_STORE_WARN_H

#include <stddef.h>

/* store_warn_text - the sentence for the FLOCKD_WARN_OWNER and
 * FLOCKD_WARN_MODE bits of `warnings` about the key shown as `key_shown`
 * (escaped), into buf; returns 0 and leaves "" when neither bit is set. */
int store_warn_text(unsigned warnings, const char *key_shown, char *buf,
		    size_t size);

#endif
