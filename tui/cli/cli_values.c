/* SPDX-License-Identifier: MIT */
/*
 * cli_values.c - get, set, create, update and delete. Values stream between
 * the key file and a descriptor (stdout, stdin, a file); no value is ever
 * held in memory here.
 */
#include "cli/cli_values.h"

#include "cli/cli_common.h"
#include "cli/cli_output.h"
#include "cli/cli_signals.h"
#include "common/exit_codes.h"
#include "common/store_warn.h"
#include "common/textsafe.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_cmd_get(struct cli_args *args)
{
	const char *dir = args->argv[0], *key = args->argv[1];
	const char *tname = cli_table_arg(args);
	flockd_db *db = NULL;
	flockd_table *table = NULL;
	int rc;

	if (flockd_key_valid(key) != FLOCKD_OK)
		return cli_error(args, tname, key, FLOCKD_EINVALID, NULL);
	rc = cli_open_db(args, dir, FLOCKD_OPEN_READONLY, &db);
	if (rc == 0)
		rc = cli_open_table(args, db, tname, 0, &table);
	if (rc == 0) {
		int err = flockd_get_to_fd(table, key, STDOUT_FILENO, NULL);
		if (err != FLOCKD_OK)
			rc = cli_error(args, tname, key, err,
				       flockd_table_last_step(table));
	}
	flockd_table_close(table);
	flockd_close(db);
	return rc;
}

/* Append to the step being built; cut at the end of `buf` (whose `size`
 * is made large enough not to). */
static void step_append(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void step_append(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
}

const char *cli_write_step_of(const struct cli_args *args,
			      const char *prefix, const char *step,
			      int installed, const char *left, int deleting,
			      char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", prefix ? prefix : "",
		 prefix && *step ? ", " : "", step);
	/* The two steps after the change took effect (see flockd.h). */
	if (installed && strcmp(step, "fsync directory") == 0)
		step_append(buf, size, "; %s", deleting
			    ? "the key is deleted, but may come back after "
			      "a power loss"
			    : "the new value is in place, but may not survive "
			      "a power loss");
	else if (installed)
		step_append(buf, size, "; %s", deleting
			    ? "the key is deleted" : "the new value is in place");
	if (left != NULL) {
		char name[TEXTSAFE_NAME_MAX(NAME_MAX) + 1];
		textsafe_name_buf(name, sizeof name, left, strlen(left),
				  args->escape);
		step_append(buf, size, "; temp file %s is left", name);
	}
	return buf;
}

const char *cli_write_step(const struct cli_args *args,
			   const flockd_table *table, const char *prefix,
			   int deleting, char *buf, size_t size)
{
	return cli_write_step_of(args, prefix, flockd_table_last_step(table),
				 flockd_table_installed(table),
				 flockd_table_temp_left(table), deleting, buf,
				 size);
}

/* Open the value's source: FILE, or stdin when absent or "-". Returns the
 * descriptor (to close when it is not stdin) or -1 after printing why. */
static int cli_open_input(struct cli_args *args, const char *path)
{
	int fd = STDIN_FILENO;
	struct stat st;

	if (path != NULL && strcmp(path, "-") != 0) {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0) {
			cli_error_path(args, path, errno, "open input");
			return -1;
		}
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_error_path(args, path ? path : "standard input", EISDIR,
			       "open input");
		if (fd != STDIN_FILENO)
			close(fd);
		return -1;
	}
	if (fd == STDIN_FILENO && isatty(fd))
		cli_note(args, "reading the value from the terminal (end it "
			 "with Ctrl-D)");
	return fd;
}

/* The outcome of the one value of put_exact's batch. */
struct put_outcome {
	int err;
	const char *step;
	unsigned warnings;
};

static void put_result(const struct flockd_batch_result *r, void *ctx)
{
	struct put_outcome *o = ctx;
	o->err = r->err;
	o->step = r->step;
	o->warnings = r->warnings;
}

/* set/create/update with --mtime or --size: the value through a batch of
 * one, so that its time is set before it is durable and nothing is
 * stored unless exactly --size bytes arrived (a cut connection of a
 * remote sync stores nothing). */
static int put_exact(struct cli_args *args, flockd_table *table,
		     const char *key, int fd, enum flockd_put_mode mode,
		     const char **step, unsigned *warnings)
{
	struct put_outcome out = {0, "", 0};
	flockd_batch *b;
	int err = flockd_batch_begin(0, put_result, &out, &b);
	if (err != FLOCKD_OK)
		return err;
	err = flockd_batch_put_start(b, table, key, mode);
	if (err == FLOCKD_OK && args->have_mtime)
		err = flockd_batch_put_mtime(b, &args->mtime);
	uint64_t total = 0;
	char buf[64 * 1024];
	while (err == FLOCKD_OK) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR && *cli_signals_flag() == 0)
			continue;
		if (n < 0) {
			err = *cli_signals_flag() ? ECANCELED : errno;
			*step = "read input";
		} else if (n == 0) {
			break;
		} else {
			total += (uint64_t)n;
			err = flockd_batch_write(b, buf, (size_t)n);
		}
	}
	if (err == FLOCKD_OK && args->have_size && total != args->size) {
		err = EPROTO;
		*step = total < args->size ? "input shorter than --size"
					   : "input longer than --size";
	}
	if (err == FLOCKD_OK)
		err = flockd_batch_put_end(b);
	else
		flockd_batch_put_cancel(b);
	int cerr = flockd_batch_commit(b);
	if (err == FLOCKD_OK && cerr != FLOCKD_OK) {
		err = cerr;
		*step = out.step;
	}
	*warnings = out.warnings;
	return err;
}

/* What a replace could not keep (owner, mode), said once: the value is
 * stored all the same. */
static void put_warn(struct cli_args *args, const char *tname,
		     const char *key, unsigned warnings)
{
	char shown[TEXTSAFE_NAME_MAX(NAME_MAX) * 2 + 2], text[512];
	size_t n = 0;

	if (*tname != '\0') {
		n = textsafe_name_buf(shown, sizeof shown - 1, tname,
				      strlen(tname), args->escape);
		shown[n++] = '/';
	}
	textsafe_name_buf(shown + n, sizeof shown - n, key, strlen(key),
			  args->escape);
	if (store_warn_text(warnings, shown, text, sizeof text))
		cli_message(args, "%s", text);
}

static int cli_put(struct cli_args *args, enum flockd_put_mode mode)
{
	const char *dir = args->argv[0], *key = args->argv[1];
	const char *path = args->argc > 2 ? args->argv[2] : NULL;
	const char *tname = cli_table_arg(args);
	/* update needs the key, so it needs the database and the table too;
	 * set and create make whatever is missing (a table only once the
	 * value is ready, so a failed write leaves no empty table). */
	int creating = mode != FLOCKD_PUT_UPDATE;
	flockd_db *db = NULL;
	flockd_table *table = NULL;
	int rc;

	if (flockd_key_valid(key) != FLOCKD_OK)
		return cli_error(args, tname, key, FLOCKD_EINVALID, NULL);
	if (flockd_table_name_valid(tname) != FLOCKD_OK)
		return cli_error(args, tname, NULL, FLOCKD_EINVALID, NULL);
	int fd = cli_open_input(args, path);
	if (fd < 0)
		return EXIT_OTHER;
	rc = cli_open_db(args, dir, creating ? 0 : FLOCKD_OPEN_NOCREATE, &db);
	if (rc == 0)
		rc = cli_open_table(args, db, tname,
				    creating ? FLOCKD_TABLE_CREATE_ON_WRITE : 0,
				    &table);
	/* SIGINT, SIGTERM and SIGHUP stop the write cleanly (the store
	 * discards its temp file) instead of killing us with a temp file
	 * left behind. */
	struct cli_signals sigs;
	cli_signals_catch(&sigs);
	if (rc == 0) {
		flockd_table_set_cancel(table, cli_signals_flag());
		const char *own_step = NULL;
		unsigned warnings = 0;
		int err = args->have_mtime || args->have_size
				  ? put_exact(args, table, key, fd, mode,
					      &own_step, &warnings)
				  : flockd_put_from_fd(table, key, fd, mode,
						       NULL);
		if (!args->have_mtime && !args->have_size)
			warnings = flockd_table_warnings(table);
		put_warn(args, tname, key, warnings);
		char step[CLI_WRITE_STEP_MAX];
		if (err != FLOCKD_OK)
			rc = cli_error(args, tname, key, err,
				       own_step && *own_step
					       ? own_step
					       : cli_write_step(args, table,
								NULL,
								0, step,
								sizeof step));
	}
	flockd_table_close(table);
	flockd_close(db);
	if (fd != STDIN_FILENO)
		close(fd);
	cli_signals_release(&sigs);
	return rc;
}

int cli_cmd_set(struct cli_args *args)
{
	return cli_put(args, FLOCKD_PUT_SET);
}

int cli_cmd_create(struct cli_args *args)
{
	return cli_put(args, FLOCKD_PUT_CREATE);
}

int cli_cmd_update(struct cli_args *args)
{
	return cli_put(args, FLOCKD_PUT_UPDATE);
}

/* Delete one key; a missing key is an error unless --force. */
static int cli_delete_one(struct cli_args *args, flockd_table *table,
			  const char *tname, const char *key)
{
	struct flockd_stat st;
	int err = flockd_key_valid(key);

	if (err != FLOCKD_OK)
		return cli_error(args, tname, key, err, NULL);
	if (!args->force) {
		err = flockd_key_stat(table, key, &st);
		if (err != FLOCKD_OK)
			return cli_error(args, tname, key, err, "stat key");
	}
	err = flockd_delete(table, key);
	char step[CLI_WRITE_STEP_MAX];
	if (err != FLOCKD_OK)
		return cli_error(args, tname, key, err,
				 cli_write_step(args, table, NULL, 1, step,
						sizeof step));
	return EXIT_OK;
}

int cli_cmd_delete(struct cli_args *args)
{
	const char *tname = cli_table_arg(args);
	flockd_db *db = NULL;
	flockd_table *table = NULL;
	int rc = cli_open_db(args, args->argv[0], FLOCKD_OPEN_NOCREATE, &db);

	if (rc == 0)
		rc = cli_open_table(args, db, tname, 0, &table);
	/* Every key is tried; the status is that of the first failure. */
	for (int i = 1; table != NULL && i < args->argc; i++) {
		int one = cli_delete_one(args, table, tname, args->argv[i]);
		if (rc == 0)
			rc = one;
	}
	flockd_table_close(table);
	flockd_close(db);
	return rc;
}
