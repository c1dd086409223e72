/*
 * cli_help.h - the --help texts of the command line: the overview
 * (`flockd help`) and each command's page (`flockd CMD --help`).
 */
#ifndef TUI_CLI_CLI_HELP_H
#define TUI_CLI_CLI_HELP_H

#include <stddef.h>
#include <stdio.h>

struct cli_command;

/* cli_help_command - print the help of one of our commands to `out`. */
void cli_help_command(FILE *out, const struct cli_command *cmd);

/* cli_help_overview - print the list of all `n` commands, the common
 * options and the exit statuses to `out`. */
void cli_help_overview(FILE *out, const struct cli_command *cmds, size_t n);

#endif
