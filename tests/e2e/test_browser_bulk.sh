#!/bin/bash
# SPDX-License-Identifier: MIT
# test_browser_bulk.sh - picking keys and acting on them in the real
# browser: Space picks and goes down, * inverts, + picks what the filter
# shows, - unpicks; delete, copy (permission bits kept), move (a clash:
# skip or replace), export (flockd import reads it back) after one
# question naming the count; picks survive a re-listing (r); a key locked by another process is tried
# again and reported, the report (!) lists it; Esc stops a bulk action.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
. "$top_srcdir/tests/lib/holders.sh"
tm_require flock

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/flockd-e2e.XXXXXX") || bail "mktemp"
trap 'release_all; tm_cleanup; rm -rf "$SCRATCH"' EXIT
DB=$SCRATCH/db
mkdir -p "$DB/users.tbl" "$DB/archive.tbl" || bail "mkdir"
for k in alice bob carol dave erin frank; do
	printf '{"name": "%s"}' "$k" > "$DB/users.tbl/$k.kv"
done
chmod 0640 "$DB/users.tbl/alice.kv"
printf 'old bob' > "$DB/archive.tbl/bob.kv"
screen_has() { tm_screen | grep -qE -- "$1"; }

tm_start 120 30 "$FLOCKD" --timeout 1s -t users "$DB"
ok "the table opens" tm_wait "Keys: users (6)"

# Space picks and moves down; the title and the status line count picks
tm_keys Space Space
ok "Space picks two keys" tm_wait "Keys: users (6, 2 picked)"
ok "the status line counts the picks" tm_wait "2 picked"
ok "picked rows are marked *" screen_has "alice +\* "
ok "Space moved down past the picks" tm_wait "Value: carol"
# r lists the table again (as the periodic rescan does): the new list
# takes the picks over before it shows
tm_keys r
sleep 1
ok "the picks survive a re-listing (r)" tm_wait "Keys: users (6, 2 picked)"
ok "...on the same keys" screen_has "alice +\* "
tm_keys '*'
ok "* inverts the picks" tm_wait "(6, 4 picked)"
tm_keys -
ok "- unpicks every key" tm_wait_gone "picked"
tm_keys / r Enter
tm_wait "filter: r" >/dev/null
tm_keys +
ok "+ picks what the filter shows" tm_wait "(3 of 6, 3 picked)"
tm_keys Escape
ok "the picks stay when the filter goes" tm_wait "Keys: users (6, 3 picked)"

# copy the picks (carol erin frank) to a new table: one question
tm_keys c
ok "copy asks for the table" tm_wait "Copy 3 keys to table"
tm_type "backup"
tm_keys Enter
ok "the question names the count and the new table" \
	tm_wait "Copy 3 keys from users to backup (a new table)? (y/N)"
tm_keys y
ok "the copy is done, then said" tm_wait "copied 3 of 3 keys"
ok "copied keys are unpicked" tm_wait_gone "picked"
ok "the copies are on disk" test -f "$DB/backup.tbl/frank.kv"
ok "the source keys stay" test -f "$DB/users.tbl/frank.kv"
ok "the new table shows" tm_wait "backup"

# copy alice (cursor key, no picks): its mode 0640 is kept
tm_keys g c
tm_wait "Copy 1 key to table" >/dev/null
tm_type "backup"
tm_keys Enter
tm_wait "(y/N)" >/dev/null
tm_keys y
tm_wait "copied 1 of 1 key" >/dev/null
is "$(stat -c %a "$DB/backup.tbl/alice.kv")" "640" \
	"a copy keeps the value's permission bits"

# move bob to archive, which has a bob: skip or replace
tm_keys j
tm_wait "Value: bob" >/dev/null
tm_keys m
tm_wait "Move 1 key to table" >/dev/null
tm_type "archive"
tm_keys Enter
ok "a clash asks skip or replace" \
	tm_wait "1 of them exists there:  s skip them  r replace them"
tm_keys s
ok "skip leaves it" tm_wait "moved 0 of 1 key; 1 skipped (there already)"
is "$(cat "$DB/archive.tbl/bob.kv")" "old bob" "the skipped key is untouched"
tm_keys m
tm_wait "Move 1 key to table" >/dev/null
tm_type "archive"
tm_keys Enter
tm_wait "replace them" >/dev/null
tm_keys r
ok "replace moves it" tm_wait "moved 1 of 1 key"
is "$(cat "$DB/archive.tbl/bob.kv")" '{"name": "bob"}' "the moved value replaced it"
ok "the moved key left the source" test ! -e "$DB/users.tbl/bob.kv"
ok "and the list" tm_wait_gone "Value: bob"

# export the picks to a file flockd import reads
tm_keys g Space Space
tm_wait "2 picked" >/dev/null
tm_keys E
ok "export asks for a file, with a default" tm_wait "Export 2 keys to the file: users.jsonl"
tm_keys C-u
tm_type "$SCRATCH/out.jsonl"
tm_keys Enter
tm_wait "(y/N)" >/dev/null
tm_keys y
ok "export is done" tm_wait "exported 2 of 2 keys"
ok "the file has one line per key" \
	bash -c "[ \$(wc -l < '$SCRATCH/out.jsonl') = 2 ]"
"$FLOCKD" import "$SCRATCH/copy" "$SCRATCH/out.jsonl" >/dev/null 2>&1
is "$("$FLOCKD" get -t users "$SCRATCH/copy" alice)" '{"name": "alice"}' \
	"flockd import reads the export back"

# a locked key in a bulk delete: tried again, then reported
hold_wait -s "$DB/users.tbl/carol.kv"
tm_keys - g Space Space Space
tm_wait "3 picked" >/dev/null
tm_keys d
ok "delete names the count" tm_wait "Delete 3 keys of users? (y/N)"
tm_keys y
ok "the locked key is reported, the others deleted" \
	tm_wait "deleted 2 of 3 keys; 1 failed (carol: " 10
ok "the locked key stays on disk" test -f "$DB/users.tbl/carol.kv"
ok "and stays picked, for another try" tm_wait "1 picked"
tm_keys '!'
ok "! lists the failures key by key" tm_wait "carol: "
ok "with the step that failed" tm_wait 'at "lock"'
tm_keys q
release_all

# Esc stops a bulk action: a table of 3000 keys
mkdir -p "$DB/big.tbl"
for i in $(seq 3000); do : > "$DB/big.tbl/k$i.kv"; done
tm_keys h
tm_wait "big" >/dev/null
tm_keys g j j j l
ok "the big table shows" tm_wait "Keys: big (3,000)"
tm_keys + d
tm_wait "Delete 3,000 keys of big?" >/dev/null
tm_keys y Escape
ok "Esc stops it, saying what was done" tm_wait_re "stopped: deleted [0-9,]+ of 3000 keys; [0-9,]+ not done"
left=$(ls "$DB/big.tbl" | wc -l)
ok "keys not done are still there ($left)" test "$left" -gt 0

tm_keys q
is "$(tm_exit_status)" "0" "q quits with status 0"
tap_done
