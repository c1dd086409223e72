/* SPDX-License-Identifier: MIT */
/* cli_output.c - records, -z fields, JSON documents and informational
 * lines (forms in cli_output.h). */
#include "cli/cli_output.h"

#include "common/exit_codes.h"
#include "common/jsonfmt.h"
#include "common/textsafe.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_output_start(struct cli_args *args)
{
	/* Raw bytes are for programs: a terminal gets them escaped. */
	args->out.raw = args->nul && !isatty(STDOUT_FILENO);
	args->out.fields = 0;
	args->out.err = 0;
}

int cli_output_failed(struct cli_args *args)
{
	if (args->out.err == 0)
		args->out.err = errno ? errno : EIO;
	return -1;
}

/* Start a field: the separator before every field but the first (with
 * -z each field ends in its own NUL instead). */
static int cli_field_start(struct cli_args *args)
{
	if (!args->nul && args->out.fields > 0 && putchar('\t') == EOF)
		return cli_output_failed(args);
	args->out.fields++;
	return 0;
}

static int cli_field_end(struct cli_args *args)
{
	if (args->nul && putchar('\0') == EOF)
		return cli_output_failed(args);
	return 0;
}

int cli_field_name(struct cli_args *args, const char *name)
{
	size_t len = strlen(name);

	if (cli_field_start(args) != 0)
		return -1;
	if (len == 0 && !args->out.raw) {
		if (fputs("/", stdout) == EOF)
			return cli_output_failed(args);
	} else if (args->out.raw) {
		if (fwrite(name, 1, len, stdout) != len)
			return cli_output_failed(args);
	} else if (textsafe_name_write(stdout, name, len, args->escape) != 0) {
		return cli_output_failed(args);
	}
	return cli_field_end(args);
}

int cli_field_word(struct cli_args *args, const char *word)
{
	if (cli_field_start(args) != 0)
		return -1;
	if (fputs(word, stdout) == EOF)
		return cli_output_failed(args);
	return cli_field_end(args);
}

int cli_record_end(struct cli_args *args)
{
	args->out.fields = 0;
	if (!args->nul && putchar('\n') == EOF)
		return cli_output_failed(args);
	return 0;
}

void cli_headings(const struct cli_args *args, const char *const *names,
		  size_t n)
{
	if (args->quiet)
		return;
	fflush(stdout);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s%s", i ? "\t" : "", names[i]);
	fputc('\n', stderr);
}

void cli_note(const struct cli_args *args, const char *fmt, ...)
{
	va_list ap;

	if (args->quiet)
		return;
	va_start(ap, fmt);
	cli_vmessage(args, "", fmt, ap);
	va_end(ap);
}

json_t *cli_json_object(void)
{
	json_t *obj = json_object();

	if (obj != NULL &&
	    json_object_set_new(obj, "format_version",
				json_integer(CLI_JSON_FORMAT_VERSION)) != 0) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

int cli_json_set_time(json_t *obj, const char *field,
		      const struct flockd_timespec *ts)
{
	char when[CLI_TIME_LEN];

	cli_format_time(ts, when, sizeof when);
	return json_object_set_new(obj, field, json_string(when)) == 0 ? 0
									  : -1;
}

int cli_json_print(struct cli_args *args, json_t *doc)
{
	if (doc == NULL) {
		errno = ENOMEM;
		return cli_output_failed(args);
	}
	return jsonfmt_print(doc, stdout) == 0 ? 0 : cli_output_failed(args);
}

int cli_json_stream_begin(struct cli_args *args, struct cli_json_stream *s,
			  json_t *head, const char *name)
{
	char *text = head ? jsonfmt_dumps(head, jsonfmt_flags(stdout)) : NULL;
	size_t len = text ? strlen(text) : 0;
	int rc = 0;

	json_decref(head);
	s->count = 0;
	if (len < 2 || text[len - 1] != '}') {
		free(text);
		errno = ENOMEM;
		return cli_output_failed(args);
	}
	/* The head without its closing brace, then the array. The name is
	 * one of ours (ASCII), not from the database. */
	if (fwrite(text, 1, len - 1, stdout) != len - 1 ||
	    printf("%s\"%s\":[", len > 2 ? "," : "", name) < 0)
		rc = cli_output_failed(args);
	free(text);
	return rc;
}

int cli_json_stream_add(struct cli_args *args, struct cli_json_stream *s,
			json_t *elem)
{
	int rc = 0;

	if (elem == NULL) {
		errno = ENOMEM;
		return cli_output_failed(args);
	}
	if (fputs(s->count++ ? ",\n" : "\n", stdout) == EOF ||
	    jsonfmt_dumpf(elem, stdout) != 0)
		rc = cli_output_failed(args);
	json_decref(elem);
	return rc;
}

int cli_json_stream_end(struct cli_args *args, struct cli_json_stream *s)
{
	if (fputs(s->count ? "\n]}\n" : "]}\n", stdout) == EOF)
		return cli_output_failed(args);
	return 0;
}

int cli_output_finish(struct cli_args *args, int rc)
{
	errno = 0;
	if ((fflush(stdout) != 0 || ferror(stdout)) && args->out.err == 0)
		args->out.err = errno ? errno : EIO;
	int err = args->out.err;
	if (err == 0)
		return rc;
	cli_message(args, "standard output: %s", flockd_strerror(err));
	/* Reported once, even if a command finishes twice. */
	args->out.err = 0;
	clearerr(stdout);
	/* The output is incomplete: that is a failure even where the data
	 * said "different"; an earlier failure keeps its status. */
	int status = cli_status(args, err);
	if (args->cmd->statuses == CLI_STATUS_DIFF)
		return rc >= EXIT_TROUBLE ? rc : status;
	return rc != EXIT_OK ? rc : status;
}
