#!/bin/sh
# SPDX-License-Identifier: MIT
# run_fuzzer.sh HARNESS - run one libFuzzer harness (tests/fuzz/NAME.fuzz)
# for $FUZZ_SECONDS seconds from its seed corpus, as one TAP test: ok when
# the fuzzer found nothing, not ok with the fuzzer's report and the way to
# replay the input otherwise. Run by `make fuzz` (tests/fuzz/Makemodule.am).
bin=$1
name=$(basename "$bin" .fuzz)
seconds=${FUZZ_SECONDS:-60}
seeds=$top_srcdir/tests/fuzz/corpus/$name
work=tests/fuzz/work/$name
artifacts=tests/fuzz/artifacts
dict=$top_srcdir/tests/fuzz/$name.dict
log=tests/fuzz/$name.fuzzer-output
mkdir -p "$work" "$artifacts" || exit 99
[ -d "$seeds" ] || { echo "Bail out! no seed corpus $seeds"; exit 1; }
[ -f "$dict" ] || dict=

echo 1..1
# Leaks are findings; so is any UB (the code is built not to recover).
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
	${dict:+-dict="$dict"} "$work" "$seeds" >"$log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
if [ "$status" -eq 0 ]; then
	echo "ok 1 - $name: ${runs:-?} inputs in ${seconds}s (${cov:-cov: ?}), no finding"
	exit 0
fi
echo "not ok 1 - $name: the fuzzer found a problem (exit status $status)"
grep -E 'ERROR|SUMMARY|broken promise|runtime error|Test unit written' "$log" |
	head -n 20 | sed 's/^/#   /'
echo "#   replay: $bin ARTIFACT   (full output: $log)"
tail -n 80 "$log" | sed 's/^/# /'
exit 0
