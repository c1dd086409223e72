/*
 * edkeys.h - the editor's key bindings: one X-macro list of actions, each
 * with its keys and its help text; lookup (key -> action) and the help
 * screen are both generated from it. Keys are curses-free codes (below), so
 * the table is tested without a terminal; the view translates curses keys.
 */
#ifndef TUI_EDITOR_EDKEYS_H
#define TUI_EDITOR_EDKEYS_H

#include <stddef.h>

/* Key codes: Unicode characters and control bytes are themselves; special
 * keys live above the Unicode range; Alt (or Esc then the key) adds EK_ALT. */
#define EK_CTRL(c) ((c) & 0x1f)
#define EK_SPECIAL 0x200000
#define EK_ALT 0x400000
#define EK_META(c) (EK_ALT | (c))
#define EK_F(n) (EK_SPECIAL + 0x100 + (n))
enum editor_special_key {
	EK_UP = EK_SPECIAL + 1, EK_DOWN, EK_LEFT, EK_RIGHT,
	EK_HOME, EK_END, EK_PGUP, EK_PGDN,
	EK_INSERT, EK_DELETE, EK_BACKSPACE, EK_ENTER, EK_BTAB,
	EK_CTRL_LEFT, EK_CTRL_RIGHT, EK_CTRL_HOME, EK_CTRL_END,
	EK_RESIZE,
};

/* X(ACTION, help text, key, key, key): 0 fills unused key slots. */
#define EDITOR_ACTIONS(X) \
	X(SAVE, "save (atomic replace under the exclusive lock)", \
	  EK_CTRL('S'), 0, 0) \
	X(CLOSE, "close the value (asks if modified)", \
	  EK_CTRL('Q'), EK_F(10), EK_META('q')) \
	X(UNDO, "undo", EK_CTRL('Z'), EK_META('u'), 0) \
	X(REDO, "redo", EK_CTRL('Y'), EK_META('e'), 0) \
	X(SEARCH, "search forward (wraps around)", EK_CTRL('F'), EK_META('/'), 0) \
	X(SEARCH_NEXT, "find the next match", EK_F(3), EK_META('n'), 0) \
	X(SEARCH_BACK, "search backward", EK_CTRL('R'), EK_META('N'), 0) \
	X(GOTO, "go to line (text) or offset (hex)", EK_CTRL('G'), EK_META('g'), 0) \
	X(TOGGLE_HEX, "switch between text and hex", EK_CTRL('T'), EK_F(4), 0) \
	X(TOGGLE_OVERWRITE, "toggle insert/overwrite", EK_INSERT, EK_META('i'), 0) \
	X(TOGGLE_WRAP, "toggle soft wrap of long lines", \
	  EK_META('w'), EK_CTRL('W'), 0) \
	X(RELOAD, "reload the value from disk (drops edits)", \
	  EK_META('r'), EK_F(5), 0) \
	X(DELETE_KEY, "delete this key (asks first)", EK_F(8), EK_META('d'), 0) \
	X(REDRAW, "redraw the screen", EK_CTRL('L'), 0, 0) \
	X(HELP, "this help", EK_F(1), EK_META('h'), EK_META('?')) \
	X(UP, "up a line", EK_UP, EK_CTRL('P'), 0) \
	X(DOWN, "down a line", EK_DOWN, EK_CTRL('N'), 0) \
	X(LEFT, "back a character", EK_LEFT, EK_CTRL('B'), 0) \
	X(RIGHT, "forward a character", EK_RIGHT, 0, 0) \
	X(WORD_LEFT, "back a word", EK_CTRL_LEFT, EK_META('b'), 0) \
	X(WORD_RIGHT, "forward a word", EK_CTRL_RIGHT, EK_META('f'), 0) \
	X(LINE_START, "start of line", EK_HOME, EK_CTRL('A'), 0) \
	X(LINE_END, "end of line", EK_END, EK_CTRL('E'), 0) \
	X(PAGE_UP, "page up", EK_PGUP, EK_META('v'), 0) \
	X(PAGE_DOWN, "page down", EK_PGDN, EK_CTRL('V'), 0) \
	X(BUF_START, "start of value", EK_CTRL_HOME, EK_META('<'), 0) \
	X(BUF_END, "end of value", EK_CTRL_END, EK_META('>'), 0) \
	X(BACKSPACE, "delete the character before the cursor", \
	  EK_BACKSPACE, 0x7f, EK_CTRL('H')) \
	X(DELETE_CHAR, "delete the character under the cursor", \
	  EK_DELETE, EK_CTRL('D'), 0) \
	X(NEWLINE, "insert a newline", EK_ENTER, '\r', '\n') \
	X(TAB, "insert a tab (hex: switch hex/printable column)", '\t', 0, 0)

enum editor_action {
	ACT_NONE = 0,
#define X(name, help, k1, k2, k3) ACT_##name,
	EDITOR_ACTIONS(X)
#undef X
	ACT_COUNT
};

/* edkeys_lookup - the action bound to `key`, or ACT_NONE (then a printable
 * key is text to insert). */
enum editor_action edkeys_lookup(int key);

/* edkeys_key_name - a short name for `key` ("^S", "F10", "M-q", "PgDn"). */
void edkeys_key_name(int key, char *buf, size_t size);

/* edkeys_help_line - line `i` (0..ACT_COUNT-2) of the help screen: the keys
 * and the help text of action i+1. Returns 0, or -1 past the end. */
int edkeys_help_line(size_t i, char *buf, size_t size);

/* edkeys_first_key - the primary key of an action (for hints). */
int edkeys_first_key(enum editor_action act);

#endif
