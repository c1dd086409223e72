#!/bin/bash
# SPDX-License-Identifier: MIT
# test_replicas.sh - replicas made by the real rsync and unison, and what
# `flockd check` (and diff, ls) make of what they really leave behind:
#   - rsync and unison copy a database while a writer (flockd set in a
#     loop) runs: every value arrives whole, no temp file arrives;
#   - rsync killed mid-transfer: --partial with SIGKILL leaves its temp
#     (kept while young, removable once stale), --partial with SIGTERM
#     renames a torn value into place with mtime at the epoch (suspect),
#     --inplace with SIGKILL tears a value no local check can tell (diff
#     against the source does);
#   - unison -copyonconflict makes a conflict copy: check names it, ls does
#     not list it, ls -a does.
# Every tool run is bounded by timeout(1); the writer stops when told.
. "$top_srcdir/tests/lib/tap.sh"
: "${FLOCKD:?FLOCKD must name the built program}"

for tool in rsync unison timeout setsid pgrep ps; do
	if ! command -v $tool >/dev/null; then
		echo "1..0 # SKIP $tool is not installed"
		exit 0
	fi
done

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-replicas.XXXXXX") || bail "mktemp"
WRITER=
cleanup() {
	touch "$T/stop"
	[ -n "$WRITER" ] && wait "$WRITER" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
. "$top_srcdir/tests/synctools/synctools_lib.sh"
TAB=$'\t' # check's records: fields separated by a TAB
man_block rsync-filter >"$T/rsync-filter"

# A value names its key and ends with a marker: a torn copy shows.
PAD=$(head -c 3000 /dev/zero | tr '\0' x)
value() { printf '%s:%s:%s:end' "$1" "$2" "$PAD"; }
whole() { # whole DIR: every key of table users holds a whole value
	local f k v
	for f in "$1"/users.tbl/*.kv; do
		k=$(basename "$f" .kv)
		v=$(cat "$f")
		case $v in "$k:"*":$PAD:end") ;; *) echo "$f"; return 1 ;; esac
	done
}

S=$T/src
for i in $(seq 0 9); do
	value "k$i" 0 | "$FLOCKD" set -t users "$S" "k$i" || bail "set k$i"
done

# The writer: sets keys in a loop until told to stop (at most 60 s).
(
	n=0
	end=$((SECONDS + 60))
	while [ ! -e "$T/stop" ] && [ $SECONDS -lt $end ]; do
		n=$((n + 1))
		value "k$((n % 10))" "$n" | "$FLOCKD" set -t users "$S" "k$((n % 10))" || exit 1
	done
	echo "$n" >"$T/writes"
) &
WRITER=$!

# Replicate three times each while it writes.
for run in 1 2 3; do
	timeout 60 rsync -a --delete --filter="merge $T/rsync-filter" "$S/" "$T/rsync/" 2>>"$T/rsync.err"
	rc=$?
	# 24: a file vanished while rsync listed it (the writer renamed a
	# value over it): expected with a live writer
	[ $rc = 0 ] || [ $rc = 24 ] || echo "rsync run $run: $rc" >>"$T/fail"
	timeout 60 rsync -a "$S/" "$T/plain/" 2>>"$T/rsync.err"
	rc=$?
	[ $rc = 0 ] || [ $rc = 24 ] || echo "plain rsync run $run: $rc" >>"$T/fail"
done
mkdir -p "$T/unison-home" "$T/unison"
{ echo "root = $S"; echo "root = $T/unison"; man_block unison-ignore; } \
	>"$T/unison-home/live.prf"
for run in 1 2 3; do
	unison_run live -force "$S" >>"$T/unison.out" 2>&1
	rc=$?
	# 1: skipped, 2: a file changed while it copied it (the writer):
	# both expected with a live writer; 3 is fatal
	[ $rc -le 2 ] || echo "unison run $run: $rc" >>"$T/fail"
done
touch "$T/stop"
wait "$WRITER"
is "$?" 0 "the writer never failed"
WRITER=
writes=$(cat "$T/writes" 2>/dev/null || echo 0)
echo "# the writer stored $writes values meanwhile"
[ "$writes" -gt 0 ]; ok "the writer wrote while the tools ran" test $? -eq 0
ok "every rsync and unison run succeeded" test ! -e "$T/fail"
[ -e "$T/fail" ] && sed 's/^/# /' "$T/fail"

for r in rsync unison; do
	ok "$r: every value arrived whole" whole "$T/$r"
	out=$("$FLOCKD" check "$T/$r" 2>/dev/null); rc=$?
	is "$rc" 0 "$r: check finds nothing to act on"
	is "$out" "" "$r: no temp file arrived (filtered)"
done
# What diff says of the replicas made while the writer ran: behind the
# source maybe (differs, only-a), never torn (suspect) nor holding a
# leftover; sync brings each up to date through the store.
for r in rsync unison; do
	out=$("$FLOCKD" diff "$S" "$T/$r" 2>&1); rc=$?
	bad=$(printf '%s\n' "$out" | grep -v -E "^(differs|only-a|only-b)$TAB" | grep -v '^STATUS' | grep -v '^$')
	[ "$rc" -le 1 ] && [ -z "$bad" ]
	ok "$r: diff against the source finds only keys behind it (exit $rc)" test $? -eq 0
	[ -z "$bad" ] || printf "%s\n" "$bad" | head -n 5 | sed "s/^/#   /"
	"$FLOCKD" sync -q --from "$S" --to "$T/$r" >/dev/null
	is "$?" 0 "$r: sync --from the source copies what is behind"
	out=$("$FLOCKD" diff "$S" "$T/$r" 2>&1); rc=$?
	is "$rc:$out" "0:" "$r: then diff finds the two the same"
done

# Without the filter, rsync may catch a writer's temp file between its
# creation and its rename; check names it, young, and needs nobody.
ok "plain rsync: every value arrived whole" whole "$T/plain"
out=$("$FLOCKD" check "$T/plain" 2>/dev/null); rc=$?
is "$rc" 0 "plain rsync: check finds nothing to act on"
caught=$(printf '%s\n' "$out" | grep -c "^temp$TAB")
echo "# plain rsync caught $caught temp file(s) of the writer"
if [ "$caught" -gt 0 ]; then
	find "$T/plain" -name '*.kv?*' -exec touch -d '2 hours ago' {} +
	"$FLOCKD" check --fix "$T/plain" >/dev/null
	is "$("$FLOCKD" check "$T/plain" 2>/dev/null)" "" "once stale, --fix removes them"
else
	skip "rsync caught no temp file this time" "once stale, --fix removes them"
fi

# --- rsync interrupted mid-transfer
B=$T/big; R=$T/killed
mkdir -p "$B" "$R"
head -c 8000000 /dev/urandom >"$B/big.kv"
printf 'old value' >"$R/big.kv"; touch -d '2020-01-01' "$R/big.kv"
# alive PGID: a process of group PGID has not ended yet (zombies have:
# rsync's receiver, orphaned by the client, waits there for init).
alive() {
	local p
	for p in $(pgrep -g "$1"); do
		case $(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null) in
		Z*|"") ;;
		*) return 0 ;;
		esac
	done
	return 1
}

# interrupt SIG OPTION: start a slow rsync of big.kv and signal all of its
# processes at once (one kill of its process group, as a terminal's ^C)
# once it has written part of the value (bounded: 30 s to get going, for
# a loaded machine: a signal before any byte arrived leaves nothing);
# then wait until every one of them has ended: the receiver renames a
# --partial file into place in its own cleanup, which may end after the
# client has. timeout(1) stays out of the group (setsid after it): it
# would send each a second signal while they clean up.
interrupt() {
	local sig=$1 opt=$2 i grp
	timeout 60 setsid rsync -a "$opt" --bwlimit=400 "$B/big.kv" "$R/" \
		>/dev/null 2>&1 &
	local pid=$!
	for i in $(seq 600); do
		if [ "$(cat "$R"/.big.kv.?????? "$R/big.kv" 2>/dev/null | wc -c)" -gt 300000 ]; then
			break
		fi
		sleep 0.05
	done
	grp=$(ps -o pgid= -p "$(pgrep -P "$pid")" | tr -d ' ')
	[ -n "$grp" ] && [ "$grp" != "$(ps -o pgid= -p $$ | tr -d ' ')" ] ||
		bail "no process group of rsync's own"
	kill -"$sig" -- "-$grp"
	for i in $(seq 600); do
		alive "$grp" || break
		sleep 0.05
	done
	kill -KILL -- "-$grp" 2>/dev/null # still there after 30 s: a test bug
	wait "$pid" 2>/dev/null
}

# torn: big.kv holds neither the old value nor the whole new one.
torn() {
	[ "$(stat -c %s "$R/big.kv")" -lt 8000000 ] &&
		! printf 'old value' | cmp -s - "$R/big.kv"
}

interrupt KILL --partial
temp=$(cd "$R" && ls -A | grep '^\.big\.kv\.......$')
ok "--partial, SIGKILL: rsync left its temp file" test -n "$temp"
is "$(cat "$R/big.kv")" "old value" "--partial, SIGKILL: the old value is intact"
out=$("$FLOCKD" check "$R"); rc=$?
line=$(printf '%s\n' "$out" | grep -F "$R/$temp$TAB")
case $line in rsync-temp*"of key big; kept:"*"old, stale after 1h"*) tap_pass "check: rsync-temp of key big, kept while young" ;;
*) tap_fail "check: rsync-temp of key big, kept while young" "$out" ;; esac
is "$rc" 0 "a young temp needs nobody yet"
sleep 2
"$FLOCKD" check --fix --older-than 1s "$R" >/dev/null
ok "once stale, --fix removes rsync's temp" test ! -e "$R/$temp"
is "$(cat "$R/big.kv")" "old value" "and never the value"

interrupt TERM --partial
size=$(stat -c %s "$R/big.kv")
ok "--partial, SIGTERM: a torn value was renamed into place ($size bytes)" torn
is "$(stat -c %Y "$R/big.kv")" 0 "with its mtime at the epoch"
out=$("$FLOCKD" check "$R"); rc=$?
printf '%s\n' "$out" | grep -E "^suspect-value$TAB" | grep -q -F "$R/big.kv$TAB"
ok "check names it a suspect value" test $? -eq 0
is "$rc" 1 "a suspect value needs an operator"
out=$("$FLOCKD" diff "$B" "$R"); rc=$?
is "$rc:$(printf '%s\n' "$out" | cut -f1,3,7,10)" "1:suspect${TAB}big$TAB$size${TAB}epoch,differs" \
	"diff: big is suspect in the replica (mtime at the epoch, other bytes)"
# sync repairs it through the store: whole, with the source's time
"$FLOCKD" sync -q --from "$B" --to "$R" >"$T/sync.out"; rc=$?
is "$rc:$(cut -f1,3,5 "$T/sync.out")" "0:update${TAB}big${TAB}done" "sync --from the source replaces the torn value"
ok "the value is whole again" cmp -s "$B/big.kv" "$R/big.kv"
is "$(stat -c %Y "$R/big.kv")" "$(stat -c %Y "$B/big.kv")" "with the source's mtime"
out=$("$FLOCKD" check "$R"); rc=$?
is "$rc" 0 "and check finds nothing to act on"

printf 'old value' >"$R/big.kv"; touch -d '2020-01-01' "$R/big.kv"
interrupt KILL --inplace
size=$(stat -c %s "$R/big.kv")
ok "--inplace, SIGKILL: the value is torn in place ($size bytes)" torn
out=$("$FLOCKD" check "$R"); rc=$?
is "$rc" 0 "no local check can tell (its mtime is fresh)"
out=$("$FLOCKD" diff "$B" "$R"); rc=$?
is "$rc" 1 "diff against the source tells"
is "$(printf '%s\n' "$out" | cut -f1,3,5,7,10)" "differs${TAB}big${TAB}8000000$TAB$size${TAB}size" \
	"and names the key, both sizes"
"$FLOCKD" sync -q --only differs --from "$B" --to "$R" >/dev/null
ok "sync --only differs repairs it" cmp -s "$B/big.kv" "$R/big.kv"

# --- a unison conflict copy
A=$T/ua; U=$T/ub
mkdir -p "$U"
printf 'v1' | "$FLOCKD" set "$A" k || bail "set"
printf 'v1' | "$FLOCKD" set "$A" other || bail "set"
{ echo "root = $A"; echo "root = $U"; man_block unison-ignore; } \
	>"$T/unison-home/conflict.prf"
unison_run conflict -auto >/dev/null 2>&1
is "$("$FLOCKD" get "$U" k)" v1 "unison copied the key"
printf 'left' | "$FLOCKD" set "$A" k
printf 'right' | "$FLOCKD" set "$U" k
touch -d '1 minute ago' "$A/k.kv"
unison_run conflict -copyonconflict -prefer newer >/dev/null 2>&1
copy=$(cd "$A" && ls | grep '^k (conflict_on_[0-9-]*)\.kv$')
ok "unison -copyonconflict made a conflict copy" test -n "$copy"
is "$("$FLOCKD" get "$A" k)" right "the newer side's value won"
out=$("$FLOCKD" check "$A"); rc=$?
line=$(printf '%s\n' "$out" | grep -F "$A/$copy$TAB")
case $line in unison-conflict*"conflict copy of k, "[0-9][0-9][0-9][0-9]-*) tap_pass "check: a unison conflict copy of k, with its date" ;;
*) tap_fail "check: a unison conflict copy of k, with its date" "$out" ;; esac
is "$rc" 1 "a conflict copy needs an operator"
is "$("$FLOCKD" ls "$A")" "$(printf 'k\nother')" "ls does not list the copy"
"$FLOCKD" ls -a "$A" | grep -q -F "${copy%.kv}"
ok "ls -a does" test $? -eq 0
is "$("$FLOCKD" get "$A" "${copy%.kv}")" left "the copy holds the overwritten value"

# conflicts lists it, resolve settles it: the newest version is the
# key's (right), so the key keeps its value and the copy goes
out=$("$FLOCKD" conflicts "$A" 2>/dev/null); rc=$?
is "$rc:$(printf '%s\n' "$out" | cut -f2,3,4,9)" \
	"1:k${TAB}k.kv${TAB}key$TAB-
k$TAB$copy${TAB}unison-conflict${TAB}differs" "conflicts: the key, then its unison copy (not identical)"
out=$("$FLOCKD" resolve --keep newest "$A" 2>/dev/null); rc=$?
is "$rc:$(printf '%s\n' "$out" | cut -f1,3,4,5,6,7)" "0:done${TAB}k${TAB}keep${TAB}k.kv${TAB}1${TAB}0" \
	"resolve --keep newest: k keeps its newer value, the copy is removed"
is "$("$FLOCKD" get "$A" k):$(ls "$A")" "right:k.kv
other.kv" "only the keys are left"
unison_run conflict -auto >/dev/null 2>&1
is "$("$FLOCKD" diff "$A" "$U")" "" "unison carries the settled state over"

tap_done
