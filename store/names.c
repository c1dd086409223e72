/*
 * names.c - the naming and listing rules of the on-disk format (spec
 * sections 1 and 7): which names are valid keys and tables, and what a
 * directory entry of a table is.
 */
#include "store_internal.h"

#include <ctype.h>
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

static int ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(s, prefix, n) == 0;
}

static int all_alnum(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Last occurrence of `needle` that starts within s[0 .. len). */
static const char *last_occurrence(const char *s, size_t len,
				   const char *needle)
{
	size_t n = strlen(needle);
	if (len < n)
		return NULL;
	for (size_t i = len - n + 1; i-- > 0;)
		if (memcmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

/* The key inside "PREFIX K.kv SUFFIX"-shaped names: K is everything before
 * the last ".kv" of the middle part. */
static void key_within(const char *name, size_t start, size_t end,
		       size_t *key_off, size_t *key_len)
{
	if (end >= start + 3 &&
	    memcmp(name + end - 3, STORE_KEY_EXT, 3) == 0 && end - 3 > start) {
		*key_off = start;
		*key_len = end - 3 - start;
	}
}

enum flockd_entry_kind flockd_classify(const char *name, size_t len,
				       size_t *key_off, size_t *key_len)
{
	size_t off_dummy, len_dummy;
	if (key_off == NULL)
		key_off = &off_dummy;
	if (key_len == NULL)
		key_len = &len_dummy;
	*key_off = 0;
	*key_len = 0;

	if (len == 6 && memcmp(name, ".~tmp~", 6) == 0)
		return FLOCKD_ENTRY_RSYNC_DIR;
	if (starts_with(name, len, ".syncthing.") &&
	    ends_with(name, len, ".tmp") && len > 15) {
		key_within(name, 11, len - 4, key_off, key_len);
		return FLOCKD_ENTRY_SYNCTHING_TEMP;
	}
	if (starts_with(name, len, ".unison.") &&
	    ends_with(name, len, ".unison.tmp") && len > 19) {
		const char *kv = last_occurrence(name + 8, len - 19, ".kv.");
		if (kv != NULL && kv > name + 8) {
			*key_off = 8;
			*key_len = (size_t)(kv - name) - 8;
		}
		return FLOCKD_ENTRY_UNISON_TEMP;
	}
	/* rsync: ".K.kv.XXXXXX" (six random characters) */
	if (len > 11 && name[0] == '.' && name[len - 7] == '.' &&
	    all_alnum(name + len - 6, 6) &&
	    memcmp(name + len - 10, ".kv", 3) == 0) {
		*key_off = 1;
		*key_len = len - 11;
		return FLOCKD_ENTRY_RSYNC_TEMP;
	}
	if (ends_with(name, len, STORE_KEY_EXT) && len > 3) {
		*key_len = len - 3;
		return FLOCKD_ENTRY_KEY;
	}
	if (ends_with(name, len, STORE_TABLE_EXT) && len > 4)
		return FLOCKD_ENTRY_TABLE;
	/* ours: K.kv + letters/digits; the Go library's: K.kv + digits */
	const char *kv = last_occurrence(name, len, STORE_KEY_EXT);
	if (kv != NULL && kv > name) {
		size_t rest = len - (size_t)(kv - name) - 3;
		if (rest > 0 && all_alnum(kv + 3, rest)) {
			*key_len = (size_t)(kv - name);
			return FLOCKD_ENTRY_TEMP;
		}
	}
	return FLOCKD_ENTRY_OTHER;
}

size_t flockd_conflict_of(const char *key, size_t len)
{
	static const char marker[] = ".sync-conflict-";
	const char *m = last_occurrence(key, len, marker);
	if (m == NULL || m == key)
		return 0;
	const char *p = m + sizeof marker - 1;
	size_t rest = len - (size_t)(p - key);
	/* YYYYMMDD-HHMMSS-DEVICE */
	if (rest < 17)
		return 0;
	for (int i = 0; i < 8; i++)
		if (!isdigit((unsigned char)p[i]))
			return 0;
	if (p[8] != '-')
		return 0;
	for (int i = 9; i < 15; i++)
		if (!isdigit((unsigned char)p[i]))
			return 0;
	if (p[15] != '-' || !all_alnum(p + 16, rest - 16))
		return 0;
	return (size_t)(m - key);
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
