#!/bin/bash
# SPDX-License-Identifier: MIT
# test_browser_compare.sh - compare mode over the whole database, driven
# in tmux: every table is compared in the background (tui/sync's engine,
# as flockd diff), the status line counts this table's differences and
# every table's, ] and [ jump to the next and previous key that differs
# across tables, the cursor row says which side is newer, and the other
# database may be HOST:PATH, reached over a real OpenSSH server on
# 127.0.0.1 (tests/lib/sshd.sh; skipped with a notice where sshd cannot
# start).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
. "$top_srcdir/tests/lib/sshd.sh"
tm_require

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/flockd-e2e.XXXXXX") || bail "mktemp"
cleanup() {
	tm_cleanup
	sshd_stop
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

A=$SCRATCH/here B=$SCRATCH/there
put() { printf '%s' "$4" | "$FLOCKD" set -t "$2" "$1" "$3" || bail "set $3"; }
for db in "$A" "$B"; do
	put "$db" users alice "alice's value"
	put "$db" users carol "carol's value"
	put "$db" logs l1 "log one"
	put "$db" zz z1 "same"
done
put "$A" users bob "bob here"
put "$B" users bob "bob there, longer"
put "$B" zz z2 "only there"
put "$B" extra e1 "a table only there"
find "$A" "$B" -name '*.kv' -exec touch -d '2024-01-02 03:04:05' {} +
touch -d '2024-01-03 00:00:00' "$B/users.tbl/bob.kv"
BEFORE=$(cd "$B" && find . -type f -exec md5sum {} + | sort)

tm_start 150 30 "$FLOCKD" --compare "$B" -t users "$A"
shows "the browser opens on users" "Keys: users"
shows_re "bob differs (#)" 'bob +# '
shows_re "alice is the same (=)" 'alice +='
shows "the counts of this table, and of every table (zz and extra differ too)" \
	"#1 +0 -0 (all: #1 +0 -2)"
shows_re "the tables pane marks a table that differs with its counts" \
	'users +#1[x│]'
shows_re "a table only there is listed, marked with its key count" \
	'extra +- 1[x│]'
shows_re "zz: one key only there" 'zz +-1[x│]'
shows_re "a table the same on both sides: =" 'logs +=[x│]'
tm_keys '='
shows "= shows only the keys that differ" "differences only"
if tm_wait_re_gone 'alice +=' 5; then tap_pass "the same keys are hidden"
else tap_fail "the same keys are hidden" "$(tm_screen)"; fi
shows_re "the key that differs stays" 'bob +# '
tm_keys '='
shows_re "= again shows every key" 'alice +='
shows "the cursor stayed on the key that differs" "differs (there newer)"
tm_keys g
tm_keys ']'
shows "] goes to the next key that differs" "differs (there newer)"
shows_re "the cursor is on bob" '^.*bob +# '
tm_keys i
shows "i: the details compare both sides" "Compared with the other database"
shows "with why it differs" "differs: size"
shows "here's size and time" "8 B, modified 2024-01-02 03:04:05.000000000"
shows "there's size and time" "17 B, modified 2024-01-03 00:00:00.000000000"
shows_re "and which is newer" 'Newer +there'
tm_keys q
tm_wait_gone "Compared with" >/dev/null
tm_keys ']'
shows "] again goes on to the next table that differs" "Keys: zz"
shows "to its key only there" "only there"
tm_keys '['
shows "[ comes back to users" "Keys: users"
shows "to bob" "differs (there newer)"
tm_keys '['
shows "[ again goes back to the table only there" "Keys: extra"
shows "which says so" "only in $B: 1 key (read-on"
tm_keys '['
shows "nothing before it: said" "no previous difference"
quit_browser "q quits"
AFTER=$(cd "$B" && find . -type f -exec md5sum {} + | sort)
is "$AFTER" "$BEFORE" "the other database is not changed"

# ------------------------------------------------- copy this side over
tm_start 150 16 "$FLOCKD" -r --compare "$B" -t users "$A"
shows_re "-r: the comparison shows" 'bob +# '
tm_keys p
shows "-r: copying over is refused" "read-only (-r): nothing is copied"
quit_browser "q quits (-r)"

tm_start 150 16 "$FLOCKD" --compare "$B" -t users "$A"
shows_re "bob differs" 'bob +# '
tm_keys ']' p
shows "p asks first, naming the count, the table and both sides" \
	"Copy 1 key of users from here over $B"
tm_keys n
shows "any answer but y copies nothing" "nothing copied"
is "$(cat "$B/users.tbl/bob.kv")" "bob there, longer" "there, bob is untouched"
tm_keys p
tm_wait "Copy 1 key" >/dev/null
tm_keys y
shows "y copies it" "copied 1 key"
is "$(cat "$B/users.tbl/bob.kv")" "bob here" "there, bob has here's value"
is "$(stat -c %Y "$B/users.tbl/bob.kv")" "$(stat -c %Y "$A/users.tbl/bob.kv")" \
	"with here's modification time"
shows_re "bob is marked the same" 'bob +='
shows_re "users is the same now in the tables pane" 'users +=[x│]'
tm_keys ']'
shows "] goes on to zz's key only there" "Keys: zz"
tm_keys Space
shows "it is picked" "1 picked"
tm_keys P
shows "P asks to copy from there over here" "Copy 1 key of zz from $B over here"
tm_keys y
shows "the key only there is copied here" "copied 1 key"
is "$(cat "$A/zz.tbl/z2.kv")" "only there" "here, z2 has there's value"
shows_re "z2 is the same now" 'z2 +='
tm_gone "and no longer picked" "1 picked"
quit_browser "q quits after copying"
put "$B" users bob "bob there, longer"
touch -d '2024-01-03 00:00:00' "$B/users.tbl/bob.kv"
rm -f "$A/zz.tbl/z2.kv"

out=$("$FLOCKD" --rsh ssh "$A" </dev/null 2>&1)
is "$?:$out" "2:flockd: --rsh and --remote-flockd go with --compare HOST:PATH" \
	"--rsh without --compare: a usage error"
"$FLOCKD" --help | grep -q -- "--compare DIR_B|\[USER@\]HOST:PATH"
ok "--help documents --compare HOST:PATH" test $? -eq 0

# ------------------------------------------------------ HOST:PATH over ssh
if sshd_start "$SCRATCH/sshd"; then
	echo "# sshd on 127.0.0.1:$SSHD_PORT (pid $SSHD_PID)"
	tm_start 150 16 "$FLOCKD" --compare "sshd-test:$B" \
		-e "ssh -F $SSH_CONFIG" --remote-flockd "$FLOCKD" -t users "$A"
	shows "--compare HOST:PATH: the status line says against what" \
		"vs sshd-test:$B"
	shows_re "over ssh: bob differs (#)" 'bob +# ' 20
	shows_re "over ssh: alice is the same (=)" 'alice +='
	shows "over ssh: every table is counted" "(all: #1 +0 -2)"
	tm_keys ']' Enter
	shows "Enter on bob compares it" "Compare bob"
	shows "with the value there, read over ssh" "bob there, longer"
	tm_keys q
	tm_keys p
	tm_wait "Copy 1 key" >/dev/null
	tm_keys y
	shows "p copies bob over ssh" "copied 1 key" 20
	is "$(cat "$B/users.tbl/bob.kv")" "bob here" "there, bob has here's value (over ssh)"
	is "$(stat -c %Y "$B/users.tbl/bob.kv")" "$(stat -c %Y "$A/users.tbl/bob.kv")" \
		"with here's modification time (over ssh)"
	tm_keys ']'
	shows "] goes on to zz's key only there (over ssh)" "Keys: zz"
	shows "its preview says where it is" "only on the other host: Enter shows it"
	tm_keys Enter
	shows "Enter reads it over ssh" "Compare z2"
	shows "here it is missing" "(missing)"
	tm_keys q
	quit_browser "q quits (over ssh)"
	tm_start 150 16 "$FLOCKD" --compare "sshd-test:$SCRATCH/nowhere" \
		-e "ssh -F $SSH_CONFIG" --remote-flockd "$FLOCKD" -t users "$A"
	shows "a missing database there: said on the status line" \
		"cannot compare (there)" 20
	shows_re "and no key is marked" 'alice +\? '
	quit_browser "q quits after a failed comparison"
else
	skip "sshd cannot start: $SSHD_WHY" "compare mode over ssh"
fi

tap_done
