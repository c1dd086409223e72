/* SPDX-License-Identifier: MIT */
/*
 * testutil.h - helpers shared by the cmocka tests: scratch directories that
 * clean themselves up, and small file helpers. Header-only so every test
 * program stays one .c file.
 */
#ifndef TESTS_LIB_TESTUTIL_H
#define TESTS_LIB_TESTUTIL_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int testutil_rm_entry(const char *path, const struct stat *st,
			     int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	chmod(path, 0700); /* so mode-0000 test dirs can be removed */
	return remove(path);
}

/* testutil_rm_rf - remove a tree (like rm -rf); ignores errors. */
static inline void testutil_rm_rf(const char *path)
{
	chmod(path, 0700);
	nftw(path, testutil_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* testutil_mkdtemp - a fresh scratch directory under $TMPDIR (or /tmp);
 * returns a malloc'd path or NULL. */
static inline char *testutil_mkdtemp(void)
{
	const char *base = getenv("TMPDIR");
	if (base == NULL || *base == '\0')
		base = "/tmp";
	size_t size = strlen(base) + 32;
	char *path = malloc(size);
	if (path == NULL)
		return NULL;
	snprintf(path, size, "%s/flockd-test.XXXXXX", base);
	if (mkdtemp(path) == NULL) {
		free(path);
		return NULL;
	}
	return path;
}

/* testutil_write_file - create/replace `path` with `len` bytes; 0 or -1. */
static inline int testutil_write_file(const char *path, const void *data,
				      size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	ssize_t n = len ? write(fd, data, len) : 0;
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

/* testutil_read_file - read a whole file into a malloc'd, NUL-terminated
 * buffer (*len excludes the NUL); NULL on error. */
static inline char *testutil_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rbe");
	if (f == NULL)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	size_t got;
	while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *bigger = realloc(buf, cap * 2 + 1);
			if (bigger == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf != NULL) {
		buf[n] = '\0';
		if (len != NULL)
			*len = n;
	}
	return buf;
}

/* testutil_count_entries - number of entries in directory `path` whose
 * name contains `needle` (NULL: all), excluding . and ..; -1 on error. */
#include <dirent.h>
static inline int testutil_count_entries(const char *path, const char *needle)
{
	DIR *d = opendir(path);
	if (d == NULL)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (needle == NULL || strstr(e->d_name, needle) != NULL)
			n++;
	}
	closedir(d);
	return n;
}

#endif
