#!/bin/bash
# SPDX-License-Identifier: MIT
# test_crash.sh - the crash suite (tests/crash/crash_driver.c): at least
# CRASH_KILLS (2000) writers killed within CRASH_SECONDS (300), then every
# leftover the kills left must be one `flockd check` recognises.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/realprog.sh"

: "${FLOCKD:?FLOCKD must name the built program}"
# Kill the program itself at random points, not the libtool wrapper's shell.
realprog_env "$FLOCKD"
FLOCKD=$(realprog "$FLOCKD")
T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-crash.XXXXXX") || bail "mktemp"
trap 'rm -rf "$T"' EXIT

"$top_builddir/tests/crash/crash_driver" "$T/db" "$FLOCKD" "$T/leftovers" >"$T/tap" ||
	bail "crash_driver failed: $(tail -n 3 "$T/tap")"
cat "$T/tap"
TAP_N=$(grep -c '^\(not \)\?ok ' "$T/tap")
TAP_FAILED=$(grep -c '^not ok ' "$T/tap")

# Every leftover is one `flockd check` knows: it lists only what it
# recognises (a temp file of a key, a sync tool's file, ...).
"$FLOCKD" check --json "$T/db" 2>&1 | sed 's/},{/}\n{/g' >"$T/check"
unknown=0
while IFS= read -r name; do
	grep -Eq "\"name\": ?\"$name\"" "$T/check" || {
		unknown=$((unknown + 1))
		[ "$unknown" -le 5 ] && echo "# not recognised by flockd check: $name"
	}
done <"$T/leftovers"
kinds=$(grep -o '"kind": \?"[a-z-]*"' "$T/check" | sed 's/.*"\([a-z-]*\)"$/\1/' |
	sort | uniq -c | awk '{ printf "%s%d %s", (NR > 1 ? ", " : ""), $1, $2 }')
is "$unknown" 0 "every leftover ($(wc -l <"$T/leftovers")) is recognised by flockd check (${kinds:-none})"
tap_done
