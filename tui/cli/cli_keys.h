/* SPDX-License-Identifier: MIT */
/*
 * cli_keys.h - the sorted key names of a table, for ls and export: names
 * come from one directory scan (no value is read, no lock is taken), so a
 * listing reflects the table at one moment and keys may vanish before use.
 */
#ifndef TUI_CLI_CLI_KEYS_H
#define TUI_CLI_CLI_KEYS_H

#include "flockd.h"

#include <stddef.h>

struct cli_keys {
	char **names; /* `count` NUL-terminated names, sorted bytewise;
	                 they point into `buf` */
	size_t count;
	char *buf;
};

/* cli_keys_collect - list the keys of `table` (entries named KEY.kv that are
 * not directories) into *keys, which the caller releases with
 * cli_keys_free (also after an error). Returns FLOCKD_OK or an errno value
 * of the scan (ENOMEM, ...). */
int cli_keys_collect(flockd_table *table, struct cli_keys *keys);

/* cli_keys_collect_go - the Go original's view: every entry named
 * NAME.kv that is not a directory, as NAME, keys or not (conflict copies,
 * unison and Syncthing backups too; flockd_classify_name tells them
 * apart). Otherwise as cli_keys_collect. */
int cli_keys_collect_go(flockd_table *table, struct cli_keys *keys);

/* cli_keys_free - release what cli_keys_collect filled; leaves *keys empty. */
void cli_keys_free(struct cli_keys *keys);

#endif
