/* SPDX-License-Identifier: MIT */
/*
 * leftover_fix.c - removing what the cleaning rule allows, deciding again
 * from fresh facts under the file's own exclusive lock, and probing locks
 * without disturbing their holders.
 */
#include "inspect/leftovers.h"

#include "inspect/fsinfo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <unistd.h>

enum clean_lock leftover_probe_lock(int dirfd, const char *name,
				    const struct proc_locks *locks)
{
	struct stat st;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? CLEAN_LOCK_NONE : CLEAN_LOCK_UNKNOWN;
	/* /proc/locks first: it sees shared holders a shared probe cannot */
	struct statfs sfs;
	int have_sfs = fstatfs(dirfd, &sfs) == 0;
	if (locks != NULL) {
		int any_anon = major(st.st_dev) == 0 && have_sfs &&
			       (unsigned long)sfs.f_type == FSINFO_BTRFS_MAGIC;
		for (size_t i = 0; i < locks->n; i++) {
			const struct proc_lock *l = &locks->v[i];
			if (l->ino == (uint64_t)st.st_ino &&
			    proc_lock_on_dev(l, st.st_dev, any_anon))
				return CLEAN_LOCK_HELD;
		}
	}
	/* CIFS makes every flock a mandatory lock: even a brief shared
	 * probe could fail a writer's I/O, so there /proc/locks must do */
	if (have_sfs && fsinfo_locks_of((unsigned long)sfs.f_type) ==
				FS_LOCKS_MANDATORY)
		return locks != NULL ? CLEAN_LOCK_NONE : CLEAN_LOCK_UNKNOWN;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
					     O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return locks != NULL ? CLEAN_LOCK_NONE : CLEAN_LOCK_UNKNOWN;
	enum clean_lock res = CLEAN_LOCK_NONE;
	if (flock(fd, LOCK_SH | LOCK_NB) != 0)
		res = errno == EWOULDBLOCK ? CLEAN_LOCK_HELD
					   : CLEAN_LOCK_UNKNOWN;
	close(fd); /* releases our probe lock */
	return res;
}

/* An open of a file we found, never following a symlink, never blocking
 * on a FIFO; -1 with errno. */
static int open_found(int dirfd, const char *name, int acc)
{
	return openat(dirfd, name,
		      acc | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
}

/* A placeholder is mode 0000: nobody but root may open it. Its owner may
 * make it writable for itself for the moment (0200: still no reader can
 * open it and take it for an empty value). The mode is changed through
 * an O_PATH descriptor of the very file that was checked, so a symlink
 * swapped in meanwhile is never followed. Returns a write descriptor or
 * -1 with errno (EACCES when this is not possible). */
static int open_placeholder(int dirfd, const char *name, int *chmodded)
{
	int p = openat(dirfd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (p < 0)
		return -1;
	struct stat st;
	char proc[64];
	int fd = -1, saved = EACCES;
	if (fstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
	    (st.st_mode & 07777) == 0 && st.st_size == 0 &&
	    st.st_uid == geteuid()) {
		snprintf(proc, sizeof proc, "/proc/self/fd/%d", p);
		if (chmod(proc, 0200) == 0) {
			*chmodded = 1;
			fd = open(proc, O_WRONLY | O_NONBLOCK | O_NOCTTY |
						O_CLOEXEC);
			saved = errno;
			if (fd < 0 && chmod(proc, 0) == 0)
				*chmodded = 0;
		} else {
			saved = errno;
		}
	}
	close(p);
	errno = saved;
	return fd;
}

/* The file's facts now, under our exclusive lock: nobody else holds one. */
static enum clean_verdict decide_now(const struct leftover *f, int dirfd,
				     const struct stat *st,
				     const struct leftover_opts *o)
{
	struct clean_facts facts = f->facts;
	facts.mtime = st->st_mtim;
	facts.lock = CLEAN_LOCK_NONE;
	if (facts.newest && f->key != NULL && f->key_exists &&
	    f->kind == LEFTOVER_FILE) {
		size_t kl = strlen(f->key);
		char *file = malloc(kl + 4);
		if (file == NULL)
			facts.key_lock = CLEAN_LOCK_UNKNOWN;
		else {
			memcpy(file, f->key, kl);
			memcpy(file + kl, ".kv", 4);
			facts.key_lock = leftover_probe_lock(dirfd, file,
							     o->locks);
			free(file);
		}
	}
	return clean_rule_decide(&facts, o->now, o->stale_ms);
}

/* Still what was found? A temp is a regular file; a placeholder still
 * empty and ours (mode 0000, or the 0200 we gave it). */
static int still_found(const struct leftover *f, const struct stat *st,
		       int chmodded)
{
	if (!S_ISREG(st->st_mode))
		return 0;
	if (f->kind != LEFTOVER_PLACEHOLDER)
		return 1;
	mode_t want = chmodded ? 0200 : 0;
	return st->st_size == 0 && (st->st_mode & 07777) == want;
}

/* Unlink `name` if it still names the file `st` describes (the caller
 * holds that file's exclusive lock), then fsync the directory. */
static int unlink_verified(int dirfd, const char *name, const struct stat *st)
{
	struct stat now_st;
	if (fstatat(dirfd, name, &now_st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? LEFTOVER_KEPT_GONE : errno;
	if (now_st.st_dev != st->st_dev || now_st.st_ino != st->st_ino)
		return LEFTOVER_KEPT_CHANGED;
	if (unlinkat(dirfd, name, 0) != 0)
		return errno == ENOENT ? LEFTOVER_KEPT_GONE : errno;
	fsync(dirfd); /* durability only; the removal is done */
	return 0;
}

/* Remove the locked file `fd` named `name` if the rule allows it now. */
static int remove_locked(const struct leftover *f, int dirfd, int fd,
			 const struct leftover_opts *o, int chmodded,
			 enum clean_verdict *verdict)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return errno;
	if (!still_found(f, &st, chmodded))
		return LEFTOVER_KEPT_CHANGED;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK)
			return errno;
		*verdict = CLEAN_KEEP_LOCKED;
		return LEFTOVER_KEPT;
	}
	*verdict = decide_now(f, dirfd, &st, o);
	if (*verdict != CLEAN_REMOVABLE)
		return LEFTOVER_KEPT;
	return unlink_verified(dirfd, f->name, &st);
}

int leftover_remove(flockd_db *db, const struct leftover *f,
		    const struct leftover_opts *o, enum clean_verdict *verdict)
{
	enum clean_verdict scratch = CLEAN_REMOVABLE;
	if (verdict == NULL)
		verdict = &scratch;
	if (!f->cleanable)
		return LEFTOVER_NOT_CLEANABLE;
	flockd_table *t;
	int err = flockd_table_open(db, f->table, 0, &t);
	if (err != 0)
		return err;
	int dirfd = flockd_table_dirfd(t), chmodded = 0;
	/* read-write where allowed: NFS refuses an exclusive flock on a
	 * read-only descriptor */
	int fd = open_found(dirfd, f->name, O_RDWR);
	if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
		fd = open_found(dirfd, f->name, O_RDONLY);
	if (fd < 0 && errno == EACCES && f->kind == LEFTOVER_PLACEHOLDER)
		fd = open_placeholder(dirfd, f->name, &chmodded);
	if (fd < 0) {
		err = errno;
		flockd_table_close(t);
		if (err == ENOENT)
			return LEFTOVER_KEPT_GONE;
		/* a symlink (O_NOFOLLOW), a directory or FIFO: not ours */
		if (err == ELOOP || err == EISDIR || err == ENXIO)
			return LEFTOVER_KEPT_CHANGED;
		return err;
	}
	err = remove_locked(f, dirfd, fd, o, chmodded, verdict);
	if (err != 0 && chmodded)
		fchmod(fd, 0); /* kept: a placeholder again */
	close(fd);
	flockd_table_close(t);
	return err;
}

/* Still the file that was looked at? */
static int same_facts(const struct stat *st, const struct flockd_stat *seen)
{
	return S_ISREG(st->st_mode) && st->st_dev == seen->dev &&
	       st->st_ino == seen->ino && (uint64_t)st->st_size == seen->size &&
	       st->st_mtim.tv_sec == seen->mtime.tv_sec &&
	       st->st_mtim.tv_nsec == seen->mtime.tv_nsec;
}

/* Are the bytes of `fd` those of `key_fd`? 1, 0, or -errno. */
static int same_bytes(int fd, const struct stat *st, int key_fd,
		      uint64_t key_size)
{
	if ((uint64_t)st->st_size != key_size)
		return 0;
	char a[16384], b[sizeof a];
	for (uint64_t off = 0; off < key_size;) {
		size_t want = key_size - off < sizeof a ? (size_t)(key_size - off)
							: sizeof a;
		ssize_t na = pread(fd, a, want, (off_t)off);
		ssize_t nb = pread(key_fd, b, want, (off_t)off);
		if (na < 0 || nb < 0)
			return -(errno ? errno : EIO);
		if (na != nb || memcmp(a, b, (size_t)na) != 0)
			return 0;
		if (na == 0)
			break;
		off += (uint64_t)na;
	}
	return 1;
}

int leftover_remove_settled(flockd_table *t, const char *name,
			    const struct flockd_stat *seen, int key_fd,
			    uint64_t key_size)
{
	int dirfd = flockd_table_dirfd(t);
	int fd = open_found(dirfd, name, O_RDWR);
	if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
		fd = open_found(dirfd, name, O_RDONLY);
	if (fd < 0) {
		int err = errno;
		if (err == ENOENT)
			return LEFTOVER_KEPT_GONE;
		if (err == ELOOP || err == EISDIR || err == ENXIO)
			return LEFTOVER_KEPT_CHANGED;
		return err;
	}
	struct stat st;
	int res;
	if (fstat(fd, &st) != 0)
		res = errno;
	else if (!same_facts(&st, seen))
		res = LEFTOVER_KEPT_CHANGED;
	else if (flock(fd, LOCK_EX | LOCK_NB) != 0)
		res = errno == EWOULDBLOCK ? LEFTOVER_KEPT : errno;
	else if (key_fd >= 0 &&
		 (res = same_bytes(fd, &st, key_fd, key_size)) != 1)
		res = res == 0 ? LEFTOVER_KEPT_DIFFERENT : -res;
	else
		res = unlink_verified(dirfd, name, &st);
	close(fd);
	return res;
}
