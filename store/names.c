/* SPDX-License-Identifier: MIT */
/*
 * names.c - the naming rules of the on-disk format (spec section 1): which
 * names are valid keys and tables. What a directory entry is: classify.c.
 */
#include "store_internal.h"

#include <string.h>

int flockd_key_valid(const char *key)
{
	if (key == NULL || *key == '\0')
		return FLOCKD_EINVALID;
	size_t len = strlen(key);
	if (len > STORE_KEY_MAX || memchr(key, '/', len) != NULL)
		return FLOCKD_EINVALID;
	return FLOCKD_OK;
}

int store_key_filename(const char *key, char *buf)
{
	int err = flockd_key_valid(key);
	if (err != FLOCKD_OK)
		return err;
	size_t len = strlen(key);
	memcpy(buf, key, len);
	memcpy(buf + len, STORE_KEY_EXT, sizeof STORE_KEY_EXT);
	return FLOCKD_OK;
}

int flockd_table_name_valid(const char *name)
{
	if (name == NULL || *name == '\0')
		return FLOCKD_OK;
	const char *p = name;
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return FLOCKD_EINVALID;
		/* the last component gets ".tbl" appended */
		if (n + (slash ? 0 : 4) > NAME_MAX)
			return FLOCKD_EINVALID;
		if (slash == NULL)
			return FLOCKD_OK;
		p = slash + 1;
	}
}

void store_stat_from(struct flockd_stat *out, const struct stat *st)
{
	out->size = (uint64_t)st->st_size;
	out->mtime.tv_sec = (int64_t)st->st_mtim.tv_sec;
	out->mtime.tv_nsec = st->st_mtim.tv_nsec;
	out->mode = st->st_mode;
	out->dev = st->st_dev;
	out->ino = st->st_ino;
	out->nlink = st->st_nlink;
	out->uid = st->st_uid;
	out->gid = st->st_gid;
}

int store_same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

int store_same_content(const struct stat *a, const struct stat *b)
{
	return store_same_file(a, b) && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}
