/*
 * cli_common.h - what every command of the command line shares: the parsed
 * command line, the one-line error messages, opening the database and a
 * table, and timestamps. Internal to tui/cli/.
 */
#ifndef TUI_CLI_CLI_COMMON_H
#define TUI_CLI_CLI_COMMON_H

#include "flockd.h"

#include <stddef.h>
#include <time.h>

/* The default lock timeout (--timeout). */
#define CLI_DEFAULT_TIMEOUT_MS 2000L

/* Options a command accepts besides the common ones (--timeout, -h/--help,
 * --version). */
enum cli_option {
	CLI_OPT_TABLE = 1u << 0,     /* -t TABLE, once */
	CLI_OPT_TABLES = 1u << 1,    /* -t TABLE, repeatable */
	CLI_OPT_LONG = 1u << 2,      /* -l/--long */
	CLI_OPT_JSON = 1u << 3,      /* --json */
	CLI_OPT_OVERWRITE = 1u << 4, /* --overwrite */
	CLI_OPT_FORCE = 1u << 5,     /* -f/--force */
	CLI_OPT_ALL = 1u << 6,       /* -a/--all */
};

struct cli_args;

/* One command: its name, how it is run and its --help text. */
struct cli_command {
	const char *name;
	/* Our commands get the parsed command line... */
	int (*run)(struct cli_args *args);
	/* ...the inspection commands (tui/inspect) parse their own argv, whose
	 * argv[0] is the command name. Exactly one of the two is set. */
	int (*run_argv)(int argc, char **argv);
	const char *usage;   /* operands and options after "flockd NAME" */
	const char *summary; /* one line */
	const char *details; /* the rest of --help: operands, options */
	unsigned options;    /* enum cli_option */
	int min_operands;
	int max_operands;    /* -1: no limit */
};

/* A parsed command line. Strings point into argv (not owned), except
 * `tables`, an array owned by the dispatcher. */
struct cli_args {
	const struct cli_command *cmd;
	long timeout_ms;
	const char **tables; /* -t values in order; n_tables of them */
	size_t n_tables;
	int long_format;
	int json;
	int overwrite;
	int force;
	int all;     /* ls -a: the Go view, every NAME.kv file */
	int argc;    /* operands (DIR, KEY, FILE...) */
	char **argv;
	unsigned escape; /* textsafe flags for printing names */
};

/* cli_table_arg - the single -t value, or "" (the root table). */
const char *cli_table_arg(const struct cli_args *args);

/* cli_usage - print "flockd CMD: MESSAGE (see flockd CMD --help)" to stderr
 * and return EXIT_USAGE. */
int cli_usage(const struct cli_args *args, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * cli_error - print one line "flockd CMD: SUBJECT: REASON (STEP)" to stderr
 * and return the exit status for `err`. SUBJECT is `table`/`key` escaped
 * (just the key for the root table; just "table TABLE" when key is NULL;
 * omitted when both are NULL); REASON is flockd_strerror(err); " (STEP)" is
 * left out when `step` is NULL or empty.
 */
int cli_error(const struct cli_args *args, const char *table,
	      const char *key, int err, const char *step);

/* cli_error_path - the same for a file or directory named on the command
 * line: "flockd CMD: PATH: REASON (STEP)" (" (STEP)" left out when `step`
 * is NULL or empty). */
int cli_error_path(const struct cli_args *args, const char *path, int err,
		   const char *step);

/* cli_open_db - flockd_open with the command's timeout; prints the error
 * (step "open database") and returns its exit status on failure, else 0. */
int cli_open_db(const struct cli_args *args, const char *dir, unsigned flags,
		flockd_db **db);

/* cli_open_table - flockd_table_open; prints the error ("flockd CMD: table
 * NAME: reason (open table)") and returns its exit status on failure,
 * else 0. */
int cli_open_table(const struct cli_args *args, flockd_db *db,
		   const char *name, unsigned flags, flockd_table **table);

/* cli_format_time - RFC 3339 UTC with nanoseconds,
 * "2026-11-24T01:06:09.123456789Z", into buf (at least CLI_TIME_LEN). */
#define CLI_TIME_LEN 40
void cli_format_time(const struct timespec *ts, char *buf, size_t size);

/* cli_write_error - report a failed write to stdout ("flockd CMD: standard
 * output: reason") and return EXIT_OTHER. */
int cli_write_error(const struct cli_args *args, int err);

#endif
