/* SPDX-License-Identifier: MIT */
/* view_info.c - the browser's info screen: the file system under the
 * database and what it means for locks. */
#include "inspect/inspect_views.h"

#include "common/curses_ui.h"
#include "common/textsafe.h"
#include "inspect/fsinfo.h"
#include "inspect/inspect_text.h"
#include "inspect/inspect_ui.h"
#include "ui/draw.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Draw "LABEL  value" at row y; the value is escaped here. */
static void info_line(const struct ui *ui, int y, const char *label,
		      const char *value, int raw)
{
	char *v = raw ? NULL : textsafe_name_str(value);
	iui_put(ui, y, 2, 14, label, 0, ui_attr(ui, THEME_HEADER));
	iui_put(ui, y, 16, COLS - 16, raw ? value : v ? v : "?", 0, A_NORMAL);
	free(v);
}

/* What the lock facts mean, wrapped at word boundaries from row y;
 * returns the next row. */
static int meaning(const struct ui *ui, int y, const char *m)
{
	int width = COLS - 18 > 20 ? COLS - 18 : 20;
	while (*m && y < LINES - 6) {
		size_t n = strlen(m);
		if ((int)n > width) {
			n = (size_t)width;
			while (n > 0 && m[n] != ' ')
				n--;
			if (n == 0)
				n = (size_t)width;
		}
		char part[512];
		snprintf(part, sizeof part, "%.*s", (int)n, m);
		iui_put(ui, y++, 16, COLS - 16, part, 0, A_NORMAL);
		m += n;
		while (*m == ' ')
			m++;
	}
	return y;
}

static void counts(const struct ui *ui, int y, const struct fs_counts *c,
		   int counted)
{
	char buf[64];
	if (!counted) {
		info_line(ui, y, "tables", "counting...", 1);
		return;
	}
	snprintf(buf, sizeof buf, "%zu", c->tables);
	info_line(ui, y, "tables", buf, 1);
	snprintf(buf, sizeof buf, "%zu", c->keys);
	info_line(ui, y + 1, "keys", buf, 1);
	snprintf(buf, sizeof buf, "%" PRIu64, c->bytes);
	info_line(ui, y + 2, "bytes", buf, 1);
	int line = y + 3;
	if (c->other > 0) {
		char kinds[256];
		fsinfo_kinds_text(c, kinds, sizeof kinds);
		info_line(ui, line++, "other files", kinds, 1);
	}
	if (c->suspect > 0) {
		snprintf(buf, sizeof buf, "%zu keys with mtime at the epoch",
			 c->suspect);
		info_line(ui, line++, "suspect", buf, 1);
	}
	if (c->unreadable > 0) {
		snprintf(buf, sizeof buf, "%zu tables", c->unreadable);
		info_line(ui, line, "unreadable", buf, 1);
	}
}

static void draw_info(const struct ui *ui, flockd_db *db, int err,
		      const struct fs_facts *f, const struct fs_counts *c,
		      int counted)
{
	static const struct keymap_hint hints[] = {
		{KA_HELP, "help"}, {KA_CLOSE, "back"},
	};
	erase();
	ui_bar(ui, 0, " Info: the file system under this database");
	info_line(ui, 2, "database", flockd_db_path(db), 0);
	if (err != 0) {
		info_line(ui, 4, "error", flockd_strerror(err), 1);
	} else {
		const char *type = f->have_mount ? f->mount.fstype
				 : f->type_name ? f->type_name : "unknown";
		info_line(ui, 3, "file system", type, 0);
		if (f->have_mount) {
			info_line(ui, 4, "mounted on", f->mount.mount_point, 0);
			info_line(ui, 5, "from", f->mount.source, 0);
		}
		info_line(ui, 6, "locks", fsinfo_locks_label(f->locks), 1);
		int y = meaning(ui, 7, fsinfo_locks_meaning(f->locks));
		counts(ui, y + 1, c, counted);
	}
	iui_status(ui, KV_INFO, hints, sizeof hints / sizeof hints[0], NULL,
		   NULL);
	refresh();
}

int inspect_view_info(const struct ui *ui, flockd_db *db)
{
	struct fs_facts facts;
	struct fs_counts cnt;
	memset(&cnt, 0, sizeof cnt);
	flockd_table *root;
	int err = flockd_table_open(db, "", 0, &root);
	if (err == 0) {
		err = fsinfo_facts(flockd_table_dirfd(root), flockd_db_path(db),
				   FSINFO_MOUNTINFO_PATH, &facts);
		flockd_table_close(root);
	}
	int counted = 0;
	draw_info(ui, db, err, &facts, &cnt, counted);
	if (err == 0) {
		/* counting stats every key: show the rest first */
		err = fsinfo_count(db, &cnt);
		counted = err == 0;
	}
	for (;;) {
		draw_info(ui, db, err, &facts, &cnt, counted);
		enum keymap_action a = ui_action(ui, KV_INFO, ui_key(ui, -1));
		if (a == KA_CLOSE)
			break;
		if (a == KA_HELP)
			iui_help(ui, KV_INFO, " Info screen keys");
		else if (a == KA_REDRAW)
			clearok(curscr, TRUE);
	}
	clear();
	return err;
}
