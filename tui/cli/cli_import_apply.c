/* SPDX-License-Identifier: MIT */
/*
 * cli_import_apply.c - import's second pass: every record of checked
 * input stored through batches (flockd_batch.h), each value streamed from
 * the input into its temp file as the line is read.
 *
 * A batch makes the values of a group durable together and then installs
 * each under its key's lock, so that importing many small keys costs a
 * fraction of one set per key while each key still ends with its old or
 * its new value after a crash. Refused and failed keys are reported with
 * their line; the import goes on.
 */
#include "cli/cli_export.h"

#include "cli/cli_common.h"
#include "cli/cli_import_scan.h"
#include "cli/cli_signals.h"
#include "cli/cli_values.h"
#include "common/exit_codes.h"
#include "common/store_warn.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tables a batch keeps open (each holds a descriptor); one more commits
 * the batch first. */
#define IMPORT_TABLES_MAX 64

struct import_run {
	struct cli_args *args;
	flockd_db *db;
	struct import_scan *scan;
	flockd_batch *batch;
	flockd_table *tables[IMPORT_TABLES_MAX];
	size_t n_tables;
	flockd_table *cur;  /* the table of the value being written */
	size_t *line_of;    /* the input line of each put of the batch */
	size_t n_puts, cap_puts;
	int tried;          /* this line's value was offered to the batch */
	int open;           /* this line's value is being written */
	int rc;             /* the status of the first failure */
	size_t dropped;     /* values a signal dropped before their install */
	/* Failed directory fsyncs of one table, said in one line: the values
	 * of one directory share its fsync. */
	char *dir_table;    /* NULL: none pending */
	char *dir_key;      /* the first of its keys */
	int dir_err;
	size_t dir_first, dir_last, dir_count;
	unsigned warnings;  /* FLOCKD_WARN_OWNER/MODE of any value */
	size_t warned;      /* how many values had one */
};

static void run_fail(struct import_run *run, int status)
{
	if (run->rc == 0)
		run->rc = status;
}

/* "line N: out of memory": nothing of that line is written. */
static void run_oom(struct import_run *run, size_t lineno)
{
	fprintf(stderr, "flockd import: line %zu: out of memory\n", lineno);
	run_fail(run, cli_status(run->args, ENOMEM));
}

static void run_report(struct import_run *run, const char *table,
		       const char *key, int err, const char *step,
		       int installed, size_t lineno)
{
	char line[32], buf[CLI_WRITE_STEP_MAX];
	if (err == ECANCELED && *cli_signals_flag() != 0) {
		run->dropped++; /* said once, by run_stop */
		return;
	}
	if (err == ENOMEM) {
		run_oom(run, lineno);
		return;
	}
	snprintf(line, sizeof line, "line %zu", lineno);
	run_fail(run, cli_error(run->args, table, key, err,
				cli_write_step_of(run->args, line, step,
						  installed, NULL, 0, buf,
						  sizeof buf)));
}

/* Say the pending failed directory fsync, once for all its values. */
static void run_dir_flush(struct import_run *run)
{
	char step[160];

	if (run->dir_table == NULL)
		return;
	if (run->dir_count == 1) {
		run_report(run, run->dir_table, run->dir_key, run->dir_err,
			   "fsync directory", 1, run->dir_first);
	} else {
		snprintf(step, sizeof step, "lines %zu-%zu, fsync directory; "
			 "the new values of %zu keys are in place, but may "
			 "not survive a power loss", run->dir_first,
			 run->dir_last, run->dir_count);
		run_fail(run, cli_error(run->args, run->dir_table, NULL,
					run->dir_err, step));
	}
	free(run->dir_table);
	free(run->dir_key);
	run->dir_table = run->dir_key = NULL;
}

/* A value installed whose directory's fsync failed: kept pending while
 * the next values share it. Returns 0 when it is pending (said later). */
static int run_dir_failed(struct import_run *run,
			  const struct flockd_batch_result *r, size_t lineno)
{
	const char *name = flockd_table_name(r->table);
	if (run->dir_table != NULL && run->dir_err == r->err &&
	    strcmp(run->dir_table, name) == 0) {
		run->dir_last = lineno;
		run->dir_count++;
		return 0;
	}
	run_dir_flush(run);
	run->dir_table = strdup(name);
	run->dir_key = strdup(r->key);
	if (run->dir_table == NULL || run->dir_key == NULL) {
		free(run->dir_table);
		free(run->dir_key);
		run->dir_table = run->dir_key = NULL;
		return -1;
	}
	run->dir_err = r->err;
	run->dir_first = run->dir_last = lineno;
	run->dir_count = 1;
	return 0;
}

/* The outcome of each value, when its group is installed. */
static void run_result(const struct flockd_batch_result *r, void *ctx)
{
	struct import_run *run = ctx;
	size_t lineno = r->index < run->n_puts ? run->line_of[r->index] : 0;

	if (r->err == ECANCELED && strcmp(r->step, "abort") == 0) {
		run->dropped++; /* said once, by cli_import_apply */
		return;
	}
	if (r->warnings & (FLOCKD_WARN_OWNER | FLOCKD_WARN_MODE)) {
		run->warnings |= r->warnings;
		run->warned++;
	}
	if (r->err != FLOCKD_OK && r->installed &&
	    strcmp(r->step, "fsync directory") == 0 &&
	    run_dir_failed(run, r, lineno) == 0)
		return;
	if (r->err != FLOCKD_OK) {
		run_dir_flush(run);
		run_report(run, flockd_table_name(r->table), r->key, r->err,
			   r->step, r->installed, lineno);
	}
}

static int run_begin(struct import_run *run)
{
	run->n_puts = 0;
	return flockd_batch_begin(0, run_result, run, &run->batch);
}

/* Install what the batch holds, report it, close its tables. */
static void run_commit(struct import_run *run)
{
	flockd_batch_commit(run->batch);
	run->batch = NULL;
	run_dir_flush(run);
	for (size_t i = 0; i < run->n_tables; i++)
		flockd_table_close(run->tables[i]);
	run->n_tables = 0;
}

/* The table `name`, opened once per batch (created by its first value,
 * so a key that cannot be stored leaves no empty new table). */
static int run_table(struct import_run *run, const char *name,
		     flockd_table **out)
{
	for (size_t i = run->n_tables; i-- > 0;)
		if (strcmp(flockd_table_name(run->tables[i]), name) == 0) {
			*out = run->tables[i];
			return 0;
		}
	if (run->n_tables == IMPORT_TABLES_MAX) {
		run_commit(run);
		int err = run_begin(run);
		if (err != FLOCKD_OK)
			return err;
	}
	int err = flockd_table_open(run->db, name,
				    FLOCKD_TABLE_CREATE_ON_WRITE, out);
	if (err != FLOCKD_OK)
		return err;
	/* a signal stops a lock wait or a write of this table */
	flockd_table_set_cancel(*out, cli_signals_flag());
	run->tables[run->n_tables++] = *out;
	return FLOCKD_OK;
}

/* Start the value of `rec` in the batch; 0 when it was refused (and
 * reported). The sink's start. */
static int run_start(void *ctx, const struct import_record *rec)
{
	struct import_run *run = ctx;
	size_t lineno = import_scan_lineno(run->scan);
	flockd_table *t = NULL;

	run->tried = 1;
	if (run->n_puts == run->cap_puts) {
		size_t cap = run->cap_puts ? run->cap_puts * 2 : 1024;
		size_t *p = realloc(run->line_of, cap * sizeof *p);
		if (p == NULL) {
			run_oom(run, lineno);
			return 0;
		}
		run->line_of = p;
		run->cap_puts = cap;
	}
	int err = run_table(run, rec->table, &t);
	if (err != FLOCKD_OK) {
		run_report(run, rec->table, NULL, err, "open table", 0, lineno);
		return 0;
	}
	run->line_of[run->n_puts++] = lineno;
	run->cur = t;
	err = flockd_batch_put_start(run->batch, t, rec->key,
				     run->args->overwrite ? FLOCKD_PUT_SET
							  : FLOCKD_PUT_CREATE);
	if (err != FLOCKD_OK) {
		run_report(run, rec->table, rec->key, err,
			   flockd_table_last_step(t), 0, lineno);
		return 0;
	}
	run->open = 1;
	return 1;
}

/* A piece of the value: the sink's write. */
static int run_write(void *ctx, const void *buf, size_t len)
{
	struct import_run *run = ctx;
	int err = *cli_signals_flag() ? ECANCELED
				      : flockd_batch_write(run->batch, buf, len);
	if (err != FLOCKD_OK)
		run->open = 0; /* the batch dropped it */
	return err;
}

/* A record of a table alone: the table is created now. */
static void run_table_record(struct import_run *run, const char *name)
{
	flockd_table *t;
	int err = flockd_table_open(run->db, name, FLOCKD_TABLE_CREATE, &t);
	if (err != FLOCKD_OK) {
		run_report(run, name, NULL, err, "create table", 0,
			   import_scan_lineno(run->scan));
		return;
	}
	flockd_table_close(t);
}

/* Finish the record read last: its value, if not streamed yet, then
 * queued in the batch. */
static void run_record(struct import_run *run, struct import_record *rec,
		       const struct import_sink *sink)
{
	size_t lineno = import_scan_lineno(run->scan);

	if (rec->key == NULL) {
		run_table_record(run, rec->table);
		return;
	}
	if (!run->tried && run_start(run, rec)) {
		int err = import_scan_value(run->scan, rec, sink);
		if (err != 0) {
			if (run->open)
				flockd_batch_put_cancel(run->batch);
			run->open = 0;
			run_report(run, rec->table, rec->key, err,
				   "read input", 0, lineno);
			return;
		}
	}
	if (rec->sink_err != 0) {
		run_report(run, rec->table, rec->key, rec->sink_err,
			   run->cur ? flockd_table_last_step(run->cur) : "",
			   0, lineno);
		return;
	}
	if (run->open) {
		int err = flockd_batch_put_end(run->batch);
		if (err != FLOCKD_OK)
			run_report(run, rec->table, rec->key, err, "", 0,
				   lineno);
	}
	run->open = 0;
}

/* A signal came: drop what is not installed yet (each of those keys
 * keeps its old value; the values of groups installed before stay) and
 * say so once. */
static void run_stop(struct import_run *run)
{
	flockd_batch_abort(run->batch);
	run->batch = NULL;
	run_dir_flush(run);
	for (size_t i = 0; i < run->n_tables; i++)
		flockd_table_close(run->tables[i]);
	run->n_tables = 0;
	cli_message(run->args, "stopped by a signal after line %zu; the "
		    "keys not installed yet (%zu) keep their old values",
		    import_scan_lineno(run->scan), run->dropped);
	run_fail(run, EXIT_OTHER);
}

/* The warnings of the whole import, said once. */
static void run_warn(struct import_run *run)
{
	char shown[64], text[256];
	snprintf(shown, sizeof shown, "%zu replaced key%s", run->warned,
		 run->warned == 1 ? "" : "s");
	if (store_warn_text(run->warnings, shown, text, sizeof text))
		cli_message(run->args, "%s", text);
}

int cli_import_apply(struct cli_args *args, FILE *in, const char *in_name,
		     flockd_db *db)
{
	struct import_run run = {.args = args, .db = db};
	struct import_sink sink = {run_start, run_write, &run};
	struct import_record rec;
	enum import_scan_result r;

	run.scan = import_scan_new(in);
	int err = run.scan != NULL ? run_begin(&run) : ENOMEM;
	if (err != FLOCKD_OK) {
		import_scan_free(run.scan);
		return cli_error_path(args, args->argv[0], err, "start import");
	}
	struct cli_signals sigs;
	cli_signals_catch(&sigs);
	while (*cli_signals_flag() == 0 &&
	       (r = import_scan_line(run.scan, &rec, &sink)) !=
		       IMPORT_SCAN_EOF) {
		if (r == IMPORT_SCAN_ERROR) {
			err = import_scan_errno(run.scan);
			run_fail(&run, cli_error_path(args, in_name, err,
						      "read input"));
			break;
		}
		if (r == IMPORT_SCAN_RECORD) {
			run_record(&run, &rec, &sink);
		} else if (r == IMPORT_SCAN_BAD) {
			/* the input changed since it was checked */
			fprintf(stderr, "flockd import: line %zu: %s\n",
				import_scan_lineno(run.scan),
				import_scan_why(run.scan));
			run_fail(&run, import_scan_status(run.scan));
		}
		if (run.open)
			flockd_batch_put_cancel(run.batch);
		run.open = 0;
		run.tried = 0;
		run.cur = NULL;
		import_record_done(&rec);
	}
	if (*cli_signals_flag() == 0)
		run_commit(&run); /* a signal may stop its lock waits too */
	if (*cli_signals_flag() != 0)
		run_stop(&run);
	run_warn(&run);
	free(run.line_of);
	import_scan_free(run.scan);
	cli_signals_release(&sigs); /* dies of the signal that stopped it */
	return run.rc;
}
