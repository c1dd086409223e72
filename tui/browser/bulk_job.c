/* SPDX-License-Identifier: MIT */
/*
 * bulk_job.c - a bulk action carried out a slice at a time (bulk.h):
 * one store call per key on the job's own handles, whose lock waits are
 * short so that a locked key waits its turn behind the others instead of
 * freezing the screen; the end of a table op (its empty directory).
 */
#include "browser/bulk.h"

#include "browser/browser_msg.h"
#include "common/export_line.h"
#include "common/textsafe.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define JOB_LOCK_MS 20 /* one try for a key's lock: a locked key then
			  waits its turn behind the others */

struct retry {
	size_t key;
	long waited_ms;
};

/* New keys of a copy are made with the value's permission bits: one
 * handle on the target per mode seen (new_key_mode). */
struct mode_table {
	unsigned mode;
	flockd_db *db;
	flockd_table *t;
};

struct bulk_job {
	struct bulk_plan plan;
	struct bulk_env env;
	flockd_db *db;
	flockd_table *src, *dst;
	struct mode_table *modes;
	size_t n_modes;
	FILE *out;
	int file_err;
	size_t next;               /* the first pass's next key */
	struct retry *retry;       /* keys whose lock was taken */
	size_t n_retry, retry_cap, retry_pos;
	size_t done, skipped, failed;
	struct bulk_failure *fails;
	size_t n_fails, fail_cap;
	int stopped, complete;
	char end_note[300];        /* table ops: what became of the
				      directory (escaped text) */
};

static int push_retry(struct bulk_job *j, size_t key, long waited)
{
	if (j->n_retry == j->retry_cap) {
		size_t cap = j->retry_cap ? j->retry_cap * 2 : 64;
		struct retry *r = realloc(j->retry, cap * sizeof *r);
		if (r == NULL)
			return ENOMEM;
		j->retry = r;
		j->retry_cap = cap;
	}
	j->retry[j->n_retry++] = (struct retry){key, waited};
	return 0;
}

static void fail(struct bulk_job *j, const char *key, int err,
		 const char *step)
{
	if (j->n_fails == j->fail_cap) {
		size_t cap = j->fail_cap ? j->fail_cap * 2 : 16;
		struct bulk_failure *f = realloc(j->fails, cap * sizeof *f);
		if (f != NULL) {
			j->fails = f;
			j->fail_cap = cap;
		}
	}
	char *k = strdup(key);
	j->failed++;
	if (j->n_fails < j->fail_cap && k != NULL)
		j->fails[j->n_fails++] = (struct bulk_failure){k, err, step};
	else
		free(k); /* counted even when it cannot be listed */
	if (j->env.fn != NULL)
		j->env.fn(j->env.ctx, key, err);
}

/* The target table for new keys of permission bits `mode`. */
static flockd_table *table_for_mode(struct bulk_job *j, unsigned mode,
				    int *err)
{
	if ((mode & 0777) == 0)
		return j->dst; /* mode 0000 is a placeholder's: the default */
	for (size_t i = 0; i < j->n_modes; i++)
		if (j->modes[i].mode == mode)
			return j->modes[i].t;
	struct mode_table *m = realloc(j->modes, (j->n_modes + 1) * sizeof *m);
	if (m == NULL) {
		*err = ENOMEM;
		return NULL;
	}
	j->modes = m;
	struct flockd_options o = {.timeout_ms = JOB_LOCK_MS,
				   .flags = FLOCKD_OPEN_NOCREATE,
				   .new_key_mode = mode};
	struct mode_table *n = &m[j->n_modes];
	memset(n, 0, sizeof *n);
	n->mode = mode;
	*err = flockd_open_ex(j->env.dir, &o, &n->db);
	if (*err == FLOCKD_OK)
		*err = flockd_table_open(n->db, j->plan.target, 0, &n->t);
	if (*err != FLOCKD_OK) {
		flockd_table_close(n->t);
		flockd_close(n->db);
		return NULL;
	}
	j->n_modes++;
	return n->t;
}

/* A copy: read under the shared lock, streamed into the target. */
static int copy_key(struct bulk_job *j, const char *key, const char **step)
{
	flockd_reader *r = NULL;
	int err = flockd_read_open(j->src, key, 0, &r);
	if (err != FLOCKD_OK) {
		*step = flockd_table_last_step(j->src);
		return err;
	}
	flockd_table *to = table_for_mode(
		j, (unsigned)(flockd_read_stat(r)->mode & 07777), &err);
	if (to != NULL) {
		err = flockd_put_from_fd(to, key, flockd_read_fd(r),
					 j->plan.replace ? FLOCKD_PUT_SET
							 : FLOCKD_PUT_CREATE,
					 NULL);
		*step = err != FLOCKD_OK ? flockd_table_last_step(to) : "";
	} else {
		*step = "open the target";
	}
	flockd_read_close(r);
	return err;
}

/* An export: the value and its time, as `flockd export` writes them. */
static int export_key(struct bulk_job *j, const char *key, const char **step)
{
	void *value = NULL;
	size_t len = 0;
	int err = flockd_get(j->src, key, &value, &len);
	if (err != FLOCKD_OK) {
		*step = flockd_table_last_step(j->src);
		return err;
	}
	struct flockd_stat st;
	int known = flockd_key_stat(j->src, key, &st) == FLOCKD_OK;
	if (export_line_key(j->out, j->plan.table, key, value, len,
			    known ? &st.mtime : NULL) != 0) {
		j->file_err = errno ? errno : EIO;
		*step = "write the file";
		err = j->file_err;
	}
	free(value);
	return err;
}

/* One store call for one key. */
static int do_key(struct bulk_job *j, const char *key, const char **step)
{
	int err = 0;
	*step = "";
	switch (j->plan.op) {
	case BULK_DELETE:
	case BULK_DROP_TABLE:
		err = flockd_delete(j->src, key);
		break;
	case BULK_MOVE:
	case BULK_RENAME_TABLE:
		err = flockd_rename(j->src, key, j->dst, key,
				    j->plan.replace ? FLOCKD_RENAME_REPLACE : 0);
		break;
	case BULK_COPY:
		return copy_key(j, key, step);
	case BULK_EXPORT:
		return export_key(j, key, step);
	}
	if (err != FLOCKD_OK)
		*step = flockd_table_last_step(j->src);
	return err;
}

/* Try key i (which waited `waited` ms for its lock so far). */
static void try_key(struct bulk_job *j, size_t i, long waited)
{
	const char *key = bulk_plan_key(&j->plan, i), *step;
	int err = do_key(j, key, &step);
	if (err == FLOCKD_ETIMEOUT && waited + JOB_LOCK_MS < j->env.timeout_ms &&
	    push_retry(j, i, waited + JOB_LOCK_MS) == 0)
		return;
	if (err == FLOCKD_EEXIST && !j->plan.replace &&
	    (j->plan.op == BULK_COPY || j->plan.op == BULK_MOVE)) {
		j->skipped++; /* the user chose to skip keys there */
		if (j->env.fn != NULL)
			j->env.fn(j->env.ctx, key, err);
		return;
	}
	if (err != FLOCKD_OK) {
		fail(j, key, err, step);
		return;
	}
	j->done++;
	if (j->env.fn != NULL)
		j->env.fn(j->env.ctx, key, 0);
}

/* Entries left in directory `path`: keys and other files. */
static void count_left(const char *path, size_t *keys, size_t *other)
{
	*keys = *other = 0;
	DIR *d = opendir(path);
	if (d == NULL)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		struct flockd_name_info info;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (flockd_classify_name(e->d_name, strlen(e->d_name),
					 &info) == FLOCKD_ENTRY_KEY)
			(*keys)++;
		else
			(*other)++;
	}
	closedir(d);
}

/* The folders above table `name` ("a" of "a/b"), once empty. */
static void remove_empty_parents(const char *dir, const char *name)
{
	char path[4096];
	for (const char *s = strrchr(name, '/'); s != NULL;) {
		int n = snprintf(path, sizeof path, "%s/%.*s", dir,
				 (int)(s - name), name);
		if (n < 0 || (size_t)n >= sizeof path || rmdir(path) != 0)
			return;
		while (--s > name && *s != '/')
			;
		if (s <= name)
			return;
	}
}

/* A dropped or renamed table's directory goes once nothing is left in
 * it; what stays is said. */
static void remove_table_dir(struct bulk_job *j)
{
	const char *path = flockd_table_path(j->src);
	if (j->plan.table[0] == '\0' || path == NULL)
		return;
	if (rmdir(path) == 0) {
		remove_empty_parents(j->env.dir, j->plan.table);
		snprintf(j->end_note, sizeof j->end_note,
			 "; the table's directory is removed");
		return;
	}
	int e = errno;
	size_t keys, other;
	count_left(path, &keys, &other);
	if (e != ENOTEMPTY && e != EEXIST)
		snprintf(j->end_note, sizeof j->end_note,
			 "; the directory stays: %s", strerror(e));
	else if (keys > 0)
		snprintf(j->end_note, sizeof j->end_note,
			 "; the directory stays: %zu key%s in it", keys,
			 keys == 1 ? " is" : "s are");
	else
		snprintf(j->end_note, sizeof j->end_note,
			 "; the directory stays: %zu file%s in it %s not keys "
			 "(the check view lists them)", other,
			 other == 1 ? "" : "s", other == 1 ? "is" : "are");
}

static void finish(struct bulk_job *j)
{
	if (j->complete)
		return;
	j->complete = 1;
	if (j->out != NULL) {
		if (fclose(j->out) != 0 && j->file_err == 0)
			j->file_err = errno;
		j->out = NULL;
	}
	if (!j->stopped && j->file_err == 0 &&
	    (j->plan.op == BULK_DROP_TABLE || j->plan.op == BULK_RENAME_TABLE))
		remove_table_dir(j);
}

int bulk_job_step(struct bulk_job *j, long budget_ms)
{
	if (j->complete)
		return 1;
	long long start = browser_now_ms();
	do {
		if (j->stopped || j->file_err != 0)
			break;
		if (j->next < j->plan.n_keys) {
			try_key(j, j->next, 0);
			j->next++;
		} else if (j->retry_pos < j->n_retry) {
			struct retry r = j->retry[j->retry_pos++];
			try_key(j, r.key, r.waited_ms);
		} else {
			break;
		}
	} while (browser_now_ms() - start < budget_ms);
	if (j->retry_pos > 1024 && j->retry_pos * 2 > j->n_retry) {
		memmove(j->retry, j->retry + j->retry_pos,
			(j->n_retry - j->retry_pos) * sizeof *j->retry);
		j->n_retry -= j->retry_pos;
		j->retry_pos = 0;
	}
	if (j->stopped || j->file_err != 0 ||
	    (j->next >= j->plan.n_keys && j->retry_pos >= j->n_retry))
		finish(j);
	return j->complete;
}

void bulk_job_stop(struct bulk_job *j)
{
	j->stopped = 1;
	finish(j);
}

size_t bulk_job_done(const struct bulk_job *j)
{
	return j->done;
}

size_t bulk_job_failed(const struct bulk_job *j)
{
	return j->failed;
}

size_t bulk_job_total(const struct bulk_job *j)
{
	return j->plan.n_keys;
}

int bulk_job_stopped(const struct bulk_job *j)
{
	return j->stopped;
}

const struct bulk_plan *bulk_job_plan(const struct bulk_job *j)
{
	return &j->plan;
}

const struct bulk_failure *bulk_job_failure(const struct bulk_job *j,
					    size_t i)
{
	return i < j->n_fails ? &j->fails[i] : NULL;
}

/* The export file: created, or truncated when the user said so. */
static int open_export(struct bulk_job *j, char *why, size_t size)
{
	int fd = open(j->plan.target,
		      O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
			      (j->plan.overwrite ? O_TRUNC : O_EXCL),
		      0644);
	if (fd >= 0 && (j->out = fdopen(fd, "w")) != NULL)
		return 0;
	int e = errno;
	if (fd >= 0)
		close(fd);
	char f[300];
	textsafe_name_buf(f, sizeof f, j->plan.target, strlen(j->plan.target),
			  textsafe_locale());
	snprintf(why, size, "cannot write %s: %s", f,
		 e == EEXIST ? "it exists" : strerror(e));
	return e;
}

/* The target table: made for a copy or move, new for a rename. */
static int open_target(struct bulk_job *j, char *why, size_t size)
{
	char t[300];
	textsafe_name_buf(t, sizeof t, j->plan.target, strlen(j->plan.target),
			  textsafe_locale());
	if (strcmp(j->plan.target, j->plan.table) == 0) {
		snprintf(why, size, "the keys are in %s already", t);
		return FLOCKD_EINVALID;
	}
	int err;
	if (j->plan.op == BULK_RENAME_TABLE &&
	    flockd_table_open(j->db, j->plan.target, 0, &j->dst) == FLOCKD_OK) {
		snprintf(why, size, "table %s exists: choose a new name", t);
		return FLOCKD_EEXIST;
	}
	err = flockd_table_open(j->db, j->plan.target, FLOCKD_TABLE_CREATE,
				&j->dst);
	if (err != FLOCKD_OK)
		snprintf(why, size, "cannot make table %s: %s", t,
			 flockd_strerror(err));
	return err;
}

int bulk_job_start(struct bulk_plan *plan, const struct bulk_env *env,
		   struct bulk_job **out, char *why, size_t size)
{
	*out = NULL;
	struct bulk_job *j = calloc(1, sizeof *j);
	if (j == NULL) {
		bulk_plan_done(plan);
		snprintf(why, size, "out of memory");
		return ENOMEM;
	}
	j->plan = *plan;
	memset(plan, 0, sizeof *plan);
	j->env = *env;
	int reads_only = j->plan.op == BULK_EXPORT, err;
	if (env->read_only && !reads_only) {
		snprintf(why, size, "read-only (-r): nothing is changed");
		bulk_job_free(j);
		return FLOCKD_EREADONLY;
	}
	struct flockd_options o = {
		.timeout_ms = JOB_LOCK_MS,
		.flags = FLOCKD_OPEN_NOCREATE |
			 (reads_only ? FLOCKD_OPEN_READONLY : 0),
	};
	err = flockd_open_ex(env->dir, &o, &j->db);
	if (err == FLOCKD_OK)
		err = flockd_table_open(j->db, j->plan.table, 0, &j->src);
	if (err != FLOCKD_OK)
		snprintf(why, size, "cannot open the table: %s",
			 flockd_strerror(err));
	else if (j->plan.op == BULK_EXPORT)
		err = open_export(j, why, size);
	else if (j->plan.target != NULL)
		err = open_target(j, why, size);
	if (err != 0) {
		bulk_job_free(j);
		return err;
	}
	*out = j;
	return 0;
}

void bulk_job_summary(const struct bulk_job *j, char *buf, size_t size)
{
	char failures[300] = "";
	size_t total = j->plan.n_keys;
	size_t undone = total - j->done - j->failed - j->skipped;
	for (size_t i = 0; i < j->n_fails && i < 2; i++) {
		char k[100];
		size_t len = strlen(failures);
		textsafe_name_buf(k, sizeof k, j->fails[i].key,
				  strlen(j->fails[i].key), textsafe_locale());
		snprintf(failures + len, sizeof failures - len, "%s%s: %s",
			 i ? ", " : " (", k, flockd_strerror(j->fails[i].err));
	}
	if (j->failed > 0)
		strncat(failures, j->failed > 2 ? ", ...)" : ")",
			sizeof failures - strlen(failures) - 1);
	size_t len = (size_t)snprintf(buf, size, "%s%s %zu of %zu key%s",
				      j->stopped ? "stopped: " : "",
				      bulk_op_done(j->plan.op), j->done, total,
				      total == 1 ? "" : "s");
	if (len < size && j->failed > 0)
		len += (size_t)snprintf(buf + len, size - len,
					"; %zu failed%s - ! lists them",
					j->failed, failures);
	if (len < size && j->skipped > 0)
		len += (size_t)snprintf(buf + len, size - len,
					"; %zu skipped (there already)",
					j->skipped);
	if (len < size && undone > 0)
		len += (size_t)snprintf(buf + len, size - len, "; %zu not done",
					undone);
	if (len < size && j->file_err != 0)
		len += (size_t)snprintf(buf + len, size - len,
					"; the file could not be written: %s",
					strerror(j->file_err));
	if (len < size)
		snprintf(buf + len, size - len, "%s", j->end_note);
}

void bulk_job_free(struct bulk_job *j)
{
	if (j == NULL)
		return;
	if (j->out != NULL)
		fclose(j->out);
	for (size_t i = 0; i < j->n_modes; i++) {
		flockd_table_close(j->modes[i].t);
		flockd_close(j->modes[i].db);
	}
	free(j->modes);
	flockd_table_close(j->src);
	flockd_table_close(j->dst);
	flockd_close(j->db);
	for (size_t i = 0; i < j->n_fails; i++)
		free(j->fails[i].key);
	free(j->fails);
	free(j->retry);
	bulk_plan_done(&j->plan);
	free(j);
}
