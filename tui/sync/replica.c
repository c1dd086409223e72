/* SPDX-License-Identifier: MIT */
/* replica.c - one database, here or there: opening, walking, reading. */
#include "sync/replica_internal.h"

#include "sync/manifest_wire.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int replica_open(const char *arg, const struct replica_opts *o,
		 struct replica **out, const char **why)
{
	struct replica *r = calloc(1, sizeof *r);
	if (r == NULL)
		return ENOMEM;
	int err = remote_spec_parse(arg, &r->spec, why);
	r->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : 5000;
	r->writable = o->writable;
	r->new_key_mode = o->new_key_mode;
	if (err == 0 && (r->label = strdup(arg)) == NULL)
		err = ENOMEM;
	if (err == 0 && o->rsh && !(r->ropts.rsh = strdup(o->rsh)))
		err = ENOMEM;
	if (err == 0 && o->remote_flockd &&
	    !(r->ropts.remote_flockd = strdup(o->remote_flockd)))
		err = ENOMEM;
	if (err == 0 && r->spec.host == NULL) {
		struct flockd_options fo = {
			.timeout_ms = r->timeout_ms,
			.flags = o->writable ? 0 : FLOCKD_OPEN_READONLY,
			.new_key_mode = o->new_key_mode,
		};
		err = flockd_open_ex(r->spec.path, &fo, &r->db);
		*why = "";
	} else if (err == 0) {
		/* the remote shell command is checked now, not at the
		 * first connection */
		char **words;
		size_t n;
		err = remote_rsh_split(o->rsh ? o->rsh : "ssh", &words, &n,
				       why);
		remote_words_free(words);
	}
	if (err != 0) {
		replica_close(r);
		return err;
	}
	*out = r;
	return 0;
}

void replica_close(struct replica *r)
{
	if (r == NULL)
		return;
	flockd_table_close(r->cached);
	flockd_close(r->db);
	remote_spec_free(&r->spec);
	free((char *)r->ropts.rsh);
	free((char *)r->ropts.remote_flockd);
	free(r->label);
	free(r->messages);
	free(r);
}

const char *replica_label(const struct replica *r)
{
	return r->label;
}

int replica_is_remote(const struct replica *r)
{
	return r->spec.host != NULL;
}

flockd_db *replica_db(const struct replica *r)
{
	return r->db;
}

char *replica_messages(struct replica *r)
{
	char *m = r->messages;
	r->messages = NULL;
	return m;
}

void replica_timeout_arg(const struct replica *r, char *buf, size_t size)
{
	snprintf(buf, size, "--timeout=%ldms", r->timeout_ms);
}

int replica_run_done(struct replica *r, struct remote_proc *p)
{
	int status = 255;
	char *messages = NULL;
	int err = remote_finish(p, &status, &messages);
	if (messages != NULL) {
		free(r->messages);
		r->messages = messages;
	}
	return err != 0 ? err : remote_status_error(status);
}

/* -------------------------------------------------------------- walks */

struct replica_walk {
	struct replica *r;
	unsigned flags;
	const volatile sig_atomic_t *cancel;
	struct manifest *local;
	/* remote */
	struct remote_proc proc;
	int running;
	struct wire_reader *wire;
	int ended;                 /* the trailer came */
	size_t given;
	char *prev_table, *prev_name; /* the order check */
	size_t prev_table_cap, prev_name_cap;
	enum flockd_entry_kind prev_kind;
};

/* The remote command line: manifest -a -z [-t T]... -- PATH [KEY...]. */
static int remote_walk_args(const struct replica *r,
			    const struct manifest_opts *mo, const char ***args,
			    size_t *n, char *timeout, size_t tsize)
{
	size_t cap = 7 + 2 * mo->ntables + mo->nkeys;
	const char **v = calloc(cap, sizeof *v);
	if (v == NULL)
		return ENOMEM;
	size_t k = 0;
	replica_timeout_arg(r, timeout, tsize);
	v[k++] = "manifest";
	v[k++] = "-q";
	v[k++] = "-a";
	v[k++] = "-z";
	v[k++] = timeout;
	for (size_t i = 0; i < mo->ntables; i++) {
		v[k++] = "-t";
		v[k++] = mo->tables[i];
	}
	v[k++] = "--";
	v[k++] = r->spec.path;
	for (size_t i = 0; i < mo->nkeys; i++)
		v[k++] = mo->keys[i];
	*args = v;
	*n = k;
	return 0;
}

int replica_walk_open(struct replica *r, const struct manifest_opts *mo,
		      struct replica_walk **out, const char **why)
{
	struct replica_walk *w = calloc(1, sizeof *w);
	if (w == NULL)
		return ENOMEM;
	w->r = r;
	w->flags = mo->flags;
	w->cancel = mo->cancel;
	int err;
	if (!replica_is_remote(r)) {
		err = manifest_open(r->db, mo, &w->local);
		*why = "";
	} else {
		const char **args;
		size_t n;
		char timeout[40];
		err = remote_walk_args(r, mo, &args, &n, timeout,
				       sizeof timeout);
		if (err == 0) {
			err = remote_start(&r->spec, &r->ropts, args, n,
					   REMOTE_OUT, &w->proc, why);
			free(args);
		}
		w->running = err == 0;
		if (err == 0)
			err = wire_reader_new(w->proc.out, &w->wire);
	}
	if (err != 0) {
		replica_walk_close(w);
		return err;
	}
	*out = w;
	return 0;
}

static int keep_copy(char **dst, size_t *cap, const char *s)
{
	size_t n = strlen(s) + 1;
	if (n > *cap) {
		char *grown = realloc(*dst, n);
		if (grown == NULL)
			return ENOMEM;
		*dst = grown;
		*cap = n;
	}
	memcpy(*dst, s, n);
	return 0;
}

/* Entries must come in manifest order, each after the one before. */
static int check_order(struct replica_walk *w, const struct manifest_entry *e)
{
	if (w->given > 0) {
		int c = strcmp(w->prev_table, e->table);
		if (c == 0)
			c = manifest_order(w->prev_kind, w->prev_name, e->kind,
					   e->name);
		if (c >= 0)
			return EPROTO;
	}
	w->prev_kind = e->kind;
	if (keep_copy(&w->prev_table, &w->prev_table_cap, e->table) != 0 ||
	    keep_copy(&w->prev_name, &w->prev_name_cap, e->name) != 0)
		return ENOMEM;
	return 0;
}

/* The input ended before the trailer: the remote side failed. */
static int remote_cut(struct replica_walk *w)
{
	w->running = 0;
	int err = replica_run_done(w->r, &w->proc);
	return err != 0 ? err : EPROTO;
}

static int remote_next(struct replica_walk *w, struct manifest_entry *e)
{
	char *f[MANIFEST_WIRE_FIELDS];
	size_t l[MANIFEST_WIRE_FIELDS];
	for (;;) {
		if (w->ended)
			return MANIFEST_END;
		if (w->cancel != NULL && *w->cancel)
			return ECANCELED;
		int err = wire_reader_record(w->wire, MANIFEST_WIRE_FIELDS, f,
					     l);
		if (err == MANIFEST_END || err == EPROTO)
			return remote_cut(w);
		if (err != 0)
			return err;
		if (strcmp(f[1], "end") == 0) {
			w->ended = 1;
			err = manifest_error_parse(f[7]);
			return err != 0 ? err : MANIFEST_END;
		}
		if (manifest_wire_entry(f, l, e) != 0 ||
		    (err = check_order(w, e)) == EPROTO)
			return EPROTO;
		if (err != 0)
			return err;
		if (e->kind != FLOCKD_ENTRY_TABLE &&
		    e->kind != FLOCKD_ENTRY_KEY && !(w->flags & MANIFEST_ALL))
			continue;
		w->given++;
		return 0;
	}
}

int replica_walk_next(struct replica_walk *w, struct manifest_entry *e)
{
	if (w->local != NULL)
		return manifest_next(w->local, e);
	return remote_next(w, e);
}

flockd_table *replica_walk_table(const struct replica_walk *w)
{
	return w->local != NULL ? manifest_table(w->local) : NULL;
}

size_t replica_walk_progress(const struct replica_walk *w)
{
	size_t n = w->given;
	if (w->local != NULL)
		manifest_progress(w->local, &n, NULL);
	return n;
}

int replica_walk_close(struct replica_walk *w)
{
	if (w == NULL)
		return 0;
	int err = 0;
	manifest_close(w->local);
	if (w->running) {
		if (!w->ended)
			remote_stop(&w->proc);
		int res = replica_run_done(w->r, &w->proc);
		/* a complete manifest's status only repeats its entries'
		 * failures, which the caller has seen */
		(void)res;
	}
	wire_reader_free(w->wire);
	free(w->prev_table);
	free(w->prev_name);
	free(w);
	return err;
}

/* ------------------------------------------------------------- values */

/* The table `name`, through a one-table cache. */
static int cached_table(struct replica *r, const char *name,
			flockd_table **t)
{
	if (r->cached == NULL ||
	    strcmp(flockd_table_name(r->cached), name) != 0) {
		flockd_table_close(r->cached);
		r->cached = NULL;
		int err = flockd_table_open(r->db, name, 0, &r->cached);
		if (err != 0)
			return err;
	}
	*t = r->cached;
	return 0;
}

int replica_value_open(struct replica *r, const char *table,
		       const char *key, struct replica_value **out)
{
	struct replica_value *v = calloc(1, sizeof *v);
	if (v == NULL)
		return ENOMEM;
	v->fd = -1;
	int err;
	if (!replica_is_remote(r)) {
		err = cached_table(r, table, &v->table);
		if (err == 0)
			err = flockd_read_open(v->table, key, 0, &v->reader);
		if (err == 0) {
			v->fd = flockd_read_fd(v->reader);
			v->st = *flockd_read_stat(v->reader);
			v->have_stat = 1;
		}
	} else {
		char timeout[40];
		const char *why;
		replica_timeout_arg(r, timeout, sizeof timeout);
		const char *args[] = {"get", "-q", timeout, "-t", table, "--",
				      r->spec.path, key};
		err = remote_start(&r->spec, &r->ropts, args, 8, REMOTE_OUT,
				   &v->proc, &why);
		v->remote = err == 0;
		v->fd = v->proc.out;
	}
	if (err != 0) {
		free(v);
		return err;
	}
	*out = v;
	return 0;
}

int replica_value_close(struct replica *r, struct replica_value *v)
{
	if (v == NULL)
		return 0;
	int err = 0;
	flockd_read_close(v->reader);
	if (v->remote)
		err = replica_run_done(r, &v->proc);
	free(v);
	return err;
}

int replica_get(struct replica *r, const char *table, const char *key,
		void **buf, size_t *len, struct flockd_stat *st)
{
	struct replica_value *v;
	int err = replica_value_open(r, table, key, &v);
	if (err != 0)
		return err;
	size_t n = 0, cap = v->have_stat ? (size_t)v->st.size + 1 : 4096;
	char *b = malloc(cap);
	while (err == 0 && b != NULL) {
		if (n == cap) {
			char *grown = realloc(b, cap * 2);
			if (grown == NULL)
				break;
			b = grown;
			cap *= 2;
		}
		ssize_t got = read(v->fd, b + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			err = errno;
		else if (got == 0)
			break;
		else
			n += (size_t)got;
	}
	if (err == 0 && (b == NULL || n == cap))
		err = ENOMEM;
	if (st != NULL && v->have_stat)
		*st = v->st;
	int cerr = replica_value_close(r, v);
	if (err == 0)
		err = cerr;
	if (err != 0) {
		free(b);
		return err;
	}
	*buf = b;
	*len = n;
	return 0;
}
