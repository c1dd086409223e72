/* edsession.c - the open value's session: view, messages, outcome. */
#include "editor/edsession.h"

#include "common/textsafe.h"
#include "ui/ask.h"
#include "ui/ui.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	return edsession_set_key(s, key);
}

int edsession_set_key(struct edsession *s, const char *key)
{
	char *copy = strdup(key);
	if (copy == NULL)
		return ENOMEM;
	free(s->key);
	s->key = copy;
	textsafe_name_buf(s->key_shown, sizeof s->key_shown, key, strlen(key),
			  textsafe_locale());
	return 0;
}

void edsession_done(struct edsession *s)
{
	flockd_view_close(s->view);
	s->view = NULL;
	free(s->key);
	s->key = NULL;
	free(s->recovery_path);
	s->recovery_path = NULL;
	free(s->recovered);
	s->recovered = NULL;
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
	if (err == FLOCKD_ETIMEOUT)
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

int edsession_open_view(struct edsession *s)
{
	char wait[256];
	snprintf(wait, sizeof wait,
		 "opening %s: waiting for its shared lock (up to %.1fs)...",
		 s->key_shown, s->timeout_ms / 1000.0);
	ask_message(s->ui, wait, 0);
	int err = flockd_view_open(s->table, s->key, &s->view);
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
