#!/bin/bash
# SPDX-License-Identifier: MIT
# test_views.sh - the inspection views driven in tmux through
# inspect_views_demo (the browser wires the same functions to its keys):
# the lock view shows a flock(1) holder, the check view removes a stale
# temp file and resolves conflict copies both ways (each confirmed), a
# read-only database refuses every change, the info screen and compare
# mode's value screen show what they must.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/holders.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"

DEMO=$top_builddir/tests/inspect/inspect_views_demo
tm_require
[ -x "$DEMO" ] || bail "$DEMO is not built"

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-views.XXXXXX") || bail "mktemp"
trap 'release_all; tm_cleanup; rm -rf "$T"' EXIT

# start ARGS...: run the demo in a fresh 100x24 session; it writes
# "rc=N" to $T/rc when it ends
start() {
	rm -f "$T/rc"
	tm_start 100 24 sh -c 'LC_ALL=C.UTF-8 "$0" "$@" 2>"'"$T/rc"'"' \
		"$DEMO" "$@"
}
keys() { tm_keys "$@"; }
wait_for() { tm_wait "$1"; }
shows() { tm_shows "$@"; }
wait_rc() {
	tm_exit_status >/dev/null
	cat "$T/rc" 2>/dev/null
}

D=$T/db
mkdir -p "$D/users.tbl"
printf 'v' >"$D/a.kv"
printf 'old' >"$D/a.kvX1y2"; touch -d '2 hours ago' "$D/a.kvX1y2"
printf 'line1\nline2\nline3\n' >"$D/users.tbl/carol.kv"
printf 'line1\nLINE2\nline3\nextra\n' >"$D/users.tbl/carol.sync-conflict-20240102-030405-ABCDEFG.kv"
printf 'mine' >"$D/users.tbl/dave.kv"
printf 'theirs' >"$D/users.tbl/dave.sync-conflict-20240102-030405-ABCDEFG.kv"

# --- read-only: every change refused
start check -r "$D"
shows "check view lists a stale temp file" " a.kvX1y2 "
shows "and the conflict copies" "users.tbl/carol.sync-conflict-2024"
shows "and says read-only" "[read-only]"
keys d
shows "read-only: removing a temp file is refused" "read-only: nothing changed"
ok "and the temp file is still there" test -e "$D/a.kvX1y2"
keys j Enter
shows "Enter on a conflict copy shows both values" "LINE2"
keys c
shows "read-only: keeping the copy is refused" "read-only: nothing changed"
ok "and the key is unchanged" test "$(cat "$D/users.tbl/carol.kv")" = "$(printf 'line1\nline2\nline3')"
keys q q
is "$(wait_rc)" "rc=0" "q leaves the views (returns 0)"

# --- read-write: remove the temp file, resolve both copies
start check "$D"
shows "check view (read-write)" "3 findings"
keys d
shows "removing asks first" "(y/N)"
keys n
shows "n keeps it" "nothing removed"
ok "the temp file is still there after n" test -e "$D/a.kvX1y2"
keys d
wait_for "(y/N)"
keys y
shows "y removes it" "removed"
ok "the stale temp file is gone" test ! -e "$D/a.kvX1y2"

# the list is now: carol's copy, dave's copy
keys g Enter
shows "side by side: the key's line" "line2"
shows "side by side: the copy's line" "LINE2"
shows "differing rows are marked" "! line2"
keys v
shows "v shows a unified diff" "+ LINE2"
keys c
shows "keeping the copy's value asks first" "Make the copy's value (24 bytes) the value of carol"
keys y
shows "the copy's value is saved" "now the key's; copy removed"
is "$(cat "$D/users.tbl/carol.kv")" "$(printf 'line1\nLINE2\nline3\nextra')" "the key now holds the copy's value"
ok "the copy is removed" test ! -e "$D/users.tbl/carol.sync-conflict-20240102-030405-ABCDEFG.kv"

keys g Enter
shows "dave's copy" "theirs"
keys k
shows "keeping the key's value asks first" "Keep the value of dave and remove the copy"
keys y
shows "the copy is dropped" "kept the key's value; copy removed"
is "$(cat "$D/users.tbl/dave.kv")" "mine" "dave keeps its value"
ok "dave's copy is removed" test ! -e "$D/users.tbl/dave.sync-conflict-20240102-030405-ABCDEFG.kv"
shows "nothing is left to find" "no leftovers found"
keys q
is "$(wait_rc)" "rc=0" "check view returns 0"

# --- the key changed behind the screen: nothing is overwritten
printf 'k1' >"$D/e.kv"
printf 'c1' >"$D/e.sync-conflict-20240102-030405-ABCDEFG.kv"
start check "$D"
wait_for "e.sync-conflict" || true
keys Enter
wait_for "c1" || true
printf 'k2' >"$D/e.kv.new" && mv "$D/e.kv.new" "$D/e.kv"
keys c
wait_for "(y/N)" || true
keys y
shows "a key changed since shown is not overwritten" "changed since shown"
is "$(cat "$D/e.kv")" "k2" "the newer value stays"
ok "the copy stays" test -e "$D/e.sync-conflict-20240102-030405-ABCDEFG.kv"
keys q

# --- the cleaning rule, on the screen: why each temp is or is not removable
W=$T/why; mkdir -p "$W"
printf 'v' >"$W/h.kv"; printf 'v' >"$W/y.kv"
printf 'held' >"$W/h.kvHeld1"; touch -d '2 hours ago' "$W/h.kvHeld1"
printf 'stale' >"$W/s.kvStale1"; touch -d '2 hours ago' "$W/s.kvStale1"
printf 'young' >"$W/y.kvYoung1"
HELD=no
if command -v flock >/dev/null; then
	hold_wait -x "$W/h.kvHeld1"
	WP=$HOLDER
	HELD=yes
fi
start check "$W"
tm_row_shows "the stale temp: removable, with its age" s.kvStale1 \
	"^  temp +2h +s.kvStale1 +of key s; removable: 2h old, no lock held"
tm_row_shows "a temp seconds old is never called stale" y.kvYoung1 \
	"^  temp +[0-9]+s +y.kvYoung1 +of key y; kept: ([0-9]+s|under 1s) old, stale after 1h"
if [ $HELD = yes ]; then
	tm_row_shows "a temp whose lock is held: kept, and why" h.kvHeld1 \
		"h.kvHeld1 +of key h; kept: a process holds a lock on it"
else
	skip "needs flock(1)" "a temp whose lock is held: kept, and why"
fi
shows "the title counts what to act on" "3 findings, 1 to act on"
keys G
keys d
shows "d on a young temp says why, asks nothing" "stale after 1h: nothing removed"
if tm_screen | grep -q -F "(y/N)"; then tap_fail "no question for a file the rule keeps" "$(tm_screen)"
else tap_pass "no question for a file the rule keeps"; fi
ok "the young temp is still there" test -e "$W/y.kvYoung1"
if [ $HELD = yes ]; then
	keys g
	keys d
	shows "d on a held temp says why" "holds a lock on it: nothing removed"
	ok "the held temp is still there" test -e "$W/h.kvHeld1"
else
	skip "needs flock(1)" "d on a held temp says why"
	skip "needs flock(1)" "the held temp is still there"
fi
keys g j d
wait_for "(y/N)" || true
keys y
shows "the stale temp goes" "removed"
ok "and is gone" test ! -e "$W/s.kvStale1"
keys q
is "$(wait_rc)" "rc=0" "check view returns 0"
[ -n "${WP:-}" ] && release "$WP"

# --- lock view
if command -v flock >/dev/null && [ -r /proc/locks ]; then
	hold_wait -x "$D/a.kv"
	HP=$HOLDER
	start locks "$D" ""
	shows "lock view is labelled local holders only" "local holders only"
	shows "it shows the holder's pid" " $HP "
	shows "and mode and command" "exclusive flock"
	release "$HP"
	shows "it refreshes by itself when the lock goes" "no process on this machine holds a lock"
	keys q
	is "$(wait_rc)" "rc=0" "lock view returns 0"
else
	for n in 1 2 3 4 5; do skip "needs flock(1) and /proc/locks" "lock view $n"; done
fi

# --- info screen
start info "$D"
shows "info names the file system" "file system"
shows "and what it means for locks" "locks"
shows "and counts keys" "keys"
keys q
is "$(wait_rc)" "rc=0" "info returns 0"

# --- compare mode's value screen, binary values in hex
R=$T/replica; mkdir -p "$R"
printf 'AB\000\002CD' >"$D/bin.kv"; printf 'AB\000\003CD' >"$R/bin.kv"
start compare "$D" "$R" "" bin
shows "compare shows binary values as hex" "00000000  41 42 00 02 43 44"
shows "and the other side" "41 42 00 03 43 44"
shows "marked as differing" "1 rows differ (hex)"
keys q
start compare "$D" "$R" "" a
shows "a key missing on one side is shown as missing" "(missing)"
keys q
is "$(wait_rc)" "rc=0" "compare returns 0"

tap_done
