#!/bin/bash
# test_readme_example.sh - the library example in README.md compiles against
# the built library and does what it says.
. "$top_srcdir/tests/lib/tap.sh"
tap_plan 3
work=$(mktemp -d) || bail "mktemp"
trap 'rm -rf "$work"' EXIT

awk '/^```c$/ {on = 1; next} /^```$/ {on = 0} on' "$top_srcdir/README.md" >"$work/example.c"
ok "README has a C example" test -s "$work/example.c"

# The example writes to /tmp/example-db; point it at our scratch dir.
sed -i "s|/tmp/example-db|$work/db|" "$work/example.c"
ok "the example compiles with -Wall -Werror" \
  ${CC:-cc} -Wall -Werror -I"$top_srcdir/store" "$work/example.c" \
  "$top_builddir/store/.libs/libflockd_core.a" -o "$work/example"
out=$("$work/example" 2>&1)
is "$out" 'alice = {"admin": true}' "the example prints the value it stored"
tap_done
