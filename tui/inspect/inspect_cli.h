/*
 * inspect_cli.h - the operators' inspection commands of the command line:
 * `flockd locks|check|diff|info ...`. Each takes the command's own argv
 * (argv[0] is the command name) and returns the exit status.
 */
#ifndef TUI_INSPECT_INSPECT_CLI_H
#define TUI_INSPECT_INSPECT_CLI_H

int inspect_cmd_locks(int argc, char **argv);
int inspect_cmd_check(int argc, char **argv);
int inspect_cmd_diff(int argc, char **argv);
int inspect_cmd_info(int argc, char **argv);

#endif
