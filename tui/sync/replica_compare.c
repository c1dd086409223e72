/* SPDX-License-Identifier: MIT */
/* replica_compare.c - two walks merged into records. */
#include "sync/replica_compare.h"

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

struct replica_compare {
	struct rc_walk a, b;
	int bytes;           /* both local: compare bytes, not hashes */
	int leftovers;
	const volatile sig_atomic_t *cancel;
	char *skip_table;    /* a table in trouble: skip its entries */
	char failed_side;
	char *buf;           /* VALUE_EQUAL_BUF bytes for byte compares */
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

int replica_compare_open(struct replica *a, struct replica *b,
			 const struct rc_opts *o, struct replica_compare **out,
			 char *side, const char **why)
{
	struct replica_compare *c = calloc(1, sizeof *c);
	if (c == NULL)
		return ENOMEM;
	c->bytes = !replica_is_remote(a) && !replica_is_remote(b);
	c->leftovers = o->leftovers;
	c->cancel = o->cancel;
	struct manifest_opts mo = {
		.flags = (c->bytes ? 0 : MANIFEST_HASH) |
			 (o->leftovers ? MANIFEST_ALL : 0),
		.tables = o->tables, .ntables = o->ntables,
		.keys = o->keys, .nkeys = o->nkeys, .cancel = o->cancel,
	};
	int err = 0;
	if (c->bytes && (c->buf = malloc(VALUE_EQUAL_BUF)) == NULL)
		err = ENOMEM;
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
	replica_walk_close(c->a.w);
	replica_walk_close(c->b.w);
	free(c->skip_table);
	free(c->buf);
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

static void take_side(struct rc_side *s, const struct manifest_entry *e)
{
	s->present = 1;
	s->have_stat = e->have_stat;
	s->st = e->st;
	s->have_hash = e->have_hash;
	s->hash = e->hash;
	s->suspect = e->have_stat && flockd_stat_suspect(&e->st);
}

static void trouble(struct rc_record *rec, char side, int err,
		    const char *step)
{
	rec->status = RC_TROUBLE;
	rec->err_side = side;
	rec->err = err;
	rec->step = step ? step : "";
}

/* Facts of an entry of a local walk that was listed without them. */
static void stat_local(struct replica_walk *w, const struct manifest_entry *e,
		       struct rc_side *s)
{
	flockd_table *t = replica_walk_table(w);
	if (t == NULL || e->have_stat || e->kind == FLOCKD_ENTRY_TABLE)
		return;
	int err = e->kind == FLOCKD_ENTRY_KEY
			  ? flockd_key_stat(t, e->name, &s->st)
			  : flockd_entry_stat(t, e->name, &s->st);
	s->have_stat = err == 0;
	s->suspect = s->have_stat && flockd_stat_suspect(&s->st);
}

static enum rc_status leftover_status(enum flockd_entry_kind kind)
{
	return flockd_entry_class_of(kind) == FLOCKD_CLASS_CONFLICT
		       ? RC_CONFLICT
		       : RC_LEFTOVER;
}

/* Which non-key entries are records: conflict copies, temp files and
 * strangers; backups and a sync tool's own files are its business. */
static int shown_entry(enum flockd_entry_kind kind)
{
	enum flockd_entry_class cls = flockd_entry_class_of(kind);
	return cls == FLOCKD_CLASS_CONFLICT || cls == FLOCKD_CLASS_TEMP ||
	       cls == FLOCKD_CLASS_OTHER;
}

/* An entry of one side only. */
static void one_side(struct replica_compare *c, char side,
		     struct rc_record *rec)
{
	struct rc_walk *s = side == 'A' ? &c->a : &c->b;
	struct rc_side *rs = side == 'A' ? &rec->a : &rec->b;
	const struct manifest_entry *e = &s->e;
	take_side(rs, e);
	stat_local(s->w, e, rs);
	if (e->kind == FLOCKD_ENTRY_TABLE) {
		rec->status = side == 'A' ? RC_TABLE_ONLY_A : RC_TABLE_ONLY_B;
		if (e->err != 0 && e->err != FLOCKD_ENOTFOUND)
			trouble(rec, side, e->err, e->step);
	} else if (e->kind == FLOCKD_ENTRY_KEY) {
		rec->status = rs->suspect ? RC_SUSPECT
			      : side == 'A' ? RC_ONLY_A : RC_ONLY_B;
		rec->reason = rs->suspect ? RC_REASON_EPOCH : RC_REASON_NONE;
		rec->values_differ = -1;
		if (e->err != 0)
			trouble(rec, side, e->err, e->step);
	} else {
		rec->status = leftover_status(e->kind);
	}
}

static void set_newer(struct rc_record *rec)
{
	if (!rec->a.have_stat || !rec->b.have_stat)
		return;
	const struct flockd_timespec *ta = &rec->a.st.mtime,
				     *tb = &rec->b.st.mtime;
	rec->newer = ta->tv_sec != tb->tv_sec
			     ? (ta->tv_sec > tb->tv_sec ? 'a' : 'b')
		     : ta->tv_nsec != tb->tv_nsec
			     ? (ta->tv_nsec > tb->tv_nsec ? 'a' : 'b')
			     : '=';
}

/* Two files that are not both regular: their types decide (symlinks of
 * local databases by their targets too). */
static void compare_types(struct replica_compare *c, struct rc_record *rec)
{
	mode_t ta = rec->a.st.mode & S_IFMT, tb = rec->b.st.mode & S_IFMT;
	rec->status = ta == tb ? RC_SAME : RC_DIFFERS;
	rec->reason = ta == tb ? RC_REASON_NONE : RC_REASON_TYPE;
	if (ta != tb || !S_ISLNK(ta) || !c->bytes)
		return;
	char name[NAME_MAX + 1], la[PATH_MAX], lb[PATH_MAX];
	size_t n = strlen(rec->name);
	if (n + 4 > sizeof name)
		return;
	memcpy(name, rec->name, n);
	memcpy(name + n, ".kv", 4);
	ssize_t na = readlinkat(flockd_table_dirfd(replica_walk_table(c->a.w)),
				name, la, sizeof la);
	ssize_t nb = readlinkat(flockd_table_dirfd(replica_walk_table(c->b.w)),
				name, lb, sizeof lb);
	if (na != nb || na < 0 || memcmp(la, lb, (size_t)na) != 0) {
		rec->status = RC_DIFFERS;
		rec->reason = RC_REASON_TYPE;
	}
}

/* Both local: open both through the store's read handles (shared locks,
 * verified, and the facts under them), sizes first, then the bytes. */
static void compare_bytes(struct replica_compare *c, struct rc_record *rec)
{
	flockd_table *ta = replica_walk_table(c->a.w);
	flockd_table *tb = replica_walk_table(c->b.w);
	flockd_reader *ra = NULL, *rb = NULL;
	int ea = flockd_read_open(ta, rec->name, 0, &ra);
	/* a side that failed (a lock that did not come) is the trouble:
	 * no second wait on the other */
	int eb = ea == 0 || ea == FLOCKD_ENOTREG
			 ? flockd_read_open(tb, rec->name, 0, &rb)
			 : 0;
	if (ea == FLOCKD_ENOTREG || eb == FLOCKD_ENOTREG) {
		stat_local(c->a.w, &c->a.e, &rec->a);
		stat_local(c->b.w, &c->b.e, &rec->b);
		if (rec->a.have_stat && rec->b.have_stat)
			compare_types(c, rec);
		else
			trouble(rec, rec->a.have_stat ? 'B' : 'A', EIO, "stat");
	} else if (ea != 0 || eb != 0) {
		trouble(rec, ea ? 'A' : 'B', ea ? ea : eb, "read");
	} else {
		rec->a.st = *flockd_read_stat(ra);
		rec->b.st = *flockd_read_stat(rb);
		rec->a.have_stat = rec->b.have_stat = 1;
		int equal = 0, err = 0;
		if (rec->a.st.size != rec->b.st.size)
			rec->reason = RC_REASON_SIZE;
		else if (rec->a.st.dev == rec->b.st.dev &&
			 rec->a.st.ino == rec->b.st.ino)
			equal = 1; /* one file, seen twice */
		else
			err = value_equal_fds(flockd_read_fd(ra),
					      flockd_read_fd(rb),
					      rec->a.st.size, c->buf, &equal);
		if (err != 0)
			trouble(rec, 'A', err, "read");
		else if (equal)
			rec->status = RC_SAME;
		else if (rec->reason == RC_REASON_NONE)
			rec->reason = RC_REASON_CONTENT;
	}
	flockd_read_close(ra);
	flockd_read_close(rb);
}

/* By the manifests' facts and hashes (a side is remote). */
static void compare_hashes(struct replica_compare *c, struct rc_record *rec)
{
	if (!rec->a.have_stat || !rec->b.have_stat) {
		trouble(rec, rec->a.have_stat ? 'B' : 'A', EIO, "stat");
	} else if (!S_ISREG(rec->a.st.mode) || !S_ISREG(rec->b.st.mode)) {
		compare_types(c, rec);
	} else if (rec->a.st.size != rec->b.st.size) {
		rec->reason = RC_REASON_SIZE;
	} else if (!rec->a.have_hash || !rec->b.have_hash) {
		trouble(rec, rec->a.have_hash ? 'B' : 'A', EIO, "read");
	} else if (vhash_equal(&rec->a.hash, &rec->b.hash)) {
		rec->status = RC_SAME;
	} else {
		rec->reason = RC_REASON_CONTENT;
	}
}

/* A suspect side outranks same/differs: the status says suspect, and
 * values_differ keeps what the comparison found. */
static void mark_suspect(struct rc_record *rec)
{
	rec->a.suspect = rec->a.have_stat && flockd_stat_suspect(&rec->a.st);
	rec->b.suspect = rec->b.have_stat && flockd_stat_suspect(&rec->b.st);
	int pair = rec->a.have_stat && rec->b.have_stat &&
		   flockd_stat_pair_suspect(&rec->a.st, &rec->b.st);
	if (!rec->a.suspect && !rec->b.suspect && !pair)
		return;
	rec->values_differ = rec->status != RC_SAME;
	rec->status = RC_SUSPECT;
	rec->reason = rec->a.suspect || rec->b.suspect ? RC_REASON_EPOCH
						       : RC_REASON_SAME_MTIME;
}

/* A key on both sides. */
static void both_key(struct replica_compare *c, struct rc_record *rec)
{
	if (c->a.e.err != 0)
		return trouble(rec, 'A', c->a.e.err, c->a.e.step);
	if (c->b.e.err != 0)
		return trouble(rec, 'B', c->b.e.err, c->b.e.step);
	rec->status = RC_DIFFERS;
	if (c->bytes)
		compare_bytes(c, rec);
	else
		compare_hashes(c, rec);
	if (rec->status == RC_TROUBLE)
		return;
	set_newer(rec);
	mark_suspect(rec);
}

/* Entries of both sides with one name. */
static void both_sides(struct replica_compare *c, struct rc_record *rec)
{
	const struct manifest_entry *ea = &c->a.e, *eb = &c->b.e;
	take_side(&rec->a, ea);
	take_side(&rec->b, eb);
	if (ea->kind == FLOCKD_ENTRY_TABLE) {
		rec->status = RC_TABLE;
		if (ea->err != 0 || eb->err != 0) {
			int a_gone = ea->err == FLOCKD_ENOTFOUND;
			int b_gone = eb->err == FLOCKD_ENOTFOUND;
			if (a_gone && !eb->err)
				rec->status = RC_TABLE_ONLY_B;
			else if (b_gone && !ea->err)
				rec->status = RC_TABLE_ONLY_A;
			else if (!(a_gone && b_gone))
				trouble(rec, ea->err && !a_gone ? 'A' : 'B',
					ea->err && !a_gone ? ea->err : eb->err,
					ea->err && !a_gone ? ea->step
							   : eb->step);
			else /* asked for, in neither */
				trouble(rec, 0, FLOCKD_ENOTFOUND, NULL);
		}
		return;
	}
	if (ea->kind == FLOCKD_ENTRY_KEY)
		return both_key(c, rec);
	stat_local(c->a.w, ea, &rec->a);
	stat_local(c->b.w, eb, &rec->b);
	rec->status = leftover_status(ea->kind);
	set_newer(rec);
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

int replica_compare_next(struct replica_compare *c, struct rc_record *rec)
{
	for (;;) {
		if (c->cancel != NULL && *c->cancel)
			return ECANCELED;
		int err = advance(c);
		if (err != 0)
			return err;
		if (c->a.state == DONE && c->b.state == DONE)
			return MANIFEST_END;
		int r = order(c);
		char which = pick(c, r);
		memset(rec, 0, sizeof *rec);
		const struct manifest_entry *e = r <= 0 ? &c->a.e : &c->b.e;
		rec->table = e->table;
		rec->name = e->name;
		rec->kind = e->kind;
		rec->key_off = e->key_off;
		rec->key_len = e->key_len;
		if (which == 'A' || which == 'B')
			one_side(c, which, rec);
		else if (which == '=')
			both_sides(c, rec);
		if (r <= 0)
			c->a.state = WANT;
		if (r >= 0)
			c->b.state = WANT;
		if (which == 0)
			continue;
		if (rec->status == RC_TROUBLE && rec->kind == FLOCKD_ENTRY_TABLE) {
			free(c->skip_table);
			if ((c->skip_table = strdup(rec->table)) == NULL)
				return ENOMEM;
		}
		return 0;
	}
}
