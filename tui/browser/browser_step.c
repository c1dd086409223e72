/* SPDX-License-Identifier: MIT */
/*
 * browser_step.c - the controller's background work between keys: listing
 * in slices, the facts a sort needs, inotify events batched into commits,
 * periodic rescans, the lock and compare marks, and the preview following
 * the cursor. Uses browser_ctl.c; nothing there calls back here.
 */
#include "browser/browser_ctl.h"
#include "browser/browser_copy.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LOAD_SLICE 4096       /* directory entries per round of a step */
#define STAT_SLICE 512        /* facts per round of a sort's step */
#define STEP_MS 12            /* a step's rounds stop after this long */
#define COMMIT_EVERY_MS 150   /* batch inotify changes this long at most */
#define TABLES_EVERY_MS 300
#define CARRY_SLICE 25000     /* names a step carries the picks over */

/* The re-listing is complete: it becomes the list, keeping the filter,
 * the sort, the cursor's key and the picks (carried over before it, a
 * slice a step). */
static void finish_rescan(struct browser_ctl *c)
{
	struct browser_table *t = &c->cur;
	struct key_list *nk = t->rescan_keys;
	struct key_list_row row;
	char *keep = NULL;
	size_t keep_len = 0;
	uint32_t keep_row = key_list_cursor(t->keys);

	t->rescan_keys = NULL;
	if (ctl_current_row(c, &row) == 0 && !row.is_entry) {
		keep = strndup(row.name, row.name_len);
		keep_len = keep != NULL ? row.name_len : 0;
	}
	key_list_set_filter(nk, key_list_filter(t->keys), NULL, 0);
	key_list_set_search(nk, key_list_search(t->keys), NULL, 0);
	ctl_apply_sort_to(c, nk);
	/* Compare mode's rows and marks before the cursor looks for its
	 * key: it may be a row of a key only there. */
	if (c->cmp.run != NULL &&
	    compare_marks_apply(&t->cmp, ctl_compare_table(c), nk) != 0)
		ctl_message(c, 1, "compare: out of memory");
	key_list_set_cursor(nk, keep_row);
	if (keep != NULL)
		key_list_want(nk, keep, keep_len);
	if (key_list_wanting(nk))
		key_list_set_cursor(nk, keep_row); /* gone: its neighbour */
	free(keep);
	key_list_free(t->keys);
	t->keys = nk;
	t->pending_changes = key_list_pending(nk) > 0;
	ctl_list_changed(c);
	t->cmp_applied_gen = t->list_gen;
}

/* A key came, changed or went: the recent-changes log. Whether it was
 * there before is the list's (committed or queued) knowledge; while the
 * table is first listed that is unknown. */
static void log_change(struct browser_ctl *c, enum watch_op op,
		       const struct table_row_spec *r)
{
	struct browser_table *t = &c->cur;
	unsigned marks;
	int known = t->loader != NULL ? -1
		    : key_list_marks_of(t->keys, r->name, r->len, 0, &marks) ==
			      0;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	change_log_add(&c->changes,
		       (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000,
		       t->name, r->name, r->len, op == WATCH_ENTRY_REMOVE,
		       known);
}

static void on_entry_event(void *ctx, enum watch_op op, const char *name,
			   size_t len, int is_dir)
{
	struct browser_ctl *c = ctx;
	struct browser_table *t = &c->cur;
	struct table_row_spec r;

	if (t->keys == NULL ||
	    !table_row_classify(name, len, is_dir ? DT_DIR : DT_UNKNOWN, &r))
		return;
	if (!r.is_entry)
		log_change(c, op, &r);
	/* A re-listing in progress gets the event too: getdents may already
	 * have passed the name. */
	struct key_list *lists[2] = {t->keys, t->rescan_keys};
	for (int i = 0; i < 2; i++) {
		if (lists[i] == NULL)
			continue;
		if (op == WATCH_ENTRY_ADD)
			key_list_add(lists[i], r.name, r.len, r.is_entry,
				     is_dir ? DT_DIR : DT_UNKNOWN, r.marks);
		else
			key_list_remove(lists[i], r.name, r.len, r.is_entry);
	}
	t->pending_changes = 1;
	const char *shown = c->pv.p.name;
	if (shown != NULL && r.len == strlen(shown) &&
	    memcmp(shown, r.name, r.len) == 0)
		c->pv.stale = 1;
}

/* The first listing and a re-listing, a slice each. Non-zero while busy. */
static int listing_step(struct browser_ctl *c, long long now)
{
	struct browser_table *t = &c->cur;
	int busy = 0, rc;
	if (t->loader != NULL) {
		/* Opening a table selects its first row: while the listing
		 * comes in (in directory order, not sorted), a cursor still at
		 * the top stays at the top, not on whatever entry was first
		 * listed. A cursor the user moved, or one sent to a key (-k),
		 * is left alone. */
		int at_top = key_list_cursor(t->keys) == 0 &&
			     !key_list_wanting(t->keys);
		long long start = browser_now_ms();
		do
			rc = table_loader_step(t->loader, t->keys, LOAD_SLICE);
		while (rc == 0 && browser_now_ms() - start < STEP_MS);
		if (at_top && !key_list_wanting(t->keys))
			key_list_set_cursor(t->keys, 0);
		if (rc != 0) {
			table_loader_close(t->loader);
			t->loader = NULL;
			if (rc != 1)
				ctl_message(c, 1, "listing stopped: %s",
					    flockd_strerror(rc));
			if (key_list_wanting(t->keys))
				ctl_message(c, 1, "key not found in table");
			t->next_rescan_ms = now + ctl_rescan_period(c);
			ctl_list_changed(c);
		}
		busy = t->loader != NULL;
		c->dirty = 1;
	}
	if (t->rescan_loader != NULL) {
		rc = table_loader_step(t->rescan_loader, t->rescan_keys,
				       LOAD_SLICE);
		if (rc != 0) {
			table_loader_close(t->rescan_loader);
			t->rescan_loader = NULL;
			if (rc == 1) {
				/* the picks go over first, a slice a step */
				t->carrying = 1;
				memset(&t->carry, 0, sizeof t->carry);
			} else {
				key_list_free(t->rescan_keys);
				t->rescan_keys = NULL;
			}
			t->next_rescan_ms = now + ctl_rescan_period(c);
		}
		busy |= t->rescan_loader != NULL;
	}
	if (t->carrying) {
		rc = key_list_select_copy_step(t->keys, t->rescan_keys,
					       &t->carry, CARRY_SLICE);
		if (rc != 0) {
			t->carrying = 0;
			if (rc == ENOMEM)
				ctl_message(c, 1, "out of memory: the picks "
					    "are dropped");
			finish_rescan(c);
		}
		busy = 1;
	}
	if (t->keys != NULL && key_list_sort_pending(t->keys) > 0) {
		/* rounds until the step's time is up: a slice is as long on
		 * a fast machine as on a loaded one */
		long long start = browser_now_ms();
		while (key_list_step(t->keys, STAT_SLICE) > 0 &&
		       browser_now_ms() - start < STEP_MS)
			;
		busy = 1;
		c->dirty = 1;
	}
	return busy;
}

/* Events from the watcher, committed in batches; the table list and
 * full re-listings when due. */
static void refresh_step(struct browser_ctl *c, long long now)
{
	struct browser_table *t = &c->cur;
	ctl_tables_step(c);
	int ev = watch_poll(c->rf.watch, on_entry_event, c);
	if (ev & WATCH_OVERFLOW)
		ctl_rescan(c);
	if (ev & (WATCH_TABLES_CHANGED | WATCH_TABLE_GONE))
		c->rf.tables_dirty = 1;
	if (t->pending_changes && t->keys != NULL &&
	    now - t->last_commit_ms >= COMMIT_EVERY_MS) {
		key_list_commit(t->keys);
		t->pending_changes = 0;
		t->last_commit_ms = now;
		ctl_list_changed(c);
		/* Marks live on the entries and survive a commit; only a new
		 * list needs compare mode's marks put back. */
		t->cmp_applied_gen = t->list_gen;
	}
	if ((c->rf.tables_dirty &&
	     now - c->rf.last_tables_ms >= TABLES_EVERY_MS) ||
	    now >= c->rf.next_tables_ms) {
		c->rf.last_tables_ms = now;
		ctl_reload_tables(c);
	}
	if (now >= c->cur.next_rescan_ms && c->cur.loader == NULL) {
		ctl_rescan(c);
		c->cur.next_rescan_ms = now + ctl_rescan_period(c);
	}
}

int ctl_step(struct browser_ctl *c)
{
	long long now = browser_now_ms();
	int busy = listing_step(c, now);
	busy |= ctl_job_step(c);
	ctl_copy_step(c);
	struct browser_table *t = &c->cur;

	refresh_step(c, now);
	ctl_where_step(c, now);
	/* the comparison runs beside the listing from the start */
	busy |= ctl_compare_step(c, now);
	if (t->keys != NULL && t->loader == NULL) {
		unsigned long seen = t->locks.changes;
		if (lock_marks_step(&t->locks, t->peek_table, t->keys,
				    t->list_gen, now, LOAD_SLICE))
			busy = 1;
		if (t->locks.changes != seen)
			c->dirty = 1;
	}
	/* Queued events wait for the next tick (<= 100 ms), not a spin. */
	return busy;
}

void ctl_update_preview(struct browser_ctl *c)
{
	struct browser_preview *pv = &c->pv;
	struct key_list_row row;

	if (c->cur.peek_table == NULL || ctl_current_row(c, &row) != 0) {
		if (pv->p.name != NULL) {
			preview_clear(&pv->p);
			c->dirty = 1;
		}
		return;
	}
	int same = pv->p.name != NULL && pv->p.is_entry == row.is_entry &&
		   strlen(pv->p.name) == row.name_len &&
		   memcmp(pv->p.name, row.name, row.name_len) == 0;
	long long now = browser_now_ms();
	if (same && !pv->stale &&
	    !(pv->p.err == FLOCKD_ETIMEOUT && now - pv->tried_ms >= 1000))
		return;
	pv->tried_ms = now;
	int toggled = same ? pv->p.hex_toggled : 0;
	uint64_t scroll = same ? pv->p.scroll : 0;
	char *name = strndup(row.name, row.name_len);
	if (name == NULL)
		return;
	pv->there = (row.marks & KL_MARK_CMP_THERE) &&
		    ctl_row_is_there(c, name, row.is_entry);
	if (pv->there && c->cur.cmp_table == NULL) {
		/* only on HOST: its value is shown by Enter (compare), read
		 * over the remote shell on request, not for every cursor
		 * move */
		preview_clear(&pv->p);
		pv->p.name = name;
		name = NULL;
		pv->p.err = EREMOTE;
	} else {
		preview_load(&pv->p, pv->there ? c->cur.cmp_table
					       : c->cur.peek_table,
			     name, row.is_entry);
	}
	free(name);
	pv->p.hex_toggled = toggled;
	pv->p.scroll = scroll;
	pv->stale = 0;
	c->dirty = 1;
}
