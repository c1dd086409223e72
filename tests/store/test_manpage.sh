#!/bin/bash
# SPDX-License-Identifier: MIT
# test_manpage.sh - libflockd(3) follows the headers: every public function
# declared in store/flockd*.h is in its synopsis and described in its text,
# and its synopsis names no function the headers do not declare.
. "$top_srcdir/tests/lib/tap.sh"
page=$top_srcdir/store/libflockd.3
headers=$(ls "$top_srcdir"/store/flockd*.h)
[ -s "$page" ] || bail "no $page"

# declared: "TYPE flockd_x(" at the start of a line (continuations aside)
declared=$(grep -ohE '^[a-z][a-z_ *]*[ *]flockd_[a-z0-9_]+\(' $headers |
	grep -oE 'flockd_[a-z0-9_]+\($' | tr -d '(' | sort -u)
synopsis=$(sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$page" |
	grep -oE '\bflockd_[a-z0-9_]+\(' | tr -d '(' | sort -u)
text=$(sed -n '/^\.SH DESCRIPTION/,$p' "$page")

n=$(echo "$declared" | wc -l)
ok "the headers declare functions ($n)" test "$n" -gt 60
for fn in $declared; do
	ok "$fn is in the synopsis" grep -qx "$fn" <<<"$synopsis"
	ok "$fn is described" grep -qE "^\.R?BR? (\( )?$fn \(\)" <<<"$text"
done
for fn in $synopsis; do
	ok "synopsis' $fn is declared" grep -qx "$fn" <<<"$declared"
done
tap_done
