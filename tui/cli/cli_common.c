/* cli_common.c - error lines, opening databases and tables, timestamps. */
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

int cli_usage(const struct cli_args *args, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "flockd %s: ", args->cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see flockd %s --help)\n", args->cmd->name);
	return EXIT_USAGE;
}

static void cli_put_escaped(const struct cli_args *args, const char *s)
{
	if (textsafe_name_write(stderr, s, strlen(s), args->escape) != 0)
		fputs("?", stderr);
}

int cli_error(const struct cli_args *args, const char *table,
	      const char *key, int err, const char *step)
{
	fprintf(stderr, "flockd %s: ", args->cmd->name);
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
	return exit_code_for_error(err);
}

int cli_error_path(const struct cli_args *args, const char *path, int err)
{
	fprintf(stderr, "flockd %s: ", args->cmd->name);
	cli_put_escaped(args, path);
	fprintf(stderr, ": %s\n", flockd_strerror(err));
	return exit_code_for_error(err);
}

int cli_write_error(const struct cli_args *args, int err)
{
	fprintf(stderr, "flockd %s: standard output: %s\n", args->cmd->name,
		flockd_strerror(err));
	return EXIT_OTHER;
}

int cli_open_db(const struct cli_args *args, const char *dir, unsigned flags,
		flockd_db **db)
{
	int err = flockd_open(dir, args->timeout_ms, flags, db);

	if (err != FLOCKD_OK)
		return cli_error_path(args, dir, err);
	return 0;
}

int cli_open_table(const struct cli_args *args, flockd_db *db,
		   const char *name, unsigned flags, flockd_table **table)
{
	int err = flockd_table_open(db, name, flags, table);

	if (err != FLOCKD_OK)
		return cli_error(args, name, NULL, err, NULL);
	return 0;
}

void cli_format_time(const struct timespec *ts, char *buf, size_t size)
{
	export_format_time(ts, buf, size);
}
