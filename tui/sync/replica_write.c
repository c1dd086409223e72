/* SPDX-License-Identifier: MIT */
/* replica_write.c - writing values (with their times) and deleting keys,
 * here through a batch, there through flockd commands. */
#include "sync/replica_internal.h"

#include "sync/manifest_wire.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct replica_writer {
	struct replica *r;
	replica_result_fn fn;
	void *ctx;
	int first_err;
	/* local */
	flockd_batch *batch;
	unsigned char *modes;      /* each batch put's mode, by its index */
	size_t nputs, modes_cap;
	flockd_table **tables;
	size_t ntables;
	/* the value being put */
	int open;
	enum flockd_put_mode mode;
	char *table, *key;
	uint64_t size, written;
	struct remote_proc proc;   /* remote: its set/create/update */
	/* remote deletes waiting to be sent: one table at a time */
	char *del_table;
	char **del_keys;
	size_t ndel;
};

static void result_mode(struct replica_writer *w, const char *table,
			const char *key, enum flockd_put_mode mode,
			int is_delete, int err, const char *step,
			uint64_t size, const char *messages,
			unsigned warnings)
{
	if (err != 0 && w->first_err == 0)
		w->first_err = err;
	struct replica_result res = {table, key, is_delete, mode, err,
				     step ? step : "", size, messages,
				     warnings};
	w->fn(&res, w->ctx);
}

static void result(struct replica_writer *w, const char *table,
		   const char *key, int is_delete, int err, const char *step,
		   uint64_t size, const char *messages)
{
	result_mode(w, table, key, w->mode, is_delete, err, step, size,
		    messages, 0);
}

static void batch_result(const struct flockd_batch_result *b, void *ctx)
{
	struct replica_writer *w = ctx;
	enum flockd_put_mode mode = b->index < w->nputs
					    ? (enum flockd_put_mode)w->modes[b->index]
					    : FLOCKD_PUT_SET;
	result_mode(w, flockd_table_name(b->table), b->key, mode, 0, b->err,
		    b->step, b->size, NULL, b->warnings);
}

int replica_writer_open(struct replica *r, replica_result_fn fn, void *ctx,
			struct replica_writer **out)
{
	if (!r->writable)
		return EINVAL;
	struct replica_writer *w = calloc(1, sizeof *w);
	if (w == NULL)
		return ENOMEM;
	w->r = r;
	w->fn = fn;
	w->ctx = ctx;
	w->proc.pid = -1;
	if (!replica_is_remote(r)) {
		int err = flockd_batch_begin(0, batch_result, w, &w->batch);
		if (err != 0) {
			free(w);
			return err;
		}
	}
	*out = w;
	return 0;
}

/* A table of the local database, kept open until the batch ends. */
static int writer_table(struct replica_writer *w, const char *name,
			flockd_table **t)
{
	for (size_t i = 0; i < w->ntables; i++)
		if (strcmp(flockd_table_name(w->tables[i]), name) == 0) {
			*t = w->tables[i];
			return 0;
		}
	flockd_table **grown = realloc(w->tables,
				       (w->ntables + 1) * sizeof *grown);
	if (grown == NULL)
		return ENOMEM;
	w->tables = grown;
	int err = flockd_table_open(w->r->db, name,
				    FLOCKD_TABLE_CREATE_ON_WRITE, t);
	if (err == 0)
		w->tables[w->ntables++] = *t;
	return err;
}

static int flush_deletes(struct replica_writer *w);

static void forget_value(struct replica_writer *w)
{
	free(w->table);
	free(w->key);
	w->table = w->key = NULL;
	w->open = 0;
}

static int local_start(struct replica_writer *w, enum flockd_put_mode mode,
		       const struct flockd_timespec *mtime, const char **step)
{
	flockd_table *t;
	*step = "open table";
	int err = writer_table(w, w->table, &t);
	if (err != 0)
		return err;
	/* the batch numbers every put_start: remember this one's mode */
	if (w->nputs == w->modes_cap) {
		size_t cap = w->modes_cap ? w->modes_cap * 2 : 256;
		unsigned char *grown = realloc(w->modes, cap);
		if (grown == NULL)
			return ENOMEM;
		w->modes = grown;
		w->modes_cap = cap;
	}
	w->modes[w->nputs++] = (unsigned char)mode;
	*step = "write temp file";
	err = flockd_batch_put_start(w->batch, t, w->key, mode);
	if (err == 0 && mtime != NULL &&
	    (err = flockd_batch_put_mtime(w->batch, mtime)) != 0)
		flockd_batch_put_cancel(w->batch);
	if (err != 0 && *flockd_table_last_step(t) != '\0')
		*step = flockd_table_last_step(t);
	return err;
}

static const char *put_command(enum flockd_put_mode mode)
{
	return mode == FLOCKD_PUT_CREATE   ? "create"
	       : mode == FLOCKD_PUT_UPDATE ? "update"
					   : "set";
}

/* 2026-11-24T01:06:09.123456789Z */
static void format_mtime(const struct flockd_timespec *ts, char *buf,
			 size_t size)
{
	struct tm tm;
	time_t sec = (time_t)ts->tv_sec;
	char date[32] = "1970-01-01T00:00:00";
	if (gmtime_r(&sec, &tm) != NULL)
		strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, size, "%s.%09ldZ", date, ts->tv_nsec);
}

static int remote_start_put(struct replica_writer *w,
			    enum flockd_put_mode mode,
			    const struct flockd_timespec *mtime)
{
	struct replica *r = w->r;
	char timeout[40], size[40], when[64], mode_arg[24];
	const char *args[13], *why;
	size_t n = 0;
	replica_timeout_arg(r, timeout, sizeof timeout);
	snprintf(size, sizeof size, "--size=%" PRIu64, w->size);
	args[n++] = put_command(mode);
	args[n++] = "-q";
	args[n++] = timeout;
	args[n++] = size;
	if (mtime != NULL) {
		char t[56];
		format_mtime(mtime, t, sizeof t);
		snprintf(when, sizeof when, "--mtime=%s", t);
		args[n++] = when;
	}
	if (r->new_key_mode != 0) {
		/* only when asked: an older remote flockd has no --mode */
		snprintf(mode_arg, sizeof mode_arg, "--mode=%04o",
			 r->new_key_mode);
		args[n++] = mode_arg;
	}
	args[n++] = "-t";
	args[n++] = w->table;
	args[n++] = "--";
	args[n++] = r->spec.path;
	args[n++] = w->key;
	return remote_start(&r->spec, &r->ropts, args, n, REMOTE_IN, &w->proc,
			    &why);
}

int replica_put_start(struct replica_writer *w, const char *table,
		      const char *key, enum flockd_put_mode mode,
		      const struct flockd_timespec *mtime, uint64_t size)
{
	if (w->open)
		return EBUSY;
	int err = flush_deletes(w);
	if (err != 0)
		return err;
	w->table = strdup(table);
	w->key = strdup(key);
	w->size = size;
	w->mode = mode;
	w->written = 0;
	const char *step = "start";
	if (w->table == NULL || w->key == NULL)
		err = ENOMEM;
	else if (w->batch != NULL)
		err = local_start(w, mode, mtime, &step);
	else
		err = remote_start_put(w, mode, mtime);
	if (err != 0) {
		result(w, table, key, 0, err, step, size, NULL);
		forget_value(w);
		return err;
	}
	w->open = 1;
	return 0;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Drop the value being put (nothing of it is stored), keeping its
 * names for the result. */
static void drop_value(struct replica_writer *w)
{
	if (w->batch != NULL) {
		flockd_batch_put_cancel(w->batch);
	} else {
		/* the remote command sees fewer bytes than --size: it
		 * stores nothing */
		remote_stop(&w->proc);
		replica_run_done(w->r, &w->proc);
	}
}

int replica_put_write(struct replica_writer *w, const void *buf, size_t len)
{
	if (!w->open)
		return EINVAL;
	int err = 0;
	if (w->written + len > w->size)
		err = EOVERFLOW; /* more than the value's announced size */
	else if (w->batch != NULL)
		err = flockd_batch_write(w->batch, buf, len);
	else
		err = write_all(w->proc.in, buf, len);
	if (err != 0) {
		drop_value(w);
		result(w, w->table, w->key, 0, err, "write", w->size, NULL);
		forget_value(w);
		return err;
	}
	w->written += len;
	return 0;
}

int replica_put_end(struct replica_writer *w)
{
	if (!w->open)
		return EINVAL;
	if (w->written != w->size) {
		/* the source ended early: a cut copy is never stored */
		int err = EPROTO;
		drop_value(w);
		result(w, w->table, w->key, 0, err, "read source", w->size,
		       NULL);
		forget_value(w);
		return err;
	}
	int err;
	if (w->batch != NULL) {
		err = flockd_batch_put_end(w->batch);
		if (err != 0)
			result(w, w->table, w->key, 0, err,
			       "set modification time", w->size, NULL);
	} else {
		err = replica_run_done(w->r, &w->proc);
		result(w, w->table, w->key, 0, err, err ? "remote" : "",
		       w->size, w->r->messages);
	}
	forget_value(w);
	return err;
}

void replica_put_cancel(struct replica_writer *w)
{
	if (!w->open)
		return;
	drop_value(w);
	forget_value(w);
}

/* Send the gathered deletes of one table as one `delete -f`. */
static int flush_deletes(struct replica_writer *w)
{
	if (w->ndel == 0)
		return 0;
	struct replica *r = w->r;
	char timeout[40];
	const char *why;
	const char **args = calloc(w->ndel + 9, sizeof *args);
	int err = args ? 0 : ENOMEM;
	size_t n = 0;
	if (err == 0) {
		replica_timeout_arg(r, timeout, sizeof timeout);
		args[n++] = "delete";
		args[n++] = "-q";
		args[n++] = "-f";
		args[n++] = timeout;
		args[n++] = "-t";
		args[n++] = w->del_table;
		args[n++] = "--";
		args[n++] = r->spec.path;
		for (size_t i = 0; i < w->ndel; i++)
			args[n++] = w->del_keys[i];
		struct remote_proc p;
		err = remote_start(&r->spec, &r->ropts, args, n, 0, &p, &why);
		if (err == 0)
			err = replica_run_done(r, &p);
	}
	free(args);
	for (size_t i = 0; i < w->ndel; i++) {
		result(w, w->del_table, w->del_keys[i], 1, err,
		       err ? "remote" : "", 0, r->messages);
		free(w->del_keys[i]);
	}
	free(w->del_keys);
	free(w->del_table);
	w->del_keys = NULL;
	w->del_table = NULL;
	w->ndel = 0;
	return 0;
}

static int local_delete(struct replica_writer *w, const char *table,
			const char *key)
{
	flockd_table *t;
	const char *step = "open table";
	int err = writer_table(w, table, &t);
	if (err == FLOCKD_ENOTFOUND)
		err = 0; /* no table, no key: already gone */
	else if (err == 0) {
		err = flockd_delete(t, key);
		step = err ? flockd_table_last_step(t) : "";
	}
	result(w, table, key, 1, err, step, 0, NULL);
	return err;
}

int replica_delete(struct replica_writer *w, const char *table,
		   const char *key)
{
	if (w->open)
		return EBUSY;
	if (w->batch != NULL)
		return local_delete(w, table, key);
	if (w->del_table != NULL && strcmp(w->del_table, table) != 0)
		flush_deletes(w);
	if (w->del_table == NULL && (w->del_table = strdup(table)) == NULL)
		return ENOMEM;
	char **grown = realloc(w->del_keys, (w->ndel + 1) * sizeof *grown);
	if (grown == NULL)
		return ENOMEM;
	w->del_keys = grown;
	if ((grown[w->ndel] = strdup(key)) == NULL)
		return ENOMEM;
	w->ndel++;
	return 0;
}

int replica_writer_close(struct replica_writer *w)
{
	replica_put_cancel(w);
	flush_deletes(w);
	if (w->batch != NULL)
		flockd_batch_commit(w->batch);
	for (size_t i = 0; i < w->ntables; i++)
		flockd_table_close(w->tables[i]);
	free(w->tables);
	free(w->modes);
	int err = w->first_err;
	free(w);
	return err;
}
