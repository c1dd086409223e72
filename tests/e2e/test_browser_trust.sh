#!/bin/bash
# SPDX-License-Identifier: MIT
# test_browser_trust.sh - the browser's part of issue 10 in a real
# terminal (tmux): TERM=dumb is refused; a paste never runs commands (it
# goes into an open filter); a closed terminal ends the program (with
# SIGHUP ignored, nothing spins); the database directory replaced or moved
# under it is noticed, nothing is written there, r reopens it; a table
# opens on its first row (100,000 keys listed in reverse on tmpfs); Esc,
# Left and Tab leave a pane whose table failed to open; rename keeps the
# file (inode, mode, owner, mtime) and the list shows what is on disk
# after a rename that succeeded or failed; Ctrl-Z in $EDITOR then fg in an
# interactive shell gives the terminal back to the editor alone.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/holders.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
tm_require flock python3 bash

DIR=$(mktemp -d "${TMPDIR:-/tmp}/flockd-brtrust.XXXXXX") || bail "mktemp"
DB=$DIR/db
mkdir -p "$DB"
SHM=
trap 'release_all; tm_cleanup; rm -rf "$DIR" ${SHM:+"$SHM"}' EXIT

keys() { tm_keys "$@"; }
wait_for() { tm_wait_say "$@"; }
pid() { cat "$DIR/pid"; }
alive() { tm_running "$(pid)"; }
gone() { ! alive; }
start_in() { # start_in DIR [OPTIONS]: flockd on DIR/db
	local where=$1
	shift
	tm_start 110 30 sh -c 'echo $$ > "$0/pid"; cd "$1" && shift && exec "$@"' \
		"$DIR" "$where" env LC_ALL=C.UTF-8 EDITOR="$DIR/fake-editor" \
		"$FLOCKD" --timeout 1s "$@"
	wait_for "Keys" || bail "browser did not start"
}
start() { start_in "$DIR" "$@" db; }
# the focused pane, as its help screen names it
focused() {
	keys '?'
	tm_wait_re "Help: flockd key bindings \\(([a-z]+) pane\\)" >/dev/null
	tm_screen | sed -n 's/.*Help: flockd key bindings (\([a-z]*\) pane).*/\1/p' | head -1
	keys q
	tm_wait_gone "Help: flockd" >/dev/null
}

printf 'a' > "$DB/alpha.kv"
printf 'b' > "$DB/beta.kv"

# ------------------------------------------------------------- TERM=dumb
tm_start 110 30 sh -c 'cd "$0" && TERM=dumb exec "$@" 2> err' "$DIR" \
	"$FLOCKD" db
is "$(tm_exit_status 10)" "1" "TERM=dumb is refused (status 1)"
ok "with a clear reason" grep -q "TERM=dumb cannot move the cursor" "$DIR/err"
tm_start 110 30 sh -c 'cd "$0" && TERM=no-such-term exec "$@" 2> err' \
	"$DIR" "$FLOCKD" db
is "$(tm_exit_status 10)" "1" "an unknown TERM too"
ok "saying so" grep -q "TERM=no-such-term is unknown to terminfo" "$DIR/err"

# ----------------------------------------------------------------- paste
start
printf 'dq\ny\n' > "$DIR/paste.txt"
tm load-buffer "$DIR/paste.txt"
tm paste-buffer -p -t main
ok "a paste in the browser is not a command" wait_for "a paste (5 bytes) is not a command: ignored"
ok "d did not ask to delete, q did not quit" alive
test -e "$DB/alpha.kv" && tap_pass "nothing was deleted" || tap_fail "nothing was deleted"
keys /
printf 'be\nzz' > "$DIR/paste.txt"
tm load-buffer "$DIR/paste.txt"
tm paste-buffer -p -t main
ok "a paste into the filter types its first line" wait_for "/be"
ok "and filters" wait_for "(1 of 2)"
keys Enter

# ------------------------------------------------------- a closed terminal
tm_start 110 30 sh -c 'trap "" HUP; echo $$ > "$0/pid"; cd "$0" && exec "$@"' \
	"$DIR" env LC_ALL=C.UTF-8 "$FLOCKD" db
wait_for "Keys" >/dev/null
t0=$(date +%s%N)
tm kill-server
tm_poll 10 gone
t1=$(date +%s%N)
ok "a closed terminal ends the browser, SIGHUP ignored" gone
echo "# ended $(( (t1 - t0) / 1000000 )) ms after the terminal closed"
ok "within a second or so" test $(( (t1 - t0) / 1000000 )) -lt 3000

# --------------------------------------------- the directory under it
start
mv "$DB" "$DIR/db.old"
mkdir "$DB"
printf 'n' > "$DB/newer.kv"
ok "a replaced database directory is noticed" wait_for "DIRECTORY REPLACED"
keys a
ok "nothing is written into the old one" wait_for "writes refused (r reopens it)"
tm_lacks "New key name" && tap_pass "no new key asked for" || tap_fail "no new key asked for" "$(tm_screen)"
keys r
ok "r reopens the path" wait_for "reopened db"
ok "and shows the new directory" wait_for "newer"
rm -rf "$DB"
mv "$DIR/db.old" "$DB"
ok "the one shown deleted, the old one back: deleted is said" \
	wait_for "DIRECTORY DELETED"
keys r
wait_for "reopened db" >/dev/null
mv "$DB" "$DIR/db.away"
ok "a directory moved away is noticed" wait_for "DIRECTORY MOVED"
keys r
ok "r says when nothing is at the path" wait_for "no such directory"
mv "$DIR/db.away" "$DB"
ok "back where it was" wait_for "the database directory is back where it was"

# ------------------------------------------------ the first row, always
for d in /dev/shm "${TMPDIR:-/tmp}"; do
	if [ -w "$d" ] && [ "$(stat -f -c %T "$d" 2>/dev/null)" = tmpfs ]; then
		SHM=$(mktemp -d "$d/flockd-brtrust.XXXXXX")
		break
	fi
done
if [ -n "$SHM" ]; then
	# tmpfs lists newest first: created in order, they come in reverse
	mkdir -p "$SHM/db/big.tbl"
	python3 -c "
import os, sys
d = sys.argv[1]
for i in range(100000):
    open(os.path.join(d, 'k%06d.kv' % i), 'w').close()" "$SHM/db/big.tbl"
	start_in "$SHM" -t big db
	ok "a 100,000-key table lists" wait_for "big (100,000)" 30
	ok "opened on its first row" wait_for "Value: k000000"
else
	skip "no tmpfs to list a table in reverse" "opened on its first row"
fi

# --------------------------------------------- focus after a failed open
# a table that is listed but cannot be opened: no permission (root runs
# the browser as nobody for this)
mkdir -p "$DB/t1.tbl" "$DB/t2.tbl"
printf 'x' > "$DB/t2.tbl/k.kv"
chmod 000 "$DB/t1.tbl"
chmod 755 "$DIR"
AS=
[ "$(id -u)" = 0 ] && AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
tm_start 110 30 sh -c 'cd "$0" && exec "$@"' "$DIR" $AS \
	env LC_ALL=C.UTF-8 HOME="$DIR" "$FLOCKD" -r db
wait_for "Keys" >/dev/null
keys Left
is "$(focused)" "tables" "the tables pane has the focus"
keys Down
ok "a table that cannot be opened says so" wait_for "cannot open table"
keys Right
is "$(focused)" "keys" "its keys pane can be focused"
keys Escape
sleep 0.3 # past the escape delay: Esc then ? would be Alt-?
is "$(focused)" "tables" "Esc leaves it"
keys Right Left
is "$(focused)" "tables" "Left leaves it"
keys Right Tab
is "$(focused)" "value" "Tab leaves it"
keys Escape
sleep 0.3
is "$(focused)" "keys" "Esc leaves the value pane too"
chmod 755 "$DB/t1.tbl"
rm -rf "$DB/t1.tbl" "$DB/t2.tbl"

# ---------------------------------------------------------------- rename
printf 'value of r\n' > "$DB/r.kv"
chmod 640 "$DB/r.kv"
touch -d '2001-02-03 04:05:06' "$DB/r.kv"
[ "$(id -u)" = 0 ] && chown 1234:1234 "$DB/r.kv"
before=$(stat -c '%i %a %u %g %s %Y' "$DB/r.kv")
start -k r
keys R
wait_for "Rename r to:" >/dev/null
keys C-u
tm_type "renamed"
keys Enter
ok "rename says so" wait_for "renamed r to renamed"
is "$(stat -c '%i %a %u %g %s %Y' "$DB/renamed.kv" 2>&1)" "$before" \
	"the same file: inode, mode, owner, size and mtime carried"
ok "the old name is gone" test ! -e "$DB/r.kv"
ok "the list shows the new name" wait_for "Value: renamed"
# a rename that cannot finish: the target's lock is held
printf 'other\n' > "$DB/held.kv"
hold_wait -x "$DB/held.kv"
keys R
wait_for "Rename renamed to:" >/dev/null
keys C-u
tm_type "held"
keys Enter
wait_for "held exists. Overwrite it?" >/dev/null
keys y
ok "a rename whose lock does not come says so" wait_for "renamed not renamed to held"
ok "exactly one name holds each value" bash -c "
	cmp -s '$DB/renamed.kv' <(printf 'value of r\n') &&
	cmp -s '$DB/held.kv' <(printf 'other\n')"
ok "the list still shows the old name" wait_for "Value: renamed"
release_all

# ------------------------------------------- Ctrl-Z in $EDITOR, then fg
cat > "$DIR/fake-editor" <<EOS
#!/bin/sh
printf '\033[2J\033[HEDITOR RUNNING on %s\n' "\$1"
while [ ! -e "$DIR/editor-done" ]; do sleep 0.1; done
printf 'edited\n' >> "\$1"
EOS
chmod +x "$DIR/fake-editor"
printf 'zee\n' > "$DB/zee.kv"
tm_start 110 30 env -i PATH="$PATH" TERM=xterm-256color HOME="$DIR" \
	PS1='shell$ ' bash --norc --noprofile -i
ok "an interactive shell runs" wait_for "shell\$"
tm_type "cd '$DIR' && LC_ALL=C.UTF-8 EDITOR='$DIR/fake-editor' '$FLOCKD' -k zee db"
keys Enter
wait_for "Keys" >/dev/null
keys e
ok "\$EDITOR runs" wait_for "EDITOR RUNNING"
keys C-z
ok "Ctrl-Z stops the job: the shell is back" wait_for "Stopped"
tm_type "fg"
keys Enter
ok "fg: the editor's screen" wait_for "EDITOR RUNNING" 5
sleep 1 # a browser repaint would come now
ok "the browser does not paint over it" tm_lacks "Keys: (root)"
touch "$DIR/editor-done"
ok "the editor ends and the browser comes back" wait_for "saved zee"
ok "with the edit saved" grep -q edited "$DB/zee.kv"
keys q
ok "quitting gives the shell back" wait_for "shell\$"

tap_done
