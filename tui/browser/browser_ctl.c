/* SPDX-License-Identifier: MIT */
/*
 * browser_ctl.c - the controller's state: opening the databases, the table
 * list, switching tables, the cursor's row and key, sorting, marks and
 * messages. The background work that keeps all of it in step with the
 * disk is browser_step.c, which uses this file (not the other way round).
 */
#include "browser/browser_ctl.h"

#include "common/textsafe.h"
#include "ui/termsig.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void ctl_init(struct browser_ctl *c, const struct browser_source *src,
	      int sort_step, struct browser_msg *msg)
{
	memset(c, 0, sizeof *c);
	c->src = *src;
	c->sort_step = sort_step;
	c->msg = msg;
	table_list_init(&c->tables);
	preview_init(&c->pv.p);
	c->pv.p.hex_width = src->hex_width;
	lock_marks_init(&c->cur.locks);
	compare_marks_init(&c->cur.cmp);
	/* without memory for it the log stays empty: the view says so */
	change_log_init(&c->changes, CTL_CHANGES_MAX);
	c->where.fd = -1;
}

void ctl_message(struct browser_ctl *c, int is_error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	browser_vsay(c->msg, is_error, fmt, ap);
	va_end(ap);
	c->dirty = 1;
}

int ctl_current_row(const struct browser_ctl *c, struct key_list_row *row)
{
	if (c->cur.keys == NULL)
		return -1;
	return key_list_row(c->cur.keys, key_list_cursor(c->cur.keys), row);
}

char *ctl_current_key(struct browser_ctl *c)
{
	struct key_list_row row;
	if (ctl_current_row(c, &row) != 0) {
		ctl_message(c, 1, "no key selected");
		return NULL;
	}
	if (row.is_entry) {
		char what[600];
		table_row_describe(row.name, row.name_len, 1, what,
				   sizeof what);
		ctl_message(c, 1, "not a key: %s (see the check view)", what);
		return NULL;
	}
	char *k = strndup(row.name, row.name_len);
	if (k == NULL)
		ctl_message(c, 1, "out of memory");
	return k;
}

void ctl_list_changed(struct browser_ctl *c)
{
	c->cur.list_gen++;
	c->dirty = 1;
}

void ctl_refresh_marks(struct browser_ctl *c)
{
	lock_marks_refresh(&c->cur.locks);
	c->cmp.all_wanted = c->cmp.run != NULL;
}

int ctl_row_is_there(const struct browser_ctl *c, const char *name,
		     int is_entry)
{
	const struct cmp_key *k = ctl_compare_key(c, name);
	return !is_entry && k != NULL && k->status == CMP_ONLY_THERE;
}

/* The key list's facts callback (ctx: the controller): a row here, or
 * there for compare mode's only-there rows. */
static int row_stat(void *ctx, const char *name, int is_entry,
		    struct key_list_stat *st)
{
	struct browser_ctl *c = ctx;
	int err = table_row_stat(c->cur.peek_table, name, is_entry, st);
	/* only there: its facts from there, when there is on this machine */
	if (err != 0 && c->cur.cmp_table != NULL &&
	    ctl_row_is_there(c, name, is_entry) &&
	    table_row_stat(c->cur.cmp_table, name, is_entry, st) == 0)
		return 0;
	return err;
}

/* The sorts in the order `s` cycles through them (and the sort
 * setting's words: settings.h), each ascending then descending. */
static const struct {
	enum key_list_sort sort;
	const char *name;
} sorts[CTL_SORTS / 2] = {
	{KL_SORT_NAME, "name"},
	{KL_SORT_NATURAL, "natural"},
	{KL_SORT_SIZE, "size"},
	{KL_SORT_MTIME, "time"},
};

const char *ctl_sort_name(int sort_step)
{
	return sorts[(sort_step / 2) % (CTL_SORTS / 2)].name;
}

void ctl_apply_sort_to(const struct browser_ctl *c, struct key_list *kl)
{
	key_list_set_sort(kl, sorts[(c->sort_step / 2) % (CTL_SORTS / 2)].sort,
			  c->sort_step % 2);
}

struct key_list *ctl_new_list(struct browser_ctl *c)
{
	struct key_list *kl = key_list_new(row_stat, c);
	if (kl == NULL)
		return NULL;
	key_list_set_stale_age(kl, c->src.stale_age_ms / 1000);
	ctl_apply_sort_to(c, kl);
	return kl;
}

void ctl_apply_sort(struct browser_ctl *c)
{
	if (c->cur.keys != NULL)
		ctl_apply_sort_to(c, c->cur.keys);
	c->dirty = 1;
}

long long ctl_rescan_period(const struct browser_ctl *c)
{
	uint32_t n = c->cur.keys ? key_list_count(c->cur.keys) : 0;
	if (watch_state_of(c->rf.watch) == WATCH_ON)
		return n > 100000 ? 300000 : 30000;
	return n > 20000 ? 10000 : 1000;
}

static void close_table(struct browser_ctl *c)
{
	struct browser_table *t = &c->cur;
	table_loader_close(t->loader);
	table_loader_close(t->rescan_loader);
	key_list_free(t->rescan_keys);
	key_list_free(t->keys);
	flockd_table_close(t->table);
	flockd_table_close(t->peek_table);
	flockd_table_close(t->cmp_table);
	free(t->name);
	free(t->error);
	lock_marks_reset(&t->locks);
	compare_marks_done(&t->cmp);
	/* the list generation only ever grows: marks compare it */
	unsigned long gen = t->list_gen;
	memset(t, 0, sizeof *t);
	lock_marks_init(&t->locks);
	compare_marks_init(&t->cmp);
	t->list_gen = gen;
	preview_clear(&c->pv.p);
	ctl_list_changed(c);
}

/* The table is open here: list it, watch it, compare it. */
static void start_table(struct browser_ctl *c, const char *name)
{
	struct browser_table *t = &c->cur;
	char buf[256];
	if (c->cmp.run != NULL) {
		/* A table missing there compares as "all keys only here";
		 * one on another machine is read through cmp.there. */
		if (c->src.cmp_db == NULL ||
		    flockd_table_open(c->src.cmp_db, name, 0, &t->cmp_table) !=
		    FLOCKD_OK)
			t->cmp_table = NULL;
		t->compare = 1;
		t->cmp_gen = t->list_gen + 1; /* no automatic comparison */
	}
	t->keys = ctl_new_list(c);
	if (t->keys == NULL) {
		ctl_message(c, 1, "out of memory");
		return;
	}
	int err = table_loader_open(t->peek_table, &t->loader);
	if (err != FLOCKD_OK) {
		snprintf(buf, sizeof buf, "cannot list table: %s",
			 flockd_strerror(err));
		t->error = strdup(buf);
	}
	if (c->rf.watch != NULL &&
	    watch_set_table(c->rf.watch, flockd_table_path(t->peek_table)) != 0)
		ctl_message(c, 1, "cannot watch the table; rescanning instead");
	t->next_rescan_ms = browser_now_ms() + ctl_rescan_period(c);
}

void ctl_select_table(struct browser_ctl *c, int force)
{
	const char *name = table_list_current(&c->tables);
	struct browser_table *t = &c->cur;

	if (name == NULL) {
		close_table(c);
		return;
	}
	if (!force && t->name != NULL && strcmp(t->name, name) == 0)
		return;
	close_table(c);
	t->name = strdup(name);
	if (t->name == NULL) {
		ctl_message(c, 1, "out of memory");
		return;
	}
	int err = flockd_table_open(c->src.db, name, 0, &t->table);
	if (err == FLOCKD_OK) {
		/* the editor's lock waits stop on Esc or an ending signal */
		flockd_table_set_cancel(t->table, termsig_cancel_flag());
		err = flockd_table_open(c->src.peek_db, name, 0,
					&t->peek_table);
	}
	if (err != FLOCKD_OK) {
		char buf[256];
		if (err != FLOCKD_ENOTFOUND ||
		    !ctl_compare_only_there(c, name, buf, sizeof buf))
			snprintf(buf, sizeof buf, "cannot open table: %s",
				 flockd_strerror(err));
		t->error = strdup(buf);
	} else {
		start_table(c, name);
	}
	c->pv.stale = 1;
	c->dirty = 1;
}

void ctl_rescan(struct browser_ctl *c)
{
	struct browser_table *t = &c->cur;
	if (t->peek_table == NULL || t->loader != NULL ||
	    t->rescan_loader != NULL || t->rescan_keys != NULL)
		return;
	t->rescan_keys = key_list_new(row_stat, c);
	if (t->rescan_keys == NULL)
		return;
	key_list_set_stale_age(t->rescan_keys, c->src.stale_age_ms / 1000);
	if (table_loader_open(t->peek_table, &t->rescan_loader) != 0) {
		key_list_free(t->rescan_keys);
		t->rescan_keys = NULL;
	}
}

void ctl_reload_all(struct browser_ctl *c)
{
	ctl_reload_tables(c);
	ctl_rescan(c);
	ctl_refresh_marks(c);
	c->pv.stale = 1;
	c->dirty = 1;
}

/* 0 for a directory, else `why` says why; `shown`: the path escaped. */
static int need_dir(const char *prefix, const char *path, char *shown,
		    size_t shown_size, char *why, size_t size)
{
	struct stat st;
	textsafe_name_buf(shown, shown_size, path, strlen(path),
			  textsafe_locale());
	if (stat(path, &st) != 0) {
		int e = errno;
		snprintf(why, size, "%s%s: %s", prefix, shown,
			 e == ENOENT ? "no such directory" : strerror(e));
		return e;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(why, size, "%s%s: not a directory", prefix, shown);
		return ENOTDIR;
	}
	return 0;
}

/* --compare DIR_B or HOST:PATH: a local one must be a directory. */
static int open_compare(struct browser_ctl *c, char *why, size_t size)
{
	char cdir[300];
	struct remote_spec spec;
	const char *w = "";
	int err = remote_spec_parse(c->src.compare_dir, &spec, &w);
	if (err != 0) {
		textsafe_name_buf(cdir, sizeof cdir, c->src.compare_dir,
				  strlen(c->src.compare_dir),
				  textsafe_locale());
		snprintf(why, size, "--compare %s: %s", cdir,
			 *w ? w : strerror(err));
		return err;
	}
	int local = spec.host == NULL;
	remote_spec_free(&spec);
	if (local && (err = need_dir("--compare ", c->src.compare_dir, cdir,
				     sizeof cdir, why, size)) != 0)
		return err;
	return ctl_compare_open(c, why, size);
}

int ctl_open(struct browser_ctl *c, const char *table, char *why,
	     size_t size)
{
	struct browser_source *s = &c->src;
	unsigned flags = FLOCKD_OPEN_NOCREATE |
			 (s->read_only ? FLOCKD_OPEN_READONLY : 0);
	char dir[300];
	int err = need_dir("", s->dir, dir, sizeof dir, why, size);
	if (err != 0)
		return err;
	s->abs_dir = realpath(s->dir, NULL);
	if (s->abs_dir == NULL)
		s->abs_dir = strdup(s->dir);
	db_where_init(&c->where, s->dir);
	c->moved = DB_HERE;
	err = flockd_open(s->dir, s->timeout_ms, flags, &s->db);
	if (err == FLOCKD_OK)
		err = flockd_open(s->dir, BROWSER_PEEK_TIMEOUT_MS,
				  FLOCKD_OPEN_READONLY, &s->peek_db);
	if (err != FLOCKD_OK) {
		snprintf(why, size, "%s: %s", dir, flockd_strerror(err));
		return err;
	}
	/* The full list of tables comes from a scan in the background
	 * (every table's directory is read for nested ones): the first
	 * screen shows the root and the table asked for at once. */
	if ((err = ctl_first_tables(c, dir, table, why, size)) != 0)
		return err;
	if (s->compare_dir != NULL && (err = open_compare(c, why, size)) != 0)
		return err;
	c->rf.watch = watch_open();
	ctl_watch_tables(c);
	ctl_select_table(c, 1);
	ctl_reload_tables(c);
	return 0;
}

void ctl_close(struct browser_ctl *c)
{
	ctl_job_stop(c);
	bulk_job_free(c->jobs.last);
	c->jobs.last = NULL;
	change_log_done(&c->changes);
	close_table(c);
	lock_marks_done(&c->cur.locks);
	table_list_done(&c->tables);
	watch_close(c->rf.watch);
	c->rf.watch = NULL;
	tables_scan_abandon(c->rf.scan);
	c->rf.scan = NULL;
	c->rf.scan_again = 0;
	free(c->rf.goto_table);
	c->rf.goto_table = NULL;
	flockd_names_free(c->rf.disk, c->rf.ndisk);
	c->rf.disk = NULL;
	c->rf.ndisk = 0;
	flockd_close(c->src.db);
	flockd_close(c->src.peek_db);
	ctl_compare_close(c);
	c->src.db = c->src.peek_db = NULL;
	free(c->src.abs_dir);
	c->src.abs_dir = NULL;
	db_where_done(&c->where);
	preview_done(&c->pv.p);
}

/* ------------------------------------------- the directory held and moved */

static void say_moved(struct browser_ctl *c)
{
	char dir[300];
	textsafe_name_buf(dir, sizeof dir, c->src.dir, strlen(c->src.dir),
			  textsafe_locale());
	const char *what = c->moved == DB_GONE ? "moved away or deleted"
		: c->moved == DB_REPLACED ? "replaced by another"
		: "deleted";
	ctl_message(c, 1, "database %s %s: writes refused (r reopens it)",
		    dir, what);
}

static void where_check(struct browser_ctl *c)
{
	enum db_where_state st = db_where_check(&c->where, c->src.dir);
	if (st == c->moved)
		return;
	c->moved = st;
	if (st == DB_HERE)
		ctl_message(c, 0, "the database directory is back where it "
			    "was");
	else
		say_moved(c);
}

void ctl_where_step(struct browser_ctl *c, long long now)
{
	if (now < c->next_where_ms)
		return;
	c->next_where_ms = now + 1000;
	where_check(c);
}

int ctl_refuse_writes(struct browser_ctl *c)
{
	where_check(c); /* look now, not up to a second ago */
	if (c->moved == DB_HERE)
		return 0;
	say_moved(c);
	return 1;
}

void ctl_reopen(struct browser_ctl *c)
{
	char why[512], shown[300];
	if (need_dir("", c->src.dir, shown, sizeof shown, why,
		     sizeof why) != 0) {
		ctl_message(c, 1, "%s; showing what was there", why);
		return;
	}
	struct browser_source src = c->src;
	char *table = c->cur.name != NULL ? strdup(c->cur.name) : NULL;
	int sort = c->sort_step;
	struct browser_msg *msg = c->msg;
	ctl_close(c);
	src.db = src.peek_db = src.cmp_db = NULL;
	src.abs_dir = NULL;
	ctl_init(c, &src, sort, msg);
	int err = ctl_open(c, table, why, sizeof why);
	if (err != 0 && table != NULL) {
		/* the table is not there: the root */
		ctl_close(c);
		ctl_init(c, &src, sort, msg);
		err = ctl_open(c, NULL, why, sizeof why);
	}
	free(table);
	if (err != 0)
		ctl_message(c, 1, "%s", why);
	else
		ctl_message(c, 0, "reopened %s", shown);
}
