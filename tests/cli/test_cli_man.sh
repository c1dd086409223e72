#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_man.sh - the manual pages flockd(1) and libflockd(3) format
# without warnings and document what --help promises.
. "$top_srcdir/tests/cli/cli_lib.sh"

P1=$top_srcdir/tui/flockd.1
P3=$top_srcdir/store/libflockd.3

for page in "$P1" "$P3"; do
	name=$(basename "$page")
	ok "$name exists" test -s "$page"
	if command -v groff >/dev/null; then
		groff -ww -man -z "$page" >"$T/warn" 2>&1
		is "$?:$(cat "$T/warn")" "0:" "groff -ww -man finds no problem in $name"
	else
		skip "groff not installed" "groff -ww on $name"
	fi
	if command -v man >/dev/null; then
		MANWIDTH=80 man --warnings -l "$page" >"$T/page" 2>"$T/warn"
		is "$?:$(cat "$T/warn")" "0:" "man --warnings finds no problem in $name"
	else
		skip "man not installed" "man --warnings on $name"
	fi
done

# flockd(1) documents every command, every exit status and the environment.
for cmd in get set create update delete ls tables export import locks check diff manifest sync conflicts resolve info help; do
	ok "flockd(1) shows the synopsis of $cmd" grep -q "^\.B flockd $cmd\$" "$P1"
	ok "flockd(1) describes $cmd" grep -qx "\.B $cmd" "$P1"
done
for code in 0 1 2 3 4 5 6 7 8; do
	ok "flockd(1) lists exit status $code" \
		bash -c "sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' '$P1' | grep -qx '\.B $code'"
done
for var in VISUAL EDITOR NO_COLOR TMPDIR FLOCKD_DIR; do
	ok "flockd(1) documents \$$var" bash -c "sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' '$P1' | grep -q '$var'"
done
ok "flockd(1) documents the name escaping" grep -q '^\.SH NAMES IN OUTPUT' "$P1"
ok "flockd(1) documents the export format" grep -q '^\.SH EXPORT FORMAT' "$P1"
ok "flockd(1) documents value_base64" grep -q 'value_base64' "$P1"
ok "flockd(1) documents key bindings" grep -q '^\.SS Browser keys' "$P1"
ok "flockd(1) documents the output forms (records, -z, JSON)" grep -q '^\.SH OUTPUT' "$P1"
for cmd in ls tables export locks check diff manifest sync conflicts resolve info; do
	ok "flockd(1) has the JSON schema of $cmd" grep -qxF ".\\\" BEGIN json-schema $cmd" "$P1"
done

# Every option of every command (from its --help, made from the option
# table) is documented in flockd(1).
for cmd in get set create update delete ls tables export import locks check diff manifest sync conflicts resolve info; do
	for opt in $("$F" "$cmd" --help | sed -n 's/^  \(-[a-z], \|    \)--\([a-z-]*\).*/\2/p'); do
		ok "flockd(1) documents $cmd's option --$opt" grep -qF -- "\\-\\-${opt//-/\\-}" "$P1"
	done
done

# The config file: every view, action, colour element and setting the
# program knows (flockd --dump-config lists them) has its entry under
# CONFIGURATION, and every action documented there exists.
CONF=$(sed -n '/^\.SH CONFIGURATION/,/^\.SH COMMANDS/p' "$P1")
mkdir -p "$T/cfg"
DUMP=$(XDG_CONFIG_HOME=$T/cfg "$F" --dump-config)
man_name() { printf '%s' "$1" | sed 's/-/\\\\-/g'; }
documented() { grep -qE -- "$1" <<<"$CONF"; }
missing=
for v in $(awk '$1 == "bind" { print $2 }' <<<"$DUMP" | sort -u); do
	documented "^\.BR? .*\b$(man_name "$v")\b" || missing="$missing view:$v"
done
for a in $( (awk '$1 == "bind" && $4 != "none" { print $4 }' <<<"$DUMP"
	     sed -n 's/^# without a key://p' <<<"$DUMP" | tr ' ' '\n') |
	   sort -u); do
	documented "^\.B $(man_name "$a")\$" || missing="$missing action:$a"
done
for e in $(awk '$1 == "color" { print $2 }' <<<"$DUMP"); do
	documented "^\.B $(man_name "$e")\$" || missing="$missing color:$e"
done
for s in $(awk '$1 == "set" { print $2 }' <<<"$DUMP"); do
	documented "^\.BI \"set $(man_name "$s") = " || missing="$missing set:$s"
done
is "${missing# }" "" "flockd(1) documents every view, action, colour and setting"
stale=
for a in $(sed -n '/^\.SS Actions/,/^\.SS Colour/p' "$P1" |
	   sed -n 's/^\.B \([a-z\\-]*\)$/\1/p' | sed 's/\\-/-/g'); do
	grep -qE "^bind .* $a\$|^# without a key:.* $a( |\$)" <<<"$DUMP" ||
		stale="$stale $a"
done
is "${stale# }" "" "every action flockd(1) documents exists"
ok "flockd(1) documents --dump-config" grep -q 'dump\\-config' "$P1"
ok "flockd(1) names the config file" grep -q 'flockd/config' "$P1"

# The exit statuses of --help match the code (tui/common/exit_codes.h).
hdr=$top_srcdir/tui/common/exit_codes.h
for pair in OTHER:1 USAGE:2 NOT_FOUND:3 EXISTS:4 INVALID:5 TIMEOUT:6 CONFLICT:7 UNSUPPORTED:8; do
	ok "exit status ${pair#*:} is EXIT_${pair%%:*}" grep -Eq "EXIT_${pair%%:*} = ${pair#*:}," "$hdr"
done

# libflockd(3) covers the API and has an example.
for fn in flockd_open flockd_table_open flockd_get flockd_get_to_fd flockd_set \
	flockd_create flockd_update flockd_put_from_fd flockd_delete flockd_tables \
	flockd_view_open flockd_view_save flockd_strerror flockd_table_last_step; do
	ok "libflockd(3) documents $fn" grep -q "$fn" "$P3"
	ok "$fn is in flockd.h or a header it includes" \
		grep -q "$fn(" "$top_srcdir"/store/flockd*.h
done
ok "libflockd(3) has an example" grep -q '^\.SH EXAMPLES' "$P3"

tap_done
