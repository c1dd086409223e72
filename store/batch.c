/* SPDX-License-Identifier: MIT */
/*
 * batch.c - batched writes: many values written to temp files, made
 * durable together (syncfs once per file system), then installed one by
 * one under their keys' locks by the ordinary write path without its
 * per-key directory fsync, and each touched directory fsync'd once. See
 * flockd_batch.h.
 */
#include "store_write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/vfs.h>
#include <unistd.h>

#define BATCH_GROUP_MAX 1024
#define BATCH_GROUP_MIN 16

struct batch_entry {
	flockd_table *table;
	char *key;
	struct store_temp tmp;
	enum flockd_put_mode mode;
	size_t index;
	uint64_t size;
	dev_t dev;
	struct timespec mtime;   /* flockd_batch_put_mtime */
	int has_mtime;
	/* the outcome */
	int err;
	const char *step;
	unsigned warnings;
};

struct flockd_batch {
	flockd_batch_fn fn;
	void *ctx;
	struct batch_entry *group;
	size_t count, cap;
	struct batch_entry open; /* a value given in pieces */
	int has_open;
	size_t next_index;
	int first_err;
	flockd_table **tables;   /* every table used, for the end */
	size_t ntables, tables_cap;
};

static size_t group_size(void)
{
	struct rlimit rl;
	size_t n = BATCH_GROUP_MAX;
	/* each pending value holds a descriptor; leave the caller plenty */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    (rl.rlim_cur - 64) / 2 < n)
		n = rl.rlim_cur > 64 + 2 * BATCH_GROUP_MIN
			    ? (size_t)(rl.rlim_cur - 64) / 2
			    : BATCH_GROUP_MIN;
	return n;
}

int flockd_batch_begin(unsigned flags, flockd_batch_fn fn, void *ctx,
		       flockd_batch **out)
{
	if (flags != 0 || out == NULL)
		return EINVAL;
	struct flockd_batch *b = calloc(1, sizeof *b);
	if (b == NULL)
		return ENOMEM;
	b->cap = group_size();
	b->group = calloc(b->cap, sizeof *b->group);
	if (b->group == NULL) {
		free(b);
		return ENOMEM;
	}
	b->fn = fn;
	b->ctx = ctx;
	*out = b;
	return FLOCKD_OK;
}

static int remember_table(struct flockd_batch *b, flockd_table *t)
{
	for (size_t i = b->ntables; i-- > 0;)
		if (b->tables[i] == t)
			return FLOCKD_OK;
	if (b->ntables == b->tables_cap) {
		size_t cap = b->tables_cap ? b->tables_cap * 2 : 8;
		flockd_table **grown = realloc(b->tables, cap * sizeof *grown);
		if (grown == NULL)
			return ENOMEM;
		b->tables = grown;
		b->tables_cap = cap;
	}
	b->tables[b->ntables++] = t;
	return FLOCKD_OK;
}

static void report(struct flockd_batch *b, const struct batch_entry *e)
{
	if (e->err != FLOCKD_OK && b->first_err == FLOCKD_OK)
		b->first_err = e->err;
	if (b->fn == NULL)
		return;
	struct flockd_batch_result r = {
		.index = e->index, .table = e->table, .key = e->key,
		.size = e->size, .err = e->err, .step = e->step,
		.installed = e->tmp.installed, .warnings = e->warnings,
	};
	b->fn(&r, b->ctx);
}

/* Does a successful syncfs(2) on this descriptor prove that every file of
 * its file system written since the descriptor was opened is durable and
 * had no write-back error? Since Linux 5.8 syncfs reports such errors, and
 * on these local file systems it commits data and metadata (the journal)
 * together. Elsewhere each file is fsync'd as well. */
static int syncfs_is_proof(int fd)
{
	struct utsname u;
	int major = 0, minor = 0;
	if (uname(&u) != 0 || sscanf(u.release, "%d.%d", &major, &minor) != 2 ||
	    major * 1000 + minor < 5008)
		return 0;
	struct statfs sf;
	if (fstatfs(fd, &sf) != 0)
		return 0;
	switch ((unsigned long)sf.f_type) {
	case 0xEF53UL:     /* ext2/3/4 */
	case 0x58465342UL: /* xfs */
	case 0x9123683EUL: /* btrfs */
	case 0x01021994UL: /* tmpfs */
		return 1;
	default:
		return 0;
	}
}

/* Step 1: everything written so far onto the disk, one syncfs per file
 * system (on the descriptor of the group's first value there, opened
 * before any of the group was written, so its write-back errors count).
 * Where that is not proof enough, or it failed, each value is fsync'd:
 * that finds which ones failed. */
static void make_durable(struct flockd_batch *b)
{
	dev_t synced[8];
	int proof[8];
	size_t nsynced = 0;
	for (size_t i = 0; i < b->count && nsynced < 8; i++) {
		struct batch_entry *e = &b->group[i];
		size_t j = 0;
		while (j < nsynced && synced[j] != e->dev)
			j++;
		if (j < nsynced)
			continue;
		synced[nsynced] = e->dev;
		proof[nsynced++] = syncfs(e->tmp.fd) == 0 &&
				   syncfs_is_proof(e->tmp.fd);
	}
	for (size_t i = 0; i < b->count; i++) {
		struct batch_entry *e = &b->group[i];
		size_t j = 0;
		while (j < nsynced && synced[j] != e->dev)
			j++;
		store_begin_write(e->table);
		e->err = j < nsynced && proof[j]
				 ? FLOCKD_OK
				 : store_temp_sync(e->table, &e->tmp);
		e->step = e->err ? e->table->report->step : "";
		e->warnings = 0;
	}
}

/* Step 2: each key as set/create/update would, without the directory
 * fsync; returns whether it took its name. */
static void install_one(struct batch_entry *e)
{
	flockd_table *t = e->table;
	char name[NAME_MAX + 1];
	store_key_filename(e->key, name);
	store_begin_write(t);
	struct store_deadline dl;
	store_deadline_start(&dl, t);
	e->err = store_install(t, name, &e->tmp, e->mode, &dl,
			       STORE_INSTALL_NOSYNC);
	e->step = e->err ? t->report->step : "";
	e->warnings = t->report->warnings;
	if (e->err != FLOCKD_OK && !e->tmp.installed)
		store_temp_discard(t, &e->tmp);
	else
		store_temp_close(&e->tmp);
}

/* Step 3: each touched directory once; its failure is every installed
 * value's of that directory. */
static void sync_dirs(struct flockd_batch *b)
{
	for (size_t i = 0; i < b->count; i++) {
		struct batch_entry *e = &b->group[i];
		if (!e->tmp.installed)
			continue;
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = b->group[j].tmp.installed &&
			       b->group[j].table == e->table;
		if (seen)
			continue;
		int err = store_sync_dir(e->table);
		store_table_write_done(e->table, 1);
		for (size_t j = i; j < b->count && err != FLOCKD_OK; j++) {
			struct batch_entry *f = &b->group[j];
			if (f->tmp.installed && f->table == e->table &&
			    f->err == FLOCKD_OK) {
				f->err = err;
				f->step = "fsync directory";
			}
		}
	}
}

static void flush(struct flockd_batch *b)
{
	make_durable(b);
	for (size_t i = 0; i < b->count; i++) {
		struct batch_entry *e = &b->group[i];
		if (e->err == FLOCKD_OK)
			install_one(e);
		else
			store_temp_discard(e->table, &e->tmp);
	}
	sync_dirs(b);
	for (size_t i = 0; i < b->count; i++) {
		report(b, &b->group[i]);
		free(b->group[i].key);
	}
	b->count = 0;
}

/* Checks and a temp file for a new value (the put calls' common start). */
static int entry_start(struct flockd_batch *b, flockd_table *t,
		       const char *key, enum flockd_put_mode mode,
		       struct batch_entry *e)
{
	memset(e, 0, sizeof *e);
	e->index = b->next_index++;
	if (b->has_open)
		return EBUSY;
	char name[NAME_MAX + 1];
	int err = remember_table(b, t);
	if (err == FLOCKD_OK)
		err = store_put_prepare(t, key, mode, name);
	if (err == FLOCKD_OK && (e->key = strdup(key)) == NULL)
		err = ENOMEM;
	if (err == FLOCKD_OK)
		err = store_temp_open(t, name, &e->tmp);
	if (err != FLOCKD_OK) {
		free(e->key);
		e->key = NULL;
		return err;
	}
	struct stat st;
	e->dev = fstat(e->tmp.fd, &st) == 0 ? st.st_dev : 0;
	e->table = t;
	e->mode = mode;
	return FLOCKD_OK;
}

static void entry_drop(struct batch_entry *e)
{
	store_temp_discard(e->table, &e->tmp);
	free(e->key);
	e->key = NULL;
}

/* Queue a finished value, installing the full group first. */
static void entry_queue(struct flockd_batch *b, struct batch_entry *e)
{
	if (b->count == b->cap)
		flush(b);
	b->group[b->count++] = *e;
}

static int put_source(struct flockd_batch *b, flockd_table *t,
		      const char *key, const struct store_source *src,
		      enum flockd_put_mode mode, uint64_t *copied)
{
	struct batch_entry e;
	int err = entry_start(b, t, key, mode, &e);
	if (err != FLOCKD_OK)
		return err;
	err = store_temp_fill(t, &e.tmp, src, &e.size);
	if (err != FLOCKD_OK) {
		entry_drop(&e);
		return err;
	}
	if (copied != NULL)
		*copied = e.size;
	entry_queue(b, &e);
	return FLOCKD_OK;
}

int flockd_batch_put(flockd_batch *b, flockd_table *t, const char *key,
		     const void *value, size_t len, enum flockd_put_mode mode)
{
	struct store_source src = {value, len, -1};
	return put_source(b, t, key, &src, mode, NULL);
}

int flockd_batch_put_from_fd(flockd_batch *b, flockd_table *t,
			     const char *key, int fd,
			     enum flockd_put_mode mode, uint64_t *copied)
{
	if (copied != NULL)
		*copied = 0;
	struct store_source src = {NULL, 0, fd};
	return put_source(b, t, key, &src, mode, copied);
}

int flockd_batch_put_start(flockd_batch *b, flockd_table *t, const char *key,
			   enum flockd_put_mode mode)
{
	int err = entry_start(b, t, key, mode, &b->open);
	b->has_open = err == FLOCKD_OK;
	return err;
}

int flockd_batch_write(flockd_batch *b, const void *buf, size_t len)
{
	if (!b->has_open)
		return EINVAL;
	flockd_table *t = b->open.table;
	int err = store_write_all(t, b->open.tmp.fd, buf, len);
	if (err == FLOCKD_OK && store_cancelled(t))
		err = ECANCELED;
	if (err != FLOCKD_OK) {
		store_fail(t, "write temp file", err);
		flockd_batch_put_cancel(b);
		return err;
	}
	b->open.size += len;
	return FLOCKD_OK;
}

int flockd_batch_put_mtime(flockd_batch *b,
			   const struct flockd_timespec *mtime)
{
	if (!b->has_open || mtime == NULL || mtime->tv_nsec < 0 ||
	    mtime->tv_nsec >= 1000000000L)
		return EINVAL;
	b->open.mtime.tv_sec = (time_t)mtime->tv_sec;
	b->open.mtime.tv_nsec = mtime->tv_nsec;
	b->open.has_mtime = 1;
	return FLOCKD_OK;
}

int flockd_batch_put_end(flockd_batch *b)
{
	if (!b->has_open)
		return EINVAL;
	/* after the last write, which would set the time again, and before
	 * the syncfs that makes the value durable, time included */
	if (b->open.has_mtime) {
		struct timespec times[2] = {{0, UTIME_OMIT}, b->open.mtime};
		if (futimens(b->open.tmp.fd, times) != 0) {
			int err = store_fail(b->open.table,
					     "set modification time", errno);
			flockd_batch_put_cancel(b);
			return err;
		}
	}
	b->has_open = 0;
	entry_queue(b, &b->open);
	return FLOCKD_OK;
}

void flockd_batch_put_cancel(flockd_batch *b)
{
	if (!b->has_open)
		return;
	entry_drop(&b->open);
	b->has_open = 0;
}

/* The end of a batch: tables that this batch created and never used are
 * removed again (CREATE_ON_WRITE), and the batch is freed. */
static void batch_free(struct flockd_batch *b)
{
	for (size_t i = 0; i < b->ntables; i++)
		store_table_write_done(b->tables[i], 0);
	free(b->tables);
	free(b->group);
	free(b);
}

int flockd_batch_commit(flockd_batch *b)
{
	flockd_batch_put_cancel(b);
	if (b->count > 0)
		flush(b);
	int err = b->first_err;
	batch_free(b);
	return err;
}

void flockd_batch_abort(flockd_batch *b)
{
	if (b == NULL)
		return;
	flockd_batch_put_cancel(b);
	for (size_t i = 0; i < b->count; i++) {
		struct batch_entry *e = &b->group[i];
		store_temp_discard(e->table, &e->tmp);
		e->err = ECANCELED;
		e->step = "abort";
		report(b, e);
		free(e->key);
	}
	b->count = 0;
	batch_free(b);
}
