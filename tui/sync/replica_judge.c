/* SPDX-License-Identifier: MIT */
/* replica_judge.c - what two entries of one name make as a record. */
#include "sync/replica_judge.h"

#include "sync/value_equal.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* This thread's handle of the item's table on one side (0 A, 1 B):
 * NULL for a remote side, or when the table could not be opened. */
static flockd_table *side_table(const struct rj_judge *j,
				const struct rj_item *it, int side)
{
	return j != NULL ? it->table->t[j->thread][side] : NULL;
}

/* Facts of an entry of a local walk that was listed without them. */
static void stat_local(flockd_table *t, const struct manifest_entry *e,
		       struct rc_side *s)
{
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

/* An entry of one side only. */
static void one_side(const struct rj_judge *j, struct rj_item *it)
{
	char side = it->which;
	struct rc_record *rec = &it->rec;
	struct rc_side *rs = side == 'A' ? &rec->a : &rec->b;
	const struct manifest_entry *e = side == 'A' ? &it->ea : &it->eb;
	take_side(rs, e);
	stat_local(side_table(j, it, side == 'B'), e, rs);
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
static void compare_types(const struct rj_judge *j, struct rj_item *it)
{
	struct rc_record *rec = &it->rec;
	mode_t ta = rec->a.st.mode & S_IFMT, tb = rec->b.st.mode & S_IFMT;
	rec->status = ta == tb ? RC_SAME : RC_DIFFERS;
	rec->reason = ta == tb ? RC_REASON_NONE : RC_REASON_TYPE;
	flockd_table *da = side_table(j, it, 0), *db = side_table(j, it, 1);
	if (ta != tb || !S_ISLNK(ta) || j == NULL || !j->bytes || da == NULL ||
	    db == NULL)
		return;
	char name[NAME_MAX + 1], la[PATH_MAX], lb[PATH_MAX];
	size_t n = strlen(rec->name);
	if (n + 4 > sizeof name)
		return;
	memcpy(name, rec->name, n);
	memcpy(name + n, ".kv", 4);
	ssize_t na = readlinkat(flockd_table_dirfd(da), name, la, sizeof la);
	ssize_t nb = readlinkat(flockd_table_dirfd(db), name, lb, sizeof lb);
	if (na != nb || na < 0 || memcmp(la, lb, (size_t)na) != 0) {
		rec->status = RC_DIFFERS;
		rec->reason = RC_REASON_TYPE;
	}
}

/* Both local: open both through the store's read handles (shared locks,
 * verified, and the facts under them), sizes first, then the bytes. */
static void compare_bytes(const struct rj_judge *j, struct rj_item *it)
{
	struct rc_record *rec = &it->rec;
	flockd_table *ta = side_table(j, it, 0), *tb = side_table(j, it, 1);
	if (ta == NULL || tb == NULL) {
		int side = ta == NULL ? 0 : 1;
		int err = it->table->err[side];
		return trouble(rec, side ? 'B' : 'A', err ? err : EIO,
			       "open table");
	}
	flockd_reader *ra = NULL, *rb = NULL;
	int ea = flockd_read_open(ta, rec->name, 0, &ra);
	/* a side that failed (a lock that did not come) is the trouble:
	 * no second wait on the other */
	int eb = ea == 0 || ea == FLOCKD_ENOTREG
			 ? flockd_read_open(tb, rec->name, 0, &rb)
			 : 0;
	if (ea == FLOCKD_ENOTREG || eb == FLOCKD_ENOTREG) {
		stat_local(ta, &it->ea, &rec->a);
		stat_local(tb, &it->eb, &rec->b);
		if (rec->a.have_stat && rec->b.have_stat)
			compare_types(j, it);
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
					      rec->a.st.size, j->buf, &equal);
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
static void compare_hashes(const struct rj_judge *j, struct rj_item *it)
{
	struct rc_record *rec = &it->rec;
	if (!rec->a.have_stat || !rec->b.have_stat) {
		trouble(rec, rec->a.have_stat ? 'B' : 'A', EIO, "stat");
	} else if (!S_ISREG(rec->a.st.mode) || !S_ISREG(rec->b.st.mode)) {
		compare_types(j, it);
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
static void both_key(const struct rj_judge *j, struct rj_item *it)
{
	struct rc_record *rec = &it->rec;
	if (it->ea.err != 0)
		return trouble(rec, 'A', it->ea.err, it->ea.step);
	if (it->eb.err != 0)
		return trouble(rec, 'B', it->eb.err, it->eb.step);
	rec->status = RC_DIFFERS;
	if (j != NULL && j->bytes)
		compare_bytes(j, it);
	else
		compare_hashes(j, it);
	if (rec->status == RC_TROUBLE)
		return;
	set_newer(rec);
	mark_suspect(rec);
}

/* Entries of both sides with one name. */
static void both_sides(const struct rj_judge *j, struct rj_item *it)
{
	struct rc_record *rec = &it->rec;
	const struct manifest_entry *ea = &it->ea, *eb = &it->eb;
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
		return both_key(j, it);
	stat_local(side_table(j, it, 0), ea, &rec->a);
	stat_local(side_table(j, it, 1), eb, &rec->b);
	rec->status = leftover_status(ea->kind);
	set_newer(rec);
}

void rj_judge_item(const struct rj_judge *judge, struct rj_item *it)
{
	struct rc_record *rec = &it->rec;
	const struct manifest_entry *e = it->which == 'B' ? &it->eb : &it->ea;
	memset(rec, 0, sizeof *rec);
	rec->table = it->table->name;
	rec->name = it->name;
	rec->kind = e->kind;
	rec->key_off = e->key_off;
	rec->key_len = e->key_len;
	if (it->which == '=')
		both_sides(judge, it);
	else
		one_side(judge, it);
}
