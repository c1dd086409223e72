#!/bin/bash
# SPDX-License-Identifier: MIT
# test_browser_inspect.sh - the inspection features of the browser, driven
# in tmux: lock marks of keys held by flock(1) holders (shared L, exclusive
# X) appearing and going by themselves, the lock view (pid and command),
# the check view (remove a stale temp file; refused with -r), the info
# screen (file system type), and compare mode against an rsync replica.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
tm_require

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/flockd-e2e.XXXXXX") || bail "mktemp"
HOLDERS=
cleanup() {
	tm_cleanup
	local p
	for p in $HOLDERS; do kill $p $(pgrep -P "$p") 2>/dev/null; done
	rm -rf "$SCRATCH"
}
trap cleanup EXIT

shows() { tm_shows "$@"; }
shows_re() {
	if tm_wait_re "$2" "${3:-10}"; then tap_pass "$1"
	else tap_fail "$1" "wanted: /$2/" "$(tm_screen)"; fi
}
quit_browser() {
	tm_keys q
	is "$(tm_exit_status)" "0" "$1"
	tm_stop
}

DB=$SCRATCH/db
mkdir -p "$DB/users.tbl" || bail "mkdir"
for k in alice bob carol dave; do printf 'value of %s\n' "$k" >"$DB/users.tbl/$k.kv"; done

# ------------------------------------------------------------ lock marks
if command -v flock >/dev/null 2>&1 && [ -r /proc/locks ]; then
	tm_start 100 20 "$FLOCKD" -t users "$DB"
	shows "browser opens on the table" "Keys: users (4)"
	ok "no lock marks while nobody holds a lock" \
		tm_wait_re_gone '(alice|bob|carol|dave) +[LX] ' 1
	flock -s "$DB/users.tbl/bob.kv" sleep 60 &
	SH_PID=$!
	flock -x "$DB/users.tbl/carol.kv" sleep 60 &
	EX_PID=$!
	HOLDERS="$SH_PID $EX_PID"
	shows_re "a key held with flock -s is marked L (by itself, <= 2s)" \
		'bob +L ' 6
	shows_re "a key held with flock -x is marked X" 'carol +X ' 6
	ok "unlocked keys carry no lock mark" tm_wait_re_gone 'alice +[LX] ' 1

	tm_keys L
	shows "L opens the lock view, labelled local holders only" \
		"local holders only"
	shows_re "it lists the shared holder's pid and command" \
		"shared +flock +$SH_PID +flock +bob"
	shows_re "and the exclusive holder's" \
		"exclusive +flock +$EX_PID +flock +carol"
	tm_keys q
	shows "q goes back to the browser" "Keys: users (4)"

	# flock(1) runs its command as a child that shares the lock
	kill $HOLDERS $(pgrep -P "$SH_PID") $(pgrep -P "$EX_PID") 2>/dev/null
	wait $HOLDERS 2>/dev/null; HOLDERS=
	ok "the marks go by themselves when the holders end" \
		tm_wait_re_gone '(bob|carol) +[LX] ' 6
	quit_browser "q quits after the lock view"
else
	for n in 1 2 3 4 5 6 7 8 9 10; do
		skip "needs flock(1) and /proc/locks" "lock marks $n"
	done
fi

# ---------------------------------------------------- check and info
TEMP=$DB/users.tbl/dave.kvX1y2Z
COPY=$DB/users.tbl/alice.sync-conflict-20240102-030405-ABCDEFG.kv
printf 'half written' >"$TEMP"; touch -d '2 hours ago' "$TEMP"
printf 'their alice\n' >"$COPY"

tm_start 100 20 "$FLOCKD" -r -t users "$DB"
shows "-r: the browser opens" "Keys: users"
tm_keys C
shows "C opens the check view, read-only" "[read-only]"
shows "it lists the stale temp file" "dave.kvX1y2Z"
shows "and the conflict copy" "alice.sync-conflict-20240102"
tm_keys G d
shows "-r: removing the temp file is refused" "read-only: nothing changed"
ok "-r: the temp file is still there" test -e "$TEMP"
tm_keys q
shows "q goes back to the browser" "Keys: users"
quit_browser "q quits after the check view (-r)"

# tall enough for the whole help screen
tm_start 100 50 "$FLOCKD" -t users "$DB"
shows "the browser opens" "Keys: users"
shows_re "the temp file shows in the key list" 'dave\.kvX1y2Z +~'
tm_keys C
shows "C opens the check view" "2 findings"
tm_keys G d
shows "removing the temp file asks first" "(y/N)"
tm_keys y
shows "y removes it" "removed"
ok "the temp file is gone from the disk" test ! -e "$TEMP"
ok "the conflict copy is untouched" test -e "$COPY"
tm_keys q
shows "back in the browser" "Keys: users"
ok "the removed temp file is gone from the key list" \
	tm_wait_gone "dave.kvX1y2Z" 3

tm_keys I
shows "I opens the info screen" "file system"
FSTYPE=$(findmnt -n -o FSTYPE -T "$DB" 2>/dev/null | head -n1)
if [ -n "$FSTYPE" ]; then
	shows_re "it names the file system type ($FSTYPE)" \
		"file system +$FSTYPE"
else
	skip "findmnt cannot tell the file system type" "info: the type"
fi
shows "and what it means for locks" "locks"
tm_keys q
shows "q goes back to the browser" "Keys: users"

tm_keys '?'
shows "? help lists the lock view key" "Lock view: who holds a lock"
shows "and the check view's" "Check view: stale temp files"
tm_keys q
quit_browser "q quits after check and info"

# ------------------------------------------------------------- compare
if command -v rsync >/dev/null 2>&1; then
	P=$SCRATCH/primary R=$SCRATCH/replica
	mkdir -p "$P/users.tbl" || bail "mkdir"
	for k in alice bob carol dave; do printf 'value of %s\n' "$k" >"$P/users.tbl/$k.kv"; done
	printf '\000\001\002bin' >"$P/users.tbl/blob.kv"
	rsync -a "$P/" "$R/" || bail "rsync"
	# changes on the primary after the copy
	printf 'changed alice\n' >"$P/users.tbl/alice.kv"
	printf '\000\001\003bin' >"$P/users.tbl/blob.kv"
	rm "$P/users.tbl/carol.kv"
	printf 'new\n' >"$P/users.tbl/erin.kv"
	BEFORE=$(cd "$R" && find . -type f -exec md5sum {} + | sort)

	tm_start 140 16 "$FLOCKD" --compare "$R" -t users "$P"
	shows "--compare opens the browser on the primary" "Keys: users"
	shows_re "a changed key is marked as differing (#)" 'alice +# '
	shows_re "a binary value changed: differs" 'blob +# '
	shows_re "a key added here: only here (+)" 'erin +\+ '
	shows_re "a key deleted here: a row, only there (-)" 'carol +- '
	shows_re "an unchanged key: same (=)" 'bob +='
	shows "the status line says against what" "vs $R"
	shows "and counts by status" "#2 +1 -1"
	shows_re "and the cursor row's status word, and the newer side" \
		' differs \((suspect, )?here newer\) '

	tm_keys Enter
	shows "Enter on a differing key compares it" "Compare alice"
	shows "with the value here" "changed alice"
	shows "and the value there" "value of alice"
	tm_keys v
	shows "v shows a diff: the line here" "- changed alice"
	shows "and the line there" "+ value of alice"
	tm_keys q
	tm_keys j Enter
	shows "a binary value compares in hex" "00 01 03 62 69 6e"
	tm_keys q
	tm_keys j j
	shows "an only-there row previews the other side's value" \
		"Value (only there, read-only): carol"
	tm_keys Enter
	shows "Enter on it shows the value there, here missing" "(missing)"
	tm_keys q
	tm_keys d
	shows "deleting an only-there key is refused" "only there (read-only)"

	# a change while the browser is open is compared again
	printf 'value of bob, changed\n' >"$P/users.tbl/bob.kv"
	shows_re "a key changed here is compared again" 'bob +# ' 5
	quit_browser "q quits compare mode"
	AFTER=$(cd "$R" && find . -type f -exec md5sum {} + | sort)
	is "$AFTER" "$BEFORE" "the replica is not changed"

	out=$("$FLOCKD" --compare "$SCRATCH/nowhere" "$P" </dev/null 2>&1)
	rc=$?
	is "$rc" "1" "--compare of a missing directory: status 1"
	case $out in
	*"--compare"*"no such directory"*) tap_pass "and one clear line" ;;
	*) tap_fail "and one clear line" "got: $out" ;;
	esac
else
	skip "needs rsync" "compare mode"
fi

"$FLOCKD" --help | grep -q -- "--compare DIR_B"
ok "--help documents --compare" test $? -eq 0

tap_done
