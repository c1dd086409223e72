/* SPDX-License-Identifier: MIT */
/* cli_help.c - help pages made from the command and option tables. */
#include "cli/cli_help.h"

#include "cli/cli_common.h"
#include "cli/cli_options.h"
#include "common/exit_codes.h"

#include <string.h>

static const char cli_help_exit[] =
	"Exit status:\n"
	"  0  success\n"
	"  1  other error (I/O, permission, malformed input, ...)\n"
	"  2  usage error (bad command line)\n"
	"  3  not found (key, table or database)\n"
	"  4  already exists (create, import without --overwrite)\n"
	"  5  invalid key or table name\n"
	"  6  lock timeout (a lock did not come within --timeout)\n"
	"  7  conflict (the key changed underneath)\n"
	"  8  unsupported (the system lacks what the command needs)\n"
	"When several keys fail, the status is that of the first failure.\n"
	"check and diff: 0 same, 1 different, 2 or more trouble (see their\n"
	"help).\n";

static const char cli_help_exit_diff[] =
	"Exit status, as diff(1):\n"
	"  0  the same / nothing needs you (see above)\n"
	"  1  different / findings remain\n"
	"  2  usage error, or any other trouble (I/O, permission, ...)\n"
	"  3  not found (a database directory or table)\n"
	"  5  invalid table name\n"
	"  6  lock timeout (a lock did not come within --timeout)\n"
	"  8  unsupported (the system lacks what the command needs)\n";

static const char cli_help_env[] =
	"  --                      end of options (for a key starting with\n"
	"                          '-')\n"
	"Environment: FLOCKD_DIR, the database directory when DIR is left\n"
	"out (the command line wins).\n";

/* The operands when FLOCKD_DIR stands for the first directory: the words
 * after it, as many as the command then takes (min_operands - 1), without
 * "[...]" and "...". */
static void cli_help_env_operands(FILE *out, const struct cli_command *cmd)
{
	const char *p = strchr(cmd->operands, ' ');
	int want = cmd->min_operands - 1;

	while (p != NULL && want > 0) {
		p++;
		size_t n = strcspn(p, " ");
		if (*p == '[')
			break;
		if (n >= 3 && strncmp(p + n - 3, "...", 3) == 0)
			n -= 3;
		fprintf(out, " %.*s", (int)n, p);
		want--;
		p = strchr(p, ' ');
	}
}

void cli_help_command(FILE *out, const struct cli_command *cmd)
{
	fprintf(out, "Usage: flockd %s", cmd->name);
	cli_options_synopsis(out, cmd->options);
	fprintf(out, " %s\n", cmd->operands);
	if (cmd->db_operands > 0) {
		fprintf(out, "   or: flockd %s", cmd->name);
		cli_options_synopsis(out, cmd->options);
		cli_help_env_operands(out, cmd);
		fprintf(out, "   (%s from $FLOCKD_DIR)\n",
			cmd->db_operands > 1 ? "DIR_A" : "DIR");
	}
	fprintf(out, "\n%s\n\n", cmd->summary);
	if (cmd->details != NULL)
		fprintf(out, "%s\n", cmd->details);
	if (cmd->options != 0) {
		fputs("Options:\n", out);
		cli_options_help(out, cmd->options, 0);
		fputc('\n', out);
	}
	fputs("Common options:\n", out);
	cli_options_help(out, 0, 1);
	fprintf(out, "%s\n%s\nSee flockd(1) for more.\n", cli_help_env,
		cmd->statuses == CLI_STATUS_DIFF ? cli_help_exit_diff
						 : cli_help_exit);
}

void cli_help_overview(FILE *out)
{
	fputs("Usage: flockd COMMAND [OPTIONS] ARGS...\n"
	      "       flockd [OPTIONS] [DIR]   (the browser; "
	      "see flockd --help)\n\nCommands:\n", out);
	for (size_t i = 0; i < cli_n_commands; i++)
		fprintf(out, "  %-7s %s\n", cli_commands[i].name,
			cli_commands[i].summary);
	fprintf(out, "\nRun 'flockd COMMAND --help' for the options of one "
		"command. A first argument\nthat names a command is that "
		"command; reach a directory named like a\ncommand as "
		"./NAME.\n\nCommon options:\n");
	cli_options_help(out, 0, 1);
	fprintf(out, "%s\n%s\nSee flockd(1) for more.\n", cli_help_env,
		cli_help_exit);
}

int cli_cmd_help(struct cli_args *args)
{
	if (args->argc == 0) {
		cli_help_overview(stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; i < cli_n_commands; i++) {
		if (strcmp(cli_commands[i].name, args->argv[0]) == 0) {
			cli_help_command(stdout, &cli_commands[i]);
			return EXIT_OK;
		}
	}
	return cli_usage(args, "no such command");
}
