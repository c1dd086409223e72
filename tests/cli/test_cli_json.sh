#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_json.sh - every command's --json output (and export's records)
# against the schema flockd(1) documents for it in JSON OUTPUT, with jq
# (json_schema.jq): every member documented and of its type, every member
# that is not optional present, a name as FIELD or FIELD_base64; and every
# documented member produced by at least one of the outputs made here, so
# that the page cannot describe what the program no longer writes.
. "$top_srcdir/tests/cli/cli_lib.sh"
. "$top_srcdir/tests/lib/holders.sh"
command -v jq >/dev/null || bail "jq is not installed"
trap 'release_all; cli_cleanup' EXIT

MAN=$top_srcdir/tui/flockd.1
JQ=$top_srcdir/tests/cli/json_schema.jq

# schema NAME: the block "BEGIN json-schema NAME" of flockd(1) as a JSON
# object {PATH: TYPE}.
schema() {
	awk -v n="$1" '
		$0 == ".\\\" BEGIN json-schema " n {on = 1; next}
		$0 == ".\\\" END json-schema " n {on = 0}
		on {print $1 "\t" $2}' "$MAN" | sed 's/\\-/-/g' |
		jq -R -s 'split("\n") | map(select(length > 0) | split("\t") |
			{(.[0]): .[1]}) | add // {}'
}

# check NAME SCHEMA FILE: FILE (one document, or JSON Lines) matches the
# schema; what it used is added to $T/seen.SCHEMA.
check() {
	local name=$1 s=$2 file=$3 out
	out=$(jq -r --argjson schema "$(schema "$s")" -f "$JQ" "$file" 2>&1) ||
		{ tap_fail "$name" "jq failed: $out"; return; }
	grep '^seen ' <<<"$out" | sed 's/^seen //' >>"$T/seen.$s"
	out=$(grep -v '^seen ' <<<"$out" | sort -u)
	if [ -z "$out" ]; then tap_pass "$name"
	else tap_fail "$name" "$out"; fi
}

# covered SCHEMA [PATH...]: every documented path was seen, but the PATHs
# named (which this test cannot make the program write; said visibly).
covered() {
	local s=$1 p missing=; shift
	for p in $(schema "$s" | jq -r 'keys[]'); do
		grep -qxF -- "$p" "$T/seen.$s" 2>/dev/null && continue
		case " $* " in *" $p "*) continue ;; esac
		missing="$missing $p"
	done
	if [ -z "$missing" ]; then tap_pass "$s: every documented member was produced"
	else tap_fail "$s: every documented member was produced" "never seen:$missing"; fi
	[ $# -gt 0 ] && skip "not produced here: $*" "$s: the members no test makes"
}

for s in ls tables export locks check diff manifest sync conflicts resolve info; do
	is "$(schema "$s" | jq -r '.format_version')" number "flockd(1) documents the $s schema, format_version first"
done

# --- a database with hostile names, binary values, nested and odd tables
D=$T/db
put() { printf "$3" | "$F" set -t "$1" "$D" "$2" || bail "set $2"; }
put "" text 'hello'
put "" binary 'a\000b\377'
put "" $'bad\xff' 'x'
put "" $'esc\x1b[2J' 'e'
put users alice '{"a":1}'
put $'t\xffbl' k 'v'
printf 'x' | "$F" set -t empty "$D" gone && "$F" delete -t empty "$D" gone
printf 'c' >"$D/text.sync-conflict-20240102-030405-ABCDEFG.kv"
printf 't' >"$D/text.kvAb12Cd"; touch -d '2 hours ago' "$D/text.kvAb12Cd"
printf 'y' >"$D/young.kvZz9"

# ls
"$F" ls --json "$D" >"$T/j" && check "ls --json" ls "$T/j"
"$F" ls -l --json "$D" >"$T/j" && check "ls -l --json" ls "$T/j"
"$F" ls -a -l --json "$D" >"$T/j" && check "ls -a -l --json" ls "$T/j"
"$F" ls --json -t $'t\xffbl' "$D" >"$T/j" && check "ls --json of a non-UTF-8 table" ls "$T/j"
"$F" ls --json -t empty "$D" >"$T/j" && check "ls --json of an empty table" ls "$T/j"
covered ls

# tables
"$F" tables --json "$D" >"$T/j" && check "tables --json" tables "$T/j"
mkdir -p "$T/none"
"$F" tables --json "$T/none" >"$T/j" && check "tables --json without tables" tables "$T/j"
covered tables

# export (JSON Lines: every record)
"$F" export "$D" >"$T/j" && check "export: every record" export "$T/j"
covered export

# locks: holders of a key, a temp file and a file of no key
hold_wait -s "$D/text.kv"
hold_wait -x "$D/young.kvZz9"
printf 'n' >"$D/notes.txt"; hold_wait -s "$D/notes.txt"
"$F" locks --json "$D" >"$T/j" && check "locks --json, with holders" locks "$T/j"
ok "(a file of no key has key null)" jq -e '.locks[] | select(.file == "notes.txt") | .key == null' "$T/j"
release_all
"$F" locks --json "$D" >"$T/j" && check "locks --json, nothing held" locks "$T/j"
covered locks

# check: a conflict copy, temp files (old and young), an empty value; then
# --fix
: >"$D/emptyval.kv"
"$F" check --json "$D" >"$T/j"; check "check --json" check "$T/j"
"$F" check --json --fix "$D" >"$T/j"; check "check --json --fix" check "$T/j"
ok "(--fix removed the old temp)" jq -e '.findings[] | select(.name == "text.kvAb12Cd") | .removed' "$T/j"
"$F" check --json "$T/none" >"$T/j"; check "check --json of a clean database" check "$T/j"
covered check troubles[].table troubles[].step troubles[].error

# diff: tables and keys on one side, a size difference, a suspect value
# (mtime at the epoch), a conflict copy, a key that cannot be read in
# time (a trouble with its side), a table in neither (a trouble of the
# whole table)
E=$T/replica
printf 'other' | "$F" set "$E" text
printf 'only' | "$F" set -t onlyb "$E" k
printf 'torn' >"$E/binary.kv"; touch -d @0 "$E/binary.kv"
hold_wait -x "$E/text.kv"
"$F" diff --json --timeout 200ms "$D" "$E" >"$T/j" 2>/dev/null
check "diff --json, with a locked key" diff "$T/j"
ok "(the locked key is a trouble of side B)" jq -e '.records[] | select(.key == "text" and .status == "trouble") | .side == "B"' "$T/j"
release_all
"$F" diff --json "$D" "$E" >"$T/j"; check "diff --json" diff "$T/j"
ok "(a value torn by rsync is suspect)" jq -e '.records[] | select(.key == "binary") | .status == "suspect" and .reason == "epoch" and .values == "differ"' "$T/j"
ok "(a conflict copy names its key)" jq -e '[.records[] | select(.status == "conflict") | .of] == ["text"]' "$T/j"
"$F" diff --json -t nosuch "$D" "$E" >"$T/j" 2>/dev/null; check "diff --json, a table in neither" diff "$T/j"
"$F" diff --json "$D" "$D" >"$T/j"; check "diff --json, the same" diff "$T/j"
covered diff

# manifest: keys, every entry, a key that cannot be read in time
"$F" manifest --json "$D" >"$T/j"; check "manifest --json" manifest "$T/j"
"$F" manifest -a --json "$D" >"$T/j"; check "manifest -a --json" manifest "$T/j"
ok "(a conflict copy names its key)" jq -e '[.entries[] | select(.kind == "syncthing-conflict") | .of] == ["text"]' "$T/j"
hold_wait -x "$D/text.kv"
"$F" manifest --json --timeout 200ms "$D" >"$T/j" 2>/dev/null
check "manifest --json, with a locked key" manifest "$T/j"
release_all
covered manifest

# sync: planned, then done; a key that is a FIFO in --to cannot be
# replaced
"$F" sync --json --dry-run --from "$D" --to "$E" >"$T/j"; check "sync --json --dry-run" sync "$T/j"
mkdir -p "$E/users.tbl" && mkfifo "$E/users.tbl/alice.kv"
"$F" sync --json --delete --from "$D" --to "$E" >"$T/j" 2>/dev/null
check "sync --json --delete, a key that is a FIFO there" sync "$T/j"
ok "(the FIFO was not replaced)" jq -e '.changes[] | select(.key == "alice") | .result == "failed"' "$T/j"
covered sync

# conflicts and resolve: a copy of a key, a copy of a key that is gone
printf 'g' >"$D/gone.sync-conflict-20240101-000000-BBBBBBB.kv"
"$F" conflicts --json "$D" >"$T/j"; check "conflicts --json" conflicts "$T/j"
covered conflicts
"$F" resolve --json --dry-run --keep newest "$D" >"$T/j"; check "resolve --json --dry-run" resolve "$T/j"
"$F" resolve --json --keep key "$D" >"$T/j" 2>/dev/null; check "resolve --json --keep key" resolve "$T/j"
ok "(the key that is gone is refused)" jq -e '.keys[] | select(.key == "gone") | .result == "refused" and .chosen == null' "$T/j"
covered resolve

# info
printf 't' >"$D/k.kvTmp1"
"$F" info --json "$D" >"$T/j" && check "info --json" info "$T/j"
covered info

tap_done
