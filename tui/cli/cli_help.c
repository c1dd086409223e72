/* cli_help.c - help texts; the command table itself lives in cli.c. */
#include "cli/cli_help.h"

#include "cli/cli_common.h"

static const char cli_help_common[] =
	"Common options:\n"
	"  --timeout DURATION  wait at most this long for a lock: 500ms, 2s,\n"
	"                      1.5s, 1m (default 2s)\n"
	"  -h, --help          show this help and exit\n"
	"  --version           show the version and exit\n"
	"  --                  end of options (for a key starting with '-')\n";

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
	"When several keys fail, the status is that of the first failure.\n";

void cli_help_command(FILE *out, const struct cli_command *cmd)
{
	fprintf(out, "Usage: flockd %s %s\n\n%s\n\n", cmd->name, cmd->usage,
		cmd->summary);
	if (cmd->details != NULL && *cmd->details != '\0')
		fprintf(out, "%s\n", cmd->details);
	fprintf(out, "%s\n%s\nSee flockd(1) for more.\n", cli_help_common,
		cli_help_exit);
}

void cli_help_overview(FILE *out, const struct cli_command *cmds, size_t n)
{
	fputs("Usage: flockd COMMAND [OPTIONS] ARGS...\n"
	      "       flockd [OPTIONS] [DIR]   (the browser; "
	      "see flockd --help)\n\nCommands:\n", out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %-7s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(out, "\nRun 'flockd COMMAND --help' for the options of one "
		"command. A first argument\nthat names a command is that "
		"command; reach a directory named like a\ncommand as "
		"./NAME.\n\n%s\n%s\nSee flockd(1) for more.\n",
		cli_help_common, cli_help_exit);
}
