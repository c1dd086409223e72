#!/bin/bash
# SPDX-License-Identifier: MIT
# test_filter_rules.sh - the filter rules flockd(1) gives, tried with the
# real tools: rsync with the rsync filter and unison with the ignore rules
# replicate a database holding every kind of leftover next to keys whose
# names look like them; exactly the keys, tables and conflict copies
# arrive, no temp file or backup does. The Syncthing lines are checked for
# their syntax only (a real Syncthing tries them in a later suite).
. "$top_srcdir/tests/lib/tap.sh"
: "${FLOCKD:?FLOCKD must name the built program}"

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-filters.XXXXXX") || bail "mktemp"
trap 'rm -rf "$T"' EXIT
. "$top_srcdir/tests/synctools/synctools_lib.sh"

S=$T/src
leftovers "$S"
KEEP=$(printf '%s\n' "$LEFTOVER_KEEP" | LC_ALL=C sort)

# The fixture is what it says: flockd itself sees keys and leftovers so.
keys=$("$FLOCKD" ls "$S")
is "$keys" "$(printf '%s\n' .hid a.kvm k x.kv)" "the source's keys (nothing else is one)"

man_block rsync-filter >"$T/rsync-filter"
ok "flockd(1) has the rsync filter" test -s "$T/rsync-filter"
if command -v rsync >/dev/null; then
	timeout 60 rsync -a --filter="merge $T/rsync-filter" "$S/" "$T/rsync/" 2>"$T/err"
	is "$?" 0 "rsync accepts the filter"
	is "$(files_of "$T/rsync")" "$KEEP" "rsync: the keys, tables and conflict copies arrive, nothing else"
	# again, into a replica that already holds leftovers of its own:
	# --delete never removes them (they are excluded), nor copies more
	printf 'mine' >"$T/rsync/k.kvMine1"
	timeout 60 rsync -a --delete --filter="merge $T/rsync-filter" "$S/" "$T/rsync/"
	ok "rsync --delete leaves the replica's own leftovers alone" test -e "$T/rsync/k.kvMine1"
	out=$("$FLOCKD" check "$T/rsync"); rc=$?
	is "$rc" 1 "check on the rsync replica: the conflict copies need an operator"
	printf '%s\n' "$out" | grep -q -E $'^(rsync-backup|unison-backup|syncthing-temp|unison-temp|rsync-temp|nfs-silly)\t'
	ok "check on the rsync replica: no other tool's leftover" test $? -ne 0
else
	for i in 1 2 3 4 5; do skip "rsync is not installed" "rsync filter $i"; done
fi

man_block unison-ignore >"$T/unison-ignore"
ok "flockd(1) has the unison ignore rules" test -s "$T/unison-ignore"
if command -v unison >/dev/null && command -v timeout >/dev/null; then
	mkdir -p "$T/unison-home" "$T/unison"
	{ echo "root = $S"; echo "root = $T/unison"; cat "$T/unison-ignore"; } \
		>"$T/unison-home/flockd.prf"
	unison_run flockd -auto >"$T/uout" 2>&1
	is "$?" 0 "unison accepts the ignore rules"
	# unison has no rule for a hidden backup directory of the user's
	# choice: flockd(1) says to add it; here it comes along
	want=$(printf '%s\n%s\n' "$LEFTOVER_KEEP" ".rsync-backup/users.tbl/u.kv" | LC_ALL=C sort)
	mkdir -p "$S/.rsync-backup/users.tbl"; printf 'b' >"$S/.rsync-backup/users.tbl/u.kv"
	unison_run flockd -auto >>"$T/uout" 2>&1
	is "$(files_of "$T/unison")" "$want" "unison: the keys, tables and conflict copies arrive, nothing else"
	"$FLOCKD" tables "$T/unison" | grep -q rsync-backup
	ok "and flockd does not take the hidden copy for a table" test $? -ne 0
else
	for i in 1 2 3; do skip "unison is not installed" "unison ignore rules $i"; done
fi

man_block stignore >"$T/stignore"
ok "flockd(1) has the .stignore lines" test -s "$T/stignore"
bad=$(grep -v -E '^(//|\(\?d\)|!)' "$T/stignore")
is "$bad" "" "each .stignore line is a comment, a (?d) pattern or a ! include"
is "$(grep -c '^!\*\.kv$' "$T/stignore")" 1 "the .kv include comes once, before the temp patterns"
before=$(sed -n '1,/^!\*\.kv$/p' "$T/stignore" | grep -c -F '.kv[0-9')
is "$before" 0 "no temp pattern comes before it (first match wins)"

tap_done
