/*
 * cli.c - the command line's dispatcher: which word is a command, the
 * common options (--timeout, -h/--help, --version) and each command's own,
 * operand counts, then the command's handler (cli_values.c, cli_list.c,
 * cli_export.c, cli_import.c, or tui/inspect for the inspection commands).
 */
#include "config.h"

#include "cli/cli.h"

#include "cli/cli_common.h"
#include "cli/cli_export.h"
#include "cli/cli_help.h"
#include "cli/cli_list.h"
#include "cli/cli_values.h"
#include "common/duration.h"
#include "common/exit_codes.h"
#include "common/textsafe.h"
#include "inspect/inspect_cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cli_cmd_help(struct cli_args *args);

#define CLI_NAME_ESCAPING \
	"Names are printed one per line, escaped so that no name can forge a\n" \
	"line or reach the terminal raw: \\\\ is a backslash, \\n newline,\n" \
	"\\t tab, \\r carriage return, \\xHH any other control byte or byte\n" \
	"of invalid UTF-8, and \\uHHHH (\\UHHHHHHHH) a C1 control, bidi,\n" \
	"zero-width or other invisible character. Printable UTF-8 is written\n" \
	"as is in a UTF-8 locale (else as \\xHH). printf '%b' in bash gives\n" \
	"back the name (see NAMES IN OUTPUT in flockd(1)).\n"

#define CLI_JSON_NAMES \
	"With --json a name that is not valid UTF-8 is given in base64 in\n" \
	"a *_base64 field instead (\"key_base64\", \"table_base64\").\n"

static const struct cli_command cli_commands[] = {
	{"get", cli_cmd_get, NULL, "[-t TABLE] DIR KEY",
	 "Write the value of KEY to standard output, byte for byte.",
	 "Options:\n"
	 "  -t, --table TABLE   the table (default: the root table)\n",
	 CLI_OPT_TABLE, 2, 2},
	{"set", cli_cmd_set, NULL, "[-t TABLE] DIR KEY [FILE]",
	 "Store FILE (or standard input) as the value of KEY, byte for byte.",
	 "FILE absent or \"-\" means standard input. The value is streamed\n"
	 "to a temporary file and renamed over the key under an exclusive\n"
	 "lock; nothing is added or removed (no newline).\n"
	 "The database directory and the table are created if missing.\n\n"
	 "Options:\n"
	 "  -t, --table TABLE   the table (default: the root table)\n",
	 CLI_OPT_TABLE, 2, 3},
	{"create", cli_cmd_create, NULL, "[-t TABLE] DIR KEY [FILE]",
	 "Like set, but only if KEY does not exist yet (else exit status 4).",
	 "Options:\n"
	 "  -t, --table TABLE   the table (default: the root table)\n",
	 CLI_OPT_TABLE, 2, 3},
	{"update", cli_cmd_update, NULL, "[-t TABLE] DIR KEY [FILE]",
	 "Like set, but only if KEY exists (else exit status 3).",
	 "Options:\n"
	 "  -t, --table TABLE   the table (default: the root table)\n",
	 CLI_OPT_TABLE, 2, 3},
	{"delete", cli_cmd_delete, NULL, "[-t TABLE] [-f] DIR KEY...",
	 "Delete each KEY under an exclusive lock.",
	 "Every KEY is tried even if one fails.\n\n"
	 "Options:\n"
	 "  -t, --table TABLE   the table (default: the root table)\n"
	 "  -f, --force         a missing key is not an error\n",
	 CLI_OPT_TABLE | CLI_OPT_FORCE, 2, -1},
	{"ls", cli_cmd_ls, NULL, "[-t TABLE] [-l] [-a] [--json] DIR",
	 "List the keys of a table, sorted bytewise.",
	 "Conflict copies, backups and temp files are never keys (see flockd\n"
	 "check); -a adds every other NAME.kv file as NAME, as the Go\n"
	 "original lists them (conflict copies, unison and Syncthing backups).\n"
	 CLI_NAME_ESCAPING
	 "With -l each line is SIZE (bytes, right-aligned), the modification\n"
	 "time (UTC, RFC 3339) and the name, separated by two spaces; with -a\n"
	 "too, the kind (key, syncthing-conflict, ...) comes before the name.\n"
	 "With --json the output is a JSON array of objects {\"key\": NAME}\n"
	 "(with -l also \"size\" and \"mtime\"; with -a also \"kind\" and, for\n"
	 "what is not a key, \"of\": the key it belongs to), one per line.\n"
	 CLI_JSON_NAMES "\n"
	 "Options:\n"
	 "  -t, --table TABLE   the table (default: the root table)\n"
	 "  -l, --long          sizes and modification times\n"
	 "  -a, --all           the Go view: every NAME.kv file, keys or not\n"
	 "  --json              JSON instead of lines\n",
	 CLI_OPT_TABLE | CLI_OPT_LONG | CLI_OPT_JSON | CLI_OPT_ALL, 1, 1},
	{"tables", cli_cmd_tables, NULL, "[--json] DIR",
	 "List the tables of a database (nested ones by their path).",
	 "The root table (the database directory itself, the default of -t)\n"
	 "always exists and is not listed.\n"
	 CLI_NAME_ESCAPING
	 "With --json the output is a JSON array of objects {\"table\": NAME}.\n"
	 CLI_JSON_NAMES "\n"
	 "Options:\n"
	 "  --json              JSON instead of lines\n",
	 CLI_OPT_JSON, 1, 1},
	{"export", cli_cmd_export, NULL, "[-t TABLE]... DIR",
	 "Write the keys of all tables (or of each TABLE) as JSON Lines.",
	 "One object per key: {\"table\": T, \"key\": K, \"size\": BYTES,\n"
	 "\"mtime\": RFC3339, \"value\": V}. The value is a JSON string when it\n"
	 "is valid UTF-8, else \"value_base64\" holds it in base64; a table or\n"
	 "key name that is not valid UTF-8 is \"table_base64\"/\"key_base64\".\n"
	 "The root table is \"\". A table without keys is one object {\"table\":\n"
	 "T}. Keys are read under shared locks; a key that cannot be read is\n"
	 "reported and the export goes on (exit status of the first failure).\n\n"
	 "Options:\n"
	 "  -t, --table TABLE   export this table (repeatable; default: all)\n",
	 CLI_OPT_TABLES, 1, 1},
	{"import", cli_cmd_import, NULL, "[--overwrite] DIR [FILE]",
	 "Create keys and tables from JSON Lines (FILE or standard input).",
	 "The format is that of export (\"size\" is checked when present,\n"
	 "\"mtime\" is ignored). The whole input is checked first: if any line\n"
	 "is malformed, nothing is imported. Then each key is created; a key\n"
	 "that already exists is refused unless --overwrite, and each refused\n"
	 "or failed key is reported on its own line. The exit status is that\n"
	 "of the first failure. Export, then import into an empty directory,\n"
	 "reproduces every table, key and value byte for byte.\n\n"
	 "Options:\n"
	 "  --overwrite         replace keys that exist\n",
	 CLI_OPT_OVERWRITE, 1, 2},
	{"locks", NULL, inspect_cmd_locks, "[-t TABLE] [--json] DIR",
	 "Show which keys are locked now, and by which local process.",
	 NULL, 0, 0, 0},
	{"check", NULL, inspect_cmd_check,
	 "[--json] [--fix] [--older-than DURATION] DIR",
	 "Find stale temporary files, conflict copies and other oddities.",
	 NULL, 0, 0, 0},
	{"diff", NULL, inspect_cmd_diff, "[--json] [-t TABLE]... DIR_A DIR_B",
	 "Compare two databases (a primary and a replica).",
	 NULL, 0, 0, 0},
	{"info", NULL, inspect_cmd_info, "[--json] DIR",
	 "Show the file system of a database and what it means for locks.",
	 NULL, 0, 0, 0},
	{"help", cli_cmd_help, NULL, "[COMMAND]",
	 "Show the list of commands, or the help of COMMAND.",
	 NULL, 0, 0, 1},
};

#define CLI_N_COMMANDS (sizeof cli_commands / sizeof cli_commands[0])

static const struct cli_command *cli_find(const char *name)
{
	for (size_t i = 0; i < CLI_N_COMMANDS; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

int cli_is_command(const char *arg)
{
	return arg != NULL && cli_find(arg) != NULL;
}

static int cli_cmd_help(struct cli_args *args)
{
	if (args->argc == 0) {
		cli_help_overview(stdout, cli_commands, CLI_N_COMMANDS);
		return EXIT_OK;
	}
	const struct cli_command *cmd = cli_find(args->argv[0]);
	if (cmd == NULL)
		return cli_usage(args, "no such command");
	if (cmd->run_argv != NULL) {
		char *argv[] = {(char *)cmd->name, (char *)"--help", NULL};
		return cmd->run_argv(2, argv);
	}
	cli_help_command(stdout, cmd);
	return EXIT_OK;
}

enum {
	CLI_LONGOPT_JSON = 256,
	CLI_LONGOPT_OVERWRITE,
	CLI_LONGOPT_TIMEOUT,
	CLI_LONGOPT_VERSION,
};

/* Every option, with the command flag that enables it (0: all commands). */
static const struct {
	struct option opt;
	unsigned needs;
} cli_all_options[] = {
	{{"table", required_argument, NULL, 't'},
	 CLI_OPT_TABLE | CLI_OPT_TABLES},
	{{"long", no_argument, NULL, 'l'}, CLI_OPT_LONG},
	{{"force", no_argument, NULL, 'f'}, CLI_OPT_FORCE},
	{{"all", no_argument, NULL, 'a'}, CLI_OPT_ALL},
	{{"json", no_argument, NULL, CLI_LONGOPT_JSON}, CLI_OPT_JSON},
	{{"overwrite", no_argument, NULL, CLI_LONGOPT_OVERWRITE},
	 CLI_OPT_OVERWRITE},
	{{"timeout", required_argument, NULL, CLI_LONGOPT_TIMEOUT}, 0},
	{{"help", no_argument, NULL, 'h'}, 0},
	{{"version", no_argument, NULL, CLI_LONGOPT_VERSION}, 0},
};

#define CLI_N_OPTIONS (sizeof cli_all_options / sizeof cli_all_options[0])

/* The getopt tables of one command. */
struct cli_getopt {
	struct option longopts[CLI_N_OPTIONS + 1];
	char shortopts[16];
};

static void cli_getopt_init(struct cli_getopt *g, unsigned options)
{
	size_t n = 0, s = 0;

	memset(g, 0, sizeof *g);
	g->shortopts[s++] = ':'; /* report a missing value as ':' */
	for (size_t i = 0; i < CLI_N_OPTIONS; i++) {
		const struct option *o = &cli_all_options[i].opt;
		unsigned needs = cli_all_options[i].needs;
		if (needs != 0 && !(options & needs))
			continue;
		g->longopts[n++] = *o;
		if (o->val < 256) {
			g->shortopts[s++] = (char)o->val;
			if (o->has_arg == required_argument)
				g->shortopts[s++] = ':';
		}
	}
}

/* The option getopt stopped at, escaped, for a message (owned: free). */
static char *cli_bad_option(int argc, char **argv, int missing)
{
	char buf[3] = {'-', (char)optopt, '\0'};
	/* A missing value: the option word itself (-t or --table). An unknown
	 * short option may sit in a cluster (-lx): name just that letter. */
	const char *arg = !missing && optopt != 0 ? buf
			: optind - 1 < argc ? argv[optind - 1] : "?";

	return textsafe_name_dup(arg, strlen(arg), textsafe_locale());
}

static int cli_bad_usage(struct cli_args *args, int missing, int argc,
			 char **argv)
{
	char *opt = cli_bad_option(argc, argv, missing);
	int rc = cli_usage(args, "%s '%s'",
			   missing ? "missing value of" : "unknown option",
			   opt ? opt : "?");

	free(opt);
	return rc;
}

static int cli_set_timeout(struct cli_args *args, const char *text)
{
	long ms;

	if (duration_parse(text, &ms) != 0 || ms <= 0) {
		char *shown = textsafe_name_dup(text, strlen(text), args->escape);
		int rc = cli_usage(args, "bad --timeout '%s' (say 500ms, 2s, "
				   "1m; more than zero)", shown ? shown : "?");
		free(shown);
		return rc;
	}
	args->timeout_ms = ms;
	return 0;
}

/* What parsing decided: run the command, or stop with a status. */
enum { CLI_PARSE_RUN = -1 };

static int cli_parse(struct cli_args *args, int argc, char **argv)
{
	const struct cli_command *cmd = args->cmd;
	struct cli_getopt g;
	int c;

	cli_getopt_init(&g, cmd->options);
	optind = 0; /* glibc: start afresh */
	opterr = 0;
	while ((c = getopt_long(argc, argv, g.shortopts, g.longopts,
				NULL)) != -1) {
		switch (c) {
		case 't':
			if (args->n_tables > 0 && !(cmd->options & CLI_OPT_TABLES))
				return cli_usage(args, "-t given twice");
			args->tables[args->n_tables++] = optarg;
			break;
		case 'l':
			args->long_format = 1;
			break;
		case 'f':
			args->force = 1;
			break;
		case 'a':
			args->all = 1;
			break;
		case CLI_LONGOPT_JSON:
			args->json = 1;
			break;
		case CLI_LONGOPT_OVERWRITE:
			args->overwrite = 1;
			break;
		case CLI_LONGOPT_TIMEOUT:
			if (cli_set_timeout(args, optarg) != 0)
				return EXIT_USAGE;
			break;
		case 'h':
			cli_help_command(stdout, cmd);
			return EXIT_OK;
		case CLI_LONGOPT_VERSION:
			printf("flockd %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		case ':':
			return cli_bad_usage(args, 1, argc, argv);
		default:
			return cli_bad_usage(args, 0, argc, argv);
		}
	}
	args->argc = argc - optind;
	args->argv = argv + optind;
	if (args->argc < cmd->min_operands)
		return cli_usage(args, "missing operand; usage: flockd %s %s",
				 cmd->name, cmd->usage);
	if (cmd->max_operands >= 0 && args->argc > cmd->max_operands)
		return cli_usage(args, "too many operands; usage: flockd %s %s",
				 cmd->name, cmd->usage);
	return CLI_PARSE_RUN;
}

int cli_main(int argc, char **argv)
{
	const struct cli_command *cmd = argc > 1 ? cli_find(argv[1]) : NULL;

	if (cmd == NULL) {
		fprintf(stderr, "flockd: not a command (see flockd help)\n");
		return EXIT_USAGE;
	}
	/* The command's own argv: argv[0] is the command's name. */
	argc--;
	argv++;
	if (cmd->run_argv != NULL)
		return cmd->run_argv(argc, argv);

	struct cli_args args = {
		.cmd = cmd,
		.timeout_ms = CLI_DEFAULT_TIMEOUT_MS,
		.escape = textsafe_locale(),
	};
	/* At most one -t per option word: argc bounds the count. */
	args.tables = calloc((size_t)argc + 1, sizeof *args.tables);
	if (args.tables == NULL) {
		fprintf(stderr, "flockd %s: out of memory\n", cmd->name);
		return EXIT_OTHER;
	}
	int rc = cli_parse(&args, argc, argv);
	if (rc == CLI_PARSE_RUN)
		rc = cmd->run(&args);
	free(args.tables);
	return rc;
}
