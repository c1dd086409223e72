/* SPDX-License-Identifier: MIT */
/*
 * install.c - the one way a finished temp file becomes a key's value: over
 * an existing key by rename(2) under the key's verified exclusive lock,
 * with the key's mode and owner; as a new key by link(2), which fails
 * atomically if the key appeared; where hard links are missing, by
 * renaming over a locked placeholder. A placeholder in the way is waited
 * for while its create is alive and replaced once abandoned.
 */
#include "store_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

/* How long to wait between looks at a create in progress. */
#define PLACEHOLDER_NAP_NS 2000000L

/* Rename the temp over `name`, after giving it `key`'s mode and owner
 * (key: the file replaced; NULL for a placeholder). */
static int rename_into_place(flockd_table *t, const char *name,
			     struct store_temp *tmp, const struct stat *key)
{
	int changed = 0;
	int err = key != NULL ? store_temp_adopt(t, tmp, key, &changed)
			      : FLOCKD_OK;
	if (err == FLOCKD_OK && changed)
		err = store_temp_sync(t, tmp);
	if (err == FLOCKD_OK)
		err = store_temp_replace(t, tmp, name);
	return err;
}

int store_install_locked(flockd_table *t, const char *name,
			 struct store_temp *tmp, const struct stat *key,
			 unsigned flags)
{
	int err = rename_into_place(t, name, tmp, key);
	if (err == FLOCKD_OK && !(flags & STORE_INSTALL_NOSYNC))
		err = store_sync_dir(t);
	return err;
}

/* Replace the existing key file: lock it exclusively, verify, rename. */
static int replace_existing(flockd_table *t, const char *name,
			    struct store_temp *tmp,
			    const struct store_deadline *dl, unsigned flags)
{
	int fd;
	struct stat st;
	int err = store_keyfile_acquire(t, name, STORE_OPEN_WRITE, LOCK_EX, dl,
					&fd, &st);
	if (err != FLOCKD_OK)
		return err;
	if (store_is_placeholder(&st))
		err = STORE_RETRY; /* appeared meanwhile: look again */
	else
		err = rename_into_place(t, name, tmp,
					(flags & STORE_INSTALL_KEEP_META) ? NULL
									  : &st);
	/* Closing releases our lock on the old file; readers waiting on it
	 * verify, see the new file and read that. */
	close(fd);
	return err;
}

/* No hard links: create a placeholder (empty, mode 0000, so readers know
 * it for what it is), lock it exclusively and rename the temp over it;
 * readers that wait on its lock then fail verification and read the new
 * file. The temp is named by now (store_temp_link_as saw to that). */
static int create_by_placeholder(flockd_table *t, const char *name,
				 struct store_temp *tmp,
				 const struct store_deadline *dl)
{
	int ph = openat(t->dirfd, name,
			O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0);
	if (ph < 0)
		return errno == EEXIST ? FLOCKD_EEXIST
				       : store_fail(t, "create key", errno);
	struct stat st;
	/* A reader may have opened the placeholder and locked it before us;
	 * it sees mode 0000, lets go, and we get the lock. */
	int err = store_lock_wait(ph, LOCK_EX, dl);
	if (err != FLOCKD_OK)
		store_fail(t, "lock key", err);
	else if (fstat(ph, &st) != 0)
		err = store_fail(t, "create key", errno);
	else if (store_keyfile_is(t, name, &st) != 1)
		err = FLOCKD_EEXIST; /* replaced under us: the key exists */
	else
		err = rename_into_place(t, name, tmp, NULL);
	if (err != FLOCKD_OK && err != FLOCKD_EEXIST &&
	    fstat(ph, &st) == 0 && store_keyfile_is(t, name, &st) == 1)
		unlinkat(t->dirfd, name, 0);
	close(ph);
	return err;
}

/* The key is missing: make it appear whole. link(2) fails atomically if
 * another writer created the key meanwhile. */
static int create_new(flockd_table *t, const char *name,
		      struct store_temp *tmp, const struct store_deadline *dl)
{
	int err = store_temp_link_as(t, tmp, name);
	if (err == FLOCKD_OK)
		return FLOCKD_OK;
	if (err == EEXIST)
		return FLOCKD_EEXIST;
	if (!store_no_hard_links(err) || !tmp->named)
		return store_fail(t, "link key", err);
	return create_by_placeholder(t, name, tmp, dl);
}

/* An abandoned placeholder is in the way: replace it, under its lock
 * where it can be opened. */
static int replace_placeholder(flockd_table *t, const char *name,
			       struct store_temp *tmp, const struct stat *st)
{
	int fd;
	int err = store_placeholder_claim(t, name, st, &fd);
	if (err == FLOCKD_OK)
		err = rename_into_place(t, name, tmp, NULL);
	if (fd >= 0)
		close(fd);
	return err;
}

/* The key's name holds a placeholder: for readers the key does not exist
 * yet. Update says so; set and create wait for a live create and replace
 * an abandoned one. */
static int over_placeholder(flockd_table *t, const char *name,
			    struct store_temp *tmp, const struct stat *st,
			    enum flockd_put_mode mode,
			    const struct store_deadline *dl)
{
	if (mode == FLOCKD_PUT_UPDATE)
		return store_fail(t, "open key", FLOCKD_ENOTFOUND);
	enum flockd_placeholder state;
	int err = store_placeholder_state(t, name, st, 0, &state);
	if (err != FLOCKD_OK)
		return store_fail(t, "stat key", err);
	if (state == FLOCKD_PLACEHOLDER_ABANDONED)
		return replace_placeholder(t, name, tmp, st);
	err = store_nap(dl, PLACEHOLDER_NAP_NS);
	if (err != FLOCKD_OK)
		return store_fail(t, "wait for a create in progress", err);
	return STORE_RETRY;
}

static int install_once(flockd_table *t, const char *name,
			struct store_temp *tmp, enum flockd_put_mode mode,
			const struct store_deadline *dl, unsigned flags)
{
	struct stat st;
	if (fstatat(t->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno != ENOENT)
			return store_fail(t, "stat key", errno);
		if (mode == FLOCKD_PUT_UPDATE)
			return store_fail(t, "open key", FLOCKD_ENOTFOUND);
		int err = create_new(t, name, tmp, dl);
		if (err == FLOCKD_EEXIST && mode == FLOCKD_PUT_SET)
			return STORE_RETRY; /* created meanwhile: replace it */
		if (err == FLOCKD_EEXIST)
			return store_fail(t, "create key", err);
		return err;
	}
	if (store_is_placeholder(&st))
		return over_placeholder(t, name, tmp, &st, mode, dl);
	if (mode == FLOCKD_PUT_CREATE)
		return store_fail(t, "create key", FLOCKD_EEXIST);
	int err = replace_existing(t, name, tmp, dl, flags);
	if (err == FLOCKD_ENOTFOUND && mode == FLOCKD_PUT_SET)
		return STORE_RETRY; /* deleted while we waited */
	return err;
}

int store_install(flockd_table *t, const char *name, struct store_temp *tmp,
		  enum flockd_put_mode mode, const struct store_deadline *dl,
		  unsigned flags)
{
	int err;
	do {
		if (store_cancelled(t))
			return store_fail(t, "write", ECANCELED);
		err = install_once(t, name, tmp, mode, dl, flags);
	} while (err == STORE_RETRY);
	if (err != FLOCKD_OK)
		return err;
	if (!(flags & STORE_INSTALL_NOSYNC))
		err = store_sync_dir(t);
	if (err == FLOCKD_OK && tmp->late_err != 0)
		err = store_fail_installed(t, "remove temp file", tmp->late_err);
	return err;
}

/* The cheap early answer of create/update: does the key exist (a
 * placeholder does not)? */
static int precheck(flockd_table *t, const char *name,
		    enum flockd_put_mode mode)
{
	if (mode == FLOCKD_PUT_SET)
		return FLOCKD_OK;
	struct stat st;
	int exists = fstatat(t->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (!exists && errno != ENOENT)
		return store_fail(t, "stat key", errno);
	if (exists && !S_ISREG(st.st_mode))
		return store_fail(t, "open key", S_ISDIR(st.st_mode)
						  ? FLOCKD_EINVALID
						  : FLOCKD_ENOTREG);
	if (exists && store_is_placeholder(&st))
		exists = 0; /* a create in progress: not there yet */
	if (mode == FLOCKD_PUT_CREATE && exists)
		return store_fail(t, "create key", FLOCKD_EEXIST);
	if (mode == FLOCKD_PUT_UPDATE && !exists)
		return store_fail(t, "open key", FLOCKD_ENOTFOUND);
	return FLOCKD_OK;
}

int store_put_prepare(flockd_table *t, const char *key,
		      enum flockd_put_mode mode, char *name)
{
	store_begin_write(t);
	if (t->readonly)
		return store_fail(t, "write", FLOCKD_EREADONLY);
	int err = store_key_filename(key, name);
	if (err != FLOCKD_OK)
		return store_fail(t, "check name", err);
	/* update needs the key, so it does not create a missing table */
	err = store_table_ready(t, mode != FLOCKD_PUT_UPDATE);
	if (err != FLOCKD_OK)
		return err;
	/* so that a doomed create/update does not write a large temp file
	 * first; store_install decides for real (and is all a set needs:
	 * no extra stat on its path) */
	return precheck(t, name, mode);
}
