/* SPDX-License-Identifier: MIT */
/*
 * browser.c - `flockd [OPTIONS] [DIR]`: the options, the configuration,
 * the curses session and the loop. A key becomes an action in the focused
 * pane's keymap; the pane handles it or passes it on to the global
 * actions here; between keys the controller does a slice of background
 * work. Each pane gets only its own model (pane.h).
 */
#include "config.h"

#include "browser/browser.h"

#include "browser/browser_bulk.h"
#include "browser/browser_copy.h"
#include "browser/browser_ctl.h"
#include "browser/browser_edit.h"
#include "browser/browser_inspect.h"
#include "browser/browser_options.h"
#include "browser/browser_term.h"
#include "browser/browser_views.h"
#include "browser/demo.h"
#include "browser/layout.h"
#include "browser/pane.h"
#include "browser/view_filter.h"
#include "browser/view_status.h"
#include "common/duration.h"
#include "common/exit_codes.h"
#include "ui/config.h"
#include "ui/keyin.h"
#include "ui/pager.h"
#include "ui/termsig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define IDLE_TICK_MS 100 /* key wait when nothing is loading */

struct browser {
	struct browser_ctl ctl;      /* the models and the disk */
	struct browser_msg msg;      /* the status line's message */
	struct filter_prompt filter; /* the filter being typed */
	struct ui ui;                /* keys, settings, colours */
	struct keyin in;             /* the terminal's input (ui.in) */
	struct msglog log;           /* every message said (ui.log) */
	struct layout layout;
	struct layout_prefs prefs;   /* zoom, the tables pane's width */
	enum layout_pane focus;
	int quit, dirty;
};

static const struct pane_view *const panes[PANE_COUNT] = {
	[PANE_TABLES] = &pane_tables,
	[PANE_KEYS] = &pane_keys,
	[PANE_PREVIEW] = &pane_value,
};

/* The model a pane draws: its part of the controller, nothing more. */
static void *pane_model(struct browser *b, enum layout_pane p)
{
	switch (p) {
	case PANE_TABLES: return &b->ctl.tables;
	case PANE_KEYS: return &b->ctl.cur;
	default: return &b->ctl.pv;
	}
}

static void draw(struct browser *b)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	layout_compute(cols, rows, b->focus, &b->prefs, &b->layout);
	erase();
	for (int p = 0; p < PANE_COUNT; p++) {
		const struct ui_rect *r = &b->layout.pane[p];
		if (r->w > 0 && r->h > 0)
			panes[p]->draw(pane_model(b, (enum layout_pane)p), r,
				       (int)b->focus == p, &b->ui);
	}
	view_status_draw(&b->ctl, &b->filter, panes[b->focus]->keymap,
			 &b->layout.status, &b->ui);
	curs_set(b->filter.open ? 1 : 0);
	refresh();
}

/* The help screen of the focused pane: its keys now, and the notes. */
static void show_help(struct browser *b)
{
	char stale[160], age[32];
	duration_format_exact(
		(long)settings_ms(b->ui.set, SET_STALE_AGE), age, sizeof age);
	snprintf(stale, sizeof stale, "Marks: ! conflict copy   ~ temp file "
		 "(red: stale, over %s)", age);
	const char *const notes[] = {
		"",
		"Filter: type to narrow the keys; accept keeps it, cancel "
		"restores",
		"  text        substring; any case while you type no capital",
		"  re:REGEX    POSIX extended regular expression",
		"  glob:PAT    shell pattern over the whole name (* ? [...])",
		"",
		stale,
		"       < backup or old version   . not a key (a sync tool's "
		"or",
		"       unknown file)   % suspect value (mtime at the epoch: "
		"an",
		"       interrupted rsync --partial may have torn it)",
		"       @ not a regular file   ? vanished",
		"       the status line names the kind of the selected file",
		"       L locked shared, X locked exclusive (by a process on "
		"this",
		"       machine, from /proc/locks; refreshed every 2s and on "
		"reload)",
		"Compare mode (flockd --compare DIR_B|HOST:PATH DIR), every "
		"table, the column before:",
		"       + only here   - only there (read-only, from DIR_B)",
		"       # differs (open shows both)   = same   ? not compared",
		"       tables: the same marks and counts; next-difference "
		"jumps across them",
		"Unsafe bytes show as escapes: \\n newline, \\t tab, \\x1b "
		"control,",
		"  \\xff invalid UTF-8, \\u202e bidi/invisible, \\\\ a "
		"backslash in a name",
		"Mouse: click selects a row or pane, the wheel scrolls",
		"Keys and colours: ~/.config/flockd/config (flockd "
		"--dump-config)",
	};
	char title[128];
	snprintf(title, sizeof title, " Help: flockd key bindings (%s pane)",
		 panes[b->focus]->name);
	help_run(&b->ui, panes[b->focus]->keymap, title, notes,
		 sizeof notes / sizeof notes[0]);
	browser_term_after_modal(&b->ui);
}

static void cycle_sort(struct browser *b)
{
	b->ctl.sort_step = (b->ctl.sort_step + 1) % CTL_SORTS;
	ctl_apply_sort(&b->ctl);
	ctl_message(&b->ctl, 0, "sort: %s %s", ctl_sort_name(b->ctl.sort_step),
		    b->ctl.sort_step % 2 ? "descending" : "ascending");
}

static struct filter_lists filter_lists(struct browser *b)
{
	return (struct filter_lists){b->ctl.cur.keys, &b->ctl.tables};
}

/* `/` filters the pane it is pressed in (the tables pane, else the
 * keys); a search always looks in the keys. */
static void open_filter(struct browser *b, enum filter_target t)
{
	struct filter_lists l = filter_lists(b);
	if (t != FILTER_TABLES && l.keys == NULL)
		return;
	if (t != FILTER_TABLES && b->focus == PANE_TABLES)
		b->focus = PANE_KEYS;
	filter_open(&b->filter, t, &l, &b->msg);
}

/* Esc: a running bulk action stops; else the search ends; else the
 * filter of the focused list goes; with none to clear, leave the pane
 * for the one on its left (so no pane, even one whose table failed to
 * open, keeps the focus). */
static void clear_filter(struct browser *b)
{
	struct key_list *kl = b->ctl.cur.keys;
	if (ctl_job_stop(&b->ctl))
		return;
	if (b->focus == PANE_TABLES && table_list_filter(&b->ctl.tables)[0]) {
		table_list_set_filter(&b->ctl.tables, "");
		ctl_message(&b->ctl, 0, "tables filter cleared");
		ctl_select_table(&b->ctl, 0);
	} else if (kl != NULL && key_list_search(kl)[0] != '\0') {
		key_list_set_search(kl, "", NULL, 0);
		ctl_message(&b->ctl, 0, "search ended");
	} else if (kl != NULL && key_list_filter(kl)[0] != '\0') {
		key_list_set_filter(kl, "", NULL, 0);
		ctl_message(&b->ctl, 0, "filter cleared");
	} else if (b->focus > 0) {
		b->focus = (enum layout_pane)(b->focus - 1);
	}
}

/* z, < and >: the panes' layout. */
static void layout_action(struct browser *b, enum keymap_action action)
{
	int cols = COLS, w = layout_tables_w(cols, &b->prefs);
	if (action == KA_ZOOM) {
		b->prefs.zoom = !b->prefs.zoom;
		return;
	}
	b->prefs.zoom = 0;
	b->prefs.tables_w = w + (action == KA_WIDER ? 4 : -4);
	b->prefs.tables_w = layout_tables_w(cols, &b->prefs);
	if (b->prefs.tables_w == w)
		ctl_message(&b->ctl, 0, "the tables pane is as %s as it gets",
			    action == KA_WIDER ? "wide" : "narrow");
}

/* The keys pane's own actions, taken from another pane (a pick, a
 * match): the keys pane does them. */
static void keys_action(struct browser *b, enum keymap_action action)
{
	enum pane_result r = pane_keys.handle(&b->ctl.cur, action,
					      &b->layout.pane[PANE_KEYS]);
	if (r == PANE_NOT_FOUND)
		ctl_message(&b->ctl, 1, "no key matches the search");
}

/* The actions no pane took. */
static void global_action(struct browser *b, enum keymap_action action)
{
	struct browser_ctl *c = &b->ctl;
	switch (action) {
	case KA_QUIT: b->quit = 1; break;
	case KA_HELP: show_help(b); break;
	case KA_NEXT_PANE:
		b->focus = (enum layout_pane)((b->focus + 1) % PANE_COUNT);
		break;
	case KA_PREV_PANE:
		b->focus = (enum layout_pane)((b->focus + PANE_COUNT - 1) %
					      PANE_COUNT);
		break;
	case KA_FILTER:
		open_filter(b, b->focus == PANE_TABLES ? FILTER_TABLES
						       : FILTER_KEYS);
		break;
	case KA_SEARCH: open_filter(b, SEARCH_KEYS); break;
	case KA_NEXT_MATCH: case KA_PREV_MATCH: case KA_SELECT_INVERT:
	case KA_SELECT_SHOWN: case KA_SELECT_NONE:
		keys_action(b, action);
		break;
	case KA_CLEAR_FILTER: clear_filter(b); break;
	case KA_SORT: cycle_sort(b); break;
	case KA_HEX: preview_toggle(&c->pv.p); break;
	case KA_ZOOM: case KA_WIDER: case KA_NARROWER:
		layout_action(b, action);
		break;
	case KA_DELETE: case KA_NEW_TABLE: case KA_RENAME: case KA_COPY:
	case KA_MOVE: case KA_EXPORT: case KA_REPORT:
		/* the one key under the cursor: through the editor */
		if (!browser_bulk(c, &b->ui, action, b->focus == PANE_TABLES))
			browser_run_editor(c, &b->ui, action);
		break;
	case KA_OPEN: case KA_EDIT_EXTERNAL: case KA_NEW_KEY:
		browser_run_editor(c, &b->ui, action);
		break;
	case KA_DETAILS: browser_details(c, &b->ui); break;
	case KA_PUSH: case KA_PULL:
		browser_copy_over(c, &b->ui, action == KA_PUSH);
		break;
	case KA_DIFF_ONLY: ctl_compare_diff_only(c); break;
	case KA_NEXT_DIFF: case KA_PREV_DIFF:
		ctl_compare_jump(c, action == KA_NEXT_DIFF ? 1 : -1);
		break;
	case KA_RECENT: browser_recent(c, &b->ui); break;
	case KA_RELOAD:
		if (c->moved != DB_HERE) {
			ctl_reopen(c); /* the path again: a new directory */
			break;
		}
		ctl_reload_all(c);
		ctl_message(c, 0, "re-reading from disk");
		break;
	case KA_LOCKS: case KA_CHECK: case KA_INFO: case KA_COMPARE:
		browser_run_inspect(c, &b->ui, action);
		break;
	case KA_REDRAW: clearok(curscr, TRUE); break;
	case KA_MESSAGES:
		messages_run(&b->ui);
		browser_term_after_modal(&b->ui);
		break;
	default: break;
	}
}

/* A paste is text, never commands: it goes into the filter being typed,
 * or nowhere. */
static void handle_paste(struct browser *b)
{
	size_t len;
	const char *text = ui_paste(&b->ui, &len);
	if (b->filter.open) {
		struct filter_lists l = filter_lists(b);
		if (filter_paste(&b->filter, &l, text, len))
			ctl_select_table(&b->ctl, 0);
		return;
	}
	char key[KEYCODE_NAME_MAX];
	keymap_first_key(b->ui.keys, panes[b->focus]->keymap, KA_FILTER, key,
			 sizeof key);
	ctl_message(&b->ctl, 1, "a paste (%zu bytes) is not a command: "
		    "ignored%s%s%s", len, key[0] ? " (" : "", key,
		    key[0] ? " opens the filter, then paste)" : "");
}

/* What a pane asked for after handling an action. */
static void pane_result(struct browser *b, enum pane_result r)
{
	if (r == PANE_SELECT_TABLE)
		ctl_select_table(&b->ctl, 0);
	else if (r == PANE_NOT_FOUND)
		ctl_message(&b->ctl, 1, "no key matches the search");
	else if (r == PANE_FOCUS_PREV && b->focus > 0)
		b->focus = (enum layout_pane)(b->focus - 1);
	else if (r == PANE_FOCUS_NEXT && b->focus + 1 < PANE_COUNT)
		b->focus = (enum layout_pane)(b->focus + 1);
}

static void handle_mouse(struct browser *b)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || b->filter.open)
		return;
	int p = layout_pane_at(&b->layout, ev.y, ev.x);
	if (p < 0)
		return;
	const struct ui_rect *r = &b->layout.pane[p];
	int wheel = (ev.bstate & BUTTON4_PRESSED) ? -3
		    : (ev.bstate & BUTTON5_PRESSED) ? 3 : 0;
	if (wheel == 0)
		b->focus = (enum layout_pane)p;
	pane_result(b, panes[p]->mouse(pane_model(b, (enum layout_pane)p), r,
				       ev.y - r->y - 1, wheel));
}

/* terminal key -> action in the focused pane's keymap -> the pane, or
 * the global actions when the pane passes it on. */
static void handle_key(struct browser *b, int key)
{
	b->dirty = 1;
	if (key == KC_RESIZE)
		return;
	if (key == KC_HANGUP) {
		b->quit = 1;
		return;
	}
	if (key == KC_PASTE) {
		handle_paste(b);
		return;
	}
	if (key == KC_MOUSE) {
		handle_mouse(b);
		return;
	}
	if (b->filter.open) {
		struct filter_lists l = filter_lists(b);
		if (filter_key(&b->filter, &l, b->ui.keys, key, &b->msg))
			ctl_select_table(&b->ctl, 0);
		return;
	}
	const struct pane_view *pane = panes[b->focus];
	enum keymap_action a = ui_action(&b->ui, pane->keymap, key);
	if (a == KA_NONE)
		return;
	enum pane_result r = pane->handle(pane_model(b, b->focus), a,
					  &b->layout.pane[b->focus]);
	if (r == PANE_PASS)
		global_action(b, a);
	else
		pane_result(b, r);
}

static void loop(struct browser *b)
{
	long long last_draw = 0, last_tick = browser_now_ms();

	while (!b->quit) {
		int busy = ctl_step(&b->ctl);
		ctl_update_preview(&b->ctl);
		long long now = browser_now_ms();
		if (now - last_tick >= 1000) {
			b->dirty = 1; /* ages, message expiry, progress */
			last_tick = now;
		}
		if ((b->dirty || b->ctl.dirty) &&
		    (!busy || now - last_draw >= 50)) {
			draw(b);
			b->dirty = b->ctl.dirty = 0;
			last_draw = now;
		}
		int key = ui_key(&b->ui, busy ? 0 : IDLE_TICK_MS);
		if (key != 0)
			handle_key(b, key);
	}
}

/* The config's errors on stderr, each once, before the screen starts;
 * the first also on the status line. */
static void report_config(const struct config_errors *e,
			  struct browser_msg *msg)
{
	for (size_t i = 0; i < e->n; i++)
		fprintf(stderr, "flockd: %s\n", e->line[i]);
	if (e->dropped)
		fprintf(stderr, "flockd: ... and %zu more errors in the "
			"config\n", e->dropped);
	if (msg != NULL && e->n > 0)
		browser_say(msg, 1, "config: %s%s", e->line[0],
			    e->n + e->dropped > 1 ? " (more on stderr)" : "");
}

/* The configuration: defaults and the config file. 0, or the exit status
 * when memory runs out. */
static int load_config(struct config *cfg, struct config_errors *errs)
{
	memset(errs, 0, sizeof *errs);
	if (config_init(cfg) != 0) {
		fprintf(stderr, "flockd: out of memory\n");
		return EXIT_OTHER;
	}
	char *path = config_default_path();
	int err = path != NULL ? config_load(cfg, path, errs) : 0;
	free(path);
	if (err != 0) {
		fprintf(stderr, "flockd: out of memory\n");
		config_done(cfg);
		config_errors_done(errs);
		return EXIT_OTHER;
	}
	return 0;
}

/* flockd --dump-config: 0, or 1 when the file had errors (on stderr). */
static int dump_config(void)
{
	struct config cfg;
	struct config_errors errs;
	int rc = load_config(&cfg, &errs);
	if (rc != 0)
		return rc;
	report_config(&errs, NULL);
	if (config_dump(&cfg, stdout) != 0) {
		fprintf(stderr, "flockd: --dump-config: cannot write\n");
		rc = EXIT_OTHER;
	} else if (errs.n > 0) {
		rc = EXIT_OTHER;
	}
	config_done(&cfg);
	config_errors_done(&errs);
	return rc;
}

/* An error before the screen starts: one line, status 1; a demo database
 * already made is not left behind unannounced. */
static int fail_early(struct browser *b, char *demo_dir, const char *msg)
{
	fprintf(stderr, "flockd: %s\n", msg);
	ctl_close(&b->ctl);
	if (demo_dir != NULL)
		fprintf(stderr, "flockd: the demo database is in %s\n",
			demo_dir);
	free(demo_dir);
	return EXIT_OTHER;
}

/* The curses session: from the first screen to quitting. */
static int run(struct browser *b, const struct theme *theme, char *demo_dir)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return fail_early(b, demo_dir, "the browser needs a terminal "
				  "(flockd --help lists the commands for "
				  "scripts)");
	char why[300];
	if (browser_term_check(why, sizeof why) != 0)
		return fail_early(b, demo_dir, why);
	/* before curses: it then leaves SIGINT and SIGTERM to us */
	termsig_install();
	keyin_set_escdelay((int)settings_ms(b->ui.set, SET_ESCAPE_DELAY));
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (scr == NULL)
		return fail_early(b, demo_dir, "cannot use the terminal (is "
				  "TERM set?)");
	keyin_init(&b->in, STDIN_FILENO);
	b->ui.in = &b->in;
	browser_term_setup(&b->ui);
	keyin_define_keys();
	ui_colors_start(&b->ui, theme);
	b->dirty = 1;
	loop(b);
	int gone = keyin_gone(&b->in);
	if (!gone)
		keyin_set_paste(0);
	endwin();
	delscreen(scr);
	keyin_done(&b->in);
	ctl_close(&b->ctl);
	filter_done(&b->filter);
	if (demo_dir != NULL) {
		printf("flockd: the demo database is in %s (remove it with: "
		       "rm -r %s)\n", demo_dir, demo_dir);
		free(demo_dir);
	}
	termsig_reraise();
	return gone ? EXIT_OTHER : EXIT_OK;
}

static int start(struct browser *b, const struct browser_options *o,
		 const struct config *cfg)
{
	char why[512];
	char *demo_dir = NULL;
	const char *dir = o->dir;

	if (o->demo) {
		if (demo_create(&demo_dir, why, sizeof why) != 0) {
			fprintf(stderr, "flockd: %s\n", why);
			return EXIT_OTHER;
		}
		dir = demo_dir;
	}
	struct browser_source src = {
		.dir = dir,
		.read_only = o->read_only,
		.timeout_ms = o->timeout_ms > 0
				      ? o->timeout_ms
				      : (long)settings_ms(&cfg->set, SET_TIMEOUT),
		.stale_age_ms = settings_ms(&cfg->set, SET_STALE_AGE),
		.hex_width = settings_hex_width(&cfg->set),
		.compare_dir = o->compare,
		.rsh = o->rsh,
		.remote_flockd = o->remote_flockd,
	};
	ctl_init(&b->ctl, &src, settings_choice(&cfg->set, SET_SORT), &b->msg);
	b->focus = PANE_KEYS;
	if (ctl_open(&b->ctl, o->table, why, sizeof why) != 0)
		return fail_early(b, demo_dir, why);
	if (o->key != NULL && b->ctl.cur.keys != NULL)
		key_list_want(b->ctl.cur.keys, o->key, strlen(o->key));
	return run(b, &cfg->theme, demo_dir);
}

int browser_main(int argc, char **argv)
{
	struct browser_options o;
	int rc = browser_parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (o.dump_config)
		return dump_config();

	struct config cfg;
	struct config_errors errs;
	rc = load_config(&cfg, &errs);
	if (rc != 0)
		return rc;
	struct browser *b = calloc(1, sizeof *b);
	if (b == NULL) {
		fprintf(stderr, "flockd: out of memory\n");
		rc = EXIT_OTHER;
	} else {
		msglog_init(&b->log);
		b->msg.log = &b->log;
		report_config(&errs, &b->msg);
		ui_init(&b->ui, &cfg.keys, &cfg.set);
		b->ui.log = &b->log;
		rc = start(b, &o, &cfg);
		free(b);
	}
	config_done(&cfg);
	config_errors_done(&errs);
	return rc;
}
