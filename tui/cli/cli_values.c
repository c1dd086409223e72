/*
 * cli_values.c - get, set, create, update and delete. Values stream between
 * the key file and a descriptor (stdout, stdin, a file); no value is ever
 * held in memory here.
 */
#include "cli/cli_values.h"

#include "cli/cli_common.h"
#include "cli/cli_output.h"
#include "common/exit_codes.h"
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

const char *cli_write_step(const struct cli_args *args,
			   const flockd_table *table, const char *prefix,
			   int deleting, char *buf, size_t size)
{
	const char *step = flockd_table_last_step(table);
	const char *left = flockd_table_temp_left(table);

	snprintf(buf, size, "%s%s%s", prefix ? prefix : "",
		 prefix && *step ? ", " : "", step);
	/* The two steps after the change took effect (see flockd.h). */
	if (flockd_table_installed(table) &&
	    strcmp(step, "fsync directory") == 0)
		step_append(buf, size, "; %s", deleting
			    ? "the key is deleted, but may come back after "
			      "a power loss"
			    : "the new value is in place, but may not survive "
			      "a power loss");
	else if (flockd_table_installed(table))
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

/* The signal that asked a streaming write to stop, 0 while none did:
 * a signal handler can only reach a static. */
static volatile sig_atomic_t put_stop;

static void put_stop_handler(int sig)
{
	put_stop = sig;
}

static const int put_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* While a value streams in, SIGINT, SIGTERM and SIGHUP stop the write
 * cleanly (the store discards its temp file) instead of killing us with a
 * temp file left behind. No SA_RESTART: a read of stdin blocked in the
 * kernel returns, and the store sees the flag. Ignored signals (nohup)
 * stay ignored. */
static void put_catch_signals(struct sigaction *old)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = put_stop_handler;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++) {
		sigaction(put_signals[i], NULL, &old[i]);
		if (old[i].sa_handler != SIG_IGN)
			sigaction(put_signals[i], &sa, NULL);
	}
}

/* Put the old handlers back; if a signal stopped the write, die of it as
 * the shell expects. */
static void put_release_signals(const struct sigaction *old)
{
	for (int i = 0; i < 3; i++)
		sigaction(put_signals[i], &old[i], NULL);
	if (put_stop != 0) {
		signal(put_stop, SIG_DFL);
		raise(put_stop);
	}
}

/* The outcome of the one value of put_exact's batch. */
struct put_outcome {
	int err;
	const char *step;
};

static void put_result(const struct flockd_batch_result *r, void *ctx)
{
	struct put_outcome *o = ctx;
	o->err = r->err;
	o->step = r->step;
}

/* set/create/update with --mtime or --size: the value through a batch of
 * one, so that its time is set before it is durable and nothing is
 * stored unless exactly --size bytes arrived (a cut connection of a
 * remote sync stores nothing). */
static int put_exact(struct cli_args *args, flockd_table *table,
		     const char *key, int fd, enum flockd_put_mode mode,
		     const char **step)
{
	struct put_outcome out = {0, ""};
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
		if (n < 0 && errno == EINTR && put_stop == 0)
			continue;
		if (n < 0) {
			err = put_stop ? ECANCELED : errno;
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
	return err;
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
	struct sigaction old[3];
	put_catch_signals(old);
	if (rc == 0) {
		flockd_table_set_cancel(table, &put_stop);
		const char *own_step = NULL;
		int err = args->have_mtime || args->have_size
				  ? put_exact(args, table, key, fd, mode,
					      &own_step)
				  : flockd_put_from_fd(table, key, fd, mode, NULL);
		char step[CLI_WRITE_STEP_MAX];
		if (err != FLOCKD_OK)
			rc = cli_error(args, tname, key, err,
				       own_step && *own_step
					       ? own_step
					       : cli_write_step(args, table, NULL,
								0, step,
								sizeof step));
	}
	flockd_table_close(table);
	flockd_close(db);
	if (fd != STDIN_FILENO)
		close(fd);
	put_release_signals(old);
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
