/* SPDX-License-Identifier: MIT */
/*
 * replica_compare.c - two walks merged into records. The merge runs on
 * the caller's thread and is cheap (names in order); judging a record of
 * two local databases reads both values (lock, verify, read, compare),
 * so those records are judged by two threads, up to RC_AHEAD_SLOTS
 * records ahead of the one given (work_ahead.h), each thread with its
 * own table handles. With a remote side, records are judged by the
 * manifests' facts and hashes, which reads nothing: on the caller's
 * thread, one at a time.
 */
#include "sync/replica_compare.h"

#include "common/work_ahead.h"
#include "sync/replica_judge.h"
#include "sync/value_equal.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One side's walk and the entry it holds. */
struct rc_walk {
	struct replica_walk *w;
	struct manifest_entry e;
	int state;           /* WANT, HAVE, or DONE */
};

enum { WANT, HAVE, DONE };

#define RC_AHEAD_SLOTS 256

struct replica_compare {
	struct rc_walk a, b;
	struct replica *ra, *rb;
	int bytes;           /* both local: compare bytes, not hashes */
	int leftovers;
	const volatile sig_atomic_t *cancel;
	char *skip_table;    /* a table in trouble: skip its entries */
	char failed_side;
	struct rj_table *table; /* the merge's table (counted) */
	/* judging: with `bytes`, the ring of items and the helper's judge;
	 * else `solo`, one item judged here */
	struct rj_judge own, helper;
	struct work_ahead *ahead;
	struct rj_item solo;
	struct rj_item *given; /* the item of the last record given */
	int merge_end;       /* MANIFEST_END or the error that ended the
				merge, given once the records before it are */
};

const char *rc_status_name(enum rc_status s)
{
	static const char *const names[] = {
		"table", "table-only-a", "table-only-b", "same", "only-a",
		"only-b", "differs", "suspect", "conflict", "leftover",
		"trouble"};
	return (unsigned)s < sizeof names / sizeof *names ? names[s]
							  : "trouble";
}

const char *rc_reason_name(enum rc_reason r)
{
	static const char *const names[] = {"", "size", "content", "type",
					    "epoch", "same-mtime"};
	return (unsigned)r < sizeof names / sizeof *names ? names[r] : "";
}

int rc_is_difference(enum rc_status s)
{
	return s != RC_TABLE && s != RC_SAME && s != RC_TROUBLE;
}

static void table_unref(struct rj_table *t)
{
	if (t == NULL || --t->refs > 0)
		return;
	for (int th = 0; th < RJ_THREADS; th++)
		for (int side = 0; side < 2; side++)
			flockd_table_close(t->t[th][side]);
	free(t->name);
	free(t);
}

/* Drop what an item holds of one use (its table); its name buffer stays
 * for the next use. */
static void item_release(struct rj_item *it)
{
	table_unref(it->table);
	it->table = NULL;
}

static void item_free(struct rj_item *it)
{
	if (it == NULL)
		return;
	item_release(it);
	free(it->name);
	it->name = NULL;
	it->name_cap = 0;
}

static void item_drop(void *slot)
{
	item_free(slot);
}

static void judge_work(void *ctx, void *slot)
{
	rj_judge_item(ctx, slot);
}

/* Two local databases: the judges' buffers and the ring with its
 * helper. Without a thread (EAGAIN), every record is judged here. */
static int start_judges(struct replica_compare *c)
{
	c->own.thread = RJ_OWN;
	c->helper.thread = RJ_HELPER;
	c->own.bytes = c->helper.bytes = 1;
	if ((c->own.buf = malloc(VALUE_EQUAL_BUF)) == NULL ||
	    (c->helper.buf = malloc(VALUE_EQUAL_BUF)) == NULL)
		return ENOMEM;
	int err = work_ahead_new(sizeof(struct rj_item), RC_AHEAD_SLOTS,
				 judge_work, &c->helper, &c->ahead);
	if (err != 0)
		c->ahead = NULL;
	return err == ENOMEM ? ENOMEM : 0;
}

int replica_compare_open(struct replica *a, struct replica *b,
			 const struct rc_opts *o, struct replica_compare **out,
			 char *side, const char **why)
{
	struct replica_compare *c = calloc(1, sizeof *c);
	if (c == NULL)
		return ENOMEM;
	c->bytes = !replica_is_remote(a) && !replica_is_remote(b);
	c->ra = a;
	c->rb = b;
	c->leftovers = o->leftovers;
	c->cancel = o->cancel;
	struct manifest_opts mo = {
		.flags = (c->bytes ? 0 : MANIFEST_HASH) |
			 (o->leftovers ? MANIFEST_ALL : 0),
		.tables = o->tables, .ntables = o->ntables,
		.keys = o->keys, .nkeys = o->nkeys, .cancel = o->cancel,
	};
	int err = c->bytes ? start_judges(c) : 0;
	*side = 'A';
	if (err == 0)
		err = replica_walk_open(a, &mo, &c->a.w, why);
	if (err == 0) {
		*side = 'B';
		err = replica_walk_open(b, &mo, &c->b.w, why);
	}
	if (err != 0) {
		replica_compare_close(c);
		return err;
	}
	*out = c;
	return 0;
}

void replica_compare_close(struct replica_compare *c)
{
	if (c == NULL)
		return;
	work_ahead_free(c->ahead, item_drop); /* first: it judges items */
	item_free(&c->solo);
	table_unref(c->table);
	replica_walk_close(c->a.w);
	replica_walk_close(c->b.w);
	free(c->skip_table);
	free(c->own.buf);
	free(c->helper.buf);
	free(c);
}

char replica_compare_failed_side(const struct replica_compare *c)
{
	return c->failed_side;
}

size_t replica_compare_progress(const struct replica_compare *c)
{
	return replica_walk_progress(c->a.w) + replica_walk_progress(c->b.w);
}

/* Make sure the side holds an entry (or is done). */
static int fill(struct rc_walk *s)
{
	if (s->state != WANT)
		return 0;
	int err = replica_walk_next(s->w, &s->e);
	if (err == MANIFEST_END) {
		s->state = DONE;
		return 0;
	}
	if (err == 0)
		s->state = HAVE;
	return err;
}

/* Where the two held entries stand: <0 A first, >0 B first, 0 same. */
static int order(const struct replica_compare *c)
{
	if (c->a.state == DONE)
		return 1;
	if (c->b.state == DONE)
		return -1;
	int r = strcmp(c->a.e.table, c->b.e.table);
	if (r != 0)
		return r;
	return manifest_order(c->a.e.kind, c->a.e.name, c->b.e.kind,
			      c->b.e.name);
}

/* Which non-key entries are records: conflict copies, temp files and
 * strangers; backups and a sync tool's own files are its business. */
static int shown_entry(enum flockd_entry_kind kind)
{
	enum flockd_entry_class cls = flockd_entry_class_of(kind);
	return cls == FLOCKD_CLASS_CONFLICT || cls == FLOCKD_CLASS_TEMP ||
	       cls == FLOCKD_CLASS_OTHER;
}

/* Skip the entries of a table in trouble on both sides. */
static int skipping(struct replica_compare *c, struct rc_walk *s)
{
	return c->skip_table != NULL && s->state == HAVE &&
	       strcmp(s->e.table, c->skip_table) == 0;
}

static int advance(struct replica_compare *c)
{
	int err;
	for (;;) {
		if ((err = fill(&c->a)) != 0) {
			c->failed_side = 'A';
			return err;
		}
		if ((err = fill(&c->b)) != 0) {
			c->failed_side = 'B';
			return err;
		}
		int sa = skipping(c, &c->a), sb = skipping(c, &c->b);
		if (!sa && !sb)
			return 0;
		if (sa)
			c->a.state = WANT;
		if (sb)
			c->b.state = WANT;
	}
}

/* Which entries to give as one record: 'A', 'B' or '=' (both); 0 to
 * skip them (an entry no record shows). */
static char pick(const struct replica_compare *c, int r)
{
	const struct manifest_entry *e = r <= 0 ? &c->a.e : &c->b.e;
	if (e->kind != FLOCKD_ENTRY_TABLE && e->kind != FLOCKD_ENTRY_KEY &&
	    (!c->leftovers || !shown_entry(e->kind)))
		return 0;
	return r < 0 ? 'A' : r > 0 ? 'B' : '=';
}

/* The merge's table for an entry of table `name`: the one it is in, or
 * a new one. */
static int merge_table(struct replica_compare *c, const char *name)
{
	if (c->table != NULL && strcmp(c->table->name, name) == 0)
		return 0;
	struct rj_table *t = calloc(1, sizeof *t);
	if (t == NULL || (t->name = strdup(name)) == NULL) {
		free(t);
		return ENOMEM;
	}
	t->refs = 1;
	table_unref(c->table);
	c->table = t;
	return 0;
}

/* The handles of one side (0 A, 1 B) of the item's table, for each
 * thread that judges, opened here once per table; a table that will not
 * open leaves them all NULL and its error for the judges to report. */
static void open_side(struct replica_compare *c, struct rj_table *t,
		      int side)
{
	if (t->opened[side])
		return;
	t->opened[side] = 1;
	flockd_db *db = replica_db(side ? c->rb : c->ra);
	int threads = c->ahead != NULL ? RJ_THREADS : 1;
	for (int th = 0; th < threads && t->err[side] == 0; th++) {
		t->err[side] = flockd_table_open(db, t->name, 0,
						 &t->t[th][side]);
		if (t->err[side] == 0)
			flockd_table_set_cancel(t->t[th][side], c->cancel);
		else
			t->t[th][side] = NULL;
	}
	if (t->err[side] != 0)
		for (int th = 0; th < threads; th++) {
			flockd_table_close(t->t[th][side]);
			t->t[th][side] = NULL;
		}
}

/* Copy the held entries of `which` side(s) into the item. */
static int set_item(struct replica_compare *c, struct rj_item *it,
		    char which)
{
	const struct manifest_entry *e = which == 'B' ? &c->b.e : &c->a.e;
	item_release(it);
	int err = merge_table(c, e->table);
	size_t n = strlen(e->name) + 1;
	if (err == 0 && n > it->name_cap) {
		char *grown = realloc(it->name, n);
		if (grown == NULL)
			return ENOMEM;
		it->name = grown;
		it->name_cap = n;
	}
	if (err != 0)
		return err;
	memcpy(it->name, e->name, n);
	it->which = which;
	it->table = c->table;
	c->table->refs++;
	memset(&it->ea, 0, sizeof it->ea);
	memset(&it->eb, 0, sizeof it->eb);
	if (which != 'B') {
		it->ea = c->a.e;
		it->ea.table = it->table->name;
		it->ea.name = it->name;
	}
	if (which != 'A') {
		it->eb = c->b.e;
		it->eb.table = it->table->name;
		it->eb.name = it->name;
	}
	return 0;
}

/*
 * The next name of the merged walks into `it`: 0, MANIFEST_END, or the
 * error that ends the merge. A table's record is judged at once (it
 * reads nothing, and a table in trouble decides which entries follow);
 * any other is left to judge (*needs_work), its table's handles opened
 * for the sides that will be read.
 */
static int merge_step(struct replica_compare *c, struct rj_item *it,
		      int *needs_work)
{
	for (;;) {
		int err = advance(c);
		if (err != 0)
			return err;
		if (c->a.state == DONE && c->b.state == DONE)
			return MANIFEST_END;
		int r = order(c);
		char which = pick(c, r);
		if (which != 0)
			err = set_item(c, it, which);
		if (r <= 0)
			c->a.state = WANT;
		if (r >= 0)
			c->b.state = WANT;
		if (err != 0)
			return err;
		if (which != 0)
			break;
	}
	enum flockd_entry_kind kind = it->which == 'B' ? it->eb.kind
						       : it->ea.kind;
	*needs_work = kind != FLOCKD_ENTRY_TABLE;
	if (*needs_work) {
		if (c->bytes && it->which != 'B')
			open_side(c, it->table, 0);
		if (c->bytes && it->which != 'A')
			open_side(c, it->table, 1);
		return 0;
	}
	rj_judge_item(NULL, it);
	if (it->rec.status == RC_TROUBLE) {
		free(c->skip_table);
		if ((c->skip_table = strdup(it->table->name)) == NULL)
			return ENOMEM;
	}
	return 0;
}

/* The next item, judged: from the ring (refilled first), or merged and
 * judged here. NULL at the end of the merge (c->merge_end says why). */
static struct rj_item *next_item(struct replica_compare *c)
{
	int needs_work;
	if (c->ahead == NULL) {
		if (c->merge_end != 0)
			return NULL;
		c->merge_end = merge_step(c, &c->solo, &needs_work);
		if (c->merge_end != 0)
			return NULL;
		if (needs_work)
			rj_judge_item(&c->own, &c->solo);
		return &c->solo;
	}
	struct rj_item *it;
	while (c->merge_end == 0 && (it = work_ahead_back(c->ahead)) != NULL) {
		c->merge_end = merge_step(c, it, &needs_work);
		if (c->merge_end == 0)
			work_ahead_push(c->ahead, needs_work);
	}
	return work_ahead_take(c->ahead, &c->own);
}

int replica_compare_next(struct replica_compare *c, struct rc_record *rec)
{
	if (c->cancel != NULL && *c->cancel)
		return ECANCELED;
	if (c->given != NULL)
		item_release(c->given);
	c->given = next_item(c);
	if (c->given == NULL)
		return c->merge_end;
	*rec = c->given->rec;
	return 0;
}
