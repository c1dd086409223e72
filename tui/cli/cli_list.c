/* SPDX-License-Identifier: MIT */
/*
 * cli_list.c - ls and tables: one record per key or table (cli_output.h:
 * escaped fields separated by TAB, or NUL-terminated raw fields with -z),
 * or a JSON document streamed one element per line. ls lists keys only;
 * ls -a the Go original's view, every NAME.kv with its kind.
 */
#include "cli/cli_list.h"

#include "cli/cli_common.h"
#include "cli/cli_keys.h"
#include "cli/cli_output.h"
#include "common/jsonfmt.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What NAME.kv is (ls -a lists more than keys): the kind and, for what
 * is not a key, the key it belongs to (*of, *of_len; 0 if none). */
static enum flockd_entry_kind cli_ls_kind(const char *name, size_t *of,
					  size_t *of_len)
{
	char file[NAME_MAX + 4];
	size_t n = strlen(name);
	struct flockd_name_info in;

	*of = *of_len = 0;
	if (n + 4 > sizeof file)
		return FLOCKD_ENTRY_KEY;
	memcpy(file, name, n);
	memcpy(file + n, ".kv", 4);
	enum flockd_entry_kind k = flockd_classify_name(file, n + 3, &in);
	if (k != FLOCKD_ENTRY_KEY && !(in.flags & FLOCKD_NAME_KEY_PARTIAL)) {
		*of = in.key_off;
		*of_len = in.key_len;
	}
	return k;
}

/* ls -a --json: "kind" and, for what is not a key, "of". */
static int cli_ls_json_kind(json_t *obj, const char *key)
{
	size_t of, of_len;
	enum flockd_entry_kind k = cli_ls_kind(key, &of, &of_len);
	if (json_object_set_new(obj, "kind",
				json_string(flockd_entry_kind_name(k))) != 0)
		return -1;
	if (of_len == 0)
		return 0;
	char *owner = strndup(key + of, of_len);
	int rc = owner == NULL ? -1 : jsonfmt_set_name(obj, "of", owner);
	free(owner);
	return rc;
}

static json_t *cli_ls_json(const struct cli_args *args, const char *key,
			   const struct flockd_stat *st)
{
	json_t *obj = json_object();

	if (obj == NULL || jsonfmt_set_name(obj, "key", key) != 0 ||
	    (args->all && cli_ls_json_kind(obj, key) != 0) ||
	    (args->long_format &&
	     (json_object_set_new(obj, "size",
				  json_integer((json_int_t)st->size)) ||
	      cli_json_set_time(obj, "mtime", &st->mtime)))) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

/* One key of ls: its record, or its JSON element. Returns 0, a positive
 * exit status after reporting a key that could not be stat'ed, or -1 for
 * a failed write. */
static int cli_ls_key(struct cli_args *args, flockd_table *table,
		      const char *key, struct cli_json_stream *stream)
{
	struct flockd_stat st;
	char when[CLI_TIME_LEN], size[32];
	size_t of, of_len;

	if (args->long_format) {
		int err = flockd_key_stat(table, key, &st);
		if (err == FLOCKD_ENOTFOUND)
			return 0; /* deleted since the scan */
		if (err != FLOCKD_OK)
			return cli_error(args, flockd_table_name(table), key,
					 err, NULL);
	}
	if (args->json)
		return cli_json_stream_add(args, stream,
					   cli_ls_json(args, key, &st));
	if (args->long_format) {
		cli_format_time(&st.mtime, when, sizeof when);
		snprintf(size, sizeof size, "%" PRIu64, st.size);
		if (cli_field_word(args, size) || cli_field_word(args, when))
			return -1;
	}
	if (args->long_format && args->all &&
	    cli_field_word(args, flockd_entry_kind_name(
					 cli_ls_kind(key, &of, &of_len))))
		return -1;
	if (cli_field_name(args, key) != 0 || cli_record_end(args) != 0)
		return -1;
	return 0;
}

/* ls --json's head: {"format_version":1,"table":T,"keys":[ */
static int cli_ls_begin(struct cli_args *args, const char *tname,
			struct cli_json_stream *stream)
{
	json_t *head = cli_json_object();

	if (head != NULL && jsonfmt_set_name(head, "table", tname) != 0) {
		json_decref(head);
		head = NULL;
	}
	return cli_json_stream_begin(args, stream, head, "keys");
}

int cli_cmd_ls(struct cli_args *args)
{
	const char *tname = cli_table_arg(args);
	struct cli_json_stream stream = {0};
	struct cli_keys keys = {0};
	flockd_db *db = NULL;
	flockd_table *table = NULL;
	int rc = cli_open_db(args, args->argv[0], FLOCKD_OPEN_READONLY, &db);

	if (rc == 0)
		rc = cli_open_table(args, db, tname, 0, &table);
	if (rc == 0) {
		int err = args->all ? cli_keys_collect_go(table, &keys)
				    : cli_keys_collect(table, &keys);
		if (err != FLOCKD_OK)
			rc = cli_error(args, tname, NULL, err, "list keys");
	}
	if (rc == 0 && args->json)
		rc = cli_ls_begin(args, tname, &stream);
	/* A key that cannot be stat'ed is reported and the listing goes on;
	 * the status is that of the first such key. */
	for (size_t i = 0; table != NULL && rc != -1 && i < keys.count; i++) {
		int one = cli_ls_key(args, table, keys.names[i], &stream);
		if (one == -1 || rc == 0)
			rc = one;
	}
	if (rc != -1 && table != NULL && args->json &&
	    cli_json_stream_end(args, &stream) != 0)
		rc = -1;
	cli_keys_free(&keys);
	flockd_table_close(table);
	flockd_close(db);
	/* -1: a failed write, which cli_output_finish reports */
	return cli_output_finish(args, rc == -1 ? 0 : rc);
}

static int cli_tables_one(struct cli_args *args, const char *name,
			  struct cli_json_stream *stream)
{
	if (!args->json)
		return cli_field_name(args, name) || cli_record_end(args)
			       ? -1 : 0;
	json_t *obj = json_object();
	if (obj != NULL && jsonfmt_set_name(obj, "table", name) != 0) {
		json_decref(obj);
		obj = NULL;
	}
	return cli_json_stream_add(args, stream, obj);
}

int cli_cmd_tables(struct cli_args *args)
{
	struct cli_json_stream stream = {0};
	flockd_db *db = NULL;
	char **names = NULL;
	size_t count = 0;
	int rc = cli_open_db(args, args->argv[0], FLOCKD_OPEN_READONLY, &db);

	if (rc == 0) {
		int err = flockd_tables(db, &names, &count);
		if (err != FLOCKD_OK)
			rc = cli_error_path(args, args->argv[0], err,
					    "list tables");
	}
	if (rc == 0 && args->json)
		rc = cli_json_stream_begin(args, &stream, cli_json_object(),
					   "tables");
	/* The root table ("") always exists and is the default of -t; only
	 * named tables are listed. */
	for (size_t i = 0; rc == 0 && i < count; i++)
		if (*names[i] != '\0')
			rc = cli_tables_one(args, names[i], &stream);
	if (rc == 0 && db != NULL && args->json)
		rc = cli_json_stream_end(args, &stream);
	flockd_names_free(names, count);
	flockd_close(db);
	return cli_output_finish(args, rc == -1 ? 0 : rc);
}
