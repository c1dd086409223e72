/* replica_diff.c - comparing two databases table by table, key by key:
 * one key's comparison, and the results' names and look-ups. Listing and
 * the whole table's comparison, in slices, are replica_diff_job.c's. */
#include "inspect/replica_diff_impl.h"


#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *diff_status_name(enum diff_status s)
{
	switch (s) {
	case DIFF_SAME:
		return "same";
	case DIFF_ONLY_A:
		return "only-a";
	case DIFF_ONLY_B:
		return "only-b";
	case DIFF_DIFFERS:
		return "differs";
	default:
		return "trouble";
	}
}

const char *diff_reason_name(enum diff_reason r)
{
	switch (r) {
	case DIFF_REASON_SIZE:
		return "size";
	case DIFF_REASON_CONTENT:
		return "content";
	case DIFF_REASON_TYPE:
		return "type";
	default:
		return "";
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int diff_names_contains(char *const *names, size_t n, const char *name)
{
	return n > 0 && bsearch(&name, names, n, sizeof *names, cmp_str);
}

/* "KEY.kv" in a fixed buffer; keys are at most NAME_MAX long. */
static int key_file(const char *key, char *buf, size_t size)
{
	size_t n = strlen(key);
	if (n + 4 > size)
		return FLOCKD_EINVALID;
	memcpy(buf, key, n);
	memcpy(buf + n, ".kv", 4);
	return 0;
}

static void trouble(struct diff_key *k, char side, int err)
{
	k->status = DIFF_TROUBLE;
	k->side = side;
	k->err = err;
}

/* The file types differ, or both are symlinks: compare what lstat and
 * readlink say. */
static void compare_types(flockd_table *ta, flockd_table *tb,
			  const char *name, struct diff_key *k)
{
	struct flockd_stat sa, sb;
	int err = flockd_key_stat(ta, k->key, &sa);
	if (err != 0)
		return trouble(k, 'A', err);
	if ((err = flockd_key_stat(tb, k->key, &sb)) != 0)
		return trouble(k, 'B', err);
	k->status = DIFF_DIFFERS;
	k->reason = DIFF_REASON_TYPE;
	if ((sa.mode & S_IFMT) != (sb.mode & S_IFMT))
		return;
	char la[PATH_MAX], lb[PATH_MAX];
	ssize_t na = 0, nb = 0;
	if (S_ISLNK(sa.mode)) {
		na = readlinkat(flockd_table_dirfd(ta), name, la, sizeof la);
		nb = readlinkat(flockd_table_dirfd(tb), name, lb, sizeof lb);
	}
	if (na < 0)
		return trouble(k, 'A', errno);
	if (nb < 0)
		return trouble(k, 'B', errno);
	if (na == nb && memcmp(la, lb, (size_t)na) == 0) {
		k->status = DIFF_SAME;
		k->reason = DIFF_REASON_NONE;
	}
}


static int read_full(int fd, char *buf, size_t len, off_t off, size_t *got)
{
	size_t n = 0;
	while (n < len) {
		ssize_t r = pread(fd, buf + n, len - n, off + (off_t)n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*got = n;
	return 0;
}

/* Compare the first `size` bytes of two values, DIFF_CHUNK at a time in
 * `buf` (2 * DIFF_CHUNK bytes): DIFF_SAME, DIFF_DIFFERS or an errno. */
static int compare_fds(int a, int b, uint64_t size, char *buf, int *status)
{
	char *bufa = buf, *bufb = buf + DIFF_CHUNK;
	uint64_t off = 0;
	*status = DIFF_SAME;
	while (off < size) {
		size_t want = size - off < DIFF_CHUNK ? (size_t)(size - off)
						      : DIFF_CHUNK;
		size_t na, nb;
		int res = read_full(a, bufa, want, (off_t)off, &na);
		if (res == 0)
			res = read_full(b, bufb, want, (off_t)off, &nb);
		if (res != 0)
			return res;
		if (na != nb || memcmp(bufa, bufb, na) != 0) {
			*status = DIFF_DIFFERS;
			return 0;
		}
		if (na < want)
			return 0; /* both shorter than their size */
		off += na;
	}
	return 0;
}

void rd_compare_key(flockd_table *ta, flockd_table *tb, char *buf,
		    struct diff_key *k, unsigned read_flags)
{
	char name[NAME_MAX + 8];
	int err = key_file(k->key, name, sizeof name);
	if (err != 0)
		return trouble(k, 'A', err);
	flockd_reader *ra = NULL, *rb = NULL;
	int ea = flockd_read_open(ta, k->key, read_flags, &ra);
	if (ea != 0 && ea != FLOCKD_ENOTREG)
		return trouble(k, 'A', ea);
	int eb = flockd_read_open(tb, k->key, read_flags, &rb);
	if (eb != 0 && eb != FLOCKD_ENOTREG) {
		flockd_read_close(ra);
		return trouble(k, 'B', eb);
	}
	if (ea == FLOCKD_ENOTREG || eb == FLOCKD_ENOTREG) {
		flockd_read_close(ra);
		flockd_read_close(rb);
		return compare_types(ta, tb, name, k);
	}
	const struct flockd_stat *la = flockd_read_stat(ra);
	const struct flockd_stat *lb = flockd_read_stat(rb);
	k->size_a = la->size;
	k->size_b = lb->size;
	k->status = DIFF_DIFFERS;
	if (la->size != lb->size) {
		k->reason = DIFF_REASON_SIZE;
	} else if (la->dev == lb->dev && la->ino == lb->ino) {
		k->status = DIFF_SAME; /* one file, seen twice */
	} else {
		int status;
		err = compare_fds(flockd_read_fd(ra), flockd_read_fd(rb),
				  la->size, buf, &status);
		if (err != 0)
			trouble(k, 'A', err);
		else if (status == DIFF_SAME)
			k->status = DIFF_SAME;
		else
			k->reason = DIFF_REASON_CONTENT;
	}
	flockd_read_close(ra);
	flockd_read_close(rb);
}

void diff_table_free(struct diff_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->keys[i].key);
	free(t->keys);
	free(t->name);
	memset(t, 0, sizeof *t);
}

static int cmp_diff_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct diff_key *)elem)->key);
}

const struct diff_key *diff_table_find(const struct diff_table *t,
				       const char *key)
{
	if (t->n == 0)
		return NULL;
	return bsearch(key, t->keys, t->n, sizeof *t->keys, cmp_diff_key);
}

int replica_diff_tables(flockd_db *a, flockd_db *b,
			struct diff_table_names *out)
{
	memset(out, 0, sizeof *out);
	int err = flockd_tables(a, &out->a, &out->na);
	if (err != 0)
		return err;
	if ((err = flockd_tables(b, &out->b, &out->nb)) != 0) {
		flockd_names_free(out->a, out->na);
		memset(out, 0, sizeof *out);
	}
	return err;
}

void diff_table_names_free(struct diff_table_names *t)
{
	flockd_names_free(t->a, t->na);
	flockd_names_free(t->b, t->nb);
	memset(t, 0, sizeof *t);
}
