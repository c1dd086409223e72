#!/bin/bash
# SPDX-License-Identifier: MIT
# test_editor_mouse.sh - the editor's mouse in a real terminal (tmux,
# xterm SGR mouse reports typed into the pane): a click places the cursor
# on the cell drawn there (a tab's columns, past a line's end, an empty
# line), a drag selects, the wheel scrolls and keeps the cursor on the
# screen, a click in hex mode picks the byte; `set mouse = no` leaves the
# cursor alone.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
. "$top_srcdir/tests/editor/edtest_lib.sh"
# mouse EVENT X Y (1-based screen cells; EVENT press, move, release,
# up, down): as a terminal reports it, a little apart as a hand makes it
mouse() {
	case $1 in
	press) tm_keys -l $'\e'"[<0;$2;$3M" ;;
	move) tm_keys -l $'\e'"[<32;$2;$3M" ;;
	release) tm_keys -l $'\e'"[<0;$2;$3m" ;;
	up) tm_keys -l $'\e'"[<64;$2;$3M" ;;
	down) tm_keys -l $'\e'"[<65;$2;$3M" ;;
	esac
	sleep 0.1
}
click() { mouse press "$1" "$2"; mouse release "$1" "$2"; }
first_row() { tm_screen | sed -n 2p; }
# what the program asked of the terminal, as tmux keeps it
mouse_flag_is() { [ "$(tm display-message -p -t main "#{$1}")" = "$2" ]; }

{ printf 'hello world\n\tTAB\n\nlast of four\n'
  for i in $(seq 5 60); do printf 'line %d\n' "$i"; done; } > "$DB/k.kv"
tm_start 100 20 env LC_ALL=C.UTF-8 "$FLOCKD" --timeout 1s -k k "$DB"
wait_for "Keys" || bail "browser did not start"
tm_keys Enter
wait_for "shared lock held" >/dev/null || bail "editor did not open"

click 5 2
ok "a click places the cursor on that cell" wait_for "line 1/61 col 5  byte 4/"
click 4 3
ok "a click inside a tab's columns: on the tab" wait_for "line 2/61 col 1  byte 12/"
click 60 2
ok "a click past a line's end: at its end" wait_for "line 1/61 col 12  byte 11/"
click 30 4
ok "a click on an empty line" wait_for "line 3/61 col 1  byte 17/"
mouse press 3 2; mouse move 6 2; mouse move 9 3; mouse release 9 3
ok "a drag selects from the press to the release" wait_for "selected 11"
ok "the cursor is where the drag ended" wait_for "line 2/61 col 9  byte 13/"
tm_keys Right
ok "a key ends a dragged selection" tm_poll 5 tm_lacks "selected"
mouse down 10 10; mouse down 10 10
ok "the wheel scrolls the text (6 lines)" tm_poll 5 eval '[ "$(first_row)" = "line 7" ]'
ok "and pulls the cursor onto the screen" wait_for "line 7/61"
mouse up 10 10
ok "the wheel scrolls back up" tm_poll 5 eval '[ "$(first_row)" = "last of four" ]'
tm_keys C-t
wait_for "HEX" >/dev/null
click 26 2
ok "hex mode: a click on a byte's digits picks it" wait_for "offset 0x5 (5)"
click 69 3
ok "hex mode: a click in the printable column picks that byte" \
	wait_for "offset 0x17 (23)"
ok "the editor asks the terminal for drags (button-event mode)" \
	mouse_flag_is mouse_button_flag 1
tm_keys C-t C-q
wait_for "Keys" >/dev/null
ok "closed, the browser's clicks are back (normal mode)" \
	mouse_flag_is mouse_standard_flag 1

mkdir -p "$XDG_CONFIG_HOME/flockd"
echo 'set mouse = no' > "$XDG_CONFIG_HOME/flockd/config"
tm_start 100 20 env LC_ALL=C.UTF-8 "$FLOCKD" --timeout 1s -k k "$DB"
wait_for "Keys" || bail "browser did not start"
tm_keys Enter
wait_for "shared lock held" >/dev/null
ok "mouse = no: the terminal is not asked for mouse reports" \
	eval 'mouse_flag_is mouse_any_flag 0 && mouse_flag_is mouse_button_flag 0 && mouse_flag_is mouse_standard_flag 0'
rm -f "$XDG_CONFIG_HOME/flockd/config"
tm_keys C-q
tap_done
