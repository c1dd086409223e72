#!/bin/bash
# SPDX-License-Identifier: MIT
# test_locks.sh - `flockd locks` against real holders started with
# util-linux flock(1): the holder's pid and command appear, shared and
# exclusive are told apart, waiters are shown, hostile names are escaped,
# and a missing /proc/locks is said and has its own exit status.
. "$top_srcdir/tests/lib/tap.sh"

: "${FLOCKD:?FLOCKD must name the built program}"
command -v flock >/dev/null || { echo "1..0 # SKIP util-linux flock(1) is not installed"; exit 0; }
[ -r /proc/locks ] || { echo "1..0 # SKIP no /proc/locks on this system"; exit 0; }
command -v jq >/dev/null || bail "jq is not installed (the --json checks need it)"
TAB=$'\t' # records: one per line, fields separated by a TAB

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-locks.XXXXXX") || bail "mktemp"
. "$top_srcdir/tests/lib/holders.sh"
cleanup() {
	release_all
	rm -rf "$T"
}
trap cleanup EXIT

D=$T/db
mkdir -p "$D/users.tbl"
printf 'A' >"$D/alice.kv"
printf 'B' >"$D/bob.kv"
printf 'C' >"$D/users.tbl/carol.kv"
EVIL=$(printf 'evil\033[31m')
printf 'E' >"$D/$EVIL.kv"
printf 'T' >"$D/bob.kvTmp123"

# wait until FILE is locked so that `flock -n -x` fails (5 s at most)
wait_locked() {
	local i
	for i in $(seq 100); do
		flock -n -x "$1" true 2>/dev/null || return 0
		sleep 0.05
	done
	return 1
}

hold -s "$D/alice.kv"; PID_SH=$HOLDER
hold -x "$D/users.tbl/carol.kv"; PID_EX=$HOLDER
hold -x "$D/$EVIL.kv"
hold -x "$D/bob.kvTmp123"; PID_TMP=$HOLDER
wait_locked "$D/alice.kv" && wait_locked "$D/users.tbl/carol.kv" &&
	wait_locked "$D/$EVIL.kv" && wait_locked "$D/bob.kvTmp123" ||
	bail "flock(1) holders did not start"
# a waiter queued behind the exclusive holder
flock -s "$D/users.tbl/carol.kv" true </dev/null >/dev/null 2>&1 &
PID_WAIT=$!; PIDS="$PIDS $PID_WAIT"
for i in $(seq 100); do grep -q -- "-> FLOCK.* $PID_WAIT " /proc/locks && break; sleep 0.05; done

out=$("$FLOCKD" locks "$D" 2>"$T/err"); rc=$?
is "$rc" 0 "locks exits 0"
first=$(head -n 1 "$T/err")
case $first in "flockd locks: this machine's holders only"*) tap_pass "output is labelled as this machine's holders only (stderr)" ;;
*) tap_fail "output is labelled as this machine's holders only (stderr)" "first line: $first" ;; esac
is "$(sed -n 2p "$T/err")" "$(printf 'TABLE\tKEY\tSTATE\tMODE\tTYPE\tPID\tCOMMAND\tFILE\tKIND')" \
	"the headings go to stderr, in the order of the fields"

# record NAME WANT: a record (fields joined by TABs) is in the output
record() {
	if printf '%s\n' "$out" | grep -q -x -F "$2"; then tap_pass "$1"
	else tap_fail "$1" "wanted: $2" "$out"; fi
}
record "shared holder of alice: pid and command shown" \
	"/${TAB}alice${TAB}held${TAB}shared${TAB}flock${TAB}$PID_SH${TAB}flock${TAB}alice.kv${TAB}key"
record "exclusive holder of users/carol told apart" \
	"users${TAB}carol${TAB}held${TAB}exclusive${TAB}flock${TAB}$PID_EX${TAB}flock${TAB}carol.kv${TAB}key"
record "the waiter behind it is shown as waiting" \
	"users${TAB}carol${TAB}waiting${TAB}shared${TAB}flock${TAB}$PID_WAIT${TAB}flock${TAB}carol.kv${TAB}key"
record "a lock on a temp file is shown with its key" \
	"/${TAB}bob${TAB}held${TAB}exclusive${TAB}flock${TAB}$PID_TMP${TAB}flock${TAB}bob.kvTmp123${TAB}temp"

printf '%s\n' "$out" | grep -q -F 'evil\x1b[31m' && ! printf '%s' "$out" | grep -q "$(printf '\033')"
ok "a hostile key name is escaped, no raw escape byte printed" test $? -eq 0

if ! printf '%s\n' "$out" | grep -q -F "bob.kv${TAB}key"; then tap_pass "an unlocked key is not listed"
else tap_fail "an unlocked key is not listed" "$out"; fi

out=$("$FLOCKD" locks -t users "$D" 2>/dev/null); rc=$?
n=$(printf '%s\n' "$out" | grep -c -E "^(/|users)$TAB")
is "$rc/$n" "0/2" "-t users lists only that table's holder and waiter"
out=$("$FLOCKD" locks -q -t / "$D" 2>&1); rc=$?
is "$rc/$(printf '%s\n' "$out" | cut -f2 | sort | tr '\n' ' ')" "0/alice bob evil\x1b[31m " \
	"-t / is the root table, as the records name it (and -q: no heading)"
"$FLOCKD" locks -z "$D" 2>/dev/null | tr '\0' '\n' | paste -d , - - - - - - - - - >"$T/z"
grep -q -x -F ",alice,held,shared,flock,$PID_SH,flock,alice.kv,key" "$T/z"
ok "-z: nine NUL-terminated fields per lock, the root table empty" test $? -eq 0
grep -q -F "evil$(printf '\033')[31m" "$T/z"
ok "-z: names raw" test $? -eq 0

"$FLOCKD" locks -t nosuch "$D" >/dev/null 2>"$T/err"; rc=$?
is "$rc" 3 "-t with a missing table exits 3 (not found)"
grep -q "nosuch" "$T/err"; ok "and says which table" test $? -eq 0

json=$("$FLOCKD" locks --json "$D")
got=$(printf '%s' "$json" | jq -r --arg p "$PID_SH" \
	'.locks[] | select(.key == "alice") | "\(.mode) \(.type) \(.pid) \(.command) \(.state)"')
is "$got" "shared flock $PID_SH flock held" "--json: alice's holder"
got=$(printf '%s' "$json" | jq -r '.locks[] | select(.table == "users" and .state == "held") | .mode')
is "$got" "exclusive" "--json: carol's holder is exclusive"
got=$(printf '%s' "$json" | jq -r '.scope')
case $got in *"this machine's holders only"*) tap_pass "--json carries the scope" ;;
*) tap_fail "--json carries the scope" "$got" ;; esac
printf '%s' "$json" | grep -q "$(printf '\033')"
ok "--json output has no raw escape byte" test $? -ne 0
is "$(printf '%s' "$json" | jq .format_version)" 1 "--json: format_version 1"

# nothing locked: still exit 0, no data, and says so on stderr
release $PIDS; PIDS=
out=$("$FLOCKD" locks "$D" 2>"$T/err"); rc=$?
case "$rc/$out/$(cat "$T/err")" in "0//"*"no locks are held"*) tap_pass "no holders: exit 0, no data, says so on stderr" ;;
*) tap_fail "no holders: exit 0, no data, says so on stderr" "rc=$rc" "$out" ;; esac

"$FLOCKD" locks "$T/nonexistent" >/dev/null 2>"$T/err"; rc=$?
is "$rc" 3 "a missing database directory exits 3"
[ ! -e "$T/nonexistent" ]; ok "and is not created" test $? -eq 0

"$FLOCKD" locks --bogus "$D" >/dev/null 2>&1; rc=$?
is "$rc" 2 "an unknown option is a usage error"

"$FLOCKD" locks --help | grep -q -i "this machine's holders only"
ok "--help explains the scope" test $? -eq 0

# /proc/locks missing: a private mount namespace with an empty /proc
# (a sanitizer build cannot run there: ASan reads its options and LSan its
# threads from /proc)
# ($FLOCKD may be libtool's wrapper script: look at the program in .libs.)
if grep -q -a __asan_init "$FLOCKD" "$(dirname "$FLOCKD")/.libs/flockd" 2>/dev/null; then
	skip "sanitizer build: ASan needs /proc" "missing /proc/locks exits 8 (unsupported)"
	skip "sanitizer build: ASan needs /proc" "and says so"
elif [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
	unshare -m sh -c 'mount -t tmpfs none /proc' 2>/dev/null; then
	unshare -m sh -c 'mount -t tmpfs none /proc && exec "$0" locks "$1"' \
		"$FLOCKD" "$D" >/dev/null 2>"$T/err"; rc=$?
	is "$rc" 8 "missing /proc/locks exits 8 (unsupported)"
	grep -q "/proc/locks is missing" "$T/err"
	ok "and says so" test $? -eq 0
else
	skip "needs root and unshare -m" "missing /proc/locks exits 8 (unsupported)"
	skip "needs root and unshare -m" "and says so"
fi

tap_done
