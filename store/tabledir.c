/* SPDX-License-Identifier: MIT */
/*
 * tabledir.c - the directories of databases and tables: opened one
 * component at a time relative to the parent, never following a symlink
 * inside the database; created with their parent fsync'd, so a power loss
 * cannot drop a table a write reported; for CREATE_ON_WRITE tables created
 * by the first write and removed again when that write fails.
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int sync_dirfd(int fd)
{
	/* EINVAL: a file system whose directories cannot be synced */
	if (fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
		return errno;
	return FLOCKD_OK;
}

/* fsync the directory that holds `path` (a user-given path). */
static int sync_parent_of(const char *path)
{
	char *copy = strdup(path);
	if (copy == NULL)
		return ENOMEM;
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return errno;
	int err = sync_dirfd(fd);
	close(fd);
	return err;
}

/* mkdir `path` (0755); *made says whether it did, and then the parent is
 * fsync'd so the new entry survives a power loss. */
static int make_dir(const char *path, int *made)
{
	*made = 0;
	if (mkdir(path, 0755) != 0)
		return errno == EEXIST ? FLOCKD_OK : errno;
	*made = 1;
	return sync_parent_of(path);
}

int store_mkdir_parents(const char *dir)
{
	char *copy = strdup(dir);
	if (copy == NULL)
		return ENOMEM;
	int err = FLOCKD_OK, made;
	for (char *p = copy + 1; *p != '\0' && err == FLOCKD_OK; p++) {
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = '\0';
		err = make_dir(copy, &made);
		*p = '/';
	}
	if (err == FLOCKD_OK)
		err = make_dir(copy, &made);
	free(copy);
	return err;
}

/* Open directory `comp` below `parent`, creating it if asked (*made). A
 * directory it made and then cannot open is removed again. */
static int open_component(int parent, const char *comp, int create,
			  int readonly, int *fd, int *made)
{
	const int oflags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	*made = 0;
	int f = openat(parent, comp, oflags);
	if (f < 0 && errno == ENOENT && create) {
		if (readonly)
			return FLOCKD_EREADONLY;
		if (mkdirat(parent, comp, 0755) == 0) {
			int err = sync_dirfd(parent);
			if (err != FLOCKD_OK) {
				unlinkat(parent, comp, AT_REMOVEDIR);
				return err;
			}
			*made = 1;
		} else if (errno != EEXIST) {
			return errno;
		}
		f = openat(parent, comp, oflags);
		if (f < 0 && *made) {
			int err = errno;
			if (unlinkat(parent, comp, AT_REMOVEDIR) == 0)
				sync_dirfd(parent);
			*made = 0;
			errno = err;
		}
	}
	if (f < 0) {
		if (errno == ENOENT)
			return FLOCKD_ENOTFOUND;
		if (errno == ELOOP)
			return FLOCKD_ENOTREG; /* a symlink: never followed */
		return errno;
	}
	*fd = f;
	return FLOCKD_OK;
}

/* Component `index` of table name `name` as a directory name: the last one
 * gets ".tbl". Returns 0, or -1 past the end. */
static int component(const char *name, unsigned index, char *comp)
{
	const char *p = name;
	for (unsigned i = 0; i < index; i++) {
		p = strchr(p, '/');
		if (p == NULL)
			return -1;
		p++;
	}
	const char *slash = strchr(p, '/');
	size_t n = slash ? (size_t)(slash - p) : strlen(p);
	memcpy(comp, p, n);
	comp[n] = '\0';
	if (slash == NULL)
		memcpy(comp + n, STORE_TABLE_EXT, sizeof STORE_TABLE_EXT);
	return 0;
}

static unsigned components(const char *name)
{
	unsigned n = 1;
	for (const char *p = name; *p != '\0'; p++)
		n += *p == '/';
	return n;
}

/* Open the first `depth` components of the table's path below rootfd (no
 * creating). */
static int open_prefix(int rootfd, const char *name, unsigned depth, int *out)
{
	int cur = fcntl(rootfd, F_DUPFD_CLOEXEC, 0);
	if (cur < 0)
		return errno;
	char comp[NAME_MAX + 1];
	for (unsigned i = 0; i < depth; i++) {
		int next = -1, made;
		component(name, i, comp);
		int err = open_component(cur, comp, 0, 1, &next, &made);
		close(cur);
		if (err != FLOCKD_OK)
			return err;
		cur = next;
	}
	*out = cur;
	return FLOCKD_OK;
}

/* Remove components [end - count, end) of table `name` below rootfd again,
 * deepest first, while they are empty; each parent is fsync'd. */
static void remove_components(int rootfd, const char *name, unsigned end,
			      unsigned count)
{
	char comp[NAME_MAX + 1];
	for (unsigned i = end; i-- > end - count;) {
		int parent;
		if (open_prefix(rootfd, name, i, &parent) != FLOCKD_OK)
			return;
		component(name, i, comp);
		int gone = unlinkat(parent, comp, AT_REMOVEDIR) == 0;
		if (gone)
			sync_dirfd(parent);
		close(parent);
		if (!gone)
			return; /* not empty: somebody uses it now */
	}
}

int store_open_table_dir(int rootfd, const char *name, int create,
			 int readonly, int *out, unsigned *created)
{
	*created = 0;
	if (*name == '\0')
		return open_prefix(rootfd, name, 0, out);
	int cur = fcntl(rootfd, F_DUPFD_CLOEXEC, 0);
	if (cur < 0)
		return errno;
	char comp[NAME_MAX + 1];
	unsigned n = components(name);
	for (unsigned i = 0; i < n; i++) {
		int next = -1, made;
		component(name, i, comp);
		int err = open_component(cur, comp, create, readonly, &next,
					 &made);
		close(cur);
		if (err != FLOCKD_OK) {
			/* what this call made above the failing component
			 * goes again: a failed open leaves no empty tables */
			remove_components(rootfd, name, i, *created);
			*created = 0;
			return err;
		}
		*created += (unsigned)made;
		cur = next;
	}
	*out = cur;
	return FLOCKD_OK;
}

int store_table_ready(flockd_table *t, int create)
{
	if (t->dirfd >= 0)
		return FLOCKD_OK;
	if (t->rootfd < 0)
		return store_fail(t, "open table", FLOCKD_ENOTFOUND);
	int fd = -1;
	unsigned made = 0;
	int err = store_open_table_dir(t->rootfd, t->name, create, t->readonly,
				       &fd, &made);
	if (err != FLOCKD_OK)
		return store_fail(t, create ? "create table" : "open table",
				  err);
	t->dirfd = fd;
	t->created = made;
	if (made == 0) {
		close(t->rootfd);
		t->rootfd = -1;
	}
	return FLOCKD_OK;
}

void store_table_write_done(flockd_table *t, int ok)
{
	if (t->created == 0)
		return;
	if (ok) {
		t->created = 0;
		close(t->rootfd);
		t->rootfd = -1;
		return;
	}
	close(t->dirfd);
	t->dirfd = -1;
	t->temp_kind = 0;
	remove_components(t->rootfd, t->name, components(t->name), t->created);
	t->created = 0;
}
