/* SPDX-License-Identifier: MIT */
/* recovery.c - recovery files (recovery.h). */
#include "editor/recovery.h"

#include "common/fdio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "flockd recovery file 1\n"
#define HEADER_MAX (3 * 4200 + 256) /* three names of up to 4096 bytes */

char *recovery_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *dir = NULL;
	if (state != NULL && state[0] == '/') {
		if (asprintf(&dir, "%s/flockd", state) < 0)
			dir = NULL;
	} else if (home != NULL && home[0] == '/') {
		if (asprintf(&dir, "%s/.local/state/flockd", home) < 0)
			dir = NULL;
	}
	return dir;
}

/* FNV-1a over the three names with their terminating NULs. */
static uint64_t id_hash(const struct recovery_id *id)
{
	const char *parts[3] = {id->db, id->table, id->key};
	uint64_t h = 1469598103934665603ULL;
	for (int i = 0; i < 3; i++) {
		const unsigned char *p = (const unsigned char *)parts[i];
		do {
			h ^= *p;
			h *= 1099511628211ULL;
		} while (*p++ != '\0');
	}
	return h;
}

/* mkdir -p with mode 0700 for what it makes. */
static int make_dirs(const char *dir)
{
	char *p = strdup(dir);
	if (p == NULL)
		return ENOMEM;
	int err = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			err = errno;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return err;
}

/* "db 12:/srv/db/app\n": a name as its length and its bytes. */
static int put_name(FILE *f, const char *tag, const char *name)
{
	fprintf(f, "%s %zu:", tag, strlen(name));
	fwrite(name, 1, strlen(name), f);
	return fputc('\n', f) == EOF ? EIO : 0;
}

static int header(const struct recovery_id *id, size_t len, char **out,
		  size_t *out_len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	if (f == NULL)
		return ENOMEM;
	fputs(MAGIC, f);
	put_name(f, "db", id->db);
	put_name(f, "table", id->table);
	put_name(f, "key", id->key);
	fprintf(f, "saved %lld\npid %ld\nsize %zu\n\n", (long long)time(NULL),
		(long)getpid(), len);
	if (fclose(f) != 0) {
		free(buf);
		return ENOMEM;
	}
	*out = buf;
	*out_len = n;
	return 0;
}

int recovery_write(const char *dir, const struct recovery_id *id,
		   const void *bytes, size_t len, char **path_out)
{
	char *hdr = NULL, *path = NULL, *tmp = NULL;
	size_t hlen;
	int err = make_dirs(dir);
	if (!err)
		err = header(id, len, &hdr, &hlen);
	if (!err && (asprintf(&path, "%s/flockd-%016" PRIx64 "-%lld-%ld.save",
			      dir, id_hash(id), (long long)time(NULL),
			      (long)getpid()) < 0 ||
		     asprintf(&tmp, "%s.tmp", path) < 0))
		err = ENOMEM;
	int fd = err ? -1 : open(tmp, O_WRONLY | O_CREAT | O_TRUNC |
					      O_CLOEXEC | O_NOFOLLOW, 0600);
	if (!err && fd < 0)
		err = errno;
	if (!err)
		err = fchmod(fd, 0600) ? errno : 0;
	if (!err)
		err = fdio_write_all(fd, hdr, hlen);
	if (!err)
		err = fdio_write_all(fd, bytes, len);
	if (!err && fsync(fd) != 0)
		err = errno;
	if (fd >= 0 && close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err && tmp != NULL)
		unlink(tmp);
	free(hdr);
	free(tmp);
	if (!err && path_out != NULL) {
		*path_out = path;
		path = NULL;
	}
	free(path);
	return err;
}

/* ------------------------------------------------------------ reading */

/* Parse "TAG LEN:BYTES\n" at *p; 1 when it is there and names `want`. */
static int name_is(const char **p, const char *end, const char *tag,
		   const char *want)
{
	size_t tl = strlen(tag), wl = strlen(want);
	if ((size_t)(end - *p) < tl + 1 || memcmp(*p, tag, tl) != 0 ||
	    (*p)[tl] != ' ')
		return 0;
	char *colon;
	errno = 0;
	unsigned long long n = strtoull(*p + tl + 1, &colon, 10);
	if (errno != 0 || colon >= end || *colon != ':' ||
	    n > (unsigned long long)(end - colon - 2))
		return 0;
	const char *name = colon + 1;
	if (name[n] != '\n')
		return 0;
	*p = name + n + 1;
	return n == wl && memcmp(name, want, wl) == 0;
}

/* Parse "TAG NUMBER\n" at *p into *v. */
static int number(const char **p, const char *end, const char *tag,
		  unsigned long long *v)
{
	size_t tl = strlen(tag);
	if ((size_t)(end - *p) < tl + 2 || memcmp(*p, tag, tl) != 0 ||
	    (*p)[tl] != ' ')
		return 0;
	char *e;
	errno = 0;
	*v = strtoull(*p + tl + 1, &e, 10);
	if (errno != 0 || e >= end || *e != '\n')
		return 0;
	*p = e + 1;
	return 1;
}

/* Read the header of the open file: 0 with *saved, *size and the text's
 * offset when it belongs to `id`, else EINVAL (or an errno value). */
static int read_header(int fd, const struct recovery_id *id, time_t *saved,
		       uint64_t *size, size_t *offset)
{
	char *buf = malloc(HEADER_MAX);
	if (buf == NULL)
		return ENOMEM;
	ssize_t n = pread(fd, buf, HEADER_MAX, 0);
	int err = n < 0 ? errno : EINVAL;
	const char *p = buf, *end = buf + (n > 0 ? n : 0);
	unsigned long long when, pid, len;
	size_t ml = strlen(MAGIC);
	if (n > (ssize_t)ml && memcmp(p, MAGIC, ml) == 0 && (p += ml) &&
	    name_is(&p, end, "db", id->db) &&
	    name_is(&p, end, "table", id->table) &&
	    name_is(&p, end, "key", id->key) &&
	    number(&p, end, "saved", &when) && number(&p, end, "pid", &pid) &&
	    number(&p, end, "size", &len) && p < end && *p == '\n') {
		*saved = (time_t)when;
		*size = len;
		*offset = (size_t)(p + 1 - buf);
		err = 0;
	}
	free(buf);
	return err;
}

int recovery_read(const char *path, const struct recovery_id *id,
		  void **bytes, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno;
	time_t saved;
	uint64_t size;
	size_t off;
	struct stat st;
	int err = read_header(fd, id, &saved, &size, &off);
	if (!err && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
		     (uint64_t)st.st_size != off + size))
		err = EINVAL; /* cut short, or grown: not what was written */
	char *buf = NULL;
	if (!err && (buf = malloc(size ? (size_t)size : 1)) == NULL)
		err = ENOMEM;
	for (size_t got = 0; !err && got < size;) {
		ssize_t r = pread(fd, buf + got, (size_t)size - got,
				  (off_t)(off + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			err = r < 0 ? errno : EINVAL;
		else
			got += (size_t)r;
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	*bytes = buf;
	*len = (size_t)size;
	return 0;
}

static int newest_first(const void *a, const void *b)
{
	const struct recovery_file *x = a, *y = b;
	return x->saved < y->saved ? 1 : x->saved > y->saved ? -1
	       : strcmp(y->path, x->path);
}

void recovery_files_free(struct recovery_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(files[i].path);
	free(files);
}

int recovery_find(const char *dir, const struct recovery_id *id,
		  struct recovery_file **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	DIR *d = opendir(dir);
	if (d == NULL)
		return errno == ENOENT ? 0 : errno;
	char prefix[64];
	snprintf(prefix, sizeof prefix, "flockd-%016" PRIx64 "-", id_hash(id));
	size_t pl = strlen(prefix), cap = 0;
	int err = 0;
	struct dirent *e;
	while (!err && (e = readdir(d)) != NULL) {
		size_t nl = strlen(e->d_name);
		if (strncmp(e->d_name, prefix, pl) != 0 || nl < 5 ||
		    strcmp(e->d_name + nl - 5, ".save") != 0)
			continue;
		struct recovery_file f = {0};
		if (asprintf(&f.path, "%s/%s", dir, e->d_name) < 0) {
			err = ENOMEM;
			break;
		}
		int fd = open(f.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		size_t off;
		if (fd < 0 || read_header(fd, id, &f.saved, &f.size, &off)) {
			if (fd >= 0)
				close(fd);
			free(f.path);
			continue; /* another key's (a hash collision) */
		}
		close(fd);
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			struct recovery_file *nv = realloc(*out, cap * sizeof *nv);
			if (nv == NULL) {
				free(f.path);
				err = ENOMEM;
				break;
			}
			*out = nv;
		}
		(*out)[(*n)++] = f;
	}
	closedir(d);
	if (err) {
		recovery_files_free(*out, *n);
		*out = NULL;
		*n = 0;
		return err;
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, newest_first);
	return 0;
}

int recovery_remove(const char *path)
{
	return unlink(path) == 0 || errno == ENOENT ? 0 : errno;
}
