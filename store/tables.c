/*
 * tables.c - finding the tables of a database: every directory below it
 * whose name ends in ".tbl", at any depth, without following symlinks.
 */
#include "store_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Deeper than this is a loop or an attack, not a database. */
#define TABLES_MAX_DEPTH 64

struct name_list {
	char **names;
	size_t count;
	size_t cap;
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

/* Walk directory `fd` (consumed), whose path relative to the database is
 * prefix[0 .. plen). */
static int walk(int fd, char *prefix, size_t plen, int depth,
		struct name_list *out)
{
	DIR *dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		return errno;
	}
	int err = FLOCKD_OK;
	struct dirent *e;
	while (err == FLOCKD_OK && (errno = 0, e = readdir(dir)) != NULL) {
		const char *n = e->d_name;
		if (!strcmp(n, ".") || !strcmp(n, "..") ||
		    !is_subdir(dirfd(dir), e))
			continue;
		size_t nlen = strlen(n);
		if (plen + nlen + 2 > PATH_MAX)
			continue;
		size_t len = plen;
		if (plen > 0)
			prefix[len++] = '/';
		memcpy(prefix + len, n, nlen + 1);
		len += nlen;
		if (nlen > 4 && !strcmp(n + nlen - 4, STORE_TABLE_EXT))
			err = list_add(out, prefix, len - 4);
		if (err == FLOCKD_OK && depth < TABLES_MAX_DEPTH) {
			int sub = openat(dirfd(dir), n,
					 O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
						 O_CLOEXEC);
			/* an unreadable subdirectory is skipped */
			if (sub >= 0)
				err = walk(sub, prefix, len, depth + 1, out);
			if (err == EACCES || err == EPERM)
				err = FLOCKD_OK;
		}
		prefix[plen] = '\0';
	}
	if (err == FLOCKD_OK && errno != 0)
		err = errno;
	closedir(dir);
	return err;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int flockd_tables(flockd_db *db, char ***names, size_t *count)
{
	struct name_list list = {0};
	int err = list_add(&list, "", 0);
	char *prefix = malloc(PATH_MAX + 1);
	int fd = openat(db->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (prefix == NULL)
		err = ENOMEM;
	else if (fd < 0)
		err = errno;
	if (err == FLOCKD_OK) {
		prefix[0] = '\0';
		err = walk(fd, prefix, 0, 0, &list);
		fd = -1;
	}
	if (fd >= 0)
		close(fd);
	free(prefix);
	if (err != FLOCKD_OK) {
		flockd_names_free(list.names, list.count);
		return err;
	}
	qsort(list.names, list.count, sizeof *list.names, by_name);
	*names = list.names;
	*count = list.count;
	return FLOCKD_OK;
}

void flockd_names_free(char **names, size_t count)
{
	if (names == NULL)
		return;
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}
