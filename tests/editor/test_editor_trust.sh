#!/bin/bash
# SPDX-License-Identifier: MIT
# test_editor_trust.sh - the editor never loses, damages or misplaces a
# value (issue 10), driven in a real terminal (tmux): a character across
# the old 64 KiB pieces of a long line stays one character, End and the
# status line are the whole line's; saving an unmodified buffer writes
# nothing; a paste is one undo step (and is timed); unsaved text survives
# SIGTERM, SIGHUP and a closed terminal (with SIGHUP ignored) in a
# recovery file that is offered back; lock waits count down and stop on
# Esc and Ctrl-C without quitting; a timeout names the holder; a shared
# lock held long says writers wait, and who blocks on it; a key
# deleted on disk offers only what works and "save as new key" goes on
# with that key; a removed table's text goes to a file; what the store
# could not keep is said and the value saved; $EDITOR's copy stays until
# its text is saved. Outside lock holders are flock(1).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/holders.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
tm_require flock python3

DIR=$(mktemp -d "${TMPDIR:-/tmp}/flockd-edtrust.XXXXXX") || bail "mktemp"
DB=$DIR/db
STATE=$DIR/state
mkdir -p "$DB" "$DIR/tmp" "$STATE"
trap 'release_all; tm_cleanup; rm -rf "$DIR"' EXIT

keys() { tm_keys "$@"; }
type_text() { tm_type "$1"; }
wait_for() { tm_wait_say "$@"; }
wait_gone() { tm_wait_gone "$1"; }
same() {
	printf "$2" > "$DIR/want"
	if cmp -s "$1" "$DIR/want"; then tap_pass "$3"
	else tap_fail "$3" "file: $(od -c "$1" 2>&1 | head -3 | tr '\n' ' ')" \
		"want: $(od -c "$DIR/want" | head -3 | tr '\n' ' ')"; fi
}
pid() { cat "$DIR/pid"; }
alive() { tm_running "$(pid)"; }
gone() { ! alive; }

# start [OPTIONS] [--env VAR=VALUE...]: the browser on db, its pid in
# $DIR/pid, its recovery files in $STATE.
start() {
	tm_start 110 30 sh -c 'echo $$ > "$0/pid"; cd "$0" && exec "$@"' \
		"$DIR" env LC_ALL=C.UTF-8 TMPDIR="$DIR/tmp" \
		XDG_STATE_HOME="$STATE" EDITOR="$DIR/fake-editor" \
		"$FLOCKD" --timeout "${TIMEOUT:-2s}" "$@" db
	wait_for "Keys" || bail "browser did not start"
}
recovery_files() { ls "$STATE/flockd" 2>/dev/null | grep -c '\.save$'; }

# ------------------------------------------------------------ long lines
python3 - "$DB/long.kv" <<'EOF'
import sys
S = 65536
b = bytearray(b'x' * (1 << 20))
b[S - 1:S + 1] = 'é'.encode()          # across the first 64 KiB step
b[2 * S - 1:2 * S + 2] = '界'.encode()  # across the second
open(sys.argv[1], 'wb').write(bytes(b))
EOF
start -k long
keys Enter
ok "a 1 MiB line is one line" wait_for "line 1/1 col 1  byte 0/1048576"
keys End
ok "End goes to the end of the line in one press" \
	wait_for "line 1/1 col 1048575  byte 1048576/1048576"
keys Home
ok "Home goes back to its start" wait_for "line 1/1 col 1  byte 0/"
keys C-f
type_text "é"
keys Enter
ok "the character across the step is found at its first byte" \
	wait_for "col 65536  byte 65535/"
keys Right
ok "Right steps over the whole character" wait_for "col 65537  byte 65537/"
type_text "Z"
keys Left Left
ok "Left steps back over it whole" wait_for "byte 65535/"
type_text "Y"
ok "it is drawn whole, between what was typed around it" wait_for "YéZ"
keys C-s
wait_for "saved long" >/dev/null
ok "the value is valid UTF-8 after typing around it" \
	python3 -c "import sys; open(sys.argv[1],'rb').read().decode()" "$DB/long.kv"
ok "with the bytes where they were typed" python3 -c "
import sys
b = open(sys.argv[1], 'rb').read()
sys.exit(b[65533:65540] != 'xxYéZx'.encode())" "$DB/long.kv"
keys C-q
wait_gone "shared lock held" >/dev/null

# -------------------------------------------- unmodified: nothing written
printf 'bee\n' > "$DB/beta.kv"
before=$(stat -c '%i %y' "$DB/beta.kv")
keys j Enter
wait_for "shared lock held" >/dev/null
keys C-s
ok "saving an unmodified buffer says so" wait_for "no changes to save (nothing written)"
is "$(stat -c '%i %y' "$DB/beta.kv")" "$before" "no new inode, no new mtime"
type_text "Q"
keys BSpace C-s
wait_for "no changes to save" >/dev/null
is "$(stat -c '%i %y' "$DB/beta.kv")" "$before" "typing then undoing it by hand: still nothing written"
keys C-q
wait_gone "shared lock held" >/dev/null

# ----------------------------------------------------------------- paste
: > "$DB/empty.kv"
python3 -c "
import sys
open(sys.argv[1], 'w').write(''.join('line %05d of the pasted text\n' % i
                                     for i in range(30000)))" "$DIR/paste.txt"
start -k empty
keys Enter
wait_for "shared lock held" >/dev/null
tm load-buffer "$DIR/paste.txt"
t0=$(date +%s%N)
tm paste-buffer -p -t main
ok "a bracketed paste of 30,000 lines arrives whole" wait_for "line 30001/30001 col 1"
t1=$(date +%s%N)
echo "# paste of 30,000 lines (870 KB) to the screen: $(( (t1 - t0) / 1000000 )) ms"
ok "as one step" wait_for "one undo step"
keys C-z
ok "one undo removes all of it" wait_for "line 1/1 col 1  byte 0/0"
keys C-y C-s
wait_for "saved empty" >/dev/null
ok "the pasted text is saved exactly (newlines as LF)" cmp -s "$DB/empty.kv" "$DIR/paste.txt"
keys C-q
wait_gone "shared lock held" >/dev/null

# ------------------------------------------------------------- recovery
printf 'alpha\n' > "$DB/alpha.kv"
start -k alpha
keys Enter
wait_for "shared lock held" >/dev/null
keys C-End
type_text "unsaved words"
wait_for "[modified]" >/dev/null
kill -TERM "$(pid)"
ok "SIGTERM ends the program" tm_poll 5 gone
is "$(tm_exit_status 5)" "143" "it dies of SIGTERM, as the shell expects"
is "$(recovery_files)" "1" "one recovery file is written"
f=$(ls "$STATE"/flockd/*.save)
is "$(stat -c %a "$f")" "600" "mode 0600"
is "$(stat -c %a "$STATE/flockd")" "700" "in a directory only its user reads"
ok "it records the database, table and key" \
	grep -qa "^key 5:alpha$" "$f"
ok "and holds the text" grep -qa "unsaved words" "$f"
same "$DB/alpha.kv" 'alpha\n' "the key itself is unchanged"

start -k alpha
keys Enter
ok "opening the key offers the text back" wait_for "alpha has unsaved text kept from"
keys k
ok "keep for later opens the disk's value" wait_for "shared lock held"
tm_lacks "unsaved words" && tap_pass "the buffer is the disk's" ||
	tap_fail "the buffer is the disk's" "$(tm_screen)"
keys C-q
wait_gone "shared lock held" >/dev/null
keys Enter
wait_for "alpha has unsaved text kept from" >/dev/null
keys r
ok "recover puts the text in the buffer" wait_for "alpha
unsaved words"
ok "as an unsaved change" wait_for "[modified]"
keys C-z
ok "which undo takes back to the disk's value" wait_gone "unsaved words"
keys C-y C-s
ok "saving it" wait_for "saved alpha"
same "$DB/alpha.kv" 'alpha\nunsaved words' "writes the recovered text"
is "$(recovery_files)" "0" "and removes the recovery file"
type_text "!"
keys C-q
wait_for "Save your changes?" >/dev/null
keys d
wait_gone "shared lock held" >/dev/null

# a closed terminal, with SIGHUP ignored (nohup): EOF/EIO on the tty
tm_start 110 30 sh -c 'trap "" HUP; echo $$ > "$0/pid"; cd "$0" && exec "$@"' \
	"$DIR" env LC_ALL=C.UTF-8 XDG_STATE_HOME="$STATE" \
	"$FLOCKD" -k alpha db
wait_for "Keys" >/dev/null
keys Enter
wait_for "shared lock held" >/dev/null
type_text "typed before the window closed"
wait_for "[modified]" >/dev/null
ok "SIGHUP is ignored in this test" \
	bash -c "[ \$(( 0x\$(sed -n 's/^SigIgn:\t//p' /proc/$(pid)/status) & 1 )) = 1 ]"
t0=$(date +%s%N)
tm kill-server
tm_poll 10 gone
t1=$(date +%s%N)
ok "a closed terminal ends the program (no spinning)" gone
echo "# the program ended $(( (t1 - t0) / 1000000 )) ms after its terminal closed"
ok "within a second or so" test $(( (t1 - t0) / 1000000 )) -lt 3000
ok "after writing the recovery file" grep -qa "typed before the window closed" "$STATE"/flockd/*.save
rm -f "$STATE"/flockd/*.save

# SIGHUP as a terminal sends it
start -k alpha
keys Enter
wait_for "shared lock held" >/dev/null
type_text "hup text"
wait_for "[modified]" >/dev/null
kill -HUP "$(pid)"
ok "SIGHUP ends the program" tm_poll 5 gone
ok "after writing the recovery file" grep -qa "hup text" "$STATE"/flockd/*.save
start -k alpha
keys Enter
wait_for "has unsaved text" >/dev/null
keys d
ok "discard removes it" tm_poll 5 test "$(recovery_files)" = 0
keys C-q
wait_gone "shared lock held" >/dev/null

# ------------------------------------------------------------ lock waits
TIMEOUT=6s start -k alpha
keys Enter
wait_for "shared lock held" >/dev/null
type_text "W"
hold_wait -s "$DB/alpha.kv"
keys C-s
ok "a save waiting for the lock counts down" wait_for "s left (<Esc> stops waiting)"
keys Escape
ok "Esc stops waiting" wait_for "stopped waiting for the lock; nothing was written"
ok "the edits stay" wait_for "[modified]"
same "$DB/alpha.kv" 'alpha\nunsaved words' "nothing was written"
keys C-s
wait_for "s left" >/dev/null
keys C-c
ok "Ctrl-C during a wait stops the wait" wait_for "stopped waiting for the lock"
ok "and does not quit: the unsaved text is still on screen" wait_for "[modified]"
ok "the program runs on" alive
release_all
keys C-q
wait_for "Save your changes?" >/dev/null
keys d
wait_gone "shared lock held" >/dev/null

TIMEOUT=1s start -k alpha
keys Enter
wait_for "shared lock held" >/dev/null
type_text "V"
hold_wait -s "$DB/alpha.kv"
holder=$HOLDER
keys C-s
ok "a save that times out says so" wait_for "the exclusive lock did not come"
keys M-m
ok "and names who holds the lock (the message log has it whole)" \
	wait_for "held by pid $holder (flock,"
keys q
release_all
keys C-s
wait_for "saved alpha" >/dev/null
keys C-q
wait_gone "shared lock held" >/dev/null

# ---------------------------------------------- a key gone while it is open
printf 'g1' > "$DB/gamma.kv"
start -k gamma
keys Enter
wait_for "shared lock held" >/dev/null
type_text "mine"
rm "$DB/gamma.kv"
ok "a key deleted on disk is noticed" wait_for "DELETED ON DISK"
keys C-s
ok "saving asks what can work" wait_for "gamma was deleted or renamed on disk; nothing was written."
ok "create it again, new key, elsewhere, discard" \
	wait_for "r create it again  n save as new key  e elsewhere  d discard mine  c cancel"
tm_lacks "reload theirs" && tap_pass "no reload theirs, which cannot work" ||
	tap_fail "no reload theirs, which cannot work" "$(tm_screen)"
keys n
wait_for "Save your buffer as new key:" >/dev/null
keys C-u
type_text "gamma2"
keys Enter
ok "save mine as new key" wait_for "saved your buffer as new key gamma2"
same "$DB/gamma2.kv" 'mineg1' "the new key holds the buffer"
ok "the editor goes on with the new key, not modified" tm_wait_re "^ gamma2 +RO|^ gamma2 +TEXT"
type_text "+"
keys C-s
ok "and saving saves that key" wait_for "saved gamma2"
same "$DB/gamma2.kv" 'mine+g1' "its bytes"
keys C-q
wait_gone "shared lock held" >/dev/null

# ------------------------------------------ a table removed while open
mkdir -p "$DB/t1.tbl"
printf 'in table' > "$DB/t1.tbl/k.kv"
start -t t1 -k k
keys Enter
wait_for "shared lock held" >/dev/null
type_text "keep me: "
rm -rf "$DB/t1.tbl"
ok "a removed table is noticed" wait_for "TABLE GONE"
keys C-s
ok "saving offers another table or a file" wait_for "t in a table (this one again by name)  f to a file"
keys f
wait_for "Save your buffer to file:" >/dev/null
type_text "$DIR/saved.txt"
keys Enter
ok "the text is saved to the file" wait_for "saved your buffer to"
same "$DIR/saved.txt" 'keep me: in table' "the file holds the buffer"
is "$(stat -c %a "$DIR/saved.txt")" "600" "a new file, mode 0600"
keys C-q
ok "closing does not ask: the text is safe" wait_gone "shared lock held"

# ------------------------------------------------- owner and mode kept
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	OWN=$DIR/own
	mkdir -p "$OWN/db"
	chmod 755 "$DIR" "$OWN"
	chmod 777 "$OWN/db"
	printf 'root value' > "$OWN/db/svc.kv"
	chmod 644 "$OWN/db/svc.kv"
	tm_start 110 30 sh -c 'cd "$0" && exec "$@"' "$OWN" \
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		env LC_ALL=C.UTF-8 HOME="$OWN" "$FLOCKD" -k svc db
	wait_for "Keys" >/dev/null
	keys Enter
	wait_for "shared lock held" >/dev/null
	type_text "+"
	keys C-s
	ok "a save that cannot keep the owner says so" \
		wait_for "could not keep the owner of svc"
	keys M-m
	wait_for "Messages, newest first" >/dev/null
	ok "once" test "$(tm_screen | grep -c 'could not keep the owner')" = 1
	keys q
	ok "and the value is saved" grep -q '^+root value$' "$OWN/db/svc.kv"
	is "$(stat -c %a "$OWN/db/svc.kv")" "644" "the mode is kept"
	keys C-q
	wait_gone "shared lock held" >/dev/null
else
	skip "not root, or no setpriv" "a save that cannot keep the owner says so"
fi

# ------------------------------------------ $EDITOR's copy stays until saved
cat > "$DIR/fake-editor" <<'EOS'
#!/bin/sh
printf 'from editor\n' >> "$1"
EOS
chmod +x "$DIR/fake-editor"
printf 'ed\n' > "$DB/ext.kv"
TIMEOUT=1s start -k ext
hold_wait -s "$DB/ext.kv"
keys e
ok "a lock timeout after \$EDITOR saves nothing" wait_for "the exclusive lock did not come"
same "$DB/ext.kv" 'ed\n' "the key is unchanged"
copy=$(ls "$DIR"/tmp/flockd-ext-* 2>/dev/null)
ok "the edited copy is kept" grep -q "from editor" "$copy"
keys M
ok "the message says where the text is" wait_for "your text is in"
ok "naming the copy" wait_for "$copy"
keys q
release_all
rm -f "$copy"
# a conflict: the key replaced while the editor ran
cat > "$DIR/fake-editor" <<EOS
#!/bin/sh
printf 'theirs\n' > "$DB/new" && mv "$DB/new" "$DB/ext.kv"
printf 'mine\n' >> "\$1"
EOS
keys e
ok "a conflict after \$EDITOR asks" wait_for "ext changed on disk since you opened it"
keys c
copy=$(ls "$DIR"/tmp/flockd-ext-* 2>/dev/null)
ok "cancel keeps the copy" grep -q "mine" "$copy"
same "$DB/ext.kv" 'theirs\n' "and writes nothing"
rm -f "$copy"

# ------------------------------------------- a shared lock held for long
mkdir -p "$TM_CONFIG_HOME/flockd"
echo 'set long-lock = 1s' > "$TM_CONFIG_HOME/flockd/config"
start -k beta
keys Enter
ok "a shared lock held long says that writers wait" \
	wait_for "(writers wait until you close)"
# a writer that blocks on the lock (flock(1) waits in the kernel)
flock -x "$DB/beta.kv" true &
waiter=$!
PIDS="$PIDS $waiter"
ok "and names who is blocked on it" wait_for "waiting: pid $waiter (flock, exclusive)"
keys C-q
wait $waiter
ok "closing lets the writer in" test $? = 0
rm -f "$TM_CONFIG_HOME/flockd/config"

tap_done
