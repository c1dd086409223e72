/* SPDX-License-Identifier: MIT */
/*
 * actions.h - every view and every action of the program, in two X-macro
 * lists; their default keys are the third list, in bindings.h. These are
 * the places to touch when adding an action: the key lookup, the help screens, the config file's
 * names (`bind VIEW KEY ACTION`), --dump-config and the checks of
 * flockd(1) are all generated from these lists. The view that handles
 * the action adds a case for it (the focused view handles an action or
 * passes it on).
 *
 * Adding an action:   a line in KEYMAP_ACTIONS (ID, config name, the views
 *                     it applies to, one line of help), its default keys
 *                     in KEYMAP_DEFAULTS (bindings.h), a case in the view's handler,
 *                     and a line in flockd(1) under CONFIGURATION.
 * Adding a view:      a line in KEYMAP_VIEWS (its parent is where keys it
 *                     does not bind are looked up: GENERIC for lists,
 *                     NONE for views that take typed text), its keys in
 *                     KEYMAP_DEFAULTS (bindings.h), and KVM(ID) in the
 *                     masks of the actions it handles.
 */
#ifndef TUI_UI_ACTIONS_H
#define TUI_UI_ACTIONS_H

/* V(ID, name, parent, what it is) - the keymaps. */
#define KEYMAP_VIEWS(V)                                                       \
	V(GENERIC, "generic", NONE,                                           \
	  "the browser; every list falls back to it")                         \
	V(TABLES, "tables", GENERIC, "the browser's tables pane")             \
	V(KEYS, "keys", GENERIC, "the browser's keys pane")                   \
	V(VALUE, "value", GENERIC, "the browser's value pane")                \
	V(PAGER, "pager", GENERIC, "help screens and the editor's difference") \
	V(LOCKS, "locks", GENERIC, "the lock view")                           \
	V(CHECK, "check", GENERIC, "the check view")                          \
	V(RESOLVE, "resolve", GENERIC,                                        \
	  "a conflict copy beside its key (the check view)")                  \
	V(INFO, "info", GENERIC, "the info screen")                           \
	V(COMPARE, "compare", GENERIC, "compare mode's two values")           \
	V(DETAILS, "details", GENERIC, "the details of a key (a popup)")      \
	V(RECENT, "recent", GENERIC,                                          \
	  "the keys created, changed or deleted while watching")              \
	V(EDITOR, "editor", NONE, "the value editor")                         \
	V(PROMPT, "prompt", NONE,                                             \
	  "a line being typed: the filter, a name, a search")                 \
	V(CONFIRM, "confirm", NONE, "a yes/no question")                      \
	V(CONFLICT, "conflict", NONE, "saving a value that changed on disk")  \
	V(UNSAVED, "unsaved", NONE, "closing a modified value")               \
	V(CHANGED, "changed", NONE,                                           \
	  "a value replaced on disk behind the lock")                         \
	V(CLASH, "clash", NONE,                                               \
	  "copying or moving keys that the other table has already")          \
	V(GONE, "gone", NONE,                                                 \
	  "saving a value whose key was deleted or renamed on disk")          \
	V(ELSEWHERE, "elsewhere", NONE,                                       \
	  "where to save a buffer its key or table cannot take")              \
	V(RECOVER, "recover", NONE,                                           \
	  "opening a key that has a recovery file")                           \
	V(WAIT, "wait", NONE, "waiting for a lock")                           \
	V(REPLACE, "replace", NONE, "confirming the replacement of a match")  \
	V(COPY_OUT, "copy-out", NONE,                                         \
	  "what the editor copies to the system clipboard or a file")

enum keymap_view {
	KV_NONE = -1,
#define KEYMAP_VIEW_ENUM(id, name, parent, what) KV_##id,
	KEYMAP_VIEWS(KEYMAP_VIEW_ENUM)
#undef KEYMAP_VIEW_ENUM
	KV_COUNT
};

/* Masks of views, for the actions' lists. */
#define KVM(id) (1u << KV_##id)
#define KVM_BROWSER (KVM(GENERIC) | KVM(TABLES) | KVM(KEYS) | KVM(VALUE))
#define KVM_INSPECT                                                           \
	(KVM(LOCKS) | KVM(CHECK) | KVM(RESOLVE) | KVM(INFO) | KVM(COMPARE) |    \
	 KVM(DETAILS) | KVM(RECENT))
#define KVM_MODAL (KVM(PAGER) | KVM_INSPECT) /* views that close */
#define KVM_LISTS /* views that scroll */                                     \
	(KVM_BROWSER | KVM(PAGER) | KVM(LOCKS) | KVM(CHECK) | KVM(RESOLVE) |   \
	 KVM(COMPARE) | KVM(DETAILS) | KVM(RECENT))
#define KVM_PAIR (KVM(RESOLVE) | KVM(COMPARE))

/* X(ID, name, views, help) - every action. */
#define KEYMAP_ACTIONS(X)                                                     \
	X(QUIT, "quit", KVM_BROWSER, "Quit flockd")                           \
	X(MESSAGES, "messages", KVM_BROWSER | KVM(EDITOR),                    \
	  "Show the last messages in full, newest first")                     \
	X(HELP, "help", KVM_BROWSER | KVM_INSPECT | KVM(EDITOR),              \
	  "Show the keys of this view")                                       \
	X(CLOSE, "close", KVM_MODAL | KVM(EDITOR),                            \
	  "Close this view (the editor asks first if the value is modified)") \
	X(REDRAW, "redraw", KVM_BROWSER | KVM_MODAL | KVM(EDITOR),            \
	  "Redraw the screen")                                                \
	X(UP, "up", KVM_LISTS | KVM(EDITOR),                                  \
	  "Up a row or a line (the value pane scrolls)")                      \
	X(DOWN, "down", KVM_LISTS | KVM(EDITOR), "Down a row or a line")      \
	X(PAGE_UP, "page-up", KVM_LISTS | KVM(EDITOR), "Up a page")           \
	X(PAGE_DOWN, "page-down", KVM_LISTS | KVM(EDITOR), "Down a page")     \
	X(HALF_PAGE_UP, "half-page-up", KVM_LISTS, "Up half a page")          \
	X(HALF_PAGE_DOWN, "half-page-down", KVM_LISTS, "Down half a page")    \
	X(FIRST, "first", KVM_LISTS | KVM(EDITOR),                            \
	  "Go to the first row (the start of the value)")                     \
	X(LAST, "last", KVM_LISTS | KVM(EDITOR),                              \
	  "Go to the last row (the end of the value)")                        \
	X(PANE_LEFT, "pane-left", KVM_BROWSER, "Go to the pane on the left")  \
	X(PANE_RIGHT, "pane-right", KVM_BROWSER,                              \
	  "Go to the pane on the right (on a table: its keys)")               \
	X(NEXT_PANE, "next-pane", KVM_BROWSER, "Focus the next pane")         \
	X(PREV_PANE, "prev-pane", KVM_BROWSER, "Focus the previous pane")     \
	X(FILTER, "filter", KVM_BROWSER,                                      \
	  "Filter keys as you type: text, re:REGEX or glob:PATTERN")          \
	X(NEXT_MATCH, "next-match", KVM_BROWSER,                              \
	  "Next key matching the search, else the filter (wraps)")            \
	X(PREV_MATCH, "prev-match", KVM_BROWSER,                              \
	  "Previous key matching the search, else the filter")                \
	X(CLEAR_FILTER, "clear-filter", KVM_BROWSER,                          \
	  "Stop a bulk action; else end the search; else clear the filter "   \
	  "(with none: back to the pane on the left)")                        \
	X(SORT, "sort", KVM_BROWSER,                                          \
	  "Cycle the sort: name, natural (key2 before key10), size, time; "   \
	  "ascending, descending")                                            \
	X(SELECT, "select", KVM(KEYS) | KVM(CHECK),                           \
	  "Pick or unpick the key for a bulk action, and go down")            \
	X(SELECT_INVERT, "select-invert", KVM_BROWSER | KVM(CHECK),           \
	  "Invert the picks among the keys shown")                            \
	X(SELECT_SHOWN, "select-shown", KVM_BROWSER,                          \
	  "Pick every key the filter shows")                                  \
	X(SELECT_NONE, "select-none", KVM_BROWSER, "Unpick every key")        \
	X(COPY, "copy", KVM_BROWSER | KVM(EDITOR),                            \
	  "Copy the picked keys (or the key) to another table; the editor: "  \
	  "copy the selection to its clipboard")                              \
	X(MOVE, "move", KVM_BROWSER,                                          \
	  "Move the picked keys (or the key) to another table")               \
	X(EXPORT, "export", KVM_BROWSER,                                      \
	  "Export the picked keys (or the key) to a JSON Lines file")         \
	X(REPORT, "report", KVM_BROWSER,                                      \
	  "Show what the last bulk action did, key by key that failed")       \
	X(TOGGLE_TREE, "toggle-tree", KVM(TABLES),                            \
	  "Expand or collapse the nested tables under this one")              \
	X(EXPAND_ALL, "expand-all", KVM(TABLES),                              \
	  "Expand every branch of the tree (again: collapse every one)")      \
	X(ZOOM, "zoom", KVM_BROWSER,                                          \
	  "Zoom the focused pane to the whole screen (again: back)")          \
	X(WIDER, "wider", KVM_BROWSER, "Widen the tables pane")               \
	X(NARROWER, "narrower", KVM_BROWSER, "Narrow the tables pane")        \
	X(DETAILS, "details", KVM_BROWSER,                                    \
	  "Details of the key: name, size, times, mode, owner, locks, kind, " \
	  "conflict copies")                                                  \
	X(RECENT, "recent", KVM_BROWSER,                                      \
	  "Keys created, changed or deleted while watching; go to one")      \
	X(DIFF_ONLY, "differences-only", KVM_BROWSER,                         \
	  "Compare mode: show only the keys that differ (again: every key)") \
	X(PUSH, "copy-here-over", KVM_BROWSER,                                \
	  "Compare mode: copy the picked keys (else the cursor's) from here " \
	  "over the other database")                                          \
	X(PULL, "copy-there-here", KVM_BROWSER,                               \
	  "Compare mode: copy the picked keys (else the cursor's) from the "  \
	  "other database over here")                                         \
	X(HEX, "hex", KVM_BROWSER | KVM(EDITOR),                              \
	  "Show the value as text or as a hex dump")                          \
	X(OPEN, "open", KVM_BROWSER,                                          \
	  "Open the value in the editor (on a table: its keys)")              \
	X(EDIT_EXTERNAL, "edit-external", KVM_BROWSER,                        \
	  "Edit the value with $VISUAL/$EDITOR")                              \
	X(DELETE, "delete", KVM_BROWSER | KVM(EDITOR),                        \
	  "Delete the key or the picked keys; in the tables pane the table "  \
	  "(asks first)")                                                     \
	X(NEW_KEY, "new-key", KVM_BROWSER, "Create a new key in this table")  \
	X(NEW_TABLE, "new-table", KVM_BROWSER,                                \
	  "Create a new table (in the tables pane: nested under this one)")   \
	X(RENAME, "rename", KVM_BROWSER,                                      \
	  "Rename the key; in the tables pane the table")                     \
	X(RELOAD, "reload", KVM_BROWSER | KVM(LOCKS) | KVM(CHECK) | KVM(EDITOR), \
	  "Read again from disk (the editor asks before dropping edits)")     \
	X(LOCKS, "locks", KVM_BROWSER,                                        \
	  "Lock view: who holds a lock in this table (pid, command)")         \
	X(CHECK, "check", KVM_BROWSER,                                        \
	  "Check view: stale temp files, conflict copies; fix them")          \
	X(INFO, "info", KVM_BROWSER,                                          \
	  "File system facts: type, what it means for locks")                 \
	X(COMPARE, "compare", KVM_BROWSER,                                    \
	  "Compare mode: the key here and in the other database")             \
	X(JUMP, "jump", KVM(LOCKS) | KVM(RECENT),                             \
	  "Go to the key in the browser")                                     \
	X(TERMINATE, "terminate", KVM(LOCKS),                                 \
	  "Send SIGTERM to the holder (asks first, naming pid and command)")  \
	X(REMOVE, "remove", KVM(CHECK),                                       \
	  "Remove the selected stale temp file (asks first)")                 \
	X(RESOLVE, "resolve", KVM(CHECK),                                     \
	  "Show a conflict copy beside its key, to keep one of them")         \
	X(KEEP_COPY, "keep-copy", KVM(RESOLVE),                               \
	  "Keep the copy's value as the key's; remove the copy (asks first)") \
	X(KEEP_KEY, "keep-key", KVM(RESOLVE) | KVM(CHECK),                    \
	  "Keep the key's value; remove the copy (asks first; in the check "  \
	  "view: of the marked keys)")                                        \
	X(KEEP_NEWEST, "keep-newest", KVM(CHECK),                             \
	  "Settle the marked keys (or this one): keep the newest version, "   \
	  "remove the copies (asks first)")                                   \
	X(DROP_IDENTICAL, "drop-identical", KVM(CHECK),                       \
	  "Remove the marked keys' copies identical to the key (asks first)") \
	X(TOGGLE_DIFF, "toggle-diff", KVM_PAIR,                               \
	  "Side by side or as a unified diff")                                \
	X(NEXT_DIFF, "next-diff", KVM_PAIR | KVM_BROWSER,                     \
	  "Next difference (compare mode: the next key that differs, here "  \
	  "or in a table after)")                                             \
	X(PREV_DIFF, "prev-diff", KVM_PAIR | KVM_BROWSER,                     \
	  "Previous difference (compare mode: the previous key that "        \
	  "differs)")                                                         \
	X(SCROLL_LEFT, "scroll-left", KVM_PAIR, "Scroll to the left")         \
	X(SCROLL_RIGHT, "scroll-right", KVM_PAIR, "Scroll to the right")      \
	X(SAVE, "save", KVM(EDITOR) | KVM(UNSAVED),                           \
	  "Save: atomic replace under the exclusive lock")                    \
	X(UNDO, "undo", KVM(EDITOR), "Undo")                                  \
	X(REDO, "redo", KVM(EDITOR), "Redo")                                  \
	X(SEARCH, "search", KVM_BROWSER | KVM(EDITOR),                        \
	  "Search forward (wraps around; the browser hides no key)")          \
	X(SEARCH_NEXT, "search-next", KVM(EDITOR), "Find the next match")     \
	X(SEARCH_BACK, "search-back", KVM(EDITOR), "Search backward")         \
	X(SEARCH_CASE, "search-case", KVM(EDITOR),                            \
	  "Toggle ignoring case in searches")                                 \
	X(SEARCH_REGEX, "search-regex", KVM(EDITOR),                          \
	  "Toggle POSIX extended regular expressions in searches")            \
	X(REPLACE, "replace", KVM(EDITOR) | KVM(CLASH),                       \
	  "Replace matches, each confirmed (the run is one undo step; a copy " \
	  "or move: replace the keys the other table has, mode and owner "    \
	  "kept)")                                                            \
	X(REPLACE_ALL, "replace-all", KVM(EDITOR),                            \
	  "Replace every match in the value (one undo step)")                 \
	X(SELECT_UP, "select-up", KVM(EDITOR), "Select up a line")            \
	X(SELECT_DOWN, "select-down", KVM(EDITOR), "Select down a line")      \
	X(SELECT_LEFT, "select-left", KVM(EDITOR), "Select back a character") \
	X(SELECT_RIGHT, "select-right", KVM(EDITOR),                          \
	  "Select forward a character")                                       \
	X(SELECT_LINE_START, "select-line-start", KVM(EDITOR),                \
	  "Select to the start of the line")                                  \
	X(SELECT_LINE_END, "select-line-end", KVM(EDITOR),                    \
	  "Select to the end of the line")                                    \
	X(MARK, "mark", KVM(EDITOR),                                          \
	  "Set the mark: motion selects from here (again: no selection)")     \
	X(CUT, "cut", KVM(EDITOR),                                            \
	  "Cut the selection (none: the line) to the editor's clipboard")     \
	X(PASTE, "paste", KVM(EDITOR),                                        \
	  "Paste the editor's clipboard (over the selection)")                \
	X(COPY_OUT, "copy-out", KVM(EDITOR),                                  \
	  "Copy the selection, the value or the key's name to the system "    \
	  "clipboard (OSC 52) or to a file")                                  \
	X(JSON_PRETTY, "json-pretty", KVM(EDITOR),                            \
	  "Pretty-print the JSON value (shows the difference first)")         \
	X(JSON_COMPACT, "json-compact", KVM(EDITOR),                          \
	  "Compact the JSON value (shows the difference first)")              \
	X(GOTO, "goto", KVM(EDITOR),                                          \
	  "Go to LINE, LINE:COL or @BYTE (text), or an offset (hex)")         \
	X(TOGGLE_OVERWRITE, "toggle-overwrite", KVM(EDITOR),                  \
	  "Toggle insert and overwrite")                                      \
	X(TOGGLE_WRAP, "toggle-wrap", KVM(EDITOR),                            \
	  "Toggle soft wrap of long lines")                                   \
	X(CHAR_LEFT, "char-left", KVM(EDITOR) | KVM(PROMPT),                  \
	  "Back a character")                                                 \
	X(CHAR_RIGHT, "char-right", KVM(EDITOR) | KVM(PROMPT),                \
	  "Forward a character")                                              \
	X(WORD_LEFT, "word-left", KVM(EDITOR), "Back a word")                 \
	X(WORD_RIGHT, "word-right", KVM(EDITOR), "Forward a word")            \
	X(LINE_START, "line-start", KVM(EDITOR) | KVM(PROMPT),                \
	  "Start of the line")                                                \
	X(LINE_END, "line-end", KVM(EDITOR) | KVM(PROMPT), "End of the line") \
	X(BACKSPACE, "backspace", KVM(EDITOR) | KVM(PROMPT),                  \
	  "Delete the character before the cursor")                           \
	X(DELETE_CHAR, "delete-char", KVM(EDITOR) | KVM(PROMPT),              \
	  "Delete the character under the cursor")                            \
	X(NEWLINE, "newline", KVM(EDITOR),                                    \
	  "Insert a newline (hex: down a row)")                               \
	X(INSERT_TAB, "insert-tab", KVM(EDITOR),                              \
	  "Insert a tab (hex: between the hex and printable columns)")        \
	X(ACCEPT, "accept", KVM(PROMPT), "Accept what is typed")              \
	X(CANCEL, "cancel",                                                   \
	  KVM(PROMPT) | KVM(CONFLICT) | KVM(UNSAVED) | KVM(CLASH) |           \
	  KVM(GONE) | KVM(ELSEWHERE) | KVM(WAIT) | KVM(REPLACE) |             \
	  KVM(COPY_OUT),                                                      \
	  "Cancel (a lock wait: stop waiting)")                               \
	X(KILL_BEFORE, "kill-before", KVM(PROMPT),                            \
	  "Delete from the start of the line to the cursor")                  \
	X(KILL_AFTER, "kill-after", KVM(PROMPT),                              \
	  "Delete from the cursor to the end of the line")                    \
	X(YES, "yes", KVM(CONFIRM), "Yes (any other key is no)")              \
	X(OUT_SELECTION, "out-selection", KVM(COPY_OUT),                      \
	  "The selection to the system clipboard")                            \
	X(OUT_VALUE, "out-value", KVM(COPY_OUT),                              \
	  "The whole value to the system clipboard")                          \
	X(OUT_KEY, "out-key", KVM(COPY_OUT),                                  \
	  "The key's name to the system clipboard")                           \
	X(OUT_FILE, "out-file", KVM(COPY_OUT),                                \
	  "The selection (none: the value) to a file")                        \
	X(REPLACE_THIS, "replace-this", KVM(REPLACE), "Replace this match")   \
	X(SKIP, "skip", KVM(REPLACE) | KVM(CLASH),                            \
	  "Leave this match, go to the next (a copy or move: leave the keys " \
	  "the other table has, do the rest)")                                \
	X(REPLACE_REST, "replace-rest", KVM(REPLACE),                         \
	  "Replace this match and all the rest without asking")               \
	X(OVERWRITE, "overwrite", KVM(CONFLICT),                              \
	  "Overwrite theirs with your buffer")                                \
	X(RELOAD_THEIRS, "reload-theirs", KVM(CONFLICT) | KVM(CHANGED),       \
	  "Reload theirs from disk, dropping your edits")                     \
	X(SAVE_AS_NEW, "save-as-new", KVM(CONFLICT) | KVM(GONE),              \
	  "Save your buffer under a new key and go on editing that key")      \
	X(RECREATE, "recreate", KVM(GONE),                                    \
	  "Create the key again with your buffer")                            \
	X(SAVE_ELSEWHERE, "save-elsewhere", KVM(GONE),                        \
	  "Save your buffer in another table or to a file")                   \
	X(SAVE_TO_TABLE, "save-to-table", KVM(ELSEWHERE),                     \
	  "Save your buffer as a key of another table")                       \
	X(SAVE_TO_FILE, "save-to-file", KVM(ELSEWHERE),                       \
	  "Save your buffer to a file (a new one, mode 0600)")                \
	X(SHOW_DIFF, "show-diff", KVM(CONFLICT),                              \
	  "Show the difference between theirs and yours")                     \
	X(DISCARD, "discard", KVM(UNSAVED) | KVM(GONE) | KVM(RECOVER),        \
	  "Drop your changes (a recovery file: remove it)")                   \
	X(RECOVER, "recover", KVM(RECOVER),                                   \
	  "Open the recovery file's text in the editor (unsaved)")            \
	X(KEEP_LATER, "keep-later", KVM(RECOVER),                             \
	  "Open the key as it is on disk; keep the recovery file for later")  \
	X(KEEP_MINE, "keep-mine", KVM(CHANGED),                               \
	  "Keep your buffer (saving then asks what to do)")

enum keymap_action {
	KA_NONE = 0,
#define KEYMAP_ACTION_ENUM(id, name, views, help) KA_##id,
	KEYMAP_ACTIONS(KEYMAP_ACTION_ENUM)
#undef KEYMAP_ACTION_ENUM
	KA_COUNT
};

#endif
