/* SPDX-License-Identifier: MIT */
/*
 * db.c - database and table handles: options, opening (the directories
 * themselves are tabledir.c's), clones for view sessions, accessors.
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int options_valid(const struct flockd_options *o)
{
	if (o->timeout_ms <= 0 || o->stale_age_s < 0)
		return 0;
	if (o->new_key_mode != 0 &&
	    ((o->new_key_mode & ~07777u) != 0 || (o->new_key_mode & 0777) == 0))
		return 0;
	return 1;
}

int flockd_open_ex(const char *dir, const struct flockd_options *opts,
		   flockd_db **out)
{
	if (dir == NULL || *dir == '\0' || out == NULL || opts == NULL ||
	    !options_valid(opts))
		return EINVAL;
	unsigned flags = opts->flags;
	if (flags & FLOCKD_OPEN_READONLY)
		flags |= FLOCKD_OPEN_NOCREATE;
	if (!(flags & FLOCKD_OPEN_NOCREATE)) {
		int err = store_mkdir_parents(dir);
		if (err != FLOCKD_OK)
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
	db->timeout_ms = opts->timeout_ms;
	db->flags = flags;
	db->new_key_mode = opts->new_key_mode ? (mode_t)opts->new_key_mode
					      : STORE_DEFAULT_KEY_MODE;
	db->stale_age_s = opts->stale_age_s ? opts->stale_age_s
					    : STORE_DEFAULT_STALE_S;
	*out = db;
	return FLOCKD_OK;
}

int flockd_open(const char *dir, long timeout_ms, unsigned flags,
		flockd_db **out)
{
	struct flockd_options o = {0};
	o.timeout_ms = timeout_ms;
	o.flags = flags;
	return flockd_open_ex(dir, &o, out);
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

/* A handle with its own copies of the names and the given report (a new
 * one when NULL). */
static int table_new(const flockd_table *like, const char *name,
		     const char *path, struct store_report *report,
		     flockd_table **out)
{
	struct flockd_table *t = calloc(1, sizeof *t);
	char *n = strdup(name);
	char *p = strdup(path);
	struct store_report *r = report ? store_report_ref(report)
					: store_report_new();
	if (t == NULL || n == NULL || p == NULL || r == NULL) {
		free(t);
		free(n);
		free(p);
		store_report_unref(r);
		return ENOMEM;
	}
	*t = *like;
	t->dirfd = -1;
	t->rootfd = -1;
	t->created = 0;
	t->name = n;
	t->path = p;
	t->report = r;
	*out = t;
	return FLOCKD_OK;
}

static char *table_path(const flockd_db *db, const char *name)
{
	size_t size = strlen(db->path) + strlen(name) + 8;
	char *path = malloc(size);
	if (path == NULL)
		return NULL;
	if (*name == '\0')
		snprintf(path, size, "%s", db->path);
	else
		snprintf(path, size, "%s/%s.tbl", db->path, name);
	return path;
}

/* The directory of the new handle: open it (creating it when asked), or
 * for CREATE_ON_WRITE keep the database's directory until a write. */
static int attach_dir(flockd_db *db, flockd_table *t, unsigned flags)
{
	unsigned created;
	int eager = (flags & FLOCKD_TABLE_CREATE) != 0;
	int err = store_open_table_dir(db->dirfd, t->name, eager,
				       flockd_db_readonly(db), &t->dirfd,
				       &created);
	if (err != FLOCKD_ENOTFOUND || !(flags & FLOCKD_TABLE_CREATE_ON_WRITE))
		return err;
	if (flockd_db_readonly(db))
		return FLOCKD_EREADONLY;
	t->rootfd = fcntl(db->dirfd, F_DUPFD_CLOEXEC, 0);
	return t->rootfd < 0 ? errno : FLOCKD_OK;
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
	char *path = table_path(db, name);
	if (path == NULL)
		return ENOMEM;
	struct flockd_table like = {0};
	like.timeout_ms = db->timeout_ms;
	like.readonly = flockd_db_readonly(db);
	like.db_flags = db->flags;
	like.new_key_mode = db->new_key_mode;
	like.stale_age_s = db->stale_age_s;
	flockd_table *t = NULL;
	int err = table_new(&like, name, path, NULL, &t);
	free(path);
	if (err == FLOCKD_OK)
		err = attach_dir(db, t, flags);
	if (err != FLOCKD_OK) {
		flockd_table_close(t);
		return err;
	}
	*out = t;
	return FLOCKD_OK;
}

int store_table_clone(const flockd_table *t, flockd_table **out)
{
	flockd_table *c = NULL;
	int err = table_new(t, t->name, t->path, t->report, &c);
	if (err != FLOCKD_OK)
		return err;
	if (t->dirfd >= 0 &&
	    (c->dirfd = fcntl(t->dirfd, F_DUPFD_CLOEXEC, 0)) < 0)
		err = errno;
	if (err == FLOCKD_OK && t->rootfd >= 0 &&
	    (c->rootfd = fcntl(t->rootfd, F_DUPFD_CLOEXEC, 0)) < 0)
		err = errno;
	if (err != FLOCKD_OK) {
		flockd_table_close(c);
		return err;
	}
	*out = c;
	return FLOCKD_OK;
}

void flockd_table_close(flockd_table *table)
{
	if (table == NULL)
		return;
	if (table->dirfd >= 0)
		close(table->dirfd);
	if (table->rootfd >= 0)
		close(table->rootfd);
	free(table->name);
	free(table->path);
	store_report_unref(table->report);
	free(table);
}

const char *flockd_table_name(const flockd_table *t) { return t->name; }
const char *flockd_table_path(const flockd_table *t) { return t->path; }
int flockd_table_dirfd(const flockd_table *t) { return t->dirfd; }
