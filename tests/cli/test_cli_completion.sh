#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_completion.sh - the bash completion offers commands, every
# option of every command (as its --help lists them) and of the browser,
# table names (after -t) and key names whatever the order of the words
# (DIR typed later on the line, $FLOCKD_DIR, or the current directory),
# hostile names quoted and never expanded; then the same in a real
# interactive bash driven in tmux.
. "$top_srcdir/tests/cli/cli_lib.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
trap 'tm_cleanup; cli_cleanup' EXIT

COMP=$top_srcdir/tui/cli/completion/flockd
ok "the completion script parses" bash -n "$COMP"
# shellcheck source=/dev/null
. "$COMP" || bail "source $COMP"

D=$T/db
printf a | "$F" set -t users "$D" alice
printf b | "$F" set -t users "$D" 'al bert'
printf c | "$F" set -t users "$D" '$(touch pwned)'
printf d | "$F" set -t sessions "$D" s1
printf e | "$F" set "$D" $'al\nnewline'
printf f | "$F" set "$D" rootkey
unset FLOCKD_DIR

# complete_at IDX WORD...: run _flockd on `flockd WORD...` with the cursor
# on word IDX (1 is the first WORD); the offers, sorted, one per line.
complete_at() {
	local idx=$1; shift
	COMP_WORDS=("$F" "$@")
	COMP_CWORD=$idx
	COMPREPLY=()
	_flockd 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}
# complete_words WORD...: the cursor on the last word.
complete_words() { complete_at $# "$@"; }

is "$(complete_words ex)" "export" "first word: commands"
is "$(complete_words ta | head -1)" "tables" "first word: tables"
is "$(complete_words get --j)" "" "get has no --json"
is "$(complete_words ls --j)" "--json" "ls options"
is "$(complete_words import --o)" "--overwrite" "import options"
is "$(complete_words get --ti)" "--timeout" "common options"
is "$(complete_words check --f)" "--fix" "check's --fix"
is "$(complete_words check --ol)" "--older-than" "check's --older-than"
is "$(complete_words diff --nu)" "--null" "-z's long name"
is "$(complete_words get "$D" -t '')" "$(printf '%s\n' / sessions users)" "tables after -t (and / for the root)"
is "$(complete_words get "$D" -t s)" "sessions" "tables after -t, filtered"
is "$(complete_words get -t '' "$D" "")" "\$'al\\nnewline'$(printf '\n%s' rootkey)" "keys of the root table"
is "$(complete_words get -t / "$D" r)" "rootkey" "-t / is the root table"
is "$(complete_words get -t users "$D" al)" "$(printf '%s\n' 'al\ bert' alice)" \
	"keys of the table, quoted"
is "$(complete_words get "$D" al)" "\$'al\\nnewline'" "a key with a newline is offered as \$'...'"
is "$(complete_words get "$D" k extra)" "" "get: nothing after KEY"
is "$(complete_words delete -t users "$D" alice al)" "$(printf '%s\n' 'al\ bert' alice)" "delete: every KEY"

# Any order: -t before DIR, DIR typed after the cursor.
is "$(complete_at 3 get -t '' "$D")" "$(printf '%s\n' / sessions users)" "-t before DIR: the tables of the DIR typed after it"
is "$(complete_at 3 ls -t u "$D")" "users" "ls -t u<TAB> DIR"
cd "$D" || bail "cd"
is "$(complete_words get -t '')" "$(printf '%s\n' / sessions users)" "-t with no DIR yet: the current directory's tables"
cd "$T" || bail "cd"
is "$(FLOCKD_DIR=$D complete_words get -t '')" "$(printf '%s\n' / sessions users)" "-t with no DIR: \$FLOCKD_DIR's tables"
mkdir -p "$T/alpha"
is "$(FLOCKD_DIR=$D complete_words get -t users al)" "$(printf '%s\n' 'al\ bert' alice alpha)" \
	"with FLOCKD_DIR, the first operand is a key (or a DIR after all)"
is "$(FLOCKD_DIR=$D complete_words get "$D" r)" "rootkey" "with FLOCKD_DIR, a DIR typed wins"

# The browser's options, its -t, -k and --compare.
is "$(complete_words --com)" "--compare" "the browser's --compare"
is "$(complete_words "$D" --rea)" "--read-only" "the browser's options after DIR"
is "$(complete_at 2 -t '' "$D")" "$(printf '%s\n' / sessions users)" "browser -t before DIR: the DIR's tables"
is "$(complete_at 4 -t users -k a "$D")" "$(printf '%s\n' 'al\ bert' alice)" "browser -k: keys of -t's table in DIR"
is "$(complete_words --compare "$T/al")" "$T/alpha" "browser --compare: directories"

# Every option of every command's --help is offered, and nothing else;
# the same for the browser.
help_options() { # ARGS: the options the --help of ARGS lists, sorted
	"$F" "$@" --help | sed -n 's/^  \(-[a-zA-Z]\), \(--[a-z-]*\).*/\1\n\2/p; s/^      \(--[a-z-]*\).*/\1/p' | LC_ALL=C sort
}
for cmd in get set create update delete ls tables export import locks check diff manifest sync conflicts resolve info; do
	is "$(complete_words "$cmd" -)" "$(help_options "$cmd")" "$cmd: the options of its --help"
done
is "$(complete_words -)" "$(help_options)" "the browser: the options of flockd --help"

# Hostile names are quoted, never run.
complete_words get -t users "$D" '$' >"$T/out"
is "$(cat "$T/out")" "\\\$\\(touch\\ pwned\\)" "a key with \$(...) is quoted"
ok "and it was never run" test ! -e "$T/pwned"
is "$(complete_words help lo)" "locks" "help completes commands"
mkdir -p "$T/dir1"
is "$(complete_words ls "$T/di")" "$T/dir1" "DIR completes directories"

# --- a real interactive bash, in tmux
if ! command -v tmux >/dev/null; then
	skip "tmux is not installed" "interactive bash"
	tap_done
	exit
fi
mkdir -p "$T/bin" && ln -sf "$F" "$T/bin/flockd"
cat >"$T/bashrc" <<EOF
PS1='comp-test> '
PATH=$T/bin:\$PATH
unset FLOCKD_DIR
bind 'set show-all-if-ambiguous on' 2>/dev/null
. '$COMP'
cd '$T'
EOF
tm_start 120 30 env -i HOME="$T" TERM=xterm LC_ALL=C.UTF-8 PATH="$PATH" bash --noprofile --rcfile "$T/bashrc" -i
tm_wait 'comp-test>' || bail "no prompt from bash in tmux"
tm_keys "flockd ls -t u db" C-b C-b C-b Tab
tm_shows "interactive: ls -t u<Tab> with DIR after the cursor" "flockd ls -t users db"
tm_keys C-e C-u C-l "flockd get -t users db a" Tab
tm_shows "interactive: then DIR and a<Tab> offer the keys" "alice"
tm_keys C-e C-u C-l "cd db" Enter
tm_keys C-l "flockd get -t us" Tab
tm_shows "interactive: -t us<Tab> before DIR, from the current directory" "flockd get -t users"
tm_keys C-e C-u C-l "cd .." Enter "export FLOCKD_DIR=db" Enter
tm_keys C-l "flockd ls -t se" Tab
tm_shows "interactive: -t se<Tab> with \$FLOCKD_DIR" "flockd ls -t sessions"
tm_keys C-e C-u C-l "flockd get -t users al" Tab
tm_shows "interactive: a key of \$FLOCKD_DIR" "alice"
tm_keys C-e C-u C-l "flockd --com" Tab
tm_shows "interactive: the browser's --compare" "flockd --compare"
tm_keys C-e C-u C-l "flockd check --old" Tab
tm_shows "interactive: check --older-than" "flockd check --older-than"
tm_keys C-e C-u
tm_stop

tap_done
