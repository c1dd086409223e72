#!/bin/bash
# SPDX-License-Identifier: MIT
# test_fault_create.sh - `flockd create` of a new key in an existing table,
# every system call failed in turn.
. "$top_srcdir/tests/fault/fault_lib.sh"

fault_setup() {
	printf 'a neighbour\n' | "$FLOCKD" set -t t "$DB" other &&
		printf 'created\n' >"$W/new"
}
FAULT_CMD=("$FLOCKD" create -t t "$DB" k "$W/new")
fault_sweep "create"
