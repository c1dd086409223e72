/*
 * edsave.h - the editor's save decisions as a plain-C model: what saving a
 * buffer does in every case (saved, a timeout, a conflict and each answer
 * to it, a new key, a key created meanwhile, a view lost after a failed
 * reload, read-only), with the store and the questions to the user behind
 * a table of operations. edsave.c runs it on the real store and screen;
 * tests run it on fakes. Messages go to the session (edsession_say).
 */
#ifndef TUI_EDITOR_EDSAVE_H
#define TUI_EDITOR_EDSAVE_H

#include "editor/edsession.h"

#include <stddef.h>

struct edsave_ops {
	/* the store, through the session's view (open when has_view) */
	int (*has_view)(void *ctx);
	int (*save)(void *ctx, const void *bytes, size_t len, int force);
	int (*reload)(void *ctx);
	void (*close_view)(void *ctx);
	int (*open_view)(void *ctx); /* the session's key, shared lock */
	int (*create)(void *ctx, const char *key, const void *bytes,
		      size_t len);
	int (*set)(void *ctx, const void *bytes, size_t len);
	/* the user: the conflict question (KA_OVERWRITE, KA_RELOAD_THEIRS,
	 * KA_SAVE_AS_NEW, KA_SHOW_DIFF, else cancel), yes/no, a name
	 * (1 with *out malloc'd, else 0), a line shown while waiting or
	 * after a refused answer, and the difference of theirs and mine */
	enum keymap_action (*choose)(void *ctx, const char *question);
	int (*yesno)(void *ctx, const char *question);
	int (*prompt)(void *ctx, const char *question, const char *initial,
		      const char *note, char **out);
	void (*notice)(void *ctx, const char *text, int is_error);
	void (*show_diff)(void *ctx, const void *bytes, size_t len);
};

/*
 * edsave_flow - save `len` bytes of the session's buffer, asking the user
 * what `ops` asks. On EDSAVE_SAVED and EDSAVE_SAVED_AS the session's
 * outcome is EDITOR_CHANGED; a new key that was created is no longer new
 * (is_new 0, viewed under a shared lock). s->msg says what happened.
 */
enum edsave_result edsave_flow(struct edsession *s,
			       const struct edsave_ops *ops, void *ctx,
			       const void *bytes, size_t len);

#endif
