/* SPDX-License-Identifier: MIT */
/* edui.c - terminal modes and keys for the editor's views. */
#include "editor/edui.h"

#include "common/curses_ui.h"
#include "ui/keyin.h"
#include "ui/ui.h"

#include <stdio.h>

void edui_begin(void)
{
	savetty();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
}

void edui_end(void)
{
	resetty();
	curs_set(0);
}

int edui_getkey(const struct ui *ui, int timeout_ms)
{
	return keyin_read(ui->in, timeout_ms, EDUI_ESC_PREFIX_MS);
}

void edui_format_held(long s, char *buf, size_t size)
{
	if (s < 0)
		s = 0;
	if (s < 60)
		snprintf(buf, size, "%lds", s);
	else if (s < 3600)
		snprintf(buf, size, "%ldm%02lds", s / 60, s % 60);
	else
		snprintf(buf, size, "%ldh%02ldm", s / 3600, (s % 3600) / 60);
}
