/* SPDX-License-Identifier: MIT */
/*
 * edbuf.h - an editor document: the bytes (a gap buffer) plus the undo/redo
 * history and the "modified since saved" state. Every change to the bytes
 * goes through here so that it can be undone.
 *
 * History: a list of byte-level edits (insert or delete, with the bytes).
 * Edits made between edbuf_group_begin/end, and consecutive edits of one
 * kind of typing (see enum edbuf_merge), form one undo step.
 */
#ifndef TUI_EDITOR_EDBUF_H
#define TUI_EDITOR_EDBUF_H

#include "editor/gapbuf.h"

#include <stddef.h>

/* How an edit may join the previous one into a single undo step. */
enum edbuf_merge {
	EDBUF_MERGE_NONE = 0,  /* a step of its own */
	EDBUF_MERGE_TYPING,    /* insert right after the previous typing */
	EDBUF_MERGE_BACKSPACE, /* delete right before the previous backspace */
	EDBUF_MERGE_DELETE,    /* delete at the same place as before */
};

struct edbuf_edit {
	int is_insert;
	enum edbuf_merge merge;
	size_t pos;
	size_t len;
	unsigned char *bytes; /* owned; len bytes (cap allocated) */
	size_t cap;
	unsigned long step; /* edits with equal step undo together */
};

struct edbuf {
	struct gapbuf gb;
	struct edbuf_edit *edits; /* owned; [0, applied) done, [applied, n) redo */
	size_t n, applied, cap;
	unsigned long next_step;
	unsigned long group_step; /* step of the open group, when depth > 0 */
	int group_depth;
	int merge_open;  /* the last edit may still absorb typing */
	size_t saved_at; /* value of `applied` when saved; (size_t)-1: never */
	unsigned long version; /* changes with every change of the bytes */
	size_t newlines;   /* '\n' bytes held, kept up to date by every edit */
	size_t change_low; /* lowest position changed since the last
	                      edbuf_take_change_low ((size_t)-1: none) */
};

/* edbuf_take_change_low - the lowest byte position changed since the last
 * call ((size_t)-1 if none), so a view can keep caches (line numbers) of
 * everything before it. */
size_t edbuf_take_change_low(struct edbuf *eb);

/* edbuf_init - a document holding a copy of the bytes, unmodified, with no
 * history. 0 or ENOMEM. edbuf_done frees everything. */
int edbuf_init(struct edbuf *eb, const void *data, size_t len);
void edbuf_done(struct edbuf *eb);

/* edbuf_reset - replace all bytes (reload from disk): history dropped, the
 * document unmodified. 0 or ENOMEM (then unchanged). */
int edbuf_reset(struct edbuf *eb, const void *data, size_t len);

/* edbuf_init_take / edbuf_reset_take - the same with `len` malloc'd bytes
 * at `data` that the document takes over (no copy; never fail). */
void edbuf_init_take(struct edbuf *eb, void *data, size_t len);
void edbuf_reset_take(struct edbuf *eb, void *data, size_t len);

static inline size_t edbuf_len(const struct edbuf *eb)
{
	return gapbuf_len(&eb->gb);
}

/* edbuf_lacks_final_newline - non-zero when the value is not empty and
 * does not end in '\n' (shown as diff's "no newline at end" mark). */
static inline int edbuf_lacks_final_newline(const struct edbuf *eb)
{
	size_t n = gapbuf_len(&eb->gb);
	return n > 0 && gapbuf_at(&eb->gb, n - 1) != '\n';
}

/* edbuf_insert / edbuf_delete - change the bytes and record the change.
 * 0 or ENOMEM (then nothing changed). */
int edbuf_insert(struct edbuf *eb, size_t pos, const void *data, size_t len,
		 enum edbuf_merge merge);
int edbuf_delete(struct edbuf *eb, size_t pos, size_t len,
		 enum edbuf_merge merge);

/* edbuf_group_begin / edbuf_group_end - the edits between them (nesting is
 * allowed) are one undo step. */
void edbuf_group_begin(struct edbuf *eb);
void edbuf_group_end(struct edbuf *eb);

/* edbuf_break - end the current typing run (the cursor moved, a command
 * ran): the next edit starts a new undo step. */
void edbuf_break(struct edbuf *eb);

/* edbuf_undo / edbuf_redo - undo or redo one step. Return 1 if a step was
 * undone/redone (then *cursor is a sensible cursor position: where the
 * change was), 0 if there was nothing to do, or ENOMEM. */
int edbuf_undo(struct edbuf *eb, size_t *cursor);
int edbuf_redo(struct edbuf *eb, size_t *cursor);

/* edbuf_mark_saved - the current bytes are what is on disk now. */
void edbuf_mark_saved(struct edbuf *eb);

/* edbuf_modified - non-zero when the bytes may differ from the saved ones
 * (undoing back to the saved state clears it again). */
int edbuf_modified(const struct edbuf *eb);

#endif
