/* SPDX-License-Identifier: MIT */
/*
 * browser_copy.c - compare mode's "copy this side over": the picked keys
 * (else the cursor's) copied from here over there (push) or from there
 * over here (pull), after a question naming the count, in the background
 * (cmp_copy.h); each key copied is unpicked and marked the same at once,
 * and the table is compared again when the copy ends.
 */
#include "browser/browser_copy.h"

#include "browser/browser_term.h"
#include "browser/cmp_copy.h"
#include "common/textsafe.h"
#include "ui/ask.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct names {
	char **v;
	size_t n, cap;
};

static int add_name(const char *name, size_t len, void *ctx)
{
	struct names *s = ctx;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		char **v = realloc(s->v, cap * sizeof *v);
		if (v == NULL)
			return ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	if ((s->v[s->n] = strndup(name, len)) == NULL)
		return ENOMEM;
	s->n++;
	return 0;
}

static void names_free(struct names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

/* The keys to copy: the picks, else the cursor's key. 0 or an error
 * (said). */
static int keys_to_copy(struct browser_ctl *c, struct names *s)
{
	memset(s, 0, sizeof *s);
	int err;
	if (key_list_selected(c->cur.keys) > 0) {
		err = key_list_selected_names(c->cur.keys, add_name, s);
	} else {
		char *key = ctl_current_key(c);
		if (key == NULL)
			return EINVAL;
		err = add_name(key, strlen(key), s);
		free(key);
	}
	if (err != 0) {
		names_free(s);
		ctl_message(c, 1, "out of memory");
	}
	return err;
}

/* Open both sides for the job: from (read), to (written). */
static int open_sides(struct browser_ctl *c, int push, struct replica **from,
		      struct replica **to)
{
	struct replica_opts ro = {.rsh = c->src.rsh,
				  .remote_flockd = c->src.remote_flockd,
				  .timeout_ms = c->src.timeout_ms};
	struct replica_opts rw = ro;
	rw.writable = 1;
	/* here by its absolute path: a ':' in it never means a host */
	const char *here = c->src.abs_dir, *there = c->src.compare_dir;
	const char *why = "";
	*from = *to = NULL;
	int err = replica_open(push ? here : there, &ro, from, &why);
	if (err == 0)
		err = replica_open(push ? there : here, &rw, to, &why);
	if (err != 0) {
		replica_close(*from);
		ctl_message(c, 1, "cannot copy: %s",
			    *why ? why : remote_strerror(err));
	}
	return err;
}

void browser_copy_over(struct browser_ctl *c, const struct ui *ui, int push)
{
	char q[600], dir[200], table[200];
	struct names s;
	if (c->cmp.run == NULL) {
		ctl_message(c, 1, "not in compare mode (flockd --compare "
			    "DIR_B DIR)");
		return;
	}
	if (c->src.read_only) {
		ctl_message(c, 1, "read-only (-r): nothing is copied");
		return;
	}
	if (c->cmp.copy != NULL) {
		ctl_message(c, 1, "a copy is running");
		return;
	}
	if (c->cur.keys == NULL || ctl_refuse_writes(c) ||
	    keys_to_copy(c, &s) != 0)
		return;
	textsafe_name_buf(dir, sizeof dir, c->src.compare_dir,
			  strlen(c->src.compare_dir), textsafe_locale());
	textsafe_name_buf(table, sizeof table, c->cur.name,
			  strlen(c->cur.name), textsafe_locale());
	snprintf(q, sizeof q, "Copy %zu key%s of %s from %s over %s%s?", s.n,
		 s.n == 1 ? "" : "s", table_list_display(table),
		 push ? "here" : dir, push ? dir : "here",
		 " (their values are replaced)");
	struct replica *from, *to;
	int yes = ask_yesno(ui, q);
	browser_term_after_modal(ui);
	if (!yes) {
		ctl_message(c, 0, "nothing copied");
	} else if (open_sides(c, push, &from, &to) == 0) {
		int err = cmp_copy_start(from, to, c->cur.name, s.v, s.n,
					 &c->cmp.copy);
		if (err != 0)
			ctl_message(c, 1, "cannot copy: %s", strerror(err));
		else
			ctl_message(c, 0, "copying %zu key%s to %s...", s.n,
				    s.n == 1 ? "" : "s", push ? dir : "here");
		c->cmp.copied = c->cmp.copy_failed = 0;
		c->cmp.copy_err = 0;
	}
	names_free(&s);
	c->dirty = 1;
}

/* One key's outcome on the results and the picks. */
static void copied(struct browser_ctl *c, const char *table,
		   const struct cmp_copy_outcome *o)
{
	if (o->err != 0) {
		c->cmp.copy_failed++;
		if (c->cmp.copy_err == 0)
			c->cmp.copy_err = o->err;
		return; /* it stays picked, for another try */
	}
	c->cmp.copied++;
	db_compare_set_same(c->cmp.run, table, o->key,
			    o->have_stat ? &o->st : NULL);
	if (c->cur.name != NULL && strcmp(c->cur.name, table) == 0 &&
	    c->cur.keys != NULL)
		key_list_select_name(c->cur.keys, o->key, strlen(o->key), 0);
}

void ctl_copy_step(struct browser_ctl *c)
{
	const struct cmp_copy_outcome *v;
	size_t n;
	if (c->cmp.copy == NULL)
		return;
	const char *table = cmp_copy_table(c->cmp.copy);
	int done = cmp_copy_take(c->cmp.copy, &v, &n);
	for (size_t i = 0; i < n; i++)
		copied(c, table, &v[i]);
	if (n > 0) {
		c->cmp.results_changed = 1;
		c->cur.cmp_applied_gen = c->cur.list_gen - 1;
		c->dirty = 1;
	}
	if (!done) {
		if (n > 0)
			ctl_message(c, 0, "copying: %zu of %zu keys",
				    c->cmp.copied + c->cmp.copy_failed,
				    cmp_copy_total(c->cmp.copy));
		return;
	}
	if (c->cmp.copy_failed > 0)
		ctl_message(c, 1, "copied %zu key%s; %zu not copied (%s)",
			    c->cmp.copied, c->cmp.copied == 1 ? "" : "s",
			    c->cmp.copy_failed,
			    c->cmp.copy_err == FLOCKD_ENOTFOUND
				    ? "not on the side copied from"
				    : remote_strerror(c->cmp.copy_err));
	else
		ctl_message(c, 0, "copied %zu key%s", c->cmp.copied,
			    c->cmp.copied == 1 ? "" : "s");
	if (c->cur.name != NULL && strcmp(c->cur.name, table) == 0)
		c->cur.cmp_wanted = 1; /* what the disks say now */
	cmp_copy_free(c->cmp.copy);
	c->cmp.copy = NULL;
	ctl_refresh_marks(c);
	c->cmp.all_wanted = 0; /* ... of this table only */
}
