/*
 * cli_export.c - export: every key of the chosen tables as one JSON object
 * per line (format in cli_export.h). The small fields go through jansson;
 * the value, which may be hundreds of megabytes, is streamed straight from
 * the buffer flockd_get returned, so it is in memory once.
 */
#include "cli/cli_export.h"

#include "cli/cli_common.h"
#include "cli/cli_keys.h"
#include "cli/cli_output.h"
#include "common/base64.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "common/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Write the value as base64 in pieces (a multiple of 3 bytes each). */
static int cli_export_base64(const unsigned char *value, size_t len)
{
	char text[4096 + 1];
	const size_t piece = 3072;

	if (fputs("\"", stdout) < 0)
		return -1;
	for (size_t off = 0; off < len; off += piece) {
		size_t n = len - off < piece ? len - off : piece;
		base64_encode(value + off, n, text);
		size_t tlen = base64_encoded_len(n);
		if (fwrite(text, 1, tlen, stdout) != tlen)
			return -1;
	}
	return fputs("\"", stdout) < 0 ? -1 : 0;
}

/* Write one object: the fields in `head` (without its closing brace), then
 * the value. Returns 0, or -1 (errno set) on failure. */
static int cli_export_line(json_t *head, const void *value, size_t len)
{
	char *text = jsonfmt_dumps(head, jsonfmt_flags(stdout));
	size_t tlen = text ? strlen(text) : 0;
	int text_value = utf8_valid(value, len);
	int rc = -1;

	if (text == NULL || tlen < 2 || text[tlen - 1] != '}') {
		errno = ENOMEM;
		goto out;
	}
	if (fwrite(text, 1, tlen - 1, stdout) != tlen - 1 ||
	    fputs(tlen > 2 ? "," : "", stdout) < 0 ||
	    fputs(text_value ? "\"value\":" : "\"value_base64\":", stdout) < 0)
		goto out;
	if (text_value ? jsonfmt_write_string(stdout, value, len)
		       : cli_export_base64(value, len))
		goto out;
	rc = fputs("}\n", stdout) < 0 ? -1 : 0;
out:
	free(text);
	return rc;
}

/* Export one key. Returns 0, a positive exit status after reporting a key
 * that could not be read, or -1 for an output error (errno set). */
static int cli_export_key(struct cli_args *args, flockd_table *table,
			  const char *key)
{
	const char *tname = flockd_table_name(table);
	struct flockd_stat st;
	void *value = NULL;
	size_t len = 0;
	int err = flockd_get(table, key, &value, &len);

	if (err == FLOCKD_ENOTFOUND)
		return 0; /* deleted since the listing */
	if (err != FLOCKD_OK)
		return cli_error(args, tname, key, err,
				 flockd_table_last_step(table));
	json_t *head = cli_json_object();
	int bad = head == NULL || jsonfmt_set_name(head, "table", tname) ||
		  jsonfmt_set_name(head, "key", key) ||
		  json_object_set_new(head, "size", json_integer((json_int_t)len));
	/* The time is informational (import does not restore it); a key
	 * deleted right after it was read simply has none. */
	if (!bad && flockd_key_stat(table, key, &st) == FLOCKD_OK)
		bad = cli_json_set_time(head, "mtime", &st.mtime);
	int rc = -1;
	if (bad)
		errno = ENOMEM;
	else
		rc = cli_export_line(head, value, len);
	json_decref(head);
	free(value);
	return rc;
}

/* A table without keys: one object naming it, so import recreates it. */
static int cli_export_empty_table(const char *tname)
{
	json_t *obj = cli_json_object();
	int rc = -1;

	if (obj == NULL || jsonfmt_set_name(obj, "table", tname) != 0)
		errno = ENOMEM;
	else if (jsonfmt_dumpf(obj, stdout) == 0 &&
		 putchar('\n') != EOF)
		rc = 0;
	json_decref(obj);
	return rc;
}

static int cli_export_table(struct cli_args *args, flockd_db *db,
			    const char *tname)
{
	struct cli_keys keys;
	flockd_table *table = NULL;
	int rc = cli_open_table(args, db, tname, 0, &table);

	if (rc != 0)
		return rc;
	int err = cli_keys_collect(table, &keys);
	if (err != FLOCKD_OK) {
		rc = cli_error(args, tname, NULL, err, "list keys");
	} else if (keys.count == 0 && *tname != '\0') {
		rc = cli_export_empty_table(tname);
	}
	for (size_t i = 0; rc != -1 && i < keys.count; i++) {
		int one = cli_export_key(args, table, keys.names[i]);
		if (one == -1 || rc == 0)
			rc = one;
	}
	if (rc == -1)
		cli_output_failed(args); /* errno of the failed write */
	cli_keys_free(&keys);
	flockd_table_close(table);
	return rc;
}

int cli_cmd_export(struct cli_args *args)
{
	flockd_db *db = NULL;
	char **names = NULL;
	size_t count = 0;
	int rc = cli_open_db(args, args->argv[0], FLOCKD_OPEN_READONLY, &db);

	if (rc != 0)
		return rc;
	if (args->n_tables > 0) {
		names = (char **)args->tables;
		count = args->n_tables;
	} else {
		int err = flockd_tables(db, &names, &count);
		if (err != FLOCKD_OK) {
			flockd_close(db);
			return cli_error_path(args, args->argv[0], err);
		}
	}
	/* Every table is tried; the status is that of the first failure. */
	for (size_t i = 0; rc != -1 && i < count; i++) {
		int one = cli_export_table(args, db, names[i]);
		if (one == -1 || rc == 0)
			rc = one;
	}
	if (args->n_tables == 0)
		flockd_names_free(names, count);
	flockd_close(db);
	/* -1: a failed write, noted where it happened */
	return cli_output_finish(args, rc == -1 ? 0 : rc);
}
