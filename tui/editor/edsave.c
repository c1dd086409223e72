/* SPDX-License-Identifier: MIT */
/* edsave.c - saving through the view session on the real store and
 * screen: the operations edsave_flow (edsave_flow.c) decides with (the
 * conflict question's difference is eddiff.h's). */
#include "editor/eddiff.h"
#include "editor/edsave.h"

#include "common/fdio.h"
#include "common/textsafe.h"
#include "ui/ask.h"
#include "inspect/lock_holders.h"
#include "ui/termsig.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void show_diff(void *ctx, const void *bytes, size_t len)
{
	struct edsession *s = ctx;
	void *theirs = NULL;
	size_t tlen = 0;
	int err = flockd_view_read_current(s->view, &theirs, &tlen);
	if (err) {
		edsession_say_error(s, "reading the value on disk", err);
		return;
	}
	char ta[256], tb[256];
	snprintf(ta, sizeof ta, "%s on disk now (theirs, %zu bytes)",
		 s->key_shown, tlen);
	snprintf(tb, sizeof tb, "your buffer (mine, %zu bytes)", len);
	err = eddiff_show(s->ui, s->key_shown, theirs, tlen, ta, bytes, len,
			  tb);
	if (err)
		edsession_say_error(s, "computing the difference", err);
	free(theirs);
}

/* ------------------------------------------- the store and the screen */

/* A store call and its arguments, run in the wait line's worker. */
struct call {
	struct edsession *s;
	const char *table, *key;
	const void *bytes;
	size_t len;
	unsigned flags;
};

static int op_has_view(void *ctx)
{
	return ((struct edsession *)ctx)->view != NULL;
}

static int save_call(void *arg)
{
	struct call *c = arg;
	return flockd_view_save(c->s->view, c->bytes, c->len, c->flags);
}

static int op_save(void *ctx, const void *bytes, size_t len, int force)
{
	struct edsession *s = ctx;
	char what[256];
	snprintf(what, sizeof what, "saving %s: waiting for the exclusive "
		 "lock", s->key_shown);
	/* the caller holds the bytes: the view keeps no second copy */
	struct call c = {s, NULL, NULL, bytes, len, FLOCKD_SAVE_NOCOPY |
			 (force ? FLOCKD_SAVE_FORCE : 0)};
	return edsession_wait(s, what, save_call, &c);
}

static int reload_call(void *arg)
{
	return flockd_view_reload(((struct call *)arg)->s->view);
}

static int op_reload(void *ctx)
{
	struct edsession *s = ctx;
	char what[256];
	snprintf(what, sizeof what, "reloading %s: waiting for its shared "
		 "lock", s->key_shown);
	struct call c = {s, NULL, NULL, NULL, 0, 0};
	return edsession_wait(s, what, reload_call, &c);
}

static void op_close_view(void *ctx)
{
	struct edsession *s = ctx;
	flockd_view_close(s->view);
	s->view = NULL;
}

static int op_open_view(void *ctx)
{
	return edsession_open_view(ctx);
}

static int create_call(void *arg)
{
	struct call *c = arg;
	return flockd_create(c->s->table, c->key, c->bytes, c->len);
}

static int op_create(void *ctx, const char *key, const void *bytes,
		     size_t len)
{
	struct edsession *s = ctx;
	char what[256], shown[160];
	textsafe_name_buf(shown, sizeof shown, key, strlen(key),
			  textsafe_locale());
	snprintf(what, sizeof what, "creating %s", shown);
	struct call c = {s, NULL, key, bytes, len, 0};
	return edsession_wait(s, what, create_call, &c);
}

static int set_call(void *arg)
{
	struct call *c = arg;
	return flockd_set(c->s->table, c->s->key, c->bytes, c->len);
}

static int op_set(void *ctx, const void *bytes, size_t len)
{
	struct edsession *s = ctx;
	char what[256];
	snprintf(what, sizeof what, "saving %s: waiting for the exclusive "
		 "lock", s->key_shown);
	struct call c = {s, NULL, NULL, bytes, len, 0};
	return edsession_wait(s, what, set_call, &c);
}

static int op_key_gone(void *ctx)
{
	struct edsession *s = ctx;
	struct flockd_stat st;
	return flockd_key_stat(s->table, s->key, &st) == FLOCKD_ENOTFOUND;
}

static int op_table_gone(void *ctx)
{
	return edsession_table_gone(ctx);
}

/* Open the table by its name in the database at its path now (made when
 * missing), so nothing goes into a directory that was moved away. */
static int create_in_call(void *arg)
{
	struct call *c = arg;
	flockd_db *db = NULL;
	flockd_table *t = NULL;
	int err = c->s->db_path == NULL ? FLOCKD_ENOTFOUND
		: flockd_open(c->s->db_path, c->s->timeout_ms,
			      FLOCKD_OPEN_NOCREATE, &db);
	if (!err)
		err = flockd_table_open(db, c->table, FLOCKD_TABLE_CREATE, &t);
	if (!err) {
		flockd_table_set_cancel(t, termsig_cancel_flag());
		err = flockd_create(t, c->key, c->bytes, c->len);
	}
	flockd_table_close(t);
	flockd_close(db);
	return err;
}

static int op_create_in(void *ctx, const char *table, const char *key,
			const void *bytes, size_t len)
{
	struct edsession *s = ctx;
	char what[256], shown[160];
	textsafe_name_buf(shown, sizeof shown, key, strlen(key),
			  textsafe_locale());
	snprintf(what, sizeof what, "creating %s", shown);
	struct call c = {s, table, key, bytes, len, 0};
	return edsession_wait(s, what, create_in_call, &c);
}

static int op_write_file(void *ctx, const char *path, const void *bytes,
			 size_t len)
{
	(void)ctx;
	return fdio_write_new(path, bytes, len, 0600);
}

static int op_switch_key(void *ctx, const char *table, const char *key)
{
	return edsession_switch(ctx, table, key);
}

static unsigned op_warnings(void *ctx)
{
	return flockd_table_warnings(((struct edsession *)ctx)->table);
}

static void op_holders(void *ctx, char *buf, size_t size)
{
	struct edsession *s = ctx;
	struct proc_locks locks = {0};
	int waiters;
	buf[0] = '\0';
	if (proc_locks_load(PROC_LOCKS_PATH, &locks) != 0)
		return;
	lock_holders_describe(s->table, s->key, &locks, PROC_ROOT,
			      (long)getpid(), buf, size, &waiters);
	proc_locks_free(&locks);
}

static enum keymap_action op_choose(void *ctx, enum keymap_view v,
				    const char *question,
				    const struct ask_choice *choices,
				    size_t n)
{
	return ask_choose(((struct edsession *)ctx)->ui, v, question, choices,
			  n);
}

static int op_yesno(void *ctx, const char *question)
{
	return ask_yesno(((struct edsession *)ctx)->ui, question);
}

static int op_prompt(void *ctx, const char *question, const char *initial,
		     const char *note, char **out)
{
	return ask_prompt(((struct edsession *)ctx)->ui, question, initial,
			  note, out);
}

static void op_notice(void *ctx, const char *text, int is_error)
{
	ask_message(((struct edsession *)ctx)->ui, text, is_error);
}

static const struct edsave_ops real_ops = {
	.has_view = op_has_view,
	.save = op_save,
	.reload = op_reload,
	.close_view = op_close_view,
	.open_view = op_open_view,
	.create = op_create,
	.set = op_set,
	.key_gone = op_key_gone,
	.table_gone = op_table_gone,
	.create_in = op_create_in,
	.write_file = op_write_file,
	.switch_key = op_switch_key,
	.warnings = op_warnings,
	.holders = op_holders,
	.choose = op_choose,
	.yesno = op_yesno,
	.prompt = op_prompt,
	.notice = op_notice,
	.show_diff = show_diff,
};

enum edsave_result edsave_run(struct edsession *s, const void *bytes,
			      size_t len)
{
	return edsave_flow(s, &real_ops, s, bytes, len);
}
