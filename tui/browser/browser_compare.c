/* SPDX-License-Identifier: MIT */
/*
 * browser_compare.c - the controller's compare mode: the other database
 * opened (here or HOST:PATH), every table compared in the background
 * (db_compare.h, tui/sync's engine), one table again after a change, the
 * results put on the key list as marks, and the difference keys that
 * jump across tables.
 */
#include "browser/browser_ctl.h"

#include "browser/cmp_copy.h"
#include "common/textsafe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMPARE_AUTO_MAX 20000 /* compare a table again by itself only
				  up to this many keys */
#define COMPARE_EVERY_MS 2000  /* automatic comparisons at most this often */
#define APPLY_EVERY_MS 250     /* marks put on while a run fills a table */
/* the marks of a key that differs */
#define DIFF_MARKS (KL_MARK_CMP_HERE | KL_MARK_CMP_THERE | KL_MARK_CMP_DIFFERS)

/* The tables pane's badge of a table: only there ("- N"), only here
 * ("+ N"), its differences ("#2 +1 -3"), "=" when the same, "?" when a
 * finished comparison has no result for it. */
static void table_badge(void *ctx, const char *name, char *buf, size_t size)
{
	const struct browser_ctl *c = ctx;
	const struct cmp_table *t = db_compare_table(c->cmp.run, name);
	size_t n = 0;
	buf[0] = '\0';
	if (t == NULL) {
		if (!db_compare_running(c->cmp.run))
			snprintf(buf, size, "?");
		return;
	}
	for (int s = 0; s < CMP_COUNT; s++)
		n += t->counts[s];
	if (t->trouble)
		snprintf(buf, size, "!");
	else if (!t->in_here)
		snprintf(buf, size, "- %zu", n);
	else if (!t->in_there)
		snprintf(buf, size, "+ %zu", n);
	else if (db_compare_table_differs(t)) {
		int k = 0;
		static const struct { int st; char mark; } parts[] = {
			{CMP_DIFFERS, '#'}, {CMP_ONLY_HERE, '+'},
			{CMP_ONLY_THERE, '-'},
		};
		for (size_t i = 0; i < 3 && k >= 0 && (size_t)k < size; i++)
			if (t->counts[parts[i].st] > 0)
				k += snprintf(buf + k, size - (size_t)k, "%s%c%zu",
					      k ? " " : "", parts[i].mark,
					      t->counts[parts[i].st]);
	} else if (t->complete)
		snprintf(buf, size, "=");
}

/* Add the tables only there (sorted) to `names` (sorted, `*count`
 * malloc'd strings): rows of their own in the tables pane. 0 or ENOMEM
 * (then *names is as it was). */
int ctl_compare_add_tables(const struct browser_ctl *c, char ***names,
			   size_t *count)
{
	size_t nt = c->cmp.run != NULL ? db_compare_ntables(c->cmp.run) : 0;
	size_t extra = 0;
	for (size_t i = 0; i < nt; i++)
		extra += !db_compare_table_at(c->cmp.run, i)->in_here;
	if (extra == 0)
		return 0;
	char **v = malloc((*count + extra) * sizeof *v);
	char **add = malloc(extra * sizeof *add);
	size_t n_add = 0;
	int err = v == NULL || add == NULL ? ENOMEM : 0;
	for (size_t i = 0; err == 0 && i < nt; i++) {
		const struct cmp_table *t = db_compare_table_at(c->cmp.run, i);
		if (!t->in_here && (add[n_add++] = strdup(t->name)) == NULL)
			err = ENOMEM;
	}
	if (err != 0) {
		for (size_t j = 0; j < n_add; j++)
			free(add[j]);
		free(add);
		free(v);
		return ENOMEM;
	}
	/* both sorted: merged; a table made here since is here */
	size_t a = 0, b = 0, k = 0;
	while (a < *count || b < n_add) {
		int cmp = a == *count ? 1 : b == n_add ? -1
			  : strcmp((*names)[a], add[b]);
		if (cmp == 0)
			free(add[b++]);
		else if (cmp < 0)
			v[k++] = (*names)[a++];
		else
			v[k++] = add[b++];
	}
	free(add);
	free(*names);
	*names = v;
	*count = k;
	return 0;
}

/* Why a table that cannot be opened here is still listed: it is only
 * there. 1 with `buf` filled, else 0. */
int ctl_compare_only_there(const struct browser_ctl *c, const char *name,
			   char *buf, size_t size)
{
	const struct cmp_table *t = c->cmp.run != NULL
					    ? db_compare_table(c->cmp.run, name)
					    : NULL;
	if (t == NULL || t->in_here)
		return 0;
	char dir[200];
	textsafe_name_buf(dir, sizeof dir, c->src.compare_dir,
			  strlen(c->src.compare_dir), textsafe_locale());
	snprintf(buf, size, "only in %s: %zu key%s (read-only; not here)",
		 dir, t->n, t->n == 1 ? "" : "s");
	return 1;
}

int ctl_compare_open(struct browser_ctl *c, char *why, size_t size)
{
	struct replica_opts o = {.rsh = c->src.rsh,
				 .remote_flockd = c->src.remote_flockd,
				 .timeout_ms = BROWSER_PEEK_TIMEOUT_MS};
	struct replica_opts ho = {.timeout_ms = BROWSER_PEEK_TIMEOUT_MS};
	struct replica *here = NULL, *there_run = NULL, *there = NULL;
	const char *w = "";
	char shown[300];
	textsafe_name_buf(shown, sizeof shown, c->src.compare_dir,
			  strlen(c->src.compare_dir), textsafe_locale());
	int err = replica_open(c->src.compare_dir, &o, &there, &w);
	if (err == 0)
		err = replica_open(c->src.compare_dir, &o, &there_run, &w);
	/* here by its absolute path: a ':' in it never means a host */
	if (err == 0)
		err = replica_open(c->src.abs_dir, &ho, &here, &w);
	if (err == 0)
		err = db_compare_new(here, there_run, &c->cmp.run);
	else {
		replica_close(here);
		replica_close(there_run);
	}
	if (err != 0) {
		replica_close(there);
		snprintf(why, size, "--compare %s: %s", shown,
			 *w ? w : err == FLOCKD_ENOTFOUND ? "no such directory"
			 : flockd_strerror(err));
		return err;
	}
	c->cmp.there = there;
	c->src.cmp_db = replica_db(there);
	c->cmp.all_wanted = 1;
	c->tables.badge = table_badge;
	c->tables.badge_ctx = c;
	return 0;
}

void ctl_compare_close(struct browser_ctl *c)
{
	cmp_copy_free(c->cmp.copy);
	db_compare_free(c->cmp.run);
	replica_close(c->cmp.there);
	memset(&c->cmp, 0, sizeof c->cmp);
	c->src.cmp_db = NULL;
}

const struct cmp_table *ctl_compare_table(const struct browser_ctl *c)
{
	if (c->cmp.run == NULL || c->cur.name == NULL)
		return NULL;
	return db_compare_table(c->cmp.run, c->cur.name);
}

const struct cmp_key *ctl_compare_key(const struct browser_ctl *c,
				      const char *key)
{
	return cmp_table_find(ctl_compare_table(c), key);
}

enum cmp_status ctl_compare_status(const struct browser_ctl *c,
				   const struct key_list_row *row)
{
	if (c->cmp.run == NULL || row->is_entry)
		return CMP_UNKNOWN;
	if (row->marks & KL_MARK_CMP_THERE)
		return CMP_ONLY_THERE;
	if (row->marks & KL_MARK_CMP_DIFFERS)
		return CMP_DIFFERS;
	if (row->marks & KL_MARK_CMP_HERE)
		return CMP_ONLY_HERE;
	if (row->marks & KL_MARK_CMP_SAME)
		return CMP_SAME;
	return CMP_UNKNOWN;
}

/* Start what was asked for: every table, or the current one again. */
static void start_run(struct browser_ctl *c, long long now)
{
	struct browser_table *t = &c->cur;
	int all = c->cmp.all_wanted;
	c->cmp.all_wanted = 0;
	t->cmp_wanted = 0;
	t->cmp_next_ms = now + COMPARE_EVERY_MS;
	t->cmp_gen = t->list_gen;
	int err = db_compare_run(c->cmp.run, all ? NULL : t->name);
	if (err != 0)
		ctl_message(c, 1, "cannot compare: %s", flockd_strerror(err));
}

/* A run ended: say why when it failed. */
static void run_ended(struct browser_ctl *c)
{
	char side;
	const char *why;
	int err = db_compare_error(c->cmp.run, &side, &why);
	if (err == 0 || err == ECANCELED)
		return;
	char *m = side == 'B' ? replica_messages(c->cmp.there) : NULL;
	char shown[200] = "";
	if (m != NULL)
		textsafe_name_buf(shown, sizeof shown, m, strcspn(m, "\n"),
				  textsafe_locale());
	free(m);
	ctl_message(c, 1, "cannot compare (%s): %s%s%s",
		    side == 'B' ? "there" : side == 'A' ? "here" : "both",
		    *why ? why : remote_strerror(err), shown[0] ? ": " : "",
		    shown);
}

int ctl_compare_step(struct browser_ctl *c, long long now)
{
	struct browser_table *t = &c->cur;
	if (c->cmp.run == NULL)
		return 0;
	int auto_ok = t->keys != NULL && t->name != NULL &&
		      t->cmp_gen != t->list_gen && now >= t->cmp_next_ms &&
		      key_list_count(t->keys) <= COMPARE_AUTO_MAX &&
		      !db_compare_running(c->cmp.run);
	if (c->cmp.all_wanted || (t->name != NULL && t->cmp_wanted) ||
	    auto_ok)
		start_run(c, now);
	int ended = 0;
	if (db_compare_take(c->cmp.run, &ended)) {
		c->cmp.results_changed = 1;
		c->dirty = 1;
	}
	if (ended)
		run_ended(c);
	/* tables only there join the tables pane as they come */
	size_t nt = db_compare_ntables(c->cmp.run);
	if (nt != c->cmp.ntables || ended) {
		c->cmp.ntables = nt;
		ctl_tables_remerge(c);
	}
	/* marks go on once the listing is complete (the comparison runs
	 * beside it from the start) */
	int more = db_compare_backlog(c->cmp.run) > 0;
	if (t->keys == NULL || t->loader != NULL)
		return more;
	const struct cmp_table *ct = ctl_compare_table(c);
	int err = 0;
	if (t->cmp_applied_gen != t->list_gen) {
		/* a new list: every mark again (one walk) */
		err = compare_marks_apply(&t->cmp, ct, t->keys);
	} else if (c->cmp.results_changed &&
		   (ended || c->cmp.catch_up ||
		    now - c->cmp.applied_ms >= APPLY_EVERY_MS)) {
		/* while a run fills the table, only its new keys, a few
		 * times a second, a bounded batch per step */
		err = compare_marks_extend(&t->cmp, ct, t->keys);
	} else {
		return more;
	}
	c->cmp.catch_up = err == 0 && compare_marks_pending(&t->cmp, ct) > 0;
	c->cmp.results_changed = c->cmp.catch_up;
	/* the marks changed: the rows shown with them */
	if (err == 0 && (c->cmp.diff_only ||
			 key_list_mark_filter(t->keys) != 0))
		err = key_list_set_mark_filter(t->keys, c->cmp.diff_only
							? DIFF_MARKS : 0);
	if (err != 0)
		ctl_message(c, 1, "compare: out of memory");
	t->cmp_applied_gen = t->list_gen;
	c->cmp.applied_ms = now;
	c->pv.stale = 1;
	c->dirty = 1;
	/* the worker runs; the loop's tick shows its progress; marks still
	 * to put on are put on at the next step, not the next tick */
	return c->cmp.catch_up || more;
}

void ctl_compare_diff_only(struct browser_ctl *c)
{
	if (c->cmp.run == NULL) {
		ctl_message(c, 1, "not in compare mode (flockd --compare "
			    "DIR_B DIR)");
		return;
	}
	c->cmp.diff_only = !c->cmp.diff_only;
	if (c->cur.keys != NULL &&
	    key_list_set_mark_filter(c->cur.keys,
				     c->cmp.diff_only ? DIFF_MARKS : 0) != 0)
		ctl_message(c, 1, "out of memory");
	else
		ctl_message(c, 0, c->cmp.diff_only
					  ? "only the keys that differ"
					  : "every key");
	c->pv.stale = 1;
	c->dirty = 1;
}

/* Is the key a difference? */
static int is_difference(const struct cmp_key *k)
{
	return k->status == CMP_ONLY_HERE || k->status == CMP_ONLY_THERE ||
	       k->status == CMP_DIFFERS;
}

/* The cursor on the next difference of the list shown, after (dir > 0)
 * or before the cursor, in the list's order; 0 when there is none. */
static int next_in_list(struct browser_ctl *c, int dir)
{
	struct key_list *kl = c->cur.keys;
	uint32_t n = kl != NULL ? key_list_rows(kl) : 0;
	uint32_t cur = kl != NULL ? key_list_cursor(kl) : 0;
	for (uint32_t step = 1; step <= n; step++) {
		uint32_t i = dir > 0 ? cur + step : cur - step;
		if (i >= n)
			break; /* not round: the next table is next */
		struct key_list_row row;
		if (key_list_row(kl, i, &row) != 0 || row.is_entry)
			continue;
		if (row.marks & DIFF_MARKS) {
			key_list_set_cursor(kl, i);
			return 1;
		}
	}
	return 0;
}

/* The first (dir > 0) or last difference of a table not shown. */
static const char *edge_difference(const struct cmp_table *t, int dir)
{
	for (size_t j = 0; j < t->n; j++) {
		const struct cmp_key *k = &t->keys[dir > 0 ? j : t->n - 1 - j];
		if (is_difference(k))
			return k->name;
	}
	return NULL;
}

int ctl_compare_jump(struct browser_ctl *c, int dir)
{
	if (c->cmp.run == NULL) {
		ctl_message(c, 1, "not in compare mode (flockd --compare "
			    "DIR_B DIR)");
		return 0;
	}
	if (next_in_list(c, dir)) {
		c->dirty = 1;
		return 1;
	}
	/* on to the tables after (before) this one, in the tables' order */
	size_t nt = db_compare_ntables(c->cmp.run);
	int found = 0;
	size_t at = 0;
	for (size_t i = 0; i < nt; i++)
		if (c->cur.name != NULL &&
		    strcmp(db_compare_table_at(c->cmp.run, i)->name,
			   c->cur.name) == 0) {
			at = i;
			found = 1;
		}
	for (size_t s = 1; s <= nt; s++) {
		size_t i = !found ? (dir > 0 ? s - 1 : nt - s)
		       : dir > 0 ? at + s : at - s;
		if (i >= nt)
			break;
		const struct cmp_table *t = db_compare_table_at(c->cmp.run, i);
		const char *key = edge_difference(t, dir);
		if (key == NULL)
			continue;
		if (!t->in_here) {
			/* a table only there: shown, saying so */
			if (table_list_goto(&c->tables, t->name) != 0)
				continue; /* not listed yet */
			ctl_select_table(c, 0);
			return 1;
		}
		ctl_goto_key(c, t->name, key);
		return 1;
	}
	ctl_message(c, 0, "no %s difference%s", dir > 0 ? "next" : "previous",
		    db_compare_running(c->cmp.run) ? " yet (still comparing)"
						   : "");
	return 0;
}
