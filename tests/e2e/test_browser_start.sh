#!/bin/bash
# SPDX-License-Identifier: MIT
# test_browser_start.sh - starting the browser: bad directories fail with
# one line and status 1 before the screen starts, -r creates nothing, the
# C locale escapes non-ASCII, --help/--version, NO_COLOR.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/flockd-e2e.XXXXXX") || bail "mktemp"
trap 'tm_cleanup; rm -rf "$SCRATCH"' EXIT

# --- without a terminal
OUT=$("$FLOCKD" "$SCRATCH/missing" 2>&1 </dev/null); RC=$?
is "$RC" "1" "a missing directory exits with status 1"
is "$(printf '%s\n' "$OUT" | wc -l)" "1" "  with one line of error"
ok "  that names the problem" grep -q "no such directory" <<<"$OUT"
ok "  and creates nothing" test ! -e "$SCRATCH/missing"

: > "$SCRATCH/file"
"$FLOCKD" "$SCRATCH/file" </dev/null >/dev/null 2>&1; RC=$?
is "$RC" "1" "a file instead of a directory exits with status 1"

"$FLOCKD" -r "$SCRATCH/ro-missing" </dev/null >/dev/null 2>&1; RC=$?
is "$RC" "1" "-r on a missing directory exits with status 1"
ok "  and creates nothing" test ! -e "$SCRATCH/ro-missing"

OUT=$("$FLOCKD" -t nosuch "$SCRATCH" 2>&1 </dev/null); RC=$?
is "$RC" "1" "-t with a missing table exits with status 1"
ok "  naming the table" grep -q "no table 'nosuch'" <<<"$OUT"

OUT=$("$FLOCKD" "$(printf 'bad\033]0;x\007dir')" 2>&1 </dev/null)
ok "an error about a hostile path escapes it" \
	bash -c "! grep -q $'\x1b' <<<'$OUT' && grep -qF 'bad\x1b]0;x\x07dir' <<<'$OUT'"

if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	mkdir -p "$SCRATCH/locked/t.tbl" && chmod 000 "$SCRATCH/locked"
	chmod 755 "$SCRATCH"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$FLOCKD" "$SCRATCH/locked" </dev/null >/dev/null 2>&1; RC=$?
	is "$RC" "1" "an unreadable directory exits with status 1"
	chmod 755 "$SCRATCH/locked"
elif [ "$(id -u)" != 0 ]; then
	mkdir -p "$SCRATCH/locked" && chmod 000 "$SCRATCH/locked"
	"$FLOCKD" "$SCRATCH/locked" </dev/null >/dev/null 2>&1; RC=$?
	is "$RC" "1" "an unreadable directory exits with status 1"
	chmod 755 "$SCRATCH/locked"
else
	skip "setpriv missing: cannot drop root" "unreadable directory"
fi

OUT=$("$FLOCKD" --version); RC=$?
ok "--version prints the version" grep -qE '^flockd [0-9]+\.[0-9]+' <<<"$OUT"
OUT=$("$FLOCKD" --help); RC=$?
is "$RC" "0" "--help exits 0"
ok "--help lists --read-only and --demo" \
	bash -c "grep -q -- '--read-only' <<<'$OUT' && grep -q -- '--demo' <<<'$OUT'"
"$FLOCKD" --timeout nonsense "$SCRATCH" </dev/null >/dev/null 2>&1; RC=$?
is "$RC" "2" "a bad --timeout is a usage error (2)"
"$FLOCKD" "$SCRATCH" </dev/null >/dev/null 2>&1; RC=$?
is "$RC" "1" "without a terminal the browser refuses (1)"

# --- in a terminal
if ! command -v tmux >/dev/null 2>&1; then
	skip "tmux is not installed" "read-only browsing"
	skip "tmux is not installed" "C locale"
	tap_done
	exit $?
fi

DB=$SCRATCH/db
mkdir -p "$DB/t.tbl" && printf 'v' > "$DB/t.tbl/caf$(printf '\303\251').kv"
BEFORE=$(cd "$DB" && find . | sort)
tm_start 100 24 env NO_COLOR=1 "$FLOCKD" -r -t t "$DB"
ok "-r shows the RO badge" tm_wait " RO "
ok "NO_COLOR still draws the screen" tm_wait "Keys: t (1)"
tm_keys j k s x / c Enter
tm_wait "filter: c" >/dev/null
tm_keys Escape # alone: Esc and a key at once are Alt+key
tm_wait_gone "filter: c" >/dev/null
tm_keys q
is "$(tm_exit_status)" "0" "read-only browsing quits with status 0"
AFTER=$(cd "$DB" && find . | sort)
is "$AFTER" "$BEFORE" "read-only browsing created nothing"
tm_stop

tm_start 100 24 env LC_ALL=C "$FLOCKD" -t t "$DB"
ok "in the C locale a UTF-8 name shows escaped" tm_wait 'caf\xc3\xa9'
tm_keys q
is "$(tm_exit_status)" "0" "C locale session quits with status 0"

tap_done
