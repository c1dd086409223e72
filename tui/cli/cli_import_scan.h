/* SPDX-License-Identifier: MIT */
/*
 * cli_import_scan.h - the reader of import's input: one JSON Lines record
 * at a time, in bounded memory whatever the length of its value.
 *
 * A record is one JSON object on one line with the fields of export
 * (cli_export.h): "table"/"table_base64", "key"/"key_base64",
 * "value"/"value_base64", "size", "format_version"; other fields (mtime)
 * are checked as JSON and ignored. The value is never held: its decoded
 * bytes (JSON escapes, then base64) go to a sink in pieces of at most
 * IMPORT_SCAN_PIECE bytes as the line is read, or are checked and dropped.
 * Names are held (they are short: IMPORT_SCAN_NAME_MAX bytes at most).
 *
 * A value whose record names its table and key before it streams to the
 * sink at once (export writes them first). One that comes earlier in its
 * line is checked and skipped, and import_scan_value reads it again from
 * where it starts: the input must then be seekable.
 *
 * Internal to tui/cli/.
 */
#ifndef TUI_CLI_CLI_IMPORT_SCAN_H
#define TUI_CLI_CLI_IMPORT_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* Longest name (table path or key) a record may give, in bytes. */
#define IMPORT_SCAN_NAME_MAX 4096
/* Largest piece of a value given to a sink at once. */
#define IMPORT_SCAN_PIECE (48 * 1024)
/* Longest reason of a refused line. */
#define IMPORT_SCAN_WHY_MAX 96

/* One record, filled by import_scan_line. */
struct import_record {
	char *table;        /* malloc'd, "" for the root table (also when
	                       the record has no table field) */
	char *key;          /* malloc'd; NULL: the record has no key */
	int has_value;
	int value_base64;   /* the value is given in base64 */
	int value_streamed; /* the value went to the sink during the scan */
	off_t value_offset; /* where the value's string starts in the input */
	uint64_t value_len; /* the value's decoded size in bytes */
	int sink_err;       /* the first error the sink returned, or 0 */
};

/* Where values go. start is called when a value is reached and its
 * record's table and key are known (`rec` has them, not yet checked as
 * names): non-zero has the value streamed to write, 0 has it dropped.
 * write returns 0 or an errno value; after an error the rest of the value
 * is dropped and rec->sink_err keeps the error. */
struct import_sink {
	int (*start)(void *ctx, const struct import_record *rec);
	int (*write)(void *ctx, const void *buf, size_t len);
	void *ctx;
};

struct import_scan;

/* import_scan_new - a reader of `in` from its current position. Returns
 * NULL when memory runs out. The caller keeps `in`; import_scan_free
 * releases the reader (NULL is ignored). */
struct import_scan *import_scan_new(FILE *in);
void import_scan_free(struct import_scan *s);

enum import_scan_result {
	IMPORT_SCAN_EOF,    /* no more input */
	IMPORT_SCAN_BLANK,  /* a line of white space only */
	IMPORT_SCAN_RECORD, /* a valid record is in *rec */
	IMPORT_SCAN_BAD,    /* a bad line: import_scan_why, _status */
	IMPORT_SCAN_ERROR,  /* reading the input failed: import_scan_errno */
};

/*
 * import_scan_line - read the next line. For IMPORT_SCAN_RECORD, *rec
 * holds the record (the caller frees it with import_record_done; for
 * every other result it holds nothing to free). `sink` may be NULL: every
 * value is checked and dropped. A bad line is read to its end, so the
 * next call reads the next line.
 */
enum import_scan_result import_scan_line(struct import_scan *s,
					 struct import_record *rec,
					 const struct import_sink *sink);

/* import_scan_value - stream the value of `rec` (the record last read,
 * whose value was not streamed) to `sink` (its start is not called), then
 * go back to where the line ended. Returns 0, or an errno value of seeking
 * or reading (a sink error is in rec->sink_err). */
int import_scan_value(struct import_scan *s, struct import_record *rec,
		      const struct import_sink *sink);

/* The number of the line read last (1 for the first). */
size_t import_scan_lineno(const struct import_scan *s);
/* After IMPORT_SCAN_BAD: why (a static or scanner-owned string, valid
 * until the next call) and the exit status (EXIT_OTHER, EXIT_INVALID). */
const char *import_scan_why(const struct import_scan *s);
int import_scan_status(const struct import_scan *s);
/* After IMPORT_SCAN_ERROR or a failed import_scan_value: the errno. */
int import_scan_errno(const struct import_scan *s);

void import_record_done(struct import_record *rec);

#endif
