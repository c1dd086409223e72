/* SPDX-License-Identifier: MIT */
/* edsession.c - the open value's session: view, messages, outcome. */
#include "editor/edsession.h"

#include "common/textsafe.h"
#include "ui/ask.h"
#include "ui/termsig.h"
#include "ui/ui.h"
#include "ui/waitline.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int edsession_init(struct edsession *s, flockd_table *table, const char *key,
		   const struct editor_options *opt)
{
	memset(s, 0, sizeof *s);
	s->ui = opt->ui;
	s->table = table;
	s->read_only = opt->read_only;
	s->timeout_ms = opt->timeout_ms;
	s->db_path = opt->db_path;
	s->outcome = EDITOR_UNCHANGED;
	s->opened_key = strdup(key);
	if (s->opened_key == NULL || edsession_set_key(s, key) != 0) {
		free(s->opened_key);
		s->opened_key = NULL;
		return ENOMEM;
	}
	return 0;
}

void edsession_to_message(const struct edsession *s,
			  struct editor_message *msg)
{
	snprintf(msg->text, sizeof msg->text, "%s", s->msg);
	msg->is_error = s->msg_err;
	edsession_ending(s, msg);
}

void editor_message_set(struct editor_message *msg, int is_error,
			const char *text)
{
	snprintf(msg->text, sizeof msg->text, "%s", text);
	msg->is_error = is_error;
}

void editor_escape(const char *name, char *buf, size_t size)
{
	textsafe_name_buf(buf, size, name, strlen(name), textsafe_locale());
}

int editor_refuse_read_only(const struct editor_options *opt,
			    struct editor_message *msg, const char *what)
{
	if (!opt->read_only)
		return 0;
	snprintf(msg->text, sizeof msg->text,
		 "read-only mode (-r): %s is disabled", what);
	msg->is_error = 1;
	return 1;
}

void edsession_ending(const struct edsession *s, struct editor_message *msg)
{
	msg->final_key[0] = '\0';
	msg->other_table = s->moved_to != NULL;
	if (s->key != NULL && s->opened_key != NULL &&
	    (strcmp(s->key, s->opened_key) != 0 || msg->other_table))
		snprintf(msg->final_key, sizeof msg->final_key, "%s", s->key);
}

int edsession_set_key(struct edsession *s, const char *key)
{
	char *copy = strdup(key);
	if (copy == NULL)
		return ENOMEM;
	free(s->key); /* `key` may be it */
	s->key = copy;
	textsafe_name_buf(s->key_shown, sizeof s->key_shown, copy,
			  strlen(copy), textsafe_locale());
	return 0;
}

void edsession_done(struct edsession *s)
{
	flockd_view_close(s->view);
	s->view = NULL;
	flockd_table_close(s->own_table);
	s->own_table = NULL;
	free(s->moved_to);
	s->moved_to = NULL;
	free(s->key);
	s->key = NULL;
	free(s->opened_key);
	s->opened_key = NULL;
	free(s->recovery_path);
	s->recovery_path = NULL;
	free(s->recovered);
	s->recovered = NULL;
	edclip_done(&s->clip);
}

void edsession_say(struct edsession *s, int is_error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof s->msg, fmt, ap);
	va_end(ap);
	s->msg_err = is_error;
	ui_log(s->ui, is_error, s->msg);
}

void edsession_say_error(struct edsession *s, const char *what, int err)
{
	const char *step = s->table ? flockd_table_last_step(s->table) : NULL;
	if (err == ECANCELED)
		edsession_say(s, 1, "%s: %s: stopped waiting for the lock; "
			      "nothing was written%s", s->key_shown, what,
			      termsig_pending() ? " (the program is ending)"
						: "");
	else if (err == FLOCKD_ETIMEOUT)
		edsession_say(s, 1, "%s: %s: the lock did not come within "
			      "%.1fs (another process holds it)",
			      s->key_shown, what, s->timeout_ms / 1000.0);
	else if (step != NULL && *step != '\0')
		edsession_say(s, 1, "%s: %s failed at \"%s\": %s",
			      s->key_shown, what, step, flockd_strerror(err));
	else
		edsession_say(s, 1, "%s: %s failed: %s", s->key_shown, what,
			      flockd_strerror(err));
}

void edsession_key_hint(const struct edsession *s, enum keymap_action a,
			char *buf, size_t size)
{
	keymap_first_key(s->ui->keys, KV_EDITOR, a, buf, size);
}

int edsession_table_gone(const struct edsession *s)
{
	if (s->table == NULL)
		return 0;
	int fd = flockd_table_dirfd(s->table);
	struct stat held, now;
	if (fd < 0 || fstat(fd, &held) != 0)
		return 0; /* not made yet (create on write): nothing held */
	if (held.st_nlink == 0)
		return 1;
	if (stat(flockd_table_path(s->table), &now) != 0)
		return errno == ENOENT || errno == ENOTDIR;
	return now.st_dev != held.st_dev || now.st_ino != held.st_ino;
}

int edsession_wait(struct edsession *s, const char *what,
		   int (*fn)(void *ctx), void *ctx)
{
	return waitline_run(s->ui, what, s->timeout_ms, fn, ctx, NULL);
}

static int open_call(void *ctx)
{
	struct edsession *s = ctx;
	return flockd_view_open(s->table, s->key, &s->view);
}

int edsession_open_view(struct edsession *s)
{
	char wait[256];
	snprintf(wait, sizeof wait, "opening %s: waiting for its shared lock",
		 s->key_shown);
	s->view = NULL;
	int err = edsession_wait(s, wait, open_call, s);
	ask_message(s->ui, "", 0);
	if (err == FLOCKD_ETIMEOUT)
		edsession_say(s, 1, "%s: cannot open: another process holds "
			      "an exclusive lock on it (waited %.1fs); try "
			      "again later", s->key_shown,
			      s->timeout_ms / 1000.0);
	else if (err == FLOCKD_ENOTFOUND)
		edsession_say(s, 1, "%s: no longer exists", s->key_shown);
	else if (err)
		edsession_say_error(s, "open", err);
	if (err)
		s->view = NULL;
	return err;
}

int edsession_switch(struct edsession *s, const char *table,
		     const char *key)
{
	flockd_table *t = NULL;
	if (table != NULL) {
		flockd_db *db = NULL;
		int err = s->db_path == NULL ? FLOCKD_ENOTFOUND
			: flockd_open(s->db_path, s->timeout_ms,
				      FLOCKD_OPEN_NOCREATE, &db);
		if (!err)
			err = flockd_table_open(db, table, 0, &t);
		flockd_close(db);
		if (err) {
			edsession_say_error(s, "opening its table", err);
			return err;
		}
		flockd_table_set_cancel(t, termsig_cancel_flag());
	}
	char *moved = table != NULL ? strdup(table) : NULL;
	if (edsession_set_key(s, key) != 0 || (table != NULL && !moved)) {
		free(moved);
		flockd_table_close(t);
		edsession_say(s, 1, "out of memory");
		return ENOMEM;
	}
	flockd_view_close(s->view);
	s->view = NULL;
	if (t != NULL) {
		flockd_table_close(s->own_table);
		s->own_table = t;
		s->table = t;
		free(s->moved_to);
		s->moved_to = moved;
	}
	s->is_new = 0;
	return edsession_open_view(s);
}
