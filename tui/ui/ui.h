/* SPDX-License-Identifier: MIT */
/*
 * ui.h - what every screen of the program shares, passed to each view
 * instead of living in globals: the keymap, the settings, and the
 * colours resolved for this terminal; plus reading a key and the
 * attributes of a colour element. The browser owns one (ui_init from its
 * config, ui_colors_start once curses runs) and lends it to the editor
 * and the inspection views. Views only: this includes curses.
 */
#ifndef TUI_UI_UI_H
#define TUI_UI_UI_H

#include "common/curses_ui.h"
#include "ui/keyin.h"
#include "ui/keymap.h"
#include "ui/msglog.h"
#include "ui/settings.h"
#include "ui/theme.h"

struct ui {
	const struct keymap *keys; /* borrowed: the config's */
	const struct settings *set;
	int color;                 /* colours in use (not NO_COLOR, the
				      terminal has them) */
	attr_t attr[THEME_COUNT];  /* each element's attributes */
	/* The mutable state every view shares, owned by the browser (NULL
	 * in tests that draw nothing): the input (pastes, a terminal that
	 * went away) and the log of messages. */
	struct keyin *in;
	struct msglog *log;
};

/* ui_init - bind the config's keymap and settings (borrowed for the ui's
 * life); no colours yet (every element in its monochrome attributes). */
void ui_init(struct ui *ui, const struct keymap *keys,
	     const struct settings *set);

/*
 * ui_colors_start - after curses started: use the theme's colours unless
 * NO_COLOR is set (non-empty) or the terminal has none (or too few colour
 * pairs), in which case every element keeps its monochrome attributes. A
 * colour number the terminal does not have is its default colour.
 */
void ui_colors_start(struct ui *ui, const struct theme *theme);

/* ui_attr - the attributes of element `e`. */
attr_t ui_attr(const struct ui *ui, enum theme_element e);

/* ui_key - wait up to `timeout_ms` (-1 forever) for a key (keyin_read,
 * with the escape-delay setting as the Alt window); 0 when none came.
 * KC_PASTE's text is ui_paste's; KC_HANGUP means leave (keyin.h). */
int ui_key(const struct ui *ui, int timeout_ms);

/* ui_paste - the text of the last KC_PASTE (borrowed until the next key). */
const char *ui_paste(const struct ui *ui, size_t *len);

/* ui_log - keep a message in the log (ui->log may be NULL). */
void ui_log(const struct ui *ui, int is_error, const char *text);

/* ui_action - a key's action in view `v` (keymap_lookup). */
enum keymap_action ui_action(const struct ui *ui, enum keymap_view v,
			     int key);

#endif
