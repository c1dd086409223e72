# tmux_lib.sh - drive the real flockd in a private tmux server (sourced).
#
#   tm_start 120 30 CMD...     start CMD in a detached session of that size
#   tm_keys KEY...             tmux send-keys
#   tm_screen                  the visible text (capture-pane -p)
#   tm_wait TEXT [SECS]        wait until TEXT shows (default 5s); 0 if it did
#   tm_wait_gone TEXT [SECS]   wait until TEXT no longer shows
#   tm_stop                    kill the server (also on exit)
#
# Needs tmux; scripts call tm_require first, which skips visibly without it.

TM_SOCK="flockd-test-$$"
tm() { tmux -L "$TM_SOCK" -f /dev/null "$@"; }

tm_require() {
	if ! command -v tmux >/dev/null 2>&1; then
		echo "1..0 # SKIP tmux is not installed"
		exit 0
	fi
	[ -x "$FLOCKD" ] || bail "FLOCKD is not set to the built program"
}

tm_start() {
	local w=$1 h=$2; shift 2
	# The program's exit status lands in $TM_STATUS when it ends.
	TM_STATUS=$(mktemp)
	rm -f "$TM_STATUS"
	local cmd="" a
	for a in "$@"; do cmd="$cmd '$(printf %s "$a" | sed "s/'/'\\\\''/g")'"; done
	tm new-session -d -x "$w" -y "$h" -s main \
		"TERM=xterm-256color; export TERM; $cmd; echo \$? > '$TM_STATUS'; sleep 600"
	tm set-option -t main -g status off >/dev/null 2>&1 || true
	TM_SOCKET_PATH=$(tm display -p '#{socket_path}' 2>/dev/null)
}

tm_keys() { tm send-keys -t main "$@"; }

tm_screen() { tm capture-pane -t main -p; }

tm_wait() {
	local text=$1 secs=${2:-5} i=0
	while [ "$i" -lt $((secs * 20)) ]; do
		tm_screen | grep -qF -- "$text" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

tm_wait_gone() {
	local text=$1 secs=${2:-5} i=0
	while [ "$i" -lt $((secs * 20)) ]; do
		tm_screen | grep -qF -- "$text" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# tm_exit_status [SECS]: wait for the program to end; prints its status.
tm_exit_status() {
	local secs=${1:-5} i=0
	while [ "$i" -lt $((secs * 20)) ]; do
		if [ -s "$TM_STATUS" ]; then cat "$TM_STATUS"; return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	echo timeout
}

tm_stop() {
	tm kill-server >/dev/null 2>&1 || true
	# a killed server leaves its socket file behind
	[ -n "${TM_SOCKET_PATH:-}" ] && rm -f "$TM_SOCKET_PATH"
	[ -n "${TM_STATUS:-}" ] && rm -f "$TM_STATUS"
	return 0
}
