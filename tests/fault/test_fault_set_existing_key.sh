#!/bin/bash
# SPDX-License-Identifier: MIT
# test_fault_set_existing_key.sh - `flockd set` over a key that exists (the
# lock, verify and rename path), every system call failed in turn.
. "$top_srcdir/tests/fault/fault_lib.sh"

fault_setup() {
	printf 'the old value\n' | "$FLOCKD" set "$DB" k &&
		printf 'the new value, longer than the old one\n' >"$W/new"
}
FAULT_CMD=("$FLOCKD" set "$DB" k "$W/new")
fault_sweep "set existing key"
