#!/bin/bash
# SPDX-License-Identifier: MIT
# test_fault_delete.sh - `flockd delete` of an existing key, every system
# call failed in turn: the key must stay whole or be gone.
. "$top_srcdir/tests/fault/fault_lib.sh"

fault_setup() {
	printf 'the value to delete\n' | "$FLOCKD" set -t t "$DB" k &&
		printf 'a neighbour\n' | "$FLOCKD" set -t t "$DB" other
}
FAULT_CMD=("$FLOCKD" delete -t t "$DB" k)
fault_sweep "delete"
