#!/bin/bash
# SPDX-License-Identifier: MIT
# test_fault_import.sh - `flockd import --overwrite` of three records (an
# existing key replaced, a new key in a new table, a base64 value), every
# system call failed in turn. Import goes on after a key fails, so each key
# must hold its old or its new value, whole.
. "$top_srcdir/tests/fault/fault_lib.sh"

fault_setup() {
	printf 'the old value\n' | "$FLOCKD" set "$DB" k &&
		cat >"$W/in.jsonl" <<'JSON'
{"table": "", "key": "k", "value": "the imported value\n"}
{"table": "fresh", "key": "a", "value": "a value in a new table"}
{"table": "fresh", "key": "bin", "value_base64": "AAEC/w=="}
JSON
}
FAULT_CMD=("$FLOCKD" import --overwrite "$DB" "$W/in.jsonl")
FAULT_MODE=per-path
# Import prints "nothing imported" after the error when it stops before
# writing anything.
FAULT_EXTRA_LINE='^flockd import: nothing imported$'
# Failures import absorbs: jansson seeds its hash tables from /dev/urandom
# and falls back to the clock; the lseek that asks whether the input can
# be read twice answers "no" on failure, and the input is then spooled.
# Import writes through a batch (flockd_batch.h), whose probes fall back
# to the safe choice: the descriptor limit (RLIMIT_NOFILE: the smallest
# groups), the kernel's version and the file system's type (whether
# syncfs reports write-back errors: else each file is fsync'd), syncfs
# itself (then each file is fsync'd, and none is renamed before), and the
# fstat of a new unnamed temp (its file system, to group the syncfs).
FAULT_ABSORBABLE_LINES+=('</dev/urandom>|"/dev/urandom"' '^lseek\(.*, SEEK_CUR\)'
	'^prlimit64\(0, RLIMIT_NOFILE' '^uname\(' '^fstatfs\(' '^syncfs\('
	'^newfstatat\([0-9]+<[^>]*>\(deleted\), "", .*st_size=0,')
fault_sweep "import"
