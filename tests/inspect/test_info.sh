#!/bin/bash
# SPDX-License-Identifier: MIT
# test_info.sh - `flockd info`: the file system under a database, what it
# means for locks, and counts of tables, keys and bytes.
. "$top_srcdir/tests/lib/tap.sh"

: "${FLOCKD:?FLOCKD must name the built program}"
command -v jq >/dev/null || bail "jq is not installed (the --json checks need it)"

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-info.XXXXXX") || bail "mktemp"
trap 'rm -rf "$T"' EXIT
D=$T/db
mkdir -p "$D/a.tbl/b.tbl"
printf '12345' >"$D/k1.kv"
printf '' >"$D/k2.kv"
printf '123' >"$D/a.tbl/k.kv"
printf 'xx' >"$D/a.tbl/b.tbl/k.kv"
printf 'temp' >"$D/k1.kvTMP1"
printf 'copy' >"$D/a.tbl/k.sync-conflict-20240102-030405-ABCDEFG.kv"
printf 'torn?' >"$D/a.tbl/epoch.kv"; touch -d @0 "$D/a.tbl/epoch.kv"

out=$("$FLOCKD" info "$D"); rc=$?
is "$rc" 0 "info exits 0"
# The file system info names must be the one the mount table gives for
# the directory (findmnt reads the same /proc/self/mountinfo), so the value
# after the label is compared, not the line (a pattern for any letter
# matched the label itself). Without findmnt, stat -f's type ("ext2/ext3"
# covers ext4).
if command -v findmnt >/dev/null; then
	want=$(findmnt -n -o FSTYPE -T "$D")
else
	want=$(stat -f -c %T "$D")
fi
got=$(printf '%s\n' "$out" | sed -n 's/^file system: *\([^ ]*\).*/\1/p')
case "$want" in
ext2/ext3) case $got in ext2|ext3|ext4) ok=1 ;; *) ok=0 ;; esac ;;
*) [ "$got" = "$want" ] && ok=1 || ok=0 ;;
esac
got_fs=$got
if [ -n "$got" ] && [ "$ok" = 1 ]; then tap_pass "the file system type is named ($got, the mount table says $want)"
else tap_fail "the file system type is named" "mount table: $want" "info: '$got'" "$out"; fi
printf '%s\n' "$out" | grep -q -E '^locks: +(local|nfs|fuse|mandatory|network|unknown): '
ok "what it means for locks is said" test $? -eq 0
is "$(printf '%s\n' "$out" | grep '^tables:' | tr -s ' ')" "tables: 3" "tables are counted"
is "$(printf '%s\n' "$out" | grep '^keys:' | tr -s ' ')" "keys: 5" "keys are counted (temp files and conflict copies are not keys)"
is "$(printf '%s\n' "$out" | grep '^bytes:' | tr -s ' ')" "bytes: 15 (15 B)" "bytes are counted"
is "$(printf '%s\n' "$out" | grep '^other files:' | tr -s ' ')" "other files: 2 (1 temp, 1 syncthing-conflict)" \
	"the other files are counted by kind"
is "$(printf '%s\n' "$out" | grep '^suspect:' | tr -s ' ')" "suspect: 1 key with mtime at the epoch (torn by rsync?)" \
	"suspect values are counted"
got=$("$FLOCKD" info --json "$D" | jq -r '"\(.format_version) \(.tables) \(.keys) \(.bytes) \(.suspect_keys) \(.files.temp) \(.files["syncthing-conflict"]) \(.locks)"')
case $got in "1 3 5 15 1 1 1 "?*) tap_pass "--json has format_version, the counts and the lock semantics" ;;
*) tap_fail "--json has format_version, the counts and the lock semantics" "$got" ;; esac
is "$("$FLOCKD" info --json "$D" | jq -r .fs_type)" "$got_fs" "--json names the same file system"
# How new values are written: unnamed temp files where the kernel has
# O_TMPFILE for this file system (ext4, xfs, btrfs, tmpfs have it) and
# /proc is mounted (trying one leaves nothing behind), else named ones.
got_temps=$(printf '%s\n' "$out" | sed -n 's/^temp files: *\([a-z]*\):.*/\1/p')
case $(stat -f -c %T "$D"):$([ -d /proc/self/fd ] && echo proc) in
ext2/ext3:proc|xfs:proc|btrfs:proc|tmpfs:proc) want_temps=unnamed ;;
*) want_temps=$got_temps; case $got_temps in unnamed|named) ;; *) want_temps=unnamed|named ;; esac ;;
esac
is "$got_temps" "$want_temps" "the temp file kind is said ($want_temps)"
is "$("$FLOCKD" info --json "$D" | jq -r .temp_files)" "$want_temps" "--json gives it as temp_files"
before=$(find "$D" | sort)
"$FLOCKD" info "$D" >/dev/null
is "$(find "$D" | sort)" "$before" "trying a temp file leaves nothing behind"
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -w /dev/shm ]; then
	S=$(mktemp -d /dev/shm/flockd-info.XXXXXX)
	out=$("$FLOCKD" info "$S")
	rm -rf "$S"
	printf '%s\n' "$out" | grep -q '^file system: *tmpfs'
	ok "tmpfs is recognised" test $? -eq 0
	printf '%s\n' "$out" | grep -q '^locks: *local: full local semantics'
	ok "and has full local lock semantics" test $? -eq 0
else
	skip "no writable tmpfs at /dev/shm" "tmpfs is recognised"
	skip "no writable tmpfs at /dev/shm" "and has full local lock semantics"
fi
"$FLOCKD" info "$T/nonexistent" >/dev/null 2>"$T/err"; rc=$?
is "$rc" 3 "a missing directory exits 3"
is "$(cat "$T/err")" "flockd info: $T/nonexistent: no such database directory" "and says so in one line"
"$FLOCKD" info --timeout 1.5s -q "$D" >/dev/null; rc=$?
is "$rc" 0 "info takes the common options (--timeout, -q)"
"$FLOCKD" info "$D" >/dev/full 2>"$T/err"; rc=$?
is "$rc/$(cat "$T/err")" "1/flockd info: standard output: No space left on device" \
	"a full disk is ENOSPC, not EIO"
ok "and is not created" test ! -e "$T/nonexistent"
tap_done
