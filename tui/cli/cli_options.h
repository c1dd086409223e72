/* SPDX-License-Identifier: MIT */
/*
 * cli_options.h - the options of the command line, in one table: which
 * commands take each (a bit of enum cli_option, or every command), its
 * letter, long name, value and help line. getopt_long's tables, the usage
 * line and the option list of every --help come from it, and so do the
 * messages about a bad option, which name it as it was typed.
 * Internal to tui/cli/.
 *
 * Adding an option: a bit in enum cli_option (cli_common.h) and a field
 * in struct cli_args; a row in cli_option_defs (a letter as its key, or a
 * new CLI_KEY_*); a case in cli_option() (cli.c) that fills the field;
 * the bit in the `options` of each command that takes it
 * (cli_commands.c). Then flockd(1) (OPTIONS; test_cli_man.sh checks every
 * --help option is there) and the completions (their option lists;
 * the completion tests compare them with --help).
 */
#ifndef TUI_CLI_CLI_OPTIONS_H
#define TUI_CLI_CLI_OPTIONS_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

/* getopt's value of the options without a letter. */
enum cli_option_key {
	CLI_KEY_JSON = 256,
	CLI_KEY_OVERWRITE,
	CLI_KEY_FIX,
	CLI_KEY_OLDER_THAN,
	CLI_KEY_TIMEOUT,
	CLI_KEY_VERSION,
	CLI_KEY_KEEP,
	CLI_KEY_DROP_IDENTICAL,
	CLI_KEY_DRY_RUN,
	CLI_KEY_FROM,
	CLI_KEY_TO,
	CLI_KEY_ONLY,
	CLI_KEY_DELETE,
	CLI_KEY_REMOTE_FLOCKD,
	CLI_KEY_MTIME,
	CLI_KEY_SIZE,
	CLI_KEY_MODE,
};

struct cli_option_def {
	unsigned flag;     /* enum cli_option; 0: every command (common) */
	int key;           /* getopt's value: the letter, or a CLI_KEY_* */
	const char *name;  /* the long name, without "--" */
	const char *value; /* the value's name ("TABLE"), NULL if none */
	int repeat;        /* may be given more than once */
	const char *help;  /* --help's line(s) ("\n" then indented) */
};

extern const struct cli_option_def cli_option_defs[];
extern const size_t cli_n_option_defs;

/* The getopt_long tables of one command. */
struct cli_getopt {
	struct option longopts[32];
	char shortopts[48];
};

/* cli_getopt_init - the tables for a command taking `options` (its
 * enum cli_option bits) and the common options. */
void cli_getopt_init(struct cli_getopt *g, unsigned options);

/*
 * cli_bad_option - after getopt_long returned '?' or ':' (`c`), describe
 * the option as the user typed it, escaped, into msg: "unknown option
 * '--tiemout'", "unknown option '-x'" (a letter inside a cluster is named
 * alone), "option '--table' needs a value", "option '--json' takes no
 * value", "ambiguous option '--t' (--table, --timeout)", "ls has no option
 * '--fix'".
 */
void cli_bad_option(const struct cli_getopt *g, const char *cmd, int c,
		    int argc, char **argv, unsigned escape, char *msg,
		    size_t size);

/* cli_options_synopsis - the options part of a command's usage line:
 * "[-t TABLE] [-l] [-a] [-z] [--json]" (common options left out). */
void cli_options_synopsis(FILE *out, unsigned options);

/* cli_options_help - the option lines of a command's --help: its own
 * options, or (common != 0) the common options. */
void cli_options_help(FILE *out, unsigned options, int common);

#endif
