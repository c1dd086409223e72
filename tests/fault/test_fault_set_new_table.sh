#!/bin/bash
# SPDX-License-Identifier: MIT
# test_fault_set_new_table.sh - `flockd set` into a table that does not
# exist yet (its directory is created first), every system call failed in
# turn: a failed set must not leave the new table's directory behind.
. "$top_srcdir/tests/fault/fault_lib.sh"

fault_setup() {
	printf 'a key of the root table\n' | "$FLOCKD" set "$DB" other &&
		printf 'the first value of a new table\n' >"$W/new"
}
FAULT_CMD=("$FLOCKD" set -t fresh "$DB" k "$W/new")
fault_sweep "set new table"
