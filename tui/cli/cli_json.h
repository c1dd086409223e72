/*
 * cli_json.h - names and values in the JSON of ls/tables --json and of
 * export/import (jansson objects).
 *
 * A name (key or table) that is valid UTF-8 is the string field FIELD
 * ("key", "table"); any other name is FIELD_base64 ("key_base64",
 * "table_base64") holding its bytes in base64, so every name survives.
 */
#ifndef TUI_CLI_CLI_JSON_H
#define TUI_CLI_CLI_JSON_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* cli_json_set_name - set FIELD or FIELD_base64 of `obj` to `name`.
 * Returns 0, or -1 when out of memory. */
int cli_json_set_name(json_t *obj, const char *field, const char *name);

/* cli_json_get_name - read the name stored by cli_json_set_name: exactly
 * one of FIELD and FIELD_base64 must be present (FIELD may be missing
 * altogether when `optional`, giving ""). On success *name is a malloc'd
 * string owned by the caller and 0 is returned; otherwise -1 and *why
 * says what is wrong (static text). A name with a NUL byte is refused. */
int cli_json_get_name(json_t *obj, const char *field, int optional,
		      char **name, const char **why);

/* cli_json_write_string - write s[0..len), which must be valid UTF-8, as a
 * JSON string (with the quotes) without copying it. Control characters
 * (C0, DEL, C1) and characters that reorder or break lines on a terminal
 * are written as \uXXXX escapes. Returns 0, or -1 on a write error. */
int cli_json_write_string(FILE *out, const char *s, size_t len);

/* cli_json_dump_flags - the jansson dump flags for output to `out`:
 * compact, and ASCII-only (\uXXXX) when `out` is a terminal, so that no
 * name can reach the terminal raw. */
size_t cli_json_dump_flags(FILE *out);

#endif
