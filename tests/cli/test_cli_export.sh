#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_export.sh - export and import: JSON Lines format, byte-exact round
# trip of binary values and hostile names, refusals and their statuses.
. "$top_srcdir/tests/cli/cli_lib.sh"
command -v jq >/dev/null || bail "jq is not installed (the --json checks need it)"
strip_mtime() { sed 's/"mtime":"[^"]*",//'; }

D=$T/db
put() { printf "$3" | "$F" set -t "$1" "$D" "$2" || bail "set $2"; }

put "" text 'hello w\303\266rld\n'
put "" binary 'a\000b\377\r\n'
put "" 'with space' ''
put "" $'emoji\xf0\x9f\x98\x80' '\360\237\230\200'
put "" $'new\nline' 'nl'
put "" $'esc\x1b[2J' 'esc'
put "" $'bad\xfe\xff' 'bad'
put "" 'quote"back\slash' '"\\\\'
put users alice '{"name": "Alice"}'
put users/archive bob 'x'
put $'t\xffbl' k 'v'
put $'sp ace/\xf0\x9f\x98\x80' k 'v'
head -c 2097152 /dev/urandom >"$T/big"
"$F" set -t users "$D" big "$T/big" || bail "set big"
printf 'x' | "$F" set -t empty/nested "$D" gone && "$F" delete -t empty/nested "$D" gone

status "export succeeds" 0 "$F" export "$D"
cp "$T/out" "$T/all.jsonl"
is "$(wc -l <"$T/all.jsonl")" 14 "one line per key, plus one for the empty table"
ok "UTF-8 value is a JSON string" grep -qF '"key":"text","size":13,' "$T/all.jsonl"
ok "UTF-8 value as a string" grep -qF '"value":"hello wörld\n"}' "$T/all.jsonl"
ok "binary value is value_base64" grep -qF '"key":"binary","size":6,' "$T/all.jsonl"
ok "binary value base64" grep -qF '"value_base64":"YQBi/w0K"}' "$T/all.jsonl"
ok "non-UTF-8 key is key_base64" grep -qF '"key_base64":"YmFk/v8="' "$T/all.jsonl"
ok "non-UTF-8 table is table_base64" grep -qF '{"format_version":1,"table_base64":"dP9ibA==","key":"k"' "$T/all.jsonl"
ok "empty table is exported as {format_version, table}" grep -qxF '{"format_version":1,"table":"empty/nested"}' "$T/all.jsonl"
ok "the root table is \"\"" grep -qF '{"format_version":1,"table":"","key":"text"' "$T/all.jsonl"
is "$(grep -c '^{"format_version":1,' "$T/all.jsonl")" 14 "every record carries format_version 1"
ok "mtime is RFC 3339 UTC" grep -qE '"mtime":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{9}Z"' "$T/all.jsonl"
ok "no raw ESC byte in the export" bash -c "! grep -q $'\x1b' '$T/all.jsonl'"
ok "every line is a JSON object (jq)" bash -c "jq -e 'type == \"object\"' '$T/all.jsonl' >/dev/null"
is "$(jq -r 'select(.key == "text") | .value' "$T/all.jsonl")" "hello wörld" "jq reads the text value"

# An export of an earlier version (no format_version) imports the same;
# a format_version this flockd does not know is refused.
O=$T/old
sed 's/^{"format_version":1,/{/' "$T/all.jsonl" >"$T/old.jsonl"
ok "(the old-style export has no format_version)" bash -c "! grep -q format_version '$T/old.jsonl'"
status "import reads an export without format_version" 0 "$F" import "$O" "$T/old.jsonl"
is "$("$F" export "$O" | strip_mtime | md5sum)" "$(strip_mtime <"$T/all.jsonl" | md5sum)" \
	"and gives the same database"
printf '%s\n' '{"format_version":2,"key":"k","value":"v"}' >"$T/v2.jsonl"
status "format_version 2 is refused" $EX_OTHER "$F" import "$T/v2db" "$T/v2.jsonl"
ok "with the line and the reason" grep -qF 'flockd import: line 1: "format_version" is not 1' "$T/err"
ok "and nothing is imported" test ! -e "$T/v2db/k.kv"

# Round trip into an empty directory: same tables, keys and bytes.
E=$T/copy
status "import into an empty directory" 0 "$F" import "$E" "$T/all.jsonl"
"$F" export "$E" >"$T/again.jsonl"
strip() { sed 's/"mtime":"[^"]*",//' "$1"; }
is "$(strip "$T/again.jsonl" | md5sum)" "$(strip "$T/all.jsonl" | md5sum)" \
	"export of the copy equals the original export (but for mtimes)"
is "$("$F" tables "$E" | md5sum)" "$("$F" tables "$D" | md5sum)" "same tables, the empty one included"
"$F" get -t users "$E" big >"$T/v"
same_file "2 MB random value round-trips through export/import" "$T/big" "$T/v"
for key in binary text 'with space' $'emoji\xf0\x9f\x98\x80' $'new\nline' $'esc\x1b[2J' $'bad\xfe\xff' 'quote"back\slash'; do
	if cmp -s "$D/$key.kv" "$E/$key.kv"; then tap_pass "byte-exact copy of $(printf %q "$key")"
	else tap_fail "byte-exact copy of $(printf %q "$key")"; fi
done
same_file "key in a non-UTF-8 table copied" "$D/t"$'\xff'"bl.tbl/k.kv" "$E/t"$'\xff'"bl.tbl/k.kv"

# Import from stdin.
S=$T/fromstdin
"$F" import "$S" <"$T/all.jsonl"
is "$?" 0 "import from stdin (a file)"
cat "$T/all.jsonl" | "$F" import "$S" - 2>"$T/err"
is "$?" $EX_EXISTS "re-import from a pipe: already exists"
is "$(wc -l <"$T/err")" 13 "each refused key is reported on its own line"
ok "refusal names table, key and line" grep -qF 'flockd import: users/alice: ' "$T/err"
ok "refusal of a hostile key is escaped" grep -qF 'flockd import: new\nline: ' "$T/err"

# --overwrite replaces existing keys.
printf 'changed' | "$F" set "$S" text
status "import --overwrite replaces existing keys" 0 "$F" import --overwrite "$S" "$T/all.jsonl"
is "$("$F" get "$S" text)" "hello wörld" "--overwrite restored the value"

# Partial refusal: new keys are created, existing ones refused.
printf '%s\n' '{"table":"","key":"text","value":"no"}' '{"table":"","key":"fresh","value":"yes"}' >"$T/mixed.jsonl"
status "import with one existing key: already exists" $EX_EXISTS "$F" import "$S" "$T/mixed.jsonl"
err_has "the existing key is reported with its line" "text: "
is "$("$F" get "$S" fresh)" yes "the other key was created"

# Bad input changes nothing.
N=$T/bad
printf '%s\n' '{"key":"ok1","value":"a"}' '{"key":"ok2","value":' >"$T/broken.jsonl"
status "malformed JSON: other error" $EX_OTHER "$F" import "$N" "$T/broken.jsonl"
ok "malformed JSON is reported with its line number" grep -q '^flockd import: line 2: ' "$T/err"
ok "nothing imported from malformed input" test ! -e "$N/ok1.kv"
printf '\033[2J\302\233x\n' >"$T/hostile.jsonl"
status "a hostile malformed line: other error" $EX_OTHER "$F" import "$N" "$T/hostile.jsonl"
ok "the hostile line is named by its number" grep -qF "line 1: not a JSON object" "$T/err"
ok "no raw ESC or C1 from the input reaches stderr" \
	bash -c "! LC_ALL=C grep -qE $'\x1b|\xc2\x9b' '$T/err'"
printf '%s\n' '{"key":"a/b","value":"x"}' | "$F" import "$N" 2>/dev/null
is "$?" $EX_INVALID "invalid key name in input: invalid name"
printf '%s\n' '{"table":"../up","key":"k","value":"x"}' | "$F" import "$N" 2>/dev/null
is "$?" $EX_INVALID "invalid table name in input: invalid name"
for bad in '{"key":"k"}' '{"key":"k","value":"a","value_base64":"YQ=="}' \
	'{"key":"k","value_base64":"YQ="}' '{"key":"k","value":"abc","size":4}' \
	'{"key":"k","key_base64":"aw==","value":""}' '{"key":"k","value":1}' \
	'[1,2]' '{"key":"a","key":"b","value":""}' '{"key_base64":"YQBi","value":""}' \
	'{"value":"x"}'; do
	printf '%s\n' "$bad" | "$F" import "$N" 2>/dev/null
	is "$?" $EX_OTHER "refused: $bad"
done
ok "nothing was ever imported from bad input" test ! -e "$N/k.kv"

# A value without a key is an error with its line; no table is made.
printf '%s\n' '{"table":"t","key":"ok","value":"a"}' '{"table":"lost","value":"x"}' >"$T/nokey.jsonl"
status "a value but no key: other error" $EX_OTHER "$F" import "$N" "$T/nokey.jsonl"
ok "...named with its line number" grep -qF 'flockd import: line 2: a value but no "key"' "$T/err"
ok "...and no table is created for it" test ! -e "$N/lost.tbl"
ok "...nor anything else imported" test ! -e "$N/t.tbl"

# A directory as the input is said to be one.
mkdir -p "$T/indir"
status "import of a directory FILE: other error" $EX_OTHER "$F" import "$N" "$T/indir"
ok "...says the input is a directory" grep -qF "flockd import: $T/indir: Is a directory (open input)" "$T/err"
"$F" import "$N" <"$T/indir" 2>"$T/err"
is "$?" $EX_OTHER "import from a directory on stdin: other error"
ok "...says standard input is a directory" grep -qF "flockd import: standard input: Is a directory (open input)" "$T/err"

# Fields in any order: a value before its key and table, in base64 too.
printf '%s\n' '{"value":"first","key":"vfirst","table":"ord"}' \
	'{"value_base64":"AAEC/w==","size":4,"key":"bin","table":"ord"}' \
	'{"mtime":{"a":[1,2.5e3,null,true]},"key":"k\u00e9\ud83d\ude00","value":"tab\tnl\n\u0000"}' >"$T/order.jsonl"
status "import of fields in any order" 0 "$F" import "$N" "$T/order.jsonl"
is "$("$F" get -t ord "$N" vfirst)" first "a value before its key is stored"
is "$("$F" get -t ord "$N" bin | od -An -tx1 | tr -d ' ')" "000102ff" "a base64 value before its key is stored"
is "$("$F" get "$N" $'k\xc3\xa9\xf0\x9f\x98\x80' | od -An -c | tr -s ' ')" ' t a b \t n l \n \0' "escapes and surrogate pairs are decoded"
printf '\n   \n{"key":"k","value":"v"}\n\n' | "$F" import "$N"
is "$?:$("$F" get "$N" k)" "0:v" "blank lines are skipped"
printf '{"key":"nonl","value":"v"}' | "$F" import "$N"
is "$?:$("$F" get "$N" nonl)" "0:v" "a last line without a newline is read"
printf '%s\n' '{"key":"skipped","value":"no"}' '{"key":"after","value":"yes"}' >"$T/partial.jsonl"
(read -r _; "$F" import "$N") <"$T/partial.jsonl"
is "$?:$("$F" get "$N" after)" "0:yes" "import reads stdin from where it stands..."
status "...and not from the file's start" $EX_NOT_FOUND "$F" get "$N" skipped
status "import of a missing FILE: other error" $EX_OTHER "$F" import "$N" "$T/absent.jsonl"

# export -t
status "export -t TABLE" 0 "$F" export -t users/archive "$D"
is "$(cut -c1-59 "$T/out")" '{"format_version":1,"table":"users/archive","key":"bob","si' "export -t exports that table only"
status "export -t twice" 0 "$F" export -t users/archive -t "" "$D"
is "$(wc -l <"$T/out")" 9 "export -t A -t B exports both"
status "export -t of a missing table: not found" $EX_NOT_FOUND "$F" export -t nope "$D"
status "export of a missing database: not found" $EX_NOT_FOUND "$F" export "$T/nodb"
mkdir -p "$T/emptydb"
status "export of an empty database" 0 "$F" export "$T/emptydb"
is "$(cat "$T/out")" "" "...writes nothing"
status "import without DIR: usage error" $EX_USAGE "$F" import
status "export with an unknown option: usage error" $EX_USAGE "$F" export --overwrite "$D"

# A key that cannot be read is reported; the export goes on.
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
	U=$T/unread; mkdir -p "$U"; chmod 0755 "$T"
	printf a | "$F" set "$U" a; printf b | "$F" set "$U" b; chmod 0 "$U/a.kv"
	chmod -R a+rX "$U" 2>/dev/null; chmod 0 "$U/a.kv"
	if [ "$(id -u)" = 0 ]; then run=(setpriv --reuid=65534 --regid=65534 --clear-groups); else run=(); fi
	"${run[@]}" "$F" export "$U" >"$T/out" 2>"$T/err"
	is "$?" $EX_OTHER "unreadable key: export fails with other error"
	ok "...but still exports the other key" grep -qF '"key":"b"' "$T/out"
	err_has "...and names the unreadable key" "flockd export: a: "
	chmod 0700 "$T"
else
	skip "no setpriv" "unreadable key"; skip "no setpriv" "other key"; skip "no setpriv" "names key"
fi

tap_done
