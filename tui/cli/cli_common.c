/* SPDX-License-Identifier: MIT */
/* cli_common.c - error lines, exit statuses, opening databases and tables,
 * timestamps. */
#include "cli/cli_common.h"

#include "common/export_line.h"

#include "common/exit_codes.h"
#include "common/textsafe.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cli_table_arg(const struct cli_args *args)
{
	return args->n_tables > 0 ? args->tables[args->n_tables - 1] : "";
}

/* Data already written to stdout comes before the message. */
static void cli_message_start(const struct cli_args *args)
{
	fflush(stdout);
	fprintf(stderr, "flockd %s: ", args->cmd->name);
}

void cli_vmessage(const struct cli_args *args, const char *end,
		  const char *fmt, va_list ap)
{
	cli_message_start(args);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "%s\n", end);
}

int cli_usage(const struct cli_args *args, const char *fmt, ...)
{
	char hint[64];
	va_list ap;

	snprintf(hint, sizeof hint, " (see flockd %s --help)", args->cmd->name);
	va_start(ap, fmt);
	cli_vmessage(args, hint, fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

void cli_message(const struct cli_args *args, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vmessage(args, "", fmt, ap);
	va_end(ap);
}

int cli_status(const struct cli_args *args, int err)
{
	if (args->cmd->statuses == CLI_STATUS_DIFF)
		return exit_code_for_trouble(err);
	return exit_code_for_error(err);
}

static void cli_put_escaped(const struct cli_args *args, const char *s)
{
	if (textsafe_name_write(stderr, s, strlen(s), args->escape) != 0)
		fputs("?", stderr);
}

int cli_error(const struct cli_args *args, const char *table,
	      const char *key, int err, const char *step)
{
	cli_message_start(args);
	if (key == NULL && table != NULL) {
		fputs(*table ? "table " : "root table", stderr);
		cli_put_escaped(args, table);
		fputs(": ", stderr);
	} else if (key != NULL) {
		/* A key never contains '/', so TABLE/KEY is unambiguous. */
		if (table != NULL && *table != '\0') {
			cli_put_escaped(args, table);
			fputc('/', stderr);
		}
		cli_put_escaped(args, key);
		fputs(": ", stderr);
	}
	fputs(flockd_strerror(err), stderr);
	if (step != NULL && *step != '\0')
		fprintf(stderr, " (%s)", step);
	fputc('\n', stderr);
	return cli_status(args, err);
}

int cli_error_path(const struct cli_args *args, const char *path, int err,
		   const char *step)
{
	cli_message_start(args);
	cli_put_escaped(args, path);
	fprintf(stderr, ": %s", err == FLOCKD_ENOTFOUND
				      ? "no such database directory"
				      : flockd_strerror(err));
	if (step != NULL && *step != '\0')
		fprintf(stderr, " (%s)", step);
	fputc('\n', stderr);
	return cli_status(args, err);
}

int cli_open_db(const struct cli_args *args, const char *dir, unsigned flags,
		flockd_db **db)
{
	struct flockd_options o = {.timeout_ms = args->timeout_ms,
				   .flags = flags,
				   .new_key_mode = args->new_key_mode};
	int err = flockd_open_ex(dir, &o, db);

	/* "no such database directory" says it all; other failures (a
	 * permission, a lock) name the step. */
	if (err != FLOCKD_OK)
		return cli_error_path(args, dir, err,
				      err == FLOCKD_ENOTFOUND ? NULL
							      : "open database");
	return 0;
}

int cli_open_table(const struct cli_args *args, flockd_db *db,
		   const char *name, unsigned flags, flockd_table **table)
{
	int err = flockd_table_open(db, name, flags, table);

	if (err != FLOCKD_OK)
		return cli_error(args, name, NULL, err, "open table");
	return 0;
}

void cli_format_time(const struct flockd_timespec *ts, char *buf,
		     size_t size)
{
	export_format_time(ts, buf, size);
}
