#!/bin/bash
# SPDX-License-Identifier: MIT
# test_fault_view_save.sh - a view session's save (the editor's write: lock
# conversion, verification, rename, relock), every system call of the save
# failed in turn, through tests/fault/fault_view.
. "$top_srcdir/tests/fault/fault_lib.sh"

fault_setup() {
	printf 'the old value\n' | "$FLOCKD" set -t t "$DB" k &&
		printf 'the value saved from the view\n' >"$W/new"
}
# After the rename the view re-takes its shared lock without waiting, and
# waits for it if that fails; fault_view then checks that the lock is held.
FAULT_ABSORBABLE_LINES+=('^flock\(.*LOCK_SH\|LOCK_NB\)')
FAULT_CMD=("$top_builddir/tests/fault/fault_view" "$DB" t k save "$W/new")
fault_sweep "view save"
