#!/bin/bash
# SPDX-License-Identifier: MIT
# bench_import.sh - `flockd import` of BENCH_IMPORT_KEYS (default 200,000)
# new keys of a few bytes against one `flockd set` per key, the way a
# script would store them without import. Both run the real program
# (not the libtool wrapper) in the same directory. One set per key costs
# a process and two fsyncs, so it runs for at most BENCH_SET_SECONDS
# (default 20) and its time per key is extrapolated. Prints both times
# per key and their ratio against the target (>= 10x); the library's own
# batch against flockd_set is bench_store's "import" lines. The numbers
# depend on the disk: on tmpfs fsync is free and the ratio is small.
#
# Run by `make bench` (BENCH_DIR picks the file system; default $TMPDIR
# or /tmp).
. "$top_srcdir/tests/lib/realprog.sh"

: "${FLOCKD:?FLOCKD must name the built program}"
realprog_env "$FLOCKD"
F=$(realprog "$FLOCKD")
N=${BENCH_IMPORT_KEYS:-200000}
BUDGET=${BENCH_SET_SECONDS:-20}
D=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/flockd-bench-import.XXXXXX") || exit 1
trap 'rm -rf "$D"' EXIT

now() { date +%s.%N; }

awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++)
	printf "{\"format_version\":1,\"table\":\"\",\"key\":\"key-%07d\",\"value\":\"value %d\"}\n", i, i }' >"$D/in.jsonl"
echo "bench_import: $N new keys on $(stat -f -c %T "$D") in $D"

t0=$(now)
"$F" import "$D/imported" "$D/in.jsonl" || { echo "bench_import: import failed"; exit 1; }
t1=$(now)
imp=$(awk -v a="$t0" -v b="$t1" -v n="$N" 'BEGIN { printf "%.6f", (b - a) / n }')
printf 'import     %8d keys in %7.2f s  %7.3f ms/key\n' "$N" \
	"$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
	"$(awk -v p="$imp" 'BEGIN { print p * 1000 }')"

i=0
t0=$(now)
elapsed=0
while [ "$i" -lt "$N" ]; do
	printf 'value %d' "$i" | "$F" set "$D/set" "$(printf 'key-%07d' "$i")" ||
		{ echo "bench_import: set failed"; exit 1; }
	i=$((i + 1))
	if [ $((i % 32)) -eq 0 ]; then
		elapsed=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')
		awk -v e="$elapsed" -v b="$BUDGET" 'BEGIN { exit !(e >= b) }' && break
	fi
done
t1=$(now)
set_per=$(awk -v a="$t0" -v b="$t1" -v n="$i" 'BEGIN { printf "%.6f", (b - a) / n }')
printf 'set (one per key) %d keys in %.2f s  %.3f ms/key  (%d keys would take %.0f s)\n' \
	"$i" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
	"$(awk -v p="$set_per" 'BEGIN { print p * 1000 }')" "$N" \
	"$(awk -v p="$set_per" -v n="$N" 'BEGIN { print p * n }')"
awk -v s="$set_per" -v m="$imp" 'BEGIN {
	r = s / m
	printf "import ratio %.1fx faster than one set per key   target >= 10x: %s\n",
		r, (r >= 10 ? "met" : "NOT met") }'
