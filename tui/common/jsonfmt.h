/* SPDX-License-Identifier: MIT */
/*
 * jsonfmt.h - names and documents in the program's JSON (ls/tables
 * --json, export/import, the inspection commands' --json), over jansson.
 *
 * A name (key or table) that is valid UTF-8 is the string field FIELD
 * ("key", "table"); any other name is FIELD_base64 ("key_base64",
 * "table_base64") holding its bytes in base64, so every name survives.
 * Output goes through textsafe: DEL, C1, bidi, zero-width and the other
 * unsafe characters are \uXXXX escapes everywhere, and the whole text is
 * ASCII (\uXXXX) when it goes to a terminal.
 */
#ifndef TUI_COMMON_JSONFMT_H
#define TUI_COMMON_JSONFMT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* jsonfmt_set_name - set FIELD or FIELD_base64 of `obj` to `name`.
 * Returns 0, or -1 when memory runs out. */
int jsonfmt_set_name(json_t *obj, const char *field, const char *name);

/* jsonfmt_get_name - read the name stored by jsonfmt_set_name: exactly
 * one of FIELD and FIELD_base64 must be present (FIELD may be missing
 * altogether when `optional`, giving ""). On success *name is a malloc'd
 * string owned by the caller and 0 is returned; otherwise -1 and *why
 * says what is wrong (static text). A name with a NUL byte is refused. */
int jsonfmt_get_name(json_t *obj, const char *field, int optional,
		     char **name, const char **why);

/* jsonfmt_flags - the textsafe flags for JSON written to `out`:
 * TEXTSAFE_UTF8 unless `out` is a terminal (then ASCII only). */
unsigned jsonfmt_flags(FILE *out);

/* jsonfmt_dumps - `doc` as compact JSON text made safe with `flags`
 * (jsonfmt_flags), in a malloc'd string owned by the caller; NULL when
 * memory runs out. */
char *jsonfmt_dumps(const json_t *doc, unsigned flags);

/* jsonfmt_dumpf - `doc` written compactly to `out` (no newline), safe for
 * `out`. Returns 0, or -1 (errno set). */
int jsonfmt_dumpf(const json_t *doc, FILE *out);

/* jsonfmt_print - jsonfmt_dumpf then a newline, and release `doc`
 * (json_decref; NULL, e.g. a failed allocation, gives -1). */
int jsonfmt_print(json_t *doc, FILE *out);

/* jsonfmt_write_string - the JSON string of the UTF-8 text s[0..len)
 * streamed to `out` (textsafe_json_write with jsonfmt_flags(out)): a
 * large value is never copied. 0, -1 on a write error, or EILSEQ. */
int jsonfmt_write_string(FILE *out, const void *s, size_t len);

#endif
