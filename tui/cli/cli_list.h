/* SPDX-License-Identifier: MIT */
/* cli_list.h - the listing commands: ls (keys of a table) and tables. */
#ifndef TUI_CLI_CLI_LIST_H
#define TUI_CLI_CLI_LIST_H

struct cli_args;

int cli_cmd_ls(struct cli_args *args);
int cli_cmd_tables(struct cli_args *args);

#endif
