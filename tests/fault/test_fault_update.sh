#!/bin/bash
# SPDX-License-Identifier: MIT
# test_fault_update.sh - `flockd update` of an existing key, every system
# call failed in turn.
. "$top_srcdir/tests/fault/fault_lib.sh"

fault_setup() {
	printf 'the old value\n' | "$FLOCKD" set -t t "$DB" k &&
		printf 'updated\n' >"$W/new"
}
FAULT_CMD=("$FLOCKD" update -t t "$DB" k "$W/new")
fault_sweep "update"
