#!/bin/bash
# SPDX-License-Identifier: MIT
# test_browser_find.sh - finding and knowing in the real browser: the
# search (f, Ctrl-S) moves the cursor without hiding a row and highlights
# the match, n/N go between matches; the details popup (i) of a key and
# of a conflict copy; the lock view acts (Enter goes to the key, K sends
# SIGTERM to the holder after a question naming pid and command); the
# recent-changes view (w) lists what changed while watching and goes to
# a key; the help screen lists the new actions.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
. "$top_srcdir/tests/lib/holders.sh"
tm_require flock

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/flockd-e2e.XXXXXX") || bail "mktemp"
trap 'release_all; tm_cleanup; rm -rf "$SCRATCH"' EXIT
DB=$SCRATCH/db
mkdir -p "$DB/users.tbl" || bail "mkdir"
for k in alice bob carol dave mallory trent; do
	printf '{"name": "%s"}' "$k" > "$DB/users.tbl/$k.kv"
done
printf 'theirs' > "$DB/users.tbl/carol.sync-conflict-20260101-120000-ABCDEFG.kv"
chmod 0640 "$DB/users.tbl/dave.kv"

tm_start 120 30 "$FLOCKD" -t users "$DB"
ok "the table opens" tm_wait "Keys: users (6 + 1 file)"

# search: the cursor moves, nothing is hidden
tm_keys f
tm_type "al"
ok "f searches as you type: the first match" tm_wait "Value: alice"
tm_keys Enter
ok "nothing is hidden" tm_wait "Keys: users (6 + 1 file)"
ok "the status line shows the search" tm_wait "find: al"
RAW=$(tm capture-pane -t main -p -e | grep -c $'\e\\[[0-9;]*43m' || true)
ok "the match is highlighted (a coloured span)" test "$RAW" -gt 0
tm_keys n
ok "n goes to the next match" tm_wait "Value: mallory"
tm_keys n
ok "n wraps round" tm_wait "Value: alice"
tm_keys N
ok "N goes back" tm_wait "Value: mallory"
tm_keys C-s
tm_keys C-u
tm_type "re:^t"
tm_keys Enter
ok "Ctrl-S searches too (a regex)" tm_wait "Value: trent"
tm_keys C-s
tm_keys C-u
tm_type "zzz"
ok "no match is said in the prompt" tm_wait "no key matches"
tm_keys Escape
ok "Esc in the prompt goes back where it was" tm_wait "Value: trent"
ok "and keeps the search before" tm_wait "find: re:^t"
tm_keys Escape
ok "Esc ends the search" tm_wait "search ended"

# details popup
tm_keys g j j j j
tm_wait "Value: dave" >/dev/null
tm_keys i
ok "i opens the details popup" tm_wait "Details"
ok "with the exact size" tm_wait "Size      16 bytes"
ok "the mode" tm_wait "Mode      -rw-r----- (0640), regular file"
ok "the time to the nanosecond" tm_wait_re "Modified  [0-9-]+ [0-9:]+\.[0-9]{9} "
ok "the inode" tm_wait "Inode     $(stat -c %i "$DB/users.tbl/dave.kv") on device"
ok "the lock holders" tm_wait "none held"
tm_keys q
tm_wait_gone "Details" >/dev/null
tm_keys k k i
ok "a key's conflict copies are listed" \
	tm_wait "carol.sync-conflict-20260101-120000-ABCDEFG.kv"
ok "with their kind" tm_wait "Syncthing conflict copy, 6 B"
tm_keys q
tm_wait_gone "Details" >/dev/null
tm_keys j i
ok "a conflict copy's details say it is not a key" \
	tm_wait "Syncthing conflict copy (not a key)"
ok "and whose copy it is" tm_wait "of carol, by ABCDEFG"
tm_keys q

# the lock view acts
hold_wait -x "$DB/users.tbl/mallory.kv"
MPID=$HOLDER
tm_keys L
ok "the lock view lists the holder" tm_wait "exclusive flock"
ok "with its command line and age" tm_wait_re "pid $MPID, running for [0-9]+(ms|s|m)"
tm_keys Enter
ok "Enter goes to the locked key" tm_wait "Value: mallory"
tm_keys L
tm_wait "exclusive flock" >/dev/null
tm_keys K
ok "K asks first, naming pid and command" \
	tm_wait "Send SIGTERM to pid $MPID (flock -o -x"
tm_keys n
ok "any other key than y sends nothing" tm_wait "nothing sent"
ok "the holder lives" kill -0 "$MPID"
tm_keys K
tm_wait "Send SIGTERM to pid $MPID" >/dev/null
tm_keys y
ok "y sends it" tm_wait "SIGTERM sent to pid $MPID"
ok "the holder is gone" tm_poll 5 bash -c "! kill -0 $MPID 2>/dev/null"
ok "and its lock with it" tm_wait "no process on this machine holds a lock"
tm_keys q
release_all

# recent changes while watching
tm_wait "watch" >/dev/null
printf 'new' | "$FLOCKD" set -t users "$DB" zed
printf 'v2' | "$FLOCKD" set -t users "$DB" bob
"$FLOCKD" delete -t users "$DB" trent
tm_wait_gone "trent" >/dev/null
tm_keys w
ok "w lists what changed" tm_wait "Recent changes: 3"
ok "a created key" tm_wait_re "[0-9:.]+  created  users +zed"
ok "a changed key" tm_wait_re "[0-9:.]+  changed  users +bob"
ok "a deleted key, newest first" \
	bash -c "tmux -L '$TM_SOCK' capture-pane -t main -p | sed -n 3p | grep -qE 'deleted  users +trent'"
tm_keys j j
tm_keys Enter
ok "Enter goes to the key" tm_wait "Value: zed"

# the help screen is generated from the actions: every page of it
tm_keys '?'
ok "the keys pane's help" tm_wait "Help: flockd key bindings (keys pane)"
HELP=$SCRATCH/help.txt
tm_pages > "$HELP"
for a in select select-invert select-shown select-none copy move export \
	 report search details recent zoom wider narrower half-page-down \
	 half-page-up; do
	ok "help lists $a" grep -qE "  $a  " "$HELP"
done
tm_keys q

tm_keys q
is "$(tm_exit_status)" "0" "q quits with status 0"
tap_done
