#!/bin/bash
# SPDX-License-Identifier: MIT
# test_set_signals.sh - `flockd set` streaming a value: SIGINT, SIGTERM and
# SIGHUP stop it with no temp file, no new table and the old value kept,
# also on the named-temp fallback (forced with an LD_PRELOAD shim that
# makes O_TMPFILE fail); and with unnamed temps (where the file system has
# them) even SIGKILL leaves nothing.
. "$top_srcdir/tests/lib/tap.sh"
set -m # background jobs must not start with SIGINT ignored
work=$(mktemp -d) || bail "mktemp"
cleanup() { exec 4>&- 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
shim=$top_builddir/tests/store/.libs/no_tmpfile.so
[ -f "$shim" ] || bail "no shim at $shim (make check builds it)"
db=$work/db
fifo=$work/fifo
mkfifo "$fifo" || bail "mkfifo"
# ASan (a sanitizer build) wants to be first; the shim has no ASan.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0

# start_set PRELOAD TABLE: a set of TABLE/key reading the FIFO; returns
# once 1 MiB went in (the writer end stays open on fd 4). $pid is set.
start_set() {
	LD_PRELOAD=$1 "$FLOCKD" set -t "$2" "$db" key "$fifo" 2>"$work/err" &
	pid=$!
	exec 4>"$fifo"
	head -c 1048576 /dev/zero >&4
}

entries() { ls -A "$1" 2>/dev/null | tr '\n' ' '; }

# ignored_on_entry SIG: true when SIG was ignored when this shell started
# (nohup, a background job of a non-interactive shell). A shell cannot
# undo that for its children, and `flockd set` rightly keeps such a
# signal ignored, so the signal would never stop it: skip, don't hang.
ignored_on_entry() {
	local mask
	mask=$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status) || return 1
	(( (16#$mask >> ($(kill -l "$1") - 1)) & 1 ))
}

"$FLOCKD" set "$db" key <<<"old" || bail "setup"
for sig in INT TERM HUP; do
	if ignored_on_entry "$sig"; then
		skip "SIG$sig was ignored when the tests started (nohup?)" \
			"$sig: set stops on the signal"
		continue
	fi
	start_set "$shim" "new-$sig"
	left=$(entries "$db/new-$sig.tbl")
	case $left in key.kv?*) tap_pass "$sig: a named temp while streaming" ;;
	*) tap_fail "$sig: a named temp while streaming" "saw: '$left'" ;; esac
	kill -"$sig" "$pid"
	wait "$pid"
	status=$?
	exec 4>&-
	is "$status" "$((128 + $(kill -l "$sig")))" "$sig: set dies of the signal"
	ok "$sig: no new table, no temp" test ! -e "$db/new-$sig.tbl"
	grep -q "Operation canceled" "$work/err"
	ok "$sig: it says the write was cancelled" test $? = 0
	# the same over an existing key of the root table
	start_set "$shim" ""
	kill -"$sig" "$pid"
	wait "$pid"
	exec 4>&-
	is "$(entries "$db")" "key.kv " "$sig: nothing left beside the key"
	is "$("$FLOCKD" get "$db" key)" "old" "$sig: the old value is intact"
done

# Unnamed temps: nothing to see while streaming, nothing after a kill.
if [ "$("$top_builddir/tests/store/temp_kind" "$db")" = unnamed ]; then
	start_set "" ""
	is "$(entries "$db")" "key.kv " "unnamed: no temp while streaming"
	kill -KILL "$pid"
	wait "$pid"
	exec 4>&-
	is "$(entries "$db")" "key.kv " "unnamed: nothing after SIGKILL"
	is "$("$FLOCKD" get "$db" key)" "old" "unnamed: the old value is intact"
else
	skip "no O_TMPFILE in $work" "unnamed temps"
fi
tap_done
