/* SPDX-License-Identifier: MIT */
/*
 * watch.h - live refresh: inotify on the open table's directory (keys come
 * and go) and on the directories that hold tables (the table list). Where
 * inotify is missing, or its queue overflowed, the caller rescans; this
 * module says when (watch_state). No curses, no store.
 */
#ifndef TUI_BROWSER_WATCH_H
#define TUI_BROWSER_WATCH_H

#include <stddef.h>

enum watch_state {
	WATCH_OFF = 0,  /* no inotify (or no watch could be set): poll */
	WATCH_ON,       /* events arrive */
};

/* What watch_poll reports about the table directory's entries. */
enum watch_op {
	WATCH_ENTRY_ADD,    /* created, renamed in, or written */
	WATCH_ENTRY_REMOVE, /* deleted or renamed away */
};

typedef void (*watch_entry_fn)(void *ctx, enum watch_op op, const char *name,
			       size_t len, int is_dir);

struct watch;

/* watch_open - a watcher (NULL when inotify is unavailable; every other
 * function accepts NULL and then reports WATCH_OFF). */
struct watch *watch_open(void);
void watch_close(struct watch *w);

/* watch_set_table - watch directory `path` for key changes (replacing the
 * previous table). Entries coming and going are watched on return; values
 * written in place (IN_CLOSE_WRITE, IN_ATTRIB) a moment later, the watch
 * for them being added in the background (see watch.c). Returns 0 or an
 * errno value (then that table is polled). */
int watch_set_table(struct watch *w, const char *path);

/* watch_set_tree - watch these directories for tables appearing or going
 * (replacing the previous set). Returns 0 or the first errno value. */
int watch_set_tree(struct watch *w, const char *const *paths, size_t n);

/* watch_fd - the descriptor to poll(2) for readability, or -1. */
int watch_fd(const struct watch *w);

/*
 * watch_poll - read pending events without blocking, calling fn for each
 * entry event of the table directory. Returns a bit set: WATCH_TABLES_CHANGED
 * (re-read the table list), WATCH_OVERFLOW (events were lost: rescan the
 * table), WATCH_TABLE_GONE (the table directory itself went away).
 */
enum {
	WATCH_TABLES_CHANGED = 1,
	WATCH_OVERFLOW = 2,
	WATCH_TABLE_GONE = 4,
};
int watch_poll(struct watch *w, watch_entry_fn fn, void *ctx);

/* watch_state_of - WATCH_ON when the table directory has a working watch. */
enum watch_state watch_state_of(const struct watch *w);

#endif
