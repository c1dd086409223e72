/* SPDX-License-Identifier: MIT */
/*
 * placeholder.c - telling a create in progress from a crashed one. On file
 * systems without hard links a create makes the key as an empty file of
 * mode 0000, locks it and renames the finished value over it. A live
 * creator holds that lock (or is a few system calls away from taking it);
 * a placeholder nobody locks that is older than the stale age was left by
 * a create that died, and may be replaced or removed.
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* Does /proc/locks list a flock(2) lock (held or awaited) on this inode?
 * 1 yes, 0 no, -1 when /proc/locks cannot be read. Its lines read
 * "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF" (major:minor in hex);
 * "->" marks a waiter. */
static int proc_locks_lists(dev_t dev, ino_t ino)
{
	FILE *f = fopen("/proc/locks", "re");
	if (f == NULL)
		return -1;
	char line[256];
	int found = 0;
	while (!found && fgets(line, sizeof line, f) != NULL) {
		char *p = strstr(line, "FLOCK");
		if (p == NULL)
			continue;
		unsigned maj, min;
		unsigned long long inode;
		/* after the type: ADVISORY, READ/WRITE, pid, then the id */
		char kind[16], access[16];
		long pid;
		if (sscanf(p, "FLOCK %15s %15s %ld %x:%x:%llu", kind, access,
			   &pid, &maj, &min, &inode) == 6 &&
		    maj == major(dev) && min == minor(dev) &&
		    inode == (unsigned long long)ino)
			found = 1;
	}
	fclose(f);
	return found;
}

/* Is the placeholder `st` (named `name`) locked by anybody? Asked by
 * taking a lock without waiting where it can be opened, else /proc/locks.
 * 1 yes, 0 no, -1 cannot tell. */
static int placeholder_locked(flockd_table *t, const char *name,
			      const struct stat *st)
{
	int fd = openat(t->dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
						O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return proc_locks_lists(st->st_dev, st->st_ino);
	struct stat now;
	int locked;
	if (fstat(fd, &now) != 0 || !store_same_file(&now, st))
		locked = 1; /* replaced meanwhile: not abandoned */
	else
		locked = flock(fd, LOCK_EX | LOCK_NB) != 0;
	close(fd); /* lets go of the test lock at once */
	return locked;
}

int store_placeholder_state(flockd_table *t, const char *name,
			    const struct stat *st, long stale_age_s,
			    enum flockd_placeholder *state)
{
	*state = FLOCKD_PLACEHOLDER_NONE;
	if (!store_is_placeholder(st))
		return FLOCKD_OK;
	*state = FLOCKD_PLACEHOLDER_LIVE;
	if (stale_age_s <= 0)
		stale_age_s = t->stale_age_s;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	if (now.tv_sec - st->st_mtim.tv_sec < stale_age_s)
		return FLOCKD_OK;
	if (placeholder_locked(t, name, st) != 1)
		*state = FLOCKD_PLACEHOLDER_ABANDONED;
	return FLOCKD_OK;
}

int store_placeholder_claim(flockd_table *t, const char *name,
			    const struct stat *st, int *fd)
{
	*fd = -1;
	int f = openat(t->dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
					       O_CLOEXEC | O_NOCTTY);
	if (f < 0 && errno == EACCES)
		return FLOCKD_OK; /* only root can lock it: go on without */
	if (f < 0)
		return errno == ENOENT ? STORE_RETRY
				       : store_fail(t, "open key", errno);
	struct stat now;
	if (flock(f, LOCK_EX | LOCK_NB) == 0 && fstat(f, &now) == 0 &&
	    store_same_file(&now, st) && store_keyfile_is(t, name, st) == 1) {
		*fd = f;
		return FLOCKD_OK;
	}
	close(f);
	return STORE_RETRY; /* someone else is at it, or it changed */
}

int flockd_entry_placeholder(flockd_table *table, const char *name,
			     long stale_age_s, enum flockd_placeholder *state)
{
	*state = FLOCKD_PLACEHOLDER_NONE;
	if (name == NULL || *name == '\0' || strchr(name, '/') != NULL)
		return FLOCKD_EINVALID;
	int err = store_table_ready(table, 0);
	if (err != FLOCKD_OK)
		return err;
	struct stat st;
	if (fstatat(table->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? FLOCKD_ENOTFOUND : errno;
	return store_placeholder_state(table, name, &st, stale_age_s, state);
}
