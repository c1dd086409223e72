/*
 * cli_list.c - ls and tables: one escaped name per line (textsafe.h), or
 * a JSON array with one object per line (jsonfmt.h). ls lists keys only;
 * ls -a the Go original's view, every NAME.kv with its kind.
 */
#include "cli/cli_list.h"

#include "cli/cli_common.h"
#include "cli/cli_keys.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "common/textsafe.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* A JSON array written one element at a time, so that a million keys never
 * become one big document in memory. */
struct cli_json_array {
	size_t count;
};

static int cli_array_add(struct cli_json_array *a, json_t *elem)
{
	if (elem == NULL)
		return -1;
	int rc = fputs(a->count++ ? ",\n" : "[\n", stdout) < 0 ||
		 jsonfmt_dumpf(elem, stdout) != 0 ? -1 : 0;
	json_decref(elem);
	return rc;
}

static int cli_array_end(struct cli_json_array *a)
{
	return fputs(a->count ? "\n]\n" : "[]\n", stdout) < 0 ? -1 : 0;
}

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

/* One key of ls: its line, or its JSON object. Returns 0, a positive exit
 * status after reporting a key that could not be stat'ed, or -1 for a
 * failed write. */
static int cli_ls_key(struct cli_args *args, flockd_table *table,
		      const char *key, struct cli_json_array *array)
{
	struct flockd_stat st;
	char when[CLI_TIME_LEN];
	size_t of, of_len;

	if (args->long_format) {
		int err = flockd_key_stat(table, key, &st);
		if (err == FLOCKD_ENOTFOUND)
			return 0; /* deleted since the scan */
		if (err != FLOCKD_OK)
			return cli_error(args, flockd_table_name(table), key,
					 err, NULL);
		struct timespec mtime = {(time_t)st.mtime.tv_sec,
					 st.mtime.tv_nsec};
		cli_format_time(&mtime, when, sizeof when);
	}
	if (args->json) {
		json_t *obj = json_object();
		if (obj == NULL || jsonfmt_set_name(obj, "key", key) != 0 ||
		    (args->all && cli_ls_json_kind(obj, key) != 0) ||
		    (args->long_format &&
		     (json_object_set_new(obj, "size",
					  json_integer((json_int_t)st.size)) ||
		      json_object_set_new(obj, "mtime", json_string(when))))) {
			json_decref(obj);
			errno = ENOMEM;
			return -1;
		}
		return cli_array_add(array, obj);
	}
	if (args->long_format &&
	    printf("%12" PRIu64 "  %s  ", st.size, when) < 0)
		return -1;
	if (args->long_format && args->all &&
	    printf("%s  ", flockd_entry_kind_name(
				   cli_ls_kind(key, &of, &of_len))) < 0)
		return -1;
	if (textsafe_name_write(stdout, key, strlen(key), args->escape) != 0 ||
	    putchar('\n') == EOF)
		return -1;
	return 0;
}

static int cli_finish_output(struct cli_args *args, int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_write_error(args, errno);
	return rc;
}

int cli_cmd_ls(struct cli_args *args)
{
	const char *tname = cli_table_arg(args);
	struct cli_json_array array = {0};
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
	/* A key that cannot be stat'ed is reported and the listing goes on;
	 * the status is that of the first such key. */
	for (size_t i = 0; table != NULL && rc != -1 && i < keys.count; i++) {
		int one = cli_ls_key(args, table, keys.names[i], &array);
		if (one == -1 || rc == 0)
			rc = one;
	}
	if (rc == -1)
		rc = cli_write_error(args, errno);
	else if (table != NULL && args->json && cli_array_end(&array) != 0)
		rc = cli_write_error(args, errno);
	cli_keys_free(&keys);
	flockd_table_close(table);
	flockd_close(db);
	return cli_finish_output(args, rc);
}

int cli_cmd_tables(struct cli_args *args)
{
	struct cli_json_array array = {0};
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
	/* The root table ("") always exists and is the default of -t; only
	 * named tables are listed. */
	for (size_t i = 0; rc == 0 && i < count; i++) {
		const char *name = names[i];
		if (*name == '\0')
			continue;
		if (args->json) {
			json_t *obj = json_object();
			if (obj == NULL ||
			    jsonfmt_set_name(obj, "table", name) != 0) {
				json_decref(obj);
				errno = ENOMEM;
				rc = -1;
			} else {
				rc = cli_array_add(&array, obj);
			}
		} else if (textsafe_name_write(stdout, name, strlen(name),
					       args->escape) != 0 ||
			   putchar('\n') == EOF) {
			rc = -1;
		}
	}
	if (rc == 0 && db != NULL && args->json && cli_array_end(&array) != 0)
		rc = -1;
	if (rc == -1)
		rc = cli_write_error(args, errno);
	flockd_names_free(names, count);
	flockd_close(db);
	return cli_finish_output(args, rc);
}
