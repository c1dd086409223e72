/* SPDX-License-Identifier: MIT */
/*
 * cli_import_scan.c - import's line reader: a JSON scanner for the one
 * record shape import takes, reading a character at a time so that a
 * value of any length passes through a fixed buffer (cli_import_scan.h).
 *
 * Why not jansson: json_loadb needs the whole line in memory and builds
 * the value as one string (a 1 GiB line peaked at 3 GB: the line, the
 * string, the base64 decoded), and jansson has no streaming interface.
 * Using it for short lines only would mean two parsers that could accept
 * different inputs; one scanner serves every line, and the fuzzer
 * (tests/fuzz/fuzz_import_line.c) drives it.
 */
#include "cli/cli_import_json.h"

#include "common/base64.h"
#include "common/exit_codes.h"
#include "flockd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const scan_field_names[F_COUNT] = {
	"table", "table_base64", "key", "key_base64", "value",
	"value_base64", "size", "format_version",
};

struct import_scan *import_scan_new(FILE *in)
{
	struct import_scan *s = calloc(1, sizeof *s);
	if (s == NULL)
		return NULL;
	s->in = in;
	s->base = ftello(in);
	if (s->base < 0)
		s->base = 0; /* not seekable: only import_scan_value needs it */
	s->back = -1;
	return s;
}

void import_scan_free(struct import_scan *s)
{
	free(s);
}

size_t import_scan_lineno(const struct import_scan *s)
{
	return s->lineno;
}

const char *import_scan_why(const struct import_scan *s)
{
	return s->why != NULL ? s->why : "";
}

int import_scan_status(const struct import_scan *s)
{
	return s->status;
}

int import_scan_errno(const struct import_scan *s)
{
	return s->err;
}

void import_record_done(struct import_record *rec)
{
	free(rec->table);
	free(rec->key);
	memset(rec, 0, sizeof *rec);
}

/* ---------------------------------------------------------- records */

static enum scan_field field_of(const struct scan_name *n)
{
	for (int f = 0; f < F_COUNT; f++)
		if (!n->too_long && n->len == strlen(scan_field_names[f]) &&
		    memcmp(n->text, scan_field_names[f], n->len) == 0)
			return (enum scan_field)f;
	return F_OTHER;
}

/* The name given by field f or its base64 form f + 1, into *out
 * (malloc'd; "" when neither is given). */
static int name_resolve(struct import_scan *s, enum scan_field f, char **out)
{
	int coded = s->seen[f + 1];
	const struct scan_name *nm = &s->names[coded ? f + 1 : f];
	const char *invalid = f == F_TABLE ? "invalid table name"
					   : "invalid key name";
	size_t len = s->seen[f] || coded ? nm->len : 0;

	free(*out);
	*out = NULL;
	if (s->seen[f] && coded)
		return import_json_bad(s, "both a name and its base64 form",
				       EXIT_OTHER);
	if (s->wrong_type[f] || s->wrong_type[f + 1])
		return import_json_bad(s, "name is not a string", EXIT_OTHER);
	if (nm->too_long)
		return import_json_bad(s, invalid, EXIT_INVALID);
	char *name = malloc(len + 4);
	if (name == NULL)
		return import_json_bad(s, "out of memory", EXIT_OTHER);
	if (!coded) {
		memcpy(name, nm->text, len);
	} else if (base64_decode(nm->text, len, name, &len) != 0) {
		free(name);
		return import_json_bad(s, "bad base64 in name", EXIT_OTHER);
	}
	name[len] = '\0';
	*out = name;
	if (strlen(name) != len)
		return import_json_bad(s, "name contains a NUL byte",
				       EXIT_OTHER);
	if (len > IMPORT_SCAN_NAME_MAX)
		return import_json_bad(s, invalid, EXIT_INVALID);
	return 0;
}

/* A value field's string, after its opening quote: streamed to the sink
 * when the record's table and key came first and the sink wants it. */
static int scan_value_field(struct import_scan *s, enum scan_field f,
			    struct import_record *rec,
			    const struct import_sink *sink)
{
	struct scan_dest d = {.value = 1, .base64 = f == F_VALUE_B64,
			      .rec = rec};

	rec->has_value = 1;
	rec->value_base64 = d.base64;
	rec->value_offset = s->pos - 1;
	rec->value_len = 0;
	s->b64_len = 0;
	s->b64_ended = 0;
	if (sink != NULL && sink->start != NULL &&
	    (s->seen[F_TABLE] || s->seen[F_TABLE_B64]) &&
	    (s->seen[F_KEY] || s->seen[F_KEY_B64])) {
		if (name_resolve(s, F_TABLE, &rec->table) != 0 ||
		    name_resolve(s, F_KEY, &rec->key) != 0)
			return -1;
		if (sink->start(sink->ctx, rec)) {
			d.sink = sink;
			rec->value_streamed = 1;
		}
	}
	return import_json_string(s, &d);
}

static int scan_field_value(struct import_scan *s, enum scan_field f,
			    struct import_record *rec,
			    const struct import_sink *sink)
{
	int c = import_json_get_nonblank(s);

	if (f <= F_KEY_B64 && c == '"') {
		struct scan_dest d = {.name = &s->names[f]};
		s->names[f].len = 0;
		s->names[f].too_long = 0;
		return import_json_string(s, &d);
	}
	if ((f == F_VALUE || f == F_VALUE_B64) && c == '"')
		return scan_value_field(s, f, rec, sink);
	if ((f == F_SIZE || f == F_VERSION) &&
	    (c == '-' || import_json_is_digit(c)))
		return import_json_number(s, c, &s->number[f], &s->is_int[f]);
	if (f != F_OTHER)
		s->wrong_type[f] = 1;
	return import_json_skip(s, c, 1);
}

/* The fields of a whole record, as export writes them. */
static int check_record(struct import_scan *s, struct import_record *rec)
{
	int has_key = s->seen[F_KEY] || s->seen[F_KEY_B64];
	int has_value = s->seen[F_VALUE] || s->seen[F_VALUE_B64];

	/* Exports before format_version existed have none: the same. */
	if (s->seen[F_VERSION] &&
	    (s->wrong_type[F_VERSION] || !s->is_int[F_VERSION] ||
	     s->number[F_VERSION] != 1))
		return import_json_bad(s,
				       "\"format_version\" is not 1 (an export "
				       "of a newer flockd?)", EXIT_OTHER);
	if (name_resolve(s, F_TABLE, &rec->table) != 0)
		return -1;
	if (flockd_table_name_valid(rec->table) != FLOCKD_OK)
		return import_json_bad(s, "invalid table name", EXIT_INVALID);
	if (!has_key && has_value)
		return import_json_bad(s, "a value but no \"key\"", EXIT_OTHER);
	if (!has_key && *rec->table == '\0')
		return import_json_bad(s, "neither a key nor a table",
				       EXIT_OTHER);
	if (!has_key)
		return 0; /* a table of its own */
	if (name_resolve(s, F_KEY, &rec->key) != 0)
		return -1;
	if (flockd_key_valid(rec->key) != FLOCKD_OK)
		return import_json_bad(s, "invalid key name", EXIT_INVALID);
	if (s->seen[F_VALUE] && s->seen[F_VALUE_B64])
		return import_json_bad(s, "both \"value\" and \"value_base64\"",
				       EXIT_OTHER);
	if (!has_value)
		return import_json_bad(s, "no \"value\" or \"value_base64\"",
				       EXIT_OTHER);
	if (s->wrong_type[F_VALUE] || s->wrong_type[F_VALUE_B64])
		return import_json_bad(s, "the value is not a JSON string",
				       EXIT_OTHER);
	if (s->seen[F_SIZE] &&
	    (s->wrong_type[F_SIZE] || !s->is_int[F_SIZE] ||
	     s->number[F_SIZE] < 0 ||
	     (uint64_t)s->number[F_SIZE] != rec->value_len))
		return import_json_bad(s, "\"size\" does not match the value",
				       EXIT_OTHER);
	return 0;
}

/* The members of a record, after its '{', and the end of its line. */
static int scan_record(struct import_scan *s, struct import_record *rec,
		       const struct import_sink *sink)
{
	int c = import_json_get_nonblank(s);

	memset(s->seen, 0, sizeof s->seen);
	memset(s->wrong_type, 0, sizeof s->wrong_type);
	while (c != '}') {
		struct scan_dest d = {.name = &s->field};
		if (c != '"')
			return import_json_bad_char(s, c,
						    "a field name expected");
		s->field.len = 0;
		s->field.too_long = 0;
		if (import_json_string(s, &d) != 0)
			return -1;
		enum scan_field f = field_of(&s->field);
		if ((c = import_json_get_nonblank(s)) != ':')
			return import_json_bad_char(s, c, "':' expected");
		if (f != F_OTHER && s->seen[f])
			return import_json_bad(s, "a field given twice",
					       EXIT_OTHER);
		if (f != F_OTHER)
			s->seen[f] = 1;
		if (scan_field_value(s, f, rec, sink) != 0)
			return -1;
		c = import_json_get_nonblank(s);
		if (c == '}')
			break;
		if (c != ',')
			return import_json_bad_char(s, c,
						    "',' or '}' expected");
		c = import_json_get_nonblank(s);
	}
	c = import_json_get_nonblank(s);
	if (c != '\n' && c != EOF)
		return import_json_bad(s, "something after the record",
				       EXIT_OTHER);
	return check_record(s, rec);
}

enum import_scan_result import_scan_line(struct import_scan *s,
					 struct import_record *rec,
					 const struct import_sink *sink)
{
	off_t start = s->pos;
	int rc;

	memset(rec, 0, sizeof *rec);
	s->why = NULL;
	s->status = 0;
	s->line_over = 0;
	int c = import_json_get_nonblank(s);
	if (s->err != 0)
		return IMPORT_SCAN_ERROR;
	if (c == EOF && s->pos == start)
		return IMPORT_SCAN_EOF;
	s->lineno++;
	if (c == '\n' || c == EOF) {
		s->line_end = s->pos;
		return IMPORT_SCAN_BLANK;
	}
	rc = c == '{' ? scan_record(s, rec, sink)
		      : import_json_bad(s, "not a JSON object", EXIT_OTHER);
	while (rc != 0 && import_json_get(s) != EOF)
		; /* the rest of a import_json_bad line */
	s->line_end = s->pos;
	if (s->err != 0) {
		import_record_done(rec);
		return IMPORT_SCAN_ERROR;
	}
	if (rc != 0) {
		int streamed = rec->value_streamed;
		import_record_done(rec);
		rec->value_streamed = streamed;
		return IMPORT_SCAN_BAD;
	}
	return IMPORT_SCAN_RECORD;
}

int import_scan_value(struct import_scan *s, struct import_record *rec,
		      const struct import_sink *sink)
{
	struct scan_dest d = {.value = 1, .base64 = rec->value_base64,
			      .rec = rec, .sink = sink};
	int rc = -1;

	s->why = NULL;
	if (fseeko(s->in, s->base + rec->value_offset, SEEK_SET) != 0)
		return s->err = errno;
	s->pos = rec->value_offset;
	s->back = -1;
	s->line_over = 0;
	rec->value_len = 0;
	s->b64_len = 0;
	s->b64_ended = 0;
	if (import_json_get(s) == '"')
		rc = import_json_string(s, &d);
	if (fseeko(s->in, s->base + s->line_end, SEEK_SET) != 0 && s->err == 0)
		s->err = errno;
	s->pos = s->line_end;
	s->back = -1;
	s->line_over = 0;
	if (s->err != 0)
		return s->err;
	/* The input changed since the line was read. */
	return rc != 0 ? EIO : 0;
}
