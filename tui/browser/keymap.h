/*
 * keymap.h - the browser's actions, their default keys and their help text,
 * all from the X-macro lists below: a key becomes an action (keymap_lookup),
 * the focused view handles the action or passes it on, and the help screen
 * is generated from the same lists, so it lists every binding.
 *
 * Keys are terminal-independent codes: a Unicode code point for a
 * character, ASCII control codes for Ctrl-letters, KM_KEY_* for the special
 * keys (the view layer translates curses' codes into these).
 */
#ifndef TUI_BROWSER_KEYMAP_H
#define TUI_BROWSER_KEYMAP_H

#include <stddef.h>

enum keymap_key {
	KM_KEY_BASE = 0x110000, /* past every code point */
	KM_KEY_UP,
	KM_KEY_DOWN,
	KM_KEY_LEFT,
	KM_KEY_RIGHT,
	KM_KEY_PGUP,
	KM_KEY_PGDN,
	KM_KEY_HOME,
	KM_KEY_END,
	KM_KEY_ENTER,
	KM_KEY_TAB,
	KM_KEY_BTAB,
	KM_KEY_ESC,
	KM_KEY_DELETE,
	KM_KEY_BACKSPACE,
	KM_KEY_F1,
	KM_KEY_RESIZE,
	KM_KEY_MOUSE,
};

#define KM_CTRL(c) ((c) & 0x1f)

/* X(ID, name, help): every action the browser knows. */
#define KEYMAP_ACTIONS(X)                                                     \
	X(QUIT, "quit", "Quit flockd")                                        \
	X(HELP, "help", "Show this help")                                     \
	X(UP, "up", "Move up one row (scroll up in the value)")               \
	X(DOWN, "down", "Move down one row (scroll down in the value)")       \
	X(LEFT, "left", "Go to the pane on the left")                         \
	X(RIGHT, "right", "Go to the pane on the right")                      \
	X(PAGE_UP, "page-up", "Move up one page")                             \
	X(PAGE_DOWN, "page-down", "Move down one page")                       \
	X(HOME, "first", "Go to the first row")                               \
	X(END, "last", "Go to the last row")                                  \
	X(NEXT_PANE, "next-pane", "Focus the next pane")                      \
	X(PREV_PANE, "prev-pane", "Focus the previous pane")                  \
	X(FILTER, "filter",                                                   \
	  "Filter keys as you type: text, re:REGEX or glob:PATTERN (below)")  \
	X(NEXT_MATCH, "next-match", "Next key matching the filter (wraps)")   \
	X(PREV_MATCH, "prev-match", "Previous key matching the filter")       \
	X(CLEAR_FILTER, "clear-filter", "Clear the filter")                   \
	X(SORT, "sort",                                                       \
	  "Cycle the sort: name, size, time; ascending, descending")          \
	X(HEX, "hex", "Show the value as text or as a hex dump")              \
	X(OPEN, "open", "Open the value in the editor (on a table: its keys)") \
	X(EDIT_EXTERNAL, "edit-external", "Edit the value with $VISUAL/$EDITOR") \
	X(DELETE, "delete", "Delete the key (asks first)")                    \
	X(NEW_KEY, "new-key", "Create a new key in this table")               \
	X(NEW_TABLE, "new-table", "Create a new table")                       \
	X(RENAME, "rename", "Rename the key")                                 \
	X(RELOAD, "reload", "Re-read tables and keys from disk")              \
	X(REDRAW, "redraw", "Redraw the screen")                              \
	X(LOCKS, "locks",                                                     \
	  "Lock view: who holds a lock in this table (pid, command)")         \
	X(CHECK, "check",                                                     \
	  "Check view: stale temp files, conflict copies; fix them")          \
	X(INFO, "info", "File system facts: type, what it means for locks")   \
	X(COMPARE, "compare",                                                 \
	  "Compare mode: the key here and in the other database")

enum keymap_action {
	KM_NONE = 0,
#define KEYMAP_ENUM(id, name, help) KM_##id,
	KEYMAP_ACTIONS(KEYMAP_ENUM)
#undef KEYMAP_ENUM
	KM_ACTION_COUNT
};

/* X(ACTION, key): the default bindings; an action may have several keys. */
#define KEYMAP_BINDINGS(X)                                                    \
	X(QUIT, 'q')                                                          \
	X(QUIT, KM_CTRL('c'))                                                 \
	X(HELP, '?')                                                          \
	X(HELP, KM_KEY_F1)                                                    \
	X(UP, KM_KEY_UP)                                                      \
	X(UP, 'k')                                                            \
	X(DOWN, KM_KEY_DOWN)                                                  \
	X(DOWN, 'j')                                                          \
	X(LEFT, KM_KEY_LEFT)                                                  \
	X(LEFT, 'h')                                                          \
	X(RIGHT, KM_KEY_RIGHT)                                                \
	X(RIGHT, 'l')                                                         \
	X(PAGE_UP, KM_KEY_PGUP)                                               \
	X(PAGE_UP, KM_CTRL('b'))                                              \
	X(PAGE_DOWN, KM_KEY_PGDN)                                             \
	X(PAGE_DOWN, KM_CTRL('f'))                                            \
	X(PAGE_DOWN, ' ')                                                     \
	X(HOME, KM_KEY_HOME)                                                  \
	X(HOME, 'g')                                                          \
	X(END, KM_KEY_END)                                                    \
	X(END, 'G')                                                           \
	X(NEXT_PANE, KM_KEY_TAB)                                              \
	X(PREV_PANE, KM_KEY_BTAB)                                             \
	X(FILTER, '/')                                                        \
	X(NEXT_MATCH, 'n')                                                    \
	X(PREV_MATCH, 'N')                                                    \
	X(CLEAR_FILTER, KM_KEY_ESC)                                           \
	X(SORT, 's')                                                          \
	X(HEX, 'x')                                                           \
	X(OPEN, KM_KEY_ENTER)                                                 \
	X(EDIT_EXTERNAL, 'e')                                                 \
	X(DELETE, 'd')                                                        \
	X(DELETE, KM_KEY_DELETE)                                              \
	X(NEW_KEY, 'a')                                                       \
	X(NEW_TABLE, 'A')                                                     \
	X(RENAME, 'R')                                                        \
	X(RELOAD, 'r')                                                        \
	X(LOCKS, 'L')                                                         \
	X(CHECK, 'C')                                                         \
	X(INFO, 'I')                                                          \
	X(COMPARE, 'D')                                                       \
	X(REDRAW, KM_CTRL('l'))

struct keymap_binding {
	enum keymap_action action;
	int key;
};

/* keymap_lookup - the action bound to `key`, or KM_NONE. */
enum keymap_action keymap_lookup(int key);

/* keymap_action_name / keymap_action_help - static strings; "" for
 * KM_NONE or an unknown action. */
const char *keymap_action_name(enum keymap_action action);
const char *keymap_action_help(enum keymap_action action);

/* keymap_bindings - the binding table (static) and its length. */
const struct keymap_binding *keymap_bindings(size_t *count);

/* keymap_key_name - a key as the help screen shows it ("Up", "PgDn",
 * "Ctrl-L", "Tab", "S-Tab", "Enter", "Esc", "Del", "Space", "k"). */
void keymap_key_name(int key, char *buf, size_t size);

/* keymap_action_keys - every key of `action`, joined with " " ("Up k"). */
void keymap_action_keys(enum keymap_action action, char *buf, size_t size);

#endif
