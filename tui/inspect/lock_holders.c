/* SPDX-License-Identifier: MIT */
/* lock_holders.c - matching /proc/locks to the files of a table. */
#include "inspect/lock_holders.h"

#include "inspect/fsinfo.h"
#include "inspect/proc_info.h"

#include "common/textsafe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

/* The device of the table's directory, and whether inode numbers must be
 * matched loosely among anonymous devices (btrfs subvolumes). */
static int table_dev(flockd_table *table, dev_t *dev, int *any_anon)
{
	int dirfd = flockd_table_dirfd(table);
	struct stat st;
	if (fstat(dirfd, &st) != 0)
		return errno;
	struct statfs sfs;
	*dev = st.st_dev;
	*any_anon = fstatfs(dirfd, &sfs) == 0 &&
		    (unsigned long)sfs.f_type == FSINFO_BTRFS_MAGIC;
	return 0;
}

int table_locked_set(flockd_table *table, const struct proc_locks *locks,
		     struct locked_set *out)
{
	memset(out, 0, sizeof *out);
	dev_t dev;
	int any_anon;
	int err = table_dev(table, &dev, &any_anon);
	return err ? err : locked_set_build(locks, dev, any_anon, out);
}

static int push_holder(struct lock_holders *h, flockd_table *table,
		       const struct flockd_scan_entry *e,
		       const struct proc_lock *l, const char *proc_root)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 16;
		struct lock_holder *v = realloc(h->v, cap * sizeof *v);
		if (v == NULL)
			return ENOMEM;
		h->v = v;
		h->cap = cap;
	}
	struct lock_holder *x = &h->v[h->n];
	memset(x, 0, sizeof *x);
	x->table = strdup(flockd_table_name(table));
	x->name = strdup(e->name);
	if (e->key_len > 0)
		x->key = strndup(e->name + e->key_off, e->key_len);
	if (x->table == NULL || x->name == NULL ||
	    (e->key_len > 0 && x->key == NULL)) {
		free(x->table);
		free(x->name);
		free(x->key);
		return ENOMEM;
	}
	x->kind = e->kind;
	x->lock = *l;
	if (proc_comm(proc_root, l->pid, x->comm, sizeof x->comm) != 0)
		x->comm[0] = '\0';
	char cmd[1024];
	if (proc_cmdline(proc_root, l->pid, cmd, sizeof cmd) == 0)
		x->cmdline = strdup(cmd); /* NULL on ENOMEM: unknown */
	x->have_start = proc_start_ticks(proc_root, l->pid,
					 &x->start_ticks) == 0;
	h->n++;
	return 0;
}

static int cmp_holder(const void *a, const void *b)
{
	const struct lock_holder *x = a, *y = b;
	int c = strcmp(x->table, y->table);
	if (c == 0)
		c = strcmp(x->name, y->name);
	if (c == 0)
		c = x->lock.blocked - y->lock.blocked;
	if (c == 0)
		c = x->lock.pid < y->lock.pid ? -1 : x->lock.pid > y->lock.pid;
	return c;
}

int lock_holders_collect(flockd_table *table, const struct proc_locks *locks,
			 const char *proc_root, struct lock_holders *out)
{
	struct locked_set set;
	int err = table_locked_set(table, locks, &set);
	if (err != 0 || set.n == 0)
		return err;
	dev_t dev;
	int any_anon;
	if ((err = table_dev(table, &dev, &any_anon)) != 0) {
		locked_set_free(&set);
		return err;
	}
	flockd_scan *scan;
	err = flockd_scan_open(table, &scan);
	if (err != 0) {
		locked_set_free(&set);
		return err;
	}
	size_t first = out->n;
	struct flockd_scan_entry batch[256];
	size_t n;
	while (err == 0 &&
	       (err = flockd_scan_next(scan, batch, 256, &n)) == 0 && n > 0) {
		for (size_t i = 0; i < n && err == 0; i++) {
			if (locked_set_find(&set, batch[i].ino) == NULL)
				continue;
			for (size_t k = 0; k < locks->n && err == 0; k++) {
				const struct proc_lock *l = &locks->v[k];
				if (l->ino == batch[i].ino &&
				    proc_lock_on_dev(l, dev, any_anon))
					err = push_holder(out, table, &batch[i],
							  l, proc_root);
			}
		}
	}
	flockd_scan_close(scan);
	locked_set_free(&set);
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v,
		      cmp_holder);
	return err;
}

int lock_holders_of_file(flockd_table *table, const char *name,
			 uint64_t ino, const struct proc_locks *locks,
			 const char *proc_root, struct lock_holders *out)
{
	dev_t dev;
	int any_anon, err = table_dev(table, &dev, &any_anon);
	struct flockd_scan_entry e = {.name = name, .name_len = strlen(name),
				      .ino = ino};
	struct flockd_name_info info;
	e.kind = flockd_classify_name(name, e.name_len, &info);
	e.key_off = info.key_off;
	e.key_len = info.key_len;
	size_t first = out->n;
	for (size_t k = 0; k < locks->n && err == 0; k++) {
		const struct proc_lock *l = &locks->v[k];
		if (l->ino == ino && proc_lock_on_dev(l, dev, any_anon))
			err = push_holder(out, table, &e, l, proc_root);
	}
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v,
		      cmp_holder);
	return err;
}

int lock_holder_recheck(const struct lock_holder *h, const char *locks_path,
			const char *proc_root)
{
	struct proc_locks locks;
	uint64_t start;
	if (h->lock.blocked || h->lock.pid <= 0 || !h->have_start)
		return ESRCH;
	int err = proc_locks_load(locks_path, &locks);
	if (err != 0)
		return err;
	int held = 0;
	for (size_t k = 0; k < locks.n && !held; k++) {
		const struct proc_lock *l = &locks.v[k];
		held = !l->blocked && l->pid == h->lock.pid &&
		       l->ino == h->lock.ino &&
		       l->dev_major == h->lock.dev_major &&
		       l->dev_minor == h->lock.dev_minor;
	}
	proc_locks_free(&locks);
	if (!held)
		return ESRCH;
	err = proc_start_ticks(proc_root, h->lock.pid, &start);
	if (err == ENOENT || (err == 0 && start != h->start_ticks))
		return ESRCH;
	return err;
}

void lock_holders_free(struct lock_holders *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].table);
		free(h->v[i].name);
		free(h->v[i].key);
		free(h->v[i].cmdline);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

/* "pid 4242 (flock) shared" for one lock, its command escaped. */
static size_t describe_one(const struct proc_lock *l, const char *proc_root,
			   char *buf, size_t size)
{
	char comm[64], shown[128];
	if (proc_comm(proc_root, l->pid, comm, sizeof comm) != 0)
		snprintf(comm, sizeof comm, "?");
	textsafe_name_buf(shown, sizeof shown, comm, strlen(comm),
			  textsafe_locale());
	int w;
	if (l->pid < 0)
		w = snprintf(buf, size, "an open file description of another "
			     "process (%s)", proc_lock_mode_name(l->access));
	else
		w = snprintf(buf, size, "pid %ld (%s, %s)", l->pid, shown,
			     proc_lock_mode_name(l->access));
	return w < 0 ? 0 : (size_t)w < size ? (size_t)w : size - 1;
}

int lock_holders_describe(flockd_table *table, const char *key,
			  const struct proc_locks *locks,
			  const char *proc_root, long self, char *buf,
			  size_t size, int *waiters)
{
	struct flockd_stat st;
	dev_t dev;
	int any_anon, holders = 0;
	size_t o = 0;
	if (size > 0)
		buf[0] = '\0';
	*waiters = 0;
	if (flockd_key_stat(table, key, &st) != FLOCKD_OK ||
	    table_dev(table, &dev, &any_anon) != 0)
		return 0;
	for (int pass = 0; pass < 2; pass++) { /* holders, then waiters */
		for (size_t k = 0; k < locks->n; k++) {
			const struct proc_lock *l = &locks->v[k];
			if (l->blocked != pass || l->ino != (uint64_t)st.ino ||
			    !proc_lock_on_dev(l, dev, any_anon) ||
			    (self > 0 && l->pid == self))
				continue;
			if (pass)
				(*waiters)++;
			else
				holders++;
			if (o + 80 > size)
				continue;
			const char *sep = !pass ? (holders > 1 ? ", " : "")
					  : *waiters > 1 ? ", "
					  : o ? "; waiting: " : "waiting: ";
			o += (size_t)snprintf(buf + o, size - o, "%s", sep);
			o += describe_one(l, proc_root, buf + o, size - o);
		}
	}
	return holders;
}
