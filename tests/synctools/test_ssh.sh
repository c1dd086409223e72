#!/bin/bash
# SPDX-License-Identifier: MIT
# test_ssh.sh - databases on another host, reached through a real OpenSSH
# server on 127.0.0.1 (tests/lib/sshd.sh: its own host key, config and a
# throwaway client key, on a free port): manifest over ssh is the local
# one; diff against HOST:DIR says what diff of the two directories says;
# sync --dry-run changes nothing, sync to and from HOST:DIR repairs a
# replica with the source's times; USER@HOST:DIR, -e split as rsync
# splits it, hostile names through the remote shell's quoting; a remote
# flockd that is missing, a connection refused and a manifest cut short
# are errors, never a shorter comparison; a value cut short stores
# nothing. Every remote call is bounded by timeout(1).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/sshd.sh"
: "${FLOCKD:?FLOCKD must name the built program}"
TAB=$'\t'

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-ssh.XXXXXX") || bail "mktemp"
trap 'sshd_stop; rm -rf "$T"' EXIT
if ! sshd_start "$T/sshd"; then
	echo "1..0 # SKIP sshd cannot start: $SSHD_WHY"
	exit 0
fi
echo "# sshd on 127.0.0.1:$SSHD_PORT (pid $SSHD_PID)"
F=$FLOCKD
# the client config lives at a path with a space: -e keeps it one word
mkdir -p "$T/my conf" && cp "$SSH_CONFIG" "$T/my conf/ssh_config"
RSH="ssh -F '$T/my conf/ssh_config'"
# remote: flockd with the remote shell; every call bounded
remote() { timeout 60 "$F" "$1" -e "$RSH" --remote-flockd "$F" "${@:2}"; }
H=sshd-test

A=$T/a B=$T/b
put() { printf '%s' "$3" | "$F" set -t "$1" "$2" "$4" || bail "set $4"; }
for k in alice bob carol; do put users "$A" "$k's value" "$k"; done
put "" "$A" 'root value' k
put "t b" "$A" 'quoted' "it's a \"key\" \$HOME"
put "" "$A" 'esc' $'esc\e[2Jape'
find "$A" -name '*.kv' -exec touch -d '2024-01-02 03:04:05' {} +
cp -a "$A" "$B"

# --- manifest over ssh is the local manifest
ssh -F "$SSH_CONFIG" $H "'$F' manifest -q -a -z '$B'" >"$T/remote.manifest" </dev/null
"$F" manifest -q -a -z "$B" >"$T/local.manifest"
ok "manifest -a -z over ssh: the same bytes as here" cmp -s "$T/local.manifest" "$T/remote.manifest"

# --- diff: the same records as diff of the two directories
out=$(remote diff "$A" "$H:$B"); rc=$?
is "$rc:$out" "0:" "diff against HOST:DIR of a copy: the same (exit 0)"
put users "$B" "bob's newer value" bob
put "" "$B" 'only there' extra
printf 'torn' >"$B/k.kv"; touch -d @0 "$B/k.kv"
printf 'theirs' >"$B/users.tbl/alice.sync-conflict-20240102-030405-ABCDEFG.kv"
"$F" diff "$A" "$B" >"$T/local.diff" 2>/dev/null
remote diff "$A" "$H:$B" >"$T/remote.diff" 2>"$T/err"; rc=$?
is "$rc" 1 "diff against HOST:DIR after changes: exit 1"
ok "the same records as diff of the two directories here" cmp -s "$T/local.diff" "$T/remote.diff"
is "$(cut -f1,2,3 "$T/remote.diff")" "only-b	/	extra
suspect	/	k
differs	users	bob
conflict	users	alice.sync-conflict-20240102-030405-ABCDEFG.kv" "a suspect value, a key only there, a key that differs, a conflict copy"
remote diff --json "$H:$B" "$A" >"$T/j"
is "$(jq -r '.records[] | select(.key == "bob") | "\(.status) \(.newer) \(.size_a)"' "$T/j")" "differs a 17" \
	"--json with the remote side first: bob is newer there (A)"
remote diff "$(id -un)@$H:$B" "$A" >/dev/null 2>&1
is "$?" 1 "USER@HOST:DIR works too (ssh -l USER)"

# --- sync: a dry run changes nothing; then to the remote side
remote sync --dry-run --delete --from "$A" --to "$H:$B" >"$T/dry" 2>/dev/null
is "$?:$(cut -f1,2,3,5 "$T/dry" | LC_ALL=C sort)" "0:delete	/	extra	dry-run
update	/	k	dry-run
update	users	bob	dry-run" "sync --dry-run: exactly what would change"
cmp -s "$T/local.diff" <("$F" diff "$A" "$B" 2>/dev/null)
ok "...and nothing changed" test $? -eq 0
remote sync --delete --from "$A" --to "$H:$B" >"$T/sync" 2>"$T/err"; rc=$?
is "$rc:$(cut -f1,3,5 "$T/sync" | LC_ALL=C sort)" "0:delete	extra	done
update	bob	done
update	k	done" "sync --delete to HOST:DIR: each change done"
out=$("$F" diff "$A" "$B" 2>/dev/null); rc=$?
is "$rc:$(printf '%s' "$out" | cut -f1)" "1:conflict" "then only the conflict copy differs (not a key: not copied)"
is "$(stat -c %Y "$B/users.tbl/bob.kv")" "$(stat -c %Y "$A/users.tbl/bob.kv")" "the source's mtime was carried over ssh"
grep -q 'resolve' "$T/err"
ok "sync says conflict copies are for resolve" test $? -eq 0

# --- sync from the remote side, hostile names through the remote shell
put "t b" "$B" 'changed there' "it's a \"key\" \$HOME"
put "" "$B" 'esc there' $'esc\e[2Jape'
remote sync -q --from "$H:$B" --to "$A" >"$T/sync" 2>"$T/err"; rc=$?
is "$rc:$(wc -l <"$T/sync")" "0:2" "sync --from HOST:DIR: two values fetched"
is "$("$F" get -t "t b" "$A" "it's a \"key\" \$HOME")" "changed there" "a name with quotes and \$ went through the remote shell intact"
is "$("$F" get "$A" $'esc\e[2Jape')" "esc there" "so did one with an escape"
ok "and the output shows it escaped" grep -qF 'esc\x1b[2Jape' "$T/sync"

# --- failures are errors, never a shorter comparison
remote diff --remote-flockd /nonexistent/flockd "$A" "$H:$B" >/dev/null 2>"$T/err"; rc=$?
is "$rc" 2 "a remote flockd that is not there: trouble (exit 2)"
grep -q -- '--remote-flockd' "$T/err"
ok "...and the message says to look at --remote-flockd" test $? -eq 0
closed=$((SSHD_PORT + 1))
while (exec 3<>"/dev/tcp/127.0.0.1/$closed") 2>/dev/null; do closed=$((closed + 1)); done
printf 'Host closed\n  HostName 127.0.0.1\n  Port %s\n  BatchMode yes\n  ConnectTimeout 5\n' "$closed" >"$T/closed_config"
timeout 60 "$F" diff -e "ssh -F $T/closed_config" --remote-flockd "$F" "$A" "closed:$B" >/dev/null 2>"$T/err"; rc=$?
is "$rc" 2 "a connection refused: trouble (exit 2)"
grep -q 'Connection refused' "$T/err"
ok "...with ssh's own message, after the host's name" grep -q '^flockd diff: closed: ' "$T/err"
# a remote shell whose output is cut after 300 bytes
printf '#!/bin/sh\nssh "$@" | head -c 300\n' >"$T/cut-ssh"; chmod +x "$T/cut-ssh"
timeout 60 "$F" diff -e "$T/cut-ssh -F $SSH_CONFIG" --remote-flockd "$F" "$A" "$H:$B" >"$T/out" 2>"$T/err"; rc=$?
is "$rc" 2 "a manifest cut short: trouble (exit 2), not fewer keys"
is "$(grep -c 'only-a' "$T/out")" 0 "...and no key is said to be only here"
# a value cut short on its way stores nothing (set --size)
printf 'abc' | timeout 60 ssh -F "$SSH_CONFIG" $H "'$F' set --size 10 '$B' cut" 2>"$T/err"
is "$?" 1 "set --size 10 with 3 bytes: refused"
ok "...and nothing was stored" test ! -e "$B/cut.kv"
printf 'abcdefghij' | timeout 60 ssh -F "$SSH_CONFIG" $H "'$F' set --size 10 --mtime 2020-01-02T03:04:05.5Z '$B' cut"
is "$?:$(cat "$B/cut.kv"):$(stat -c %y "$B/cut.kv")" "0:abcdefghij:2020-01-02 03:04:05.500000000 +0000" \
	"set --size --mtime with the right size: stored, with that time"

tap_done
