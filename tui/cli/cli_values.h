/*
 * cli_values.h - the commands that read and write single values:
 * get, set, create, update, delete.
 */
#ifndef TUI_CLI_CLI_VALUES_H
#define TUI_CLI_CLI_VALUES_H

struct cli_args;

int cli_cmd_get(struct cli_args *args);
int cli_cmd_set(struct cli_args *args);
int cli_cmd_create(struct cli_args *args);
int cli_cmd_update(struct cli_args *args);
int cli_cmd_delete(struct cli_args *args);

#endif
