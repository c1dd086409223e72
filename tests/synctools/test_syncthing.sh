#!/bin/bash
# SPDX-License-Identifier: MIT
# test_syncthing.sh - two real Syncthing instances on 127.0.0.1 sharing a
# database (tests/synctools/syncthing_lib.sh: their own homes, device IDs
# exchanged through their configs, discovery, relays, NAT, usage and crash
# reporting and upgrades off):
#   - the .stignore lines of flockd(1) keep every temp file and backup out
#     of the replica, and every key, table and conflict copy in;
#   - one key changed on both sides while they were apart makes a real
#     conflict copy; flockd conflicts names it, with the device that made
#     it; resolve --keep newest settles it and the other side sees the
#     copy go; resolve --keep COPY installs the copy's value and the other
#     side gets it.
# Skipped, visibly, where Syncthing cannot start. Every wait is bounded.
. "$top_srcdir/tests/lib/tap.sh"
: "${FLOCKD:?FLOCKD must name the built program}"
TAB=$'\t'
F=$FLOCKD

T=$(mktemp -d "${TMPDIR:-/tmp}/flockd-syncthing.XXXXXX") || bail "mktemp"
. "$top_srcdir/tests/synctools/synctools_lib.sh"
. "$top_srcdir/tests/synctools/syncthing_lib.sh"
trap 'st_stop; rm -rf "$T"' EXIT

A=$T/a B=$T/b
mkdir -p "$A" "$B"
leftovers "$A"
man_block stignore >"$A/.stignore"
if ! st_start "$A" "$B"; then
	echo "1..0 # SKIP syncthing cannot start: $ST_WHY"
	exit 0
fi
echo "# syncthing A on 127.0.0.1:$ST_PORT_A, B on 127.0.0.1:$ST_PORT_B"
# bounded, but generous: under a loaded `make -j check` two instances
# took more than 30 s to start and connect once
st_connected 90 ||
	st_cli A show connections 2>&1 | head -c 2000 | sed 's/^/# /'
ok "the two instances connect on 127.0.0.1" st_is_connected

# --- the .stignore lines of flockd(1), with the real Syncthing
KEEP=$(printf '%s\n' "$LEFTOVER_KEEP" | LC_ALL=C sort)
arrived() { [ "$(files_of "$B")" = "$KEEP" ]; }
st_wait 60 arrived
is "$(files_of "$B")" "$KEEP" ".stignore: the keys, tables and conflict copies arrive, nothing else"
is "$("$F" ls "$B")" "$("$F" ls "$A")" "the replica has the same keys"

# --- a real conflict: one key changed on both sides while apart
D=c.tbl
printf 'base' | "$F" set -t c "$A" k || bail "set"
st_wait 60 test -e "$B/$D/k.kv"
is "$("$F" get -t c "$B" k)" base "a key set on A reaches B"
st_stop_one B
printf 'from A' | "$F" set -t c "$A" k
sleep 1.1 # B's change is the newer one
printf 'from B, later' | "$F" set -t c "$B" k
st_start_one B
copies() { ls "$1/$D" | grep -c '^k\.sync-conflict-.*\.kv$'; }
both_copies() { [ "$(copies "$A")" = 1 ] && [ "$(copies "$B")" = 1 ]; }
st_wait 60 both_copies
ok "a conflict copy appears on both sides" both_copies
copy=$(ls "$A/$D" | grep '^k\.sync-conflict-.*\.kv$')
echo "# the copy: $copy"
is "$("$F" get -t c "$A" k):$("$F" get -t c "$B" k)" "from B, later:from B, later" "the newer change won on both sides"

out=$("$F" conflicts -t c "$A" 2>/dev/null); rc=$?
rec=$(printf '%s\n' "$out" | grep -F "$TAB$copy$TAB")
is "$rc:$(printf '%s' "$rec" | cut -f2,4,9)" "1:k${TAB}syncthing-conflict${TAB}differs" "conflicts: a Syncthing copy of k, not identical"
who=$(printf '%s' "$rec" | cut -f7)
case " ${ST_ID_A:0:7} ${ST_ID_B:0:7} " in
*" $who "*) tap_pass "conflicts: made by one of the two devices ($who)" ;;
*) tap_fail "conflicts: made by one of the two devices" "who: $who" ;;
esac

out=$("$F" resolve --keep newest -t c "$A" 2>&1); rc=$?
is "$rc:$(printf '%s\n' "$out" | grep -v '^RESULT' | cut -f1,3,4,6)" "0:done${TAB}k${TAB}keep${TAB}1" \
	"resolve --keep newest: k keeps the newer value, the copy goes"
gone() { [ "$(copies "$B")" = 0 ]; }
st_wait 60 gone
ok "the other side sees the copy go" gone
is "$("$F" get -t c "$B" k)" "from B, later" "and keeps the value"

# --- again, keeping the copy: its value is installed and travels
st_stop_one B
printf 'from A again' | "$F" set -t c "$A" k
sleep 1.1
printf 'from B again' | "$F" set -t c "$B" k
st_start_one B
st_wait 60 both_copies
copy=$(ls "$A/$D" | grep '^k\.sync-conflict-.*\.kv$')
want=$(cat "$A/$D/$copy")
out=$("$F" resolve --keep "$copy" -t c "$A" 2>&1); rc=$?
is "$rc:$(printf '%s\n' "$out" | grep -v '^RESULT' | cut -f1,4,5)" "0:done${TAB}install$TAB$copy" \
	"resolve --keep COPY: the copy's value installed"
is "$("$F" get -t c "$A" k)" "$want" "the key holds it"
reached() { [ "$("$F" get -t c "$B" k 2>/dev/null)" = "$want" ] && gone; }
st_wait 60 reached
ok "the other side gets the value, and loses the copy" reached
is "$("$F" diff -t c "$A" "$B" 2>/dev/null)" "" "the two replicas are the same"

tap_done
