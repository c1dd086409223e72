/* SPDX-License-Identifier: MIT */
/*
 * temp.c - the temporary files new values are written to. Unnamed
 * (O_TMPFILE) where the file system and /proc allow: such a file has no
 * name until it is complete, so a crash or a kill leaves nothing behind,
 * and no cleaner can remove it under a live writer. Otherwise named as the
 * Go original names them ("KEY.kv" + random letters). Whenever one has a
 * name it is exclusively locked (check's "in use" mark); both get the
 * key's mode and owner before they take its name.
 */
#include "store_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <unistd.h>

#define COPY_CHUNK (256 * 1024)

static void random_suffix(char *out, size_t n)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char bytes[32];
	if (getrandom(bytes, n, GRND_NONBLOCK) != (ssize_t)n) {
		/* no entropy yet: mix the clock and the pid; O_EXCL makes a
		 * collision a retry, never a clash */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		unsigned long x = (unsigned long)ts.tv_nsec ^
				  ((unsigned long)getpid() << 16) ^
				  (unsigned long)(uintptr_t)out;
		for (size_t i = 0; i < n; i++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			bytes[i] = (unsigned char)(x >> 33);
		}
	}
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[bytes[i] % (sizeof alphabet - 1)];
	out[n] = '\0';
}

/* "KEY.kv" of the key file name, cut so that the suffix fits NAME_MAX:
 * a long key's temp carries its first STORE_TEMP_STEM_MAX bytes. Returns
 * the stem's length in buf. */
static size_t temp_stem(const char *keyname, char *buf)
{
	size_t len = strlen(keyname);
	if (len + STORE_TEMP_SUFFIX_LEN <= NAME_MAX) {
		memcpy(buf, keyname, len);
		return len;
	}
	memcpy(buf, keyname, STORE_TEMP_STEM_MAX);
	memcpy(buf + STORE_TEMP_STEM_MAX, STORE_KEY_EXT, 3);
	return STORE_TEMP_STEM_MAX + 3;
}

void store_temp_pick_name(const char *keyname, char *name)
{
	size_t stem = temp_stem(keyname, name);
	random_suffix(name + stem, STORE_TEMP_SUFFIX_LEN);
}

/* Pick a fresh temp name and hand it to `make` (create or link), which
 * returns 0 or -1 with errno; EEXIST means try another name. */
static int with_fresh_name(const char *keyname, char *name,
			   int (*make)(int dirfd, const char *name, void *ctx),
			   int dirfd, void *ctx)
{
	for (int attempt = 0; attempt < 100; attempt++) {
		store_temp_pick_name(keyname, name);
		if (make(dirfd, name, ctx) == 0)
			return FLOCKD_OK;
		if (errno != EEXIST)
			return errno;
	}
	return EEXIST;
}

struct named_ctx {
	mode_t mode;
	int fd;
};

static int create_named(int dirfd, const char *name, void *ctx)
{
	struct named_ctx *c = ctx;
	c->fd = openat(dirfd, name,
		       O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC |
			       O_NOCTTY,
		       c->mode);
	return c->fd < 0 ? -1 : 0;
}

static int link_proc(int dirfd, const char *name, void *ctx)
{
	return linkat(AT_FDCWD, (const char *)ctx, dirfd, name,
		      AT_SYMLINK_FOLLOW);
}

void store_temp_proc_path(int fd, char *buf, size_t size)
{
	snprintf(buf, size, "/proc/self/fd/%d", fd);
}

/* Can this unnamed temp be given a name later? It needs /proc. */
static int proc_usable(int fd)
{
	char path[40];
	store_temp_proc_path(fd, path, sizeof path);
	return faccessat(AT_FDCWD, path, F_OK, 0) == 0;
}

/* errno values of O_TMPFILE that mean "not here" rather than a failure. */
static int no_tmpfile(int err)
{
	return err == EOPNOTSUPP || err == EISDIR || err == EINVAL ||
	       err == ENOSYS;
}

/* Open an unnamed temp: its descriptor, -1 (and t->temp_kind NAMED) where
 * that is not possible, or -1 with an error in *err. */
static int open_unnamed(flockd_table *t, mode_t mode, int *err)
{
	*err = FLOCKD_OK;
	if ((t->db_flags & FLOCKD_OPEN_NAMED_TEMPS) ||
	    t->temp_kind == FLOCKD_TEMP_NAMED) {
		t->temp_kind = FLOCKD_TEMP_NAMED;
		return -1;
	}
	int f = openat(t->dirfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, mode);
	if (f < 0 && no_tmpfile(errno)) {
		t->temp_kind = FLOCKD_TEMP_NAMED;
		return -1;
	}
	if (f < 0) {
		*err = errno;
		return -1;
	}
	if (t->temp_kind == 0)
		t->temp_kind = proc_usable(f) ? FLOCKD_TEMP_UNNAMED
					      : FLOCKD_TEMP_NAMED;
	if (t->temp_kind == FLOCKD_TEMP_NAMED) {
		close(f);
		return -1;
	}
	return f;
}

static int open_any(flockd_table *t, const char *keyname, mode_t mode,
		    struct store_temp *tmp)
{
	int err;
	tmp->fd = open_unnamed(t, mode, &err);
	if (err != FLOCKD_OK)
		return store_fail(t, "create temp file", err);
	if (tmp->fd >= 0)
		return FLOCKD_OK;
	struct named_ctx c = {mode, -1};
	err = with_fresh_name(keyname, tmp->name, create_named, t->dirfd, &c);
	if (err != FLOCKD_OK)
		return store_fail(t, "create temp file", err);
	tmp->fd = c.fd;
	tmp->named = 1;
	return FLOCKD_OK;
}

int store_temp_open(flockd_table *t, const char *keyname,
		    struct store_temp *tmp)
{
	tmp->fd = -1;
	tmp->named = 0;
	tmp->installed = 0;
	tmp->late_err = 0;
	memset(&tmp->st, 0, sizeof tmp->st);
	tmp->name[0] = '\0';
	int err = open_any(t, keyname, t->new_key_mode, tmp);
	if (err != FLOCKD_OK)
		return err;
	/* Exactly the mode asked for: the umask applied to the open. */
	if (t->new_key_mode != STORE_DEFAULT_KEY_MODE &&
	    fchmod(tmp->fd, t->new_key_mode) != 0)
		err = store_fail(t, "set mode of temp file", errno);
	/* A named temp is marked as in use for `flockd check` (nobody else
	 * knows it yet, so this never waits); an unnamed one when it gets a
	 * name. */
	else if (tmp->named && flock(tmp->fd, LOCK_EX | LOCK_NB) != 0)
		err = store_fail(t, "lock temp file", errno);
	if (err != FLOCKD_OK)
		store_temp_discard(t, tmp);
	return err;
}

static int fill_from_fd(flockd_table *t, struct store_temp *tmp, int fd,
			uint64_t *total)
{
	char *buf = malloc(COPY_CHUNK);
	if (buf == NULL)
		return store_fail(t, "read input", ENOMEM);
	int err = FLOCKD_OK;
	for (;;) {
		if (store_cancelled(t)) {
			err = store_fail(t, "read input", ECANCELED);
			break;
		}
		ssize_t got = read(fd, buf, COPY_CHUNK);
		if (got < 0 && errno == EINTR)
			continue; /* the flag, checked above, decides */
		if (got < 0) {
			err = store_fail(t, "read input", errno);
			break;
		}
		if (got == 0)
			break;
		err = store_write_all(t, tmp->fd, buf, (size_t)got);
		if (err != FLOCKD_OK) {
			store_fail(t, "write temp file", err);
			break;
		}
		*total += (uint64_t)got;
	}
	free(buf);
	return err;
}

int store_temp_fill(flockd_table *t, struct store_temp *tmp,
		    const struct store_source *src, uint64_t *written)
{
	uint64_t total = 0;
	int err;
	if (src->fd >= 0) {
		err = fill_from_fd(t, tmp, src->fd, &total);
	} else {
		err = store_write_all(t, tmp->fd, src->buf, src->len);
		if (err != FLOCKD_OK)
			store_fail(t, "write temp file", err);
		total = src->len;
	}
	if (err == FLOCKD_OK && store_cancelled(t))
		err = store_fail(t, "write temp file", ECANCELED);
	if (err == FLOCKD_OK && written != NULL)
		*written = total;
	return err;
}

int store_temp_sync(flockd_table *t, struct store_temp *tmp)
{
	if (fsync(tmp->fd) != 0)
		return store_fail(t, "fsync temp file", errno);
	return FLOCKD_OK;
}

/* fchown where allowed; what could not be kept becomes a warning. */
static int adopt_owner(flockd_table *t, int fd, const struct stat *cur,
		       const struct stat *key, int *changed)
{
	if (cur->st_uid == key->st_uid && cur->st_gid == key->st_gid)
		return FLOCKD_OK;
	if (fchown(fd, key->st_uid, key->st_gid) == 0) {
		*changed = 1;
		return FLOCKD_OK;
	}
	if (errno != EPERM)
		return store_fail(t, "keep owner", errno);
	/* Not root: the group alone may still be ours to give. */
	if (cur->st_gid != key->st_gid && fchown(fd, (uid_t)-1,
						 key->st_gid) == 0)
		*changed = 1;
	store_warn(t, FLOCKD_WARN_OWNER);
	return FLOCKD_OK;
}

int store_temp_adopt(flockd_table *t, struct store_temp *tmp,
		     const struct stat *key, int *changed_out)
{
	struct stat cur;
	if (fstat(tmp->fd, &cur) != 0)
		return store_fail(t, "keep owner", errno);
	int changed = 0;
	int err = adopt_owner(t, tmp->fd, &cur, key, &changed);
	if (err != FLOCKD_OK)
		return err;
	mode_t want = key->st_mode & 07777;
	/* An empty value of mode 0000 would read as a placeholder. */
	if ((want & 0777) == 0 && cur.st_size == 0) {
		store_warn(t, FLOCKD_WARN_MODE);
	} else if (changed || (cur.st_mode & 07777) != want) {
		/* after a chown too: it clears set-id bits */
		if (fchmod(tmp->fd, want) == 0)
			changed = 1;
		else if (errno == EPERM)
			store_warn(t, FLOCKD_WARN_MODE);
		else
			return store_fail(t, "keep mode", errno);
	}
	/* what the kernel made of it (a chown clears set-id bits) */
	if (changed && fstat(tmp->fd, &cur) != 0)
		return store_fail(t, "keep mode", errno);
	tmp->st = cur;
	*changed_out = changed;
	return FLOCKD_OK;
}

int store_no_hard_links(int err)
{
	return err == EPERM || err == EOPNOTSUPP || err == ENOSYS ||
	       err == EMLINK || err == EXDEV;
}

/* Copy with read/write from offset `off` (where copy_file_range cannot). */
static int copy_by_hand(flockd_table *t, int from, int to, off_t off,
			uint64_t size)
{
	char *buf = malloc(COPY_CHUNK);
	if (buf == NULL)
		return store_fail(t, "copy value", ENOMEM);
	int err = FLOCKD_OK;
	while (err == FLOCKD_OK && (uint64_t)off < size) {
		size_t want = size - (uint64_t)off < COPY_CHUNK
				      ? (size_t)(size - (uint64_t)off)
				      : COPY_CHUNK;
		ssize_t got = pread(from, buf, want, off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			err = store_fail(t, "read value", got == 0 ? EIO : errno);
			break;
		}
		err = store_write_all(t, to, buf, (size_t)got);
		if (err != FLOCKD_OK)
			store_fail(t, "write temp file", err);
		off += got;
	}
	free(buf);
	return err;
}

int store_copy_fd(flockd_table *t, int from, int to, uint64_t size)
{
	off_t off = 0;
	while ((uint64_t)off < size) {
		ssize_t n = copy_file_range(from, &off, to, NULL,
					    (size_t)(size - (uint64_t)off), 0);
		if (n > 0 || (n < 0 && errno == EINTR && !store_cancelled(t)))
			continue;
		if (n == 0) /* the source is shorter than it said */
			return store_fail(t, "read value", EIO);
		if (errno == EXDEV || errno == EINVAL || errno == EOPNOTSUPP ||
		    errno == ENOSYS || errno == EBADF)
			return copy_by_hand(t, from, to, off, size);
		return store_fail(t, "write temp file",
				  errno == EINTR ? ECANCELED : errno);
	}
	return FLOCKD_OK;
}

/* No hard links here, so an unnamed temp can never get a name: copy it
 * into a named one (once per table handle; later writes start named). */
static int to_named(flockd_table *t, struct store_temp *tmp,
		    const char *keyname)
{
	t->temp_kind = FLOCKD_TEMP_NAMED;
	struct stat st;
	if (fstat(tmp->fd, &st) != 0)
		return store_fail(t, "create temp file", errno);
	struct store_temp named;
	int err = store_temp_open(t, keyname, &named);
	int changed;
	if (err == FLOCKD_OK)
		err = store_copy_fd(t, tmp->fd, named.fd, (uint64_t)st.st_size);
	if (err == FLOCKD_OK)
		err = store_temp_adopt(t, &named, &st, &changed);
	if (err == FLOCKD_OK)
		err = store_temp_sync(t, &named);
	if (err != FLOCKD_OK) {
		store_temp_discard(t, &named);
		return err;
	}
	close(tmp->fd);
	*tmp = named;
	return FLOCKD_OK;
}

int store_temp_give_name(flockd_table *t, struct store_temp *tmp,
			 const char *keyname)
{
	if (tmp->named)
		return FLOCKD_OK;
	if (flock(tmp->fd, LOCK_EX | LOCK_NB) != 0)
		return store_fail(t, "lock temp file", errno);
	char path[40];
	store_temp_proc_path(tmp->fd, path, sizeof path);
	int err = with_fresh_name(keyname, tmp->name, link_proc, t->dirfd,
				  path);
	if (err == FLOCKD_OK) {
		tmp->named = 1;
		return FLOCKD_OK;
	}
	if (store_no_hard_links(err))
		return to_named(t, tmp, keyname);
	return store_fail(t, "name temp file", err);
}

int store_temp_link_as(flockd_table *t, struct store_temp *tmp,
		       const char *keyname)
{
	char path[40];
	int rc;
	if (tmp->named) {
		rc = linkat(t->dirfd, tmp->name, t->dirfd, keyname, 0);
	} else {
		store_temp_proc_path(tmp->fd, path, sizeof path);
		rc = linkat(AT_FDCWD, path, t->dirfd, keyname,
			    AT_SYMLINK_FOLLOW);
	}
	if (rc != 0) {
		int err = errno;
		if (!tmp->named && store_no_hard_links(err)) {
			int cerr = to_named(t, tmp, keyname);
			if (cerr != FLOCKD_OK)
				return cerr;
		}
		return err;
	}
	tmp->installed = 1;
	if (!tmp->named)
		return FLOCKD_OK;
	/* The value is the key now; its temp name is a second link. */
	tmp->named = 0;
	if (unlinkat(t->dirfd, tmp->name, 0) != 0 && errno != ENOENT) {
		tmp->late_err = errno;
		store_note_temp_left(t, tmp->name);
	}
	return FLOCKD_OK;
}

void store_temp_discard(flockd_table *t, struct store_temp *tmp)
{
	int saved = errno;
	if (tmp->named && unlinkat(t->dirfd, tmp->name, 0) != 0 &&
	    errno != ENOENT)
		store_note_temp_left(t, tmp->name);
	tmp->named = 0;
	if (tmp->fd >= 0)
		close(tmp->fd);
	tmp->fd = -1;
	errno = saved;
}

void store_temp_close(struct store_temp *tmp)
{
	if (tmp->fd >= 0)
		close(tmp->fd);
	tmp->fd = -1;
	tmp->named = 0;
}

int store_temp_kind(flockd_table *t, enum flockd_temp_kind *kind)
{
	if (t->temp_kind == 0 && !(t->db_flags & FLOCKD_OPEN_NAMED_TEMPS)) {
		int err = store_table_ready(t, 0);
		if (err != FLOCKD_OK)
			return err;
		int f = open_unnamed(t, STORE_DEFAULT_KEY_MODE, &err);
		if (err != FLOCKD_OK)
			return err;
		if (f >= 0)
			close(f);
	}
	if (t->temp_kind == 0)
		t->temp_kind = FLOCKD_TEMP_NAMED;
	*kind = (enum flockd_temp_kind)t->temp_kind;
	return FLOCKD_OK;
}

int flockd_table_temp_kind(flockd_table *table, enum flockd_temp_kind *kind)
{
	return store_temp_kind(table, kind);
}
