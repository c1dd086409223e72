#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_import_signal.sh - import stopped by SIGTERM or SIGINT while
# its batch waits for a lock: it dies of the signal after one line
# saying so, every key holds its old or its new value (the locked one
# its old), the values not installed are dropped and no temp file is
# left in the database.
. "$top_srcdir/tests/cli/cli_lib.sh"

command -v flock >/dev/null || { skip "flock(1) not installed" "signals"; tap_done; exit; }
. "$top_srcdir/tests/lib/realprog.sh"
realprog_env "$F"
P=$(realprog "$F")
. "$top_srcdir/tests/lib/holders.sh"
trap 'release_all; cli_cleanup' EXIT

D=$T/db
printf '%s\n' '{"key":"a","value":"new a"}' '{"key":"b","value":"new b"}' \
	'{"key":"c","value":"new c"}' >"$T/in.jsonl"

for sig in TERM INT; do
	rm -rf "$D"
	printf 'old b' | "$F" set "$D" b || bail "set"
	hold_wait -x "$D/b.kv"
	# the real program, so that the signal reaches import itself; job
	# control on, or the shell starts it with SIGINT ignored
	set -m
	"$P" import --overwrite --timeout 30s "$D" "$T/in.jsonl" 2>"$T/err" &
	pid=$!
	set +m
	sleep 1
	kill -s "$sig" "$pid"
	wait "$pid"
	rc=$?
	release_all
	want=$((128 + $(kill -l "$sig")))
	is "$rc" "$want" "SIG$sig: import dies of the signal"
	err_has "SIG$sig: and says once that it stopped" "flockd import: stopped by a signal after line 3"
	is "$(cat "$D/b.kv")" "old b" "SIG$sig: the locked key keeps its old value"
	ok "SIG$sig: every other key is old (absent) or new, whole" \
		bash -c "for k in a c; do [ ! -e '$D/'\$k.kv ] || [ \"\$(cat '$D/'\$k.kv)\" = \"new \$k\" ] || exit 1; done"
	is "$(cd "$D" && ls -A | grep -v -x -e a.kv -e b.kv -e c.kv)" "" "SIG$sig: no temp file is left"
done

tap_done
