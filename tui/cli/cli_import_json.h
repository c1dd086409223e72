/* SPDX-License-Identifier: MIT */
/*
 * cli_import_json.h - the JSON scanner under import's line reader
 * (cli_import_scan.h): the reader's state, and the characters, strings,
 * numbers and skipped values of one line. Internal to cli_import_scan.c
 * and cli_import_json.c.
 */
#ifndef TUI_CLI_CLI_IMPORT_JSON_H
#define TUI_CLI_CLI_IMPORT_JSON_H

#include "cli/cli_import_scan.h"

/* Nesting limit of the JSON skipped in unknown fields (jansson's). */
#define SCAN_MAX_DEPTH 2048
/* Base64 text decoded at once: a multiple of 4 giving at most a piece. */
#define SCAN_B64_CHUNK (IMPORT_SCAN_PIECE / 3 * 4)
/* A name's field as typed: base64 of the longest name, and a little. */
#define SCAN_NAME_TEXT (IMPORT_SCAN_NAME_MAX / 3 * 4 + 8)

enum scan_field {
	F_TABLE, F_TABLE_B64, F_KEY, F_KEY_B64, F_VALUE, F_VALUE_B64,
	F_SIZE, F_VERSION, F_COUNT, F_OTHER = F_COUNT
};


/* A name as typed in its field (JSON escapes decoded, base64 not yet). */
struct scan_name {
	char text[SCAN_NAME_TEXT];
	size_t len;
	int too_long;
};

/* What a string's decoded bytes are for. */
struct scan_dest {
	struct scan_name *name;        /* a name field, else NULL */
	int value;                     /* a value field (else dropped) */
	int base64;                    /* the value is base64 text */
	struct import_record *rec;
	const struct import_sink *sink; /* NULL: the value is dropped */
};

struct import_scan {
	FILE *in;
	off_t base;       /* where the input started */
	off_t pos;        /* bytes consumed since base */
	off_t line_end;   /* pos after the last line read */
	int back;         /* a character given back, or -1 */
	int line_over;    /* the line's newline (or EOF) was read */
	size_t lineno;
	int err;          /* errno of a failed read */
	const char *why;
	int status;
	/* the current record's fields */
	int seen[F_COUNT];
	int wrong_type[F_COUNT];
	int64_t number[F_COUNT];
	int is_int[F_COUNT];
	struct scan_name names[4]; /* F_TABLE .. F_KEY_B64 */
	struct scan_name field;    /* the field name being read */
	int b64_ended;    /* the value's base64 had its padding */
	size_t b64_len;
	size_t piece_len;
	unsigned char piece[IMPORT_SCAN_PIECE];
	char b64[SCAN_B64_CHUNK];
	unsigned char out[IMPORT_SCAN_PIECE];
};

/* import_json_get - the next character of the line (EOF after its
 * newline or at the end of the input); import_json_unget gives one back. */
int import_json_get(struct import_scan *s);
void import_json_unget(struct import_scan *s, int c);
/* The next character that is not JSON white space within the line. */
int import_json_get_nonblank(struct import_scan *s);
int import_json_is_digit(int c);

/* import_json_bad - make the line bad for `why` (the first reason
 * stays) with exit status `status`; returns -1. import_json_bad_char:
 * the same for a JSON syntax error at character `c`. */
int import_json_bad(struct import_scan *s, const char *why, int status);
int import_json_bad_char(struct import_scan *s, int c, const char *why);

/* A string after its opening quote, its decoded bytes to `d`. */
int import_json_string(struct import_scan *s, struct scan_dest *d);
/* A number starting with `c`; *v its value when *is_int. */
int import_json_number(struct import_scan *s, int c, int64_t *v, int *is_int);
/* Any JSON value starting with `c`, checked and dropped. */
int import_json_skip(struct import_scan *s, int c, int depth);

#endif
