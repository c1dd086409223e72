/* SPDX-License-Identifier: MIT */
/*
 * cli_values.h - the commands that read and write single values:
 * get, set, create, update, delete.
 */
#ifndef TUI_CLI_CLI_VALUES_H
#define TUI_CLI_CLI_VALUES_H

#include "flockd.h"

#include <stddef.h>

struct cli_args;

int cli_cmd_get(struct cli_args *args);
int cli_cmd_set(struct cli_args *args);
int cli_cmd_create(struct cli_args *args);
int cli_cmd_update(struct cli_args *args);
int cli_cmd_delete(struct cli_args *args);

/* The buffer cli_write_step needs: a step, a temp file's name escaped
 * (4 bytes a byte at most) and the words around them. */
#define CLI_WRITE_STEP_MAX (64 + 4 * 256 + 160)

/*
 * cli_write_step - the "(STEP)" of the error line of a failed write (put or
 * delete) on `table`: the library's step after `prefix` ("line 3" for
 * import; NULL: none), followed by what the user must know besides the
 * error: that the change is in place although the call failed
 * (flockd_table_installed: "the new value is in place but may not survive
 * a power loss" after a failed directory fsync), and the name, escaped, of
 * a temp file left behind (FLOCKD_WARN_TEMP_LEFT). Fills `buf` (`size`
 * bytes, CLI_WRITE_STEP_MAX is enough) and returns it.
 */
const char *cli_write_step(const struct cli_args *args,
			   const flockd_table *table, const char *prefix,
			   int deleting, char *buf, size_t size);

/* cli_write_step_of - the same from its parts, for a write whose outcome
 * is not the table's last (a batch's, struct flockd_batch_result): the
 * failing `step`, whether the value was `installed`, the temp file `left`
 * (NULL: none). */
const char *cli_write_step_of(const struct cli_args *args,
			      const char *prefix, const char *step,
			      int installed, const char *left, int deleting,
			      char *buf, size_t size);

#endif
