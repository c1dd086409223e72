/*
 * extedit.h - hand bytes to the user's editor the way git does: a private
 * copy (mode 0600 in $TMPDIR), `sh -c '$EDITOR "$@"' $EDITOR FILE` with the
 * file as its own argument ($VISUAL, else $EDITOR, else vi), then read the
 * copy back and remove it. No curses here: the caller passes hooks that
 * give the terminal to the editor and take it back.
 *
 * The editor inherits no lock: every descriptor of libflockd and the copy's
 * own descriptor are close-on-exec.
 */
#ifndef TUI_EDITOR_EXTEDIT_H
#define TUI_EDITOR_EXTEDIT_H

#include <stddef.h>

struct extedit_hooks {
	void (*suspend)(void *ctx); /* before the editor starts */
	void (*resume)(void *ctx);  /* after it exited */
	void *ctx;
};

/* extedit_command - the editor command: $VISUAL, else $EDITOR, else "vi"
 * (empty variables count as unset). Borrowed from the environment. */
const char *extedit_command(void);

/*
 * extedit_run - write `len` bytes to a private copy, run the editor on it
 * and wait for it.
 *
 * Returns 0 when the editor ran: *exit_status receives its exit status
 * (128 + N when killed by signal N, 127 when it could not be started);
 * only when that is 0 are *out (malloc'd, caller frees) and *out_len the
 * copy's bytes after editing, otherwise *out is NULL.
 * Errors (nothing ran, or the copy could not be read back): errno values of
 * mkstemp, write, fork, read. The copy is removed in every case; `path_out`
 * (if not NULL, at least 4096 bytes) receives its name, for messages.
 * `name_hint` (the key) appears, made safe, in the copy's name.
 */
int extedit_run(const void *data, size_t len, const char *name_hint,
		const struct extedit_hooks *hooks, int *exit_status,
		void **out, size_t *out_len, char *path_out);

#endif
