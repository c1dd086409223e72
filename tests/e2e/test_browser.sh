#!/bin/bash
# SPDX-License-Identifier: MIT
# test_browser.sh - the browser in a real terminal (tmux): the demo's first
# screen, moving through tables and keys, filter, sort, hex, help, hostile
# names rendered escaped, resizing to 40x10 and back.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
tm_require

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/flockd-e2e.XXXXXX") || bail "mktemp"
trap 'tm_cleanup; rm -rf "$SCRATCH"' EXIT

tm_start 120 30 env TMPDIR="$SCRATCH" "$FLOCKD" --demo
ok "first screen shows the tables pane" tm_wait "Tables (6)"
S=$(tm_screen)
ok "first screen lists nested tables in the tree, under their parent" \
	bash -c 'grep -A1 -E "^x. users " | grep -qE "^x    archive "' <<<"$S"
ok "first screen lists the root's keys" grep -qF "readme" <<<"$S"
ok "first screen shows a value preview" grep -qF "Value: large-log" <<<"$S"
ok "status line shows the watch state" grep -qE "(watch|poll)" <<<"$S"
ok "status line hints at help" grep -qF "? help" <<<"$S"
DB=$(ls -d "$SCRATCH"/flockd-demo.* 2>/dev/null | head -1)
ok "the demo made its database" test -d "$DB/users.tbl"

# Move to the users table: Left focuses tables, j moves, l goes back.
tm_keys h j j j j l
ok "j in the tables pane selects users" tm_wait "Keys: users ("
ok "users' keys show" tm_wait "avatar.png"
ok "the title counts keys and the other files apart" tm_wait "Keys: users (11 + 2 files)"
ok "so does the status line" bash -c "tmux -L '$TM_SOCK' capture-pane -t main -p | tail -1 | grep -qE ' 11 keys +2 files '"
ok "a conflict copy is marked !" \
	bash -c "tmux -L '$TM_SOCK' capture-pane -t main -p | grep -qE 'carol\.sync-conflict.*! '"
ok "a stale temp file is marked ~" \
	bash -c "tmux -L '$TM_SOCK' capture-pane -t main -p | grep -qE 'bob\.kv[A-Za-z0-9]+ +~'"
tm_keys j
ok "j in the keys pane moves to alice" tm_wait "Value: alice"
tm_keys G
ok "G goes to the last key" tm_wait "Value: 日本語-wide"
tm_keys g
ok "g goes to the first key" tm_wait "Value: a-very-long-key"

# Hostile names: escaped, never raw.
S=$(tm_screen)
ok "hostile name shown escaped" grep -qF 'evil\x1b]0;pwned\x07\x1b[' <<<"$S"
RAW=$(tm capture-pane -t main -p -e | grep -c $'\x1b\\]' || true)
is "$RAW" "0" "no OSC escape sequence reaches the pane"
TITLE=$(tm display -t main -p '#{pane_title}')
ok "the pane's title was not changed by a key name" \
	bash -c "[ '$TITLE' != 'pwned' ]"
ok "the plain capture holds no ESC byte" \
	bash -c "! tmux -L '$TM_SOCK' capture-pane -t main -p | grep -q $'\x1b'"
ok "wide-character name shows" grep -qF "日本語-wide" <<<"$S"
ok "long name cut with an ellipsis" grep -qF "a-very-long-key-name-that…" <<<"$S"

# Filter: substring, regex, glob; Esc restores.
tm_keys / c a r
ok "filter narrows as you type" tm_wait "(2 of 11 + 2 files)"
tm_keys Enter
ok "Enter keeps the filter (status line)" tm_wait "filter: car"
ok "filtered list hides other keys" tm_wait_gone "avatar.png"
tm_keys n
ok "n moves to the next match" tm_wait "Value: carol.sync-conflict"
ok "the status line names the selected file's kind, device and time" \
	tm_wait "syncthing-conflict of carol, by ABCDEFG"
tm_keys Enter
ok "Enter on a conflict copy: not a key, says what it is" \
	tm_wait "not a key: syncthing"
tm_keys Escape
ok "Esc clears the filter" tm_wait "avatar.png"
tm_keys / r e : '^(alice|bob)$' Enter
ok "re: filter matches a regex" tm_wait "(2 of 11 + 2 files)"
# Esc on its own (Esc and a key at once are Alt+key), seen done first
tm_keys Escape
tm_wait "avatar.png" >/dev/null
tm_keys / g l o b : '*.png' Enter
ok "glob: filter matches a pattern" tm_wait "(1 of 11 + 2 files)"
tm_keys Escape
tm_wait "Keys: users (11 + 2 files)" >/dev/null
tm_keys / r e : '('
ok "a bad regex is reported in the prompt" tm_wait "bad regex"
tm_keys Escape
ok "Esc in the prompt closes it" tm_wait_gone "bad regex"
ok "Esc in the prompt restores the list" tm_wait "avatar.png"

# Sort: name desc, natural, then size asc (the empty value first).
tm_keys s
ok "s sorts by name descending" tm_wait "name ▼"
tm_keys s
ok "s again sorts naturally" tm_wait "natural ▲"
tm_keys s s g
ok "s twice more sorts by size" tm_wait "size ▲"
ok "smallest value first under size sort" tm_wait "Value: empty"
tm_keys s s s s
ok "the sort cycles back to name" tm_wait "name ▲"

# Hex toggle on a text value, and the automatic hex of a binary one.
tm_keys g j
tm_wait "Value: alice" >/dev/null
tm_keys x
ok "x shows the value as hex" tm_wait "7b 22 6e 61 6d 65 22 3a"
tm_keys x
ok "x again shows text" tm_wait '{"name": "Alice"'
tm_keys j
ok "a binary value shows as a hex dump" tm_wait "89 50 4e 47 0d 0a 1a 0a"

# Help screen from the binding table.
tm_keys '?'
ok "? opens the help screen" tm_wait "Help: flockd key bindings"
S=$(tm_pages)
for want in "Quit flockd" "Cycle the sort" "Delete the key" "<C-l>" \
	"<PgDn>" "<BackTab>" "Create a new table" "next-pane"; do
	ok "help lists: $want" grep -qF -- "$want" <<<"$S"
done
tm_keys q
ok "a key closes the help" tm_wait_gone "Help: flockd key bindings"

# 40x10 and back.
tm resize-window -t main -x 40 -y 10
ok "at 40x10 the focused pane still shows" tm_wait "Keys: users"
S=$(tm_screen)
W=$(wc -L <<<"$S")
ok "at 40x10 nothing is wider than the screen ($W)" test "$W" -le 40
ok "at 40x10 the panes collapsed" bash -c "! grep -qF 'Tables (' <<<'$S'"
tm_keys Tab
ok "Tab at 40x10 shows the value pane" tm_wait "Value:"
tm resize-window -t main -x 120 -y 30
ok "back at 120x30 all three panes show" tm_wait "Tables (6)"

# Mouse (SGR reports, as xterm sends them for TERM=xterm-256color): a
# click on the tables pane's second row selects "config"; then "empty".
tm_keys -l $'\e[<0;2;3M\e[<0;2;3m'
ok "a mouse click selects a table" tm_wait "Keys: config ("
tm_keys -l $'\e[<0;2;4M\e[<0;2;4m'
ok "a click on another row selects that one" tm_wait "Keys: empty ("

# Quit: the demo says where its database is.
tm_keys q
is "$(tm_exit_status)" "0" "q quits with status 0"
ok "the demo prints its directory" tm_wait "the demo database is in $SCRATCH"

tap_done
