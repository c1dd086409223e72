/* SPDX-License-Identifier: MIT */
/*
 * db_where.c - the database directory held versus its path (db_where.h).
 */
#include "browser/db_where.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int db_where_init(struct db_where *w, const char *path)
{
	struct stat st;
	w->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (w->fd < 0)
		return errno;
	if (fstat(w->fd, &st) != 0) {
		int e = errno;
		close(w->fd);
		w->fd = -1;
		return e;
	}
	w->dev = st.st_dev;
	w->ino = st.st_ino;
	return 0;
}

void db_where_done(struct db_where *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
}

enum db_where_state db_where_check(const struct db_where *w,
				   const char *path)
{
	struct stat held, now;
	if (w->fd < 0)
		return DB_HERE;
	if (fstat(w->fd, &held) == 0 && held.st_nlink == 0)
		return DB_DELETED;
	if (stat(path, &now) != 0 || !S_ISDIR(now.st_mode))
		return DB_GONE;
	if (now.st_dev != w->dev || now.st_ino != w->ino)
		return DB_REPLACED;
	return DB_HERE;
}

const char *db_where_says(enum db_where_state st)
{
	switch (st) {
	case DB_GONE: return "moved";
	case DB_REPLACED: return "replaced";
	case DB_DELETED: return "deleted";
	default: return "";
	}
}
