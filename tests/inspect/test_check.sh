#!/bin/bash
# SPDX-License-Identifier: MIT
# test_check.sh - `flockd check` on a database holding every kind of
# leftover (temp files left by real rsync and unison runs that were killed,
# named files for the rest), and `check --fix` removing only stale temp files:
# never values, conflict copies or directories, and never a temp file
# whose lock a background flock(1) holds.
. "$top_srcdir/tests/lib/tap.sh"

: "${FLOCKD:?FLOCKD must name the built program}"

command -v jq >/dev/null || bail "jq is not installed (the --json checks need it)"
TAB=$'\t' # records: one per line, fields separated by a TAB

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-check.XXXXXX") || bail "mktemp"
chmod 755 "$T"
. "$top_srcdir/tests/lib/holders.sh"
cleanup() {
	release_all
	chmod -R u+rwX "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

D=$T/db
mkdir -p "$D/users.tbl"
printf 'value of a' >"$D/a.kv"
printf 'carol' >"$D/users.tbl/carol.kv"
# our temp file and the Go library's, both two hours old
printf 'half' >"$D/a.kvAb12Cd"
printf 'go' >"$D/b.kv3141"
touch -d '2 hours ago' "$D/a.kvAb12Cd" "$D/b.kv3141"
# a temp file just written (younger than the threshold)
printf 'new' >"$D/young.kvQ1w2"
# an old temp file whose writer is still at work (holds its lock)
printf 'busy' >"$D/held.kvZZ9"
touch -d '2 hours ago' "$D/held.kvZZ9"
# Syncthing and unison leftovers, and rsync --delay-updates' directory
printf 'st' >"$D/users.tbl/.syncthing.carol.kv.tmp"
printf 'their carol' >"$D/users.tbl/carol.sync-conflict-20240102-030405-ABCDEFG.kv"
touch -d '3 hours ago' "$D/users.tbl/.syncthing.carol.kv.tmp"
mkdir "$D/.~tmp~"
# odd entries
: >"$D/empty.kv"
mkdir "$D/dir.kv"
ln -s /etc/passwd "$D/link.kv"
printf 'x' >"$D/bad.tbl"
printf 'not ours' >"$D/README"

# A real rsync temp file: copy a big value slowly and kill rsync mid-way.
RSYNC_REAL=no
if command -v rsync >/dev/null && command -v setsid >/dev/null; then
	mkdir "$T/src"
	head -c 4000000 /dev/urandom >"$T/src/big.kv"
	setsid rsync --bwlimit=200 "$T/src/big.kv" "$D/" >/dev/null 2>&1 &
	RPID=$!
	for i in $(seq 200); do
		ls "$D"/.big.kv.?????? >/dev/null 2>&1 && break
		sleep 0.05
	done
	kill -9 -- "-$RPID" 2>/dev/null; wait "$RPID" 2>/dev/null
	rm -f "$D/big.kv"
	if ls "$D"/.big.kv.?????? >/dev/null 2>&1; then
		RSYNC_REAL=yes
		RTEMP=$(basename "$(ls "$D"/.big.kv.??????)")
	fi
fi
if [ $RSYNC_REAL = no ]; then
	RTEMP=.big.kv.Ab3De9
	printf 'partial' >"$D/$RTEMP"
fi
touch -d '2 hours ago' "$D/$RTEMP"

# A real unison temp file: sync a big (sparse) value into an empty replica,
# kill unison mid-copy, and move what it left into the table.
UNISON_REAL=no
if command -v unison >/dev/null && command -v setsid >/dev/null; then
	mkdir -p "$T/usrc" "$T/udst" "$T/uhome"
	truncate -s 300M "$T/usrc/u.kv"
	HOME=$T/uhome setsid unison -batch -ui text "$T/usrc" "$T/udst" >/dev/null 2>&1 &
	UPID=$!
	for i in $(seq 500); do
		ls -a "$T/udst" | grep -q '^\.unison\.u\.kv\..*\.unison\.tmp$' && break
		sleep 0.01
	done
	kill -9 -- "-$UPID" 2>/dev/null; wait "$UPID" 2>/dev/null
	UTEMP=$(ls -a "$T/udst" | grep '^\.unison\.u\.kv\..*\.unison\.tmp$' | head -n 1)
	if [ -n "$UTEMP" ]; then
		truncate -s 1M "$T/udst/$UTEMP" # keep the name, spare the disk
		mv "$T/udst/$UTEMP" "$D/$UTEMP" && UNISON_REAL=yes
	fi
	rm -rf "$T/usrc" "$T/udst" "$T/uhome"
fi
if [ $UNISON_REAL = no ]; then
	UTEMP=.unison.u.kv.8b1a9953c4611296a827abf8c47804d7.unison.tmp
	printf 'un' >"$D/$UTEMP"
fi
touch -d '3 hours ago' "$D/$UTEMP"

hold -x "$D/held.kvZZ9"
for i in $(seq 100); do flock -n "$D/held.kvZZ9" true 2>/dev/null || break; sleep 0.05; done

snapshot() { (cd "$D" && find . -printf '%p %s %T@\n' | sort); }
before=$(snapshot)

out=$("$FLOCKD" check "$D" 2>"$T/err"); rc=$?
is "$rc" 1 "check exits 1 when it finds something"
is "$(snapshot)" "$before" "check without --fix changes nothing"

# finding KIND NAME [DETAIL]: a line of that kind for that path
finding() {
	local line
	line=$(printf '%s\n' "$out" | grep -E "^$1$TAB" | grep -F "$TAB$D/$2$TAB")
	if [ -z "$line" ]; then
		tap_fail "$1 found: $2" "$out"
	elif [ -n "$3" ] && ! printf '%s' "$line" | grep -q -F "$3"; then
		tap_fail "$1 found: $2 ($3)" "line: $line"
	else
		tap_pass "$1 found: $2${3:+ ($3)}"
	fi
}
finding temp a.kvAb12Cd "of key a"
finding temp b.kv3141 "of key b"
finding temp young.kvQ1w2
if [ $RSYNC_REAL = yes ]; then
	finding rsync-temp "$RTEMP" "of key big"
else
	skip "rsync did not leave a temp file; a named one was used" "real rsync temp file"
	finding rsync-temp "$RTEMP" "of key big"
fi
finding rsync-dir ".~tmp~"
finding syncthing-temp "users.tbl/.syncthing.carol.kv.tmp" "of key carol"
if [ $UNISON_REAL = yes ]; then
	finding unison-temp "$UTEMP" "of key u"
else
	skip "unison is missing or left no temp file; a named one was used" "real unison temp file"
	finding unison-temp "$UTEMP" "of key u"
fi
finding syncthing-conflict "users.tbl/carol.sync-conflict-20240102-030405-ABCDEFG.kv" "conflict copy of carol, by ABCDEFG, 20240102-030405"
finding empty-value empty.kv
finding not-regular dir.kv
finding not-regular link.kv
finding table-not-dir bad.tbl
line=$(printf '%s\n' "$out" | grep -F "$D/a.kvAb12Cd$TAB")
case $line in *"${TAB}2h$TAB"*) tap_pass "the age of a finding is shown" ;; *) tap_fail "the age of a finding is shown" "$line" ;; esac
finding temp held.kvZZ9 "of key held; kept: a process holds a lock on it"
finding temp young.kvQ1w2 "stale after 1h"
finding temp a.kvAb12Cd "removable: 2h old, no lock held"
finding other README "not ours: left alone"
if printf '%s\n' "$out" | grep -q -E "$D/a.kv$TAB|carol.kv$TAB"; then tap_fail "values are not findings" "$out"
else tap_pass "values are not findings"; fi

json=$("$FLOCKD" check --json "$D")
is "$(printf '%s' "$json" | jq '.findings | length')" 14 "--json lists every finding"
is "$(printf '%s' "$json" | jq '.format_version')" 1 "--json carries format_version 1"
is "$(printf '%s' "$json" | jq -r '.findings[] | select(.kind == "syncthing-conflict") | "\(.table) \(.key) \(.key_exists) \(.who) \(.when)"')" \
	"users carol true ABCDEFG 20240102-030405" "--json: a conflict copy names its table, key, device and time"
is "$(printf '%s' "$json" | jq -r '.findings[] | select(.name == "young.kvQ1w2") | "\(.verdict) \(.removable) \(.attention)"')" \
	"young false false" "--json: a young temp is kept and needs nobody"
age=$(printf '%s' "$json" | jq '.findings[] | select(.name == "a.kvAb12Cd") | .age_seconds')
[ "$age" -ge 7000 ] 2>/dev/null; ok "--json: age in seconds" test $? -eq 0
is "$(printf '%s' "$json" | jq -r '.findings[] | select(.name == "a.kvAb12Cd") | .mtime')" \
	"$(date -u -d "@$(stat -c %Y "$D/a.kvAb12Cd")" +%Y-%m-%dT%H:%M:%S).$(stat -c %y "$D/a.kvAb12Cd" | sed -E 's/.*\.([0-9]{9}).*/\1/')Z" \
	"--json: mtime in RFC 3339 UTC with nanoseconds"

# -z: the same records, every field NUL-terminated, the path raw
"$FLOCKD" check -z "$D" >"$T/z" 2>/dev/null
is "$(tr '\0' '\n' <"$T/z" | paste - - - - | grep -c '')" "$(printf '%s\n' "$out" | grep -c '')" \
	"-z: four NUL-terminated fields per finding"
tr '\0' '\n' <"$T/z" | paste - - - - | grep -q "^syncthing-conflict$TAB[^$TAB]*$TAB$D/users.tbl/carol.sync-conflict-20240102-030405-ABCDEFG.kv$TAB"
ok "-z: kind, age, path, status in that order" test $? -eq 0

# --fix: only stale temp files older than the threshold go
out=$("$FLOCKD" check --fix "$D" 2>"$T/err"); rc=$?
is "$rc" 1 "check --fix exits 1 while non-temp findings remain"
gone() { [ ! -e "$D/$1" ] && [ ! -L "$D/$1" ]; }
ok "--fix removed our stale temp file" gone a.kvAb12Cd
ok "--fix removed the Go library's stale temp file" gone b.kv3141
ok "--fix removed the stale rsync temp file" gone "$RTEMP"
ok "--fix removed the stale Syncthing temp file" gone users.tbl/.syncthing.carol.kv.tmp
ok "--fix removed the stale unison temp file" gone "$UTEMP"
ok "--fix spared the temp file whose lock is held" test -e "$D/held.kvZZ9"
ok "--fix spared the temp file younger than 1h" test -e "$D/young.kvQ1w2"
printf '%s\n' "$out" | grep -F "$D/young.kvQ1w2$TAB" | grep -q -E "kept: ([0-9]+s|under 1s) old, stale after 1h${TAB}kept: young$"
ok "and says why it kept it" test $? -eq 0
ok "--fix kept the conflict copy" test -e "$D/users.tbl/carol.sync-conflict-20240102-030405-ABCDEFG.kv"
ok "--fix kept the empty value" test -e "$D/empty.kv"
ok "--fix kept the values" test "$(cat "$D/a.kv")$(cat "$D/users.tbl/carol.kv")" = "value of acarol"
ok "--fix kept the .~tmp~ directory and the odd entries" test -d "$D/.~tmp~" -a -d "$D/dir.kv" -a -L "$D/link.kv" -a -f "$D/bad.tbl"

# a lower threshold takes the young temp too
touch -d '10 seconds ago' "$D/young.kvQ1w2"
"$FLOCKD" check --fix --older-than 5s "$D" >/dev/null 2>&1
ok "--older-than 5s removes a 10 s old temp file" gone young.kvQ1w2
ok "the held temp file is still spared" test -e "$D/held.kvZZ9"

# once the writer is gone, its temp file is stale and goes
release $PIDS; PIDS=
"$FLOCKD" check --fix "$D" >/dev/null 2>&1
ok "the temp file goes once its lock is released" gone held.kvZZ9

# files the current user cannot read
printf 'secret' >"$D/secret.kv"; chmod 000 "$D/secret.kv"
mkdir "$D/sec.tbl"; printf 's' >"$D/sec.tbl/k.kv"; chmod 700 "$D/sec.tbl"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$FLOCKD" check "$D" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -E "^unreadable$TAB" | grep -q -F "$D/secret.kv"
	ok "a key the user cannot read is reported (as nobody)" test $? -eq 0
	printf '%s\n' "$out" | grep -E "^unreadable$TAB" | grep -q -F "$D/sec.tbl$TAB"
	ok "a table the user cannot read is reported" test $? -eq 0
	is "$rc" 1 "an unreadable table is a finding, not trouble"
elif [ "$(id -u)" != 0 ]; then
	out=$("$FLOCKD" check "$D" 2>&1)
	printf '%s\n' "$out" | grep -E "^unreadable$TAB" | grep -q -F "$D/secret.kv"
	ok "a key the user cannot read is reported" test $? -eq 0
else
	skip "needs setpriv to drop root" "a key the user cannot read is reported"
fi
rm -rf "$D/secret.kv" "$D/sec.tbl"

# Every sync tool's artefact, by the names the tools really make; none of
# them is a key.
K=$T/kinds; mkdir -p "$K/t.tbl"
printf 'v' >"$K/k.kv"; printf 'v' >"$K/t.tbl/k.kv"
printf 'u' >"$K/k (conflict_on_2026-11-25).kv"
printf 'u' >"$K/k (conflict #1_on_2026-11-25).kv"
printf 'd' >"$K/k (Bob's conflicted copy 2024-01-02).kv"
printf 'n' >"$K/k (conflicted copy alice 2024-01-02 123456).kv"
printf 'b' >"$K/k.kv~"
printf 'b' >"$K/.bak.1.k.kv"
printf 's' >"$K/k~20240102-030405.kv"
printf 'x' >"$K/.nfs000000000012ab3400000001"
printf 'h' >"$K/.syncthing.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.tmp"
touch -d '2 hours ago' "$K/.syncthing.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.tmp"
printf 'ours' >"$K/.stignore"; mkdir "$K/.stfolder"
printf 'torn?' >"$K/t.tbl/epoch.kv"; touch -d @0 "$K/t.tbl/epoch.kv"
out=$("$FLOCKD" check "$K"); rc=$?
kfinding() {
	local line
	line=$(printf '%s\n' "$out" | grep -E "^$1$TAB" | grep -F "$TAB$K/$2$TAB")
	if [ -n "$line" ] && printf '%s' "$line" | grep -q -F -- "$3"; then tap_pass "$1: $2"
	else tap_fail "$1: $2 ($3)" "$out"; fi
}
kfinding unison-conflict "k (conflict_on_2026-11-25).kv" "conflict copy of k, 2026-11-25"
kfinding unison-conflict "k (conflict #1_on_2026-11-25).kv" "#1"
kfinding cloud-conflict "k (Bob's conflicted copy 2024-01-02).kv" "conflict copy of k, by Bob, 2024-01-02"
kfinding cloud-conflict "k (conflicted copy alice 2024-01-02 123456).kv" "by alice, 2024-01-02 123456"
kfinding rsync-backup "k.kv~" "backup of k"
kfinding unison-backup ".bak.1.k.kv" "backup of k"
kfinding syncthing-version "k~20240102-030405.kv" "backup of k, 20240102-030405"
kfinding nfs-silly ".nfs000000000012ab3400000001" "still open on an NFS client"
kfinding syncthing-temp ".syncthing.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.tmp" "removable: 2h old"
kfinding suspect-value "t.tbl/epoch.kv" "interrupted rsync --partial"
if printf '%s\n' "$out" | grep -q -F -e ".stignore" -e ".stfolder"; then tap_fail "Syncthing's own files are not findings" "$out"
else tap_pass "Syncthing's own files are not findings"; fi
is "$rc" 1 "conflict copies need an operator: exit 1"

# Only what needs nobody (a young temp, a backup, a stranger): exit 0.
Q=$T/quiet; mkdir -p "$Q"
printf 'v' >"$Q/k.kv"; printf 'n' >"$Q/k.kvNew1"; printf 'b' >"$Q/k.kv~"; printf 'r' >"$Q/README"
out=$("$FLOCKD" check "$Q"); rc=$?
is "$rc" 0 "files in use, backups and strangers are shown but do not count"
printf '%s\n' "$out" | grep -q "^temp$TAB" ; ok "and the young temp is shown" test $? -eq 0

# The newest temp of a key whose lock is held is a writer's: kept,
# whatever its age; an older temp of that key is not.
L=$T/locked; mkdir -p "$L"
printf 'v' >"$L/k.kv"
printf 'old' >"$L/k.kvOld1"; touch -d '3 hours ago' "$L/k.kvOld1"
printf 'new' >"$L/k.kvNew2"; touch -d '2 hours ago' "$L/k.kvNew2"
hold -x "$L/k.kv"
for i in $(seq 100); do flock -n "$L/k.kv" true 2>/dev/null || break; sleep 0.05; done
out=$("$FLOCKD" check --fix "$L"); rc=$?
ok "--fix keeps the newest temp of a key whose lock is held" test -e "$L/k.kvNew2"
printf '%s\n' "$out" | grep -F "$L/k.kvNew2$TAB" | grep -q "newest temp of a key a process holds a lock on"
ok "and says why" test $? -eq 0
ok "--fix removes an older temp of that key" test ! -e "$L/k.kvOld1"
is "$rc" 0 "nothing is left that needs an operator"
release $PIDS; PIDS=
"$FLOCKD" check --fix "$L" >/dev/null 2>&1
ok "once the key's lock is released, the newest temp goes too" test ! -e "$L/k.kvNew2"

# A crashed create on a file system without hard links leaves an empty
# mode-0000 placeholder: named "abandoned placeholder" once unlocked and
# stale, removed by --fix; a placeholder whose lock is held, or a young
# one, is a create at work.
P=$T/ph; mkdir -p "$P"
: >"$P/gone.kv"; chmod 000 "$P/gone.kv"; touch -d '2 hours ago' "$P/gone.kv"
: >"$P/busy.kv"; chmod 000 "$P/busy.kv"; touch -d '2 hours ago' "$P/busy.kv"
: >"$P/new.kv"; chmod 000 "$P/new.kv"
out=$("$FLOCKD" check "$P"); rc=$?
line=$(printf '%s\n' "$out" | grep -F "$P/gone.kv$TAB")
case $line in abandoned-placeholder"$TAB"*"removable: 2h old"*) tap_pass "an old unlocked placeholder is abandoned" ;;
*) tap_fail "an old unlocked placeholder is abandoned" "$out" ;; esac
line=$(printf '%s\n' "$out" | grep -F "$P/new.kv$TAB")
case $line in "placeholder$TAB"*"stale after 1h"*) tap_pass "a young placeholder is a create at work" ;;
*) tap_fail "a young placeholder is a create at work" "$out" ;; esac
is "$rc" 1 "an abandoned placeholder needs an operator"
if [ "$(id -u)" = 0 ]; then
	hold -x "$P/busy.kv"
	for i in $(seq 100); do flock -n "$P/busy.kv" true 2>/dev/null || break; sleep 0.05; done
fi
out=$("$FLOCKD" check --fix "$P"); rc=$?
ok "--fix removes the abandoned placeholder" test ! -e "$P/gone.kv"
ok "and keeps the young one" test -e "$P/new.kv"
if [ "$(id -u)" = 0 ]; then
	ok "and keeps the one whose lock is held" test -e "$P/busy.kv"
	ok "unchanged (still mode 0000)" test "$(stat -c %a "$P/busy.kv")" = 0
	release $PIDS; PIDS=
else
	skip "flock(1) cannot open a mode-0000 file unless root" "and keeps the one whose lock is held"
	skip "flock(1) cannot open a mode-0000 file unless root" "unchanged (still mode 0000)"
fi
rm -f "$P/busy.kv" "$P/new.kv"

# Tables another implementation named "..", tables deeper than the walk
# limit, and copies of tables in a hidden directory: reported, and the
# rest of the database is still checked.
B=$T/badnames; mkdir -p "$B/...tbl" "$B/ok.tbl" "$B/.backup/ok.tbl"
printf 'v' >"$B/...tbl/k.kv"; printf 'old' >"$B/ok.tbl/k.kvT1"; touch -d '2 hours ago' "$B/ok.tbl/k.kvT1"
deep=$B; for i in $(seq 0 66); do deep=$deep/d$i.tbl; done; mkdir -p "$deep"
out=$("$FLOCKD" check -q "$B" 2>"$T/err"); rc=$?
is "$rc" 1 "a bad table name is a finding, not trouble for the whole check"
printf '%s\n' "$out" | grep -E "^bad-table-name$TAB" | grep -q -F "$B/...tbl$TAB"
ok "the table named .. is reported" test $? -eq 0
printf '%s\n' "$out" | grep -E "^too-deep$TAB" | grep -q -F "/d64.tbl$TAB"
ok "a table below the walk limit is reported" test $? -eq 0
printf '%s\n' "$out" | grep -E "^table-copies$TAB" | grep -q -F "$B/.backup$TAB"
ok "a hidden directory of table copies is reported" test $? -eq 0
printf '%s\n' "$out" | grep -q -F "$B/ok.tbl/k.kvT1$TAB"
ok "and the other tables are still checked" test $? -eq 0
is "$(cat "$T/err")" "" "no error message (and with -q no headings)"
"$FLOCKD" tables "$B" | grep -q -e '^\.\.$' -e '^\.backup'
ok "tables lists neither" test $? -ne 0

# a clean database: exit 0
C=$T/clean; mkdir -p "$C/t.tbl"; printf 'v' >"$C/k.kv"; printf 'w' >"$C/t.tbl/k.kv"
out=$("$FLOCKD" check "$C" 2>"$T/err"); rc=$?
is "$rc" 0 "a clean database: exit 0"
is "$out" "" "and writes no data"
is "$(cat "$T/err")" "flockd check: no leftovers found" "but says so on stderr"
"$FLOCKD" check -q "$C" >"$T/out" 2>&1
is "$(cat "$T/out")" "" "and with -q not at all"

"$FLOCKD" check "$T/nonexistent" >/dev/null 2>"$T/err"; rc=$?
is "$rc" 3 "a missing directory is not found: exit 3"
is "$(cat "$T/err")" "flockd check: $T/nonexistent: no such database directory" "and says so in one line"
ok "and is not created" test ! -e "$T/nonexistent"
"$FLOCKD" check --older-than soon "$C" >/dev/null 2>"$T/err"; rc=$?
is "$rc" 2 "a bad --older-than is a usage error: exit 2"
grep -q "older-than" "$T/err"; ok "and the message names the option" test $? -eq 0
"$FLOCKD" check --help | grep -q "^Exit status as diff(1): 0 nothing found"
ok "--help documents the exit statuses" test $? -eq 0

tap_done
