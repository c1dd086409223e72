/* SPDX-License-Identifier: MIT */
/*
 * edrecover.c - the editor's recovery files (edsession.h): offered when a
 * key is opened, written when the program must end with unsaved text,
 * removed once their text is saved or discarded. The files are
 * recovery.h's.
 */
#include "editor/edsession.h"
#include "editor/recovery.h"

#include "common/textsafe.h"
#include "ui/ask.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void id_of(const struct edsession *s, struct recovery_id *id)
{
	id->db = s->db_path != NULL ? s->db_path : "";
	id->table = flockd_table_name(s->table);
	id->key = s->key;
}

static void path_shown(const char *path, char *buf, size_t size)
{
	textsafe_name_buf(buf, size, path, strlen(path), textsafe_locale());
}

void edrecover_offer(struct edsession *s)
{
	char *dir = recovery_dir();
	struct recovery_file *files = NULL;
	size_t n = 0;
	struct recovery_id id;
	id_of(s, &id);
	if (dir == NULL || s->db_path == NULL ||
	    recovery_find(dir, &id, &files, &n) != 0 || n == 0) {
		free(dir);
		return;
	}
	char when[32] = "?", q[400];
	struct tm tm;
	if (localtime_r(&files[0].saved, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	snprintf(q, sizeof q, "%s has unsaved text kept from %s (%llu bytes%s)"
		 ":", s->key_shown, when, (unsigned long long)files[0].size,
		 n > 1 ? ", the newest of several" : "");
	static const struct ask_choice choices[] = {
		{KA_RECOVER, "recover it"},
		{KA_DISCARD, "discard it"},
		{KA_KEEP_LATER, "keep it for later"},
	};
	char shown[300];
	path_shown(files[0].path, shown, sizeof shown);
	switch (ask_choose(s->ui, KV_RECOVER, q, choices, 3)) {
	case KA_RECOVER: {
		void *bytes;
		size_t len;
		int err = recovery_read(files[0].path, &id, &bytes, &len);
		if (err) {
			edsession_say(s, 1, "%s: the recovery file %s cannot "
				      "be read: %s", s->key_shown, shown,
				      strerror(err));
			break;
		}
		free(s->recovered);
		s->recovered = bytes;
		s->recovered_len = len;
		free(s->recovery_path);
		s->recovery_path = strdup(files[0].path);
		edsession_say(s, 0, "recovered %zu bytes of %s (not saved "
			      "yet; the file stays until you save or discard "
			      "them)", len, s->key_shown);
		break;
	}
	case KA_DISCARD:
		recovery_remove(files[0].path);
		edsession_say(s, 0, "discarded the unsaved text of %s (%s)",
			      s->key_shown, shown);
		break;
	default:
		edsession_say(s, 0, "kept the unsaved text of %s for later: "
			      "%s", s->key_shown, shown);
		break;
	}
	recovery_files_free(files, n);
	free(dir);
}

void edrecover_write(struct edsession *s, const void *bytes, size_t len)
{
	struct recovery_id id;
	id_of(s, &id);
	char *dir = recovery_dir(), *path = NULL;
	int err = dir == NULL ? ENOENT
		  : recovery_write(dir, &id, bytes, len, &path);
	if (err) {
		edsession_say(s, 1, "%s: unsaved text could not be kept: %s",
			      s->key_shown, dir == NULL
			      ? "no HOME or XDG_STATE_HOME" : strerror(err));
	} else {
		char shown[300];
		path_shown(path, shown, sizeof shown);
		/* the new file holds what the old one did, and more */
		if (s->recovery_path != NULL)
			recovery_remove(s->recovery_path);
		free(s->recovery_path);
		s->recovery_path = path;
		edsession_say(s, 1, "%s: unsaved text kept in %s", s->key_shown,
			      shown);
	}
	free(dir);
}

void edrecover_done(struct edsession *s)
{
	if (s->recovery_path == NULL)
		return;
	recovery_remove(s->recovery_path);
	free(s->recovery_path);
	s->recovery_path = NULL;
}
