/* SPDX-License-Identifier: MIT */
/*
 * db_where.h - is the database directory the browser holds still the one
 * its path names? Sync tools and operators rename, replace, delete and
 * recreate directories under a running browser; the browser's handles
 * follow the directory it opened (file descriptors), not the path, so
 * without this check it would go on showing, and writing into, a
 * directory that is no longer the database. Plain C (no curses, no store).
 */
#ifndef TUI_BROWSER_DB_WHERE_H
#define TUI_BROWSER_DB_WHERE_H

#include <sys/types.h>

struct db_where {
	int fd;    /* the directory as opened (O_DIRECTORY), -1: none */
	dev_t dev;
	ino_t ino;
};

enum db_where_state {
	DB_HERE = 0,   /* the path names the directory held */
	DB_GONE,       /* no directory at the path: moved away, deleted */
	DB_REPLACED,   /* the path names another directory now */
	DB_DELETED,    /* the directory held was deleted (maybe recreated
			  at the path: that is another directory) */
};

/* db_where_init - remember the directory `path` names now. 0 or an errno
 * value (then w->fd is -1 and every check says DB_HERE). */
int db_where_init(struct db_where *w, const char *path);
void db_where_done(struct db_where *w);

/* db_where_check - compare the directory held with what `path` names. */
enum db_where_state db_where_check(const struct db_where *w,
				   const char *path);

/* db_where_says - a word for the status line: "", "moved", "replaced",
 * "deleted". Static string. */
const char *db_where_says(enum db_where_state st);

#endif
