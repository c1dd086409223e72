/* SPDX-License-Identifier: MIT */
/*
 * extedit.h - hand bytes to the user's editor the way git does: a private
 * copy (mode 0600 in $TMPDIR), `sh -c '$EDITOR "$@"' $EDITOR FILE` with the
 * file as its own argument ($VISUAL, else $EDITOR, else vi), then read the
 * copy back; the copy stays until the caller has saved its text. No
 * curses here: the caller passes hooks that give the terminal to the
 * editor and take it back.
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
 * (128 + N when killed by signal N, 127 when it could not be started),
 * and *out (malloc'd, caller frees) and *out_len the copy's bytes after
 * editing, whatever the status. The copy then stays: it holds the user's
 * text until the caller has saved it (or the user discarded it) and calls
 * extedit_remove; `path_out` (at least PATH_MAX bytes) receives its name
 * (when NULL, the copy is removed once read back).
 * Errors: errno values of mkstemp, write, fork (nothing ran, the copy is
 * removed) or of reading the copy back (it stays, with the user's text).
 * `name_hint` (the key) appears, made safe, in the copy's name.
 *
 * While the editor runs, SIGINT and SIGQUIT are the editor's, and SIGTSTP
 * has its default action, so Ctrl-Z stops the editor and us together and
 * `fg` gives the terminal back to the editor alone (nothing of ours paints
 * over it).
 */
int extedit_run(const void *data, size_t len, const char *name_hint,
		const struct extedit_hooks *hooks, int *exit_status,
		void **out, size_t *out_len, char *path_out);

/* extedit_remove - remove the copy (its text is saved, or discarded). */
void extedit_remove(const char *path);

#endif
