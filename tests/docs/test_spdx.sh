#!/bin/bash
# SPDX-License-Identifier: MIT
# test_spdx.sh - every source file says its licence in its first lines, as
# "SPDX-License-Identifier: MIT" (LICENSE; the Go original's licence), so
# a distribution's licence checker and a reader of one file both know.
# Runs on the source tree, also the tarball's (make distcheck).
. "$top_srcdir/tests/lib/tap.sh"

cd "$top_srcdir" || bail "no source tree at $top_srcdir"
missing=()
count=0
while IFS= read -r -d '' f; do
	count=$((count + 1))
	head -n 3 "$f" | grep -q 'SPDX-License-Identifier: MIT' || missing+=("$f")
done < <(find store tui tests -path tests/fuzz/corpus -prune -o \
	-type f \( -name '*.c' -o -name '*.h' -o -name '*.sh' -o -name '*.am' \
	-o -name '*.fish' -o -name '_flockd' -o -path tui/cli/completion/flockd \) \
	-print0)
ok "source files found ($count)" test "$count" -gt 100
is "${missing[*]}" "" "every C, shell and automake file has an SPDX line"
tagged=0
for f in configure.ac Makefile.am; do
	head -n 3 "$f" | grep -q 'SPDX-License-Identifier: MIT' && tagged=$((tagged + 1))
done
is "$tagged" 2 "configure.ac and Makefile.am too"
ok "LICENSE is the MIT licence" grep -q '^The MIT License' LICENSE
tap_done
