#!/bin/bash
# SPDX-License-Identifier: MIT
# test_browser_live.sh - live refresh: keys set and deleted by another
# process appear and disappear while the browser is open, the cursor stays
# on its key, and a new table shows in the tables pane.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tmux_lib.sh"
tm_require

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/flockd-e2e.XXXXXX") || bail "mktemp"
trap 'tm_cleanup; rm -rf "$SCRATCH"' EXIT
DB=$SCRATCH/db
mkdir -p "$DB/users.tbl" || bail "mkdir"
for k in alice bob carol; do printf '{"name": "%s"}' "$k" > "$DB/users.tbl/$k.kv"; done

tm_start 100 24 "$FLOCKD" -t users -k bob "$DB"
ok "opens on the table given by -t" tm_wait "Keys: users (3)"
ok "-k puts the cursor on the key" tm_wait "Value: bob"

# another process sets a key (atomically, as the store does)
printf 'outside' > "$DB/users.tbl/aaron.kv.tmpXYZ1" &&
	mv "$DB/users.tbl/aaron.kv.tmpXYZ1" "$DB/users.tbl/aaron.kv"
ok "a key set from outside appears within 2s" tm_wait "aaron" 2
ok "the count follows" tm_wait "Keys: users (4)" 2
ok "the cursor stayed on its key" tm_wait "Value: bob" 1

printf 'new value, longer than before' > "$DB/users.tbl/bob.kv.tmpXYZ2" &&
	mv "$DB/users.tbl/bob.kv.tmpXYZ2" "$DB/users.tbl/bob.kv"
ok "a value changed from outside refreshes the preview" \
	tm_wait "new value, longer than before" 2

rm "$DB/users.tbl/aaron.kv"
ok "a key deleted from outside disappears within 2s" tm_wait_gone "aaron" 2

rm "$DB/users.tbl/bob.kv"
ok "the cursor's key deleted: the cursor moves to its neighbour" \
	tm_wait "Value: carol" 2

mkdir "$DB/sessions.tbl"
ok "a table created from outside appears" tm_wait "sessions" 3

tm_keys q
is "$(tm_exit_status)" "0" "q quits with status 0"
tap_done
