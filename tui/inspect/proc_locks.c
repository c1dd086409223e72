/* SPDX-License-Identifier: MIT */
/* proc_locks.c - parsing /proc/locks and reading /proc/PID/comm. */
#include "inspect/proc_locks.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* Next whitespace-separated token of *p: its start and length (0 at the
 * end of the line). */
static size_t next_token(const char **p, const char **tok)
{
	const char *s = *p;
	while (*s == ' ' || *s == '\t')
		s++;
	*tok = s;
	while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\n')
		s++;
	*p = s;
	return (size_t)(s - *tok);
}

static int token_is(const char *tok, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(tok, word, len) == 0;
}

/* Parse an unsigned decimal (or hex) number filling the whole token. */
static int parse_u64(const char *tok, size_t len, int base, uint64_t *out)
{
	if (len == 0 || len > 24)
		return -1;
	char buf[32];
	memcpy(buf, tok, len);
	buf[len] = '\0';
	if (buf[0] == '-' || buf[0] == '+')
		return -1;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(buf, &end, base);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

/* "fd:01:123456" (device in hex, inode in decimal) or "<none>:0". */
static int parse_dev_ino(const char *tok, size_t len, struct proc_lock *out)
{
	if (len >= 6 && memcmp(tok, "<none>", 6) == 0) {
		out->dev_major = out->dev_minor = 0;
		out->ino = 0;
		return 0;
	}
	const char *c1 = memchr(tok, ':', len);
	if (c1 == NULL)
		return -1;
	const char *c2 = memchr(c1 + 1, ':', len - (size_t)(c1 + 1 - tok));
	if (c2 == NULL)
		return -1;
	uint64_t maj, min, ino;
	if (parse_u64(tok, (size_t)(c1 - tok), 16, &maj) != 0 ||
	    parse_u64(c1 + 1, (size_t)(c2 - c1 - 1), 16, &min) != 0 ||
	    parse_u64(c2 + 1, len - (size_t)(c2 + 1 - tok), 10, &ino) != 0 ||
	    maj > UINT_MAX || min > UINT_MAX)
		return -1;
	out->dev_major = (unsigned)maj;
	out->dev_minor = (unsigned)min;
	out->ino = ino;
	return 0;
}

int proc_locks_parse_line(const char *line, struct proc_lock *out)
{
	struct proc_lock l;
	memset(&l, 0, sizeof l);
	const char *p = line, *tok;
	size_t len = next_token(&p, &tok);
	/* "12:" */
	uint64_t id;
	if (len < 2 || tok[len - 1] != ':' ||
	    parse_u64(tok, len - 1, 10, &id) != 0 || id > LLONG_MAX)
		return -1;
	l.id = (long long)id;
	len = next_token(&p, &tok);
	if (token_is(tok, len, "->")) {
		l.blocked = 1;
		len = next_token(&p, &tok);
	}
	if (token_is(tok, len, "FLOCK"))
		l.cls = PROC_LOCK_FLOCK;
	else if (token_is(tok, len, "POSIX"))
		l.cls = PROC_LOCK_POSIX;
	else if (token_is(tok, len, "OFDLCK"))
		l.cls = PROC_LOCK_OFD;
	else if (token_is(tok, len, "LEASE") || token_is(tok, len, "DELEG"))
		l.cls = PROC_LOCK_LEASE;
	else if (len > 0)
		l.cls = PROC_LOCK_OTHER;
	else
		return -1;
	/* ADVISORY, MANDATORY, or a lease state (ACTIVE, BREAKING, ...) */
	len = next_token(&p, &tok);
	if (len == 0)
		return -1;
	l.mandatory = token_is(tok, len, "MANDATORY");
	len = next_token(&p, &tok);
	if (token_is(tok, len, "READ"))
		l.access = PROC_LOCK_READ;
	else if (token_is(tok, len, "WRITE"))
		l.access = PROC_LOCK_WRITE;
	else if (len > 0)
		l.access = PROC_LOCK_NONE;
	else
		return -1;
	/* pid: may be -1 */
	len = next_token(&p, &tok);
	uint64_t pid;
	if (token_is(tok, len, "-1"))
		l.pid = -1;
	else if (parse_u64(tok, len, 10, &pid) == 0 && pid <= LONG_MAX)
		l.pid = (long)pid;
	else
		return -1;
	len = next_token(&p, &tok);
	if (parse_dev_ino(tok, len, &l) != 0)
		return -1;
	len = next_token(&p, &tok);
	if (parse_u64(tok, len, 10, &l.start) != 0)
		return -1;
	len = next_token(&p, &tok);
	if (token_is(tok, len, "EOF"))
		l.end = UINT64_MAX;
	else if (parse_u64(tok, len, 10, &l.end) != 0)
		return -1;
	*out = l;
	return 0;
}

static int push(struct proc_locks *locks, const struct proc_lock *l)
{
	if (locks->n == locks->cap) {
		size_t cap = locks->cap ? locks->cap * 2 : 32;
		struct proc_lock *v = realloc(locks->v, cap * sizeof *v);
		if (v == NULL)
			return ENOMEM;
		locks->v = v;
		locks->cap = cap;
	}
	locks->v[locks->n++] = *l;
	return 0;
}

int proc_locks_load(const char *path, struct proc_locks *out)
{
	memset(out, 0, sizeof *out);
	FILE *f = fopen(path, "re");
	if (f == NULL)
		return errno;
	char *line = NULL;
	size_t cap = 0;
	int err = 0;
	errno = 0;
	while (getline(&line, &cap, f) >= 0) {
		struct proc_lock l;
		if (proc_locks_parse_line(line, &l) != 0) {
			out->malformed++;
			continue;
		}
		if ((err = push(out, &l)) != 0)
			break;
	}
	if (err == 0 && ferror(f))
		err = errno ? errno : EIO;
	free(line);
	fclose(f);
	if (err != 0)
		proc_locks_free(out);
	return err;
}

void proc_locks_free(struct proc_locks *locks)
{
	free(locks->v);
	memset(locks, 0, sizeof *locks);
}

int proc_lock_on_dev(const struct proc_lock *lock, dev_t dev, int any_anon)
{
	if (lock->dev_major == major(dev) && lock->dev_minor == minor(dev))
		return 1;
	return any_anon && lock->dev_major == 0 && major(dev) == 0;
}

const char *proc_lock_class_name(enum proc_lock_class cls)
{
	switch (cls) {
	case PROC_LOCK_FLOCK:
		return "flock";
	case PROC_LOCK_POSIX:
		return "posix";
	case PROC_LOCK_OFD:
		return "ofd";
	case PROC_LOCK_LEASE:
		return "lease";
	default:
		return "other";
	}
}

const char *proc_lock_mode_name(enum proc_lock_access access)
{
	switch (access) {
	case PROC_LOCK_READ:
		return "shared";
	case PROC_LOCK_WRITE:
		return "exclusive";
	default:
		return "none";
	}
}

int proc_comm(const char *proc_root, long pid, char *buf, size_t size)
{
	if (size == 0)
		return EINVAL;
	buf[0] = '\0';
	if (pid <= 0)
		return ENOENT;
	char path[PATH_MAX];
	int n = snprintf(path, sizeof path, "%s/%ld/comm", proc_root, pid);
	if (n < 0 || (size_t)n >= sizeof path)
		return ENAMETOOLONG;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return errno;
	ssize_t got;
	do
		got = read(fd, buf, size - 1);
	while (got < 0 && errno == EINTR);
	int err = got < 0 ? errno : 0;
	close(fd);
	if (err != 0)
		return err;
	size_t len = (size_t)got;
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	return 0;
}

static int cmp_locked_inode(const void *a, const void *b)
{
	const struct locked_inode *x = a, *y = b;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

int locked_set_build(const struct proc_locks *locks, dev_t dev, int any_anon,
		     struct locked_set *out)
{
	memset(out, 0, sizeof *out);
	size_t n = 0;
	for (size_t i = 0; i < locks->n; i++)
		if (proc_lock_on_dev(&locks->v[i], dev, any_anon))
			n++;
	if (n == 0)
		return 0;
	struct locked_inode *v = malloc(n * sizeof *v);
	if (v == NULL)
		return ENOMEM;
	size_t k = 0;
	for (size_t i = 0; i < locks->n; i++) {
		const struct proc_lock *l = &locks->v[i];
		if (!proc_lock_on_dev(l, dev, any_anon))
			continue;
		v[k].ino = l->ino;
		v[k].access = l->blocked ? PROC_LOCK_NONE : l->access;
		v[k].waiters = l->blocked;
		k++;
	}
	qsort(v, k, sizeof *v, cmp_locked_inode);
	/* merge duplicates: the strongest held mode, waiters summed */
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		if (m > 0 && v[m - 1].ino == v[i].ino) {
			if (v[i].access == PROC_LOCK_WRITE ||
			    v[m - 1].access == PROC_LOCK_NONE)
				v[m - 1].access = v[i].access;
			v[m - 1].waiters += v[i].waiters;
		} else {
			v[m++] = v[i];
		}
	}
	out->v = v;
	out->n = m;
	return 0;
}

const struct locked_inode *locked_set_find(const struct locked_set *set,
					   uint64_t ino)
{
	struct locked_inode key = {.ino = ino};
	if (set->n == 0)
		return NULL;
	return bsearch(&key, set->v, set->n, sizeof key, cmp_locked_inode);
}

void locked_set_free(struct locked_set *set)
{
	free(set->v);
	memset(set, 0, sizeof *set);
}
