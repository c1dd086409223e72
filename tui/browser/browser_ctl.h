/* SPDX-License-Identifier: MIT */
/*
 * browser_ctl.h - the browser's controller: the databases, the table list,
 * the table shown with its keys and their marks, the preview, and the
 * live refresh that keeps them in step with the disk. No curses; the loop
 * calls ctl_step between keys. Each view gets only its part: the tables
 * pane the table list, the keys pane the shown table, the value pane the
 * preview. Internal to tui/browser.
 */
#ifndef TUI_BROWSER_BROWSER_CTL_H
#define TUI_BROWSER_BROWSER_CTL_H

#include "flockd.h"

#include "browser/browser_msg.h"
#include "browser/bulk.h"
#include "browser/change_log.h"
#include "browser/compare_marks.h"
#include "browser/db_where.h"
#include "browser/key_list.h"
#include "browser/lock_marks.h"
#include "browser/preview.h"
#include "browser/table_list.h"
#include "browser/table_loader.h"
#include "browser/tables_scan.h"
#include "browser/watch.h"

#include <stddef.h>

#define BROWSER_PEEK_TIMEOUT_MS 250 /* lock wait of a preview read */
#define CTL_SORTS 8 /* the sort steps: 4 sorts x 2 directions */

/* The databases; fixed once ctl_open succeeded. */
struct browser_source {
	const char *dir;
	int read_only;
	long timeout_ms;
	long long stale_age_ms;  /* a temp file older than this is stale */
	int hex_width;           /* the preview's hex dump bytes per row */
	const char *compare_dir; /* --compare DIR_B or HOST:PATH; NULL: off */
	const char *rsh;         /* -e/--rsh; NULL: ssh */
	const char *remote_flockd; /* --remote-flockd; NULL: flockd */
	char *abs_dir;           /* dir made absolute at open (owned):
				    what recovery files name */
	flockd_db *db;           /* for changes (the editor) */
	flockd_db *peek_db;      /* read-only, short lock timeout: listing
				    and previews never freeze the screen */
	flockd_db *cmp_db;       /* DIR_B when it is on this machine
				    (borrowed from cmp.there), else NULL */
};

/* The table shown: its handles, its keys and their marks. */
struct browser_table {
	char *name;                    /* owned; NULL: none */
	char *error;                   /* why it could not be opened or
					  listed (owned) */
	flockd_table *table;           /* from db */
	flockd_table *peek_table;      /* the same table, from peek_db */
	flockd_table *cmp_table;       /* the table in DIR_B; NULL: not
					  there, not comparing, or DIR_B is
					  on another machine */
	int compare;                   /* compare mode: its column shows */
	struct key_list *keys;
	struct table_loader *loader;   /* first listing in progress */
	struct key_list *rescan_keys;  /* a full re-listing in progress */
	int carrying;                  /* it is listed; the picks go over */
	struct kl_carry carry;
	struct table_loader *rescan_loader;
	int pending_changes;           /* queued add/remove not committed */
	long long last_commit_ms;
	long long next_rescan_ms;
	unsigned long list_gen;        /* bumped whenever keys changes */
	struct lock_marks locks;
	struct compare_marks cmp;
	int cmp_wanted;                /* compare it again at the next step */
	unsigned long cmp_gen;         /* list_gen of the comparison */
	unsigned long cmp_applied_gen; /* list_gen the marks are on */
	long long cmp_next_ms;         /* earliest automatic comparison */
};

/* The value pane's model and when to read it again. */
struct browser_preview {
	struct preview p;
	int stale;          /* read again at the next step */
	long long tried_ms; /* last read (retry a locked value) */
	int there;          /* read from the compared database */
};

/* Live refresh of the table list. */
struct browser_refresh {
	struct watch *watch;
	long long next_tables_ms;
	long long last_tables_ms;
	int tables_dirty;
	struct tables_scan *scan; /* the list of tables being read; NULL */
	int scan_again;         /* read it again when that scan ends */
	char *goto_table;       /* the cursor goes there when it comes */
	char **disk;            /* the tables the last scan found */
	size_t ndisk;
};

/* Bulk actions (bulk.h): a job runs on a thread of its own (its store
 * calls fsync, which no slice can bound), handing each key's outcome to
 * the loop, which applies it to the lists (browser_job.c). */
struct job_thread;
struct browser_jobs {
	struct bulk_job *run;    /* running; NULL: none. The worker's until
				    it is complete: read only its plan */
	struct job_thread *th;   /* the worker and what it hands over */
	size_t done, failed;     /* outcomes applied so far (the loop's) */
	struct bulk_job *last;   /* the last one complete, for its report */
};

/* Compare mode (browser_compare.c); run NULL: off. */
struct cmp_copy;
struct browser_compare {
	struct db_compare *run;  /* every table compared, on a worker */
	struct replica *there;   /* the other database for the loop's own
				    reads and writes (not the run's) */
	int all_wanted;          /* compare every table again */
	int results_changed;     /* new results since the marks went on */
	long long applied_ms;    /* when the marks went on last */
	size_t ntables;          /* tables in the results when last seen */
	int diff_only;           /* the key list shows only differences */
	int catch_up;            /* results not marked yet: mark more at
				    the next step */
	struct cmp_copy *copy;   /* a copy over running (browser_copy.c) */
	size_t copied, copy_failed; /* its outcomes so far */
	int copy_err;            /* its first failure */
};

#define CTL_CHANGES_MAX 2000 /* the recent-changes log's entries */

struct browser_ctl {
	struct browser_source src;
	struct table_list tables;
	struct browser_table cur;
	struct browser_preview pv;
	struct browser_refresh rf;
	struct browser_jobs jobs;
	struct browser_compare cmp;
	struct change_log changes; /* keys changed while watching */
	int sort_step;            /* 0..CTL_SORTS-1: name, natural, size,
				     time; each ascending then descending */
	struct browser_msg *msg;  /* borrowed: where messages go */
	int dirty;                /* the models changed: redraw */
	struct db_where where;    /* the database directory held */
	enum db_where_state moved; /* not DB_HERE: the path names another
				     directory, or none; nothing is written
				     until ctl_reopen */
	long long next_where_ms;
};

/* ctl_init - an empty controller over `src` (options filled in, no
 * databases open yet), saying things to `msg`. */
void ctl_init(struct browser_ctl *c, const struct browser_source *src,
	      int sort_step, struct browser_msg *msg);

/* ctl_open - open the databases and read the table list; before curses.
 * Returns 0 or an error code, with a one-line message in `why`. */
int ctl_open(struct browser_ctl *c, const char *table, char *why,
	     size_t size);
void ctl_close(struct browser_ctl *c);

/* ctl_message - say something on the status line (escaped text). */
void ctl_message(struct browser_ctl *c, int is_error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ctl_where_step - about once a second: is the database directory held
 * still the one its path names? Says so when that changes. */
void ctl_where_step(struct browser_ctl *c, long long now);

/* ctl_refuse_writes - non-zero (after saying why) while the directory is
 * moved, replaced or deleted: nothing may be written into it. */
int ctl_refuse_writes(struct browser_ctl *c);

/* ctl_reopen - open the database again by its path (after it was moved
 * or replaced), on the same table when it is there. The old state stays
 * when the path names no directory. */
void ctl_reopen(struct browser_ctl *c);

/* ctl_reload_tables - read the table list again, in the background
 * (tables_scan.h); it replaces the list when ctl_tables_step takes it,
 * keeping the cursor's table when it exists. ctl_reload_tables_goto -
 * the same, then the cursor goes to `table` (made or renamed just now).
 * ctl_tables_step - take a scan that ended; non-zero while one runs. */
void ctl_reload_tables(struct browser_ctl *c);
void ctl_reload_tables_goto(struct browser_ctl *c, const char *table);
int ctl_tables_step(struct browser_ctl *c);

/* ctl_first_tables - ctl_open's table list until the first scan's: the
 * root, and `table` (-t; a missing one fails with "DIR: no table 'T'" in
 * `why`) under the cursor. An unreadable database fails here too.
 * ctl_watch_tables - watch the directories that decide the list. */
int ctl_first_tables(struct browser_ctl *c, const char *dir,
		     const char *table, char *why, size_t size);
void ctl_watch_tables(struct browser_ctl *c);

/* ctl_tables_remerge - the list again from the last scan's tables and
 * compare mode's (its tables only there changed), without a scan. */
void ctl_tables_remerge(struct browser_ctl *c);

/* ctl_select_table - show the table under the tables cursor (no-op if
 * already shown unless `force`). */
void ctl_select_table(struct browser_ctl *c, int force);

/* ctl_step - a slice of background work (listing, facts for a sort,
 * events, rescans, marks). Non-zero while there is more to do now. */
int ctl_step(struct browser_ctl *c);

/* ctl_update_preview - make the preview follow the keys cursor. */
void ctl_update_preview(struct browser_ctl *c);

/* ctl_rescan - a full re-listing of the current table (the old list shows
 * until the new one is complete). */
void ctl_rescan(struct browser_ctl *c);

/* ctl_sort_name - "name", "natural", "size" or "time": the sort of
 * `sort_step`. Static string. */
const char *ctl_sort_name(int sort_step);

/* ctl_apply_sort - apply sort_step to the key list. */
void ctl_apply_sort(struct browser_ctl *c);

/* ctl_list_changed - the key list changed (a commit, a new list): marks
 * follow. */
void ctl_list_changed(struct browser_ctl *c);

/* ctl_refresh_marks - compare again now (compare mode) and read the locks
 * again: after a refresh, or a view that may have changed files. */
void ctl_refresh_marks(struct browser_ctl *c);

/* ctl_reload_all - read tables, keys, marks and the value again. */
void ctl_reload_all(struct browser_ctl *c);

/* Compare mode (browser_compare.c). ctl_compare_open - open the other
 * database and ask for a comparison of every table (before curses);
 * 0 or an error with `why`. ctl_compare_close - stop and release. */
int ctl_compare_open(struct browser_ctl *c, char *why, size_t size);
void ctl_compare_close(struct browser_ctl *c);

/* ctl_compare_add_tables - the tables only there, merged into the sorted
 * `names` (*count malloc'd strings, replaced): the tables pane lists
 * them. 0 or ENOMEM (unchanged). ctl_compare_only_there - 1 with `buf`
 * saying so when table `name` is only there, else 0. */
int ctl_compare_add_tables(const struct browser_ctl *c, char ***names,
			   size_t *count);
int ctl_compare_only_there(const struct browser_ctl *c, const char *name,
			   char *buf, size_t size);

/* ctl_compare_step - start the comparisons asked for, take the results,
 * put the marks on the key list. Never waits for the comparison. */
int ctl_compare_step(struct browser_ctl *c, long long now);

/* ctl_compare_status - compare mode: the status of `row`; CMP_UNKNOWN
 * when not comparing or not compared. */
enum cmp_status ctl_compare_status(const struct browser_ctl *c,
				   const struct key_list_row *row);

/* ctl_compare_table / ctl_compare_key - the current table's results, a
 * key's; NULL when none (yet). Borrowed until the next step. */
const struct cmp_table *ctl_compare_table(const struct browser_ctl *c);
const struct cmp_key *ctl_compare_key(const struct browser_ctl *c,
				      const char *key);

/* ctl_compare_diff_only - show only the keys that differ, or every key
 * again (a toggle, kept across tables). */
void ctl_compare_diff_only(struct browser_ctl *c);

/* ctl_compare_jump - the cursor to the next (dir > 0) or previous
 * difference, in this table and then in the tables after (before) it.
 * Returns 1 when it moved, else 0 after saying so. */
int ctl_compare_jump(struct browser_ctl *c, int dir);

/* ctl_current_row - the key row under the cursor; 0 when there is one. */
int ctl_current_row(const struct browser_ctl *c, struct key_list_row *row);

/* ctl_current_key - the cursor's key (malloc'd), or NULL after saying why
 * on the status line (no row, a leftover file, no memory). */
char *ctl_current_key(struct browser_ctl *c);

/* ctl_job_start - run `plan` (taken) in slices from now on (one job at a
 * time). 0, or an error code after saying why on the status line. */
int ctl_job_start(struct browser_ctl *c, struct bulk_plan *plan);

/* ctl_job_step - a slice of the running job; non-zero while it runs. */
int ctl_job_step(struct browser_ctl *c);

/* ctl_job_stop - stop the running job (the keys done stay done). Returns
 * non-zero when there was one. */
int ctl_job_stop(struct browser_ctl *c);

/* ctl_goto_key - show table `table` and put the keys cursor on `key`
 * (when it is listed, now or once it is). 0, or -1 after saying why. */
int ctl_goto_key(struct browser_ctl *c, const char *table, const char *key);

/* For browser_step.c (the background work, which uses browser_ctl.c and
 * not the other way round): */
/* ctl_new_list - an empty key list of the current table, sorted and with
 * the facts callback and stale age set; NULL when memory runs out. */
struct key_list *ctl_new_list(struct browser_ctl *c);
/* ctl_apply_sort_to - sort_step on `kl`. */
void ctl_apply_sort_to(const struct browser_ctl *c, struct key_list *kl);
/* ctl_row_is_there - compare mode: `name` is a row of a key only there. */
int ctl_row_is_there(const struct browser_ctl *c, const char *name,
		     int is_entry);
/* ctl_rescan_period - how long until the next full re-listing. */
long long ctl_rescan_period(const struct browser_ctl *c);

#endif
