# SPDX-License-Identifier: MIT
# holders.sh - outside lock holders for the shell tests (sourced, not run):
# background util-linux flock(1) processes that hold a key file's lock the
# way another program would.
#
#   hold MODE FILE        flock MODE (-s shared, -x exclusive) on FILE in the
#                         background; its pid lands in HOLDER (and in PIDS)
#   hold_wait MODE FILE   the same, and return only once the lock is held
#   release PID...        end holders and their commands, and wait for them
#   release_all           release every holder started so far
#
# With -o the lock is flock's own (its command does not inherit the
# descriptor), so ending the flock process releases it.

HOLDER=
PIDS=

hold() {
	flock -o "$1" "$2" sleep 120 </dev/null >/dev/null 2>&1 &
	HOLDER=$!
	PIDS="$PIDS $HOLDER"
}

hold_wait() {
	hold "$1" "$2"
	for _ in $(seq 100); do
		flock -n -x "$2" true 2>/dev/null || return 0 # held now
		sleep 0.05
	done
	bail "the outside holder did not get its lock on $2"
}

release() {
	local p
	for p in "$@"; do
		kill $(cat "/proc/$p/task/$p/children" 2>/dev/null) "$p" 2>/dev/null
	done
	wait "$@" 2>/dev/null
}

release_all() { release $PIDS; PIDS=; HOLDER=; }
