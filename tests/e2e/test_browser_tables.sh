#!/bin/bash
# SPDX-License-Identifier: MIT
# test_browser_tables.sh - tables as first-class in the real browser: the
# tree (folders, expand and collapse), the tables pane's filter, a new
# table nested under the cursor's, renaming a table (its keys moved one
# by one), deleting one (the question names its key count and what stays;
# files that are not keys and nested tables are kept); the natural sort;
# Ctrl-D/Ctrl-U half pages; zoom and the tables pane's width.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
tm_require

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/flockd-e2e.XXXXXX") || bail "mktemp"
trap 'tm_cleanup; rm -rf "$SCRATCH"' EXIT
DB=$SCRATCH/db
mkdir -p "$DB/users.tbl" "$DB/users/archive.tbl" "$DB/logs/2024.tbl" \
	"$DB/logs/2025.tbl" "$DB/a-very-long-table-name-for-the-zoom-test.tbl" ||
	bail "mkdir"
for k in key1 key2 key10 key9 Key3; do printf '%s' "$k" > "$DB/users.tbl/$k.kv"; done
printf 'x' > "$DB/users.tbl/key1.sync-conflict-20260101-120000-ABCDEFG.kv"
for i in $(seq -w 1 60); do printf 'v' > "$DB/logs/2024.tbl/e$i.kv"; done
screen_has() { tm_screen | grep -qE -- "$1"; }

tm_start 120 30 "$FLOCKD" "$DB"
ok "the tree shows folders and tables" tm_wait "logs"
ok "a nested table shows by its last name, indented" screen_has "^x +2024 "
ok "a branch has a marker" screen_has "▾ users"

# collapse and expand: Space, then h and l
tm_keys h
tm_type "/"
tm_type "users"
tm_keys Enter
tm_wait "Tables (2 of 6)" >/dev/null
ok "the tables filter lists matches by full path" tm_wait "users/archive"
tm_keys Escape
ok "Esc ends the tables filter" tm_wait "Tables (6)"
ok "the cursor stayed on its table" tm_wait "Keys: users ("
tm_keys Space
ok "Space collapses a branch" tm_wait_gone "archive"
ok "its marker says so" screen_has "▸ users"
tm_keys l
ok "l on a collapsed branch expands it" tm_wait "archive"
tm_keys Space
tm_wait_gone "archive" >/dev/null
tm_keys O
ok "O expands every branch" tm_wait "archive"
tm_keys O
ok "O again collapses every one" tm_wait_gone "2025"

# a nested table, made from the tables pane
tm_keys O
tm_wait "2025" >/dev/null
tm_type "/"
tm_type "users"
tm_keys Enter
tm_wait "Tables (2 of" >/dev/null
# Esc on its own (Esc and a key at once are Alt+key), seen done first
tm_keys Escape
tm_wait "Tables (6)" >/dev/null
tm_keys A
ok "new table is prefilled with the cursor's table" \
	tm_wait "New table (a/b for nested): users/"
tm_type "drafts"
tm_keys Enter
ok "the nested table is made and shown" tm_wait "Keys: users/drafts (0)"
ok "on disk" test -d "$DB/users/drafts.tbl"

# rename a table: its keys move, the old directory goes
tm_keys R
ok "rename asks for the name" tm_wait "Rename the table to: users/drafts"
tm_keys C-u
tm_type "drafts"
tm_keys Enter
ok "the question names the key count" \
	tm_wait "Rename table users/drafts to drafts: move its 0 keys"
tm_keys y
ok "the renamed table shows" tm_wait "Keys: drafts (0)"
ok "the old directory went" test ! -e "$DB/users/drafts.tbl"

# delete a table: keys deleted, the conflict copy and the nested table kept
tm_type "/"
tm_type "users"
tm_keys Enter
tm_wait "Tables (2 of" >/dev/null
tm_keys Escape
tm_wait "Tables (7)" >/dev/null
tm_wait "Keys: users (5 + 1 file)" >/dev/null
tm_keys d
ok "delete names the key count and what stays" \
	tm_wait "Delete table users: its 5 keys, each under its lock?"
ok "files that are not keys and nested tables are kept" \
	tm_wait "Kept: 1 file that is not keys"
tm_keys y
ok "the keys are deleted; the directory stays, said why" \
	tm_wait "deleted 5 of 5 keys; the directory stays: 1 file"
ok "the conflict copy is still on disk" \
	test -f "$DB/users.tbl/key1.sync-conflict-20260101-120000-ABCDEFG.kv"
ok "the nested table is untouched" test -d "$DB/users/archive.tbl"
ok "no key is left" bash -c "! ls '$DB/users.tbl' | grep -qx 'key[0-9]*.kv'"

# natural sort, half pages (on logs/2024: 60 keys)
for k in key1 key2 key10 key9; do printf '%s' "$k" > "$DB/users.tbl/$k.kv"; done
tm_keys l
tm_wait "Keys: users (4" >/dev/null
tm_keys s s
ok "s reaches the natural sort" tm_wait "sort: natural ascending"
ok "natural: key9 before key10" \
	bash -c "tmux -L '$TM_SOCK' capture-pane -t main -p | tr -s ' ' | grep -o 'key[0-9]*' | tr '\n' ' ' | grep -q 'key1 key2 key9 key10'"
tm_keys h
tm_type "/"
tm_type "2024"
tm_keys Enter l
tm_wait "Keys: logs/2024 (60)" >/dev/null
tm_keys g C-d
ok "Ctrl-D goes down half a page" tm_wait "Value: e14"
tm_keys C-d C-u
ok "Ctrl-U goes back up half a page" tm_wait "Value: e14"

# zoom and width (the filter still holds "2024": typed over)
pane_row() { tm_screen | grep -qE -- "^x  $1"; }
tm_keys h
tm_type "/"
tm_keys C-u
tm_type "zoom"
tm_keys Enter
ok "a long table name is cut in the tables pane" \
	tm_poll 10 pane_row "a-very-long-tab.*…"
tm_keys z
ok "z zooms the pane: the whole name shows" \
	tm_poll 10 pane_row "a-very-long-table-name-for-the-zoom-test "
tm_keys z
ok "z again: back to three panes" tm_poll 10 pane_row "a-very-long-tab.*…"
tm_keys '>' '>' '>' '>' '>' '>'
ok "> widens the tables pane" \
	tm_poll 10 pane_row "a-very-long-table-name-for-the-zoom-test "
tm_keys '<' '<' '<' '<' '<' '<'
ok "< narrows it again" tm_poll 10 pane_row "a-very-long-tab.*…"

tm_keys q
is "$(tm_exit_status)" "0" "q quits with status 0"
tap_done
