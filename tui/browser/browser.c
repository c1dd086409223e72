/*
 * browser.c - `flockd [OPTIONS] [DIR]`: the options, the curses session and
 * the loop. A key becomes an action (keymap), the focused pane's view
 * handles it or passes it on to the global actions here; between keys the
 * controller (browser_ctl.c) does a slice of background work.
 */
#include "config.h"

#include "browser/browser.h"

#include "browser/browser_app.h"
#include "browser/demo.h"
#include "browser/ui.h"
#include "common/duration.h"
#include "common/exit_codes.h"
#include "common/textsafe.h"
#include "editor/editor.h"

#include <errno.h>
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT_MS 2000L
#define IDLE_TICK_MS 100 /* getch timeout when nothing is loading */

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: flockd [OPTIONS] [DIR]\n"
		"       flockd --compare DIR_B [OPTIONS] [DIR]\n"
		"       flockd --demo\n"
		"       flockd COMMAND ...   (flockd help: the commands)\n"
		"\n"
		"Browse the flockd database in DIR (default: $FLOCKD_DIR, "
		"else the current\ndirectory).\n"
		"\n"
		"Options:\n"
		"  -r, --read-only       change nothing, take no exclusive "
		"lock\n"
		"  -t, --table TABLE     start in TABLE (\"\" is the root)\n"
		"  -k, --key KEY         start with the cursor on KEY\n"
		"      --timeout DURATION  lock wait limit (default 2s; 500ms, "
		"1m, ...)\n"
		"      --compare DIR_B   compare mode: mark each key of DIR as "
		"only here (+),\n"
		"                        only in DIR_B (-), differs (#) or same "
		"(=); Enter on\n"
		"                        a differing key shows both values; "
		"DIR_B is only read\n"
		"      --demo            create a demo database in a new "
		"temporary\n"
		"                        directory, browse it, print where it "
		"is\n"
		"  -h, --help            this help\n"
		"  -V, --version         the version\n"
		"\n"
		"In the browser, ? lists every key (L locks, C check, I info, "
		"D compare).\n"
		"Exit status: 0 ok, 1 error, 2 usage.\n");
}

static int key_from_curses(int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP: return KM_KEY_UP;
		case KEY_DOWN: return KM_KEY_DOWN;
		case KEY_LEFT: return KM_KEY_LEFT;
		case KEY_RIGHT: return KM_KEY_RIGHT;
		case KEY_PPAGE: return KM_KEY_PGUP;
		case KEY_NPAGE: return KM_KEY_PGDN;
		case KEY_HOME: return KM_KEY_HOME;
		case KEY_END: return KM_KEY_END;
		case KEY_ENTER: return KM_KEY_ENTER;
		case KEY_BTAB: return KM_KEY_BTAB;
		case KEY_DC: return KM_KEY_DELETE;
		case KEY_BACKSPACE: return KM_KEY_BACKSPACE;
		case KEY_F(1): return KM_KEY_F1;
		case KEY_RESIZE: return KM_KEY_RESIZE;
		case KEY_MOUSE: return KM_KEY_MOUSE;
		default: return 0;
		}
	}
	switch (ch) {
	case '\n':
	case '\r': return KM_KEY_ENTER;
	case '\t': return KM_KEY_TAB;
	case 27: return KM_KEY_ESC;
	case 0x7f: return KM_KEY_BACKSPACE;
	default: return (int)ch;
	}
}

void browser_setup_terminal(void)
{
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
		  BUTTON5_PRESSED, NULL);
	mouseinterval(0);
}

static void draw(struct browser *b)
{
	getmaxyx(stdscr, b->rows, b->cols);
	layout_compute(b->cols, b->rows, b->focus, &b->layout);
	erase();
	if (b->help_open) {
		view_help_draw(b);
	} else {
		for (int p = 0; p < PANE_COUNT; p++) {
			const struct layout_rect *r = &b->layout.pane[p];
			if (r->w > 0 && r->h > 0)
				browser_panes[p]->draw(b, r, (int)b->focus == p);
		}
	}
	view_status_draw(b);
	curs_set(b->prompt_open ? 1 : 0);
	refresh();
}

/* ------------------------------------------------------ editor calls */

char *browser_current_key(struct browser *b)
{
	struct key_list_row row;
	if (ctl_current_row(b, &row) != 0) {
		ctl_message(b, 1, "no key selected");
		return NULL;
	}
	if (row.is_entry) {
		char what[600];
		table_row_describe(row.name, row.name_len, 1, what,
				   sizeof what);
		ctl_message(b, 1, "not a key: %s (C: the check view)", what);
		return NULL;
	}
	char *k = strndup(row.name, row.name_len);
	if (k == NULL)
		ctl_message(b, 1, "out of memory");
	return k;
}

static void after_editor(struct browser *b, enum keymap_action action,
			 enum editor_outcome out, const char *key,
			 const char *new_name,
			 const struct editor_message *msg)
{
	browser_setup_terminal();
	clearok(curscr, TRUE);
	if (msg->text[0] != '\0')
		ctl_message(b, msg->is_error, "%s", msg->text);
	else if (out == EDITOR_ERROR)
		ctl_message(b, 1, "the editor failed");
	if (out == EDITOR_CHANGED || out == EDITOR_DELETED) {
		if (action == KM_NEW_TABLE && new_name != NULL) {
			ctl_reload_tables(b);
			size_t i = table_list_find(&b->tables, new_name);
			if (i != (size_t)-1) {
				b->tables.cur = i;
				ctl_select_table(b, 0);
			}
		} else if (b->keys != NULL) {
			/* Do not wait for the watcher: show it now. */
			if (key != NULL && (out == EDITOR_DELETED ||
					    action == KM_RENAME))
				key_list_remove(b->keys, key, strlen(key), 0);
			else if (key != NULL)
				key_list_add(b->keys, key, strlen(key), 0,
					     DT_UNKNOWN, 0);
			if (new_name != NULL) {
				key_list_add(b->keys, new_name,
					     strlen(new_name), 0, DT_UNKNOWN,
					     0);
			}
			key_list_commit(b->keys);
			ctl_list_changed(b);
			b->cmp_wanted = b->cmp_db != NULL;
			if (new_name != NULL)
				key_list_want(b->keys, new_name,
					      strlen(new_name));
		}
	}
	b->preview_stale = 1;
	b->dirty = 1;
}

static void run_editor(struct browser *b, enum keymap_action action)
{
	struct editor_options opt = {b->read_only, b->timeout_ms};
	struct editor_message msg = {"", 0};
	enum editor_outcome out = EDITOR_UNCHANGED;
	char *key = NULL, *new_name = NULL;

	if (action == KM_NEW_TABLE) {
		out = editor_new_table(b->db, &opt, &new_name, &msg);
		after_editor(b, action, out, NULL, new_name, &msg);
		free(new_name);
		return;
	}
	if (b->table == NULL) {
		ctl_message(b, 1, "no table open");
		return;
	}
	if (action == KM_NEW_KEY) {
		out = editor_new_key(b->table, &opt, &new_name, &msg);
	} else {
		struct key_list_row row;
		if (ctl_current_row(b, &row) == 0 && b->cmp_db != NULL) {
			enum diff_status st = ctl_compare_status(b, &row);
			if (action == KM_OPEN && (st == DIFF_DIFFERS ||
						  st == DIFF_ONLY_B)) {
				browser_run_inspect(b, KM_COMPARE);
				return;
			}
			if (st == DIFF_ONLY_B) {
				char dir[200];
				textsafe_name_buf(dir, sizeof dir,
						  b->compare_dir,
						  strlen(b->compare_dir),
						  textsafe_locale());
				ctl_message(b, 1, "only there (read-only): "
					    "%s", dir);
				return;
			}
		}
		key = browser_current_key(b);
		if (key == NULL)
			return;
		switch (action) {
		case KM_OPEN:
			out = editor_open_value(b->table, key, &opt, &msg);
			break;
		case KM_EDIT_EXTERNAL:
			out = editor_external(b->table, key, &opt, &msg);
			break;
		case KM_DELETE:
			out = editor_delete_key(b->table, key, &opt, &msg);
			break;
		case KM_RENAME:
			out = editor_rename_key(b->table, key, &opt, &new_name,
						&msg);
			break;
		default:
			break;
		}
	}
	after_editor(b, action, out, key, new_name, &msg);
	free(key);
	free(new_name);
}

/* ---------------------------------------------------- global actions */

static void global_action(struct browser *b, enum keymap_action action)
{
	static const char *const sort_desc[] = {
		"name ascending", "name descending", "size ascending",
		"size descending", "time ascending", "time descending",
	};

	switch (action) {
	case KM_QUIT:
		b->quit = 1;
		break;
	case KM_HELP:
		b->help_open = 1;
		b->help_scroll = 0;
		break;
	case KM_NEXT_PANE:
		b->focus = (enum layout_pane)((b->focus + 1) % PANE_COUNT);
		break;
	case KM_PREV_PANE:
		b->focus = (enum layout_pane)((b->focus + PANE_COUNT - 1) %
					      PANE_COUNT);
		break;
	case KM_FILTER:
		if (b->keys == NULL)
			break;
		if (b->focus == PANE_TABLES)
			b->focus = PANE_KEYS;
		view_filter_open(b);
		break;
	case KM_NEXT_MATCH:
	case KM_PREV_MATCH:
		view_keys.handle(b, action);
		break;
	case KM_CLEAR_FILTER:
		if (b->keys != NULL && key_list_filter(b->keys)[0] != '\0') {
			key_list_set_filter(b->keys, "", NULL, 0);
			ctl_message(b, 0, "filter cleared");
		}
		break;
	case KM_SORT:
		b->sort_step = (b->sort_step + 1) % 6;
		ctl_apply_sort(b);
		ctl_message(b, 0, "sort: %s", sort_desc[b->sort_step]);
		break;
	case KM_HEX:
		preview_toggle(&b->preview);
		break;
	case KM_OPEN:
	case KM_EDIT_EXTERNAL:
	case KM_DELETE:
	case KM_NEW_KEY:
	case KM_NEW_TABLE:
	case KM_RENAME:
		run_editor(b, action);
		break;
	case KM_RELOAD:
		ctl_reload_tables(b);
		ctl_rescan(b);
		ctl_refresh_marks(b);
		b->preview_stale = 1;
		ctl_message(b, 0, "re-reading from disk");
		break;
	case KM_LOCKS:
	case KM_CHECK:
	case KM_INFO:
	case KM_COMPARE:
		browser_run_inspect(b, action);
		break;
	case KM_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
	b->dirty = 1;
}

static void handle_mouse(struct browser *b)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || b->help_open || b->prompt_open)
		return;
	int p = layout_pane_at(&b->layout, ev.y, ev.x);
	if (p < 0)
		return;
	const struct layout_rect *r = &b->layout.pane[p];
	int wheel = (ev.bstate & BUTTON4_PRESSED) ? -3
		    : (ev.bstate & BUTTON5_PRESSED) ? 3 : 0;
	if (wheel == 0)
		b->focus = (enum layout_pane)p;
	browser_panes[p]->mouse(b, r, ev.y - r->y - 1, wheel);
	b->dirty = 1;
}

static void handle_key(struct browser *b, int key)
{
	if (key == KM_KEY_RESIZE) {
		b->dirty = 1;
		return;
	}
	if (key == KM_KEY_MOUSE) {
		handle_mouse(b);
		return;
	}
	if (b->prompt_open) {
		view_filter_key(b, key);
		return;
	}
	enum keymap_action action = keymap_lookup(key);
	if (action == KM_NONE)
		return;
	if (b->help_open) {
		if (action == KM_REDRAW)
			clearok(curscr, TRUE);
		view_help_handle(b, action);
		b->dirty = 1;
		return;
	}
	if (!browser_panes[b->focus]->handle(b, action))
		global_action(b, action);
}

static void loop(struct browser *b)
{
	long long last_draw = 0, last_tick = browser_now_ms();

	while (!b->quit) {
		int busy = ctl_step(b);
		ctl_update_preview(b);
		long long now = browser_now_ms();
		if (now - last_tick >= 1000) {
			b->dirty = 1; /* ages, message expiry, progress */
			last_tick = now;
		}
		if (b->dirty && (!busy || now - last_draw >= 50)) {
			draw(b);
			b->dirty = 0;
			last_draw = now;
		}
		timeout(busy ? 0 : IDLE_TICK_MS);
		wint_t ch;
		int rc = get_wch(&ch);
		if (rc == ERR)
			continue;
		handle_key(b, key_from_curses(rc, ch));
	}
}

/* ----------------------------------------------------------- options */

struct options {
	const char *dir;
	const char *table;
	const char *key;
	const char *compare;
	int read_only;
	int demo;
	long timeout_ms;
};

/* Returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{"read-only", no_argument, NULL, 'r'},
		{"table", required_argument, NULL, 't'},
		{"key", required_argument, NULL, 'k'},
		{"timeout", required_argument, NULL, 'T'},
		{"demo", no_argument, NULL, 'D'},
		{"compare", required_argument, NULL, 'C'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int c;

	memset(o, 0, sizeof *o);
	o->timeout_ms = DEFAULT_TIMEOUT_MS;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "rt:k:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': o->read_only = 1; break;
		case 't': o->table = optarg; break;
		case 'k': o->key = optarg; break;
		case 'D': o->demo = 1; break;
		case 'C': o->compare = optarg; break;
		case 'T':
			if (duration_parse(optarg, &o->timeout_ms) != 0 ||
			    o->timeout_ms <= 0) {
				fprintf(stderr, "flockd: bad --timeout (say "
					"500ms, 2s, 1m)\n");
				return EXIT_USAGE;
			}
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("flockd %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		default:
			fprintf(stderr, "flockd: unknown or incomplete option "
				"(flockd --help lists them)\n");
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		o->dir = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "flockd: one directory at most (flockd --help)\n");
		return EXIT_USAGE;
	}
	if (o->demo && o->compare != NULL) {
		fprintf(stderr, "flockd: --demo and --compare do not go "
			"together\n");
		return EXIT_USAGE;
	}
	if (o->demo && o->dir != NULL) {
		fprintf(stderr, "flockd: --demo makes its own directory\n");
		return EXIT_USAGE;
	}
	const char *env_dir = getenv("FLOCKD_DIR"); /* the command line wins */
	if (o->dir == NULL)
		o->dir = env_dir != NULL && *env_dir != '\0' ? env_dir : ".";
	return -1;
}

/* An error before the screen starts: one line, status 1; a demo database
 * already made is not left behind unannounced. */
static int fail_early(struct browser *b, char *demo_dir, const char *msg)
{
	fprintf(stderr, "flockd: %s\n", msg);
	ctl_close(b);
	if (demo_dir != NULL)
		fprintf(stderr, "flockd: the demo database is in %s\n",
			demo_dir);
	free(demo_dir);
	return EXIT_OTHER;
}

int browser_main(int argc, char **argv)
{
	struct options o;
	struct browser b;
	char msg[512];
	char *demo_dir = NULL;
	int rc = parse_options(argc, argv, &o);

	if (rc >= 0)
		return rc;
	if (o.demo) {
		if (demo_create(&demo_dir, msg, sizeof msg) != 0) {
			fprintf(stderr, "flockd: %s\n", msg);
			return EXIT_OTHER;
		}
		o.dir = demo_dir;
	}
	memset(&b, 0, sizeof b);
	b.dir = o.dir;
	b.read_only = o.read_only;
	b.timeout_ms = o.timeout_ms;
	b.compare_dir = o.compare;
	b.focus = PANE_KEYS;
	table_list_init(&b.tables);
	preview_init(&b.preview);
	if (ctl_open(&b, o.table, msg, sizeof msg) != 0)
		return fail_early(&b, demo_dir, msg);
	if (o.key != NULL && b.keys != NULL)
		key_list_want(b.keys, o.key, strlen(o.key));
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return fail_early(&b, demo_dir, "the browser needs a terminal "
				  "(flockd --help lists the commands for "
				  "scripts)");
	set_escdelay(25);
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (scr == NULL)
		return fail_early(&b, demo_dir, "cannot use the terminal (is "
				  "TERM set?)");
	browser_setup_terminal();
	b.color = ui_init_colors();
	b.dirty = 1;
	loop(&b);
	endwin();
	delscreen(scr);
	ctl_close(&b);
	if (demo_dir != NULL) {
		printf("flockd: the demo database is in %s (remove it with: "
		       "rm -r %s)\n", demo_dir, demo_dir);
		free(demo_dir);
	}
	return EXIT_OK;
}
