/*
 * view_help.c - the help screen, generated from the keymap's action and
 * binding lists, so every binding shows; plus the filter forms, the marks
 * and the mouse.
 */
#include "browser/browser_app.h"
#include "browser/ui.h"
#include "common/textsafe.h"

#include <stdio.h>
#include <string.h>

static const char *const help_notes[] = {
	"",
	"Filter (/): type to narrow the keys; Enter keeps it, Esc restores",
	"  text        substring; any case while you type no capital",
	"  re:REGEX    POSIX extended regular expression",
	"  glob:PAT    shell pattern over the whole name (* ? [...])",
	"",
	"Marks: ! conflict copy   ~ temp file (red: stale, over 1h)",
	"       < backup or old version   . not a key (a sync tool's or",
	"       unknown file)   % suspect value (mtime at the epoch: an",
	"       interrupted rsync --partial may have torn it)",
	"       @ not a regular file   ? vanished",
	"       the status line names the kind of the selected file",
	"       L locked shared, X locked exclusive (by a process on this",
	"       machine, from /proc/locks; refreshed every 2s and on r)",
	"Compare mode (flockd --compare DIR_B DIR), the column before:",
	"       + only here   - only there (read-only, from DIR_B)",
	"       # differs (Enter shows both)   = same   ? not compared (r)",
	"Unsafe bytes show as escapes: \\n newline, \\t tab, \\x1b control,",
	"  \\xff invalid UTF-8, \\u202e bidi/invisible, \\\\ a backslash in a name",
	"Mouse: click selects a row or pane, the wheel scrolls",
};

#define HELP_NOTES (sizeof help_notes / sizeof help_notes[0])

static long help_lines(void)
{
	return (long)(KM_ACTION_COUNT - 1) + (long)HELP_NOTES;
}

void view_help_draw(struct browser *b)
{
	struct layout_rect r = {0, 0, b->rows - 1, b->cols};
	int inner = r.h - 2, w = r.w - 2;
	char line[512], keys[128];

	if (r.h < 3 || r.w < 4)
		return;
	ui_frame(&r, "Help: flockd key bindings", "q Esc ? close", 1);
	long max = help_lines() - inner;
	if (b->help_scroll > max)
		b->help_scroll = max > 0 ? max : 0;
	int kw = w < 50 ? 12 : 20;
	for (int i = 0; i < inner; i++) {
		long n = b->help_scroll + i;
		if (n >= help_lines())
			break;
		if (n < KM_ACTION_COUNT - 1) {
			enum keymap_action a = (enum keymap_action)(n + 1);
			keymap_action_keys(a, keys, sizeof keys);
			ui_text_as(r.y + 1 + i, 1, keys, strlen(keys), kw - 1,
				   TEXTSAFE_VALUE, A_BOLD);
			snprintf(line, sizeof line, "%s",
				 keymap_action_help(a));
			ui_text_as(r.y + 1 + i, 1 + kw, line, strlen(line),
				   w - kw, TEXTSAFE_VALUE, A_NORMAL);
		} else {
			/* the notes show escapes as they look on screen */
			const char *t = help_notes[n - (KM_ACTION_COUNT - 1)];
			ui_text_as(r.y + 1 + i, 1, t, strlen(t), w,
				   TEXTSAFE_ESCAPED, A_NORMAL);
		}
	}
}

int view_help_handle(struct browser *b, enum keymap_action action)
{
	int inner = b->rows - 3;
	switch (action) {
	case KM_UP: b->help_scroll--; break;
	case KM_DOWN: b->help_scroll++; break;
	case KM_PAGE_UP: b->help_scroll -= inner; break;
	case KM_PAGE_DOWN: b->help_scroll += inner; break;
	case KM_HOME: b->help_scroll = 0; break;
	case KM_END: b->help_scroll = help_lines(); break;
	case KM_REDRAW: return 0;
	default:
		b->help_open = 0; /* any other key closes it */
		break;
	}
	if (b->help_scroll < 0)
		b->help_scroll = 0;
	b->dirty = 1;
	return 1;
}
