/* SPDX-License-Identifier: MIT */
/*
 * cli_import.c - import: read JSON Lines as written by export (format in
 * cli_export.h) and create the keys and tables they name.
 *
 * Bad input changes nothing: the whole input is checked first (JSON syntax,
 * fields, base64, names, sizes) and nothing is written if any line is
 * wrong. Input that cannot be read twice (a pipe) is first copied to an
 * unlinked file in $TMPDIR. Then every record is stored
 * (cli_import_apply.c); a key that cannot be stored (it exists and no
 * --overwrite, a lock timeout, ...) is reported and the import goes on.
 * Lines are read by cli_import_scan.h, which never holds a value.
 */
#include "cli/cli_export.h"

#include "cli/cli_common.h"
#include "cli/cli_import_scan.h"
#include "cli/cli_values.h"
#include "cli/cli_output.h"
#include "common/exit_codes.h"
#include "common/textsafe.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "flockd import: line N: WHY". WHY is escaped like a name, in case a
 * reason ever quotes the input. */
static void import_line_error(size_t lineno, const char *why)
{
	fprintf(stderr, "flockd import: line %zu: ", lineno);
	if (textsafe_name_write(stderr, why, strlen(why),
				textsafe_locale()) != 0)
		fputc('?', stderr);
	fputc('\n', stderr);
}

/* The input as the user named it, for error lines. */
static const char *import_input_name(const struct cli_args *args)
{
	const char *path = args->argc > 1 ? args->argv[1] : NULL;
	return path != NULL && strcmp(path, "-") != 0 ? path : "standard input";
}

/* Make `in` readable twice: a regular file is; anything else is copied to
 * an unlinked temporary file first. Returns the stream to read (maybe `in`
 * itself) or NULL after reporting why. */
static FILE *import_rewindable(struct cli_args *args, FILE *in)
{
	struct stat st;
	char buf[65536];
	size_t n;

	if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode) &&
	    fseeko(in, 0, SEEK_CUR) == 0)
		return in;
	const char *dir = getenv("TMPDIR");
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		char path[4096];
		snprintf(path, sizeof path, "%s/flockd-import.XXXXXX", dir);
		fd = mkostemp(path, O_CLOEXEC);
		if (fd >= 0)
			unlink(path);
	}
	FILE *spool = fd >= 0 ? fdopen(fd, "w+") : NULL;
	if (spool == NULL) {
		cli_error_path(args, dir, errno, "create spool file");
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, spool) != n)
			break;
	int err = ferror(in) ? errno : 0;
	if (err == 0 && (fflush(spool) != 0 || ferror(spool) ||
			 fseeko(spool, 0, SEEK_SET) != 0))
		err = errno;
	if (err != 0) {
		if (ferror(in))
			cli_error_path(args, import_input_name(args), err,
				       "read input");
		else
			cli_error_path(args, dir, err, "write spool file");
		fclose(spool);
		return NULL;
	}
	return spool;
}

int cli_import_check_line(const char *line, size_t n, char *why,
			  size_t why_size)
{
	struct import_record rec;
	const char *reason = "out of memory";
	int rc = EXIT_OTHER;

	if (n == 0)
		return 0;
	FILE *in = fmemopen((void *)line, n, "r");
	struct import_scan *scan = in != NULL ? import_scan_new(in) : NULL;
	enum import_scan_result r = scan != NULL
		? import_scan_line(scan, &rec, NULL) : IMPORT_SCAN_ERROR;
	if (r == IMPORT_SCAN_RECORD || r == IMPORT_SCAN_BLANK ||
	    r == IMPORT_SCAN_EOF) {
		import_record_done(&rec);
		rc = 0;
		r = import_scan_line(scan, &rec, NULL);
		if (r != IMPORT_SCAN_EOF) {
			reason = "more than one line";
			rc = EXIT_OTHER;
			if (r == IMPORT_SCAN_RECORD)
				import_record_done(&rec);
		}
	} else if (r == IMPORT_SCAN_BAD) {
		reason = import_scan_why(scan);
		rc = import_scan_status(scan);
	}
	if (rc != 0 && why_size > 0)
		snprintf(why, why_size, "%s", reason);
	import_scan_free(scan);
	if (in != NULL)
		fclose(in);
	return rc;
}

/* Pass 1: check every line. Returns 0 or the status of the first bad one,
 * after reporting each. */
static int import_check(struct cli_args *args, FILE *in)
{
	struct import_scan *scan = import_scan_new(in);
	struct import_record rec;
	enum import_scan_result r;
	int rc = 0;

	if (scan == NULL) {
		fprintf(stderr, "flockd import: line 1: out of memory\n");
		return cli_status(args, ENOMEM);
	}
	while ((r = import_scan_line(scan, &rec, NULL)) != IMPORT_SCAN_EOF) {
		if (r == IMPORT_SCAN_ERROR) {
			rc = cli_error_path(args, import_input_name(args),
					    import_scan_errno(scan),
					    "read input");
			break;
		}
		if (r == IMPORT_SCAN_BAD) {
			import_line_error(import_scan_lineno(scan),
					  import_scan_why(scan));
			if (rc == 0)
				rc = import_scan_status(scan);
		}
		import_record_done(&rec);
	}
	import_scan_free(scan);
	return rc;
}

int cli_cmd_import(struct cli_args *args)
{
	const char *path = args->argc > 1 ? args->argv[1] : NULL;
	FILE *in = stdin, *data;
	flockd_db *db = NULL;
	int rc;

	if (path != NULL && strcmp(path, "-") != 0) {
		in = fopen(path, "re");
		if (in == NULL)
			return cli_error_path(args, path, errno, "open input");
	} else if (isatty(STDIN_FILENO)) {
		cli_note(args, "reading JSON Lines from the terminal (end "
			 "with Ctrl-D)");
	}
	struct stat st;
	if (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = cli_error_path(args, import_input_name(args), EISDIR,
				    "open input");
		if (in != stdin)
			fclose(in);
		return rc;
	}
	data = import_rewindable(args, in);
	/* Where the input starts: stdin may be a file read partly already. */
	off_t start = data != NULL ? ftello(data) : -1;
	if (data == NULL || start < 0) {
		rc = EXIT_OTHER;
		if (data != NULL)
			cli_error_path(args, import_input_name(args), errno,
				       "read input");
	} else if ((rc = import_check(args, data)) != 0) {
		fprintf(stderr, "flockd import: nothing imported\n");
	} else if (fseeko(data, start, SEEK_SET) != 0) {
		rc = cli_error_path(args, import_input_name(args), errno,
				    "rewind input");
	} else {
		rc = cli_open_db(args, args->argv[0], 0, &db);
		if (rc == 0)
			rc = cli_import_apply(args, data,
					      import_input_name(args), db);
	}
	flockd_close(db);
	if (data != NULL && data != in)
		fclose(data);
	if (in != stdin)
		fclose(in);
	return rc;
}
