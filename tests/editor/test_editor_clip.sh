#!/bin/bash
# SPDX-License-Identifier: MIT
# test_editor_clip.sh - the editor's selection and clipboards in a real
# terminal (tmux): Shift+arrows and the mark select (drawn, counted in the
# status line), cut/copy/paste and deleting a selection (each one undo
# step: the saved file shows the bytes), copy-out of the selection, the
# value and the key's name to the system clipboard (OSC 52, read back from
# tmux's paste buffer), to a file (never replaced without asking), and
# `set clipboard-osc52 = no`.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
. "$top_srcdir/tests/editor/edtest_lib.sh"
# the selection is drawn black on cyan (30;46)
selected_text() { tm capture-pane -t main -p -e | grep -o $'\e\[30m\e\[46m[^\e]*' | sed 's/^.*m//'; }
selected_is() { [ "$(selected_text)" = "$1" ]; }
clipboard() { tm show-buffer 2>/dev/null; }
clipboard_is() { [ "$(clipboard)" = "$1" ]; }
save() { tm_keys C-s; wait_for "saved $1" >/dev/null; }

open_key() {
	tm_start 100 20 env LC_ALL=C.UTF-8 "$FLOCKD" --timeout 1s -k "$1" "$DB"
	tm set-option -g set-clipboard on >/dev/null
	wait_for "Keys" || bail "browser did not start"
	tm_keys Enter
	wait_for "shared lock held" >/dev/null || bail "editor did not open"
}

printf 'hello world\nsecond line\nthird\n' > "$DB/k.kv"
open_key k

# ---------------------------------------------------- select, cut, paste
tm_keys S-Right S-Right S-Right
ok "Shift+Right selects: the status line counts" wait_for "selected 3"
ok "the selection is drawn" tm_poll 5 selected_is hel
tm_keys C-x
ok "cut says how much" wait_for "cut 3 bytes"
tm_keys End C-u
ok "paste puts it back at the cursor" wait_for "pasted 3 bytes"
save k
same "$DB/k.kv" 'lo worldhel\nsecond line\nthird\n' "cut and paste moved the bytes"
tm_keys C-z
ok "undo takes the paste back in one step" tm_poll 5 tm_has "lo world"
tm_keys C-z
ok "and the cut in another" tm_poll 5 tm_has "hello world"
tm_keys C-y C-y
# the mark: motion selects
tm_keys Home M-a
ok "the mark key sets the mark" wait_for "mark set"
tm_keys Down
ok "plain motion extends a marked selection" wait_for "selected 12"
tm_keys M-6
ok "copy" wait_for "copied 12 bytes"
ok "copying ends the selection" tm_poll 5 tm_lacks "selected"
tm_keys C-End C-u
save k
same "$DB/k.kv" 'lo worldhel\nsecond line\nthird\nlo worldhel\n' "copy and paste"
tm_keys C-Home C-k
ok "cut without a selection takes the line" wait_for "cut 12 bytes (the line)"
tm_keys S-Down S-End BSpace
save k
same "$DB/k.kv" '\nlo worldhel\n' "Backspace deletes the selection"
tm_keys C-z
ok "deleting a selection is one undo step" tm_poll 5 tm_has "third"
tm_keys C-y
save k

# ---------------------------------------------------------- copy-out
tm_keys C-q
wait_for "Keys" >/dev/null
printf 'a\nbb\n' > "$DB/k.kv"
tm_keys r Enter
wait_for "shared lock held" >/dev/null
tm_poll 5 tm_has "bb" || true
tm_keys C-Home S-Down
tm_keys M-o
ok "copy-out asks what" wait_for "Copy to the system clipboard:  s selection  v whole value  k key name  f to a file"
tm_keys s
ok "the selection goes to the system clipboard" tm_poll 5 clipboard_is 'a'
ok "and says so" wait_for "copied the selection (2 bytes) to the system clipboard"
tm_keys M-o v
ok "the whole value to the clipboard" tm_poll 5 clipboard_is $'a\nbb'
tm_keys M-o k
ok "the key's name to the clipboard" tm_poll 5 clipboard_is 'k'
tm_keys Escape
ok "Esc ends the selection" wait_for "selection ended"
tm_keys M-o s
ok "selection asked for without one: a one-line error" wait_for "nothing selected"
tm_keys M-o f
ok "to a file asks for a path" wait_for "Write the value (5 bytes) to file:"
tm_type "$DIR/out"; tm_keys Enter
ok "written" wait_for "wrote the value (5 bytes) to"
same "$DIR/out" 'a\nbb\n' "the file holds the value"
tm_keys C-Home S-Right M-o f
tm_type "$DIR/out"; tm_keys Enter
ok "an existing file: asked before replacing" wait_for "exists. Replace it?"
tm_keys n
ok "no: not written" wait_for "not written: it exists"
same "$DIR/out" 'a\nbb\n' "the file is untouched"
tm_keys M-o f
tm_type "$DIR/out"; tm_keys Enter
wait_for "exists. Replace it?" >/dev/null
tm_keys y
ok "yes: replaced" wait_for "wrote the selection (1 bytes)"
same "$DIR/out" 'a' "the file holds the selection"
tm_keys C-t
wait_for "HEX" >/dev/null
tm_keys C-Home S-Right S-Right
ok "hex mode: the selection is drawn in both columns" \
	tm_poll 5 eval 'tm capture-pane -t main -p -e | grep -q $'"'"'\e\[30m\e\[46m61.*\e\[30m\e\[46m0a.*\e\[30m\e\[46ma\.'"'"
tm_keys C-t
wait_for "TEXT" >/dev/null
tm_keys M-h
wait_for "Editor keys" >/dev/null
tm_keys PgDn
ok "help lists the selection keys" wait_for "<S-Right>            select-right"
tm_keys q C-q
wait_for "Keys" >/dev/null

# ------------------------------------------------ the setting turns it off
mkdir -p "$XDG_CONFIG_HOME/flockd"
echo 'set clipboard-osc52 = no' > "$XDG_CONFIG_HOME/flockd/config"
tm set-buffer -b keep before >/dev/null 2>&1
open_key k
tm set-buffer before
tm_keys M-o v
ok "clipboard-osc52 = no: the clipboard is not touched, said why" \
	wait_for "the system clipboard is off (set clipboard-osc52 = no)"
ok "tmux's buffer is unchanged" clipboard_is before
rm -f "$XDG_CONFIG_HOME/flockd/config"
tm_keys C-q
tap_done
