#!/bin/bash
# SPDX-License-Identifier: MIT
# test_settle.sh - the browser's check view settles many keys' conflict
# copies at once, in a real terminal: each copy's row shows "= key" (or
# differs), its size, the device from its name and its mtime; Space marks
# keys, `*` marks all; drop identical, keep key and keep newest each ask
# with the counts and do what they said (the files on disk); a key held by
# flock -x is reported with the reason and left while the others are
# settled; Esc on the wait line stops and leaves the keys not yet tried;
# a read-only database refuses.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/holders.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"

tm_require flock

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-settle.XXXXXX") || bail "mktemp"
trap 'release_all; tm_cleanup; rm -rf "$T"' EXIT

D=$T/db
mkdir -p "$D/sub.tbl"
ST=sync-conflict-20240102-030405
put() { printf '%s' "$2" >"$D/$1"; [ -z "${3:-}" ] || touch -d "$3" "$D/$1"; }
put k1.kv k1-old '1 hour ago'; put "k1.$ST-AAAAAAA.kv" k1-newer
put k2.kv same; put 'k2 (conflict_on_2024-01-03).kv' same
put k3.kv k3-key; put "k3.$ST-CCCCCCC.kv" k3-copy '1 day ago'
put k5.kv five; put "k5.$ST-EEEEEEE.kv" five
put k6.kv k6-old '1 hour ago'; put "k6.$ST-FFFFFFF.kv" k6-newer
put sub.tbl/k4.kv k4-old '1 hour ago'; put "sub.tbl/k4.$ST-DDDDDDD.kv" k4-newer

# start [-r]: the browser on $D, then its check view
start() {
	tm_start 160 30 env LC_ALL=C.UTF-8 "$FLOCKD" --timeout 2s "$@" "$D"
	tm_wait_say "k1" || true
	tm_keys C
	tm_wait_say "Check:" || true
}
gone() { ok "$1" test ! -e "$D/$2"; }
there() { ok "$1" test -e "$D/$2"; }
holds() { is "$(cat "$D/$2")" "$3" "$1"; }

# --- what each copy's row shows
start
when=$(date -r "$D/k1.$ST-AAAAAAA.kv" '+%Y-%m-%d %H:%M:%S')
tm_row_shows "a differing copy: differs, its size, device, mtime" "k1.$ST" \
	"^  syncthing-conflict .*differs, 8 B, device AAAAAAA, $when"
tm_row_shows "a copy holding the key's bytes says = key" "k2 (conflict_on" \
	"= key, 4 B, [0-9-]+ [0-9:]+$"
tm_row_shows "a copy in another table, with its device" "sub.tbl/k4.$ST" \
	"differs, 8 B, device DDDDDDD"
tm_shows "the keys are listed in the status line" "<Space> mark"

# --- mark two keys, drop identical
tm_keys g j ' '
tm_shows "Space marks the key" "1 key marked"
tm_row_shows "its row shows the mark" "k2 (conflict_on" '^\* '
tm_keys j ' '
tm_shows "a second key marked" "2 keys marked"
tm_row_shows "k5's row too" "k5.$ST" '^\* '
tm_row_shows "k3 (passed over) is not marked" "k3.$ST" '^  '
tm_keys =
tm_shows "the question names the counts" \
	"Remove 2 conflict copies identical to the key, of 2 keys? (y/N)"
tm_keys n
tm_shows "n changes nothing" "nothing changed"
there "k2's copy is still there" "k2 (conflict_on_2024-01-03).kv"
tm_keys =
tm_wait_say "(y/N)" || true
tm_keys y
tm_shows "the summary line" "settled 2 keys (2 copies removed)"
gone "k2's identical copy is removed" "k2 (conflict_on_2024-01-03).kv"
gone "k5's identical copy is removed" "k5.$ST-EEEEEEE.kv"
there "k1's differing copy stays" "k1.$ST-AAAAAAA.kv"
holds "k2 keeps its value" k2.kv same
tm_shows "the list is read again" "Check: 4 findings"
tm_wait_gone "k5.$ST" || true
if tm_has "keys marked" || tm_has "key marked"; then
	tap_fail "marks are cleared after settling" "$(tm_screen)"
else tap_pass "marks are cleared after settling"; fi

# --- keep key on the copy under the cursor (no marks)
tm_keys g j
tm_keys K
tm_shows "keep key without marks: the key under the cursor" \
	"Keep the key's value of 1 key and remove 1 conflict copy? (y/N)"
tm_keys y
tm_shows "settled" "settled 1 key (1 copy removed)"
holds "k3 keeps its own value" k3.kv k3-key
gone "k3's copy is removed" "k3.$ST-CCCCCCC.kv"
there "k1's copy is untouched" "k1.$ST-AAAAAAA.kv"

# --- keep newest on all, k6 held by flock -x: reported and left
hold_wait -x "$D/k6.kv"
H6=$HOLDER
tm_keys '*'
tm_shows "* marks every key" "3 keys marked"
tm_keys N
tm_shows "keep newest asks with the counts" \
	"Keep the newest version of 3 keys (some take a copy's value) and remove 3 conflict copies? (y/N)"
tm_keys y
tm_shows "the wait line counts down for the held key" \
	"settling k6 (2 of 3): waiting for its locks"
tm_shows "the held key is reported with the reason" \
	"settled 2 keys (2 copies removed); failed 1, first: k6: lock timeout"
holds "k1 takes the newer copy's value" k1.kv k1-newer
gone "k1's copy is removed" "k1.$ST-AAAAAAA.kv"
holds "k4 (another table) takes its newer copy's value" sub.tbl/k4.kv k4-newer
gone "k4's copy is removed" "sub.tbl/k4.$ST-DDDDDDD.kv"
holds "the held key is left as it was" k6.kv k6-old
there "and its copy stays" "k6.$ST-FFFFFFF.kv"
tm_shows "the list shows the truth: k6's copy alone" "Check: 1 finding"

# --- Esc on the wait line stops; the keys not yet tried are left
put k7.kv k7-old '1 hour ago'; put "k7.$ST-GGGGGGG.kv" k7-newer
tm_keys r
tm_shows "a rescan finds k7's copy" "k7.$ST"
tm_keys '*'
tm_wait_say "2 keys marked" || true
tm_keys N
tm_wait_say "(y/N)" || true
tm_keys y
tm_shows "waiting for k6's lock" "settling k6 (1 of 2)"
tm_keys Escape
tm_shows "Esc stops: k6 failed, k7 not tried" \
	"settled 0 keys (0 copies removed); failed 1, first: k6: stopped (nothing changed)"
tm_shows "the rest is said to be left" "stopped: 1 not tried"
holds "k7 is left as it was" k7.kv k7-old
there "k7's copy stays" "k7.$ST-GGGGGGG.kv"
release "$H6"

# --- once the lock is gone, k6 settles
tm_keys g N
tm_wait_say "(y/N)" || true
tm_keys y
tm_shows "k6 settles once its lock is free" "settled 1 key (1 copy removed)"
holds "k6 takes its newer copy" k6.kv k6-newer
tm_keys q q
is "$(tm_exit_status)" "0" "the browser quits cleanly"

# --- read-only: refused
start -r
tm_keys '*'
tm_wait_say "1 key marked" || true
tm_keys K
tm_shows "read-only refuses settling" "read-only: nothing changed"
there "k7's copy stays" "k7.$ST-GGGGGGG.kv"
tm_keys q q

tap_done
