#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_import_big.sh - import streams long values: a 300 MB line
# imports under `ulimit -v 500M` (a bounded buffer, never the whole value
# in memory), or fails saying "line N: out of memory" with nothing of it
# imported; it never imports part of the input and exits 0. The same for
# a value given in base64, and for one that comes before its key.
. "$top_srcdir/tests/cli/cli_lib.sh"

MB=${FLOCKD_BIG_MB:-300}
D=$T/db

# gen N: N bytes of 'a' (printable, no escape, plain for JSON and base64).
gen() { head -c "$1" /dev/zero | tr '\0' a; }

# import_limited FILE: import FILE into $D under ulimit -v 500M.
import_limited() {
	(ulimit -v 512000 && exec "$F" import "$D" "$1") >"$T/out" 2>"$T/err"
}

# check_outcome NAME KEY BYTES: the import's outcome is all or nothing.
check_outcome() {
	local st=$1 name=$2 key=$3 bytes=$4
	if [ "$st" -eq 0 ]; then
		is "$("$F" get "$D" "$key" | wc -c)" "$bytes" "$name: imported whole"
		ok "$name: its bytes are the input's" \
			cmp -s <("$F" get "$D" "$key") <(gen "$bytes")
		is "$("$F" get "$D" "after-$key")" yes "$name: the next line too"
	else
		ok "$name: or fails with line 1: out of memory" \
			grep -qF 'flockd import: line 1: out of memory' "$T/err"
		ok "$name: and nothing of that line is imported" \
			test ! -e "$D/$key.kv"
		tap_pass "$name: (no third check on failure)"
	fi
}

{
	printf '{"format_version":1,"table":"","key":"big","size":%d,"value":"' $((MB * 1000000))
	gen $((MB * 1000000))
	printf '"}\n{"key":"after-big","value":"yes"}\n'
} >"$T/big.jsonl"
import_limited "$T/big.jsonl"
check_outcome $? "a ${MB} MB line under ulimit -v 500M" big $((MB * 1000000))
rm -f "$T/big.jsonl"
"$F" delete "$D" big after-big 2>/dev/null

# 60 MB of value in base64, before its key: read twice, never held.
B64_BYTES=$((MB * 200000))
{
	printf '{"value_base64":"'
	gen "$B64_BYTES" | base64 -w0
	printf '","key":"b64"}\n{"key":"after-b64","value":"yes"}\n'
} >"$T/b64.jsonl"
import_limited "$T/b64.jsonl"
check_outcome $? "a base64 value before its key under ulimit -v 500M" b64 "$B64_BYTES"

tap_done
