#!/bin/bash
# test_cli_completion.sh - the bash completion offers commands, options,
# table names and key names, hostile names quoted and never expanded.
. "$top_srcdir/tests/cli/cli_lib.sh"

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

# complete WORD...: run _flockd on the words, the last one being completed.
complete_words() {
	COMP_WORDS=("$F" "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_flockd 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

is "$(complete_words ex)" "export" "first word: commands"
is "$(complete_words ta | head -1)" "tables" "first word: tables"
is "$(complete_words get --j)" "" "get has no --json"
is "$(complete_words ls --j)" "--json" "ls options"
is "$(complete_words import --o)" "--overwrite" "import options"
is "$(complete_words get --ti)" "--timeout" "common options"
is "$(complete_words get "$D" -t '')" "$(printf '%s\n' sessions users)" "tables after -t"
is "$(complete_words get "$D" -t s)" "sessions" "tables after -t, filtered"
is "$(complete_words get -t '' "$D" "")" "\$'al\\nnewline'" "keys of the root table"
is "$(complete_words get -t users "$D" al)" "$(printf '%s\n' 'al\ bert' alice)" \
	"keys of the table, quoted"
is "$(complete_words get "$D" al)" "\$'al\\nnewline'" "a key with a newline is offered as \$'...'"
cd "$T" || bail "cd"
complete_words get -t users "$D" '$' >"$T/out"
is "$(cat "$T/out")" "\\\$\\(touch\\ pwned\\)" "a key with \$(...) is quoted"
ok "and it was never run" test ! -e "$T/pwned"
is "$(complete_words help lo)" "locks" "help completes commands"
mkdir -p "$T/dir1"
is "$(complete_words ls "$T/di")" "$T/dir1" "DIR completes directories"

tap_done
