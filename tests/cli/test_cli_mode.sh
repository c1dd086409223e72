#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_mode.sh - the mode of new keys and what a replace keeps: new
# keys are 0600 unless --mode asks (set, create, update, import, sync),
# --mode is strict (octal 0001..0777, the option named as typed), keys
# that exist keep their mode, and when a replace cannot keep the owner
# (not root) the command says so once, also for many keys in one import.
. "$top_srcdir/tests/cli/cli_lib.sh"

D=$T/db
mode() { stat -c %a "$1"; }

printf 'v' | "$F" set "$D" plain
is "$(mode "$D/plain.kv")" 600 "a new key is 0600 by default"
printf 'v' | "$F" set --mode 0640 "$D" m640
is "$(mode "$D/m640.kv")" 640 "set --mode 0640 makes a 0640 key"
printf 'v' | "$F" create --mode=644 -t tb "$D" m644
is "$(mode "$D/tb.tbl/m644.kv")" 644 "create --mode=644 (three digits) in a new table"
printf 'w' | "$F" set --mode 0604 "$D" m640
is "$(mode "$D/m640.kv"):$("$F" get "$D" m640)" 640:w "a replaced key keeps its mode, --mode or not"
printf 'w' | "$F" update --mode 0604 "$D" plain
is "$(mode "$D/plain.kv")" 600 "update keeps the key's mode"
printf '%s\n' '{"key":"i1","value":"a"}' '{"table":"t2","key":"i2","value":"b"}' |
	"$F" import --mode 0604 "$D"
is "$(mode "$D/i1.kv") $(mode "$D/t2.tbl/i2.kv")" "604 604" "import --mode applies to every new key"
"$F" sync --mode 0640 --from "$D" --to "$T/copy" >/dev/null
is "$(mode "$T/copy/i1.kv") $(mode "$T/copy/tb.tbl/m644.kv")" "640 640" "sync --mode applies to the keys it creates"

# Strict parsing: one line naming the option as typed, nothing written.
for bad in 0800 8 0 0000 01777 1777 '' 0o640 u+rw ' 640' 640x -1 00640; do
	printf 'x' >"$T/x"
	status "--mode '$bad' is a usage error" $EX_USAGE "$F" set --mode "$bad" "$D" badmode "$T/x"
done
ok "nothing was written by a bad --mode" test ! -e "$D/badmode.kv"
status "an abbreviated --mo=999" $EX_USAGE "$F" set --mo=999 "$D" badmode "$T/x"
err_has "...is named as typed" "flockd set: bad --mo '999' (permission bits in octal, 0001..0777"
status "--mode 0" $EX_USAGE "$F" create --mode 0 "$D" badmode "$T/x"
err_has "...says why 0000 is refused" "0000 would make new keys look like a create in progress"
status "--mode does not apply to get" $EX_USAGE "$F" get --mode 0640 "$D" plain
err_has "...and says so" "option '--mode' does not apply to get"

# Owner and mode a replace cannot keep: the command says so once.
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null || ! id nobody >/dev/null 2>&1; then
	skip "not root, or no setpriv or nobody: cannot replace another user's key" "owner warnings"
else
	W=$T/shared
	mkdir -p "$W" && chmod 0777 "$T" "$W"
	for k in a b c; do printf 'root' >"$W/$k.kv"; done
	chmod 0666 "$W"/*.kv
	as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
	printf 'n' | as_nobody "$F" set "$W" a 2>"$T/err"
	is "$?:$(cat "$W/a.kv")" 0:n "set by another user replaces a root key it may write"
	err_has "...and says once that the owner could not be kept" \
		"flockd set: could not keep the owner of a: only root can give a file to another user"
	is "$(mode "$W/a.kv")" 666 "...while the mode is kept"
	chown root "$W/a.kv"
	printf '%s\n' '{"key":"a","value":"1"}' '{"key":"b","value":"2"}' '{"key":"c","value":"3"}' >"$T/3.jsonl"
	as_nobody "$F" import --overwrite "$W" "$T/3.jsonl" 2>"$T/err"
	is "$?:$(cat "$W/b.kv")" 0:2 "import --overwrite by another user replaces the keys"
	err_has "...and says once for all of them" \
		"flockd import: could not keep the owner of 3 replaced keys: only root"
	# sync into root's keys: said once for the keys it replaced
	for k in a b c; do printf 'root' >"$W/$k.kv"; chown root "$W/$k.kv"; done
	S=$T/src
	for k in a b; do printf 'from src' | "$F" set --mode 0644 "$S" "$k"; done
	chmod 0755 "$S"
	as_nobody "$F" sync -q --from "$S" --to "$W" >/dev/null 2>"$T/err"
	is "$?:$(cat "$W/a.kv")" "0:from src" "sync by another user replaces root's keys"
	err_has "...and says once for all of them" \
		"flockd sync: could not keep the owner of 2 replaced keys: only root"
	chown nobody "$W/c.kv"
	printf 'r' | "$F" set "$W" c 2>"$T/err"
	is "$(stat -c %U "$W/c.kv"):$(wc -c <"$T/err")" "nobody:0" "root replacing nobody's key keeps its owner and says nothing"
fi

tap_done
