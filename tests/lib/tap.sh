# SPDX-License-Identifier: MIT
# tap.sh - a tiny TAP producer for the shell tests (sourced, not run).
#
#   . "$top_srcdir/tests/lib/tap.sh"
#   tap_plan 3                      # or tap_plan_end at the end
#   ok "a thing works" test -f x    # runs the command; ok if it exits 0
#   is "$got" "$want" "name"        # string equality
#   skip "why" ["name"]             # a visible skip
#   tap_done                        # exit status: 0 if all passed
#
# Every check prints exactly one "ok"/"not ok" line, so automake's TAP driver
# counts each one as a test.

TAP_N=0
TAP_FAILED=0
TAP_PLANNED=

tap_plan() { TAP_PLANNED=$1; echo "1..$1"; }

tap_pass() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $1"; }

tap_fail() {
	TAP_N=$((TAP_N + 1)); TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_N - $1"
	shift
	for line in "$@"; do printf '#   %s\n' "$line"; done
}

# ok NAME CMD [ARGS...]: run CMD; pass if it exits 0.
ok() {
	local name=$1; shift
	if "$@"; then tap_pass "$name"; else tap_fail "$name" "command failed: $*"; fi
}

# is GOT WANT NAME: pass if the two strings are equal.
is() {
	if [ "$1" = "$2" ]; then tap_pass "$3"
	else tap_fail "$3" "got:  '$1'" "want: '$2'"; fi
}

# skip WHY [NAME]: a skipped test, counted and visible.
skip() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - ${2:-skipped} # SKIP $1"; }

# bail WHY: abort the whole script (setup failed).
bail() { echo "Bail out! $1"; exit 1; }

tap_done() {
	[ -n "$TAP_PLANNED" ] || echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}
