/* SPDX-License-Identifier: MIT */
/* view_settle.c - the check view settles many keys' conflict copies at
 * once: marks on keys, the facts of each copy, and keep key / keep
 * newest / drop identical through sync/settle.h. */
#include "inspect/view_settle.h"

#include "common/curses_ui.h"
#include "common/textsafe.h"
#include "ui/ask.h"
#include "ui/termsig.h"
#include "ui/waitline.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct conflict_copy *copy_of(const struct conflict_group *g,
					   const struct leftover *f)
{
	for (size_t i = 0; i < g->ncopies; i++)
		if (g->copies[i].f == f)
			return &g->copies[i];
	return NULL;
}

int check_copy_status(const struct check_model *m, const struct leftover *f,
		      char *buf, size_t size)
{
	long gi = settle_group_of(&m->set, f);
	const struct conflict_group *g = gi >= 0 ? &m->set.groups[gi] : NULL;
	const struct conflict_copy *c = g ? copy_of(g, f) : NULL;
	if (c == NULL)
		return -1;
	char when[40] = "?";
	struct tm tm;
	time_t sec = (time_t)c->st.mtime.tv_sec;
	if (localtime_r(&sec, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	const char *same = !g->key_exists ? "key missing"
			   : c->identical == 1 ? "= key"
			   : c->identical == 0 ? "differs"
			   : c->err == FLOCKD_ETIMEOUT ? "not compared (key locked)"
						       : "not compared";
	const char *by = f->who == NULL ? ""
			 : f->entry == FLOCKD_ENTRY_SYNCTHING_CONFLICT
				 ? "device " : "by ";
	snprintf(buf, size, "%s, %" PRIu64 " B, %s%s%s%s", same, c->st.size,
		 by, f->who ? f->who : "", f->who ? ", " : "", when);
	return 0;
}

int check_mark_action(struct check_model *m, struct iui_list *l,
		      enum keymap_action a, char *msg, size_t msz)
{
	const struct leftover_report *r = &m->set.report;
	if (a == KA_SELECT_INVERT) {
		settle_marks_invert(&m->marks);
		snprintf(msg, msz, "%zu key%s marked", m->marks.count,
			 m->marks.count == 1 ? "" : "s");
		return 1;
	}
	if (a != KA_SELECT)
		return 0;
	long g = r->n ? settle_group_of(&m->set, &r->v[l->cur]) : -1;
	if (g < 0) {
		snprintf(msg, msz, "only conflict copies mark their key");
		return 1;
	}
	settle_marks_toggle(&m->marks, (size_t)g);
	while (l->cur + 1 < r->n &&
	       settle_group_of(&m->set, &r->v[l->cur]) == g)
		l->cur++;
	return 1;
}

static enum settle_choice choice_of(enum keymap_action a)
{
	return a == KA_KEEP_KEY	     ? SETTLE_KEEP_KEY
	       : a == KA_KEEP_NEWEST ? SETTLE_KEEP_NEWEST
				     : SETTLE_DROP_IDENTICAL;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The confirmation, naming the counts. */
static void question(enum settle_choice c, const struct settle_preview *p,
		     char *q, size_t size)
{
	int n;
	if (c == SETTLE_DROP_IDENTICAL)
		n = snprintf(q, size, "Remove %zu conflict %s identical to "
			     "the key, of %zu %s?", p->copies,
			     plural(p->copies, "copy", "copies"), p->keys,
			     plural(p->keys, "key", "keys"));
	else
		n = snprintf(q, size, "Keep the %s of %zu %s%s and remove %zu "
			     "conflict %s?",
			     c == SETTLE_KEEP_KEY ? "key's value"
						  : "newest version",
			     p->keys, plural(p->keys, "key", "keys"),
			     c == SETTLE_KEEP_NEWEST && p->installs > 0
				     ? " (some take a copy's value)" : "",
			     p->copies, plural(p->copies, "copy", "copies"));
	if (p->idle > 0 && n > 0 && (size_t)n < size)
		snprintf(q + n, size - (size_t)n, " (%zu marked left as %s: %s)",
			 p->idle, plural(p->idle, "it is", "they are"), p->why);
}

/* settle_one in the wait line's worker (store calls only). */
struct settle_call {
	flockd_table *t;
	const struct conflict_group *g;
	enum settle_choice c;
	struct settle_tally *tally;
};

static int settle_call(void *arg)
{
	struct settle_call *c = arg;
	return settle_one(c->t, c->g, c->c, c->tally);
}

/* One key, its table opened (or kept from the key before) with the
 * cancel flag; non-zero when the user stopped. */
static int settle_key(const struct ui *ui, flockd_db *db,
		      const struct conflict_group *g, enum settle_choice c,
		      flockd_table **t, struct settle_tally *tally,
		      size_t nth, size_t of)
{
	if (*t != NULL && strcmp(flockd_table_name(*t), g->table) != 0) {
		flockd_table_close(*t);
		*t = NULL;
	}
	int err = *t ? 0 : flockd_table_open(db, g->table, 0, t);
	if (err != 0) {
		settle_failed(tally, g->table, NULL, err, "open table");
		return 0;
	}
	flockd_table_set_cancel(*t, termsig_cancel_flag());
	char *key = textsafe_name_str(g->key), what[600];
	snprintf(what, sizeof what, "settling %s (%zu of %zu): waiting for "
		 "its locks", key ? key : "?", nth, of);
	free(key);
	struct settle_call call = {*t, g, c, tally};
	int cancelled = 0;
	waitline_run(ui, what, flockd_db_timeout_ms(db), settle_call, &call,
		     &cancelled);
	return cancelled;
}

/* Settle every marked group; the summary in msg. */
static void settle_marked(const struct ui *ui, flockd_db *db,
			  const struct conflict_set *s,
			  const struct settle_marks *marks,
			  enum settle_choice c, char *msg, size_t msz)
{
	struct settle_tally tally = {0};
	flockd_table *t = NULL;
	size_t nth = 0, stopped = 0;
	for (size_t g = 0; g < s->n; g++) {
		if (!settle_marks_has(marks, g))
			continue;
		if (stopped > 0) {
			stopped++;
			continue;
		}
		nth++;
		stopped = settle_key(ui, db, &s->groups[g], c, &t, &tally, nth,
				     marks->count) != 0;
	}
	flockd_table_close(t);
	settle_summary(&tally, msg, msz);
	size_t len = strlen(msg);
	if (stopped > 1 && len < msz)
		snprintf(msg + len, msz - len, "; stopped: %zu not tried",
			 stopped - 1);
}

/* Plan `c` for the keys of `use`, ask with the counts, settle; 1 when
 * something was tried. */
static int confirm_and_settle(const struct ui *ui, flockd_db *db,
			      const struct conflict_set *s,
			      const struct settle_marks *use,
			      enum settle_choice c, char *msg, size_t msz)
{
	struct settle_preview p;
	char q[800];
	if (settle_preview(s, use, c, &p) != 0) {
		snprintf(msg, msz, "out of memory");
		return 0;
	}
	if (p.keys == 0) {
		snprintf(msg, msz, "nothing to settle: %s", p.why);
		return 0;
	}
	question(c, &p, q, sizeof q);
	if (!ask_yesno(ui, q)) {
		snprintf(msg, msz, "nothing changed");
		return 0;
	}
	settle_marked(ui, db, s, use, c, msg, msz);
	return 1;
}

int check_settle_action(const struct ui *ui, flockd_db *db,
			struct check_model *m, const struct leftover *here,
			enum keymap_action a, char *msg, size_t msz)
{
	if (a != KA_KEEP_KEY && a != KA_KEEP_NEWEST && a != KA_DROP_IDENTICAL)
		return 0;
	if (flockd_db_readonly(db)) {
		snprintf(msg, msz, CHECK_READONLY_MSG);
		return 0;
	}
	struct settle_marks one = {0};
	const struct settle_marks *use = &m->marks;
	long g = here ? settle_group_of(&m->set, here) : -1;
	if (m->marks.count == 0) { /* the key under the cursor alone */
		if (g < 0 || settle_marks_reset(&one, m->set.n) != 0) {
			snprintf(msg, msz, "mark keys with conflict copies "
				 "first (or select a copy)");
			return 0;
		}
		settle_marks_toggle(&one, (size_t)g);
		use = &one;
	}
	int rc = confirm_and_settle(ui, db, &m->set, use, choice_of(a), msg,
				    msz);
	if (rc)
		settle_marks_reset(&m->marks, m->set.n);
	settle_marks_done(&one);
	return rc;
}
