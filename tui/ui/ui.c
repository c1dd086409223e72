/* SPDX-License-Identifier: MIT */
/*
 * ui.c - the shared screen state: colour elements to curses attributes,
 * and keys through the keymap.
 */
#include "ui/ui.h"

#include "ui/keyin.h"

#include <stdlib.h>

static attr_t curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & THEME_A_BOLD)
		r |= A_BOLD;
	if (a & THEME_A_DIM)
		r |= A_DIM;
	if (a & THEME_A_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_A_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_A_STANDOUT)
		r |= A_STANDOUT;
	if (a & THEME_A_BLINK)
		r |= A_BLINK;
#ifdef A_ITALIC
	if (a & THEME_A_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

void ui_init(struct ui *ui, const struct keymap *keys,
	     const struct settings *set)
{
	ui->keys = keys;
	ui->set = set;
	ui->in = NULL;
	ui->log = NULL;
	ui->color = 0;
	for (int e = 0; e < THEME_COUNT; e++)
		ui->attr[e] = curses_attrs(theme_mono_attrs((enum theme_element)e));
}

/* A theme colour as curses takes it, for a terminal with `colors`
 * colours and (or not) the terminal's default colours. */
static short curses_color(short c, int colors, int have_default, int is_fg)
{
	if (c != THEME_DEFAULT && c < colors)
		return c;
	if (have_default)
		return -1;
	return is_fg ? COLOR_WHITE : COLOR_BLACK;
}

void ui_colors_start(struct ui *ui, const struct theme *theme)
{
	const char *nc = getenv("NO_COLOR");
	if ((nc != NULL && nc[0] != '\0') || !has_colors() ||
	    start_color() == ERR || COLOR_PAIRS <= THEME_COUNT)
		return;
	int have_default = use_default_colors() == OK;
	for (int e = 0; e < THEME_COUNT; e++) {
		const struct theme_style *s = &theme->el[e];
		short pair = (short)(e + 1);
		attr_t a = curses_attrs(s->attrs);
		if (s->fg != THEME_DEFAULT || s->bg != THEME_DEFAULT) {
			init_pair(pair, curses_color(s->fg, COLORS, have_default, 1),
				  curses_color(s->bg, COLORS, have_default, 0));
			a |= COLOR_PAIR(pair);
		}
		ui->attr[e] = a;
	}
	ui->color = 1;
}

attr_t ui_attr(const struct ui *ui, enum theme_element e)
{
	return (int)e >= 0 && e < THEME_COUNT ? ui->attr[e] : A_NORMAL;
}

int ui_key(const struct ui *ui, int timeout_ms)
{
	return keyin_read(ui->in, timeout_ms,
			  (int)settings_ms(ui->set, SET_ESCAPE_DELAY));
}

enum keymap_action ui_action(const struct ui *ui, enum keymap_view v,
			     int key)
{
	return keymap_lookup(ui->keys, v, key);
}

const char *ui_paste(const struct ui *ui, size_t *len)
{
	return keyin_paste(ui->in, len);
}

void ui_log(const struct ui *ui, int is_error, const char *text)
{
	msglog_add(ui->log, is_error, text);
}
