/*
 * browser_ctl.c - keeps the browser's models in step with the disk: opening
 * the database, switching tables, listing in slices, applying inotify
 * events, periodic rescans, and the preview following the cursor. No
 * curses: the loop calls ctl_step between keystrokes.
 */
#include "browser/browser_app.h"

#include "common/textsafe.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define LOAD_SLICE 16384     /* directory entries per step */
#define STAT_SLICE 8192      /* facts per step for a size/time sort */
#define COMMIT_EVERY_MS 150  /* batch inotify changes this long at most */
#define TABLES_EVERY_MS 300
#define COMPARE_EVERY_MS 2000 /* automatic comparisons at most this often */
#define COMPARE_AUTO_MAX 5000  /* ... and only on tables up to this size */

long long browser_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ctl_message(struct browser *b, int is_error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b->msg, sizeof b->msg, fmt, ap);
	va_end(ap);
	b->msg_error = is_error;
	b->msg_ms = browser_now_ms();
	b->dirty = 1;
}

int ctl_current_row(const struct browser *b, struct key_list_row *row)
{
	if (b->keys == NULL)
		return -1;
	return key_list_row(b->keys, key_list_cursor(b->keys), row);
}

void ctl_list_changed(struct browser *b)
{
	b->list_gen++;
	b->dirty = 1;
}

void ctl_refresh_marks(struct browser *b)
{
	lock_marks_refresh(&b->locks);
	b->cmp_wanted = b->cmp_db != NULL;
}

/* Only-there rows of compare mode: a key that is not here. */
static int row_is_there(const struct browser *b, const char *name,
			int is_entry)
{
	return !is_entry && b->cmp_table != NULL &&
	       compare_marks_status(&b->cmp, name) == DIFF_ONLY_B;
}

enum diff_status ctl_compare_status(const struct browser *b,
				    const struct key_list_row *row)
{
	if (b->cmp_db == NULL || row->is_entry)
		return DIFF_TROUBLE;
	if (row->marks & KL_MARK_CMP_THERE)
		return DIFF_ONLY_B;
	if (row->marks & KL_MARK_CMP_DIFFERS)
		return DIFF_DIFFERS;
	if (row->marks & KL_MARK_CMP_HERE)
		return DIFF_ONLY_A;
	if (row->marks & KL_MARK_CMP_SAME)
		return DIFF_SAME;
	return DIFF_TROUBLE;
}

/* The key list's stat callback (ctx: the browser): the facts of a row
 * here, or there for compare mode's only-there rows. */
static int row_stat(void *ctx, const char *name, int is_entry,
		    struct key_list_stat *st)
{
	struct browser *b = ctx;
	int err = table_row_stat(b->peek_table, name, is_entry, st);
	if (err != 0 && row_is_there(b, name, is_entry) &&
	    table_row_stat(b->cmp_table, name, is_entry, st) == 0)
		return 0;
	return err;
}

/* The directories whose entries decide the table list: the database and
 * every table directory with its parents. */
static void watch_tree(struct browser *b)
{
	size_t n = 0, cap = 1 + b->tables.count * 2;
	char **paths = calloc(cap, sizeof *paths);
	if (paths == NULL || b->watch == NULL) {
		free(paths);
		return;
	}
	paths[n++] = strdup(b->dir);
	for (size_t i = 0; i < b->tables.count && n + 2 <= cap; i++) {
		const char *t = b->tables.names[i];
		if (t[0] == '\0')
			continue;
		size_t len = strlen(b->dir) + strlen(t) + 8;
		char *p = malloc(len);
		if (p == NULL)
			continue;
		snprintf(p, len, "%s/%s.tbl", b->dir, t);
		paths[n++] = p;
		const char *slash = strrchr(t, '/');
		if (slash != NULL) {
			char *q = malloc(len);
			if (q != NULL) {
				snprintf(q, len, "%s/%.*s", b->dir,
					 (int)(slash - t), t);
				paths[n++] = q;
			}
		}
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (paths[i] != NULL)
			paths[k++] = paths[i];
	watch_set_tree(b->watch, (const char *const *)paths, k);
	for (size_t i = 0; i < k; i++)
		free(paths[i]);
	free(paths);
}

void ctl_reload_tables(struct browser *b)
{
	char **names = NULL;
	size_t count = 0;
	int err = flockd_tables(b->peek_db, &names, &count);

	b->tables_dirty = 0;
	b->next_tables_ms = browser_now_ms() +
			    (watch_state_of(b->watch) == WATCH_ON ? 30000 : 3000);
	if (err != FLOCKD_OK) {
		ctl_message(b, 1, "cannot list tables: %s", flockd_strerror(err));
		return;
	}
	int changed = table_list_set(&b->tables, names, count);
	watch_tree(b);
	if (changed || b->table_name == NULL)
		ctl_select_table(b, 0);
	b->dirty = 1;
}

static void close_table(struct browser *b)
{
	table_loader_close(b->loader);
	b->loader = NULL;
	table_loader_close(b->rescan_loader);
	b->rescan_loader = NULL;
	key_list_free(b->rescan_keys);
	b->rescan_keys = NULL;
	key_list_free(b->keys);
	b->keys = NULL;
	flockd_table_close(b->table);
	b->table = NULL;
	flockd_table_close(b->peek_table);
	b->peek_table = NULL;
	free(b->table_name);
	b->table_name = NULL;
	free(b->table_error);
	b->table_error = NULL;
	preview_clear(&b->preview);
	b->pending_changes = 0;
	lock_marks_reset(&b->locks);
	compare_marks_done(&b->cmp);
	flockd_table_close(b->cmp_table);
	b->cmp_table = NULL;
	ctl_list_changed(b);
}

static void apply_sort_to(struct browser *b, struct key_list *kl)
{
	static const enum key_list_sort sorts[] = {KL_SORT_NAME, KL_SORT_SIZE,
						   KL_SORT_MTIME};
	key_list_set_sort(kl, sorts[(b->sort_step / 2) % 3], b->sort_step % 2);
}

void ctl_apply_sort(struct browser *b)
{
	if (b->keys != NULL)
		apply_sort_to(b, b->keys);
	b->dirty = 1;
}

static long long rescan_period(const struct browser *b)
{
	uint32_t n = b->keys ? key_list_count(b->keys) : 0;
	if (watch_state_of(b->watch) == WATCH_ON)
		return n > 100000 ? 300000 : 30000;
	return n > 20000 ? 10000 : 1000;
}

void ctl_select_table(struct browser *b, int force)
{
	const char *name = table_list_current(&b->tables);
	int err;

	if (name == NULL) {
		close_table(b);
		return;
	}
	if (!force && b->table_name != NULL &&
	    strcmp(b->table_name, name) == 0)
		return;
	close_table(b);
	b->table_name = strdup(name);
	if (b->table_name == NULL) {
		ctl_message(b, 1, "out of memory");
		return;
	}
	err = flockd_table_open(b->db, name, 0, &b->table);
	if (err == FLOCKD_OK)
		err = flockd_table_open(b->peek_db, name, 0, &b->peek_table);
	if (err != FLOCKD_OK) {
		char buf[256];
		snprintf(buf, sizeof buf, "cannot open table: %s",
			 flockd_strerror(err));
		b->table_error = strdup(buf);
		b->dirty = 1;
		return;
	}
	if (b->cmp_db != NULL) {
		/* A table missing there compares as "all keys only here". */
		if (flockd_table_open(b->cmp_db, name, 0, &b->cmp_table) !=
		    FLOCKD_OK)
			b->cmp_table = NULL;
		b->cmp_wanted = 1;
	}
	b->keys = key_list_new(row_stat, b);
	if (b->keys == NULL) {
		ctl_message(b, 1, "out of memory");
		return;
	}
	apply_sort_to(b, b->keys);
	err = table_loader_open(b->peek_table, &b->loader);
	if (err != FLOCKD_OK) {
		char buf[256];
		snprintf(buf, sizeof buf, "cannot list table: %s",
			 flockd_strerror(err));
		b->table_error = strdup(buf);
	}
	if (b->watch != NULL &&
	    watch_set_table(b->watch, flockd_table_path(b->peek_table)) != 0)
		ctl_message(b, 1, "cannot watch the table; rescanning instead");
	b->next_rescan_ms = browser_now_ms() + rescan_period(b);
	b->preview_stale = 1;
	b->dirty = 1;
}

void ctl_rescan(struct browser *b)
{
	if (b->peek_table == NULL || b->loader != NULL ||
	    b->rescan_loader != NULL)
		return;
	b->rescan_keys = key_list_new(row_stat, b);
	if (b->rescan_keys == NULL)
		return;
	if (table_loader_open(b->peek_table, &b->rescan_loader) != 0) {
		key_list_free(b->rescan_keys);
		b->rescan_keys = NULL;
	}
}

/* The re-listing is complete: it becomes the list, keeping the filter,
 * the sort and the cursor's key. */
static void finish_rescan(struct browser *b)
{
	struct key_list *nk = b->rescan_keys;
	struct key_list_row row;
	char *keep = NULL;
	size_t keep_len = 0;
	uint32_t keep_row = key_list_cursor(b->keys);

	b->rescan_keys = NULL;
	if (ctl_current_row(b, &row) == 0 && !row.is_entry) {
		keep = malloc(row.name_len + 1);
		if (keep != NULL) {
			memcpy(keep, row.name, row.name_len);
			keep[row.name_len] = '\0';
			keep_len = row.name_len;
		}
	}
	key_list_set_filter(nk, key_list_filter(b->keys), NULL, 0);
	apply_sort_to(b, nk);
	/* Compare mode's rows and marks before the cursor looks for its
	 * key: it may be a row of a key only there. */
	if (b->cmp_db != NULL && compare_marks_apply(&b->cmp, nk) != 0)
		ctl_message(b, 1, "compare: out of memory");
	key_list_set_cursor(nk, keep_row);
	if (keep != NULL)
		key_list_want(nk, keep, keep_len);
	if (key_list_wanting(nk))
		key_list_set_cursor(nk, keep_row); /* gone: its neighbour */
	free(keep);
	key_list_free(b->keys);
	b->keys = nk;
	b->pending_changes = key_list_pending(nk) > 0;
	ctl_list_changed(b);
	b->cmp_applied_gen = b->list_gen;
}

static void on_entry_event(void *ctx, enum watch_op op, const char *name,
			   size_t len, int is_dir)
{
	struct browser *b = ctx;
	struct table_row_spec r;

	if (b->keys == NULL ||
	    !table_row_classify(name, len, is_dir ? DT_DIR : DT_UNKNOWN, &r))
		return;
	/* A re-listing in progress gets the event too: getdents may already
	 * have passed the name. */
	struct key_list *lists[2] = {b->keys, b->rescan_keys};
	for (int i = 0; i < 2; i++) {
		if (lists[i] == NULL)
			continue;
		if (op == WATCH_ENTRY_ADD)
			key_list_add(lists[i], r.name, r.len, r.is_entry,
				     is_dir ? DT_DIR : DT_UNKNOWN, r.marks);
		else
			key_list_remove(lists[i], r.name, r.len, r.is_entry);
	}
	b->pending_changes = 1;
	if (b->preview.name != NULL && r.len == strlen(b->preview.name) &&
	    memcmp(b->preview.name, r.name, r.len) == 0)
		b->preview_stale = 1;
}

/* Compare mode: compare again when asked (table change, refresh) or when
 * the list changed (rate-limited, small tables only: a comparison reads
 * every value); else put the marks back on a new list. */
static void compare_step(struct browser *b, long long now)
{
	if (b->cmp_db == NULL)
		return;
	int auto_ok = b->cmp_gen != b->list_gen && now >= b->cmp_next_ms &&
		      key_list_count(b->keys) <= COMPARE_AUTO_MAX;
	if (b->cmp_wanted || auto_ok) {
		b->cmp_wanted = 0;
		b->cmp_next_ms = now + COMPARE_EVERY_MS;
		b->cmp_gen = b->list_gen;
		int err = compare_marks_compute(&b->cmp, b->peek_db, b->cmp_db,
						b->table_name);
		if (err != 0)
			ctl_message(b, 1, "cannot compare: %s",
				    flockd_strerror(err));
		b->cmp_applied_gen = b->list_gen - 1;
	}
	if (b->cmp_applied_gen != b->list_gen) {
		if (compare_marks_apply(&b->cmp, b->keys) != 0)
			ctl_message(b, 1, "compare: out of memory");
		b->cmp_applied_gen = b->list_gen;
		b->preview_stale = 1;
		b->dirty = 1;
	}
}

int ctl_step(struct browser *b)
{
	long long now = browser_now_ms();
	int busy = 0, rc;

	if (b->loader != NULL) {
		rc = table_loader_step(b->loader, b->keys, LOAD_SLICE);
		if (rc != 0) {
			table_loader_close(b->loader);
			b->loader = NULL;
			if (rc != 1)
				ctl_message(b, 1, "listing stopped: %s",
					    flockd_strerror(rc));
			if (key_list_wanting(b->keys))
				ctl_message(b, 1, "key not found in table");
			b->next_rescan_ms = now + rescan_period(b);
			ctl_list_changed(b);
		}
		busy = b->loader != NULL;
		b->dirty = 1;
	}
	if (b->rescan_loader != NULL) {
		rc = table_loader_step(b->rescan_loader, b->rescan_keys,
				       LOAD_SLICE);
		if (rc != 0) {
			table_loader_close(b->rescan_loader);
			b->rescan_loader = NULL;
			if (rc == 1)
				finish_rescan(b);
			else {
				key_list_free(b->rescan_keys);
				b->rescan_keys = NULL;
			}
			b->next_rescan_ms = now + rescan_period(b);
		}
		busy |= b->rescan_loader != NULL;
	}
	if (b->keys != NULL && key_list_sort_pending(b->keys) > 0) {
		key_list_step(b->keys, STAT_SLICE);
		busy = 1;
		b->dirty = 1;
	}
	int ev = watch_poll(b->watch, on_entry_event, b);
	if (ev & WATCH_OVERFLOW)
		ctl_rescan(b);
	if (ev & (WATCH_TABLES_CHANGED | WATCH_TABLE_GONE))
		b->tables_dirty = 1;
	if (b->pending_changes && b->keys != NULL &&
	    now - b->last_commit_ms >= COMMIT_EVERY_MS) {
		key_list_commit(b->keys);
		b->pending_changes = 0;
		b->last_commit_ms = now;
		ctl_list_changed(b);
		/* Marks live on the entries and survive a commit; only a new
		 * list needs compare mode's marks put back. */
		b->cmp_applied_gen = b->list_gen;
	}
	if ((b->tables_dirty && now - b->last_tables_ms >= TABLES_EVERY_MS) ||
	    now >= b->next_tables_ms) {
		b->last_tables_ms = now;
		ctl_reload_tables(b);
	}
	if (now >= b->next_rescan_ms && b->loader == NULL) {
		ctl_rescan(b);
		b->next_rescan_ms = now + rescan_period(b);
	}
	if (b->keys != NULL && b->loader == NULL) {
		compare_step(b, now);
		unsigned long seen = b->locks.changes;
		if (lock_marks_step(&b->locks, b->peek_table, b->keys,
				    b->list_gen, now, LOAD_SLICE))
			busy = 1;
		if (b->locks.changes != seen)
			b->dirty = 1;
	}
	/* Queued events wait for the next tick (<= 100 ms), not a spin. */
	return busy;
}

void ctl_update_preview(struct browser *b)
{
	struct key_list_row row;

	if (b->peek_table == NULL || ctl_current_row(b, &row) != 0) {
		if (b->preview.name != NULL) {
			preview_clear(&b->preview);
			b->dirty = 1;
		}
		return;
	}
	int same = b->preview.name != NULL &&
		   b->preview.is_entry == row.is_entry &&
		   strlen(b->preview.name) == row.name_len &&
		   memcmp(b->preview.name, row.name, row.name_len) == 0;
	long long now = browser_now_ms();
	if (same && !b->preview_stale &&
	    !(b->preview.err == FLOCKD_ETIMEOUT &&
	      now - b->preview_tried_ms >= 1000))
		return;
	b->preview_tried_ms = now;
	int toggled = same ? b->preview.hex_toggled : 0;
	uint64_t scroll = same ? b->preview.scroll : 0;
	char *name = strndup(row.name, row.name_len);
	if (name == NULL)
		return;
	b->preview_there = (row.marks & KL_MARK_CMP_THERE) &&
			   row_is_there(b, name, row.is_entry);
	preview_load(&b->preview, b->preview_there ? b->cmp_table
						   : b->peek_table,
		     name, row.is_entry);
	free(name);
	b->preview.hex_toggled = toggled;
	b->preview.scroll = scroll;
	b->preview_stale = 0;
	b->dirty = 1;
}

/* 0 for a directory, else msg says why; `shown`: the path escaped. */
static int need_dir(const char *prefix, const char *path, char *shown,
		    size_t shown_size, char *msg, size_t size)
{
	struct stat st;
	textsafe_name_buf(shown, shown_size, path, strlen(path),
			  textsafe_locale());
	if (stat(path, &st) != 0) {
		int e = errno;
		snprintf(msg, size, "%s%s: %s", prefix, shown,
			 e == ENOENT ? "no such directory" : strerror(e));
		return e;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(msg, size, "%s%s: not a directory", prefix, shown);
		return ENOTDIR;
	}
	return 0;
}

/* --compare DIR_B: open it read-only, with the preview's short lock
 * timeout (a comparison never freezes the screen for long). */
static int open_compare(struct browser *b, char *msg, size_t size)
{
	char cdir[300];
	int err = need_dir("--compare ", b->compare_dir, cdir, sizeof cdir,
			   msg, size);
	if (err != 0)
		return err;
	err = flockd_open(b->compare_dir, BROWSER_PEEK_TIMEOUT_MS,
			  FLOCKD_OPEN_NOCREATE | FLOCKD_OPEN_READONLY,
			  &b->cmp_db);
	if (err != FLOCKD_OK) {
		snprintf(msg, size, "--compare %s: %s", cdir,
			 flockd_strerror(err));
		return err;
	}
	return 0;
}

int ctl_open(struct browser *b, const char *table, char *msg, size_t size)
{
	unsigned flags = FLOCKD_OPEN_NOCREATE |
			 (b->read_only ? FLOCKD_OPEN_READONLY : 0);
	char dir[300];
	int err = need_dir("", b->dir, dir, sizeof dir, msg, size);
	if (err != 0)
		return err;
	err = flockd_open(b->dir, b->timeout_ms, flags, &b->db);
	if (err == FLOCKD_OK)
		err = flockd_open(b->dir, BROWSER_PEEK_TIMEOUT_MS,
				  FLOCKD_OPEN_READONLY, &b->peek_db);
	if (err != FLOCKD_OK) {
		snprintf(msg, size, "%s: %s", dir, flockd_strerror(err));
		return err;
	}
	char **names = NULL;
	size_t count = 0;
	err = flockd_tables(b->peek_db, &names, &count);
	if (err != FLOCKD_OK) {
		snprintf(msg, size, "%s: cannot read: %s", dir,
			 flockd_strerror(err));
		return err;
	}
	table_list_set(&b->tables, names, count);
	if (b->compare_dir != NULL) {
		err = open_compare(b, msg, size);
		if (err != 0)
			return err;
	}
	if (table != NULL) {
		size_t i = table_list_find(&b->tables, table);
		if (i == (size_t)-1) {
			char shown[200];
			textsafe_name_buf(shown, sizeof shown, table,
					  strlen(table), textsafe_locale());
			snprintf(msg, size, "%s: no table '%s'", dir, shown);
			return FLOCKD_ENOTFOUND;
		}
		b->tables.cur = i;
	}
	b->watch = watch_open();
	watch_tree(b);
	b->next_tables_ms = browser_now_ms() +
			    (b->watch != NULL ? 30000 : 3000);
	ctl_select_table(b, 1);
	return 0;
}

void ctl_close(struct browser *b)
{
	close_table(b);
	table_list_done(&b->tables);
	watch_close(b->watch);
	b->watch = NULL;
	flockd_close(b->db);
	b->db = NULL;
	flockd_close(b->peek_db);
	b->peek_db = NULL;
	flockd_close(b->cmp_db);
	b->cmp_db = NULL;
	lock_marks_done(&b->locks);
	free(b->filter_before);
	b->filter_before = NULL;
	lineedit_done(&b->prompt);
	preview_done(&b->preview);
}
