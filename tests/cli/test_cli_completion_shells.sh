#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_completion_shells.sh - the zsh and fish completions (the bash
# one is test_cli_completion.sh): every option of every command as its
# --help lists them, tables after -t and keys whatever the order of the
# words ($FLOCKD_DIR, DIR after the cursor), in a real interactive zsh
# (tmux) and by fish's own completion engine (complete -C, and an
# interactive fish in tmux for a DIR after the cursor). Each shell that is
# not installed is a visible skip (.ci/run installs both).
. "$top_srcdir/tests/cli/cli_lib.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
trap 'tm_cleanup; cli_cleanup' EXIT

ZSH_COMP=$top_srcdir/tui/cli/completion/_flockd
FISH_COMP=$top_srcdir/tui/cli/completion/flockd.fish
COMMANDS="get set create update delete ls tables export import locks check diff manifest sync conflicts resolve info"

D=$T/db
printf a | "$F" set -t users "$D" alice
printf b | "$F" set -t users "$D" 'al bert'
printf d | "$F" set -t sessions "$D" s1
printf e | "$F" set "$D" $'al\nnewline'
printf f | "$F" set "$D" rootkey
mkdir -p "$T/bin" && ln -sf "$F" "$T/bin/flockd"
export PATH=$T/bin:$PATH
unset FLOCKD_DIR
cd "$T" || bail "cd"

# the options a command's --help lists, one per line, sorted
help_options() { # [COMMAND]
	"$F" $1 --help | sed -n 's/^  \(-[a-zA-Z]\), \(--[a-z-]*\).*/\1\n\2/p; s/^      \(--[a-z-]*\).*/\1/p' |
		LC_ALL=C sort
}


# ------------------------------------------------------------------- zsh
if command -v zsh >/dev/null; then
	ok "zsh: the completion parses" zsh -n "$ZSH_COMP"
	for cmd in $COMMANDS; do
		got=$(zsh -f -c 'eval "$(sed "\$d" "$1")"; _flockd_options "$2"; print -l -- $reply' _ "$ZSH_COMP" "$cmd" | LC_ALL=C sort)
		is "$got" "$(help_options "$cmd")" "zsh: $cmd's options are those of its --help"
	done
	got=$(zsh -f -c 'eval "$(sed "\$d" "$1")"; _flockd_options ""; print -l -- $reply' _ "$ZSH_COMP" | LC_ALL=C sort)
	is "$got" "$(help_options)" "zsh: the browser's options are those of flockd --help"
	mkdir -p "$T/zfunc" "$T/zdot" && cp "$ZSH_COMP" "$T/zfunc/_flockd"
	cat >"$T/zdot/.zshrc" <<EOF
PS1='zsh-test> '
fpath=('$T/zfunc' \$fpath)
autoload -Uz compinit && compinit -u -d '$T/zcompdump'
cd '$T'
EOF
	tm_start 120 30 env -i HOME="$T" TERM=xterm LC_ALL=C.UTF-8 PATH="$PATH" ZDOTDIR="$T/zdot" zsh --no-globalrcs -i
	if tm_wait 'zsh-test>' 10; then
		tm_keys "flockd get -t us db" C-b C-b C-b Tab
		tm_shows "zsh: -t us<Tab> with DIR after the cursor" "flockd get -t users"
		tm_keys C-e C-u C-l "flockd get -t users db a" Tab Tab
		tm_shows "zsh: the keys of the table, listed" "alice"
		tm_keys C-e C-u C-l "cd db" Enter C-l "flockd ls -t se" Tab
		tm_shows "zsh: -t se<Tab> with no DIR: the current directory" "flockd ls -t sessions"
		tm_keys C-e C-u C-l "cd .." Enter "export FLOCKD_DIR=db" Enter C-l "flockd get ro" Tab
		tm_shows "zsh: a key of \$FLOCKD_DIR" "flockd get rootkey"
		tm_keys C-e C-u C-l "flockd --comp" Tab
		tm_shows "zsh: the browser's --compare" "flockd --compare"
		tm_keys C-e C-u C-l "flockd check --old" Tab
		tm_shows "zsh: check --older-than" "flockd check --older-than"
	else
		tap_fail "zsh: an interactive zsh started in tmux" "$(tm_screen)"
	fi
	tm_stop
else
	skip "zsh is not installed" "zsh completion"
fi

# ------------------------------------------------------------------ fish
if command -v fish >/dev/null; then
	ok "fish: the completion parses" fish -n "$FISH_COMP"
	# fish_complete LINE: what fish offers at the end of LINE (candidates
	# only, sorted)
	fish_complete() {
		fish -N -c 'source $argv[1]; complete -C $argv[2]' "$FISH_COMP" "$1" 2>&1 |
			cut -f1 | LC_ALL=C sort
	}
	for cmd in $COMMANDS; do
		is "$(fish_complete "flockd $cmd -" | grep -v '^--$')" "$(help_options "$cmd")" \
			"fish: $cmd's options are those of its --help"
	done
	is "$(fish_complete "flockd -" | grep -v '^--$')" "$(help_options)" \
		"fish: the browser's options are those of flockd --help"
	is "$(fish_complete "flockd get -t ")" "$(printf '%s\n' / db/sessions db/users)" \
		"fish: -t with no DIR: the tables of the current directory (.)"
	is "$(fish_complete "flockd get db -t s")" "sessions" "fish: -t after DIR: DIR's tables"
	is "$(fish_complete "flockd get -t users db a")" "$(printf '%s\n' 'al bert' alice)" "fish: the keys of the table"
	is "$(fish_complete "flockd get db ")" "rootkey" "fish: a name with a newline is left out (fish cannot offer it)"
	is "$(FLOCKD_DIR=db fish_complete "flockd get -t users al")" "$(printf '%s\n' 'al bert' alice)" \
		"fish: the keys of \$FLOCKD_DIR"
	is "$(FLOCKD_DIR=db fish_complete "flockd ls -t u")" "users" "fish: -t with \$FLOCKD_DIR"
	is "$(fish_complete "flockd --comp")" "--compare" "fish: the browser's --compare"
	is "$(fish_complete "flockd db -t users -k a")" "$(printf '%s\n' 'al bert' alice)" "fish: the browser's -k"
	is "$(fish_complete "flockd ex")" "export" "fish: commands"
	# an interactive fish, installed where fish looks for completions
	mkdir -p "$T/fishcfg/fish/completions" && cp "$FISH_COMP" "$T/fishcfg/fish/completions/flockd.fish"
	tm_start 120 30 env -i HOME="$T" TERM=xterm LC_ALL=C.UTF-8 PATH="$PATH" XDG_CONFIG_HOME="$T/fishcfg" \
		FLOCKD_DIR=db fish -C "function fish_prompt; echo 'fish-test> '; end; function fish_greeting; end; cd '$T'"
	if tm_wait 'fish-test>' 10; then
		tm_keys "flockd ls -t se" Tab
		tm_shows "fish (interactive): -t se<Tab> with \$FLOCKD_DIR" "flockd ls -t sessions"
		tm_keys C-e C-u C-l "flockd get -t users ali" Tab
		tm_shows "fish (interactive): a key of \$FLOCKD_DIR" "flockd get -t users alice"
	else
		tap_fail "fish: an interactive fish started in tmux" "$(tm_screen)"
	fi
	tm_stop
	# fish hands a completion the line up to the cursor only
	skip "fish completes from the words before the cursor only" "fish: a DIR typed after the cursor"
else
	skip "fish is not installed" "fish completion"
fi

tap_done
