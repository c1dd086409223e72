/* SPDX-License-Identifier: MIT */
/*
 * export_line.h - the lines of `flockd export` (JSON Lines), written by
 * the export command and by the browser's export of picked keys, so both
 * make the same file that `flockd import` reads:
 *   {"format_version":1,"table":T,"key":K,"size":N,
 *    "mtime":"2026-11-24T01:06:09.123456789Z","value":V}
 * "value" a JSON string when the value is valid UTF-8, else
 * "value_base64"; "table"/"key" become "table_base64"/"key_base64" for
 * names that are not valid UTF-8 (jsonfmt.h). A table without keys is
 * {"format_version":1,"table":T} alone, so that import recreates it. The value is streamed
 * from the caller's buffer, never copied.
 */
#ifndef TUI_COMMON_EXPORT_LINE_H
#define TUI_COMMON_EXPORT_LINE_H

#include "flockd.h"

#include <stddef.h>
#include <stdio.h>

#define EXPORT_TIME_LEN 40
/* The JSON format's version: every JSON object flockd prints carries it
 * (CLI_JSON_FORMAT_VERSION is this one). */
#define EXPORT_FORMAT_VERSION 1

/* export_format_time - RFC 3339 UTC with nanoseconds,
 * "2026-11-24T01:06:09.123456789Z", into buf (EXPORT_TIME_LEN bytes). */
void export_format_time(const struct flockd_timespec *ts, char *buf,
			size_t size);

/* export_line_key - one key's line to `out`: `mtime` may be NULL (the
 * field is left out). Returns 0, or -1 with errno set (ENOMEM, or the
 * write's error). */
int export_line_key(FILE *out, const char *table, const char *key,
		    const void *value, size_t len,
		    const struct flockd_timespec *mtime);

/* export_line_table - the line of a table without keys. 0 or -1. */
int export_line_table(FILE *out, const char *table);

#endif
