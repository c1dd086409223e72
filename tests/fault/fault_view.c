/* SPDX-License-Identifier: MIT */
/*
 * fault_view.c - the fault sweep's driver for view sessions, which have no
 * command of their own: open a view of KEY, then save FILE's bytes over it
 * or delete it, and report a failure in one line the way a program using
 * the library can (the error's description and the step the library names).
 *
 *   fault_view DB TABLE KEY save FILE
 *   fault_view DB TABLE KEY delete
 *
 * Everything before the save or delete (opening the database and the view,
 * reading FILE) is the driver's business, not the operation's: the driver
 * marks where the operation starts and ends with access("FAULT-SWEEP-BEGIN")
 * and access("FAULT-SWEEP-END"), calls that fail harmlessly and that
 * fault_lib.sh looks for in the trace. After a save that reported success
 * it checks what the editor relies on: the view still matches the key
 * (flockd_view_check) and still holds its shared lock, so a failure the
 * library absorbed without really recovering shows.
 * Exit status: 0 done, 1 the operation failed (or left the view unsound),
 * 2 usage or setup failed.
 */
#include "flockd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define FAULT_SWEEP_MARK "FAULT-SWEEP-BEGIN"
#define FAULT_SWEEP_END "FAULT-SWEEP-END"

static int read_file(const char *path, char **buf, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*buf = malloc((size_t)st.st_size + 1);
	ssize_t got = *buf != NULL ? read(fd, *buf, (size_t)st.st_size) : -1;
	close(fd);
	if (got != (ssize_t)st.st_size)
		return -1;
	*len = (size_t)got;
	return 0;
}

/* What the editor must add when the call failed after the change took
 * effect (flockd_table_installed): it is in place, if not durably. */
static const char *installed_note(const flockd_table *table, const char *op)
{
	if (!flockd_table_installed(table))
		return "";
	if (strcmp(flockd_table_last_step(table), "fsync directory") != 0)
		return strcmp(op, "save") == 0 ? "; the new value is in place"
					       : "; the key is deleted";
	return strcmp(op, "save") == 0
		       ? "; the new value is in place, but may not survive a "
			 "power loss"
		       : "; the key is deleted, but may come back after a "
			 "power loss";
}

/* The operation itself, between the markers. */
static int run(flockd_view *view, const char *op, const char *value,
	       size_t len)
{
	int err;
	(void)access(FAULT_SWEEP_MARK, F_OK);
	if (strcmp(op, "save") == 0)
		err = flockd_view_save(view, value, len, 0);
	else
		err = flockd_view_delete(view, 0);
	(void)access(FAULT_SWEEP_END, F_OK);
	return err;
}

/* After a successful save: does the view still match the key and hold a
 * shared lock on it (so that an exclusive lock from elsewhere fails)?
 * Returns NULL, or what is wrong. */
static const char *view_unsound(flockd_view *view, flockd_table *table,
				const char *key)
{
	if (flockd_view_check(view) != FLOCKD_OK)
		return "the view no longer matches the key";
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.kv", flockd_table_path(table), key);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return "the key cannot be opened";
	int held = flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
	close(fd);
	return held ? NULL : "the view holds no lock on the key";
}

int main(int argc, char **argv)
{
	if (argc < 5 || (strcmp(argv[4], "save") == 0) != (argc == 6) ||
	    (strcmp(argv[4], "save") != 0 && strcmp(argv[4], "delete") != 0)) {
		fprintf(stderr, "usage: fault_view DB TABLE KEY save FILE | "
			"fault_view DB TABLE KEY delete\n");
		return 2;
	}
	const char *key = argv[3], *op = argv[4];
	char *value = NULL;
	size_t len = 0;
	flockd_db *db = NULL;
	flockd_table *table = NULL;
	flockd_view *view = NULL;
	if (argc == 6 && read_file(argv[5], &value, &len) != 0) {
		fprintf(stderr, "fault_view: cannot read %s\n", argv[5]);
		return 2;
	}
	/* No other process competes for the lock: a wait is a bug, and a
	 * short timeout keeps it from slowing the sweep down. */
	int err = flockd_open(argv[1], 1000, FLOCKD_OPEN_NOCREATE, &db);
	if (err == FLOCKD_OK)
		err = flockd_table_open(db, argv[2], 0, &table);
	if (err == FLOCKD_OK)
		err = flockd_view_open(table, key, &view);
	if (err != FLOCKD_OK) {
		fprintf(stderr, "fault_view: setup: %s\n", flockd_strerror(err));
		return 2;
	}
	err = run(view, op, value, len);
	int status = 0;
	if (err != FLOCKD_OK) {
		/* What a program has to name the step: the table's last
		 * step (the editor reports view errors the same way). */
		const char *step = flockd_table_last_step(table);
		fprintf(stderr, "fault_view %s: %s: %s%s%s%s%s\n", op, key,
			flockd_strerror(err), *step ? " (" : "", step,
			installed_note(table, op), *step ? ")" : "");
		status = 1;
	} else if (strcmp(op, "save") == 0) {
		const char *wrong = view_unsound(view, table, key);
		if (wrong != NULL) {
			fprintf(stderr, "fault_view save: %s: saved, but %s\n",
				key, wrong);
			status = 1;
		}
	}
	flockd_view_close(view);
	flockd_table_close(table);
	flockd_close(db);
	free(value);
	return status;
}
