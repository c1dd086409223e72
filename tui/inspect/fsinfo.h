/* SPDX-License-Identifier: MIT */
/*
 * fsinfo.h - facts about the file system under a database: its type (from
 * statfs and /proc/self/mountinfo), what that means for flock(2) locks
 * (store protocol section 6), and counts of tables, keys and bytes.
 */
#ifndef TUI_INSPECT_FSINFO_H
#define TUI_INSPECT_FSINFO_H

#include "flockd.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define FSINFO_BTRFS_MAGIC 0x9123683eUL
#define FSINFO_MOUNTINFO_PATH "/proc/self/mountinfo"

/* What flock(2) locks mean on a file system. */
enum fs_locks {
	FS_LOCKS_LOCAL,     /* full local semantics */
	FS_LOCKS_NFS,       /* across NFS clients; also conflict with fcntl */
	FS_LOCKS_FUSE,      /* depends on the server: maybe this machine only */
	FS_LOCKS_MANDATORY, /* CIFS/SMB: mandatory byte-range locks */
	FS_LOCKS_NETWORK,   /* another network or cluster file system */
	FS_LOCKS_UNKNOWN,
};

/* fsinfo_type_name - the name of a statfs f_type ("ext4", "xfs", "nfs",
 * "cifs", "fuse", "overlay", ...), or NULL when unknown. Static string. */
const char *fsinfo_type_name(unsigned long f_type);

/* fsinfo_locks_of - the lock semantics of a statfs f_type. */
enum fs_locks fsinfo_locks_of(unsigned long f_type);

/* fsinfo_locks_label - a short label ("local", "nfs", "fuse", "mandatory",
 * "network", "unknown"); fsinfo_locks_meaning - a sentence for people.
 * Static strings. */
const char *fsinfo_locks_label(enum fs_locks locks);
const char *fsinfo_locks_meaning(enum fs_locks locks);

/* One line of /proc/self/mountinfo that matters here. */
struct fs_mount {
	char fstype[64];       /* "ext4", "fuse.sshfs", "nfs4", ... */
	char mount_point[4096];/* raw (octal escapes decoded) */
	char source[4096];     /* "/dev/sda1", "server:/export", ... */
};

/*
 * fsinfo_mount_of - find the mount with device `dev` in the mountinfo file
 * at `path` (FSINFO_MOUNTINFO_PATH normally). When several match (bind
 * mounts), the one whose mount point is the longest prefix of `dir_path`
 * (if given) wins, else the last. Returns 0, ENOENT when no line matches,
 * or an errno value of reading the file.
 */
int fsinfo_mount_of(const char *path, dev_t dev, const char *dir_path,
		    struct fs_mount *out);

struct fs_facts {
	unsigned long f_type;
	const char *type_name;  /* from f_type; NULL if unknown */
	int have_mount;         /* `mount` below is filled */
	struct fs_mount mount;
	enum fs_locks locks;
	uint64_t block_size, blocks, blocks_free, files, files_free;
};

/* fsinfo_facts - fill *out for the directory open at `dirfd`, with
 * `dir_path` used to choose among bind mounts. Returns 0 or an errno
 * value of fstatfs/fstat. */
int fsinfo_facts(int dirfd, const char *dir_path, const char *mountinfo_path,
		 struct fs_facts *out);

struct fs_counts {
	size_t tables;
	size_t keys;
	uint64_t bytes;      /* sum of the sizes of the keys' files */
	size_t unreadable;   /* tables that could not be opened or listed */
	size_t other;        /* files that are not keys: the sum of by_kind */
	size_t suspect;      /* keys flockd_stat_suspect flags */
	/* files that are not keys, by the classifier's kind (a "NAME.kv"
	 * directory counts as FLOCKD_ENTRY_KEY here); plain directories and
	 * tables are not counted */
	size_t by_kind[FLOCKD_ENTRY_KIND_COUNT];
};

/* fsinfo_count - count the tables, keys and bytes of `db` (stats every key
 * file; no value is read and no lock is taken). Returns 0 or an errno
 * value of listing the tables; tables that fail are counted in
 * out->unreadable. */
int fsinfo_count(flockd_db *db, struct fs_counts *out);

/* fsinfo_kinds_text - the by_kind counts as "1 temp, 2 syncthing-conflict"
 * (kind names of the classifier), cut to fit `size` bytes. */
void fsinfo_kinds_text(const struct fs_counts *c, char *buf, size_t size);

#endif
