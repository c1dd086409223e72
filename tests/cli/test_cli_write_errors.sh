#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_write_errors.sh - what set, create, update, delete and import say
# and leave behind when a write fails: no new table directory after a
# failed write into a new table (set and import), and a temp file that
# could not be removed named, escaped, in the one error line. The
# directory-fsync case ("in place ... power loss") is in tests/fault.
. "$top_srcdir/tests/cli/cli_lib.sh"

D=$T/db
printf 'x' >"$T/val"
printf 'a root key' | "$F" set "$D" root

# run_limited CMD...: CMD with files limited to 0 bytes, so that writing a
# temp file fails (EFBIG, SIGXFSZ ignored); its stderr goes through a pipe
# (a file could not grow either) to $T/err.
run_limited() {
	local err st
	err=$( (trap '' XFSZ; ulimit -f 0; exec "$@") 2>&1 >/dev/null)
	st=$?
	printf '%s\n' "$err" >"$T/err"
	return "$st"
}

run_limited "$F" set -t new/deep "$D" k "$T/val"
is "$?" "$EX_OTHER" "set into a new nested table fails when the temp file cannot grow"
one_line "its error is one line" "$T/err"
ok "it names table, key and step" \
	grep -qF 'flockd set: new/deep/k: File too large (write temp file)' "$T/err"
ok "the failed set leaves no table directory" test ! -e "$D/new"

printf '%s\n' '{"table":"fresh","key":"a","value":"x"}' '{"table":"solo"}' \
	>"$T/in.jsonl"
run_limited "$F" import "$D" "$T/in.jsonl"
is "$?" "$EX_OTHER" "import of a key into a new table fails when the temp cannot grow"
ok "its error names line, table, key and step" \
	grep -qF 'flockd import: fresh/a: File too large (line 1, write temp file)' "$T/err"
ok "the failed key leaves no table directory" test ! -e "$D/fresh.tbl"
ok "a record of a table alone still creates it" test -d "$D/solo.tbl"

# A temp file that cannot be removed: in an append-only directory a new
# value gets its temp name, cannot be renamed over the key, and its name
# cannot be removed again.
key=$'k\nx'
printf 'the old value' | "$F" set -t t "$D" "$key"
if chattr +a "$D/t.tbl" 2>/dev/null; then
	printf 'the new value' | "$F" set -t t "$D" "$key" 2>"$T/err"
	st=$?
	chattr -a "$D/t.tbl"
	is "$st" "$EX_OTHER" "set over a key in an append-only table fails"
	is "$(wc -l <"$T/err")" 1 "its error is one line"
	ok "it names the step" grep -qF '(rename temp file; temp file ' "$T/err"
	tmpname=$(cd "$D/t.tbl" && for f in *; do
		case $f in "$key.kv") ;; *) printf '%s' "$f" ;; esac; done)
	escaped='k\nx.kv'${tmpname#"$key.kv"}
	ok "it names the temp file left, escaped" \
		grep -qF "temp file $escaped is left)" "$T/err"
	ok "the temp file it names is there" test -f "$D/t.tbl/$tmpname"
	is "$("$F" get -t t "$D" "$key")" 'the old value' "the old value is intact"
	rm -f "$D/t.tbl/$tmpname"
else
	for i in 1 2 3 4 5 6; do
		skip "chattr +a not possible here (not root, or no support)" \
			"a temp file left is named"
	done
fi
tap_done
