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

struct cli_args;

int cli_cmd_export(struct cli_args *args);
int cli_cmd_import(struct cli_args *args);

#endif
