/* edui.c - colours, keys and terminal modes for the editor's views. */
#include "editor/edui.h"
#include "editor/edkeys.h"

#include "common/curses_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Colour pairs far above what the browser uses, so neither overwrites the
 * other's. */
#define EDUI_PAIR_BASE 48

static int use_colour;
static int saved_escdelay = -1;

void edui_begin(void)
{
	savetty();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	saved_escdelay = get_escdelay();
	set_escdelay(50);
	const char *nc = getenv("NO_COLOR");
	use_colour = has_colors() && (nc == NULL || *nc == '\0') &&
		     COLOR_PAIRS > EDUI_PAIR_BASE + 8;
	if (use_colour) {
		start_color();
		/* the terminal's own background where it lets us */
		short bg = use_default_colors() == OK ? -1 : COLOR_BLACK;
		init_pair(EDUI_PAIR_BASE + 1, COLOR_WHITE, COLOR_RED);
		init_pair(EDUI_PAIR_BASE + 2, COLOR_CYAN, bg);
		init_pair(EDUI_PAIR_BASE + 3, COLOR_GREEN, bg);
		init_pair(EDUI_PAIR_BASE + 4, COLOR_RED, bg);
		init_pair(EDUI_PAIR_BASE + 5, COLOR_MAGENTA, bg);
		init_pair(EDUI_PAIR_BASE + 6, COLOR_BLACK, COLOR_YELLOW);
	}
}

void edui_end(void)
{
	if (saved_escdelay >= 0)
		set_escdelay(saved_escdelay);
	resetty();
	curs_set(0);
}

unsigned long edui_attr(enum edui_role role)
{
	switch (role) {
	case EDUI_BAR:
		return A_REVERSE;
	case EDUI_ERROR:
		return use_colour ? COLOR_PAIR(EDUI_PAIR_BASE + 1) | A_BOLD
				  : A_REVERSE | A_BOLD;
	case EDUI_ESCAPE:
		return use_colour ? COLOR_PAIR(EDUI_PAIR_BASE + 2) | A_BOLD
				  : A_UNDERLINE;
	case EDUI_MARK:
		return use_colour ? COLOR_PAIR(EDUI_PAIR_BASE + 5) : A_DIM;
	case EDUI_DIFF_ADD:
		return use_colour ? COLOR_PAIR(EDUI_PAIR_BASE + 3) : A_BOLD;
	case EDUI_DIFF_DEL:
		return use_colour ? COLOR_PAIR(EDUI_PAIR_BASE + 4) : A_DIM;
	case EDUI_DIFF_HUNK:
		return use_colour ? COLOR_PAIR(EDUI_PAIR_BASE + 5) : A_UNDERLINE;
	case EDUI_MATCH:
		return use_colour ? COLOR_PAIR(EDUI_PAIR_BASE + 6) : A_STANDOUT;
	default:
		return A_NORMAL;
	}
}

static int special_key(int code)
{
	switch (code) {
	case KEY_UP: return EK_UP;
	case KEY_DOWN: return EK_DOWN;
	case KEY_LEFT: return EK_LEFT;
	case KEY_RIGHT: return EK_RIGHT;
	case KEY_HOME: return EK_HOME;
	case KEY_END: return EK_END;
	case KEY_PPAGE: return EK_PGUP;
	case KEY_NPAGE: return EK_PGDN;
	case KEY_IC: return EK_INSERT;
	case KEY_DC: return EK_DELETE;
	case KEY_BACKSPACE: return EK_BACKSPACE;
	case KEY_ENTER: return EK_ENTER;
	case KEY_BTAB: return EK_BTAB;
	case KEY_RESIZE: return EK_RESIZE;
	default: break;
	}
	if (code >= KEY_F(1) && code <= KEY_F(24))
		return EK_F(code - KEY_F0);
	const char *name = keyname(code);
	if (name != NULL) {
		if (!strncmp(name, "kLFT", 4) && name[4] >= '5')
			return EK_CTRL_LEFT;
		if (!strncmp(name, "kRIT", 4) && name[4] >= '5')
			return EK_CTRL_RIGHT;
		if (!strncmp(name, "kHOM", 4) && name[4] >= '5')
			return EK_CTRL_HOME;
		if (!strncmp(name, "kEND", 4) && name[4] >= '5')
			return EK_CTRL_END;
	}
	return 0;
}

static int read_raw(int timeout_ms, int *is_special)
{
	wint_t ch;
	timeout(timeout_ms);
	int rc = get_wch(&ch);
	if (rc == ERR)
		return -1;
	*is_special = rc == KEY_CODE_YES;
	return (int)ch;
}

int edui_getkey(int timeout_ms, int esc_ms)
{
	int special;
	int ch = read_raw(timeout_ms, &special);
	if (ch < 0)
		return 0;
	if (special)
		return special_key(ch);
	if (ch != 27)
		return ch;
	int next = read_raw(esc_ms, &special);
	if (next < 0)
		return 27;
	if (special)
		return special_key(next);
	if (next == 27)
		return 27;
	return EK_META(next);
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
