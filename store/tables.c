/* SPDX-License-Identifier: MIT */
/*
 * tables.c - finding the tables of a database: every directory below it
 * whose name ends in ".tbl", at any depth, without following symlinks,
 * and without entering the places sync tools keep copies in
 * (flockd_dir_walked); what is left out is reported, never lost silently.
 */
#include "store_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How far below a skipped hidden directory a table directory is looked
 * for (rsync --backup-dir and .stversions mirror tables at level 1,
 * snapshot directories at level 2), and how many entries the look may
 * read, so that a big .git costs little. */
#define COPIES_PROBE_DEPTH 3
#define COPIES_PROBE_BUDGET 4096

struct name_list {
	char **names;
	size_t count;
	size_t cap;
};

struct skip_list {
	struct flockd_skipped *v;
	size_t n, cap;
};

struct walk {
	struct name_list tables;
	struct skip_list *skips; /* NULL: nobody asked */
	char *prefix;            /* PATH_MAX + 1 bytes */
};

static int list_add(struct name_list *l, const char *name, size_t len)
{
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **grown = realloc(l->names, cap * sizeof *grown);
		if (grown == NULL)
			return ENOMEM;
		l->names = grown;
		l->cap = cap;
	}
	char *copy = strndup(name, len);
	if (copy == NULL)
		return ENOMEM;
	l->names[l->count++] = copy;
	return FLOCKD_OK;
}

static int skip_add(struct walk *w, enum flockd_skip_reason why,
		    enum flockd_entry_kind kind, int err)
{
	struct skip_list *s = w->skips;
	if (s == NULL)
		return FLOCKD_OK;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		struct flockd_skipped *grown = realloc(s->v, cap * sizeof *grown);
		if (grown == NULL)
			return ENOMEM;
		s->v = grown;
		s->cap = cap;
	}
	char *path = strdup(w->prefix);
	if (path == NULL)
		return ENOMEM;
	s->v[s->n++] = (struct flockd_skipped){
		.path = path, .why = why, .kind = kind, .err = err};
	return FLOCKD_OK;
}

static int is_subdir(int dirfd, const struct dirent *e)
{
	if (e->d_type == DT_DIR)
		return 1;
	if (e->d_type != DT_UNKNOWN)
		return 0;
	struct stat st;
	return fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISDIR(st.st_mode);
}

static int open_subdir(int dirfd, const char *name)
{
	return openat(dirfd, name,
		      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* Is there a subdirectory (with `tables`: a table directory) within
 * `depth` levels of directory `fd` (consumed)? `budget` bounds the
 * entries read, so that a big .git costs little. */
static int find_subdir(int fd, int depth, int tables, int *budget)
{
	DIR *dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		return 0;
	}
	int found = 0;
	struct dirent *e;
	while (!found && (*budget)-- > 0 && (e = readdir(dir)) != NULL) {
		const char *n = e->d_name;
		if (!strcmp(n, ".") || !strcmp(n, "..") ||
		    !is_subdir(dirfd(dir), e))
			continue;
		size_t len = strlen(n);
		if (!tables || (len > 4 && !strcmp(n + len - 4, STORE_TABLE_EXT)))
			found = 1;
		else if (depth > 1) {
			int sub = open_subdir(dirfd(dir), n);
			if (sub >= 0)
				found = find_subdir(sub, depth - 1, tables,
						    budget);
		}
	}
	closedir(dir);
	return found;
}

/* Does directory `name` of `parent` have a subdirectory (`tables`: table
 * directories within COPIES_PROBE_DEPTH levels)? */
static int probe_dir(int parent, const char *name, int tables)
{
	int budget = COPIES_PROBE_BUDGET;
	int fd = open_subdir(parent, name);
	return fd >= 0 && find_subdir(fd, tables ? COPIES_PROBE_DEPTH : 1,
				      tables, &budget);
}

static int walk_dir(struct walk *w, int fd, size_t plen, int depth);

/* One subdirectory `n` of directory `parent`, whose path w->prefix
 * [0 .. len) already names it. */
static int walk_entry(struct walk *w, int parent, const char *n, size_t len,
		      int depth)
{
	size_t nlen = strlen(n);
	enum flockd_entry_kind kind = flockd_classify_name(n, nlen, NULL);
	if (kind == FLOCKD_ENTRY_TABLE) {
		w->prefix[len - 4] = '\0';
		int valid = flockd_table_name_valid(w->prefix) == FLOCKD_OK;
		w->prefix[len - 4] = '.';
		if (!valid) /* "...tbl": the Go original's table ".." */
			return skip_add(w, FLOCKD_SKIP_BAD_NAME, kind, 0);
		int err = list_add(&w->tables, w->prefix, len - 4);
		if (err != FLOCKD_OK)
			return err;
	} else if (!flockd_dir_walked(n, nlen)) {
		if (w->skips != NULL && probe_dir(parent, n, 1))
			return skip_add(w, FLOCKD_SKIP_COPIES, kind, 0);
		return FLOCKD_OK;
	}
	if (depth >= FLOCKD_TABLES_MAX_DEPTH)
		return probe_dir(parent, n, 0)
			       ? skip_add(w, FLOCKD_SKIP_TOO_DEEP, kind, 0)
			       : FLOCKD_OK;
	int sub = open_subdir(parent, n);
	if (sub < 0) {
		/* an unreadable table is its parent listing's finding */
		if (kind == FLOCKD_ENTRY_TABLE)
			return FLOCKD_OK;
		return skip_add(w, FLOCKD_SKIP_UNREADABLE, kind, errno);
	}
	int err = walk_dir(w, sub, len, depth + 1);
	if (err == EACCES || err == EPERM)
		err = skip_add(w, FLOCKD_SKIP_UNREADABLE, kind, err);
	return err;
}

/* Walk directory `fd` (consumed), whose path relative to the database is
 * w->prefix[0 .. plen). */
static int walk_dir(struct walk *w, int fd, size_t plen, int depth)
{
	DIR *dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		return errno;
	}
	int err = FLOCKD_OK, too_long = 0;
	struct dirent *e;
	while (err == FLOCKD_OK && (errno = 0, e = readdir(dir)) != NULL) {
		const char *n = e->d_name;
		if (!strcmp(n, ".") || !strcmp(n, "..") ||
		    !is_subdir(dirfd(dir), e))
			continue;
		size_t nlen = strlen(n);
		if (plen + nlen + 2 > PATH_MAX) {
			too_long = 1;
			continue;
		}
		size_t len = plen;
		if (plen > 0)
			w->prefix[len++] = '/';
		memcpy(w->prefix + len, n, nlen + 1);
		err = walk_entry(w, dirfd(dir), n, len + nlen, depth);
		w->prefix[plen] = '\0';
	}
	if (err == FLOCKD_OK && errno != 0)
		err = errno;
	closedir(dir);
	if (err == FLOCKD_OK && too_long)
		err = skip_add(w, FLOCKD_SKIP_TOO_DEEP, FLOCKD_ENTRY_OTHER, 0);
	return err;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct flockd_skipped *)a)->path,
		      ((const struct flockd_skipped *)b)->path);
}

int flockd_tables_ex(flockd_db *db, char ***names, size_t *count,
		     struct flockd_skipped **skipped, size_t *nskipped)
{
	struct skip_list skips = {0};
	struct walk w = {.skips = skipped ? &skips : NULL};
	int err = list_add(&w.tables, "", 0);
	w.prefix = malloc(PATH_MAX + 1);
	int fd = openat(db->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (w.prefix == NULL)
		err = ENOMEM;
	else if (fd < 0)
		err = errno;
	if (err == FLOCKD_OK) {
		w.prefix[0] = '\0';
		err = walk_dir(&w, fd, 0, 0);
		fd = -1;
	}
	if (fd >= 0)
		close(fd);
	free(w.prefix);
	if (err != FLOCKD_OK) {
		flockd_names_free(w.tables.names, w.tables.count);
		flockd_skipped_free(skips.v, skips.n);
		return err;
	}
	qsort(w.tables.names, w.tables.count, sizeof *w.tables.names, by_name);
	*names = w.tables.names;
	*count = w.tables.count;
	if (skipped != NULL) {
		if (skips.n > 1)
			qsort(skips.v, skips.n, sizeof *skips.v, by_path);
		*skipped = skips.v;
		*nskipped = skips.n;
	}
	return FLOCKD_OK;
}

int flockd_tables(flockd_db *db, char ***names, size_t *count)
{
	return flockd_tables_ex(db, names, count, NULL, NULL);
}

void flockd_skipped_free(struct flockd_skipped *skipped, size_t n)
{
	if (skipped == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(skipped[i].path);
	free(skipped);
}

void flockd_names_free(char **names, size_t count)
{
	if (names == NULL)
		return;
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}
