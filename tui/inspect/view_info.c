/* view_info.c - the browser's info screen: the file system under the
 * database and what it means for locks. */
#include "inspect/inspect_views.h"

#include "common/curses_ui.h"
#include "common/textsafe.h"
#include "inspect/fsinfo.h"
#include "inspect/inspect_text.h"
#include "inspect/inspect_ui.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Draw "LABEL  value" at row y; the value is escaped here. */
static void info_line(int y, const char *label, const char *value, int raw)
{
	char *v = raw ? NULL : textsafe_name_str(value);
	iui_put(y, 2, 14, label, 0, A_BOLD);
	iui_put(y, 16, COLS - 16, raw ? value : v ? v : "?", 0, 0);
	free(v);
}

static void draw_info(flockd_db *db, int err, const struct fs_facts *f,
		      const struct fs_counts *c, int counted)
{
	erase();
	iui_title(" Info: the file system under this database");
	info_line(2, "database", flockd_db_path(db), 0);
	if (err != 0) {
		info_line(4, "error", flockd_strerror(err), 1);
	} else {
		const char *type = f->have_mount ? f->mount.fstype
				 : f->type_name ? f->type_name : "unknown";
		info_line(3, "file system", type, 0);
		if (f->have_mount) {
			info_line(4, "mounted on", f->mount.mount_point, 0);
			info_line(5, "from", f->mount.source, 0);
		}
		info_line(6, "locks", fsinfo_locks_label(f->locks), 1);
		/* the meaning, wrapped at word boundaries */
		const char *m = fsinfo_locks_meaning(f->locks);
		int y = 7, width = COLS - 18 > 20 ? COLS - 18 : 20;
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
			iui_put(y++, 16, COLS - 16, part, 0, 0);
			m += n;
			while (*m == ' ')
				m++;
		}
		char buf[64];
		if (!counted) {
			info_line(y + 1, "tables", "counting...", 1);
		} else {
			snprintf(buf, sizeof buf, "%zu", c->tables);
			info_line(y + 1, "tables", buf, 1);
			snprintf(buf, sizeof buf, "%zu", c->keys);
			info_line(y + 2, "keys", buf, 1);
			snprintf(buf, sizeof buf, "%" PRIu64, c->bytes);
			info_line(y + 3, "bytes", buf, 1);
			int line = y + 4;
			if (c->other > 0) {
				char kinds[256];
				fsinfo_kinds_text(c, kinds, sizeof kinds);
				info_line(line++, "other files", kinds, 1);
			}
			if (c->suspect > 0) {
				snprintf(buf, sizeof buf, "%zu keys with mtime "
					 "at the epoch", c->suspect);
				info_line(line++, "suspect", buf, 1);
			}
			if (c->unreadable > 0) {
				snprintf(buf, sizeof buf, "%zu tables",
					 c->unreadable);
				info_line(line, "unreadable", buf, 1);
			}
		}
	}
	iui_status(" q back", NULL);
	refresh();
}

int inspect_view_info(flockd_db *db)
{
	struct fs_facts facts;
	struct fs_counts counts;
	memset(&counts, 0, sizeof counts);
	flockd_table *root;
	int err = flockd_table_open(db, "", 0, &root);
	if (err == 0) {
		err = fsinfo_facts(flockd_table_dirfd(root), flockd_db_path(db),
				   FSINFO_MOUNTINFO_PATH, &facts);
		flockd_table_close(root);
	}
	int counted = 0;
	draw_info(db, err, &facts, &counts, counted);
	if (err == 0) {
		/* counting stats every key: show the rest first */
		err = fsinfo_count(db, &counts);
		counted = err == 0;
	}
	for (;;) {
		draw_info(db, err, &facts, &counts, counted);
		int key = iui_getkey(-1);
		if (key == 'q' || key == INSPECT_KEY_ESC)
			break;
	}
	clear();
	return err;
}
