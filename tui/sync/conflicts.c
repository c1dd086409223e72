/* SPDX-License-Identifier: MIT */
/* conflicts.c - conflict copies grouped by key, compared with it. */
#include "sync/conflicts.h"

#include "sync/value_equal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int wanted(const char *key, const char *const *keys, size_t nkeys)
{
	for (size_t i = 0; i < nkeys; i++)
		if (strcmp(keys[i], key) == 0)
			return 1;
	return nkeys == 0;
}

/* Findings that are conflict copies with a known key, in (table, key,
 * name) order, as pointers. */
static int cmp_copy(const void *x, const void *y)
{
	const struct leftover *a = *(const struct leftover *const *)x;
	const struct leftover *b = *(const struct leftover *const *)y;
	int c = strcmp(a->table, b->table);
	if (c == 0)
		c = strcmp(a->key, b->key);
	return c != 0 ? c : strcmp(a->name, b->name);
}

static void compare_copy(flockd_table *t, const struct conflict_group *g,
			 struct conflict_copy *c, unsigned read_flags)
{
	c->identical = -1;
	c->err = 0;
	if (!g->key_exists || !S_ISREG(c->st.mode))
		return;
	flockd_reader *rk = NULL, *rc = NULL;
	int err = flockd_read_open(t, g->key, read_flags, &rk);
	if (err == 0)
		err = flockd_entry_open(t, c->f->name, &rc);
	char *buf = err == 0 ? malloc(VALUE_EQUAL_BUF) : NULL;
	if (err == 0 && buf == NULL)
		err = ENOMEM;
	if (err == 0) {
		const struct flockd_stat *sk = flockd_read_stat(rk);
		const struct flockd_stat *sc = flockd_read_stat(rc);
		int equal = 0;
		if (sk->size == sc->size)
			err = value_equal_fds(flockd_read_fd(rk),
					      flockd_read_fd(rc), sk->size,
					      buf, &equal);
		if (err == 0)
			c->identical = equal;
	}
	if (err == FLOCKD_ENOTFOUND || err == FLOCKD_ENOTREG)
		err = 0; /* gone or odd meanwhile: not known */
	c->err = err;
	free(buf);
	flockd_read_close(rk);
	flockd_read_close(rc);
}

void conflict_copy_compare(flockd_table *t, const struct conflict_group *g,
			   struct conflict_copy *c)
{
	compare_copy(t, g, c, 0);
}

/* Fill the groups from the sorted copies. */
static int build_groups(flockd_db *db, struct conflict_set *s,
			struct leftover **v, size_t n, unsigned read_flags)
{
	s->groups = calloc(n + 1, sizeof *s->groups);
	struct conflict_copy *copies = calloc(n + 1, sizeof *copies);
	if (s->groups == NULL || copies == NULL) {
		free(copies);
		return ENOMEM;
	}
	flockd_table *t = NULL;
	for (size_t i = 0; i < n; i++) {
		struct conflict_group *g = s->n ? &s->groups[s->n - 1] : NULL;
		if (g == NULL || strcmp(g->table, v[i]->table) != 0 ||
		    strcmp(g->key, v[i]->key) != 0) {
			if (g == NULL || strcmp(g->table, v[i]->table) != 0) {
				flockd_table_close(t);
				t = NULL;
				flockd_table_open(db, v[i]->table, 0, &t);
			}
			g = &s->groups[s->n++];
			g->table = v[i]->table;
			g->key = v[i]->key;
			g->copies = &copies[i];
			g->key_exists = t != NULL &&
					flockd_key_stat(t, g->key,
							&g->key_st) == 0 &&
					S_ISREG(g->key_st.mode);
		}
		struct conflict_copy *c = &g->copies[g->ncopies++];
		c->f = v[i];
		c->identical = -1;
		if (t == NULL || flockd_entry_stat(t, v[i]->name, &c->st) != 0) {
			c->st.mode = v[i]->mode;
			c->st.size = v[i]->size;
		} else {
			compare_copy(t, g, c, read_flags);
		}
	}
	flockd_table_close(t);
	if (s->n == 0)
		free(copies);
	return 0;
}

static int find_in(flockd_db *db, const char *const *tables, size_t ntables,
		   const struct leftover_opts *lo, struct leftover_report *r)
{
	if (ntables == 0)
		return leftovers_check_db(db, lo, r);
	char **sorted = malloc(ntables * sizeof *sorted);
	if (sorted == NULL)
		return ENOMEM;
	memcpy(sorted, tables, ntables * sizeof *sorted);
	qsort(sorted, ntables, sizeof *sorted, cmp_str);
	int err = 0;
	for (size_t i = 0; err == 0 && i < ntables; i++) {
		if (i > 0 && strcmp(sorted[i], sorted[i - 1]) == 0)
			continue;
		flockd_table *t;
		err = flockd_table_open(db, sorted[i], 0, &t);
		if (err == 0) {
			err = leftovers_check_table(t, lo, r);
			flockd_table_close(t);
		}
	}
	free(sorted);
	return err;
}

int conflicts_find(flockd_db *db, const char *const *tables, size_t ntables,
		   const char *const *keys, size_t nkeys,
		   const struct leftover_opts *lo, struct conflict_set *out)
{
	return conflicts_find_flags(db, tables, ntables, keys, nkeys, lo, 0,
				    out);
}

int conflicts_find_flags(flockd_db *db, const char *const *tables,
			 size_t ntables, const char *const *keys, size_t nkeys,
			 const struct leftover_opts *lo, unsigned read_flags,
			 struct conflict_set *out)
{
	memset(out, 0, sizeof *out);
	int err = find_in(db, tables, ntables, lo, &out->report);
	struct leftover **v = NULL;
	size_t n = 0;
	if (err == 0 && (v = calloc(out->report.n + 1, sizeof *v)) == NULL)
		err = ENOMEM;
	for (size_t i = 0; err == 0 && i < out->report.n; i++) {
		struct leftover *f = &out->report.v[i];
		if (f->kind != LEFTOVER_FILE ||
		    flockd_entry_class_of(f->entry) != FLOCKD_CLASS_CONFLICT)
			continue;
		if (f->key == NULL || f->key_partial) {
			out->partial += nkeys == 0;
			continue;
		}
		if (wanted(f->key, keys, nkeys))
			v[n++] = f;
	}
	if (err == 0 && n > 1)
		qsort(v, n, sizeof *v, cmp_copy);
	if (err == 0)
		err = build_groups(db, out, v, n, read_flags);
	free(v);
	if (err != 0)
		conflict_set_free(out);
	return err;
}

void conflict_set_free(struct conflict_set *s)
{
	if (s->n > 0)
		free(s->groups[0].copies);
	free(s->groups);
	leftover_report_free(&s->report);
	memset(s, 0, sizeof *s);
}
