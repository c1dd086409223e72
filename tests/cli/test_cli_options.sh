#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_options.sh - what every command shares: the common options
# (--timeout, -q, -h, --version), option errors that name the option as
# typed, one error format, the same exit status for the same situation (a
# missing database directory is 3 everywhere), ENOSPC reported as ENOSPC,
# data alone on stdout, FLOCKD_DIR (commands and browser), and numbers read
# the same way under a locale with a decimal comma.
. "$top_srcdir/tests/cli/cli_lib.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
trap 'tm_cleanup; cli_cleanup' EXIT

TAB=$'\t'
D=$T/db
printf 'v' | "$F" set "$D" k || bail "set"
printf 'w' | "$F" set -t users "$D" alice || bail "set"
NODB=$T/nodb

# --- a missing database directory: "not found", 3, one line, everywhere
for cmd in "get NODB k" "update NODB k /dev/null" "delete NODB k" "ls NODB" \
	"tables NODB" "export NODB" "locks NODB" "check NODB" "diff D NODB" \
	"info NODB"; do
	set --
	for w in $cmd; do
		case $w in D) set -- "$@" "$D" ;; NODB) set -- "$@" "$NODB" ;; *) set -- "$@" "$w" ;; esac
	done
	status "$1: a missing database directory exits 3" $EX_NOT_FOUND "$F" "$@"
	err_has "$1: ...in one line naming it" "flockd $1: $NODB: no such database directory"
	ok "$1: ...and creates nothing" test ! -e "$NODB"
done

# --- option errors name the option as it was typed
bad() { # NAME MESSAGE ARGS...: a usage error whose one line has MESSAGE
	local name=$1 msg=$2; shift 2
	status "$name: usage error" $EX_USAGE "$F" "$@"
	err_has "$name: says $msg" "$msg"
}
bad "a misspelt long option" "flockd ls: unknown option '--tiemout'" ls --tiemout 1s "$D"
bad "an unknown letter inside a cluster" "flockd ls: unknown option '-x'" ls -lx "$D"
bad "an unknown letter first in a cluster" "flockd ls: unknown option '-x'" ls -xl "$D"
bad "a missing value (long)" "flockd get: option '--table' needs a value" get "$D" k --table
bad "a missing value (short, in a cluster)" "flockd ls: option '-t' needs a value" ls "$D" -lt
bad "a value given to a flag" "flockd ls: option '--json' takes no value" ls --json=yes "$D"
bad "an ambiguous abbreviation" "ambiguous option '--t' (--table, --timeout)" ls --t x "$D"
bad "another command's option" "flockd get: option '--json' does not apply to get" get --json "$D" k
bad "another command's letter" "flockd get: option '-z' does not apply to get" get -z "$D" k
bad "a bad duration" "flockd check: bad --timeout '5 s'" check --timeout '5 s' "$D"
bad "a hostile option is escaped" "unknown option '--x\\x1b[2J'" ls $'--x\e[2J' "$D"
ok "...and never printed raw" bash -c "! grep -q $'\\x1b' '$T/err'"
bad "-z with --json" "flockd ls: -z and --json do not go together" ls -z --json "$D"
is "$("$F" ls --tim 1s "$D")" k "a unique abbreviation is accepted (--tim)"

# --- the common options on every command
for cmd in get set create update delete ls tables export import locks check diff manifest sync conflicts resolve info; do
	"$F" "$cmd" --help >"$T/help"
	for opt in --timeout -q --quiet -h --help --version; do
		ok "$cmd accepts $opt" grep -qE -- "(^| )$opt([ ,]|$)" "$T/help"
	done
done
status "-q with ls" 0 "$F" ls -q "$D"
status "--quiet with check" 0 "$F" check --quiet "$D"
status "--timeout with info" 0 "$F" info --timeout 10s "$D"
status "--timeout with locks" 0 "$F" locks --timeout 1.5s "$D"
status "--timeout 0 is refused" $EX_USAGE "$F" ls --timeout 0 "$D"

# --- stdout holds data only; informational lines go to stderr or nowhere
mkdir -p "$T/left"; printf 'v' >"$T/left/k.kv"; printf 'c' >"$T/left/k.sync-conflict-20240102-030405-ABCDEFG.kv"
# (an age that cannot tick between two runs: 2h stays 2h)
touch -d '2 hours ago' "$T/left/k.sync-conflict-20240102-030405-ABCDEFG.kv"
"$F" check "$T/left" >"$T/out" 2>"$T/err"
is "$(awk -F '\t' 'NF != 4' "$T/out")" "" "check: every stdout line is a record of 4 fields"
is "$(cat "$T/err")" "KIND${TAB}AGE${TAB}PATH${TAB}STATUS" "check: the headings on stderr"
"$F" check -q "$T/left" >"$T/out.q" 2>"$T/err"
same_file "check -q: the same data" "$T/out" "$T/out.q"
is "$(cat "$T/err")" "" "check -q: nothing on stderr"
"$F" locks -q "$D" >"$T/out" 2>"$T/err"
is "$(cat "$T/out")$(cat "$T/err")" "" "locks -q with no lock: nothing at all"
"$F" diff -q "$D" "$T/left" >"$T/out" 2>"$T/err"
is "$(cat "$T/err")" "" "diff -q: no headings"
ok "diff -q: the differences on stdout" grep -q "^table-only-a${TAB}users${TAB}/${TAB}table${TAB}" "$T/out"

# --- -z writes raw names to a pipe, but never to a terminal
printf 'h' | "$F" set "$T/hostile" $'e\x1b[2Jx' || bail "set"
"$F" ls -z "$T/hostile" >"$T/out"
ok "ls -z to a pipe: the raw name" cmp -s "$T/out" <(printf 'e\x1b[2Jx\0')
if command -v script >/dev/null; then
	script -qec "'$F' ls -z '$T/hostile'" /dev/null >"$T/out" 2>&1
	ok "ls -z to a terminal: the name escaped, still NUL-terminated" \
		bash -c "grep -qaF 'e\\x1b[2Jx' '$T/out' && ! grep -qa $'\x1b' '$T/out' && grep -qaP '\x00' '$T/out'"
else
	skip "script(1) is not installed" "ls -z to a terminal"
fi

# --- a full disk is ENOSPC ("No space left on device"), never EIO
for cmd in "ls D" "ls --json D" "tables D" "export D" "locks --json D" \
	"check LEFT" "check --json D" "diff D LEFT" "diff --json D LEFT" "info D" "info --json D" \
	"manifest D" "manifest --json D" "help"; do
	set --
	for w in $cmd; do
		case $w in D) set -- "$@" "$D" ;; LEFT) set -- "$@" "$T/left" ;; *) set -- "$@" "$w" ;; esac
	done
	"$F" "$@" >/dev/full 2>"$T/err"; rc=$?
	want=$EX_OTHER; case $1 in check|diff) want=2 ;; esac
	if [ "$rc" = "$want" ] && grep -qx "flockd $1: standard output: No space left on device" "$T/err"; then
		tap_pass "$cmd > /dev/full: ENOSPC, exit $want"
	else
		tap_fail "$cmd > /dev/full: ENOSPC, exit $want" "exit $rc" "$(cat "$T/err")"
	fi
done
"$F" get "$D" k >/dev/full 2>"$T/err"
is "$?" $EX_OTHER "get > /dev/full: other error"
err_has "get > /dev/full: ENOSPC, naming the key and the step" "flockd get: k: No space left on device (write"

# --- FLOCKD_DIR: the database when DIR is left out; the command line wins
export FLOCKD_DIR=$D
is "$("$F" get k)" v "get KEY reads FLOCKD_DIR"
printf 'n' | "$F" set fresh; is "$?:$(cat "$D/fresh.kv")" "0:n" "set KEY (stdin) writes into FLOCKD_DIR"
printf 'c' | "$F" create -t users bob; is "$?:$(cat "$D/users.tbl/bob.kv")" "0:c" "create -t TABLE KEY"
printf 'u' | "$F" update fresh; is "$("$F" get fresh)" u "update KEY"
is "$("$F" ls | tr '\n' ' ')" "fresh k " "ls lists FLOCKD_DIR"
is "$("$F" tables)" users "tables"
is "$("$F" export | grep -c '')" 4 "export"
printf '%s\n' '{"key":"imp","value":"i"}' | "$F" import; is "$?:$("$F" get imp)" "0:i" "import (stdin)"
status "delete KEY" 0 "$F" delete imp
status "info" 0 "$F" info
status "check" 0 "$F" check
status "locks" 0 "$F" locks
status "diff DIR_B compares FLOCKD_DIR with DIR_B" 1 "$F" diff "$T/left"
ok "...A being FLOCKD_DIR" grep -q "^only-a${TAB}/${TAB}fresh${TAB}key${TAB}" "$T/out"
O=$T/other; printf 'o' | "$F" set "$O" k
is "$("$F" get "$O" k)" o "get DIR KEY: the command line wins"
is "$("$F" ls "$O")" k "ls DIR: the command line wins"
status "get with no operand: still a usage error" $EX_USAGE "$F" get
err_has "...without the FLOCKD_DIR hint, it is set" "flockd get: missing operand; usage"
FLOCKD_DIR= "$F" ls >/dev/null 2>"$T/err"; rc=$?
is "$rc" $EX_USAGE "an empty FLOCKD_DIR is no directory"
ok "...and the message says FLOCKD_DIR" grep -q "(or set FLOCKD_DIR)" "$T/err"
FLOCKD_DIR=$NODB "$F" ls >/dev/null 2>"$T/err"; rc=$?
is "$rc/$(cat "$T/err")" "$EX_NOT_FOUND/flockd ls: $NODB: no such database directory" \
	"a missing FLOCKD_DIR is named like a missing DIR"
unset FLOCKD_DIR

# the browser: FLOCKD_DIR is its default directory, DIR wins
out=$(FLOCKD_DIR=$NODB "$F" </dev/null 2>&1); rc=$?
ok "browser: FLOCKD_DIR is the default directory (its error names it)" \
	test "$rc" = 1 -a -n "$(grep -F "$NODB" <<<"$out")"
out=$(FLOCKD_DIR=$NODB "$F" "$D" </dev/null 2>&1)
ok "browser: DIR wins over FLOCKD_DIR" test -z "$(grep -F "$NODB" <<<"$out")"
if command -v tmux >/dev/null; then
	printf 'x' | "$F" set "$T/envdb" only-in-env-db
	tm_start 100 20 env FLOCKD_DIR="$T/envdb" "$F"
	tm_shows "browser: on screen, the keys of FLOCKD_DIR" "only-in-env-db"
	tm_keys q
	tm_stop
else
	skip "tmux is not installed" "browser: on screen, the keys of FLOCKD_DIR"
fi

# --- numbers do not follow LC_NUMERIC: --timeout 1.5s under a locale with
# a decimal comma (de_DE.UTF-8, compiled here with localedef when the
# system has not generated it)
LOC=
if locale -a 2>/dev/null | grep -qix 'de_DE.utf-\?8'; then
	LOC=de_DE.UTF-8
elif command -v localedef >/dev/null && mkdir -p "$T/locales" &&
	localedef -i de_DE -f UTF-8 "$T/locales/de_DE.UTF-8" >/dev/null 2>&1; then
	export LOCPATH=$T/locales
	LOC=de_DE.UTF-8
fi
if [ -n "$LOC" ] && [ "$(LC_ALL=$LOC locale decimal_point 2>/dev/null)" = "," ]; then
	tap_pass "the German locale is in effect (its decimal point is a comma)"
	status "de_DE: --timeout 1.5s is accepted" 0 env LC_ALL=$LOC "$F" get --timeout 1.5s "$D" k
	status "de_DE: --timeout 1,5s is refused" $EX_USAGE env LC_ALL=$LOC "$F" get --timeout 1,5s "$D" k
	status "de_DE: check --older-than 0.5h is accepted" 0 env LC_ALL=$LOC "$F" check --older-than 0.5h "$D"
	status "de_DE: the browser's --timeout 1.5s is accepted" 0 env LC_ALL=$LOC "$F" --timeout 1.5s --version
	LC_ALL=$LOC "$F" ls "$O" >"$T/out"
	is "$(cat "$T/out")" k "de_DE: the character set still follows the locale (UTF-8)"
else
	for t in "locale in effect" "1.5s accepted" "1,5s refused" "--older-than 0.5h" "browser --timeout" "character set"; do
		skip "no de_DE.UTF-8 locale (locale -a lacks it, localedef cannot build it)" "de_DE: $t"
	done
fi
unset LOCPATH

tap_done
