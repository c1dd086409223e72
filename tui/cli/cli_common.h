/* SPDX-License-Identifier: MIT */
/*
 * cli_common.h - what every command of the command line shares: the
 * command table's entry, the parsed command line, the one-line error
 * messages, exit statuses, opening the database and a table, timestamps.
 * Output (data records, JSON documents, informational notes) is in
 * cli_output.h. Internal to tui/cli/.
 */
#ifndef TUI_CLI_CLI_COMMON_H
#define TUI_CLI_CLI_COMMON_H

#include "flockd.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The default lock timeout (--timeout), the same for every command. */
#define CLI_DEFAULT_TIMEOUT_MS 2000L

/* The environment variable naming the default database directory. */
#define CLI_DIR_ENV "FLOCKD_DIR"

/* Options a command accepts besides the common ones (--timeout, -q/--quiet,
 * -h/--help, --version). Each bit is one row of the option table in
 * cli_options.c, which gives its letter, long name, value and help line. */
enum cli_option {
	CLI_OPT_TABLE = 1u << 0,      /* -t TABLE, once */
	CLI_OPT_TABLES = 1u << 1,     /* -t TABLE, repeatable */
	CLI_OPT_LONG = 1u << 2,       /* -l/--long */
	CLI_OPT_ALL = 1u << 3,        /* -a/--all */
	CLI_OPT_FORCE = 1u << 4,      /* -f/--force */
	CLI_OPT_NUL = 1u << 5,        /* -z/--null */
	CLI_OPT_JSON = 1u << 6,       /* --json */
	CLI_OPT_OVERWRITE = 1u << 7,  /* --overwrite */
	CLI_OPT_FIX = 1u << 8,        /* --fix */
	CLI_OPT_OLDER_THAN = 1u << 9, /* --older-than DURATION */
	CLI_OPT_ENTRIES = 1u << 10,   /* -a/--all (manifest): every entry */
	CLI_OPT_KEEP = 1u << 11,      /* --keep VERSION */
	CLI_OPT_DROP_IDENTICAL = 1u << 12, /* --drop-identical */
	CLI_OPT_DRY_RUN = 1u << 13,   /* --dry-run */
	CLI_OPT_FROM_TO = 1u << 14,   /* --from DB, --to DB */
	CLI_OPT_ONLY = 1u << 15,      /* --only differs,missing */
	CLI_OPT_DELETE = 1u << 16,    /* --delete */
	CLI_OPT_REMOTE = 1u << 17,    /* -e/--rsh CMD, --remote-flockd PATH */
	CLI_OPT_MTIME = 1u << 18,     /* --mtime TIME */
	CLI_OPT_SIZE = 1u << 19,      /* --size BYTES */
	CLI_OPT_MODE = 1u << 20,      /* --mode OCTAL */
};

/* What a command's exit statuses mean. */
enum cli_statuses {
	/* 0 success, then one status per kind of failure (exit_codes.h) */
	CLI_STATUS_COMMON,
	/* diff(1)'s: 0 same/clean, 1 different/findings, 2 or more trouble
	 * (the common status of the trouble, "other error" being 2) */
	CLI_STATUS_DIFF,
};

struct cli_args;

/* The state of standard output while a command writes its data
 * (cli_output.c). */
struct cli_out {
	size_t fields; /* fields written in the current record */
	int err;       /* the first errno of a failed write, or 0 */
	int raw;       /* names are written raw: -z, and not to a terminal */
};

/* One command: an entry of the command table (cli_commands.c). */
struct cli_command {
	const char *name;
	int (*run)(struct cli_args *args);
	const char *operands; /* "DIR KEY [FILE]": the usage after options */
	const char *summary;  /* one line */
	const char *details;  /* --help between the summary and the options */
	unsigned options;     /* enum cli_option */
	int min_operands;
	int max_operands;     /* -1: no limit */
	/* How many leading operands are database directories (0, 1 or 2).
	 * With FLOCKD_DIR set, a command given one operand less than
	 * min_operands gets FLOCKD_DIR as its first directory. */
	int db_operands;
	enum cli_statuses statuses;
};

/* The command table (cli_commands.c), in the order `flockd help` lists. */
extern const struct cli_command cli_commands[];
extern const size_t cli_n_commands;

/* A parsed command line. Strings point into argv or the environment (not
 * owned); `tables` and `argv` are arrays owned by the dispatcher. */
struct cli_args {
	const struct cli_command *cmd;
	long timeout_ms;
	const char **tables; /* -t values in order ("/" given as ""); n_tables */
	size_t n_tables;
	int long_format;
	int json;
	int nul;       /* -z: NUL-terminated fields, names raw */
	int quiet;     /* -q: no informational lines */
	int overwrite;
	int force;
	int all;       /* ls -a: the Go view, every NAME.kv file */
	int fix;       /* check --fix */
	long older_than_ms; /* check --older-than; 0: the default */
	const char *keep;   /* resolve --keep */
	int drop_identical; /* resolve --drop-identical */
	int dry_run;        /* resolve, sync --dry-run */
	const char *from;   /* sync --from */
	const char *to;     /* sync --to */
	int only_differs;   /* sync --only (both 1 without it) */
	int only_missing;
	int delete_keys;    /* sync --delete */
	const char *rsh;    /* -e/--rsh: the remote shell (NULL: ssh) */
	const char *remote_flockd; /* --remote-flockd (NULL: flockd) */
	int have_mtime;     /* set --mtime */
	struct flockd_timespec mtime;
	int have_size;      /* set --size */
	uint64_t size;
	unsigned new_key_mode; /* --mode: permission bits of new keys; 0:
	                          the store's default (0600) */
	int argc;      /* operands (DIR, KEY, FILE...), FLOCKD_DIR included */
	char **argv;
	unsigned escape; /* textsafe flags for names in messages */
	struct cli_out out;
};

/* cli_table_arg - the single -t value, or "" (the root table). */
const char *cli_table_arg(const struct cli_args *args);

/* cli_usage - print "flockd CMD: MESSAGE (see flockd CMD --help)" to stderr
 * and return EXIT_USAGE. */
int cli_usage(const struct cli_args *args, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* cli_status - the exit status for libflockd error `err` (FLOCKD_E* or an
 * errno value) under the command's statuses (CLI_STATUS_DIFF: at least 2). */
int cli_status(const struct cli_args *args, int err);

/*
 * cli_error - print one line "flockd CMD: SUBJECT: REASON (STEP)" to stderr
 * and return cli_status(err). SUBJECT is TABLE/KEY escaped (just KEY for
 * the root table; "table TABLE" or "root table" when key is NULL; omitted
 * when both are NULL); REASON is flockd_strerror(err); " (STEP)" is left
 * out when `step` is NULL or empty. STEP is the program's own words.
 */
int cli_error(const struct cli_args *args, const char *table,
	      const char *key, int err, const char *step);

/* cli_error_path - the same for a file or directory named on the command
 * line: "flockd CMD: PATH: REASON (STEP)" (" (STEP)" left out when `step`
 * is NULL or empty; a missing database directory says "no such database
 * directory"). Returns cli_status(err). */
int cli_error_path(const struct cli_args *args, const char *path, int err,
		   const char *step);

/* cli_message - "flockd CMD: MESSAGE" on stderr, for what is neither a
 * key nor a path. Arguments that come from outside must be escaped
 * first (textsafe_name_*). */
void cli_message(const struct cli_args *args, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* cli_vmessage - the line of cli_message with `end` (our own words)
 * after the message, for the other message functions. */
void cli_vmessage(const struct cli_args *args, const char *end,
		  const char *fmt, va_list ap);

/* cli_open_db - flockd_open_ex with the command's timeout and --mode;
 * prints the error and returns its exit status on failure, else 0. */
int cli_open_db(const struct cli_args *args, const char *dir, unsigned flags,
		flockd_db **db);

/* cli_open_table - flockd_table_open; prints the error ("flockd CMD: table
 * NAME: reason (open table)") and returns its exit status on failure,
 * else 0. */
int cli_open_table(const struct cli_args *args, flockd_db *db,
		   const char *name, unsigned flags, flockd_table **table);

/* cli_format_time - RFC 3339 UTC with nanoseconds,
 * "2026-11-24T01:06:09.123456789Z", into buf (at least CLI_TIME_LEN): the
 * one time format of every output, text and JSON. */
#define CLI_TIME_LEN 40
void cli_format_time(const struct flockd_timespec *ts, char *buf,
		     size_t size);

#endif
