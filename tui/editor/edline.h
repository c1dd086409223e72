/*
 * edline.h - the text of a one-line prompt being edited (a key name, a
 * search string, a line number): insert, delete by UTF-8 character, move,
 * kill. No fixed-size buffer: the text grows as typed.
 */
#ifndef TUI_EDITOR_EDLINE_H
#define TUI_EDITOR_EDLINE_H

#include <stddef.h>

struct edline {
	char *text; /* owned, NUL-terminated */
	size_t len, cap;
	size_t cursor; /* byte offset, on a character boundary */
};

/* edline_init - start with a copy of `initial` (may be NULL), cursor at
 * its end. 0 or ENOMEM. edline_done frees. */
int edline_init(struct edline *le, const char *initial);
void edline_done(struct edline *le);

/* edline_insert - insert `n` bytes at the cursor. 0 or ENOMEM. */
int edline_insert(struct edline *le, const char *s, size_t n);

void edline_backspace(struct edline *le);
void edline_delete(struct edline *le);
void edline_left(struct edline *le);
void edline_right(struct edline *le);
void edline_home(struct edline *le);
void edline_end(struct edline *le);
void edline_kill_before(struct edline *le); /* ^U */
void edline_kill_after(struct edline *le);  /* ^K */

#endif
