/* SPDX-License-Identifier: MIT */
/*
 * cli_output.h - how the commands write: data on standard output, nothing
 * else. Three forms (flockd(1), OUTPUT FORMATS):
 *
 *   records   one record per line, fields in a fixed order separated by
 *             one TAB; names escaped (textsafe: never a TAB or newline),
 *             an empty name (the root table, no key) written "/", which
 *             no escaped name can be.
 *   -z        every field followed by a NUL byte instead; names raw (the
 *             exact bytes; NUL cannot occur in a name), empty names empty.
 *             Escaped as in records when standard output is a terminal.
 *   --json    one JSON document carrying "format_version" (jsonfmt.h for
 *             names), times in RFC 3339 UTC with nanoseconds, sizes in
 *             bytes.
 *
 * Informational lines (column headings, "no leftovers found", notes) go
 * to standard error, and not at all with -q.
 *
 * Write errors: every function returns 0, or -1 after a failed write; the
 * first failure's errno is kept in args->out.err, and cli_output_finish
 * reports it (ENOSPC stays ENOSPC).
 */
#ifndef TUI_CLI_CLI_OUTPUT_H
#define TUI_CLI_CLI_OUTPUT_H

#include "cli/cli_common.h"

#include <jansson.h>

/* The version of every JSON output's format ("format_version"). */
#define CLI_JSON_FORMAT_VERSION 1

/* cli_output_start - decide how names are written (args->nul, whether
 * stdout is a terminal); the dispatcher calls it before the command. */
void cli_output_start(struct cli_args *args);

/* cli_field_name - a field holding a name (key, table, path, or text
 * made from names): escaped, or raw with -z. */
int cli_field_name(struct cli_args *args, const char *name);

/* cli_field_word - a field of the program's own words or numbers, written
 * as it is (never empty, never with a TAB or newline). */
int cli_field_word(struct cli_args *args, const char *word);

/* cli_record_end - end the record (a newline; nothing more with -z). */
int cli_record_end(struct cli_args *args);

/* cli_headings - the column names of the records that follow, as one
 * informational line (stderr, TAB-separated; nothing with -q). */
void cli_headings(const struct cli_args *args, const char *const *names,
		  size_t n);

/* cli_note - an informational line "flockd CMD: ..." on stderr, not with
 * -q. Arguments that come from outside must be escaped first. */
void cli_note(const struct cli_args *args, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* cli_json_object - a new JSON object that starts with "format_version"
 * (owned by the caller; NULL when memory runs out). */
json_t *cli_json_object(void);

/* cli_json_set_time - set `field` of `obj` to `ts` in the one time format
 * (cli_format_time). 0, or -1 when memory runs out. */
int cli_json_set_time(json_t *obj, const char *field,
		      const struct flockd_timespec *ts);

/* cli_json_print - write `doc` and a newline to stdout and release it
 * (NULL, a failed allocation, is an ENOMEM error). */
int cli_json_print(struct cli_args *args, json_t *doc);

/*
 * A JSON document whose last member is a long array, written one element
 * at a time (a million keys never become one document in memory):
 *   {"format_version":1, ...head's members..., "NAME":[
 *   ELEMENT,
 *   ELEMENT
 *   ]}
 */
struct cli_json_stream {
	size_t count;
};

/* cli_json_stream_begin - write `head` (released) and open array `name`. */
int cli_json_stream_begin(struct cli_args *args, struct cli_json_stream *s,
			  json_t *head, const char *name);

/* cli_json_stream_add - write one element (released). */
int cli_json_stream_add(struct cli_args *args, struct cli_json_stream *s,
			json_t *elem);

/* cli_json_stream_end - close the array and the document. */
int cli_json_stream_end(struct cli_args *args, struct cli_json_stream *s);

/* cli_output_failed - note a failed write to stdout by the caller's own
 * stdio calls (its errno, kept if it is the first); returns -1. */
int cli_output_failed(struct cli_args *args);

/*
 * cli_output_finish - flush standard output; if a write failed (now or
 * before), report it once ("flockd CMD: standard output: REASON") and
 * return its exit status, else return `rc`.
 */
int cli_output_finish(struct cli_args *args, int rc);

#endif
