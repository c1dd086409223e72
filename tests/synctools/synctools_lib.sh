# SPDX-License-Identifier: MIT
# synctools_lib.sh - what the real-tools tests share (sourced, not run):
#
#   man_block NAME         the lines of flockd(1) between the roff comments
#                          ".\" BEGIN NAME" and ".\" END NAME", unescaped
#                          (\- \e \&), so the tests use the very rules the
#                          manual gives
#   files_of DIR           every file below DIR, relative, sorted
#   unison_run ARGS...     unison with a private home ($T/unison-home), no
#                          prompts, bounded in time
#   leftovers DB           a database holding every sync tool's leftover
#                          next to keys whose names look like them
#
# Needs $T (a scratch directory) and $FLOCKD.

man_block() {
	sed -n "/^\\.\\\\\" BEGIN $1/,/^\\.\\\\\" END $1/p" "$top_srcdir/tui/flockd.1" |
		grep -v '^\.\\"' | sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\&//g'
}

files_of() { (cd "$1" && find . -type f -printf '%P\n' | LC_ALL=C sort); }

unison_run() {
	mkdir -p "$T/unison-home"
	UNISON=$T/unison-home timeout 60 unison -batch -ui text -silent \
		-times -perms 0 "$@" </dev/null
}

# The files every replica must get, and those none may: one per line.
LEFTOVER_KEEP='.hid.kv
.secret.tbl/s.kv
a.kvm.kv
a/b.tbl/n.kv
k (Bob'"'"'s conflicted copy 2024-01-02).kv
k (conflict_on_2026-11-25).kv
k.kv
k.sync-conflict-20240102-030405-ABCDEFG.kv
users.tbl/u.kv
x.kv.kv'
LEFTOVER_DROP='.bak.1.k.kv
.hid.kvTmp12345
.k.kv.Ab12Cd
.nfs000000000012ab3400000001
.rsync-partial/k.kv
.stversions/users.tbl/u~20240102-030405.kv
.syncthing.k.kv.tmp
.unison.k.kv.8b1a9953c4611296.unison.tmp
.~tmp~/k.kv
k.kv.tmp4242
k.kv.~2~
k.kv123456789
k.kvAb12Cd34
k.kv~
k~20240102-030405.kv
users.tbl/.u.kv.Zz9Yy8
users.tbl/u.kvTmp1
~syncthing~k.kv.tmp'

leftovers() {
	local db=$1 f
	mkdir -p "$db"
	printf '%s\n%s\n' "$LEFTOVER_KEEP" "$LEFTOVER_DROP" | while IFS= read -r f; do
		mkdir -p "$db/$(dirname "$f")"
		printf 'bytes of %s\n' "$f" >"$db/$f"
	done
}
