/*
 * db.c - database and table handles: opening (and creating) the directories
 * one component at a time, never following a symlink inside the database.
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir -p for the database directory itself (a user-given path: symlinks
 * in it are the user's business). */
static int mkdir_parents(const char *dir)
{
	char *copy = strdup(dir);
	if (copy == NULL)
		return ENOMEM;
	int err = 0;
	for (char *p = copy + 1; *p != '\0' && err == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0755) != 0 && errno != EEXIST)
			err = errno;
		*p = '/';
	}
	if (err == 0 && mkdir(copy, 0755) != 0 && errno != EEXIST)
		err = errno;
	free(copy);
	return err;
}

int flockd_open(const char *dir, long timeout_ms, unsigned flags,
		flockd_db **out)
{
	if (dir == NULL || *dir == '\0' || out == NULL || timeout_ms <= 0)
		return EINVAL;
	if (flags & FLOCKD_OPEN_READONLY)
		flags |= FLOCKD_OPEN_NOCREATE;
	if (!(flags & FLOCKD_OPEN_NOCREATE)) {
		int err = mkdir_parents(dir);
		if (err != 0 && err != EEXIST)
			return err;
	}
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? FLOCKD_ENOTFOUND : errno;
	struct flockd_db *db = calloc(1, sizeof *db);
	char *path = strdup(dir);
	if (db == NULL || path == NULL) {
		free(db);
		free(path);
		close(fd);
		return ENOMEM;
	}
	db->dirfd = fd;
	db->path = path;
	db->timeout_ms = timeout_ms;
	db->flags = flags;
	*out = db;
	return FLOCKD_OK;
}

void flockd_close(flockd_db *db)
{
	if (db == NULL)
		return;
	close(db->dirfd);
	free(db->path);
	free(db);
}

const char *flockd_db_path(const flockd_db *db) { return db->path; }
long flockd_db_timeout_ms(const flockd_db *db) { return db->timeout_ms; }

int flockd_db_readonly(const flockd_db *db)
{
	return (db->flags & FLOCKD_OPEN_READONLY) != 0;
}

/* Open directory `comp` below `parent`, creating it if asked. */
static int open_component(int parent, const char *comp, int create,
			  int readonly, int *fd)
{
	const int oflags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	int f = openat(parent, comp, oflags);
	if (f < 0 && errno == ENOENT && create) {
		if (readonly)
			return FLOCKD_EREADONLY;
		if (mkdirat(parent, comp, 0755) != 0 && errno != EEXIST)
			return errno;
		f = openat(parent, comp, oflags);
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

static int open_table_dir(flockd_db *db, const char *name, int create,
			  int *out)
{
	int cur = fcntl(db->dirfd, F_DUPFD_CLOEXEC, 0);
	if (cur < 0)
		return errno;
	/* the duplicate shares the offset, harmless: only *at() use it */
	if (*name == '\0') {
		*out = cur;
		return FLOCKD_OK;
	}
	int readonly = flockd_db_readonly(db);
	char comp[NAME_MAX + 1];
	const char *p = name;
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		memcpy(comp, p, n);
		comp[n] = '\0';
		if (slash == NULL)
			memcpy(comp + n, STORE_TABLE_EXT, sizeof STORE_TABLE_EXT);
		int next = -1;
		int err = open_component(cur, comp, create, readonly, &next);
		close(cur);
		if (err != FLOCKD_OK)
			return err;
		cur = next;
		if (slash == NULL)
			break;
		p = slash + 1;
	}
	*out = cur;
	return FLOCKD_OK;
}

static int table_new(int dirfd, const char *name, const char *path,
		     long timeout_ms, int readonly, flockd_table **out)
{
	struct flockd_table *t = calloc(1, sizeof *t);
	char *n = strdup(name);
	char *p = strdup(path);
	if (t == NULL || n == NULL || p == NULL) {
		free(t);
		free(n);
		free(p);
		return ENOMEM;
	}
	t->dirfd = dirfd;
	t->name = n;
	t->path = p;
	t->timeout_ms = timeout_ms;
	t->readonly = readonly;
	t->last_step = "";
	*out = t;
	return FLOCKD_OK;
}

int flockd_table_open(flockd_db *db, const char *name, unsigned flags,
		      flockd_table **out)
{
	if (db == NULL || out == NULL)
		return EINVAL;
	if (name == NULL)
		name = "";
	if (flockd_table_name_valid(name) != FLOCKD_OK)
		return FLOCKD_EINVALID;
	int fd = -1;
	int err = open_table_dir(db, name, (flags & FLOCKD_TABLE_CREATE) != 0,
				 &fd);
	if (err != FLOCKD_OK)
		return err;
	size_t size = strlen(db->path) + strlen(name) + 8;
	char *path = malloc(size);
	if (path == NULL) {
		close(fd);
		return ENOMEM;
	}
	if (*name == '\0')
		snprintf(path, size, "%s", db->path);
	else
		snprintf(path, size, "%s/%s.tbl", db->path, name);
	err = table_new(fd, name, path, db->timeout_ms, flockd_db_readonly(db),
			out);
	free(path);
	if (err != FLOCKD_OK)
		close(fd);
	return err;
}

int store_table_clone(const flockd_table *t, flockd_table **out)
{
	int fd = fcntl(t->dirfd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	int err = table_new(fd, t->name, t->path, t->timeout_ms, t->readonly,
			    out);
	if (err != FLOCKD_OK)
		close(fd);
	return err;
}

void flockd_table_close(flockd_table *table)
{
	if (table == NULL)
		return;
	close(table->dirfd);
	free(table->name);
	free(table->path);
	free(table);
}

const char *flockd_table_name(const flockd_table *t) { return t->name; }
const char *flockd_table_path(const flockd_table *t) { return t->path; }
int flockd_table_dirfd(const flockd_table *t) { return t->dirfd; }
