/* SPDX-License-Identifier: MIT */
/*
 * cli.h - the command line half of flockd: `flockd COMMAND [ARGS]`.
 */
#ifndef TUI_CLI_CLI_H
#define TUI_CLI_CLI_H

/* cli_is_command - non-zero if `arg` names a command (get, set, ls, ...). */
int cli_is_command(const char *arg);

/* cli_main - run the command argv[1] with its arguments; returns the exit
 * status (common/exit_codes.h). */
int cli_main(int argc, char **argv);

#endif
