/* SPDX-License-Identifier: MIT */
/*
 * cli_inspect.h - the operators' inspection commands: locks (lock holders
 * from /proc/locks), check (leftovers of writers and sync tools, --fix),
 * diff (a primary against a replica) and info (the file system under a
 * database). Their models live in tui/inspect/ (lock_holders, leftovers,
 * fsinfo) and tui/sync/ (replica_compare); these files only run and print
 * them.
 */
#ifndef TUI_CLI_CLI_INSPECT_H
#define TUI_CLI_CLI_INSPECT_H

struct cli_args;

int cli_cmd_locks(struct cli_args *args);
int cli_cmd_check(struct cli_args *args);
int cli_cmd_diff(struct cli_args *args);
int cli_cmd_info(struct cli_args *args);

/* The part of check's --help that lists what it finds. */
#define CLI_CHECK_DETAILS \
	"Walk every table of the database and report, each with its path,\n" \
	"age and status, what writers and sync tools left:\n" \
	"  temp, rsync-temp, syncthing-temp, unison-temp\n" \
	"                  a writer's temp file (flockd, Go, rsync,\n" \
	"                  Syncthing, unison), with the cleaning rule's\n" \
	"                  verdict: removable, or kept and why\n" \
	"  syncthing-conflict, unison-conflict, cloud-conflict\n" \
	"                  a conflict copy (Syncthing, unison\n" \
	"                  -copyonconflict, Dropbox/Nextcloud), with its\n" \
	"                  key and who made it when, as its name says\n" \
	"  rsync-backup, unison-backup, syncthing-version\n" \
	"                  an older value kept by a tool\n" \
	"  rsync-dir       rsync's .~tmp~ or .rsync-partial directory\n" \
	"  nfs-silly       an NFS client's .nfsXXXX (deleted, still open)\n" \
	"  other           a file that is none of these (left alone)\n" \
	"  empty-value     a key whose file is empty\n" \
	"  suspect-value   a key with mtime at the epoch: an interrupted\n" \
	"                  rsync --partial may have torn it\n" \
	"  placeholder, abandoned-placeholder\n" \
	"                  the empty mode-0000 file of a create on a\n" \
	"                  file system without hard links; abandoned\n" \
	"                  once unlocked and older than the stale age\n" \
	"  not-regular     NAME.kv that is a symlink, directory, FIFO...\n" \
	"  table-not-dir   NAME.tbl that is not a directory\n" \
	"  unreadable      a key, table or directory this user cannot\n" \
	"                  read\n" \
	"  table-copies    a hidden directory holding table directories\n" \
	"                  (rsync --backup-dir, .stversions, a snapshot):\n" \
	"                  not part of the database, not searched\n" \
	"  bad-table-name  NAME.tbl whose table name (\"..\", \".\") cannot\n" \
	"                  be opened (made by another implementation)\n" \
	"  too-deep        a directory below the walk's depth limit\n" \
	"None of these is a key.\n" \
	"\n" \
	"Cleaning rule: a temp file or placeholder is removable only when\n" \
	"it is older than the stale age AND nobody holds a lock on it\n" \
	"AND it is not the newest temp of a key whose lock is held.\n"

/* The part of info's --help that says what it shows. */
#define CLI_INFO_DETAILS \
	"The file system under the database (ext4, xfs, btrfs, tmpfs, nfs,\n" \
	"cifs, fuse, overlay, ...) and what it means for the locks that keep\n" \
	"readers and writers apart:\n" \
	"  local      full local semantics\n" \
	"  nfs        locks work across NFS clients (and also conflict\n" \
	"             with fcntl locks)\n" \
	"  fuse       depends on the server; without lock forwarding,\n" \
	"             this machine only\n" \
	"  mandatory  CIFS/SMB: mandatory byte-range locks\n" \
	"how new values are written (temp files: unnamed, O_TMPFILE, which a\n" \
	"crash cannot leave behind; or named, where O_TMPFILE or /proc is\n" \
	"missing), and counts of tables, keys and bytes (every key file is\n" \
	"stat'ed; no value is read, no lock taken).\n" \
	"Output: one line per fact, \"NAME: VALUE\", in a fixed order:\n" \
	"database, file system, locks, temp files, tables, keys, bytes, free\n" \
	"space, then\n" \
	"when there are any: suspect, other files, unreadable.\n"

#endif
