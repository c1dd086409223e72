#!/bin/bash
# SPDX-License-Identifier: MIT
# test_fault_set_new_key.sh - `flockd set` of a key that does not exist yet
# (the create-by-link path), every system call failed in turn.
. "$top_srcdir/tests/fault/fault_lib.sh"

fault_setup() {
	mkdir -p "$DB" && printf 'the new value\n' >"$W/new"
}
FAULT_CMD=("$FLOCKD" set "$DB" fresh "$W/new")
fault_sweep "set new key"
