/* SPDX-License-Identifier: MIT */
/*
 * theme.h - the colours of the screen: every element the program draws in
 * a colour of its own, with its default colours and the attributes it has
 * on a terminal without colours (and under NO_COLOR, which always wins);
 * the config file's `color ELEMENT FG BG [ATTR...]` changes them. Plain C:
 * ui/colors.h turns a theme into curses attributes.
 */
#ifndef TUI_UI_THEME_H
#define TUI_UI_THEME_H

#include <stddef.h>

enum theme_attr {
	THEME_A_BOLD = 1u << 0,
	THEME_A_DIM = 1u << 1,
	THEME_A_REVERSE = 1u << 2,
	THEME_A_UNDERLINE = 1u << 3,
	THEME_A_STANDOUT = 1u << 4,
	THEME_A_BLINK = 1u << 5,
	THEME_A_ITALIC = 1u << 6,
};

/* Colours: THEME_DEFAULT (the terminal's own), or 0..255. */
#define THEME_DEFAULT (-1)
enum {
	THEME_BLACK, THEME_RED, THEME_GREEN, THEME_YELLOW,
	THEME_BLUE, THEME_MAGENTA, THEME_CYAN, THEME_WHITE,
};

#define TA_B THEME_A_BOLD
#define TA_D THEME_A_DIM
#define TA_R THEME_A_REVERSE
#define TA_U THEME_A_UNDERLINE
#define TA_S THEME_A_STANDOUT
#define TC_(c) THEME_##c

/* E(ID, name, fg, bg, attrs, attrs without colour, what it is) */
#define THEME_ELEMENTS(E)                                                     \
	E(TITLE, "title", TC_(DEFAULT), TC_(DEFAULT), TA_R, TA_R,             \
	  "title and status bars of the editor and the inspection views")     \
	E(FRAME, "frame", TC_(DEFAULT), TC_(DEFAULT), 0, 0,                   \
	  "the frame of a pane")                                              \
	E(FRAME_FOCUS, "frame-focus", TC_(CYAN), TC_(DEFAULT), TA_B, TA_B,    \
	  "the frame of the focused pane")                                    \
	E(CURSOR, "cursor", TC_(BLACK), TC_(CYAN), 0, TA_R,                   \
	  "the cursor row of the focused list")                               \
	E(CURSOR_OTHER, "cursor-other", TC_(DEFAULT), TC_(DEFAULT), TA_R,     \
	  TA_U, "the cursor row of a pane without the focus")                 \
	E(MARK, "mark", TC_(YELLOW), TC_(DEFAULT), TA_B, TA_B,                \
	  "the marks of odd keys (! ~ @ L X) and compare mode's")             \
	E(SELECTED, "selected", TC_(MAGENTA), TC_(DEFAULT), TA_B, TA_B,       \
	  "keys picked for a bulk action (and their * mark)")                 \
	E(MATCH, "match", TC_(BLACK), TC_(YELLOW), 0, TA_U | TA_B,            \
	  "the search's matches: in a key's name, on the editor's screen")    \
	E(STALE, "stale", TC_(WHITE), TC_(RED), TA_B, TA_R | TA_B,            \
	  "the mark of a stale temp file")                                    \
	E(DIM, "dim", TC_(DEFAULT), TC_(DEFAULT), TA_D, 0,                    \
	  "secondary text: key hints, the watch state, empty lists")          \
	E(HEADER, "header", TC_(DEFAULT), TC_(DEFAULT), TA_B, TA_B,           \
	  "column headings and labels")                                       \
	E(MESSAGE, "message", TC_(DEFAULT), TC_(DEFAULT), TA_B, TA_B,         \
	  "messages on the status line")                                      \
	E(ERROR, "error", TC_(WHITE), TC_(RED), TA_B, TA_R | TA_B,            \
	  "error messages")                                                   \
	E(BADGE, "badge", TC_(BLACK), TC_(YELLOW), TA_B, TA_R,                \
	  "the read-only badge")                                              \
	E(INFO, "info", TC_(GREEN), TC_(DEFAULT), 0, 0,                       \
	  "status information: the database's path, compare mode")           \
	E(ESCAPE, "escape", TC_(CYAN), TC_(DEFAULT), TA_B, TA_U,              \
	  "escapes standing for unsafe bytes in names and values")            \
	E(SELECTION, "selection", TC_(BLACK), TC_(CYAN), 0, TA_R,             \
	  "the editor's selected text")                                       \
	E(NOTE, "note", TC_(MAGENTA), TC_(DEFAULT), 0, TA_D,                  \
	  "the editor's notes in the text (no newline at end)")               \
	E(DIFF_ADD, "diff-add", TC_(GREEN), TC_(DEFAULT), 0, TA_B,            \
	  "added lines of a difference")                                      \
	E(DIFF_DEL, "diff-del", TC_(RED), TC_(DEFAULT), 0, TA_D,              \
	  "deleted lines of a difference")                                    \
	E(DIFF_HUNK, "diff-hunk", TC_(MAGENTA), TC_(DEFAULT), 0, TA_U,        \
	  "hunk headers of a difference")                                     \
	E(DIFF_CHANGE, "diff-change", TC_(DEFAULT), TC_(DEFAULT), TA_B, TA_B, \
	  "rows that differ, side by side")

enum theme_element {
#define THEME_ENUM(id, n, fg, bg, a, m, w) THEME_##id,
	THEME_ELEMENTS(THEME_ENUM)
#undef THEME_ENUM
	THEME_COUNT
};

struct theme_style {
	short fg, bg;   /* THEME_DEFAULT or 0..255 */
	unsigned attrs; /* enum theme_attr bits */
};

struct theme {
	struct theme_style el[THEME_COUNT];
};

/* theme_init - the default colours. */
void theme_init(struct theme *t);

/* theme_element_name / _what - static strings ("" out of range);
 * theme_element_by_name: THEME_COUNT when unknown. */
const char *theme_element_name(enum theme_element e);
const char *theme_element_what(enum theme_element e);
enum theme_element theme_element_by_name(const char *name);

/* theme_mono_attrs - an element's attributes without colours. */
unsigned theme_mono_attrs(enum theme_element e);

/* theme_parse_color - a colour name (default, black, red, green, yellow,
 * blue, magenta, cyan, white, bright-NAME for 8-15), a number 0..255 or
 * colorN. 0 with *color set, or -1. */
int theme_parse_color(const char *text, short *color);

/* theme_parse_attr - an attribute name (normal, bold, dim, reverse,
 * underline, standout, blink, italic): its bit (0 for normal), or -1. */
int theme_parse_attr(const char *text);

/* theme_format_style - "FG BG [ATTR...]" as the config writes it
 * ("cyan default bold"). */
void theme_format_style(const struct theme_style *s, char *buf, size_t size);

#endif
