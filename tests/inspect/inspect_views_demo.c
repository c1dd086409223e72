/* SPDX-License-Identifier: MIT */
/*
 * inspect_views_demo.c - runs one inspection view full-screen so that the
 * tmux tests can drive it apart from the browser, with the keys, colours
 * and settings of the user's config file (as the browser reads it):
 *   inspect_views_demo locks DIR TABLE
 *   inspect_views_demo check [-r] DIR
 *   inspect_views_demo info DIR
 *   inspect_views_demo compare DIR_A DIR_B TABLE KEY
 * Prints "rc=N" (the view's result) on stderr after the screen is gone.
 */
#include "common/curses_ui.h"
#include "flockd.h"
#include "inspect/inspect_views.h"
#include "ui/config.h"
#include "ui/keyin.h"
#include "ui/ui.h"

#include <stdlib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static void screen_on(struct ui *ui, const struct config *cfg)
{
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(50);
	curs_set(0);
	keyin_define_keys();
	ui_init(ui, &cfg->keys, &cfg->set);
	ui_colors_start(ui, &cfg->theme);
}

/* The user's config, its errors on stderr (as the browser does). */
static void load(struct config *cfg)
{
	struct config_errors errs = {0};
	char *path = config_default_path();
	if (config_init(cfg) != 0)
		exit(1);
	if (path != NULL)
		config_load(cfg, path, &errs);
	for (size_t i = 0; i < errs.n; i++)
		fprintf(stderr, "config: %s\n", errs.line[i]);
	free(path);
	config_errors_done(&errs);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc < 3) {
		fprintf(stderr, "usage: see the source\n");
		return 2;
	}
	const char *mode = argv[1];
	int ro = argc > 3 && strcmp(argv[2], "-r") == 0;
	const char *dir = argv[ro ? 3 : 2];
	flockd_db *db, *db2 = NULL;
	int err = flockd_open(dir, 2000, ro ? FLOCKD_OPEN_READONLY
					   : FLOCKD_OPEN_NOCREATE, &db);
	if (err == 0 && strcmp(mode, "compare") == 0 && argc == 6)
		err = flockd_open(argv[3], 2000, FLOCKD_OPEN_READONLY, &db2);
	if (err != 0) {
		fprintf(stderr, "open: %s\n", flockd_strerror(err));
		return 1;
	}
	struct config cfg;
	struct ui ui;
	load(&cfg);
	screen_on(&ui, &cfg);
	int rc = -1;
	if (strcmp(mode, "locks") == 0 && argc == 4) {
		flockd_table *t;
		rc = flockd_table_open(db, argv[3], 0, &t);
		if (rc == 0) {
			char *jump = NULL;
			rc = inspect_view_locks(&ui, t, &jump);
			if (jump != NULL)
				fprintf(stderr, "jump=%s\n", jump);
			free(jump);
			flockd_table_close(t);
		}
	} else if (strcmp(mode, "check") == 0) {
		rc = inspect_view_check(&ui, db);
	} else if (strcmp(mode, "info") == 0) {
		rc = inspect_view_info(&ui, db);
	} else if (strcmp(mode, "compare") == 0 && db2 != NULL) {
		flockd_table *a = NULL, *b = NULL;
		void *va = NULL, *vb = NULL;
		size_t la = 0, lb = 0;
		rc = flockd_table_open(db, argv[4], 0, &a);
		if (rc == 0 && (rc = flockd_table_open(db2, argv[4], 0, &b)) == 0) {
			int ea = flockd_get(a, argv[5], &va, &la);
			int eb = flockd_get(b, argv[5], &vb, &lb);
			struct inspect_side sa = {dir, va, la, ea != 0};
			struct inspect_side sb = {argv[3], vb, lb, eb != 0};
			rc = inspect_view_compare_key(&ui, argv[5], &sa, &sb);
			flockd_table_close(b);
		}
		free(va);
		free(vb);
		if (a)
			flockd_table_close(a);
	}
	endwin();
	fprintf(stderr, "rc=%d\n", rc);
	flockd_close(db);
	flockd_close(db2);
	config_done(&cfg);
	return rc == 0 ? 0 : 1;
}
