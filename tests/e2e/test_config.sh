#!/bin/bash
# SPDX-License-Identifier: MIT
# test_config.sh - the config file ($XDG_CONFIG_HOME/flockd/config) as a
# user relies on it: a key rebound (and its old key unbound) in the
# browser, the editor and an inspection view works there, and each help
# screen shows the new binding; a broken line is reported with file:line
# (stderr, and the status line) while the program starts with the rest
# applied; --dump-config read back as a config dumps the same; NO_COLOR
# wins over colours; the commands for scripts ignore the file.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-config.XXXXXX") || bail "mktemp"
trap 'tm_cleanup; rm -rf "$T"' EXIT
CFG=$TM_CONFIG_HOME/flockd/config
mkdir -p "$TM_CONFIG_HOME/flockd" "$T/db/t.tbl"
printf 'one' >"$T/db/t.tbl/alpha.kv"
printf 'two!' >"$T/db/t.tbl/beta.kv"
printf 'bin\000\001\002\003\004\005\006\007\010\011\012\013\014' >"$T/db/t.tbl/bin.kv"
printf 'old' >"$T/db/t.tbl/alpha.kvX1y2Z"
touch -d '2 hours ago' "$T/db/t.tbl/alpha.kvX1y2Z"

cat >"$CFG" <<'EOF'
# keys moved away from their defaults
bind generic S sort
bind generic s none
bind nowhere x quit
bind editor <F2> save
bind editor <C-s> none
bind check X remove
bind check d none
set timeout = 1s
set sort = size
set hex-width = 8
set wrap = yes
EOF

# --- without a terminal: errors on stderr, the dump, the commands
OUT=$("$FLOCKD" --dump-config 2>"$T/err"); RC=$?
is "$RC" "1" "--dump-config exits 1 when the config has errors"
# The list of views is the action table's; the line names them all.
is "$(sed 's/, changed,.*)$/, changed, ...)/' "$T/err")" "flockd: $CFG:4: unknown view \"nowhere\" (views: generic, tables, keys, value, pager, locks, check, resolve, info, compare, details, recent, editor, prompt, confirm, conflict, unsaved, changed, ...)" \
	"the broken line is reported as file:line on stderr"
ok "the dump has the config's bindings" grep -qE '^bind editor +<F2> +save$' <<<"$OUT"
ok "the dump shows an unbound key as none" grep -qE '^bind generic +s +none$' <<<"$OUT"
ok "the dump has the config's settings" grep -qE '^set sort += size ' <<<"$OUT"
ok "the dump has the defaults too" grep -qE '^bind generic +q +quit$' <<<"$OUT"
ok "the dump names every colour element" grep -qE '^color escape +cyan default bold' <<<"$OUT"

printf '%s\n' "$OUT" >"$T/dump1"
mv "$CFG" "$T/config.orig"
cp "$T/dump1" "$CFG"
"$FLOCKD" --dump-config >"$T/dump2" 2>"$T/err2"; RC=$?
is "$RC" "0" "the dump read back as a config has no errors"
ok "  and dumps the same" cmp -s "$T/dump1" "$T/dump2"
is "$(cat "$T/err2")" "" "  with nothing on stderr"
mv "$T/config.orig" "$CFG"

OUT=$("$FLOCKD" ls -t t "$T/db" 2>&1); RC=$?
is "$RC" "0" "the commands for scripts ignore the config (ls works)"
ok "  and say nothing about it" bash -c "! grep -q nowhere <<<'$OUT'"

# --- the browser: the broken line on the status line, the rest applied
tm_start 120 30 env LC_ALL=C.UTF-8 "$FLOCKD" -t t "$T/db"
tm_shows "the browser starts despite the broken line" "Keys: t ("
tm_shows "the status line names the broken line" "config: $CFG:4: unknown view"
tm_shows "set sort = size applies" "size ▲"
tm_keys s
tm_keys '?'
tm_shows "the help opens" "Help: flockd key bindings"
tm_shows "the help shows S for sort, not s" "S                    sort"
tm_keys q
tm_wait_gone "Help: flockd" >/dev/null
ok "s no longer sorts (unbound)" tm_has "size ▲"
tm_keys S
tm_shows "S sorts (rebound)" "size ▼"

# --- hex-width: a binary value's dump has 8 bytes a row
tm_keys / r e : '^bin$' Enter
tm_shows "set hex-width = 8: 8 bytes a row" "00000000  62 69 6e 00 01 02 03 04  |bin.....|"
tm_keys Escape
tm_wait "Keys: t (4" >/dev/null

# --- the editor: <F2> saves, <C-s> does nothing; it opens wrapped
tm_keys / r e : '^alpha$' Enter
tm_wait "Value: alpha" >/dev/null
tm_keys Enter
tm_shows "the editor opens" "shared lock held"
tm_shows "set wrap = yes: it opens with soft wrap on" "TEXT INS wrap"
tm_shows "its hints show the new save key" "<F2> save"
tm_type "X"
tm_keys C-s
tm_keys F1
tm_shows "the editor's help opens" "Editor keys"
tm_shows "its help shows <F2> for save" "<F2>                 save"
tm_keys q
tm_wait_gone "Editor keys" >/dev/null
is "$(cat "$T/db/t.tbl/alpha.kv")" "one" "<C-s> (unbound) saved nothing"
tm_keys F2
tm_shows "<F2> saves" "saved alpha"
is "$(cat "$T/db/t.tbl/alpha.kv")" "Xone" "  the new bytes"
tm_keys C-q
tm_wait_gone "shared lock held" >/dev/null

# --- an inspection view: X removes, d does nothing
tm_keys C
tm_shows "the check view opens" "1 finding"
tm_shows "its hints show a remove key" "<Del> remove (if the"
tm_keys '?'
tm_shows "its help shows X (and not d) for remove" "<Del> X              remove"
tm_keys q
tm_wait_gone "Check view keys" >/dev/null
tm_keys d
tm_keys X
tm_shows "X asks before removing" "(y/N)"
ok "d (unbound) did not ask first" test -e "$T/db/t.tbl/alpha.kvX1y2Z"
tm_keys y
tm_shows "X removes the temp file" "removed"
ok "  from the disk" test ! -e "$T/db/t.tbl/alpha.kvX1y2Z"
tm_keys q
tm_wait "Keys: t (" >/dev/null
tm_keys q
is "$(tm_exit_status)" "0" "the browser quits with status 0"

# --- colours: the config's, unless NO_COLOR
cat >"$CFG" <<'EOF'
color cursor red green
EOF
# the screen with its attributes, as SGR sequences
styled() { tm capture-pane -t main -p -e; }
cursor_row() { styled | grep -F alpha; }
# red on green: the colours the config gave the cursor row
config_colours() { cursor_row | grep -qE $'\e\\[([0-9;]*;)?31[;m].*\e\\[([0-9;]*;)?42[;m]|\e\\[([0-9;]*;)?42[;m].*\e\\[([0-9;]*;)?31[;m]|\e\\[([0-9;]*;)?31;42m'; }
no_colour() { ! styled | grep -qE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|38|48)[;m]'; }
reverse_cursor() { cursor_row | grep -qE $'\e\\[([0-9;]*;)?7[;m]'; }
tm_start 100 20 env LC_ALL=C.UTF-8 "$FLOCKD" -t t "$T/db"
tm_wait "Keys: t (" >/dev/null
ok "the cursor row has the config's colours" config_colours
tm_start 100 20 env NO_COLOR=1 LC_ALL=C.UTF-8 "$FLOCKD" -t t "$T/db"
tm_wait "Keys: t (" >/dev/null
ok "NO_COLOR: no colour at all" no_colour
ok "NO_COLOR: the cursor row is still marked (reverse)" reverse_cursor
tm_keys q

tap_done
