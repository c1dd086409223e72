/* SPDX-License-Identifier: MIT */
/*
 * cli_export.c - export: every key of the chosen tables as one JSON object
 * per line (format in cli_export.h; the lines are common/export_line.h's,
 * which the browser's export writes too). The value is streamed straight
 * from the buffer flockd_get returned, so it is in memory once.
 */
#include "cli/cli_export.h"

#include "cli/cli_common.h"
#include "cli/cli_keys.h"
#include "cli/cli_output.h"
#include "common/exit_codes.h"
#include "common/export_line.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(EXPORT_FORMAT_VERSION == CLI_JSON_FORMAT_VERSION,
	       "export lines carry the JSON format's version");

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
	/* The time is informational (import does not restore it); a key
	 * deleted right after it was read simply has none. */
	int known = flockd_key_stat(table, key, &st) == FLOCKD_OK;
	int rc = export_line_key(stdout, tname, key, value, len,
				 known ? &st.mtime : NULL);
	free(value);
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
		rc = export_line_table(stdout, tname);
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
			return cli_error_path(args, args->argv[0], err,
					      "list tables");
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
