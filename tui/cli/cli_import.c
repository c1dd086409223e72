/*
 * cli_import.c - import: read JSON Lines as written by export (format in
 * cli_export.h) and create the keys and tables they name.
 *
 * Bad input changes nothing: the whole input is checked first (JSON syntax,
 * fields, base64, names, sizes) and nothing is written if any line is
 * wrong. Input that cannot be read twice (a pipe) is first copied to an
 * unlinked file in $TMPDIR. Then every record is stored; a key that cannot
 * be stored (it exists and no --overwrite, a lock timeout, ...) is reported
 * and the import goes on.
 */
#include "cli/cli_export.h"

#include "cli/cli_common.h"
#include "cli/cli_values.h"
#include "cli/cli_output.h"
#include "common/base64.h"
#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "common/textsafe.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One parsed line. `value` points into `root` or `decoded`. */
struct import_record {
	json_t *root;
	char *table;
	char *key;       /* NULL: the line only declares a table */
	const char *value;
	size_t len;
	void *decoded;   /* the value decoded from base64, or NULL */
};

static void import_record_done(struct import_record *r)
{
	json_decref(r->root);
	free(r->table);
	free(r->key);
	free(r->decoded);
	memset(r, 0, sizeof *r);
}

static int import_value(struct import_record *r, const char **why)
{
	json_t *plain = json_object_get(r->root, "value");
	json_t *coded = json_object_get(r->root, "value_base64");
	json_t *size = json_object_get(r->root, "size");
	json_t *v = plain ? plain : coded;

	if (plain != NULL && coded != NULL) {
		*why = "both \"value\" and \"value_base64\"";
		return -1;
	}
	if (v == NULL) {
		*why = "no \"value\" or \"value_base64\"";
		return -1;
	}
	if (!json_is_string(v)) {
		*why = "the value is not a JSON string";
		return -1;
	}
	r->value = json_string_value(v);
	r->len = json_string_length(v);
	if (coded != NULL) {
		r->decoded = malloc(base64_decoded_max(r->len) + 1);
		if (r->decoded == NULL) {
			*why = "out of memory";
			return -1;
		}
		if (base64_decode(r->value, r->len, r->decoded, &r->len) != 0) {
			*why = "bad base64 in \"value_base64\"";
			return -1;
		}
		r->value = r->decoded;
	}
	if (size != NULL && (!json_is_integer(size) ||
			     json_integer_value(size) != (json_int_t)r->len)) {
		*why = "\"size\" does not match the value";
		return -1;
	}
	return 0;
}

/* "flockd import: line N: WHY". WHY may quote the input (jansson's
 * messages do: "'[' expected near 'x'"), so it is escaped like a name. */
static void import_line_error(size_t lineno, const char *why)
{
	fprintf(stderr, "flockd import: line %zu: ", lineno);
	if (textsafe_name_write(stderr, why, strlen(why),
				textsafe_locale()) != 0)
		fputc('?', stderr);
	fputc('\n', stderr);
}

/* Parse and check one line. Returns 0, or an exit status with *why set. */
static int import_parse(const char *line, size_t n, struct import_record *r,
			const char **why, json_error_t *jerr)
{
	memset(r, 0, sizeof *r);
	r->root = json_loadb(line, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
			     jerr);
	if (r->root == NULL) {
		*why = jerr->text;
		return EXIT_OTHER;
	}
	if (!json_is_object(r->root)) {
		*why = "not a JSON object";
		return EXIT_OTHER;
	}
	/* Exports before format_version existed have none: the same format. */
	json_t *version = json_object_get(r->root, "format_version");
	if (version != NULL &&
	    (!json_is_integer(version) ||
	     json_integer_value(version) != CLI_JSON_FORMAT_VERSION)) {
		*why = "\"format_version\" is not 1 (an export of a newer "
		       "flockd?)";
		return EXIT_OTHER;
	}
	if (jsonfmt_get_name(r->root, "table", 1, &r->table, why) != 0)
		return EXIT_OTHER;
	if (flockd_table_name_valid(r->table) != FLOCKD_OK) {
		*why = "invalid table name";
		return EXIT_INVALID;
	}
	if (json_object_get(r->root, "key") == NULL &&
	    json_object_get(r->root, "key_base64") == NULL) {
		if (*r->table == '\0') {
			*why = "neither a key nor a table";
			return EXIT_OTHER;
		}
		return 0; /* a table of its own */
	}
	if (jsonfmt_get_name(r->root, "key", 0, &r->key, why) != 0)
		return EXIT_OTHER;
	if (flockd_key_valid(r->key) != FLOCKD_OK) {
		*why = "invalid key name";
		return EXIT_INVALID;
	}
	return import_value(r, why) == 0 ? 0 : EXIT_OTHER;
}

static int import_blank(const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r\n", line[i]))
			return 0;
	return 1;
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
			cli_error_path(args, "standard input", err, "read input");
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
	struct import_record r;
	const char *reason = NULL;
	json_error_t jerr;

	if (import_blank(line, n))
		return 0;
	int rc = import_parse(line, n, &r, &reason, &jerr);
	if (rc != 0 && why_size > 0)
		snprintf(why, why_size, "%s", reason);
	import_record_done(&r);
	return rc;
}

/* Pass 1: check every line. Returns 0 or the status of the first bad one,
 * after reporting each. */
static int import_check(struct cli_args *args, FILE *in)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;

	while ((n = getline(&line, &cap, in)) >= 0) {
		char why[JSON_ERROR_TEXT_LENGTH + 64];
		lineno++;
		int one = cli_import_check_line(line, (size_t)n, why,
						sizeof why);
		if (one != 0) {
			import_line_error(lineno, why);
			if (rc == 0)
				rc = one;
		}
	}
	if (ferror(in))
		rc = cli_error_path(args, import_input_name(args), errno,
				    "read input");
	free(line);
	return rc;
}

/* Store one checked record; `table` caches the last table opened. Keys
 * open their table with CREATE_ON_WRITE, so that a key that cannot be
 * stored leaves no empty new table; a record of a table alone creates it. */
static int import_store(struct cli_args *args, flockd_db *db,
			flockd_table **table, struct import_record *r,
			size_t lineno)
{
	char step[CLI_WRITE_STEP_MAX], line[32];
	int err = FLOCKD_OK;

	snprintf(line, sizeof line, "line %zu", lineno);
	if (*table == NULL ||
	    strcmp(flockd_table_name(*table), r->table) != 0 ||
	    (r->key == NULL && flockd_table_dirfd(*table) < 0)) {
		flockd_table_close(*table);
		*table = NULL;
		err = flockd_table_open(db, r->table,
					r->key != NULL
						? FLOCKD_TABLE_CREATE_ON_WRITE
						: FLOCKD_TABLE_CREATE,
					table);
		if (err != FLOCKD_OK)
			return cli_error(args, r->table, NULL, err, line);
	}
	if (r->key == NULL)
		return 0;
	err = args->overwrite ? flockd_set(*table, r->key, r->value, r->len)
			      : flockd_create(*table, r->key, r->value, r->len);
	if (err == FLOCKD_OK)
		return 0;
	return cli_error(args, r->table, r->key, err,
			 cli_write_step(args, *table, line, 0, step,
					sizeof step));
}

/* Pass 2: store every record. */
static int import_apply(struct cli_args *args, FILE *in, flockd_db *db)
{
	flockd_table *table = NULL;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;

	while ((n = getline(&line, &cap, in)) >= 0) {
		struct import_record r;
		const char *why = NULL;
		json_error_t jerr;
		lineno++;
		if (import_blank(line, (size_t)n))
			continue;
		int one = import_parse(line, (size_t)n, &r, &why, &jerr);
		/* The line is in the record now: free it before storing, so a
		 * big value is not held twice. */
		free(line);
		line = NULL;
		cap = 0;
		if (one == 0)
			one = import_store(args, db, &table, &r, lineno);
		else
			/* the input changed under us */
			import_line_error(lineno, why);
		if (rc == 0)
			rc = one;
		import_record_done(&r);
	}
	if (ferror(in) && rc == 0)
		rc = cli_error_path(args, import_input_name(args), errno,
				    "read input");
	free(line);
	flockd_table_close(table);
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
			rc = import_apply(args, data, db);
	}
	flockd_close(db);
	if (data != NULL && data != in)
		fclose(data);
	if (in != stdin)
		fclose(in);
	return rc;
}
