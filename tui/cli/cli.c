/* SPDX-License-Identifier: MIT */
/*
 * cli.c - the command line's dispatcher: which word is a command (the
 * table in cli_commands.c), its options (the table in cli_options.c,
 * parsed here into struct cli_args), its operands (FLOCKD_DIR standing for
 * a left-out database directory), then the command's handler, and a last
 * check that its output was written.
 */
#include "config.h"

#include "cli/cli.h"

#include "cli/cli_common.h"
#include "cli/cli_help.h"
#include "cli/cli_options.h"
#include "cli/cli_output.h"
#include "common/duration.h"
#include "common/exit_codes.h"
#include "common/textsafe.h"
#include "sync/manifest_wire.h"
#include "sync/sync_plan.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct cli_command *cli_find(const char *name)
{
	for (size_t i = 0; i < cli_n_commands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

int cli_is_command(const char *arg)
{
	return arg != NULL && cli_find(arg) != NULL;
}

/* A duration option's value: > 0, strictly parsed (common/duration.h). */
static int cli_duration(struct cli_args *args, const char *option,
			const char *text, long *ms)
{
	if (duration_parse(text, ms) == 0 && *ms > 0)
		return 0;
	char *shown = textsafe_name_dup(text, strlen(text), args->escape);
	cli_usage(args, "bad %s '%s' (say 500ms, 2s, 1.5s, 1m, 1h, 2d; more "
		  "than zero)", option, shown ? shown : "?");
	free(shown);
	return EXIT_USAGE;
}

/* What parsing decided: run the command, or stop with a status. */
enum { CLI_PARSE_RUN = -1 };

/* A usage error about an option's value, the value shown escaped. */
static int cli_bad_value(struct cli_args *args, const char *option,
			 const char *text, const char *want)
{
	char *shown = textsafe_name_dup(text, strlen(text), args->escape);
	cli_usage(args, "bad %s '%s' (%s)", option, shown ? shown : "?", want);
	free(shown);
	return EXIT_USAGE;
}

/* The option word as the user typed it: "--mode", "--mo" (getopt takes
 * any unambiguous start), without "=VALUE". `word` is the argv word
 * that held the option, `len` set to the length to show. */
static const char *cli_typed_option(int argc, char **argv, size_t *len)
{
	/* "--mode=V": the value is in the last word; "--mode V": the word
	 * before it */
	int at = optind - 1;
	if (at > 0 && at < argc && optarg == argv[at])
		at--;
	const char *word = at >= 0 && at < argc ? argv[at] : "--mode";
	const char *eq = strchr(word, '=');
	*len = eq != NULL ? (size_t)(eq - word) : strlen(word);
	return word;
}

/*
 * --mode OCTAL: 1 to 4 octal digits, 0001..0777. 0000 is refused: an
 * empty file of mode 0000 is how a create in progress marks its key
 * (a placeholder), so such keys would read as missing.
 */
static int cli_mode_option(struct cli_args *args, const char *v, int argc,
			   char **argv)
{
	size_t n = strspn(v, "01234567"), len;
	unsigned long mode = n > 0 && n <= 4 && v[n] == '\0'
				     ? strtoul(v, NULL, 8) : 07777 + 1;
	const char *word = cli_typed_option(argc, argv, &len);
	char *opt = textsafe_name_dup(word, len, args->escape);

	if (mode > 0777 || mode == 0) {
		cli_bad_value(args, opt ? opt : "--mode", v, mode == 0
			      ? "0000 would make new keys look like a create "
				"in progress; give at least one permission bit"
			      : "permission bits in octal, 0001..0777, say "
				"0640");
		free(opt);
		return EXIT_USAGE;
	}
	free(opt);
	args->new_key_mode = (unsigned)mode;
	return CLI_PARSE_RUN;
}

/* The options of resolve, sync and set that take a value. */
static int cli_value_option(struct cli_args *args, int c, const char *v)
{
	struct sync_opts so;
	char *end;

	switch (c) {
	case CLI_KEY_KEEP:
		args->keep = v;
		break;
	case CLI_KEY_FROM:
		args->from = v;
		break;
	case CLI_KEY_TO:
		args->to = v;
		break;
	case 'e':
		args->rsh = v;
		break;
	case CLI_KEY_REMOTE_FLOCKD:
		args->remote_flockd = v;
		break;
	case CLI_KEY_ONLY:
		if (sync_only_parse(v, &so) != 0)
			return cli_bad_value(args, "--only", v,
					     "differs, missing or "
					     "differs,missing");
		args->only_differs = so.differs;
		args->only_missing = so.missing;
		break;
	case CLI_KEY_MTIME:
		if (manifest_time_parse(v, strlen(v), &args->mtime) != 0)
			return cli_bad_value(args, "--mtime", v,
					     "RFC 3339 in UTC, say "
					     "2026-01-02T03:04:05.5Z");
		args->have_mtime = 1;
		break;
	case CLI_KEY_SIZE:
		errno = 0;
		args->size = strtoull(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || *v == '-' ||
		    *v == '+' || *v == ' ')
			return cli_bad_value(args, "--size", v,
					     "a number of bytes");
		args->have_size = 1;
		break;
	default:
		return EXIT_USAGE; /* not reached */
	}
	return CLI_PARSE_RUN;
}


/* Apply one option getopt returned; CLI_PARSE_RUN to go on. */
static int cli_option(struct cli_args *args, int c, int argc, char **argv)
{
	const struct cli_command *cmd = args->cmd;

	switch (c) {
	case 't':
		if (args->n_tables > 0 && !(cmd->options & CLI_OPT_TABLES))
			return cli_usage(args, "-t given twice");
		/* "/" is how records show the root table; take it back. */
		args->tables[args->n_tables++] =
			strcmp(optarg, "/") == 0 ? "" : optarg;
		return CLI_PARSE_RUN;
	case 'l':
		args->long_format = 1;
		return CLI_PARSE_RUN;
	case 'a':
		args->all = 1;
		return CLI_PARSE_RUN;
	case 'f':
		args->force = 1;
		return CLI_PARSE_RUN;
	case 'z':
		args->nul = 1;
		return CLI_PARSE_RUN;
	case 'q':
		args->quiet = 1;
		return CLI_PARSE_RUN;
	case CLI_KEY_JSON:
		args->json = 1;
		return CLI_PARSE_RUN;
	case CLI_KEY_OVERWRITE:
		args->overwrite = 1;
		return CLI_PARSE_RUN;
	case CLI_KEY_FIX:
		args->fix = 1;
		return CLI_PARSE_RUN;
	case CLI_KEY_OLDER_THAN:
		return cli_duration(args, "--older-than", optarg,
				    &args->older_than_ms) == 0
			       ? CLI_PARSE_RUN : EXIT_USAGE;
	case CLI_KEY_TIMEOUT:
		return cli_duration(args, "--timeout", optarg,
				    &args->timeout_ms) == 0
			       ? CLI_PARSE_RUN : EXIT_USAGE;
	case CLI_KEY_MODE:
		return cli_mode_option(args, optarg, argc, argv);
	case CLI_KEY_DROP_IDENTICAL:
		args->drop_identical = 1;
		return CLI_PARSE_RUN;
	case CLI_KEY_DRY_RUN:
		args->dry_run = 1;
		return CLI_PARSE_RUN;
	case CLI_KEY_DELETE:
		args->delete_keys = 1;
		return CLI_PARSE_RUN;
	case CLI_KEY_KEEP:
	case CLI_KEY_FROM:
	case CLI_KEY_TO:
	case CLI_KEY_ONLY:
	case CLI_KEY_MTIME:
	case CLI_KEY_SIZE:
	case CLI_KEY_REMOTE_FLOCKD:
	case 'e':
		return cli_value_option(args, c, optarg);
	case 'h':
		cli_help_command(stdout, cmd);
		return EXIT_OK;
	case CLI_KEY_VERSION:
		printf("flockd %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	default:
		return EXIT_USAGE; /* not reached: getopt knows no other */
	}
}

/* The operands after the options, with FLOCKD_DIR in front when the
 * command gets one fewer than it needs (args->argv is owned: free). */
static int cli_operands(struct cli_args *args, int n, char **words)
{
	const struct cli_command *cmd = args->cmd;
	const char *env = getenv(CLI_DIR_ENV);
	int from_env = cmd->db_operands > 0 && n == cmd->min_operands - 1 &&
		       env != NULL && *env != '\0';

	args->argv = calloc((size_t)n + 2, sizeof *args->argv);
	if (args->argv == NULL) {
		cli_message(args, "out of memory");
		return EXIT_OTHER;
	}
	if (from_env)
		args->argv[args->argc++] = (char *)env;
	for (int i = 0; i < n; i++)
		args->argv[args->argc++] = words[i];
	if (args->argc < cmd->min_operands)
		return cli_usage(args, "missing operand%s; usage: flockd %s "
				 "[OPTIONS] %s",
				 cmd->db_operands > 0 && (env == NULL || !*env)
					 ? " (or set FLOCKD_DIR)" : "",
				 cmd->name, cmd->operands);
	if (cmd->max_operands >= 0 && args->argc > cmd->max_operands)
		return cli_usage(args, "too many operands; usage: flockd %s "
				 "[OPTIONS] %s", cmd->name, cmd->operands);
	return CLI_PARSE_RUN;
}

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
		if (c == '?' || c == ':') {
			char msg[400];
			cli_bad_option(&g, cmd->name, c, argc, argv,
				       args->escape, msg, sizeof msg);
			return cli_usage(args, "%s", msg);
		}
		int rc = cli_option(args, c, argc, argv);
		if (rc != CLI_PARSE_RUN)
			return rc;
	}
	if (args->nul && args->json)
		return cli_usage(args, "-z and --json do not go together");
	return cli_operands(args, argc - optind, argv + optind);
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
	struct cli_args args = {
		.cmd = cmd,
		.timeout_ms = CLI_DEFAULT_TIMEOUT_MS,
		.escape = textsafe_locale(),
		.only_differs = 1,
		.only_missing = 1,
	};
	/* At most one -t per option word: argc bounds the count. */
	args.tables = calloc((size_t)argc + 1, sizeof *args.tables);
	if (args.tables == NULL) {
		fprintf(stderr, "flockd %s: out of memory\n", cmd->name);
		return EXIT_OTHER;
	}
	int rc = cli_parse(&args, argc, argv);
	if (rc == CLI_PARSE_RUN) {
		cli_output_start(&args);
		rc = cmd->run(&args);
	}
	rc = cli_output_finish(&args, rc);
	free(args.argv);
	free(args.tables);
	return rc;
}
