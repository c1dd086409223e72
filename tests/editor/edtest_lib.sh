# SPDX-License-Identifier: MIT
# edtest_lib.sh - what the editor's screen tests share (sourced after
# tests/lib/tap.sh and tests/lib/tmux_lib.sh): a temporary database
# directory $DB under $DIR, removed at exit with the tmux server, and
# checks that print the screen or the bytes when they fail.
tm_require
DIR=$(mktemp -d "${TMPDIR:-/tmp}/flockd-edtest.XXXXXX") || bail "mktemp"
DB=$DIR/db
mkdir -p "$DB"
trap 'tm_cleanup; rm -rf "$DIR"' EXIT

# wait_for TEXT: until the screen shows TEXT (10 s at most; the screen is
# printed when it never did)
wait_for() {
	tm_wait "$1" && return 0
	echo "# waited in vain for: $1"; tm_screen | sed 's/^/#   | /'
	return 1
}

# same FILE BYTES(printf format) NAME: a test that FILE holds exactly these
same() {
	printf "$2" > "$DIR/want"
	if cmp -s "$1" "$DIR/want"; then tap_pass "$3"
	else tap_fail "$3" "file: $(od -c "$1" | head -3 | tr '\n' ' ')"; fi
}
