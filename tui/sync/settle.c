/* SPDX-License-Identifier: MIT */
/* settle.c - marks on keys with conflict copies, and settling the marked
 * ones through resolve.h, tallied for one summary line. */
#include "sync/settle.h"

#include "common/textsafe.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void settle_policy(enum settle_choice c, struct resolve_policy *p)
{
	memset(p, 0, sizeof *p);
	if (c == SETTLE_KEEP_KEY)
		p->keep = RESOLVE_KEEP_KEY;
	else if (c == SETTLE_KEEP_NEWEST)
		p->keep = RESOLVE_KEEP_NEWEST;
	else
		p->drop_identical = 1; /* keep stays RESOLVE_KEEP_NONE */
}

int settle_marks_reset(struct settle_marks *m, size_t n)
{
	unsigned char *bits = calloc(n / 8 + 1, 1);
	if (bits == NULL)
		return ENOMEM;
	free(m->bits);
	m->bits = bits;
	m->n = n;
	m->count = 0;
	return 0;
}

void settle_marks_done(struct settle_marks *m)
{
	free(m->bits);
	memset(m, 0, sizeof *m);
}

int settle_marks_has(const struct settle_marks *m, size_t g)
{
	return g < m->n && (m->bits[g / 8] >> (g % 8) & 1u);
}

int settle_marks_toggle(struct settle_marks *m, size_t g)
{
	if (g >= m->n)
		return 0;
	int was = settle_marks_has(m, g);
	m->bits[g / 8] ^= (unsigned char)(1u << (g % 8));
	m->count = was ? m->count - 1 : m->count + 1;
	return !was;
}

void settle_marks_invert(struct settle_marks *m)
{
	for (size_t g = 0; g < m->n; g++)
		m->bits[g / 8] ^= (unsigned char)(1u << (g % 8));
	m->count = m->n - m->count;
}

/* The group of (table, key) in `s` (sorted by table, then key), or -1. */
static long find_group(const struct conflict_set *s, const char *table,
		       const char *key)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct conflict_group *g = &s->groups[mid];
		int c = strcmp(g->table, table);
		if (c == 0)
			c = strcmp(g->key, key);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int settle_marks_carry(struct settle_marks *m, const struct conflict_set *from,
		       const struct conflict_set *to)
{
	struct settle_marks next = {0};
	if (settle_marks_reset(&next, to->n) != 0)
		return ENOMEM;
	for (size_t g = 0; m->count > 0 && g < to->n; g++) {
		long old = find_group(from, to->groups[g].table,
				      to->groups[g].key);
		if (old >= 0 && settle_marks_has(m, (size_t)old))
			settle_marks_toggle(&next, g);
	}
	settle_marks_done(m);
	*m = next;
	return 0;
}

long settle_group_of(const struct conflict_set *s, const struct leftover *f)
{
	if (f->kind != LEFTOVER_FILE || f->key == NULL || f->key_partial ||
	    flockd_entry_class_of(f->entry) != FLOCKD_CLASS_CONFLICT)
		return -1;
	return find_group(s, f->table, f->key);
}

int settle_preview(const struct conflict_set *s, const struct settle_marks *m,
		   enum settle_choice c, struct settle_preview *out)
{
	struct resolve_policy p;
	settle_policy(c, &p);
	memset(out, 0, sizeof *out);
	out->why = "";
	for (size_t g = 0; g < s->n; g++) {
		if (!settle_marks_has(m, g))
			continue;
		struct resolve_plan plan;
		if (resolve_plan_group(&s->groups[g], &p, &plan) != 0)
			return ENOMEM;
		if (plan.action == RESOLVE_KEEP ||
		    plan.action == RESOLVE_INSTALL) {
			out->keys++;
			out->installs += plan.action == RESOLVE_INSTALL;
			for (size_t i = 0; i < s->groups[g].ncopies; i++)
				out->copies += plan.removal[i] != RESOLVE_LEAVE;
		} else {
			if (out->idle++ == 0)
				out->why = plan.why;
		}
		resolve_plan_free(&plan);
	}
	return 0;
}

void settle_failed(struct settle_tally *t, const char *name, const char *why,
		   int err, const char *step)
{
	if (t->failed++ > 0)
		return;
	char *shown = textsafe_name_str(name);
	if (why == NULL)
		why = err == ECANCELED ? "stopped (nothing changed)"
				       : flockd_strerror(err);
	snprintf(t->first, sizeof t->first, "%s: %s%s%s%s", shown ? shown : "?",
		 why, step && *step ? " (" : "", step ? step : "",
		 step && *step ? ")" : "");
	free(shown);
}

/* One key's copies as resolve_apply removes them. */
struct settle_copies {
	size_t removed, stuck;
	const struct conflict_copy *first; /* the first that stayed */
	int outcome;
};

static void copy_done(const struct resolve_copy_result *r, void *ctx)
{
	struct settle_copies *c = ctx;
	if (r->removed || r->outcome == LEFTOVER_KEPT_GONE) {
		c->removed++;
		return;
	}
	if (c->stuck++ == 0) {
		c->first = r->copy;
		c->outcome = r->outcome;
	}
}

int settle_one(flockd_table *t, const struct conflict_group *g,
	       enum settle_choice c, struct settle_tally *tally)
{
	struct resolve_policy p;
	struct resolve_plan plan;
	settle_policy(c, &p);
	if (resolve_plan_group(g, &p, &plan) != 0) {
		settle_failed(tally, g->key, NULL, ENOMEM, NULL);
		return ENOMEM;
	}
	int err = 0;
	if (plan.action == RESOLVE_NOTHING || plan.action == RESOLVE_REFUSED) {
		tally->idle++;
		resolve_plan_free(&plan);
		return 0;
	}
	struct settle_copies copies = {0};
	const char *step = "";
	err = resolve_apply(t, g, &plan, copy_done, &copies, &step);
	tally->removed += copies.removed;
	if (err != 0) {
		settle_failed(tally, g->key, NULL, err, step);
	} else if (copies.stuck > 0) {
		char why[200];
		const char *kept = resolve_kept_why(copies.outcome);
		snprintf(why, sizeof why, "a copy stays, %s",
			 kept ? kept : flockd_strerror(copies.outcome));
		settle_failed(tally, copies.first->f->name, why, 0, NULL);
	} else {
		tally->settled++;
	}
	resolve_plan_free(&plan);
	return err;
}

void settle_summary(const struct settle_tally *t, char *buf, size_t size)
{
	char failed[sizeof t->first + 40] = "", idle[48] = "";
	if (t->failed > 0)
		snprintf(failed, sizeof failed, "; failed %zu, first: %s",
			 t->failed, t->first);
	if (t->idle > 0)
		snprintf(idle, sizeof idle, "; %zu left as %s", t->idle,
			 t->idle == 1 ? "it was" : "they were");
	snprintf(buf, size, "settled %zu key%s (%zu cop%s removed)%s%s",
		 t->settled, t->settled == 1 ? "" : "s", t->removed,
		 t->removed == 1 ? "y" : "ies", failed, idle);
}
