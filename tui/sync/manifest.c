/* SPDX-License-Identifier: MIT */
/* manifest.c - walking a database entry by entry, in manifest order. */
#include "sync/manifest.h"

#include "common/work_ahead.h"

#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One entry of the table being walked; its name is in the arena. Small,
 * so that sorting a million of them moves little memory. */
struct mf_item {
	uint32_t off;          /* name (NUL-terminated) in the arena */
	unsigned char kind;    /* enum flockd_entry_kind */
	unsigned char group;   /* 1 keys, 2 other entries (manifest_order) */
	unsigned char key_off; /* names are at most NAME_MAX bytes */
	unsigned char key_len;
};

/* What reading entries needs, one per thread doing it: a table handle
 * and a hasher of its own. */
struct mf_reader {
	flockd_table *t;
	struct vhasher *hasher;
	unsigned flags;
};

/* An entry in the ring of entries being read ahead (work_ahead.h). */
struct mf_slot {
	struct manifest_entry e;
};

/*
 * Reading ahead: tables of at least MF_AHEAD_MIN entries are read by two
 * threads (work_ahead.h), at most MF_AHEAD_SLOTS entries ahead of the
 * one given. Below that a thread costs more than it saves.
 */
#define MF_AHEAD_MIN 64
#define MF_AHEAD_SLOTS 256

struct manifest {
	flockd_db *db;
	unsigned flags;
	const volatile sig_atomic_t *cancel;
	char **tables;          /* sorted, unique; owned */
	size_t ntables, next_table;
	const char **keys;      /* sorted, unique copy of the filter */
	size_t nkeys;
	/* the table being walked */
	flockd_table *t;
	const char *table;      /* NULL before the first */
	int listed;             /* its items are there (table entry given) */
	struct mf_item *items;
	size_t nitems, cap, pos;
	char *arena;
	size_t arena_len, arena_cap;
	struct mf_reader own;   /* own.t is the table being walked */
	/* reading ahead (MANIFEST_STAT): the ring, made at the first table
	 * big enough, and the helper's reader, its table opened by this
	 * thread for each table read ahead (flockd_db: one thread) */
	struct work_ahead *ahead;
	struct mf_reader helper;
	int ahead_on;           /* this table is read ahead */
	size_t pushed;          /* items of this table put in the ring */
	size_t produced;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort an array of strings and drop repeats (freeing them if `owned`);
 * returns the new count. */
static size_t sort_unique(char **v, size_t n, int owned)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_str);
	size_t k = 1;
	for (size_t i = 1; i < n; i++) {
		if (strcmp(v[i], v[k - 1]) != 0)
			v[k++] = v[i];
		else if (owned)
			free(v[i]);
	}
	return k;
}

static int group_of(enum flockd_entry_kind kind)
{
	return kind == FLOCKD_ENTRY_TABLE ? 0 : kind == FLOCKD_ENTRY_KEY ? 1
									  : 2;
}

int manifest_order(enum flockd_entry_kind kind_a, const char *name_a,
		   enum flockd_entry_kind kind_b, const char *name_b)
{
	int ga = group_of(kind_a), gb = group_of(kind_b);
	if (ga != gb)
		return ga < gb ? -1 : 1;
	return strcmp(name_a, name_b);
}

static int copy_tables(struct manifest *m, const struct manifest_opts *o)
{
	if (o->ntables == 0)
		return flockd_tables(m->db, &m->tables, &m->ntables);
	m->tables = calloc(o->ntables, sizeof *m->tables);
	if (m->tables == NULL)
		return ENOMEM;
	for (size_t i = 0; i < o->ntables; i++) {
		const char *name = o->tables[i] ? o->tables[i] : "";
		if (flockd_table_name_valid(name) != FLOCKD_OK)
			return EINVAL;
		if ((m->tables[i] = strdup(name)) == NULL)
			return ENOMEM;
		m->ntables = i + 1;
	}
	m->ntables = sort_unique(m->tables, m->ntables, 1);
	return 0;
}

int manifest_open(flockd_db *db, const struct manifest_opts *opts,
		  struct manifest **out)
{
	struct manifest *m = calloc(1, sizeof *m);
	if (m == NULL)
		return ENOMEM;
	m->db = db;
	m->flags = opts->flags;
	if (m->flags & MANIFEST_HASH)
		m->flags |= MANIFEST_STAT;
	m->cancel = opts->cancel;
	m->own.flags = m->flags;
	int err = copy_tables(m, opts);
	if (err == 0 && opts->nkeys > 0) {
		m->keys = malloc(opts->nkeys * sizeof *m->keys);
		if (m->keys == NULL)
			err = ENOMEM;
		else {
			memcpy(m->keys, opts->keys, opts->nkeys * sizeof *m->keys);
			m->nkeys = sort_unique((char **)m->keys, opts->nkeys, 0);
		}
	}
	if (err == 0 && (m->flags & MANIFEST_HASH))
		err = vhasher_new(&m->own.hasher);
	if (err != 0) {
		manifest_close(m);
		return err;
	}
	*out = m;
	return 0;
}

/* Is the key span s[0..len) one of the filter's keys? */
static int key_wanted(const struct manifest *m, const char *s, size_t len)
{
	if (m->nkeys == 0)
		return 1;
	size_t lo = 0, hi = m->nkeys;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k = m->keys[mid];
		int c = strncmp(k, s, len);
		if (c == 0)
			c = k[len] == '\0' ? 0 : 1;
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int arena_add(struct manifest *m, const char *s, size_t len,
		     uint32_t *off)
{
	if (m->arena_len + len + 1 > UINT32_MAX || len > NAME_MAX)
		return ENOMEM; /* beyond any directory's worth of names */
	if (m->arena_len + len + 1 > m->arena_cap) {
		size_t cap = m->arena_cap ? m->arena_cap : 64 * 1024;
		while (m->arena_len + len + 1 > cap)
			cap *= 2;
		char *grown = realloc(m->arena, cap);
		if (grown == NULL)
			return ENOMEM;
		m->arena = grown;
		m->arena_cap = cap;
	}
	*off = (uint32_t)m->arena_len;
	memcpy(m->arena + m->arena_len, s, len);
	m->arena[m->arena_len + len] = '\0';
	m->arena_len += len + 1;
	return 0;
}

/* Keep one scanned entry, if the walk covers it. */
static int add_item(struct manifest *m, const struct flockd_scan_entry *e)
{
	enum flockd_entry_kind kind = e->kind;
	if (kind == FLOCKD_ENTRY_TABLE)
		return 0; /* a sub-table: walked as a table of its own */
	int dir = e->d_type == DT_DIR;
	if (kind == FLOCKD_ENTRY_KEY && e->d_type == DT_UNKNOWN) {
		struct flockd_stat st;
		dir = flockd_entry_stat(m->own.t, e->name, &st) == 0 &&
		      S_ISDIR(st.mode);
	}
	if (kind == FLOCKD_ENTRY_KEY && dir)
		kind = FLOCKD_ENTRY_OTHER; /* KEY.kv/ is no key */
	if (kind != FLOCKD_ENTRY_KEY && !(m->flags & MANIFEST_ALL))
		return 0;
	int is_key = kind == FLOCKD_ENTRY_KEY;
	size_t klen = kind == FLOCKD_ENTRY_OTHER ? 0 : e->key_len;
	if (m->nkeys > 0 && (klen == 0 ||
			     !key_wanted(m, e->name + e->key_off, klen)))
		return 0;
	if (m->nitems == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		struct mf_item *grown = realloc(m->items, cap * sizeof *grown);
		if (grown == NULL)
			return ENOMEM;
		m->items = grown;
		m->cap = cap;
	}
	struct mf_item *it = &m->items[m->nitems];
	int err = is_key ? arena_add(m, e->name + e->key_off, e->key_len,
				     &it->off)
			 : arena_add(m, e->name, e->name_len, &it->off);
	if (err != 0)
		return err;
	it->kind = (unsigned char)kind;
	it->group = (unsigned char)group_of(kind);
	it->key_off = (unsigned char)(is_key ? 0 : e->key_off);
	it->key_len = (unsigned char)(is_key ? 0 : klen);
	m->nitems++;
	return 0;
}

/*
 * Sorting a table's names: an MSD radix sort on the bytes of the names
 * (after the group), which for a million names sharing long prefixes
 * ("user-000123") is several times faster than qsort's comparisons; small
 * buckets are finished by insertion. Names are NUL-terminated, so the
 * byte at `depth` is there for every name of a bucket reached by
 * following non-NUL bytes.
 */
#define RADIX_SMALL 24

static unsigned char name_byte(const char *arena, const struct mf_item *it,
			       size_t depth)
{
	return (unsigned char)arena[it->off + depth];
}

static void insertion_sort(struct mf_item *v, size_t n, size_t depth,
			   const char *arena)
{
	for (size_t i = 1; i < n; i++) {
		struct mf_item x = v[i];
		const char *xs = arena + x.off + depth;
		size_t j = i;
		while (j > 0 && strcmp(arena + v[j - 1].off + depth, xs) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

static void radix_sort(struct mf_item *v, size_t n, size_t depth,
		       const char *arena, struct mf_item *tmp)
{
	while (n > RADIX_SMALL) {
		size_t count[256] = {0}, start[256];
		for (size_t i = 0; i < n; i++)
			count[name_byte(arena, &v[i], depth)]++;
		if (count[0] == 0 && n > 0 &&
		    count[name_byte(arena, &v[0], depth)] == n) {
			depth++; /* one common byte: look further */
			continue;
		}
		size_t pos = 0;
		for (int c = 0; c < 256; c++) {
			start[c] = pos;
			pos += count[c];
		}
		for (size_t i = 0; i < n; i++)
			tmp[start[name_byte(arena, &v[i], depth)]++] = v[i];
		memcpy(v, tmp, n * sizeof *v);
		/* bucket 0 holds names that ended: all equal, done */
		size_t at = count[0];
		for (int c = 1; c < 256; c++) {
			if (count[c] > 1)
				radix_sort(v + at, count[c], depth + 1, arena,
					   tmp);
			at += count[c];
		}
		return;
	}
	insertion_sort(v, n, depth, arena);
}

/* Sort the items by group, then by name. */
static int sort_items(struct manifest *m)
{
	struct mf_item *tmp = malloc(m->nitems * sizeof *tmp);
	if (tmp == NULL)
		return ENOMEM;
	size_t count[3] = {0}, start[3] = {0, 0, 0};
	for (size_t i = 0; i < m->nitems; i++)
		count[m->items[i].group]++;
	start[1] = count[0];
	start[2] = count[0] + count[1];
	size_t at[3] = {start[0], start[1], start[2]};
	for (size_t i = 0; i < m->nitems; i++)
		tmp[at[m->items[i].group]++] = m->items[i];
	memcpy(m->items, tmp, m->nitems * sizeof *tmp);
	for (int g = 1; g < 3; g++)
		radix_sort(m->items + start[g], count[g], 0, m->arena, tmp);
	free(tmp);
	return 0;
}

/* List the open table's directory into items, sorted. */
static int list_table(struct manifest *m, const char **step)
{
	flockd_scan *scan;
	int err = flockd_scan_open(m->own.t, &scan);
	*step = "list";
	if (err != 0)
		return err;
	struct flockd_scan_entry batch[256];
	size_t got;
	while ((err = flockd_scan_next(scan, batch, 256, &got)) == 0 &&
	       got > 0)
		for (size_t i = 0; i < got && err == 0; i++)
			err = add_item(m, &batch[i]);
	flockd_scan_close(scan);
	if (err == 0 && m->nitems > 1)
		err = sort_items(m);
	return err;
}

/* Leave the table: the ring is empty by now (every item taken), so the
 * helper is done with its handle. */
static void drop_table(struct manifest *m)
{
	flockd_table_close(m->own.t);
	m->own.t = NULL;
	flockd_table_close(m->helper.t);
	m->helper.t = NULL;
	m->ahead_on = 0;
	m->nitems = m->pos = m->pushed = 0;
	m->arena_len = 0;
}

static void helper_work(void *ctx, void *slot);

/* Read this table ahead when it is big enough and entries are read: the
 * ring made at the first such table, the helper's handle opened here.
 * Without either (no memory, no thread, no descriptor) the table is read
 * by this thread alone, as it would be anyway. */
static void start_ahead(struct manifest *m)
{
	if (!(m->flags & MANIFEST_STAT) || m->nitems < MF_AHEAD_MIN)
		return;
	if (m->ahead == NULL) {
		m->helper.flags = m->flags;
		if ((m->flags & MANIFEST_HASH) && m->helper.hasher == NULL &&
		    vhasher_new(&m->helper.hasher) != 0)
			return;
		if (work_ahead_new(sizeof(struct mf_slot), MF_AHEAD_SLOTS,
				   helper_work, &m->helper, &m->ahead) != 0) {
			m->ahead = NULL;
			return;
		}
	}
	if (flockd_table_open(m->db, m->table, 0, &m->helper.t) != 0) {
		m->helper.t = NULL;
		return;
	}
	flockd_table_set_cancel(m->helper.t, m->cancel);
	m->ahead_on = 1;
}

/* Begin the next table: its own entry into *e. 0, or MANIFEST_END. */
static int next_table(struct manifest *m, struct manifest_entry *e)
{
	drop_table(m);
	if (m->next_table == m->ntables)
		return MANIFEST_END;
	m->table = m->tables[m->next_table++];
	memset(e, 0, sizeof *e);
	e->table = m->table;
	e->kind = FLOCKD_ENTRY_TABLE;
	e->name = "";
	e->err = flockd_table_open(m->db, m->table, 0, &m->own.t);
	if (e->err != 0) {
		e->step = "open table";
		m->own.t = NULL;
		return 0;
	}
	flockd_table_set_cancel(m->own.t, m->cancel);
	if (m->flags & MANIFEST_STAT) {
		struct stat st;
		if (fstat(flockd_table_dirfd(m->own.t), &st) == 0) {
			e->have_stat = 1;
			e->st.mode = st.st_mode;
			e->st.mtime.tv_sec = st.st_mtim.tv_sec;
			e->st.mtime.tv_nsec = st.st_mtim.tv_nsec;
			e->st.dev = st.st_dev;
			e->st.ino = st.st_ino;
		}
	}
	e->err = list_table(m, &e->step);
	if (e->err == ENOMEM)
		return ENOMEM;
	if (e->err != 0)
		m->nitems = 0;
	start_ahead(m);
	return 0;
}

/* A key through the read handle: facts under the lock, and the hash. */
static int read_key(struct mf_reader *rd, struct manifest_entry *e)
{
	flockd_reader *r;
	int err = flockd_read_open(rd->t, e->name, 0, &r);
	if (err == FLOCKD_ENOTREG) {
		err = flockd_key_stat(rd->t, e->name, &e->st);
		e->have_stat = err == 0;
		e->step = "stat";
		return err;
	}
	e->step = "read";
	if (err != 0)
		return err;
	e->st = *flockd_read_stat(r);
	e->have_stat = 1;
	uint64_t len;
	err = vhasher_fd(rd->hasher, flockd_read_fd(r), &e->hash, &len);
	e->have_hash = err == 0;
	flockd_read_close(r);
	return err;
}

/* Another entry, hashed as it is (no lock: nobody locks a leftover). */
static int read_other(struct mf_reader *rd, struct manifest_entry *e)
{
	e->step = "stat";
	int err = flockd_entry_stat(rd->t, e->name, &e->st);
	e->have_stat = err == 0;
	if (err != 0 || !S_ISREG(e->st.mode))
		return err;
	flockd_reader *r;
	e->step = "read";
	if ((err = flockd_entry_open(rd->t, e->name, &r)) != 0)
		return err;
	uint64_t len;
	err = vhasher_fd(rd->hasher, flockd_read_fd(r), &e->hash, &len);
	e->have_hash = err == 0;
	flockd_read_close(r);
	return err;
}

/* Fill the facts (and hash) the flags ask for; err and step on failure. */
static void fill_entry(struct mf_reader *rd, struct manifest_entry *e)
{
	int is_key = e->kind == FLOCKD_ENTRY_KEY;
	int err;
	if (rd->flags & MANIFEST_HASH) {
		err = is_key ? read_key(rd, e) : read_other(rd, e);
	} else {
		e->step = "stat";
		err = is_key ? flockd_key_stat(rd->t, e->name, &e->st)
			     : flockd_entry_stat(rd->t, e->name, &e->st);
		e->have_stat = err == 0;
	}
	e->err = err;
	if (err == 0)
		e->step = NULL;
}

static void helper_work(void *ctx, void *slot)
{
	fill_entry(ctx, &((struct mf_slot *)slot)->e);
}

/* The entry of item i of the table, as listed (no facts yet). */
static void item_entry(const struct manifest *m, size_t i,
		       struct manifest_entry *e)
{
	const struct mf_item *it = &m->items[i];
	memset(e, 0, sizeof *e);
	e->table = m->table;
	e->kind = (enum flockd_entry_kind)it->kind;
	e->name = m->arena + it->off;
	e->key_off = it->key_off;
	e->key_len = it->key_len;
}

/* The next item of the table into *e, its facts read (by this thread or
 * ahead by the helper). */
static void next_item(struct manifest *m, struct manifest_entry *e)
{
	if (!m->ahead_on) {
		item_entry(m, m->pos++, e);
		if (m->flags & MANIFEST_STAT)
			fill_entry(&m->own, e);
		return;
	}
	struct mf_slot *s;
	while (m->pushed < m->nitems &&
	       (s = work_ahead_back(m->ahead)) != NULL) {
		item_entry(m, m->pushed++, &s->e);
		work_ahead_push(m->ahead, 1);
	}
	s = work_ahead_take(m->ahead, &m->own);
	m->pos++;
	*e = s->e;
}

int manifest_next(struct manifest *m, struct manifest_entry *e)
{
	for (;;) {
		if (m->cancel != NULL && *m->cancel)
			return ECANCELED;
		if (m->table == NULL || m->pos == m->nitems) {
			int res = next_table(m, e);
			if (res == 0)
				m->produced++;
			return res;
		}
		next_item(m, e);
		if (e->err == FLOCKD_ENOTFOUND || e->err == ENOENT)
			continue; /* gone since the listing */
		if (e->err == ECANCELED && m->cancel != NULL && *m->cancel)
			return ECANCELED; /* a lock wait cut short */
		m->produced++;
		return 0;
	}
}

flockd_table *manifest_table(const struct manifest *m)
{
	return m->own.t;
}

void manifest_progress(const struct manifest *m, size_t *entries,
		       size_t *tables)
{
	if (entries != NULL)
		*entries = m->produced;
	if (tables != NULL)
		*tables = m->next_table;
}

void manifest_close(struct manifest *m)
{
	if (m == NULL)
		return;
	work_ahead_free(m->ahead, NULL); /* first: its helper reads */
	drop_table(m);
	flockd_names_free(m->tables, m->ntables);
	free(m->keys);
	free(m->items);
	free(m->arena);
	vhasher_free(m->own.hasher);
	vhasher_free(m->helper.hasher);
	free(m);
}
