#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_list.sh - ls and tables: names one per line, escaped so that no
# name forges a line; -l records with TAB-separated fields; -z with raw
# names; --json with lossless names.
. "$top_srcdir/tests/cli/cli_lib.sh"
command -v jq >/dev/null || bail "jq is not installed (the --json checks need it)"
TAB=$'\t'

D=$T/db
put() { printf '%s' "$3" | "$F" set -t "$1" "$D" "$2" || bail "set $2"; }

put "" alice 'A'
put "" bob '0123456789'
put "" 'with space' s
put "" $'new\nline' n
put "" $'esc\x1b[2Jx' e
put "" $'emoji\xf0\x9f\x98\x80' m
put "" $'bad\xff' b
put "" 'back\slash' b
put users carol c
put users/archive dave d
put $'weird\ntable' k v

# ls: one line per key, sorted bytewise, escaped.
status "ls succeeds" 0 "$F" ls "$D"
want=$(printf '%s\n' 'alice' 'back\\slash' 'bad\xff' 'bob' $'emoji\xf0\x9f\x98\x80' 'esc\x1b[2Jx' 'new\nline' 'with space')
is "$(cat "$T/out")" "$want" "ls lists every key once, sorted, escaped"
is "$(wc -l <"$T/out")" 8 "a name with a newline does not forge a line"
ok "no raw ESC byte reaches the output" bash -c "! grep -q $'\x1b' '$T/out'"

# printf %b gives back the exact name, which get accepts.
while IFS= read -r line; do
	name=$(printf '%bX' "$line"); name=${name%X}
	"$F" get "$D" "$name" >/dev/null 2>&1 || echo "$line" >>"$T/failed"
done <"$T/out"
ok "every escaped name decodes (printf %b) to a key get finds" test ! -e "$T/failed"

# In the C locale non-ASCII is escaped too, still reversible.
LC_ALL=C "$F" ls "$D" >"$T/c.out"
ok "C locale: the emoji is written as \\x escapes" grep -qF 'emoji\xf0\x9f\x98\x80' "$T/c.out"

# ls -l
status "ls -l succeeds" 0 "$F" ls -l "$D"
ok "ls -l: size, RFC 3339 UTC time, name, separated by TABs" \
	grep -Eq "^10$TAB[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{9}Z${TAB}bob\$" "$T/out"
is "$(grep -F "${TAB}with space" "$T/out" | cut -f1,3)" "1${TAB}with space" "ls -l: a name with a space is one field"
is "$(cut -f3 "$T/out" | md5sum)" "$("$F" ls "$D" | md5sum)" "ls -l: the third field is the name ls prints"
is "$(wc -l <"$T/out")" 8 "ls -l: one line per key"
status "ls --long works as -l" 0 "$F" ls --long -t users "$D"
ok "ls --long of table users" grep -Eq "^1$TAB.*${TAB}carol\$" "$T/out"

# ls of tables
is "$("$F" ls -t users "$D")" carol "ls -t TABLE lists that table only"
is "$("$F" ls -t users/archive "$D")" dave "ls of a nested table"
status "ls of a missing table: not found" $EX_NOT_FOUND "$F" ls -t nope "$D"
status "ls of a missing database: not found" $EX_NOT_FOUND "$F" ls "$T/nodb"
status "ls of an invalid table name: invalid" $EX_INVALID "$F" ls -t a//b "$D"
mkdir -p "$T/emptydb"
status "ls of an empty database" 0 "$F" ls "$T/emptydb"
is "$(cat "$T/out")" "" "ls of an empty table prints nothing"
status "ls with two DIRs: usage error" $EX_USAGE "$F" ls "$D" "$D"

# Non-keys are not listed: sub-table directories, temp files, a dir named .kv
mkdir "$D/fake.kv"; : >"$D/alice.kvXyZ12345"; : >"$D/notes.txt"
is "$("$F" ls "$D" | wc -l)" 8 "ls skips directories, temp files and strangers"
rmdir "$D/fake.kv"; rm "$D/alice.kvXyZ12345" "$D/notes.txt"

# Conflict copies and backups end in .kv but are never keys; -a (the Go
# original's view) lists every NAME.kv, with its kind under -l and --json.
C=$T/copies; mkdir -p "$C"
printf 'v' >"$C/k.kv"
printf 'st' >"$C/k.sync-conflict-20240102-030405-ABCDEFG.kv"
printf 'un' >"$C/k (conflict_on_2026-11-25).kv"
printf 'db' >"$C/k (Bob's conflicted copy 2024-01-02).kv"
printf 'bk' >"$C/.bak.1.k.kv"
printf 'vs' >"$C/k~20240102-030405.kv"
printf 'rb' >"$C/k.kv~"; printf 'tp' >"$C/k.kvAb12Cd34"; printf 'rt' >"$C/.k.kv.Ab12Cd"
is "$("$F" ls "$C")" k "ls lists the key only: no conflict copy, backup or temp"
want=$(printf '%s\n' '.bak.1.k' 'k' "k (Bob's conflicted copy 2024-01-02)" 'k (conflict_on_2026-11-25)' \
	'k.sync-conflict-20240102-030405-ABCDEFG' 'k~20240102-030405')
is "$("$F" ls -a "$C")" "$want" "ls -a lists every NAME.kv, as the Go original does"
status "ls --all -l succeeds" 0 "$F" ls --all -l "$C"
ok "ls -a -l: the kind before the name" \
	grep -Eq "^2$TAB[0-9T:.-]+Z${TAB}syncthing-conflict${TAB}k\.sync-conflict-20240102-030405-ABCDEFG\$" "$T/out"
ok "ls -a -l: a key says key" grep -Eq "^1$TAB[0-9T:.-]+Z${TAB}key${TAB}k\$" "$T/out"
ok "ls -a -l: unison's backup" grep -Eq "${TAB}unison-backup${TAB}\.bak\.1\.k\$" "$T/out"
status "ls -a --json succeeds" 0 "$F" ls -a --json "$C"
ok "ls -a --json: kind and the key it belongs to" \
	grep -qF '{"key":"k (conflict_on_2026-11-25)","kind":"unison-conflict","of":"k"}' "$T/out"
ok "ls -a --json: a key has no \"of\"" grep -qF '{"key":"k","kind":"key"}' "$T/out"
status "ls -a of a missing table: not found" $EX_NOT_FOUND "$F" ls -a -t nope "$C"
"$F" help ls | grep -q -- '-a, --all'
ok "ls --help documents -a" test $? -eq 0

# tables
status "tables succeeds" 0 "$F" tables "$D"
is "$(cat "$T/out")" "$(printf '%s\n' users users/archive 'weird\ntable')" \
	"tables lists named tables sorted, escaped, without the root"
status "tables of a missing database: not found" $EX_NOT_FOUND "$F" tables "$T/nodb"

# -z: NUL-terminated fields, names raw (the exact bytes)
status "ls -z succeeds" 0 "$F" ls -z "$D"
printf '%s\0' alice 'back\slash' $'bad\xff' bob $'emoji\xf0\x9f\x98\x80' $'esc\x1b[2Jx' $'new\nline' 'with space' >"$T/want.z"
same_file "ls -z: every key NUL-terminated, raw, sorted" "$T/out" "$T/want.z"
n=0; while IFS= read -r -d '' name; do
	"$F" get "$D" "$name" >/dev/null 2>&1 && n=$((n + 1))
done <"$T/out"
is "$n" 8 "ls -z: read -d '' gives names get finds"
status "ls -l -z succeeds" 0 "$F" ls -l -z -t users "$D"
ok "ls -l -z: SIZE, MTIME, NAME, each NUL-terminated" \
	bash -c "tr '\0' '\n' <'$T/out' | paste - - - | grep -Eq '^1${TAB}[0-9T:.-]+Z${TAB}carol\$'"
status "tables -z succeeds" 0 "$F" tables -z "$D"
printf '%s\0' users users/archive $'weird\ntable' >"$T/want.z"
same_file "tables -z: raw names, NUL-terminated" "$T/out" "$T/want.z"
status "-z and --json together: usage error" $EX_USAGE "$F" ls -z --json "$D"

# the root table is "/" in records, and -t / names it
is "$("$F" ls -t / "$D" | md5sum)" "$("$F" ls "$D" | md5sum)" "ls -t / is the root table"

# --json
status "ls --json succeeds" 0 "$F" ls --json "$D"
cp "$T/out" "$T/ls.json"
status "ls -l --json succeeds" 0 "$F" ls -l --json "$D"
cp "$T/out" "$T/lsl.json"
status "tables --json succeeds" 0 "$F" tables --json "$D"
cp "$T/out" "$T/tables.json"
status "ls --json of an empty table" 0 "$F" ls --json "$T/emptydb"
is "$(cat "$T/out")" '{"format_version":1,"table":"","keys":[]}' "empty table gives no keys"
ok "ls --json: the non-UTF-8 name is key_base64" grep -qF '{"key_base64":"YmFk/w=="}' "$T/ls.json"
ok "ls --json: newline and ESC are JSON escapes" grep -qF '{"key":"esc\u001B[2Jx"}' "$T/ls.json"
is "$(grep -c '' "$T/ls.json")" 10 "ls --json: one key per line (streamed), a line to open and one to close"
is "$(jq .format_version "$T/ls.json")" 1 "ls --json: format_version 1"
is "$(jq '.keys | length' "$T/ls.json")" 8 "ls --json: the array keys holds 8 keys"
is "$(jq -r '.keys[] | select(.key == "bob") | .size' "$T/lsl.json")" 10 "ls -l --json has the size"
ok "ls -l --json has an mtime per key" test "$(jq '[.keys[] | select(.mtime | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{9}Z$"))] | length' "$T/lsl.json")" = 8
is "$(jq -r '.tables[0].table' "$T/tables.json")" users "tables --json: the array tables of {table}"
is "$(jq -j '.keys[] | select(.key) | .key' "$T/ls.json" | grep -c '')" 2 \
	"jq decodes the newline in a key name"
is "$("$F" ls --json -t users "$D" | jq -r .table)" users "ls --json names its table"

tap_done
