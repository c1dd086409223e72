/* SPDX-License-Identifier: MIT */
/*
 * cli_export.h - export and import: a database as JSON Lines.
 *
 * One object per line. A key:
 *   {"format_version":1,"table":T,"key":K,"size":N,
 *    "mtime":"2026-11-24T01:06:09.123456789Z","value":V}
 * with "value" a JSON string when the value is valid UTF-8, else
 * "value_base64"; "table"/"key" become "table_base64"/"key_base64" for
 * names that are not valid UTF-8 (jsonfmt.h). A table without keys is
 * exported as {"format_version":1,"table":T} alone, so that import
 * recreates it. Every record carries format_version, so each line stands
 * alone (grep, jq select); import reads records without it (exports of
 * earlier versions) as version 1 and refuses any other version.
 */
#ifndef TUI_CLI_CLI_EXPORT_H
#define TUI_CLI_CLI_EXPORT_H

#include "flockd.h"

#include <stddef.h>
#include <stdio.h>

struct cli_args;

int cli_cmd_export(struct cli_args *args);
int cli_cmd_import(struct cli_args *args);

/* cli_import_apply - import's second pass (cli_import_apply.c): store
 * every record of `in` (already checked, read from where it stands) in
 * `db`; `in_name` names the input in messages. Returns the exit status of
 * the first failure, after reporting each. */
int cli_import_apply(struct cli_args *args, FILE *in, const char *in_name,
		     flockd_db *db);

/*
 * cli_import_check_line - parse and check one input line of import exactly
 * as import's first pass does (JSON syntax, fields, names, base64, size),
 * without touching any database. `line` holds `n` bytes (NUL bytes
 * allowed, no terminator needed); a blank line is fine. Returns 0, or the
 * exit status import reports for it with the reason written to `why`
 * (NUL-terminated, truncated to `why_size`). Used by import itself and by
 * the fuzzer (tests/fuzz/fuzz_import_line.c).
 */
int cli_import_check_line(const char *line, size_t n, char *why,
			  size_t why_size);

#endif
