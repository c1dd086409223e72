# SPDX-License-Identifier: MIT
# fault_lib.sh - the system-call fault sweep (sourced by tests/fault/test_*.sh).
#
# A case script describes one operation:
#   fault_setup      a shell function that builds the state before the
#                    operation under $DB (and its input files under $W)
#   FAULT_CMD        the operation, an array: (program args...)
#   FAULT_MODE       "whole" (default): after a failure the database must be
#                    exactly as before; "per-path" (import, many keys): each
#                    path must be as before or as after a clean run
#   FAULT_ABSORBABLE_LINES+=(ERE...)  single calls (matched on their line
#                    of the clean trace) whose failure the program may
#                    absorb and still succeed, each with a reason
#   FAULT_EXTRA_LINE an ERE of a summary line allowed besides the error
# and then calls `fault_sweep "NAME"`.
#
# The sweep runs the operation once under strace to list its system calls
# (the points), then once per point and errno (EIO, ENOSPC) with that one
# call failed by strace's fault injection (-e inject=CALL:error=E:when=N:
# the Nth call of that name, counted from the start of the process). The
# operation's calls are those from the first one that touches the scratch
# directory $W (the program's start-up, loader and locale are not the
# operation), or, when the program marks it, from the call
# access("FAULT-SWEEP-BEGIN") to access("FAULT-SWEEP-END")
# (tests/fault/fault_view.c).
#
# Each point is one TAP test line; it passes when
#   - the program was not killed by a signal;
#   - it failed (exit status != 0) with one line on stderr that starts with
#     the program's name, gives the injected error's description and names
#     the step in parentheses; only the calls whose failure the program may
#     absorb (FAULT_ABSORBABLE: closing, memory mapping, entropy; and the
#     case's FAULT_ABSORBABLE_LINES) may lead to success instead, and then
#     the result must be the clean run's;
#   - after a failure the database is as before (old value intact, no temp
#     file, no new directory), with two exceptions the message must then
#     state: the failed call came after the new value was in place (the
#     directory's fsync: "in place" / "power loss"), or it was the very
#     removal of a temp file (the temp may remain, the message says "temp");
#   - no rename or link of a file whose fsync failed (nothing made visible
#     that is not known to be on disk), judged from the strace log.
# At the end the table of points (call, occurrence, errno, exit status,
# message, verdict) is printed as TAP comments.

. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/realprog.sh"

: "${FLOCKD:?FLOCKD must name the built program}"
: "${top_builddir:?}"
# Trace the program itself, not the libtool wrapper's shell.
realprog_env "$FLOCKD"
FLOCKD=$(realprog "$FLOCKD")
FAULT_ERRNOS=${FAULT_ERRNOS:-EIO ENOSPC}
FAULT_MODE=${FAULT_MODE:-whole}
FAULT_MARK=FAULT-SWEEP-BEGIN
FAULT_END=FAULT-SWEEP-END
# Calls whose failure the program may absorb and still succeed: releasing
# a descriptor or memory, asking for memory (malloc falls back between brk
# and mmap), entropy for temp names (a fallback exists), installing
# signal handlers (cleaning up after SIGINT/SIGTERM/SIGHUP is best effort),
# and the store's hand-off of a replace's final link and rename to a
# helper child (store/handoff.c): without the child (clone fails) the
# store makes the two calls itself; reaping it (wait4) comes after its
# results are in.
FAULT_ABSORBABLE=" close munmap brk mmap mremap madvise getrandom rt_sigaction rt_sigprocmask clone wait4 "
# Calls whose failure shows up as "out of memory" rather than the errno.
FAULT_MEMORY=" brk mmap mremap "
W=$(mktemp -d "${TMPDIR:-/tmp}/flockd-fault.XXXXXX") || bail "mktemp"
DB=$W/db
trap 'chmod -R u+rwx "$W" 2>/dev/null; rm -rf "$W"' EXIT
# Single calls the program may absorb (cases add theirs, with a reason):
# - the command line's fstat of an input file (under $W, not in the
#   database) only checks that it is not a directory; reading a directory
#   fails anyway;
# - the store's probe of /proc/self/fd (to name an O_TMPFILE temp): without
#   it, writes take the named-temp path, which is as safe.
FAULT_ABSORBABLE_LINES=("^newfstatat\\([0-9]+<$W/[^/>]+>, \"\", "
	'^faccessat2?\(.*"/proc/self/fd/')

fault_describe() {
	case $1 in
	EIO) echo "Input/output error" ;;
	ENOSPC) echo "No space left on device" ;;
	*) echo "$1" ;;
	esac
}

# fault_can_trace: strace is installed and may trace here (ptrace allowed).
fault_can_trace() {
	command -v strace >/dev/null 2>&1 &&
		strace -qq -o /dev/null true >/dev/null 2>&1
}

# fault_snapshot DIR: every entry below DIR with its type and mode, and the
# checksum and size of every file, one per line, sorted.
fault_snapshot() {
	[ -d "$1" ] || return 0
	(cd "$1" && {
		find . -mindepth 1 -printf '%y %m %P\n'
		find . -type f -printf '%P\0' | xargs -0 -r cksum |
			awk '{ c = $1 " " $2; $1 = $2 = ""; print "c " substr($0, 3) " " c }'
	}) | LC_ALL=C sort
}

# fault_prepare: a fresh copy of the state before the operation.
fault_prepare() {
	chmod -R u+rwx "$DB" 2>/dev/null
	rm -rf "$DB"
	cp -a "$W/template" "$DB"
}

# fault_points TRACE: the operation's calls, "LINE CALL OCCURRENCE".
# Not brk: the kernel's brk never fails with an errno (it returns the old
# break), so an injected error is misread by malloc as a new break and
# the program crashes on memory it never got; running out of memory is
# the mmap points (malloc falls back to mmap when brk cannot grow).
fault_points() {
	local usemark=0
	grep -q "\"$FAULT_MARK\"" "$1" && usemark=1
	awk -v w="\"$W/" -v mark="\"$FAULT_MARK\"" -v end="\"$FAULT_END\"" \
		-v usemark="$usemark" '
		!match($0, /^[a-z0-9_]+\(/) { next }
		{ call = substr($0, 1, RLENGTH - 1); seen[call]++ }
		index($0, end) { exit }
		!started {
			if (usemark && index($0, mark)) { started = 1; next }
			if (!usemark && NR > 1 && index($0, w)) started = 1
			else next
		}
		call == "exit_group" || call == "exit" { next }
		call == "brk" { next }
		{ print NR, call, seen[call] }' "$1"
}

# The helper child of a replace (store/handoff.c) links and renames out of
# the trace (strace does not follow it: its fault counters would be its
# own, so one point could not fail alone): a successful hand-off, a clone
# with CLONE_VFORK, counts as a link and rename of any file.
FAULT_HANDOFF='^clone3?[(].*CLONE_VFORK.*[)] = [1-9]'

# fault_renamed_after_failed_sync TRACE LINE: print the first successful
# rename or link, after the failed fsync on LINE, of the file it synced.
# A failed syncfs taints every file: then any rename or link counts,
# until an fsync succeeds after it (a batch falls back to fsyncing each
# of its files when syncfs fails, and renames none before they all are).
# A failed fsync of a directory does not taint the hand-off of another
# file's rename (a directory is never renamed by the store).
fault_renamed_after_failed_sync() {
	local handoff=$FAULT_HANDOFF dir
	dir=$(sed -n "${2}p" "$1" | sed -n 's/^f\(data\)\{0,1\}sync([0-9]*<\([^>]*\)>.*/\2/p')
	[ -n "$dir" ] && [ -d "$dir" ] && handoff=
	awk -v at="$2" -v handoff="$handoff" '
		NR == at {
			call = $0; sub(/\(.*/, "", call)
			if (call == "syncfs") any = 1
			if (!match($0, /^f?(data)?sync(fs)?\([0-9]+</)) exit
			fd = substr($0, 1, RLENGTH - 1); sub(/^[a-z]+\(/, "", fd)
			path = substr($0, RLENGTH + 1); sub(/>.*/, "", path)
			open = 1
			next
		}
		NR < at || fd == "" { next }
		any && $0 ~ /^f(data)?sync\(.*\) = 0$/ { any = 0; resynced = 1 }
		handoff != "" && $0 ~ handoff && !resynced { print; exit }
		open && match($0, "^close\\(" fd "<") { open = 0 }
		!match($0, /^(renameat2?|linkat|rename|link)\(/) { next }
		$0 !~ /\) = 0$/ { next }
		{
			s = $0; sub(/^[a-z0-9]+\(/, "", s)
			dirfd = ""; dir = ""
			if (s ~ /^(AT_FDCWD|[0-9]+)</) {
				dirfd = s; sub(/<.*/, "", dirfd)
				dir = s; sub(/^[^<]*</, "", dir); sub(/>.*/, "", dir)
				sub(/^[^>]*>, /, "", s)
			}
			name = s; sub(/^"/, "", name); sub(/".*/, "", name)
			src = name ~ /^\// ? name : dir "/" name
			hit = any || src == path ||
			      (open && (name == "/proc/self/fd/" fd ||
					(dirfd == fd && name == "")))
			if (hit) { print; exit }
		}' "$1"
}

# fault_pathof: awk function, the path a snapshot line is about.
fault_awk_pathof='
	function pathof(line,   p) {
		p = line
		if (p ~ /^c /) { sub(/^c /, "", p); sub(/ [^ ]+ [^ ]+$/, "", p) }
		else sub(/^[^ ]+ [^ ]+ /, "", p)
		return p
	}'

# fault_state_verdict: compare $W/final with $W/before and $W/after; sets
# STATE to unchanged, done, mixed (per-path mode: each path as before or
# as after) or "partial: ..."; ODD to the paths that are neither as before
# nor as after, NEWER to those as after in a state that is not "done".
fault_state_verdict() {
	ODD= NEWER=
	if cmp -s "$W/final" "$W/before"; then STATE=unchanged; return; fi
	if cmp -s "$W/final" "$W/after"; then STATE=done; return; fi
	local both
	both=$(awk "$fault_awk_pathof"'
		{ p = pathof($0); all[p] = 1 }
		FILENAME == ARGV[1] { b[p] = b[p] $0 "|"; next }
		FILENAME == ARGV[2] { a[p] = a[p] $0 "|"; next }
		{ f[p] = f[p] $0 "|" }
		END {
			for (p in all)
				if (f[p] != b[p] && f[p] != a[p])
					odd = odd " " p (f[p] == "" ? " (gone)" : "")
				else if (f[p] != b[p])
					newer = newer " " p
			print substr(odd, 2) "|" substr(newer, 2)
		}' "$W/before" "$W/after" "$W/final")
	ODD=${both%%|*} NEWER=${both#*|}
	if [ "$FAULT_MODE" = per-path ] && [ -z "$ODD" ]; then
		STATE=mixed
	else
		STATE="partial: ${ODD:+left $ODD}${ODD:+${NEWER:+; }}${NEWER:+as after the clean run: $NEWER}"
	fi
}

# fault_installed_before TRACE LINE: did a key change land in the directory
# that the fsync on LINE syncs, since that directory's previous fsync? Then
# the failed fsync left the change in place and the message must say so.
# A hand-off (FAULT_HANDOFF) lands one in the directory synced next.
fault_installed_before() {
	awk -v at="$2" -v handoff="$FAULT_HANDOFF" '
		NR > at { exit }
		!match($0, /^[a-z0-9_]+\(/) { next }
		{ call = substr($0, 1, RLENGTH - 1) }
		call ~ /^f?(data)?sync$/ {
			d = $0; sub(/^[^<]*</, "", d); sub(/>.*/, "", d)
			if (handed) { landed[d] = 1; handed = 0 }
			if (NR == at) { found = (d in landed); exit }
			delete landed[d]; next
		}
		$0 ~ handoff { handed = 1; next }
		call !~ /^(renameat2?|linkat|unlinkat)$/ || $0 !~ /\) = 0$/ { next }
		{
			# the directory and name of the target (last dir/name pair)
			s = $0; d = ""; n = ""
			while (match(s, /(AT_FDCWD|[0-9]+)<[^>]*>, "[^"]*"/)) {
				pair = substr(s, RSTART, RLENGTH)
				d = pair; sub(/^[^<]*</, "", d); sub(/>.*/, "", d)
				n = pair; sub(/^[^"]*"/, "", n); sub(/"$/, "", n)
				s = substr(s, RSTART + RLENGTH)
			}
			if (n ~ /\.kv$/) landed[d] = 1
		}
		END { exit !found }' "$1"
}

# fault_run_point CALL OCCURRENCE ERRNO: run the operation on a fresh copy
# with that one call failed; RUN_STATUS, $W/run.trace, $W/err, $W/final.
fault_run_point() {
	fault_prepare
	strace -qq -y -s 256 -o "$W/run.trace" -e inject="$1:error=$3:when=$2" \
		-- "${FAULT_CMD[@]}" >"$W/out" 2>"$W/err" </dev/null
	RUN_STATUS=$?
	fault_snapshot "$DB" >"$W/final"
}

# fault_message: the error line(s) of the last run, without the summary
# lines a case allows besides the error (FAULT_EXTRA_LINE, an ERE).
fault_message() {
	if [ -n "${FAULT_EXTRA_LINE:-}" ]; then
		grep -Ev -- "$FAULT_EXTRA_LINE" "$W/err"
	else
		cat "$W/err"
	fi
}

# fault_check_message CALL ERRNO: append to WHY what the error line lacks.
fault_check_message() {
	local prog want msg lines
	prog=${FAULT_CMD[0]##*/}
	want=$(fault_describe "$2")
	msg=$(fault_message | head -c 1000)
	lines=$(fault_message | awk 'END { print NR }')
	[ "$lines" -eq 1 ] || WHY+=("stderr has $lines lines, want one")
	case $msg in "$prog "*) ;; *) WHY+=("the message does not start with '$prog '") ;; esac
	case $FAULT_MEMORY in
	*" $1 "*) want="($want|out of memory|Cannot allocate memory)" ;;
	esac
	printf '%s\n' "$msg" | grep -Eq -- "$want" ||
		WHY+=("the message does not say '$(fault_describe "$2")'")
	printf '%s\n' "$msg" | grep -Eq ' \([^()]+\)' ||
		WHY+=("the message names no step (no '(step)')")
}

# fault_absorbable LINE CALL: may the program absorb this call's failure
# and succeed? The calls of FAULT_ABSORBABLE, and the clean-trace lines that
# match an ERE of FAULT_ABSORBABLE_LINES (each case says why).
fault_absorbable() {
	case $FAULT_ABSORBABLE in *" $2 "*) return 0 ;; esac
	local text re
	text=$(sed -n "${1}p" "$W/clean.trace")
	for re in "${FAULT_ABSORBABLE_LINES[@]}"; do
		printf '%s\n' "$text" | grep -Eq -- "$re" && return 0
	done
	return 1
}

# fault_judge LINE CALL ERRNO: set WHY (empty: the point passes).
fault_judge() {
	local line=$1 call=$2 errno=$3 inj
	WHY=()
	inj=$(grep -n '(INJECTED)$' "$W/run.trace")
	if [ "$(printf '%s\n' "$inj" | grep -c .)" -ne 1 ]; then
		WHY+=("the fault was not injected exactly once"); return
	fi
	[ "${inj%%:*}" = "$line" ] ||
		WHY+=("the run diverged from the clean trace (line ${inj%%:*}, want $line)")
	if [ "$RUN_STATUS" -ge 128 ]; then
		WHY+=("killed by signal $((RUN_STATUS - 128))"); return
	fi
	if [[ $call =~ ^f?(data)?sync(fs)?$ ]]; then
		local bad
		bad=$(fault_renamed_after_failed_sync "$W/run.trace" "$line")
		[ -z "$bad" ] || WHY+=("renamed after the failed $call: ${bad:0:160}")
	fi
	if [ "$RUN_STATUS" -eq 0 ]; then
		fault_absorbable "$line" "$call" ||
			WHY+=("exit status 0: the failure was ignored")
		[ "$STATE" = done ] || WHY+=("exit status 0, but the result is $STATE")
		return
	fi
	fault_check_message "$call" "$errno"
	local msg; msg=$(fault_message | head -c 1000)
	case $STATE in
	unchanged) ;;
	done|mixed)
		if { [ "$STATE" = done ] && [ "$FAULT_MODE" = whole ]; } ||
			fault_installed_before "$W/run.trace" "$line"; then
			printf '%s\n' "$msg" | grep -Eiq 'in place|power loss' ||
				WHY+=("the change is in place but the message does not say so")
		fi ;;
	partial:*)
		if [ -n "$ODD" ] && [ "${ODD// /}" = "$ODD" ] &&
			[[ $ODD == *.kv[A-Za-z0-9]* ]] && [[ $call == unlink* ]] &&
			sed -n "${line}p" "$W/run.trace" | grep -qF "\"${ODD##*/}\""; then
			printf '%s\n' "$msg" | grep -iq temp ||
				WHY+=("the temp file ${ODD##*/} was left and the message does not say so")
		else
			WHY+=("left behind: ${STATE#partial: }")
		fi ;;
	esac
}

# fault_table_row CALL OCC ERRNO VERDICT: one row of the table of points.
fault_table_row() {
	local msg
	msg=$(head -n 1 "$W/err" | cut -c 1-110)
	printf '%-11s %4s  %-6s %4s  %-10s %s\n' "$1" "$2" "$3" "$RUN_STATUS" \
		"$4" "${msg:--}" >>"$W/table"
}

# fault_sweep NAME: the whole sweep for the case script's operation.
fault_sweep() {
	local name=$1 started=$SECONDS
	fault_can_trace || { skip "strace is missing or may not trace here" "$name"; tap_done; exit; }
	mkdir -p "$W/template.tmp" && (DB=$W/template.tmp fault_setup) ||
		bail "$name: setup failed"
	mv "$W/template.tmp" "$W/template"
	fault_prepare
	fault_snapshot "$DB" >"$W/before"
	strace -qq -y -s 256 -o "$W/clean.trace" -- "${FAULT_CMD[@]}" >"$W/out" 2>"$W/err" </dev/null ||
		bail "$name: the operation fails without a fault: $(head -c 300 "$W/err")"
	fault_snapshot "$DB" >"$W/after"
	fault_points "$W/clean.trace" >"$W/points"
	[ -s "$W/points" ] || bail "$name: no system calls found in the clean trace"
	printf '# %s: %s points x %s\n' "$name" "$(wc -l <"$W/points")" "$FAULT_ERRNOS"
	printf '%-11s %4s  %-6s %4s  %-10s %s\n' call occ errno exit verdict message >"$W/table"
	local errno line call occ
	for errno in $FAULT_ERRNOS; do
		while read -r line call occ; do
			fault_run_point "$call" "$occ" "$errno"
			fault_state_verdict
			fault_judge "$line" "$call" "$errno"
			if [ "${#WHY[@]}" -eq 0 ]; then
				tap_pass "$name: $call #$occ $errno: exit $RUN_STATUS, $STATE"
				fault_table_row "$call" "$occ" "$errno" ok
			else
				tap_fail "$name: $call #$occ $errno: exit $RUN_STATUS, $STATE" \
					"${WHY[@]}" "stderr: $(head -c 300 "$W/err")"
				fault_table_row "$call" "$occ" "$errno" FAIL
			fi
		done <"$W/points"
	done
	echo "# $name: table of points"
	sed 's/^/# /' "$W/table"
	echo "# $name: $((SECONDS - started)) s"
	tap_done
}
