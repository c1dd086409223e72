/* SPDX-License-Identifier: MIT */
/* fsinfo.c - file system type, lock semantics and database counts. */
#include "inspect/fsinfo.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

struct fs_magic {
	unsigned long magic;
	const char *name;
	enum fs_locks locks;
};

/* Magic numbers from linux/magic.h and the file systems' sources. */
static const struct fs_magic magics[] = {
	{0xef53UL, "ext4", FS_LOCKS_LOCAL}, /* ext2/3/4 share it */
	{0x58465342UL, "xfs", FS_LOCKS_LOCAL},
	{FSINFO_BTRFS_MAGIC, "btrfs", FS_LOCKS_LOCAL},
	{0x01021994UL, "tmpfs", FS_LOCKS_LOCAL},
	{0x858458f6UL, "ramfs", FS_LOCKS_LOCAL},
	{0xf2f52010UL, "f2fs", FS_LOCKS_LOCAL},
	{0x2fc12fc1UL, "zfs", FS_LOCKS_LOCAL},
	{0xca451a4eUL, "bcachefs", FS_LOCKS_LOCAL},
	{0x52654973UL, "reiserfs", FS_LOCKS_LOCAL},
	{0x3153464aUL, "jfs", FS_LOCKS_LOCAL},
	{0x3434UL, "nilfs2", FS_LOCKS_LOCAL},
	{0x794c7630UL, "overlay", FS_LOCKS_LOCAL},
	{0x4d44UL, "vfat", FS_LOCKS_LOCAL},
	{0x2011bab0UL, "exfat", FS_LOCKS_LOCAL},
	{0x5346544eUL, "ntfs", FS_LOCKS_LOCAL},
	{0xf15fUL, "ecryptfs", FS_LOCKS_LOCAL},
	{0x73717368UL, "squashfs", FS_LOCKS_LOCAL},
	{0x6969UL, "nfs", FS_LOCKS_NFS},
	{0x65735546UL, "fuse", FS_LOCKS_FUSE},
	{0xff534d42UL, "cifs", FS_LOCKS_MANDATORY},
	{0xfe534d42UL, "smb2", FS_LOCKS_MANDATORY},
	{0x517bUL, "smb", FS_LOCKS_MANDATORY},
	{0x00c36400UL, "ceph", FS_LOCKS_NETWORK},
	{0x01021997UL, "9p", FS_LOCKS_NETWORK},
	{0x01161970UL, "gfs2", FS_LOCKS_NETWORK},
	{0x7461636fUL, "ocfs2", FS_LOCKS_NETWORK},
	{0x0bd00bd0UL, "lustre", FS_LOCKS_NETWORK},
	{0x6b414653UL, "afs", FS_LOCKS_NETWORK},
};

static const struct fs_magic *find_magic(unsigned long f_type)
{
	for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
		if (magics[i].magic == (f_type & 0xffffffffUL))
			return &magics[i];
	return NULL;
}

const char *fsinfo_type_name(unsigned long f_type)
{
	const struct fs_magic *m = find_magic(f_type);
	return m ? m->name : NULL;
}

enum fs_locks fsinfo_locks_of(unsigned long f_type)
{
	const struct fs_magic *m = find_magic(f_type);
	return m ? m->locks : FS_LOCKS_UNKNOWN;
}

const char *fsinfo_locks_label(enum fs_locks locks)
{
	switch (locks) {
	case FS_LOCKS_LOCAL:
		return "local";
	case FS_LOCKS_NFS:
		return "nfs";
	case FS_LOCKS_FUSE:
		return "fuse";
	case FS_LOCKS_MANDATORY:
		return "mandatory";
	case FS_LOCKS_NETWORK:
		return "network";
	default:
		return "unknown";
	}
}

const char *fsinfo_locks_meaning(enum fs_locks locks)
{
	switch (locks) {
	case FS_LOCKS_LOCAL:
		return "full local semantics: flock locks work between all "
		       "processes of this machine";
	case FS_LOCKS_NFS:
		return "across NFS clients: Linux emulates flock with "
		       "whole-file byte-range locks, which also conflict with "
		       "fcntl locks on the same file";
	case FS_LOCKS_FUSE:
		return "depends on the FUSE server: one that does not forward "
		       "locks applies them on this machine only, so other "
		       "machines writing the same files are not held off";
	case FS_LOCKS_MANDATORY:
		return "mandatory: CIFS (Linux 5.5+) turns flock into mandatory "
		       "byte-range locks; I/O through another descriptor "
		       "fails with EACCES while one is held";
	case FS_LOCKS_NETWORK:
		return "network or cluster file system: whether locks reach "
		       "other machines depends on its lock support";
	default:
		return "unknown file system: lock semantics unknown";
	}
}

/* Decode mountinfo's octal escapes ("\040" for a space) in place. */
static void unescape_octal(char *s)
{
	char *o = s;
	for (char *p = s; *p;) {
		if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' &&
		    p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7') {
			*o++ = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 +
				      (p[3] - '0'));
			p += 4;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
}

/* Split `line` at spaces into at most `max` fields (in place). */
static size_t split_fields(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *save = NULL;
	for (char *t = strtok_r(line, " \n", &save); t && n < max;
	     t = strtok_r(NULL, " \n", &save))
		f[n++] = t;
	return n;
}

static size_t prefix_len(const char *mnt, const char *path)
{
	size_t n = strlen(mnt);
	if (strcmp(mnt, "/") == 0)
		return 1;
	if (strncmp(mnt, path, n) == 0 && (path[n] == '/' || path[n] == '\0'))
		return n + 1;
	return 0;
}

int fsinfo_mount_of(const char *path, dev_t dev, const char *dir_path,
		    struct fs_mount *out)
{
	FILE *f = fopen(path, "re");
	if (f == NULL)
		return errno;
	char *line = NULL;
	size_t cap = 0;
	int found = 0;
	size_t best = 0;
	while (getline(&line, &cap, f) >= 0) {
		char *fld[64];
		size_t n = split_fields(line, fld, 64);
		unsigned maj, min;
		if (n < 7 || sscanf(fld[2], "%u:%u", &maj, &min) != 2 ||
		    maj != major(dev) || min != minor(dev))
			continue;
		size_t sep = 6;
		while (sep < n && strcmp(fld[sep], "-") != 0)
			sep++;
		if (sep + 2 >= n)
			continue;
		unescape_octal(fld[4]);
		size_t score = dir_path ? prefix_len(fld[4], dir_path) : 1;
		if (found && score < best)
			continue;
		best = score;
		found = 1;
		unescape_octal(fld[sep + 2]);
		snprintf(out->fstype, sizeof out->fstype, "%s", fld[sep + 1]);
		snprintf(out->mount_point, sizeof out->mount_point, "%s",
			 fld[4]);
		snprintf(out->source, sizeof out->source, "%s", fld[sep + 2]);
	}
	int err = ferror(f) ? EIO : 0;
	free(line);
	fclose(f);
	if (err)
		return err;
	return found ? 0 : ENOENT;
}

int fsinfo_facts(int dirfd, const char *dir_path, const char *mountinfo_path,
		 struct fs_facts *out)
{
	memset(out, 0, sizeof *out);
	struct statfs sfs;
	struct stat st;
	if (fstatfs(dirfd, &sfs) != 0 || fstat(dirfd, &st) != 0)
		return errno;
	out->f_type = (unsigned long)sfs.f_type;
	out->type_name = fsinfo_type_name(out->f_type);
	out->locks = fsinfo_locks_of(out->f_type);
	out->block_size = (uint64_t)sfs.f_bsize;
	out->blocks = sfs.f_blocks;
	out->blocks_free = sfs.f_bavail;
	out->files = sfs.f_files;
	out->files_free = sfs.f_ffree;
	char *abs = dir_path ? realpath(dir_path, NULL) : NULL;
	out->have_mount = mountinfo_path != NULL &&
			  fsinfo_mount_of(mountinfo_path, st.st_dev,
					  abs ? abs : dir_path,
					  &out->mount) == 0;
	free(abs);
	return 0;
}

static void count_file(enum flockd_entry_kind kind, struct fs_counts *out)
{
	out->other++;
	out->by_kind[kind]++;
}

/* One entry: a key (stat'ed for its size), a file of another kind, or a
 * directory that is not counted (tables, where nested tables live). */
static void count_entry(flockd_table *t, const struct flockd_scan_entry *e,
			struct fs_counts *out)
{
	if (e->kind == FLOCKD_ENTRY_TABLE)
		return;
	if (e->kind != FLOCKD_ENTRY_KEY) {
		if (e->d_type != DT_DIR || e->kind != FLOCKD_ENTRY_OTHER)
			count_file(e->kind, out);
		return;
	}
	if (e->d_type == DT_DIR) {
		count_file(e->kind, out);
		return;
	}
	struct flockd_stat st;
	if (flockd_entry_stat(t, e->name, &st) != 0)
		return; /* gone meanwhile */
	if (S_ISDIR(st.mode)) {
		count_file(e->kind, out);
		return;
	}
	out->keys++;
	if (S_ISREG(st.mode))
		out->bytes += st.size;
	if (flockd_stat_suspect(&st))
		out->suspect++;
}

static void count_table(flockd_table *t, struct fs_counts *out)
{
	flockd_scan *scan;
	if (flockd_scan_open(t, &scan) != 0) {
		out->unreadable++;
		return;
	}
	struct flockd_scan_entry batch[256];
	size_t n;
	int err;
	while ((err = flockd_scan_next(scan, batch, 256, &n)) == 0 && n > 0) {
		for (size_t i = 0; i < n; i++)
			count_entry(t, &batch[i], out);
	}
	if (err != 0)
		out->unreadable++;
	flockd_scan_close(scan);
}

int fsinfo_count(flockd_db *db, struct fs_counts *out)
{
	memset(out, 0, sizeof *out);
	char **names;
	size_t count;
	int err = flockd_tables(db, &names, &count);
	if (err != 0)
		return err;
	for (size_t i = 0; i < count; i++) {
		flockd_table *t;
		if (flockd_table_open(db, names[i], 0, &t) != 0) {
			out->unreadable++;
			continue;
		}
		out->tables++;
		count_table(t, out);
		flockd_table_close(t);
	}
	flockd_names_free(names, count);
	return 0;
}

void fsinfo_kinds_text(const struct fs_counts *c, char *buf, size_t size)
{
	size_t n = 0;
	if (size == 0)
		return;
	buf[0] = '\0';
	for (int k = 0; k < FLOCKD_ENTRY_KIND_COUNT; k++) {
		if (c->by_kind[k] == 0 || n >= size)
			continue;
		int w = snprintf(buf + n, size - n, "%s%zu %s", n ? ", " : "",
				 c->by_kind[k],
				 flockd_entry_kind_name((enum flockd_entry_kind)k));
		n += w > 0 ? (size_t)w : 0;
	}
}
