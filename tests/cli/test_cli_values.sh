#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_values.sh - get, set, create, update, delete: success paths, every
# exit status they produce, stdin and file input, byte-exact binary values.
. "$top_srcdir/tests/cli/cli_lib.sh"

D=$T/db

# set from stdin, get back exactly (no newline added).
printf 'hello' | "$F" set "$D" greeting
is "$?" 0 "set from stdin succeeds"
"$F" get "$D" greeting >"$T/v"
is "$?" 0 "get succeeds"
is "$(od -An -c "$T/v" | tr -s ' ')" " h e l l o" "get writes exactly the bytes, no newline"

# set from a file and from "-".
printf 'line1\nline2\n\n' >"$T/in"
status "set from FILE" 0 "$F" set "$D" fromfile "$T/in"
"$F" get "$D" fromfile >"$T/v"
same_file "value from FILE kept byte for byte (trailing newlines kept)" "$T/in" "$T/v"
printf 'dash' | "$F" set "$D" fromdash - 
is "$("$F" get "$D" fromdash)" dash "set with FILE '-' reads stdin"

# Binary round trip: NUL, 0xff, CR.
printf 'a\000b\377\r\n\000' >"$T/bin"
status "set a binary value" 0 "$F" set "$D" bin "$T/bin"
"$F" get "$D" bin >"$T/v"
same_file "binary value round-trips byte for byte" "$T/bin" "$T/v"
is "$(stat -c %s "$D/bin.kv")" 7 "the key file holds exactly the 7 bytes"

# Empty value.
: | "$F" set "$D" empty
"$F" get "$D" empty >"$T/v"
is "$?:$(stat -c %s "$T/v")" "0:0" "an empty value round-trips"

# A few MB of random bytes, from a file and from a pipe.
head -c 3145728 /dev/urandom >"$T/big"
status "set a 3 MB value from a file" 0 "$F" set "$D" big "$T/big"
"$F" get "$D" big >"$T/v"
same_file "3 MB random value round-trips" "$T/big" "$T/v"
cat "$T/big" | "$F" set "$D" bigpipe
"$F" get "$D" bigpipe | cmp -s - "$T/big"
is "$?" 0 "3 MB random value through pipes round-trips"

# Large values stream: a 64 MB value goes through set, update and get in a
# process limited to 40 MB of address space (so never held in memory).
if (ulimit -v 40000 && "$F" help >/dev/null 2>&1); then
	head -c 67108864 /dev/urandom >"$T/huge"
	(ulimit -v 40000 && "$F" set "$D" huge "$T/huge")
	is "$?" 0 "set streams a 64 MB value with 40 MB of address space"
	(ulimit -v 40000 && cat "$T/huge" | "$F" update "$D" huge)
	is "$?" 0 "update streams a 64 MB value from a pipe with 40 MB"
	(ulimit -v 40000 && "$F" get "$D" huge) | cmp -s - "$T/huge"
	is "$?" 0 "get streams the 64 MB value back byte for byte with 40 MB"
	"$F" delete "$D" huge; rm -f "$T/huge"
else
	for i in 1 2 3; do skip "cannot limit memory (sanitizer build?)" "64 MB value streams"; done
fi

# Tables: -t, created on set, nested.
printf 'x' | "$F" set -t users/archive "$D" alice
is "$("$F" get -t users/archive "$D" alice)" x "set/get in a nested table"
is "$("$F" get --table=users/archive "$D" alice)" x "--table=NAME works too"
status "get from a missing table: not found" $EX_NOT_FOUND "$F" get -t nope "$D" alice
err_has "missing table: one line naming the table" "nope"

# create
printf 'c1' | "$F" create "$D" newkey
is "$?" 0 "create of a new key succeeds"
printf 'c2' | "$F" create "$D" newkey 2>"$T/err"
is "$?" $EX_EXISTS "create of an existing key: already exists"
is "$("$F" get "$D" newkey)" c1 "failed create left the old value"
is "$(wc -l <"$T/err")" 1 "create refusal is one line"
grep -q '^flockd create: newkey: ' "$T/err"
is "$?" 0 "error line names command and key"

# update
printf 'u' | "$F" update "$D" newkey
is "$?:$("$F" get "$D" newkey)" "0:u" "update of an existing key succeeds"
printf 'u' | "$F" update "$D" missing 2>/dev/null
is "$?" $EX_NOT_FOUND "update of a missing key: not found"
status "get of the key update refused: not found" $EX_NOT_FOUND "$F" get "$D" missing
status "update in a missing database: not found" $EX_NOT_FOUND "$F" update "$T/nodb" k "$T/in"
ok "update did not create the database" test ! -e "$T/nodb"

# get errors
status "get of a missing key: not found" $EX_NOT_FOUND "$F" get "$D" nosuchkey
err_has "not-found error names command and key" "flockd get: nosuchkey: "
status "get from a missing database: not found" $EX_NOT_FOUND "$F" get "$T/nodb" k
ok "get did not create the database" test ! -e "$T/nodb"
status "get of a key with '/': invalid name" $EX_INVALID "$F" get "$D" a/b
status "get of an empty key: invalid name" $EX_INVALID "$F" get "$D" ""
status "set of a key with '/': invalid name" $EX_INVALID "$F" set "$D" a/b "$T/in"
status "set into an invalid table: invalid name" $EX_INVALID "$F" set -t ../x "$D" k "$T/in"
mkdir "$D/dir.kv"
status "get of a key that is a directory: other error" $EX_OTHER "$F" get "$D" dir
rmdir "$D/dir.kv"

# A key starting with '-' after "--"
printf 'dash' | "$F" set "$D" -- -dashkey
is "$("$F" get "$D" -- -dashkey)" dash "a key starting with '-' works after --"

# Input errors change nothing.
status "set from a missing FILE: other error" $EX_OTHER "$F" set "$D" greeting "$T/absent"
err_has "missing FILE error names the file" "$T/absent"
status "set from a directory: other error" $EX_OTHER "$F" set "$D" greeting "$T"
is "$("$F" get "$D" greeting)" hello "failed sets left the value alone"

# Hostile key names: spaces, emoji, newline, escape bytes.
for key in 'with space' $'emoji \xf0\x9f\x98\x80' $'new\nline' $'esc\x1b[31mred' $'bad\xffbyte'; do
	printf '%s' "$key" | "$F" set "$D" "$key"
	is "$("$F" get "$D" "$key")" "$key" "set/get of key $(printf %q "$key")"
done
"$F" get "$D" $'gone\n\x1b[2J' 2>"$T/err"
is "$?" $EX_NOT_FOUND "missing hostile key: not found"
one_line "error about a hostile key stays on one line" "$T/err"
ok "error escapes the newline and ESC" grep -qF 'gone\n\x1b[2J' "$T/err"
ok "error has no raw ESC byte" bash -c "! grep -q $'\x1b' '$T/err'"

# delete
status "delete of one key" 0 "$F" delete "$D" fromdash
status "deleted key is gone" $EX_NOT_FOUND "$F" get "$D" fromdash
status "delete of several keys" 0 "$F" delete "$D" fromfile empty
status "delete of a missing key: not found" $EX_NOT_FOUND "$F" delete "$D" fromfile
status "delete -f of a missing key succeeds" 0 "$F" delete -f "$D" fromfile
status "delete goes on after a failure" $EX_NOT_FOUND "$F" delete "$D" nothere bigpipe
status "...and deleted the later key" $EX_NOT_FOUND "$F" get "$D" bigpipe
status "delete of an invalid key: invalid name" $EX_INVALID "$F" delete "$D" a/b
status "delete in a missing database: not found" $EX_NOT_FOUND "$F" delete "$T/nodb" k

# Usage errors.
status "get without KEY: usage error" $EX_USAGE "$F" get "$D"
status "get with too many operands: usage error" $EX_USAGE "$F" get "$D" a b
status "unknown option: usage error" $EX_USAGE "$F" get --bogus "$D" k
status "-t twice: usage error" $EX_USAGE "$F" get -t a -t b "$D" k
status "bad --timeout: usage error" $EX_USAGE "$F" get --timeout soon "$D" k
status "--timeout 0: usage error" $EX_USAGE "$F" get --timeout 0 "$D" k
status "-t without a value: usage error" $EX_USAGE "$F" get "$D" k -t
err_has "usage errors are one line naming the option" "flockd get: option '-t' needs a value"
status "delete without KEY: usage error" $EX_USAGE "$F" delete "$D"

# Permission problems are "other error" (needs an unprivileged user).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	mkdir "$T/locked" && printf v | "$F" set "$T/locked" k && chmod 0700 "$T" "$T/locked"
	chmod 0711 "$T"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$F" get "$T/locked" k >/dev/null 2>&1
	is "$?" $EX_OTHER "unreadable database: other error"
	chmod 0700 "$T"
elif [ "$(id -u)" != 0 ]; then
	mkdir "$T/locked" && printf v | "$F" set "$T/locked" k && chmod 0 "$T/locked/k.kv"
	status "unreadable key: other error" $EX_OTHER "$F" get "$T/locked" k
else
	skip "setpriv missing" "unreadable database: other error"
fi

tap_done
