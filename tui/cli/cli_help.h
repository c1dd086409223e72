/* SPDX-License-Identifier: MIT */
/*
 * cli_help.h - the --help texts of the command line: the overview
 * (`flockd help`) and each command's page (`flockd CMD --help`), made
 * from the command table (cli_commands.c) and the option table
 * (cli_options.c).
 */
#ifndef TUI_CLI_CLI_HELP_H
#define TUI_CLI_CLI_HELP_H

#include <stdio.h>

struct cli_args;
struct cli_command;

/* cli_help_command - print the help of `cmd` to `out`. */
void cli_help_command(FILE *out, const struct cli_command *cmd);

/* cli_help_overview - print the list of all commands, the common options
 * and the exit statuses to `out`. */
void cli_help_overview(FILE *out);

/* cli_cmd_help - the help command: the overview, or `flockd help CMD`,
 * which is `flockd CMD --help`. */
int cli_cmd_help(struct cli_args *args);

#endif
