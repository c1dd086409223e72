#!/bin/bash
# SPDX-License-Identifier: MIT
# test_cli_help.sh - help of every command, `flockd help`, --version, the
# exit statuses listed, and the routing of a first word to a command.
. "$top_srcdir/tests/cli/cli_lib.sh"

COMMANDS="get set create update delete ls tables export import locks check diff manifest sync conflicts resolve info"
for cmd in $COMMANDS; do
	status "$cmd --help exits 0" 0 "$F" $cmd --help
	ok "$cmd --help starts with its usage" grep -q "^Usage: flockd $cmd " "$T/out"
	ok "$cmd --help lists the exit statuses" grep -q "^  6  lock timeout" "$T/out"
	for opt in "--timeout DURATION" "-q, --quiet" "-h, --help" "--version"; do
		ok "$cmd --help lists the common option $opt" grep -qF -- "$opt" "$T/out"
	done
	ok "$cmd --help mentions FLOCKD_DIR" grep -q "FLOCKD_DIR" "$T/out"
	is "$("$F" $cmd -h | md5sum)" "$(md5sum <"$T/out")" "$cmd -h is --help"
	is "$("$F" help $cmd | md5sum)" "$(md5sum <"$T/out")" "flockd help $cmd is $cmd --help"
	is "$(cat "$T/err")" "" "$cmd --help writes nothing to stderr"
done
status "flockd help exits 0" 0 "$F" help
for cmd in get set create update delete ls tables export import locks check diff manifest sync conflicts resolve info help; do
	ok "flockd help lists $cmd" grep -q "^  $cmd " "$T/out"
done
for code in "0  success" "1  other error" "2  usage error" "3  not found" \
	"4  already exists" "5  invalid key or table name" "6  lock timeout" \
	"7  conflict" "8  unsupported"; do
	ok "flockd help lists exit status '$code'" grep -q "^  $code" "$T/out"
done
status "flockd help NOSUCH: usage error" $EX_USAGE "$F" help nosuch
status "flockd help a b: usage error" $EX_USAGE "$F" help get ls

version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")
for cmd in $COMMANDS help; do
	status "$cmd --version exits 0" 0 "$F" $cmd --version
	is "$(cat "$T/out")" "flockd $version" "$cmd --version prints the package version"
done

# check and diff say their statuses are diff(1)'s
for cmd in check diff; do
	"$F" $cmd --help >"$T/out"
	ok "$cmd --help: exit statuses as diff(1)" grep -q "^Exit status, as diff(1):" "$T/out"
	ok "$cmd --help: 3 is not found there too" grep -q "^  3  not found" "$T/out"
done

# ls, tables, --help about escaping and JSON names.
"$F" ls --help >"$T/out"
ok "ls --help documents the escaping" grep -qF '\xHH' "$T/out"
ok "ls --help documents key_base64" grep -qF 'key_base64' "$T/out"
"$F" export --help >"$T/out"
ok "export --help documents value_base64" grep -qF 'value_base64' "$T/out"

# A directory named like a command is a command; ./name is the browser's.
cd "$T" && mkdir -p get
status "'get' with no operands is the command (usage error)" $EX_USAGE "$F" get
ok "...and says so on stderr" grep -q '^flockd get: missing operand' "$T/err"

tap_done
