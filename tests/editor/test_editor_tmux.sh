#!/bin/bash
# SPDX-License-Identifier: MIT
# test_editor_tmux.sh - the value editor driven in a real terminal (tmux):
# open, edit, save and compare bytes; the shared lock while open; a save
# blocked by a reader; a value replaced behind the lock and the conflict
# dialog's choices; quitting with changes; delete, new key, rename; $EDITOR;
# read-only mode. Outside lock holders are flock(1) (tests/lib/holders.sh);
# every wait is on the screen or the files. Skips visibly without tmux or
# flock(1).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/holders.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
tm_require flock

DIR=$(mktemp -d "${TMPDIR:-/tmp}/flockd-edtmux.XXXXXX") || bail "mktemp"
DB=$DIR/db
mkdir -p "$DB" "$DIR/tmp"
trap 'release_all; tm_cleanup; rm -rf "$DIR"' EXIT

# The "editor" for `e`: appends a line, or fails when told to.
cat > "$DIR/fake-editor" <<'EOS'
#!/bin/sh
[ -e "$(dirname "$0")/editor-fails" ] && {
	echo broken >> "$1"; touch "$(dirname "$0")/editor-ran"; exit 1; }
printf 'from editor\n' >> "$1"
touch "$(dirname "$0")/editor-ran"
EOS
chmod +x "$DIR/fake-editor"

screen() { tm_screen; }
keys() { tm_keys "$@"; }
type_text() { tm_type "$1"; }

# wait_until CMD...: until CMD succeeds (10 s at most).
wait_until() { tm_poll 10 "$@"; }

# wait_for TEXT / wait_gone TEXT: until the screen shows TEXT, or no
# longer does (10 s at most; the screen is printed when it never did).
wait_for() {
	tm_wait "$1" && return 0
	echo "# waited in vain for: $1"; screen | sed 's/^/#   | /'
	return 1
}
wait_gone() { tm_wait_gone "$1"; }

# holds FILE BYTES(printf format): the file's bytes are exactly these.
holds() { printf "$2" > "$DIR/want.$$"; cmp -s "$1" "$DIR/want.$$"; }

# start [OPTIONS]: run the browser on db in a fresh session.
start() {
	tm_start 110 30 sh -c 'cd "$0" && exec "$@"' "$DIR" \
		env LC_ALL=C.UTF-8 TMPDIR="$DIR/tmp" EDITOR="$DIR/fake-editor" \
		"$FLOCKD" --timeout 1s "$@" db
	wait_for "Keys" || bail "browser did not start"
}

# same FILE BYTES(printf format) NAME
same() {
	printf "$2" > "$DIR/want"
	if cmp -s "$1" "$DIR/want"; then tap_pass "$3"
	else tap_fail "$3" "file: $(od -c "$1" 2>&1 | head -3 | tr '\n' ' ')" \
		"want: $(od -c "$DIR/want" | head -3 | tr '\n' ' ')"; fi
}

can_lock_x() { flock -n -x "$1" true; }

# wrapped_rows: how many screen rows start with the long line's zeros
zero_rows() { screen | grep -c '^0000'; }
wrapped() { [ "$(zero_rows)" -ge 3 ]; }

# ---------------------------------------------------------- open, save
printf 'hello\r\nworld' > "$DB/alpha.kv"   # CR, no final newline
printf 'bee\n' > "$DB/beta.kv"
start -k alpha
keys Enter
ok "Enter opens the value; the status line shows the lock" wait_for "shared lock held"
ok "no-newline-at-end mark is shown" wait_for "no newline at end"
ok "CR shown as a visible escape" wait_for 'hello\r'
ok "an outside exclusive lock fails while the value is open" \
	bash -c "! flock -n -x '$DB/alpha.kv' true"
keys Home
type_text "X界"
ok "typing marks the buffer modified" wait_for "[modified]"
keys C-s
ok "Ctrl-S saves" wait_for "saved alpha"
same "$DB/alpha.kv" 'X界hello\r\nworld' "the file holds exactly the buffer's bytes"
keys C-z
ok "undo" wait_for "[modified]"
keys C-y C-s
ok "redo back to the saved bytes: saving writes nothing" \
	wait_for "alpha: no changes to save"
same "$DB/alpha.kv" 'X界hello\r\nworld' "bytes unchanged after undo+redo"
keys C-q
ok "Ctrl-Q closes the editor" wait_gone "shared lock held"
ok "an outside exclusive lock succeeds after closing" \
	wait_until can_lock_x "$DB/alpha.kv"

# ------------------------------------------- save blocked by a reader
keys Enter
wait_for "shared lock held" >/dev/null
hold_wait -s "$DB/alpha.kv"
keys C-End
type_text "Y"
keys C-s
ok "a save while a reader holds the lock reports the timeout" \
	wait_for "the exclusive lock did not come"
ok "the edits stay after the timeout" wait_for "[modified]"
same "$DB/alpha.kv" 'X界hello\r\nworld' "nothing was written on timeout"
release_all
keys C-s
ok "the retry succeeds once the reader is gone" wait_for "saved alpha"
same "$DB/alpha.kv" 'X界hello\r\nworldY' "retry saved the edits"

# ------------------------------------------ replaced behind the lock
printf 'theirs\n' > "$DIR/new" && mv "$DIR/new" "$DB/alpha.kv"
ok "a replacement by a lock-ignoring tool is noticed" \
	wait_for "changed on disk behind the lock"
keys k
type_text "Z"
keys C-s
ok "Ctrl-S after a change on disk shows the conflict dialog" \
	wait_for "nothing was written"
same "$DB/alpha.kv" 'theirs\n' "the conflict wrote nothing"
keys d
ok "the dialog shows the difference" wait_for "+++ your buffer"
ok "the difference has their line" wait_for "-theirs"
keys q
wait_for "nothing was written" >/dev/null
keys n
wait_for "as new key" >/dev/null
keys C-u
type_text "alpha-mine"
keys Enter
ok "save mine under a new key" wait_for "saved your buffer as new key alpha-mine"
same "$DB/alpha-mine.kv" 'X界hello\r\nworldYZ' "the new key holds my bytes"
same "$DB/alpha.kv" 'theirs\n' "the original key still holds theirs"
ok "the editor goes on with the new key, not modified" \
	tm_wait_re "^ alpha-mine +TEXT"
# back to alpha: its buffer, then a change behind the lock again
keys C-q
wait_gone "shared lock held" >/dev/null
keys Up Enter
wait_for "shared lock held" >/dev/null
keys C-End
type_text "YZ"
printf 'theirs\n' > "$DIR/new" && mv "$DIR/new" "$DB/alpha.kv"
wait_for "changed on disk behind the lock" >/dev/null
keys k C-s
wait_for "nothing was written" >/dev/null
keys o
ok "overwrite after a conflict" wait_for "overwrote alpha"
same "$DB/alpha.kv" 'theirs\nYZ' "overwrite wrote my bytes"
printf 'theirs again\n' > "$DIR/new" && mv "$DIR/new" "$DB/alpha.kv"
wait_for "changed on disk behind the lock" >/dev/null
keys r
ok "reload theirs from the poll dialog" wait_for "theirs again"
same "$DB/alpha.kv" 'theirs again\n' "reload changed nothing on disk"

# --------------------------------------------- quitting with changes
type_text "Q"
keys C-q
ok "quitting a modified buffer asks" wait_for "Save your changes?"
keys c
ok "cancel keeps editing" wait_for "still editing"
keys C-q
wait_for "Save your changes?" >/dev/null
keys d
ok "discard closes" wait_gone "shared lock held"
same "$DB/alpha.kv" 'theirs again\n' "discard wrote nothing"

# ------------------------------------------------- delete, new, rename
keys Enter
wait_for "shared lock held" >/dev/null
keys F8
ok "delete from the editor names the key" wait_for "Delete key alpha?"
keys y
ok "y deletes the key's file" wait_until test ! -e "$DB/alpha.kv"
ok "the editor closes after deleting" wait_gone "shared lock held"

keys a
ok "new key asks for a name" wait_for "New key name:"
type_text "bad/name"
keys Enter
ok "an invalid name is refused" wait_for "invalid key name"
keys C-u
type_text "beta"
keys Enter
ok "an existing name is refused" wait_for "beta already exists"
keys C-u
type_text "gamma"
keys Enter
ok "the new key opens in the editor" wait_for "[new key]"
type_text "g1"
keys C-s
ok "Ctrl-S creates it" wait_for "created gamma"
same "$DB/gamma.kv" 'g1' "the new key's bytes"
keys C-q
wait_for "gamma" >/dev/null

start -k gamma
keys R
ok "rename asks for the new name" wait_for "Rename gamma to:"
keys C-u
type_text "delta"
keys Enter
ok "rename creates the new key" wait_until test -e "$DB/delta.kv"
same "$DB/delta.kv" 'g1' "the renamed key holds the old bytes"
ok "the old name is gone" wait_until test ! -e "$DB/gamma.kv"

keys d
ok "delete from the list names the key" wait_for "Delete key delta?"
keys n
ok "anything but y closes the question" wait_gone "Delete key delta?"
ok "and keeps the key" test -e "$DB/delta.kv"

# ------------------------------------------------------------ $EDITOR
start -k beta
hold_wait -x "$DB/beta.kv"
keys Enter
ok "opening a key held exclusively says which key and why" \
	wait_for "beta: cannot open: another process holds an exclusive lock"
ok "and the browser goes on" tm_lacks "shared lock held"
release_all
keys e
ok "\$EDITOR's edit is saved" \
	wait_until holds "$DB/beta.kv" 'bee\nfrom editor\n'
rm -f "$DIR/editor-ran"
touch "$DIR/editor-fails"
keys e
ok "the failing editor ran" wait_until test -e "$DIR/editor-ran"
ok "the browser says the editor failed" wait_for "exited with status 1"
same "$DB/beta.kv" 'bee\nfrom editor\n' "an editor exiting non-zero saves nothing"
ok "and its text is kept where the message says" \
	bash -c "grep -q broken '$DIR'/tmp/flockd-beta-*"
# cut at the screen's edge there: the message log has it whole
keys M
ok "the message log says the text is kept" wait_for "beta not saved; your text is"
ok "and names the copy" wait_for "$DIR/tmp/flockd-beta-"
keys q
wait_for "Keys" >/dev/null
rm -f "$DIR/editor-fails" "$DIR"/tmp/flockd-beta-*
ok "the copies of saved edits were removed" test -z "$(ls -A "$DIR/tmp")"

# ------------------------------------- hex mode, search, go to, wrap
printf 'bin\000\377\001' > "$DB/blob.kv"
start -k blob
keys Enter
ok "a binary value opens in hex mode" wait_for "62 69 6e 00 ff 01"
ok "with its printable column" wait_for "|bin...|"
keys Right Right Right
type_text "4"
type_text "1"
ok "typing hex digits edits nibbles" wait_for "62 69 6e 41 ff 01"
keys C-End
type_text "7e"
ok "typing at the end appends a byte" wait_for "ff 01 7e"
keys C-s
ok "hex edits save" wait_until holds "$DB/blob.kv" 'binA\377\001~'
keys C-t
ok "switching to text shows escapes" wait_for 'binA\xff\x01~'
keys C-t
ok "and back to hex without losing edits" wait_for "62 69 6e 41 ff 01 7e"
keys C-q
wait_gone "shared lock held" >/dev/null

{ printf 'line one\nline two has a needle in it\nline three\n'
  printf '%0300d\n' 0; } > "$DB/long.kv"
start -k long
keys Enter
wait_for "shared lock held" >/dev/null
keys C-f
type_text "needle"
keys Enter
ok "search finds the match" wait_for "line 2/5 col 16"
keys C-f
type_text "line"
keys Enter
ok "search forward" wait_for "line 3/5 col 1"
keys F3
ok "search again wraps around" wait_for "search wrapped around: line"
ok "to the first match" wait_for "line 1/5 col 1"
keys C-End
keys C-r
type_text "needle"
keys Enter
ok "search backward" wait_for "line 2/5 col 16"
keys C-f
type_text "absent"
keys Enter
ok "a failed search says so" wait_for "not found: absent"
keys C-g
type_text "4"
keys Enter
ok "go to line" wait_for "line 4/5 col 1"
is "$(zero_rows)" "1" "a long line is cut at the screen edge"
keys M-w
ok "soft wrap shows the long line on several rows" wait_until wrapped
keys F1
ok "F1 shows the help built from the key table" wait_for "Save: atomic replace"
keys q
keys C-q
wait_gone "shared lock held" >/dev/null

# ------------------------------------------------- tables and renames
keys A
ok "new table asks for a name" wait_for "New table (a/b for nested)"
type_text "sub/inner"
keys Enter
ok "the nested table is created" wait_until test -d "$DB/sub/inner.tbl"
start -k long
keys R
wait_for "Rename long to:" >/dev/null
keys C-u
type_text "delta"
keys Enter
ok "renaming onto an existing key asks" wait_for "delta exists. Overwrite it?"
keys n
ok "declining asks for another name" wait_for "delta already exists"
keys Escape
ok "Esc cancels the rename" wait_gone "Rename long to:"
same "$DB/delta.kv" 'g1' "the existing key was not overwritten"
ok "the old key is still there" test -e "$DB/long.kv"

# --------------------------------------------------------- read-only
start -r -k beta
keys Enter
wait_for "shared lock held" >/dev/null
type_text "W"
ok "read-only refuses typing" wait_for "read-only mode"
keys C-s
ok "read-only refuses saving" wait_for "cannot be"
keys Escape q
ok "Esc then q closes" wait_gone "shared lock held"
same "$DB/beta.kv" 'bee\nfrom editor\n' "read-only changed nothing"

tap_done
