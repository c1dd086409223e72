#!/bin/bash
# SPDX-License-Identifier: MIT
# test_editor_find.sh - the editor's search, replace and go to in a real
# terminal (tmux): matches highlighted on the screen, ignore case and
# regex options, a bad regex refused, replace confirmed one by one and
# all at once (each run one undo step: the file shows the bytes), go to
# LINE:COL and @BYTE read from the status line.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
. "$top_srcdir/tests/editor/edtest_lib.sh"
# the screen with its colours: a match is black on yellow (30;43)
colour_screen() { tm capture-pane -t main -p -e 2>/dev/null; }
lit() { colour_screen | grep -o $'\e\[30m\e\[43m'"$1" | wc -l; }
lit_is() { [ "$(lit "$1")" = "$2" ]; }
# prompt ANSWER: clear what the prompt offers, type, Enter
answer() { tm_keys C-u; tm_type "$1"; tm_keys Enter; }

printf 'Foo bar\nfoo BAR baz\nxfoo foo\n' > "$DB/k.kv"
tm_start 100 20 env LC_ALL=C.UTF-8 "$FLOCKD" --timeout 1s -k k "$DB"
wait_for "Keys" || bail "browser did not start"
tm_keys Enter
wait_for "shared lock held" >/dev/null || bail "editor did not open"

# ------------------------------------------------------------- search
tm_keys C-f
ok "the search prompt" wait_for "Search:"
answer foo
ok "search moves to the first match" wait_for "line 2/4 col 1"
ok "every visible match is highlighted (3 of foo)" tm_poll 5 lit_is foo 3
ok "Foo (another case) is not" tm_poll 5 lit_is Foo 0
tm_keys M-c
ok "Alt-c: ignore case on, said with the pattern" \
	wait_for "search: ignore case on: [ignore case] foo"
ok "ignoring case, Foo is highlighted too" tm_poll 5 lit_is Foo 1
tm_keys M-x C-f
ok "the prompt shows both options" wait_for "Search [regex, ignore case]:"
answer '^F[a-z]+ '
ok "a regex with ^ finds line starts only (wrapping to line 1)" \
	wait_for "search wrapped around: [regex, ignore case] ^F[a-z]+"
ok "both line-start matches are highlighted, not xfoo" \
	tm_poll 5 eval "lit_is 'Foo ' 1 && lit_is 'foo ' 1"
tm_keys Escape
ok "Esc ends the highlight" tm_poll 5 lit_is 'Foo ' 0
tm_keys C-f
answer 'a(b'
ok "a bad regex: a one-line error naming the pattern" \
	wait_for "a(b: "
tm_keys M-x M-c

# ------------------------------------------------------------ replace
tm_keys C-Home 'C-\'
ok "replace asks for the pattern" wait_for "Replace:"
answer foo
ok "then for the replacement" wait_for "Replace with:"
answer QQ
ok "each match is confirmed" wait_for "Replace this match?  y replace  n skip"
tm_keys y
ok "y replaces this one and asks about the next" \
	tm_poll 5 tm_has "QQ BAR baz"
tm_keys n a
ok "n skips, a replaces all the rest" wait_for "replaced 2 matches of foo (one undo step)"
tm_keys C-s
wait_for "saved k" >/dev/null
same "$DB/k.kv" 'Foo bar\nQQ BAR baz\nxfoo QQ\n' "the skipped match is kept"
tm_keys C-z
ok "one undo takes the whole run back" tm_poll 5 tm_has "xfoo foo"
tm_keys M-x M-R
answer '([a-z]+) ([A-Z]+)'
ok "replace-all with a regex asks for groups" wait_for 'Replace with (\1..\9 are groups):'
answer '\2-\1'
ok "all replaced at once" wait_for "replaced 1 match of [regex] ([a-z]+) ([A-Z]+) (one undo step)"
tm_keys C-s
wait_for "saved k" >/dev/null
same "$DB/k.kv" 'Foo bar\nBAR-foo baz\nxfoo foo\n' "groups in the replacement"
tm_keys C-z
ok "undo of replace-all is one step back to the saved text's parent" \
	tm_poll 5 tm_has "foo BAR baz"
tm_keys C-y M-x

# -------------------------------------------------------------- go to
tm_keys C-g
ok "go to asks for LINE[:COL] or @BYTE" wait_for "Go to LINE[:COL] or @BYTE:"
answer 3:6
ok "3:6 goes to line 3, column 6" wait_for "line 3/4 col 6  byte 25/"
tm_keys C-g
answer @0x5
ok "@0x5 goes to byte 5" wait_for "line 1/4 col 6  byte 5/"
tm_keys C-g
answer 2:x
ok "a malformed position is refused in one line" \
	wait_for "go to LINE, LINE:COL or @BYTE"
ok "and the cursor stays" wait_for "byte 5/"

tm_keys C-t
wait_for "HEX" >/dev/null
tm_keys C-f
answer foo
ok "hex mode: matches are lit in the printable column" tm_poll 5 lit_is foo 3
ok "and in the hex column" tm_poll 5 lit_is 66 3
tm_keys C-t
tm_keys M-h
wait_for "Editor keys" >/dev/null
tm_keys PgDn
ok "the help screen lists the new actions" wait_for "<M-R>                replace-all"
tm_keys q C-q
tap_done
