#!/bin/bash
# SPDX-License-Identifier: MIT
# test_hostile_names.sh - one set of hostile names through every output the
# program has: ls, ls -l, ls --json, tables, export, check, diff,
# manifest, locks
# (with a holder), the browser's panes and the editor's title bar (tmux).
# Every text output shows each name in the same escaped form (the one
# flockd(1) documents), bash's printf %b gives the name back, JSON gives
# the exact bytes back, and no raw control, C1, bidi, invisible or invalid
# byte reaches any output.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/holders.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
tm_require
command -v jq >/dev/null 2>&1 || bail "jq is not installed"

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-hostile.XXXXXX") || bail "mktemp"
trap 'release_all; tm_cleanup; rm -rf "$T"' EXIT
F=$FLOCKD
export LC_ALL=C.UTF-8

# name<TAB>its escaped form, in the order ls sorts them (bytewise).
NAMES=(
	'back\slash'
	$'bad\xff'
	$'bom\xef\xbb\xbf'
	$'c1\xc2\x9bcsi'
	$'cafe\xcc\x81'
	$'esc\x1b[31mred'
	$'nl\nname'
	$'over\xc0\xaf'
	$'rlo\xe2\x80\xaeabc'
	$'tab\there'
	$'wide\xe7\x95\x8c'
	$'zw\xe2\x80\x8bsp'
)
SHOWN=(
	'back\\slash'
	'bad\xff'
	'bom\ufeff'
	'c1\u009bcsi'
	$'cafe\xcc\x81'
	'esc\x1b[31mred'
	'nl\nname'
	'over\xc0\xaf'
	'rlo\u202eabc'
	'tab\there'
	$'wide\xe7\x95\x8c'
	'zw\u200bsp'
)
WANT=$(printf '%s\n' "${SHOWN[@]}")

D=$T/db    # the names as keys of the root table
E=$T/empty # nothing: every key of D is only in D
DT=$T/dbt  # the names as tables
mkdir -p "$E"
for n in "${NAMES[@]}"; do
	printf v | "$F" set "$D" "$n" || bail "set a hostile key"
	printf v | "$F" set -t "$n" "$DT" k || bail "set in a hostile table"
done

# No byte a terminal acts on and nothing invisible or invalid: the file
# is UTF-8 without C0 (but newline, and TAB between the fields of a
# record: FIELDS fields on every line when given), DEL, C1, bidi,
# zero-width or BOM.
clean() { # FILE [FIELDS]
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || return 1
	! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$1" || return 1
	if [ -n "${2:-}" ]; then
		[ -z "$(awk -F '\t' -v n="$2" 'NF != n' "$1")" ] || return 1
	else
		! grep -q $'\t' "$1" || return 1
	fi
	! LC_ALL=C grep -qE $'\xc2[\x80-\x9f\xad]|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xaf]|\xef\xbb\xbf' "$1"
}

# ---------------------------------------------------------- text outputs
"$F" ls "$D" >"$T/ls" || bail "ls"
is "$(cat "$T/ls")" "$WANT" "ls: every name in the documented escaped form"
ok "ls: nothing unsafe reaches the output" clean "$T/ls"

"$F" ls -l "$D" >"$T/lsl" || bail "ls -l"
is "$(cut -f3 "$T/lsl")" "$WANT" "ls -l: the same forms"
ok "ls -l: nothing unsafe, three fields a line" clean "$T/lsl" 3

"$F" tables "$DT" >"$T/tables" || bail "tables"
is "$(cat "$T/tables")" "$WANT" "tables: the same forms for table names"
ok "tables: nothing unsafe" clean "$T/tables"

"$F" diff "$D" "$E" >"$T/diff"
is "$?" 1 "diff: the databases differ"
is "$(awk -F '\t' '$1 == "only-a" {print $3}' "$T/diff")" "$WANT" "diff: the same forms"
ok "diff: nothing unsafe, ten fields a line" clean "$T/diff" 10
"$F" manifest "$D" >"$T/manifest"
is "$(cut -f2 "$T/manifest")" "$WANT" "manifest: the same forms"
ok "manifest: nothing unsafe, six fields a line" clean "$T/manifest" 6

# every key held by an outside process
for n in "${NAMES[@]}"; do hold_wait -s "$D/$n.kv"; done
"$F" locks "$D" >"$T/locks" || bail "locks"
is "$(awk -F '\t' '$1 == "/" {print $2}' "$T/locks" | sort -u | LC_ALL=C sort)" \
	"$(printf '%s\n' "${SHOWN[@]}" | LC_ALL=C sort)" "locks: the same forms"
ok "locks: nothing unsafe, nine fields a line" clean "$T/locks" 9
"$F" locks --json "$D" >"$T/locks.json" || bail "locks --json"
ok "locks --json: nothing unsafe" clean "$T/locks.json"
release_all

# printf %b gives back every name, in UTF-8 and in the C locale
back() { # $1 locale, $2 file of escaped lines: "ok" when all decode to NAMES
	local i=0 line name
	while IFS= read -r line; do
		name=$(LC_ALL=$1 bash -c 'printf "%bX" "$1"' _ "$line"); name=${name%X}
		[ "$name" = "${NAMES[$i]}" ] || { echo "line $i: $line"; return 1; }
		i=$((i + 1))
	done <"$2"
	[ "$i" = "${#NAMES[@]}" ]
}
ok "printf %b gives back every name (UTF-8)" back C.UTF-8 "$T/ls"
LC_ALL=C "$F" ls "$D" >"$T/ls.c"
ok "C locale: ls is ASCII" bash -c "! LC_ALL=C grep -q $'[^\x20-\x7e]' '$T/ls.c'"
ok "printf %b gives back every name (C locale)" back C "$T/ls.c"

# ------------------------------------------------------------------ JSON
# A valid UTF-8 name is a JSON string (unsafe characters as \u escapes),
# any other one FIELD_base64: either way the exact bytes.
json_names() { # $1 jq path to the objects, $2 field, $3 file
	jq -r "$1 | if has(\"$2\") then \"s:\" + (.$2 | @base64)
		else \"b:\" + .$2_base64 end" "$3"
}
expect_json() {
	local n
	for n in "${NAMES[@]}"; do
		if printf %s "$n" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; then
			printf 's:%s\n' "$(printf %s "$n" | base64 -w0)"
		else
			printf 'b:%s\n' "$(printf %s "$n" | base64 -w0)"
		fi
	done
}
"$F" ls --json "$D" >"$T/ls.json" || bail "ls --json"
is "$(json_names '.keys[]' key "$T/ls.json")" "$(expect_json)" "ls --json: the exact names"
ok "ls --json: nothing unsafe" clean "$T/ls.json"
"$F" export "$D" >"$T/export" || bail "export"
is "$(jq -s -r '.[] | if has("key") then "s:" + (.key | @base64) else "b:" + .key_base64 end' "$T/export")" \
	"$(expect_json)" "export: the exact names"
ok "export: nothing unsafe" clean "$T/export"
"$F" diff --json "$D" "$E" >"$T/diff.json"
is "$(json_names '.records[]' key "$T/diff.json")" "$(expect_json)" "diff --json: the exact names"
ok "diff --json: nothing unsafe" clean "$T/diff.json"
"$F" manifest --json "$D" >"$T/manifest.json"
is "$(json_names '.entries[]' key "$T/manifest.json")" "$(expect_json)" "manifest --json: the exact names"
ok "manifest --json: nothing unsafe" clean "$T/manifest.json"

# ----------------------------------------------------------------- check
# a Syncthing conflict copy of every key: check names the key it belongs to
for n in "${NAMES[@]}"; do
	cp "$D/$n.kv" "$D/$n.sync-conflict-20240101-000000-ABCDEFG.kv"
done
"$F" check "$D" >"$T/check"
is "$?" 1 "check: findings"
is "$(sed -n 's/.*conflict copy of \(.*\), by .*/\1/p' "$T/check" | LC_ALL=C sort)" \
	"$(printf '%s\n' "${SHOWN[@]}" | LC_ALL=C sort)" "check: the same forms"
ok "check: nothing unsafe, four fields a line" clean "$T/check" 4
"$F" check --json "$D" >"$T/check.json"
is "$(json_names '.findings[]' key "$T/check.json" | sort)" "$(expect_json | sort)" \
	"check --json: the exact names"
ok "check --json: nothing unsafe" clean "$T/check.json"
rm -f "$D"/*.sync-conflict-*

# ---------------------------------------------------------------- screen
on_screen() { # every form in SHOWN shows on the screen
	local s n
	s=$(tm_screen)
	for n in "${SHOWN[@]}"; do
		grep -qF -- "$n" <<<"$s" || { echo "# not on screen: $n"; return 1; }
	done
}
tm_start 200 40 "$F" "$D"
ok "browser: the keys pane shows up" tm_wait "Keys: (root) (12)"
ok "browser: every key name in the same form" on_screen
ok "browser: no raw byte reaches the pane" \
	bash -c "tmux -L '$TM_SOCK' capture-pane -t main -p > '$T/screen' && \
		! LC_ALL=C grep -q $'[\x01-\x1f\x7f]' '$T/screen'"
tm capture-pane -t main -p -e >"$T/screen.e"
ok "browser: an escape is drawn in its own attribute" \
	grep -qE $'(\e\\[[0-9;]*m)+\\\\x1b(\e\\[[0-9;]*m)+\\[31mred' "$T/screen.e"

# the editor's title bar names each key the same way
tm_keys g
i=0
titles_ok=1
for n in "${SHOWN[@]}"; do
	[ "$i" -gt 0 ] && tm_keys j
	tm_wait "Value: $n" || { echo "# no preview of $n"; titles_ok=0; break; }
	tm_keys Enter
	tm_wait "shared lock held"
	title=$(tm_screen | head -1)
	if [[ $title != " $n"* ]]; then
		echo "# editor title for $n:"; tm_screen | head -1 | sed 's/^/#   /'
		titles_ok=0
	fi
	tm_keys C-q
	tm_wait "Keys: (root)" || { titles_ok=0; break; }
	i=$((i + 1))
done
is "$titles_ok" 1 "editor: the title bar shows every key in the same form"
tm_stop

tm_start 200 40 "$F" "$DT"
ok "browser: the tables pane shows up" tm_wait "Tables (13)"
ok "browser: every table name in the same form" on_screen
tm_stop

tap_done
