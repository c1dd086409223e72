/* SPDX-License-Identifier: MIT */
/* resolve.c - choosing a key's version among its conflict copies, and
 * installing it before anything is removed. */
#include "sync/resolve.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *resolve_action_name(enum resolve_action a)
{
	switch (a) {
	case RESOLVE_KEEP:
		return "keep";
	case RESOLVE_INSTALL:
		return "install";
	case RESOLVE_REFUSED:
		return "refused";
	default:
		return "nothing";
	}
}

const char *resolve_kept_why(int outcome)
{
	switch (outcome) {
	case LEFTOVER_KEPT:
		return "a process holds a lock on it";
	case LEFTOVER_KEPT_CHANGED:
		return "it changed since it was looked at";
	case LEFTOVER_KEPT_DIFFERENT:
		return "its bytes are not the key's now";
	case LEFTOVER_KEPT_GONE:
		return "it is already gone";
	default:
		return NULL;
	}
}

void resolve_keep_parse(const char *arg, struct resolve_policy *p)
{
	p->copy = NULL;
	if (strcmp(arg, "key") == 0)
		p->keep = RESOLVE_KEEP_KEY;
	else if (strcmp(arg, "newest") == 0)
		p->keep = RESOLVE_KEEP_NEWEST;
	else if (strcmp(arg, "largest") == 0)
		p->keep = RESOLVE_KEEP_LARGEST;
	else {
		p->keep = RESOLVE_KEEP_COPY;
		p->copy = arg;
	}
}

static int cmp_time(const struct flockd_timespec *a,
		    const struct flockd_timespec *b)
{
	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	if (a->tv_nsec != b->tv_nsec)
		return a->tv_nsec < b->tv_nsec ? -1 : 1;
	return 0;
}

/* Is version x (a copy's facts) better than the best so far under
 * `keep`? Strictly: ties keep the earlier one (the key first). */
static int better(enum resolve_keep keep, const struct flockd_stat *x,
		  const struct flockd_stat *best)
{
	if (keep == RESOLVE_KEEP_LARGEST && x->size != best->size)
		return x->size > best->size;
	return cmp_time(&x->mtime, &best->mtime) > 0;
}

/* The version `keep` chooses: -1 the key, else a copy's index; -2 when
 * there is none to choose. */
static long choose(const struct conflict_group *g, enum resolve_keep keep,
		   const char *copy)
{
	if (keep == RESOLVE_KEEP_KEY)
		return g->key_exists ? -1 : -2;
	if (keep == RESOLVE_KEEP_COPY) {
		for (size_t i = 0; i < g->ncopies; i++)
			if (strcmp(g->copies[i].f->name, copy) == 0)
				return S_ISREG(g->copies[i].st.mode) ? (long)i
								     : -2;
		return -3;
	}
	long best = g->key_exists ? -1 : -2;
	const struct flockd_stat *bst = g->key_exists ? &g->key_st : NULL;
	for (size_t i = 0; i < g->ncopies; i++) {
		const struct flockd_stat *st = &g->copies[i].st;
		if (!S_ISREG(st->mode))
			continue;
		if (bst == NULL || better(keep, st, bst)) {
			best = (long)i;
			bst = st;
		}
	}
	return best;
}

static int plan_drop_identical(const struct conflict_group *g,
			       struct resolve_plan *out)
{
	size_t n = 0;
	for (size_t i = 0; i < g->ncopies; i++)
		if (g->copies[i].identical == 1 &&
		    S_ISREG(g->copies[i].st.mode)) {
			out->removal[i] = RESOLVE_DROP_EQUAL;
			n++;
		}
	out->action = n > 0 ? RESOLVE_KEEP : RESOLVE_NOTHING;
	out->why = n > 0 ? "" : "no copy is identical to the key";
	return 0;
}

int resolve_plan_group(const struct conflict_group *g,
		       const struct resolve_policy *p,
		       struct resolve_plan *out)
{
	memset(out, 0, sizeof *out);
	out->removal = calloc(g->ncopies + 1, sizeof *out->removal);
	if (out->removal == NULL)
		return ENOMEM;
	out->why = "";
	if (p->keep == RESOLVE_KEEP_NONE)
		return plan_drop_identical(g, out);
	long c = choose(g, p->keep, p->copy);
	if (c == -3) {
		out->action = RESOLVE_NOTHING;
		out->why = "the copy named is not one of this key's";
		return 0;
	}
	if (c == -2) {
		out->action = RESOLVE_REFUSED;
		out->why = p->keep == RESOLVE_KEEP_KEY
				   ? "the key is missing: keep newest, "
				     "largest or a copy"
			   : p->keep == RESOLVE_KEEP_COPY
				   ? "the copy named is not a regular file"
				   : "no version is a regular file";
		return 0;
	}
	/* a chosen copy identical to the key changes nothing: keep */
	int install = c >= 0 && g->copies[c].identical != 1;
	out->action = install ? RESOLVE_INSTALL : RESOLVE_KEEP;
	out->chosen = c >= 0 ? (size_t)c : 0;
	for (size_t i = 0; i < g->ncopies; i++) {
		if (!S_ISREG(g->copies[i].st.mode))
			continue;
		/* the chosen copy must hold the key's bytes to go; so must
		 * one identical to a key that keeps its value; the others
		 * are settled by the choice, whatever they hold */
		int equal = (long)i == c ||
			    (!install && g->copies[i].identical == 1);
		out->removal[i] = equal ? RESOLVE_DROP_EQUAL : RESOLVE_DROP;
	}
	return 0;
}

void resolve_plan_free(struct resolve_plan *plan)
{
	free(plan->removal);
	plan->removal = NULL;
}

static int same_file(const struct flockd_stat *a, const struct flockd_stat *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       cmp_time(&a->mtime, &b->mtime) == 0;
}

/* The chosen copy's bytes, if it is still the file grouped. */
static int read_copy(flockd_table *t, const struct conflict_copy *c,
		     void **buf, size_t *len)
{
	flockd_reader *r;
	int err = flockd_entry_open(t, c->f->name, &r);
	if (err == FLOCKD_ENOTFOUND)
		return FLOCKD_ECONFLICT;
	if (err != 0)
		return err;
	const struct flockd_stat *st = flockd_read_stat(r);
	size_t n = (size_t)st->size;
	char *b = same_file(st, &c->st) ? malloc(n + 1) : NULL;
	if (!same_file(st, &c->st))
		err = FLOCKD_ECONFLICT;
	else if (b == NULL)
		err = ENOMEM;
	size_t got = 0;
	while (err == 0 && got < n) {
		ssize_t r2 = pread(flockd_read_fd(r), b + got, n - got,
				   (off_t)got);
		if (r2 < 0 && errno == EINTR)
			continue;
		if (r2 <= 0)
			err = r2 < 0 ? errno : FLOCKD_ECONFLICT;
		else
			got += (size_t)r2;
	}
	flockd_read_close(r);
	if (err != 0) {
		free(b);
		return err;
	}
	*buf = b;
	*len = n;
	return 0;
}

/* Save the chosen copy over the key (or create the key), durable. */
static int install(flockd_table *t, const struct conflict_group *g,
		   const struct conflict_copy *c, const char **step)
{
	void *buf;
	size_t len;
	*step = "read copy";
	int err = read_copy(t, c, &buf, &len);
	if (err != 0)
		return err;
	if (!g->key_exists) {
		*step = "create key";
		err = flockd_create(t, g->key, buf, len);
		free(buf);
		return err;
	}
	flockd_view *v = NULL; /* closed below also when the open failed */
	*step = "open key";
	err = flockd_view_open(t, g->key, &v);
	if (err == 0 && !same_file(flockd_view_stat(v), &g->key_st)) {
		err = FLOCKD_ECONFLICT; /* written since: decide again */
		*step = "check key";
	}
	if (err == 0) {
		*step = "save key";
		err = flockd_view_save(v, buf, len, FLOCKD_SAVE_NOCOPY);
	}
	flockd_view_close(v);
	free(buf);
	return err;
}

/* Remove what the plan settles, under a shared lock on the key (the
 * value it now holds is what the copies are compared with). */
static void remove_copies(flockd_table *t, const struct conflict_group *g,
			  const struct resolve_plan *plan, resolve_copy_fn fn,
			  void *ctx)
{
	flockd_reader *key = NULL;
	int kerr = flockd_read_open(t, g->key, 0, &key);
	for (size_t i = 0; i < g->ncopies; i++) {
		struct resolve_copy_result r = {&g->copies[i], plan->removal[i],
						0, 0};
		if (r.removal == RESOLVE_LEAVE)
			continue;
		if (r.removal == RESOLVE_DROP_EQUAL && kerr != 0)
			r.outcome = kerr;
		else
			r.outcome = leftover_remove_settled(
				t, g->copies[i].f->name, &g->copies[i].st,
				r.removal == RESOLVE_DROP_EQUAL
					? flockd_read_fd(key) : -1,
				key ? flockd_read_stat(key)->size : 0);
		r.removed = r.outcome == 0;
		if (fn != NULL)
			fn(&r, ctx);
	}
	flockd_read_close(key);
}

int resolve_apply(flockd_table *t, const struct conflict_group *g,
		  const struct resolve_plan *plan, resolve_copy_fn fn,
		  void *ctx, const char **step)
{
	*step = "";
	if (plan->action == RESOLVE_NOTHING || plan->action == RESOLVE_REFUSED)
		return 0;
	if (plan->action == RESOLVE_INSTALL) {
		int err = install(t, g, &g->copies[plan->chosen], step);
		if (err != 0)
			return err;
	}
	remove_copies(t, g, plan, fn, ctx);
	return 0;
}
