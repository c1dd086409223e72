/* SPDX-License-Identifier: MIT */
/*
 * rename.c - giving a value another key, keeping its file: one rename(2)
 * under the exclusive locks of both keys, so that exactly one name holds
 * the value at every moment; by copy and delete only between file systems.
 */
#include "store_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define PLACEHOLDER_NAP_NS 2000000L

/* The two ends of a rename; `src_fd` holds the source's exclusive lock. */
struct move {
	flockd_table *from, *to;
	char src[NAME_MAX + 1], dst[NAME_MAX + 1];
	int src_fd;
	struct stat src_st;
	unsigned flags;
	struct store_deadline dl;
	int moved;              /* the value has its new name */
};

static int same_dir(const flockd_table *a, const flockd_table *b)
{
	struct stat sa, sb;
	return fstat(a->dirfd, &sa) == 0 && fstat(b->dirfd, &sb) == 0 &&
	       store_same_file(&sa, &sb);
}

static int sync_both(struct move *m)
{
	int err = store_sync_dir(m->to);
	if (err == FLOCKD_OK && !same_dir(m->from, m->to))
		err = store_sync_dir(m->from);
	return err;
}

/* Between file systems: copy into a new file of `to` (mode, owner and
 * times of the source), install it, then delete the source; if that
 * fails, take the copy back out so only the source holds the value. */
static int move_by_copy(struct move *m, enum flockd_put_mode mode)
{
	struct store_temp tmp;
	int err = store_temp_open(m->to, m->dst, &tmp), changed;
	if (err == FLOCKD_OK)
		err = store_copy_fd(m->to, m->src_fd, tmp.fd,
				    (uint64_t)m->src_st.st_size);
	if (err == FLOCKD_OK)
		err = store_temp_adopt(m->to, &tmp, &m->src_st, &changed);
	const struct timespec times[2] = {m->src_st.st_atim, m->src_st.st_mtim};
	if (err == FLOCKD_OK && futimens(tmp.fd, times) != 0)
		err = store_fail(m->to, "keep times", errno);
	if (err == FLOCKD_OK)
		err = store_temp_sync(m->to, &tmp);
	if (err == FLOCKD_OK)
		err = store_install(m->to, m->dst, &tmp, mode, &m->dl,
				    STORE_INSTALL_KEEP_META |
					    STORE_INSTALL_NOSYNC);
	if (err != FLOCKD_OK && !tmp.installed) {
		store_temp_discard(m->to, &tmp);
		return err;
	}
	m->moved = 1;
	if (err == FLOCKD_OK && unlinkat(m->from->dirfd, m->src, 0) != 0) {
		err = store_fail(m->from, "remove old key", errno);
		struct stat ours;
		if (fstat(tmp.fd, &ours) == 0 &&
		    store_keyfile_is(m->to, m->dst, &ours) == 1 &&
		    unlinkat(m->to->dirfd, m->dst, 0) == 0) {
			m->moved = 0;
			store_sync_dir(m->to);
		}
	}
	store_temp_close(&tmp);
	return err;
}

/* Where RENAME_NOREPLACE is not supported: reserve the new name with a
 * locked placeholder, then rename over it. */
static int move_over_placeholder(struct move *m)
{
	int ph = openat(m->to->dirfd, m->dst,
			O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0);
	if (ph < 0)
		return errno == EEXIST ? STORE_RETRY
				       : store_fail(m->to, "create key", errno);
	struct stat st;
	int err = store_lock_wait(ph, LOCK_EX, &m->dl);
	if (err != FLOCKD_OK)
		store_fail(m->to, "lock key", err);
	else if (fstat(ph, &st) != 0)
		err = store_fail(m->to, "create key", errno);
	else if (renameat(m->from->dirfd, m->src, m->to->dirfd, m->dst) != 0)
		err = store_fail(m->from, "rename key", errno);
	else
		m->moved = 1;
	if (err != FLOCKD_OK && fstat(ph, &st) == 0 &&
	    store_keyfile_is(m->to, m->dst, &st) == 1)
		unlinkat(m->to->dirfd, m->dst, 0);
	close(ph);
	return err;
}

/* The new name is free: move in one step that fails if it is taken. */
static int move_to_free_name(struct move *m)
{
	if (renameat2(m->from->dirfd, m->src, m->to->dirfd, m->dst,
		      RENAME_NOREPLACE) == 0) {
		m->moved = 1;
		return FLOCKD_OK;
	}
	switch (errno) {
	case EEXIST:
		return STORE_RETRY; /* taken meanwhile */
	case EXDEV:
		return move_by_copy(m, FLOCKD_PUT_CREATE);
	case EINVAL:
	case ENOSYS:
	case EOPNOTSUPP:
		return move_over_placeholder(m);
	default:
		return store_fail(m->from, "rename key", errno);
	}
}

/* The new name holds a key (REPLACE) or an abandoned placeholder: lock
 * and verify it (a placeholder where it can be opened), then rename. */
static int move_over_key(struct move *m, const struct stat *dst_st,
			 enum flockd_placeholder ph)
{
	int fd = -1;
	struct stat st;
	int err;
	if (ph == FLOCKD_PLACEHOLDER_ABANDONED) {
		err = store_placeholder_claim(m->to, m->dst, dst_st, &fd);
	} else {
		err = store_keyfile_acquire(m->to, m->dst, STORE_OPEN_WRITE,
					    LOCK_EX, &m->dl, &fd, &st);
		if (err == FLOCKD_OK && store_is_placeholder(&st))
			err = STORE_RETRY; /* appeared meanwhile */
		if (err == FLOCKD_ENOTFOUND)
			err = STORE_RETRY;
	}
	if (err != FLOCKD_OK) {
		if (err == STORE_RETRY && fd >= 0)
			close(fd);
		return err;
	}
	if (renameat(m->from->dirfd, m->src, m->to->dirfd, m->dst) == 0)
		m->moved = 1;
	else
		err = errno == EXDEV ? move_by_copy(m, FLOCKD_PUT_SET)
				     : store_fail(m->from, "rename key", errno);
	if (fd >= 0)
		close(fd);
	return err;
}

static int move_once(struct move *m)
{
	struct stat st;
	if (fstatat(m->to->dirfd, m->dst, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? move_to_free_name(m)
				       : store_fail(m->to, "stat key", errno);
	if (!S_ISREG(st.st_mode))
		return store_fail(m->to, "open key", S_ISDIR(st.st_mode)
						    ? FLOCKD_EINVALID
						    : FLOCKD_ENOTREG);
	if (store_same_file(&st, &m->src_st)) {
		/* two names of one file already: drop the old name */
		if (unlinkat(m->from->dirfd, m->src, 0) != 0)
			return store_fail(m->from, "remove old key", errno);
		m->moved = 1;
		return FLOCKD_OK;
	}
	enum flockd_placeholder ph = FLOCKD_PLACEHOLDER_NONE;
	int err = store_placeholder_state(m->to, m->dst, &st, 0, &ph);
	if (err != FLOCKD_OK)
		return store_fail(m->to, "stat key", err);
	if (ph == FLOCKD_PLACEHOLDER_LIVE) {
		err = store_nap(&m->dl, PLACEHOLDER_NAP_NS);
		return err == FLOCKD_OK
			       ? STORE_RETRY
			       : store_fail(m->to, "wait for a create in "
						   "progress", err);
	}
	if (ph == FLOCKD_PLACEHOLDER_NONE && !(m->flags & FLOCKD_RENAME_REPLACE))
		return store_fail(m->to, "rename key", FLOCKD_EEXIST);
	return move_over_key(m, &st, ph);
}

/* With the source locked and verified: move it, then fsync. */
static int move_locked(struct move *m)
{
	int err;
	do {
		if (store_cancelled(m->from))
			return store_fail(m->from, "rename key", ECANCELED);
		err = move_once(m);
	} while (err == STORE_RETRY);
	return err == FLOCKD_OK ? sync_both(m) : err;
}

static int move_prepare(struct move *m, const char *key, const char *to_key)
{
	if (m->from->readonly || m->to->readonly)
		return store_fail(m->from, "rename", FLOCKD_EREADONLY);
	if (m->flags & ~(unsigned)FLOCKD_RENAME_REPLACE)
		return store_fail(m->from, "rename", EINVAL);
	int err = store_key_filename(key, m->src);
	if (err == FLOCKD_OK)
		err = store_key_filename(to_key, m->dst);
	if (err != FLOCKD_OK)
		return store_fail(m->from, "check name", err);
	err = store_table_ready(m->from, 0);
	if (err == FLOCKD_OK)
		err = store_table_ready(m->to, 1);
	if (err != FLOCKD_OK)
		return err;
	store_deadline_start(&m->dl, m->from);
	err = store_keyfile_acquire(m->from, m->src, STORE_OPEN_WRITE, LOCK_EX,
				    &m->dl, &m->src_fd, &m->src_st);
	if (err == FLOCKD_OK && store_is_placeholder(&m->src_st)) {
		close(m->src_fd);
		m->src_fd = -1;
		err = store_fail(m->from, "open key", FLOCKD_ENOTFOUND);
	}
	return err;
}

int flockd_rename(flockd_table *table, const char *key,
		  flockd_table *to_table, const char *to_key, unsigned flags)
{
	struct move m = {.from = table, .to = to_table, .flags = flags,
			 .src_fd = -1};
	store_begin_write(table);
	store_begin_write(to_table);
	unsigned to_failures = to_table->report->failures;
	int err = move_prepare(&m, key, to_key);
	if (err == FLOCKD_OK && !(same_dir(table, to_table) &&
				  !strcmp(m.src, m.dst)))
		err = move_locked(&m);
	if (m.src_fd >= 0)
		close(m.src_fd);
	if (to_table->dirfd >= 0)
		store_table_write_done(to_table, m.moved);
	/* Both tables tell the same story. */
	if (table->report != to_table->report) {
		unsigned w = table->report->warnings | to_table->report->warnings;
		table->report->warnings = to_table->report->warnings = w;
		if (to_table->report->failures != to_failures) {
			table->report->step = to_table->report->step;
			table->report->installed = to_table->report->installed;
		}
	}
	return err;
}
