#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_timeout.sh - --timeout is honoured against an outside flock(1)
# holder: the command fails with the lock-timeout status, after about the
# timeout (generous margin), and works again once the holder is gone.
. "$top_srcdir/tests/cli/cli_lib.sh"

command -v flock >/dev/null || { skip "flock(1) not installed" "timeouts"; tap_done; exit; }

D=$T/db
printf 'v1' | "$F" set "$D" k || bail "set"
. "$top_srcdir/tests/lib/holders.sh"
# hold MODE: an outside process holds a MODE (-x or -s) lock on k's file.
hold_k() { hold_wait "$1" "$D/k.kv"; }
trap 'release_all; cli_cleanup' EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# timed NAME WANT_MS CMD...: exits with the timeout status after about
# WANT_MS (not much sooner, at most 2 s later).
timed() {
	local name=$1 want=$2 t0 t1 rc; shift 2
	t0=$(now_ms)
	"$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?; t1=$(now_ms)
	local took=$((t1 - t0))
	if [ "$rc" -eq $EX_TIMEOUT ] && [ "$took" -ge $((want - 50)) ] &&
		[ "$took" -le $((want + 2000)) ]; then
		tap_pass "$name (exit $rc after ${took}ms)"
	else
		tap_fail "$name" "exit $rc after ${took}ms; want $EX_TIMEOUT after ~${want}ms" \
			"stderr: $(cat "$T/err")"
	fi
}

hold_k -x
timed "get times out against an exclusive holder" 500 "$F" get --timeout 500ms "$D" k
err_has "the timeout is one line naming key and reason" "flockd get: k: "
timed "set times out" 300 "$F" set --timeout 300ms "$D" k /dev/null
timed "update times out" 300 "$F" update --timeout 0.3s "$D" k /dev/null
timed "delete times out" 300 "$F" delete --timeout 300ms "$D" k
timed "export times out on the locked key" 300 "$F" export --timeout 300ms "$D"
timed "the default timeout is 2s" 2000 "$F" get "$D" k
printf '{"key":"k","value":"new"}\n' >"$T/imp.jsonl"
timed "import --overwrite times out" 300 "$F" import --overwrite --timeout 300ms "$D" "$T/imp.jsonl"
# The inspection commands wait the same: --timeout, and 2 s by default
# (they used to wait 5 s). diff reads values under shared locks; an
# exclusive holder on the replica's key holds it off.
R=$T/replica
printf 'v2' | "$F" set "$R" k || bail "set replica"
hold_wait -x "$R/k.kv"
timed "diff --timeout 300ms times out on a locked value" 300 "$F" diff --timeout 300ms "$D" "$R"
timed "diff waits 2s by default, as every command" 2000 "$F" diff "$D" "$R"
err_has "and says which key, which side" "flockd diff: k: lock timeout"

# A timeout too long for the clock is clamped, not overflowed: it waits
# (it used to expire at once).
"$F" get --timeout 99999999h "$D" k >/dev/null 2>&1 &
waiter=$!
sleep 1
ok "get --timeout 99999999h is still waiting after 1 s" kill -0 "$waiter"
kill "$waiter" 2>/dev/null; wait "$waiter" 2>/dev/null
release_all
is "$("$F" get --timeout 1s "$D" k)" v1 "after the holder is gone: the value is intact and readable"

hold_k -s
status "get shares a shared holder's lock" 0 "$F" get --timeout 300ms "$D" k
timed "set times out against a shared holder" 300 "$F" set --timeout 300ms "$D" k /dev/null
release_all
status "set works once the holder is gone" 0 "$F" set --timeout 1s "$D" k /dev/null

tap_done
