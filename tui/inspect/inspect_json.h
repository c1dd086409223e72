/*
 * inspect_json.h - JSON output of the inspection commands (jansson). Names
 * are byte strings that need not be UTF-8; JSON strings must be. As in the
 * rest of the command line (cli_json.h), a name that is valid UTF-8 is the
 * string field FIELD; any other is FIELD_base64 holding its bytes in
 * base64, so scripts never lose a byte. Output is ASCII-only (\uXXXX), so
 * no name reaches a terminal raw.
 */
#ifndef TUI_INSPECT_INSPECT_JSON_H
#define TUI_INSPECT_INSPECT_JSON_H

#include <jansson.h>
#include <stdio.h>

/* inspect_json_set_name - set obj[field] to the name `s` as described
 * above. Returns 0, or -1 when memory runs out. */
int inspect_json_set_name(json_t *obj, const char *field, const char *s);

/* inspect_base64 - the base64 (RFC 4648, padded) of `len` bytes; a
 * malloc'd string owned by the caller, NULL when memory runs out. */
char *inspect_base64(const void *data, size_t len);

/* inspect_json_print - print `doc` on `out` compactly on one line followed
 * by a newline, and release it (json_decref). Returns 0 or -1. */
int inspect_json_print(json_t *doc, FILE *out);

#endif
