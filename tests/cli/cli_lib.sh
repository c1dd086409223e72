# SPDX-License-Identifier: MIT
# cli_lib.sh - shared by the command line's shell tests (sourced): the
# program under test, a scratch directory removed at exit, and checks of
# exit statuses and output.

. "$top_srcdir/tests/lib/tap.sh"

: "${FLOCKD:?FLOCKD must name the built program}"
F=$FLOCKD

# Exit statuses (tui/common/exit_codes.h).
EX_OK=0 EX_OTHER=1 EX_USAGE=2 EX_NOT_FOUND=3 EX_EXISTS=4 EX_INVALID=5
EX_TIMEOUT=6 EX_CONFLICT=7

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-cli-test.XXXXXX") || bail "mktemp"
cli_cleanup() { chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"; }
trap cli_cleanup EXIT

# status NAME WANT CMD [ARGS...]: run CMD (stdout to $T/out, stderr to
# $T/err); pass if it exits with WANT.
status() {
	local name=$1 want=$2 got; shift 2
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then tap_pass "$name"
	else tap_fail "$name" "exit status $got, want $want: $*" \
		"stderr: $(head -c 300 "$T/err")"; fi
}

# same_file NAME A B: pass if the files are byte for byte equal.
same_file() {
	if cmp -s "$2" "$3"; then tap_pass "$1"
	else tap_fail "$1" "$2 and $3 differ"; fi
}

# one_line NAME FILE: pass if FILE has exactly one line.
one_line() {
	local n; n=$(wc -l <"$2")
	is "$n" 1 "$1"
}

# err_has NAME TEXT: pass if the last stderr ($T/err) is one line with TEXT.
err_has() {
	local n; n=$(wc -l <"$T/err")
	if [ "$n" -eq 1 ] && grep -qF -- "$2" "$T/err"; then tap_pass "$1"
	else tap_fail "$1" "want one line with '$2'" "got: $(cat "$T/err")"; fi
}
