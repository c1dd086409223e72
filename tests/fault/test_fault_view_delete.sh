#!/bin/bash
# SPDX-License-Identifier: MIT
# test_fault_view_delete.sh - a view session's delete (lock conversion,
# verification, unlink), every system call of the delete failed in turn,
# through tests/fault/fault_view.
. "$top_srcdir/tests/fault/fault_lib.sh"

fault_setup() {
	printf 'the value on screen\n' | "$FLOCKD" set -t t "$DB" k
}
FAULT_CMD=("$top_builddir/tests/fault/fault_view" "$DB" t k delete)
fault_sweep "view delete"
