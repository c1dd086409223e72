/* inspect_cmd.c - helpers shared by the inspection commands. */
#include "inspect/inspect_cmd.h"

#include "common/exit_codes.h"
#include "common/textsafe.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void inspect_err(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fprintf(stderr, "flockd %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int inspect_usage_error(const char *cmd, const char *what)
{
	inspect_err(cmd, "%s (try 'flockd %s --help')", what, cmd);
	return EXIT_USAGE;
}

static char oom_text[] = "?";

char *inspect_esc(const char *s)
{
	char *e = textsafe_name_dup(s, strlen(s), textsafe_locale());
	return e != NULL ? e : oom_text;
}

void inspect_esc_free(char *s)
{
	if (s != oom_text)
		free(s);
}

const char *inspect_table_label(const char *name)
{
	return name[0] == '\0' ? "(root)" : name;
}

int inspect_open_db(const char *cmd, const char *dir, unsigned flags,
		    long timeout_ms, flockd_db **db)
{
	int err = flockd_open(dir, timeout_ms, flags | FLOCKD_OPEN_NOCREATE,
			      db);
	if (err != 0) {
		char *d = inspect_esc(dir);
		inspect_err(cmd, "%s: %s", d,
			    err == FLOCKD_ENOTFOUND
				    ? "no such database directory"
				    : flockd_strerror(err));
		inspect_esc_free(d);
	}
	return err;
}

void inspect_getopt_reset(void)
{
	optind = 0; /* glibc: full re-initialisation */
	opterr = 0;
}

int inspect_bad_option(const char *cmd, char **argv, int c)
{
	char what[200];
	const char *arg = optind > 0 ? argv[optind - 1] : NULL;
	char *a = inspect_esc(arg != NULL ? arg : "");
	if (c == ':')
		snprintf(what, sizeof what, "option '%.100s' needs an argument",
			 a);
	else if (optopt != 0)
		snprintf(what, sizeof what, "unknown option '-%c'", optopt);
	else
		snprintf(what, sizeof what, "unknown option '%.100s'", a);
	inspect_esc_free(a);
	return inspect_usage_error(cmd, what);
}
