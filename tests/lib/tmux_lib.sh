# SPDX-License-Identifier: MIT
# tmux_lib.sh - the one harness of the screen tests: the real program in a
# private tmux server, driven by keys and read off the screen (sourced,
# after tests/lib/tap.sh).
#
#   tm_require [CMD...]        skip the whole script visibly without tmux
#                              (or without one of CMD), bail without $FLOCKD
#   tm_start W H CMD...        run CMD in a fresh W x H session (a server of
#                              its own; started again when the machine is
#                              too loaded to start it at once)
#   tm_keys KEY...             tmux send-keys (names: Enter, Escape, C-s...)
#   tm_type TEXT               type TEXT literally
#   tm_screen                  the visible text (capture-pane -p)
#   tm_wait TEXT [SECS]        wait until TEXT shows (default 10s); 0 if it did
#   tm_wait_gone TEXT [SECS]   wait until TEXT no longer shows
#   tm_wait_re / tm_wait_re_gone REGEX [SECS]   the same, an extended regex
#   tm_shows NAME TEXT [SECS]  a TAP check that TEXT shows (the screen is
#                              printed when it does not)
#   tm_gone NAME TEXT [SECS]   a TAP check that TEXT goes away
#   tm_row_shows NAME TEXT ERE a TAP check that the screen row holding
#                              TEXT matches the extended regex ERE
#   tm_pages                   the text of every page of a pager (a help
#                              screen): NPage until the screen is the same
#   tm_wait_say TEXT [SECS]    tm_wait, printing the screen (as TAP
#                              comments) when TEXT never showed
#   tm_running PID             PID runs (a zombie has ended: it only waits
#                              to be reaped)
#   tm_exit_status [SECS]      wait for the program to end; prints its status
#   tm_stop                    kill the server (also done at exit)
#
# Waits poll the screen: a test waits for what the user would see, never
# for a fixed time. The program sees XDG_CONFIG_HOME=$TM_CONFIG_HOME (an
# empty directory unless the test writes a config there), so a developer's
# own config never changes what a test sees.

TM_RUN=0
TM_SOCK=
TM_STATUS=
TM_CONFIG_HOME=${TM_CONFIG_HOME:-$(mktemp -d "${TMPDIR:-/tmp}/flockd-tmcfg.XXXXXX")}
export XDG_CONFIG_HOME=$TM_CONFIG_HOME

tm() { tmux -L "$TM_SOCK" -f /dev/null "$@"; }

tm_require() {
	local c
	for c in tmux "$@"; do
		if ! command -v "$c" >/dev/null 2>&1; then
			echo "1..0 # SKIP $c is not installed"
			exit 0
		fi
	done
	[ -x "$FLOCKD" ] || bail "FLOCKD is not set to the built program"
}

# A command line for tmux's shell, every word quoted.
tm_quote() {
	local a out=
	for a in "$@"; do out="$out '$(printf %s "$a" | sed "s/'/'\\\\''/g")'"; done
	printf %s "$out"
}

tm_start() {
	local w=$1 h=$2 try cmd
	shift 2
	tm_stop
	TM_STATUS=$(mktemp "${TMPDIR:-/tmp}/flockd-tmrc.XXXXXX")
	rm -f "$TM_STATUS"
	cmd="TERM=xterm-256color; export TERM; $(tm_quote "$@"); echo \$? > '$TM_STATUS'; sleep 600"
	# A fresh server each time (no race with the last one's exit). On a
	# loaded machine a new server can die before the client reaches it
	# ("server exited unexpectedly"): start it again, a few times.
	for try in 1 2 3 4 5 6; do
		TM_RUN=$((TM_RUN + 1))
		TM_SOCK="flockd-test-$$-$TM_RUN"
		if tm new-session -d -x "$w" -y "$h" -s main "$cmd" 2>/dev/null &&
		   tm has-session -t main 2>/dev/null; then
			tm set-option -t main -g status off >/dev/null 2>&1 || true
			return 0
		fi
		tm kill-server >/dev/null 2>&1
		sleep "0.$try"
	done
	bail "tmux could not start a session (6 tries)"
}

tm_keys() { tm send-keys -t main "$@"; }

tm_type() { tm send-keys -t main -l -- "$1"; }

tm_screen() { tm capture-pane -t main -p 2>/dev/null; }

# tm_poll SECS TEST...: until TEST succeeds, at most SECS seconds.
tm_poll() {
	local secs=$1 i=0
	shift
	while [ "$i" -lt $((secs * 20)) ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

tm_has() { tm_screen | grep -qF -- "$1"; }
tm_lacks() { ! tm_screen | grep -qF -- "$1"; }
tm_has_re() { tm_screen | grep -qE -- "$1"; }
tm_lacks_re() { ! tm_screen | grep -qE -- "$1"; }

tm_wait() { tm_poll "${2:-10}" tm_has "$1"; }
tm_wait_gone() { tm_poll "${2:-10}" tm_lacks "$1"; }
tm_wait_re() { tm_poll "${2:-10}" tm_has_re "$1"; }
tm_wait_re_gone() { tm_poll "${2:-10}" tm_lacks_re "$1"; }

tm_wait_say() {
	tm_wait "$1" "${2:-10}" && return 0
	echo "# waited in vain for: $1"; tm_screen | sed 's/^/#   | /'
	return 1
}

tm_running() {
	[ -r "/proc/$1/status" ] && ! grep -q '^State:.*Z' "/proc/$1/status"
}

tm_shows() {
	if tm_wait "$2" "${3:-10}"; then tap_pass "$1"
	else tap_fail "$1" "wanted on the screen: $2" "$(tm_screen)"; fi
}

tm_gone() {
	if tm_wait_gone "$2" "${3:-10}"; then tap_pass "$1"
	else tap_fail "$1" "wanted gone from the screen: $2" "$(tm_screen)"; fi
}

tm_row_shows() {
	local line
	tm_wait "$2" || true
	line=$(tm_screen | grep -F -- "$2")
	if printf '%s' "$line" | grep -q -E -- "$3"; then tap_pass "$1"
	else tap_fail "$1" "wanted: $3" "$(tm_screen)"; fi
}

tm_screen_is() { [ "$(tm_screen)" = "$1" ]; }
tm_screen_not() { [ "$(tm_screen)" != "$1" ]; }

tm_pages() {
	local page before
	for page in $(seq 20); do
		before=$(tm_screen)
		printf '%s\n' "$before"
		tm_keys NPage
		tm_poll 2 tm_screen_not "$before" || break
	done
}

tm_exit_status() {
	local secs=${1:-10} i=0
	while [ "$i" -lt $((secs * 20)) ]; do
		if [ -s "$TM_STATUS" ]; then cat "$TM_STATUS"; return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	echo timeout
}

tm_stop() {
	if [ -n "$TM_SOCK" ]; then
		local path
		path=$(tm display -p '#{socket_path}' 2>/dev/null)
		tm kill-server >/dev/null 2>&1
		# a killed server leaves its socket file behind
		[ -n "$path" ] && rm -f "$path"
	fi
	[ -n "$TM_STATUS" ] && rm -f "$TM_STATUS"
	TM_SOCK=
	return 0
}

tm_cleanup() {
	tm_stop
	case $TM_CONFIG_HOME in
	*/flockd-tmcfg.*) rm -rf "$TM_CONFIG_HOME" ;;
	esac
}
trap tm_cleanup EXIT
