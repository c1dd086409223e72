#!/bin/bash
# SPDX-License-Identifier: MIT
# test_diff.sh - `flockd diff` between a primary and a replica made with
# real `rsync -a`, after changes on the primary: changed, added and deleted
# keys (and tables) found, a one-byte change in a binary value found, exit
# statuses as diff(1), a held lock that does not come is trouble.
. "$top_srcdir/tests/lib/tap.sh"

: "${FLOCKD:?FLOCKD must name the built program}"
command -v rsync >/dev/null || { echo "1..0 # SKIP rsync is not installed"; exit 0; }
command -v jq >/dev/null || bail "jq is not installed (the --json checks need it)"
TAB=$'\t' # records: one per line, fields separated by a TAB

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-diff.XXXXXX") || bail "mktemp"
. "$top_srcdir/tests/lib/holders.sh"
cleanup() {
	release_all
	rm -rf "$T"
}
trap cleanup EXIT

P=$T/primary R=$T/replica
mkdir -p "$P/users.tbl" "$P/logs.tbl"
printf 'hello world' >"$P/changed.kv"
printf 'short' >"$P/grown.kv"
printf 'bye' >"$P/deleted.kv"
printf 'same' >"$P/same.kv"
head -c 100000 /dev/urandom >"$P/bin.kv"
printf 'alice' >"$P/users.tbl/alice.kv"
printf 'bob' >"$P/users.tbl/bob.kv"
printf 'l1' >"$P/logs.tbl/l1.kv"
# values written a while ago, so that the changes below are in another
# second (a change of size in the same second looks like a torn copy)
find "$P" -name '*.kv' -exec touch -d '2020-01-02 03:04:05' {} +
rsync -a "$P/" "$R/" || bail "rsync -a failed"

out=$("$FLOCKD" diff "$P" "$R"); rc=$?
is "$rc/$out" "0/" "a fresh rsync replica: exit 0, no output"

# changes on the primary
printf 'hello World' >"$P/changed.kv"        # same size, other bytes
printf 'much longer now' >"$P/grown.kv"
printf 'new' >"$P/added.kv"
rm "$P/deleted.kv"
printf 'carol' >"$P/users.tbl/carol.kv"
# flip one byte in the middle of the binary value, keeping its size
python3 - "$P/bin.kv" <<'PY' 2>/dev/null || printf '\377' | dd of="$P/bin.kv" bs=1 seek=50000 conv=notrunc 2>/dev/null
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[50000] ^= 0xff
open(p, 'wb').write(bytes(b))
PY
mkdir "$P/new.tbl"; printf 'n' >"$P/new.tbl/n.kv"
rm -r "$P/logs.tbl"
cmp -s "$P/bin.kv" "$R/bin.kv" && bail "the binary value did not change"

out=$("$FLOCKD" diff "$P" "$R" 2>"$T/err"); rc=$?
is "$rc" 1 "after changes: exit 1"
has() { # the record's STATUS TABLE NAME KIND SIZE_A SIZE_B NEWER DETAIL
	if printf '%s\n' "$out" | cut -f1-5,7,9,10 | grep -q -x -F "$1"; then tap_pass "$2"
	else tap_fail "$2" "wanted '$1' in:" "$out"; fi
}
has "differs$TAB/${TAB}changed${TAB}key${TAB}11${TAB}11${TAB}a${TAB}content" "a changed value of the same size (content), A newer"
has "differs$TAB/${TAB}grown${TAB}key${TAB}15${TAB}5${TAB}a${TAB}size" "a changed value of another size (size)"
has "only-a$TAB/${TAB}added${TAB}key${TAB}3$TAB-$TAB-$TAB-" "an added key is only in A"
has "only-b$TAB/${TAB}deleted${TAB}key$TAB-${TAB}3$TAB-$TAB-" "a deleted key is only in B"
has "differs$TAB/${TAB}bin${TAB}key${TAB}100000${TAB}100000${TAB}a${TAB}content" "a one-byte change in a binary value"
has "only-a${TAB}users${TAB}carol${TAB}key${TAB}5$TAB-$TAB-$TAB-" "an added key in a sub-table"
has "table-only-a${TAB}new$TAB/${TAB}table$TAB-$TAB-$TAB-$TAB-" "an added table is only in A (its keys are not listed)"
has "table-only-b${TAB}logs$TAB/${TAB}table$TAB-$TAB-$TAB-$TAB-" "a deleted table is only in B"
ok "both sides' times, RFC 3339" bash -c "printf '%s\n' '$out' | grep '^differs.*grown' | cut -f6,8 | grep -qE '^2[0-9-]+T[0-9:.]+Z${TAB}2020-01-02T03:04:05.000000000Z$'"
is "$(cat "$T/err")" "$(printf 'STATUS\tTABLE\tNAME\tKIND\tSIZE_A\tMTIME_A\tSIZE_B\tMTIME_B\tNEWER\tDETAIL')" "the headings go to stderr"
n=$(printf '%s\n' "$out" | wc -l)
is "$n" 8 "nothing else is reported (same keys are silent)"

out=$("$FLOCKD" diff -t users "$P" "$R"); rc=$?
is "$rc/$(printf '%s' "$out" | cut -f1-4)" "1/only-a${TAB}users${TAB}carol${TAB}key" "-t restricts the comparison to that table"
out=$("$FLOCKD" diff -t / "$P" "$R" | cut -f1,3 | sort | tr '\n' ' '); rc=$?
is "$out" "differs${TAB}bin differs${TAB}changed differs${TAB}grown only-a${TAB}added only-b${TAB}deleted " \
	"-t / is the root table, as the records name it"
"$FLOCKD" diff -t users -t nosuch "$P" "$R" >/dev/null 2>"$T/err"; rc=$?
is "$rc" 3 "-t with a table in neither database: not found (exit 3)"
grep -q "^flockd diff: table nosuch: not found" "$T/err"
ok "and the message names the table" test $? -eq 0

json=$("$FLOCKD" diff --json "$P" "$R")
is "$(printf '%s' "$json" | jq -r '.records[] | select(.key == "grown") | "\(.status) \(.reason) \(.size_a) \(.size_b) \(.newer) \(.mtime_b)"')" \
	"differs size 15 5 a 2020-01-02T03:04:05.000000000Z" "--json: a size difference"
is "$(printf '%s' "$json" | jq -r '[.records[] | select(.kind == "table") | "\(.status):\(.table)"] | join(",")')" \
	"table-only-b:logs,table-only-a:new" "--json: tables only in one side"
is "$(printf '%s' "$json" | jq -r '.records[] | select(.status == "only-b") | .key')" \
	"deleted" "--json: keys only in B"
is "$(printf '%s' "$json" | jq -r '.format_version')" 1 "--json: format_version 1"

# -z: ten NUL-terminated fields per record, the root table empty
"$FLOCKD" diff -z "$P" "$R" 2>/dev/null | tr '\0' '\n' | paste -d , - - - - - - - - - - >"$T/z"
grep -q -x -E 'differs,,grown,key,15,[^,]+,5,2020-01-02T03:04:05.000000000Z,a,size' "$T/z"
ok "-z: STATUS, TABLE (empty: the root), NAME, KIND, SIZE_A, MTIME_A, SIZE_B, MTIME_B, NEWER, DETAIL" test $? -eq 0
grep -q -x -F 'table-only-a,new,,table,-,-,-,-,-,-' "$T/z"
ok "-z: a whole table has an empty NAME" test $? -eq 0
is "$(grep -c '' "$T/z")" 8 "-z: as many records as lines"

# conflict copies, backups and temp files on one side are not keys: not
# "only-a" keys (the classifier decides, as everywhere); conflict copies
# and temp files have statuses of their own, backups are a tool's
out=$("$FLOCKD" diff "$P" "$R")
printf 'c' >"$P/changed.sync-conflict-20240102-030405-ABCDEFG.kv"
printf 'u' >"$P/changed (conflict_on_2026-11-25).kv"
printf 'b' >"$P/.bak.1.changed.kv"
printf 't' >"$P/changed.kvAb12Cd34"
out2=$("$FLOCKD" diff "$P" "$R")
is "$(diff <(printf '%s\n' "$out") <(printf '%s\n' "$out2") | sed -n 's/^> //p' | cut -f1,3,4 | LC_ALL=C sort)" \
	"$(printf 'conflict\tchanged (conflict_on_2026-11-25).kv\tunison-conflict\nconflict\tchanged.sync-conflict-20240102-030405-ABCDEFG.kv\tsyncthing-conflict\nleftover\tchanged.kvAb12Cd34\ttemp')" \
	"conflict copies and temp files are their own statuses, never keys; backups are not shown"
rm "$P/changed.sync-conflict-20240102-030405-ABCDEFG.kv" "$P/changed (conflict_on_2026-11-25).kv" \
	"$P/.bak.1.changed.kv" "$P/changed.kvAb12Cd34"

# a key name that would drive the terminal is escaped
EVIL=$(printf 'ev\033]0;x\007il')
printf 'e' >"$P/$EVIL.kv"
out=$("$FLOCKD" diff "$P" "$R")
printf '%s\n' "$out" | grep -q -F 'ev\x1b]0;x\x07il'
ok "a hostile key name is escaped" test $? -eq 0
printf '%s' "$out" | grep -q "$(printf '\033')"
ok "no raw escape byte reaches the output" test $? -ne 0
rm "$P/$EVIL.kv"

# the replica catches up: the same again. (--checksum: the changes above
# kept the size and may share the second of the mtime, which rsync's quick
# check would skip - and which diff, reading bytes, does not.)
rsync -a --delete --checksum "$P/" "$R/"
out=$("$FLOCKD" diff "$P" "$R"); rc=$?
is "$rc/$out" "0/" "after rsync -a --delete: exit 0"

# values are read under shared locks: a writer's exclusive lock holds the
# comparison off until the timeout, which is trouble (exit 2), not a hang
printf 'hello WORLD' >"$R/changed.kv"
hold -x "$R/changed.kv"
for i in $(seq 100); do flock -n "$R/changed.kv" true 2>/dev/null || break; sleep 0.05; done
start=$(date +%s)
"$FLOCKD" diff -q --timeout 300ms "$P" "$R" >/dev/null 2>"$T/err"; rc=$?
end=$(date +%s)
is "$rc" 6 "a lock that does not come in time: trouble, the lock-timeout status 6"
is "$(cat "$T/err")" "flockd diff: changed: lock timeout (another process holds the lock) (read, in B: $R)" \
	"and one line names the key, the side and its directory"
[ $((end - start)) -lt 20 ]; ok "and the wait is bounded" test $? -eq 0
release $PIDS; PIDS=
"$FLOCKD" diff "$P" "$R" >/dev/null; rc=$?
is "$rc" 1 "once the lock is released the difference is found"

"$FLOCKD" diff "$P" "$T/nonexistent" >/dev/null 2>&1; rc=$?
is "$rc" 3 "a missing directory is not found: exit 3, as for every command"
ok "and is not created" test ! -e "$T/nonexistent"
"$FLOCKD" diff "$P" >/dev/null 2>&1; rc=$?
is "$rc" 2 "one directory only (no FLOCKD_DIR) is a usage error: exit 2"
out=$(FLOCKD_DIR=$P "$FLOCKD" diff "$R" 2>/dev/null); rc=$?
is "$rc/$out" "1/$("$FLOCKD" diff "$P" "$R" 2>/dev/null)" "with FLOCKD_DIR, one directory is compared with it"
"$FLOCKD" diff --help | grep -q "^Exit status as diff(1): 0 the same, 1 different, 2 or more"
ok "--help documents the exit statuses" test $? -eq 0

tap_done
