#!/bin/bash
# SPDX-License-Identifier: MIT
# test_editor_json.sh - JSON values in the editor, in a real terminal
# (tmux): the status line's validity mark (and none for text), following
# edits, on a large value too (checked when the keys rest); pretty-print
# and compact show the difference first, change nothing when declined,
# are one undo step and save the bytes shown; invalid JSON is refused in
# one line.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
. "$top_srcdir/tests/editor/edtest_lib.sh"
open_key() {
	tm_start 100 24 env LC_ALL=C.UTF-8 "$FLOCKD" --timeout 1s -k "$1" "$DB"
	wait_for "Keys" || bail "browser did not start"
	tm_keys Enter
	wait_for "shared lock held" >/dev/null || bail "editor did not open"
}

printf '{"b":1,"a":[1,2]}\n' > "$DB/j.kv"
printf 'plain text\n' > "$DB/t.kv"
{ printf '['; seq -s, 1 60000 | tr -d '\n'; printf ']\n'; } > "$DB/big.kv"

open_key t
ok "text gets no JSON mark" tm_poll 3 tm_lacks "JSON"
open_key j
ok "a JSON value is marked valid" wait_for "JSON ok"
tm_keys M-j
ok "pretty-print shows the difference first" wait_for "+++ pretty-printed (40 bytes)"
ok "with the new lines" wait_for '+  "a": ['
tm_keys q
ok "then asks" wait_for "Use the pretty-printed JSON (one undo step)?"
tm_keys n
ok "no: nothing changed" wait_for "not reformatted"
ok "the buffer is as it was" tm_poll 3 tm_lacks "[modified]"
tm_keys M-j
wait_for "+++ pretty-printed" >/dev/null
tm_keys q y
ok "yes: the buffer is reformatted" wait_for "pretty-printed the JSON (40 bytes)"
tm_keys C-s
wait_for "saved j" >/dev/null
same "$DB/j.kv" '{\n  "b": 1,\n  "a": [\n    1,\n    2\n  ]\n}\n' "the saved bytes are the pretty ones, key order kept"
tm_keys M-J
wait_for "+++ compacted" >/dev/null
tm_keys q y
ok "compact" wait_for "compacted the JSON (18 bytes)"
tm_keys C-z
ok "undo takes the reformat back in one step" wait_for '  "a": ['
tm_keys M-J
wait_for "+++ compacted" >/dev/null
tm_keys q y C-s
wait_for "saved j" >/dev/null
same "$DB/j.kv" '{"b":1,"a":[1,2]}\n' "compacted and saved"
tm_keys M-J
ok "already compact: said, nothing shown" wait_for "the JSON is compacted already"
tm_keys End Left BSpace
ok "an edit that breaks it: marked invalid" wait_for "JSON invalid"
tm_keys M-j
ok "pretty-print of invalid JSON is refused in one line" \
	wait_for "not valid JSON, nothing changed: line 1, column"
tm_keys C-z
ok "fixed again: valid" wait_for "JSON ok"

open_key big
ok "a large value is checked too (when the keys rest)" wait_for "JSON ok"
tm_keys C-End Left BSpace
ok "and follows its edits" wait_for "JSON invalid"
tm_keys M-h
wait_for "Editor keys" >/dev/null
tm_keys PgDn
ok "help lists the JSON commands" wait_for "json-pretty"
tm_keys q C-q
wait_for "discard" >/dev/null && tm_keys d
ok "closed after dropping the edit" wait_for "Keys"
tap_done
