/*
 * browser_app.h - the browser's state, shared by the loop (browser.c), the
 * controller that keeps models in step with the disk (browser_ctl.c) and
 * the views that draw it (view_*.c). Internal to tui/browser.
 */
#ifndef TUI_BROWSER_BROWSER_APP_H
#define TUI_BROWSER_BROWSER_APP_H

#include "flockd.h"

#include "browser/compare_marks.h"
#include "browser/key_list.h"
#include "browser/keymap.h"
#include "browser/layout.h"
#include "browser/lock_marks.h"
#include "browser/preview.h"
#include "browser/table_list.h"
#include "browser/table_loader.h"
#include "browser/watch.h"
#include "common/lineedit.h"

#include <stddef.h>

#define BROWSER_PEEK_TIMEOUT_MS 250 /* lock wait of a preview read */

struct browser {
	/* options */
	const char *dir;
	int read_only;
	long timeout_ms;

	/* the database: `db` for changes (the editor), `peek_db` (read-only,
	 * short lock timeout) for listing and previews so a held lock never
	 * freezes the screen */
	flockd_db *db;
	flockd_db *peek_db;
	flockd_table *table;      /* current table, from db */
	flockd_table *peek_table; /* the same table, from peek_db */
	char *table_name;         /* its name (owned); NULL: none */
	char *table_error;        /* why it could not be opened (owned) */

	/* models */
	struct table_list tables;
	struct key_list *keys;
	struct table_loader *loader;   /* first listing in progress */
	struct key_list *rescan_keys;  /* a full re-listing in progress */
	struct table_loader *rescan_loader;
	struct preview preview;
	int preview_stale;
	long long preview_tried_ms;    /* last read (retry a locked value) */
	int preview_there;             /* read from the compared database */

	/* live refresh */
	struct watch *watch;
	int pending_changes;           /* queued add/remove not committed */
	long long last_commit_ms;
	long long next_rescan_ms;
	long long next_tables_ms;
	long long last_tables_ms;
	int tables_dirty;

	/* marks from the inspection: locks, and compare mode's statuses */
	unsigned long list_gen;        /* bumped whenever b->keys changes */
	struct lock_marks locks;
	const char *compare_dir;       /* --compare DIR_B; NULL: off */
	flockd_db *cmp_db;             /* DIR_B, read-only, short timeout */
	flockd_table *cmp_table;       /* the current table there; NULL:
					  the table is not there */
	struct compare_marks cmp;
	int cmp_wanted;                /* compare again at the next step */
	unsigned long cmp_gen;         /* list_gen of the comparison */
	unsigned long cmp_applied_gen; /* list_gen the marks are on */
	long long cmp_next_ms;         /* earliest automatic comparison */

	/* screen */
	enum layout_pane focus;
	struct layout layout;
	int cols, rows;
	int help_open;
	long help_scroll;
	int prompt_open;
	struct lineedit prompt;        /* the filter being typed */
	char prompt_err[256];
	char *filter_before;           /* filter to restore on Esc */
	char msg[512];
	int msg_error;
	long long msg_ms;
	int sort_step;                 /* 0..5: name/size/time x asc/desc */
	int color;
	int quit;
	int dirty;
};

long long browser_now_ms(void);

/* ----------------------------------------------------- browser_ctl.c */

/* Open the databases and read the table list; before curses. Returns 0 or
 * an error code, with a one-line message in msg. */
int ctl_open(struct browser *b, const char *table, char *msg, size_t size);
void ctl_close(struct browser *b);

/* Re-read the table list (keeps the cursor's table when it exists). */
void ctl_reload_tables(struct browser *b);

/* Show the table under the tables cursor (no-op if already shown unless
 * `force`). */
void ctl_select_table(struct browser *b, int force);

/* Do a slice of background work (listing, facts for a sort, events,
 * rescans). Returns non-zero while there is more to do right away. */
int ctl_step(struct browser *b);

/* Make the preview follow the keys cursor. */
void ctl_update_preview(struct browser *b);

/* Start a full re-listing of the current table (keeps showing the old list
 * until the new one is complete). */
void ctl_rescan(struct browser *b);

/* Apply the sort step (0..5) to the key list. */
void ctl_apply_sort(struct browser *b);

/* The key list changed (a commit, a new list): marks follow. */
void ctl_list_changed(struct browser *b);

/* Compare the table again now (compare mode) and read the locks again:
 * after a refresh, or a view that may have changed files. */
void ctl_refresh_marks(struct browser *b);

/* Compare mode: the status of the cursor's row; DIFF_TROUBLE when not in
 * compare mode or not compared. */
enum diff_status ctl_compare_status(const struct browser *b,
				    const struct key_list_row *row);

/* Set the status line's message. It is drawn as escaped text
 * (TEXTSAFE_ESCAPED): a name in the arguments must be escaped first
 * (textsafe_name_buf). */
void ctl_message(struct browser *b, int is_error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The current key row under the cursor; 0 when there is one. */
int ctl_current_row(const struct browser *b, struct key_list_row *row);

/* ------------------------------------------ browser.c, browser_inspect.c */

/* (Re)set the terminal modes the browser needs (after a modal view). */
void browser_setup_terminal(void);

/* The cursor's key (malloc'd), or NULL after saying why on the status
 * line (no row, a leftover file, no memory). */
char *browser_current_key(struct browser *b);

/* Run the inspection view of `action` (KM_LOCKS, KM_CHECK, KM_INFO,
 * KM_COMPARE), then read the lists and marks again. */
void browser_run_inspect(struct browser *b, enum keymap_action action);

/* ----------------------------------------------------------- views */

struct view {
	const char *name;
	void (*draw)(struct browser *b, const struct layout_rect *r,
		     int focused);
	/* Returns non-zero when it handled the action. */
	int (*handle)(struct browser *b, enum keymap_action action);
	/* A click at row `y` inside the pane (0 = first content row), or a
	 * wheel scroll of `wheel` rows. */
	void (*mouse)(struct browser *b, const struct layout_rect *r, int y,
		      int wheel);
};

extern const struct view view_tables;
extern const struct view view_keys;
extern const struct view view_preview;

/* The pane views, indexed by enum layout_pane; more views (locks, check,
 * compare) slot in here. */
extern const struct view *const browser_panes[PANE_COUNT];

void view_status_draw(struct browser *b);
void view_help_draw(struct browser *b);
int view_help_handle(struct browser *b, enum keymap_action action);
void view_filter_draw(struct browser *b);
/* A key while the filter prompt is open (a code point or KM_KEY_*). */
void view_filter_key(struct browser *b, int key);
void view_filter_open(struct browser *b);

#endif
