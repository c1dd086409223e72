#!/bin/bash
# SPDX-License-Identifier: MIT
# test_header.sh - flockd.h (with the headers it includes) compiles as C99
# and as C++ with -pedantic, before or after any system header, and a
# program using it links; the installed headers are self-contained.
. "$top_srcdir/tests/lib/tap.sh"
tap_plan 6
work=$(mktemp -d) || bail "mktemp"
trap 'rm -rf "$work"' EXIT
inc="-I$top_srcdir/store -I$top_builddir/store"
lib="$top_builddir/store/.libs/libflockd_core.a"
cc=${CC:-cc}
cxx=${CXX:-g++}

cat >"$work/use.c" <<'C'
#include <flockd.h>
#include <stdio.h>

int main(void)
{
	struct flockd_options o = {0};
	struct flockd_stat st;
	struct flockd_batch_result r;
	enum flockd_temp_kind kind = FLOCKD_TEMP_UNNAMED;
	o.timeout_ms = 100;
	st.mtime.tv_sec = 0;
	r.err = FLOCKD_OK;
	printf("%s %d %s %d %ld\n", flockd_version(NULL, NULL, NULL),
	       FLOCKD_VERSION_MAJOR, flockd_strerror(FLOCKD_ELOCKLOST),
	       (int)kind + r.err, (long)st.mtime.tv_sec + o.timeout_ms);
	return 0;
}
C
# the same program with a system header first (features already chosen)
{ echo '#include <stdlib.h>'; cat "$work/use.c"; } >"$work/late.c"
# C++ value-initialises with {} (C99 has no empty initialiser)
sed 's/= {0};/= {};/' "$work/use.c" >"$work/use.cc"

ok "C99 -pedantic" $cc -std=c99 -pedantic -Wall -Wextra -Werror $inc \
	-c "$work/use.c" -o "$work/c99.o"
ok "C99 -pedantic, after <stdlib.h>" $cc -std=c99 -pedantic -Wall -Wextra \
	-Werror $inc -c "$work/late.c" -o "$work/late.o"
ok "C11 -pedantic" $cc -std=c11 -pedantic -Wall -Wextra -Werror $inc \
	-c "$work/use.c" -o "$work/c11.o"
if command -v "$cxx" >/dev/null 2>&1; then
	ok "C++ -pedantic" $cxx -pedantic -Wall -Wextra -Werror $inc \
		-c "$work/use.cc" -o "$work/cxx.o"
	ok "C++ program links with the library" $cxx "$work/cxx.o" "$lib" \
		-o "$work/cxx"
else
	skip "no C++ compiler ($cxx)" "C++ -pedantic"
	skip "no C++ compiler ($cxx)" "C++ program links"
fi
ok "C99 program links with the library" $cc "$work/c99.o" "$lib" \
	-o "$work/c99"
tap_done
