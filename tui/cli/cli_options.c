/* SPDX-License-Identifier: MIT */
/* cli_options.c - the option table, getopt_long's tables made from it,
 * its help lines, and messages about bad options. */
#include "cli/cli_options.h"

#include "cli/cli_common.h"
#include "common/textsafe.h"

#include <stdlib.h>
#include <string.h>

const struct cli_option_def cli_option_defs[] = {
	{CLI_OPT_TABLE, 't', "table", "TABLE", 0,
	 "the table (default: the root table, \"\" or /)"},
	{CLI_OPT_TABLES, 't', "table", "TABLE", 1,
	 "only this table (repeatable; default: every table;\n"
	 "\"\" or / is the root table)"},
	{CLI_OPT_LONG, 'l', "long", NULL, 0, "sizes and modification times"},
	{CLI_OPT_ALL, 'a', "all", NULL, 0,
	 "every NAME.kv file, keys or not (the Go view)"},
	{CLI_OPT_FORCE, 'f', "force", NULL, 0, "a missing key is not an error"},
	{CLI_OPT_NUL, 'z', "null", NULL, 0,
	 "end every field with a NUL byte, names raw"},
	{CLI_OPT_JSON, CLI_KEY_JSON, "json", NULL, 0,
	 "one JSON document instead (schema in flockd(1))"},
	{CLI_OPT_OVERWRITE, CLI_KEY_OVERWRITE, "overwrite", NULL, 0,
	 "replace keys that exist"},
	{CLI_OPT_FIX, CLI_KEY_FIX, "fix", NULL, 0,
	 "remove what the cleaning rule says is removable,\n"
	 "deciding again under the file's own lock just\n"
	 "before; never values, conflict copies, backups or\n"
	 "directories"},
	{CLI_OPT_OLDER_THAN, CLI_KEY_OLDER_THAN, "older-than", "DURATION", 0,
	 "the stale age (default 1h; 30m, 2h, 1d)"},
	{CLI_OPT_ENTRIES, 'a', "all", NULL, 0,
	 "every entry, not only keys: tables, conflict copies,\n"
	 "temp files... with their kind, and a last record\n"
	 "of kind end"},
	{CLI_OPT_KEEP, CLI_KEY_KEEP, "keep", "VERSION", 0,
	 "the version each key keeps: key, newest, largest,\n"
	 "or the file name of one conflict copy"},
	{CLI_OPT_DROP_IDENTICAL, CLI_KEY_DROP_IDENTICAL, "drop-identical",
	 NULL, 0, "remove the copies identical to their key (alone:\n"
	 "only those)"},
	{CLI_OPT_DRY_RUN, CLI_KEY_DRY_RUN, "dry-run", NULL, 0,
	 "say what would be done, change nothing"},
	{CLI_OPT_FROM_TO, CLI_KEY_FROM, "from", "DB", 0,
	 "the database copied from (DIR, HOST:DIR or\n"
	 "USER@HOST:DIR)"},
	{CLI_OPT_FROM_TO, CLI_KEY_TO, "to", "DB", 0,
	 "the database copied into (DIR, HOST:DIR or\n"
	 "USER@HOST:DIR)"},
	{CLI_OPT_ONLY, CLI_KEY_ONLY, "only", "WHAT", 0,
	 "copy only keys that differ, or only keys missing\n"
	 "there: differs, missing or differs,missing (the\n"
	 "default)"},
	{CLI_OPT_DELETE, CLI_KEY_DELETE, "delete", NULL, 0,
	 "also delete the keys that are only in --to"},
	{CLI_OPT_REMOTE, 'e', "rsh", "CMD", 0,
	 "the remote shell for HOST:DIR (default ssh), split\n"
	 "into words as rsync splits -e"},
	{CLI_OPT_REMOTE, CLI_KEY_REMOTE_FLOCKD, "remote-flockd", "PATH", 0,
	 "the flockd program on the remote host (default\n"
	 "flockd; given to its shell as it is)"},
	{CLI_OPT_MTIME, CLI_KEY_MTIME, "mtime", "TIME", 0,
	 "give the value this modification time (RFC 3339\n"
	 "UTC: 2026-01-02T03:04:05.123456789Z)"},
	{CLI_OPT_SIZE, CLI_KEY_SIZE, "size", "BYTES", 0,
	 "store nothing unless exactly BYTES bytes arrive\n"
	 "(a cut pipe or connection stores nothing)"},
	{CLI_OPT_MODE, CLI_KEY_MODE, "mode", "OCTAL", 0,
	 "permission bits of the keys this creates, in octal\n"
	 "0001..0777 (default 0600); keys it replaces keep\n"
	 "theirs"},
	{0, CLI_KEY_TIMEOUT, "timeout", "DURATION", 0,
	 "wait at most this long for a lock: 500ms, 2s,\n"
	 "1.5s, 1m (default 2s)"},
	{0, 'q', "quiet", NULL, 0,
	 "no informational lines (headings, notes): only\n"
	 "data on stdout, and errors on stderr"},
	{0, 'h', "help", NULL, 0, "show this help and exit"},
	{0, CLI_KEY_VERSION, "version", NULL, 0, "show the version and exit"},
};

const size_t cli_n_option_defs =
	sizeof cli_option_defs / sizeof cli_option_defs[0];

static int cli_option_applies(const struct cli_option_def *d,
			      unsigned options)
{
	return d->flag == 0 || (options & d->flag) != 0;
}

void cli_getopt_init(struct cli_getopt *g, unsigned options)
{
	size_t n = 0, s = 0;

	memset(g, 0, sizeof *g);
	g->shortopts[s++] = ':'; /* report a missing value as ':' */
	for (size_t i = 0; i < cli_n_option_defs; i++) {
		const struct cli_option_def *d = &cli_option_defs[i];
		if (!cli_option_applies(d, options))
			continue;
		g->longopts[n].name = d->name;
		g->longopts[n].has_arg = d->value ? required_argument
						  : no_argument;
		g->longopts[n].val = d->key;
		n++;
		if (d->key < 256) {
			g->shortopts[s++] = (char)d->key;
			if (d->value != NULL)
				g->shortopts[s++] = ':';
		}
	}
}

/* The long options of `g` that `name` (len bytes) names: exactly, or as
 * the start of their name. Returns how many; *exact is set when one
 * matches exactly. Fills `list` with ", --a, --b" for a message. */
static size_t cli_long_matches(const struct cli_getopt *g, const char *name,
			       size_t len, int *exact, char *list,
			       size_t size)
{
	size_t n = 0, used = 0;

	*exact = 0;
	list[0] = '\0';
	for (const struct option *o = g->longopts; o->name != NULL; o++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		if (strlen(o->name) == len)
			*exact = 1;
		n++;
		int w = snprintf(list + used, size - used, "%s--%s",
				 used ? ", " : "", o->name);
		if (w > 0 && (size_t)w < size - used)
			used += (size_t)w;
	}
	return n;
}

/* Is the option (long name, or letter when name is NULL) one that some
 * other command takes? */
static int cli_option_elsewhere(const char *name, size_t len, int letter)
{
	for (size_t i = 0; i < cli_n_option_defs; i++) {
		const struct cli_option_def *d = &cli_option_defs[i];
		if (name != NULL ? strlen(d->name) == len &&
					   strncmp(d->name, name, len) == 0
				 : d->key == letter)
			return 1;
	}
	return 0;
}

/* The message for a long option word ("--name" or "--name=value"). */
static void cli_bad_long(const struct cli_getopt *g, const char *cmd,
			 int c, const char *word, const char *shown,
			 char *msg, size_t size)
{
	const char *name = word + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	char list[200];
	int exact;
	size_t n = cli_long_matches(g, name, len, &exact, list, sizeof list);

	if (c == ':')
		snprintf(msg, size, "option '%s' needs a value", shown);
	else if (n == 1 && eq != NULL)
		snprintf(msg, size, "option '%.*s' takes no value",
			 (int)(eq - word), word);
	else if (n > 1 && !exact)
		snprintf(msg, size, "ambiguous option '%s' (%s)", shown, list);
	else if (cli_option_elsewhere(name, len, 0))
		snprintf(msg, size, "option '%s' does not apply to %s", shown, cmd);
	else
		snprintf(msg, size, "unknown option '%s'", shown);
}

/* Was the bad option getopt stopped at a long one? `word` is the last
 * word it took (argv[optind - 1]): reliable for a long option and for a
 * missing value, but an unknown letter may sit in a cluster getopt has
 * not finished, so a letter is believed from optopt. */
static int cli_bad_is_long(const struct cli_getopt *g, int c,
			   const char *word)
{
	int dashes = strncmp(word, "--", 2) == 0 && word[2] != '\0';
	const char *eq = strchr(word, '=');

	if (c == ':' || optopt == 0 || optopt >= 256)
		return dashes;
	/* "--long=1": getopt gives the letter of --long as optopt */
	if (!dashes || eq == NULL)
		return 0;
	for (const struct option *o = g->longopts; o->name != NULL; o++)
		if (o->val == optopt &&
		    strncmp(o->name, word + 2, (size_t)(eq - word - 2)) == 0)
			return 1;
	return 0;
}

void cli_bad_option(const struct cli_getopt *g, const char *cmd, int c,
		    int argc, char **argv, unsigned escape, char *msg,
		    size_t size)
{
	const char *word = optind - 1 < argc && optind > 0 ? argv[optind - 1]
							   : "";
	char letter[3] = {'-', (char)optopt, '\0'};
	int is_long = cli_bad_is_long(g, c, word);
	/* A long option is named as typed (up to '='); a letter alone, even
	 * inside a cluster such as -lx. */
	const char *eq = is_long ? strchr(word, '=') : NULL;
	size_t len = is_long ? (eq ? (size_t)(eq - word) : strlen(word)) : 2;
	char *shown = textsafe_name_dup(is_long ? word : letter, len, escape);

	if (shown == NULL) {
		snprintf(msg, size, "bad option");
	} else if (is_long) {
		cli_bad_long(g, cmd, c, word, shown, msg, size);
	} else if (c == ':') {
		snprintf(msg, size, "option '%s' needs a value", shown);
	} else if (cli_option_elsewhere(NULL, 0, optopt)) {
		snprintf(msg, size, "option '%s' does not apply to %s", shown, cmd);
	} else {
		snprintf(msg, size, "unknown option '%s'", shown);
	}
	free(shown);
}

void cli_options_synopsis(FILE *out, unsigned options)
{
	for (size_t i = 0; i < cli_n_option_defs; i++) {
		const struct cli_option_def *d = &cli_option_defs[i];
		if (d->flag == 0 || !(options & d->flag))
			continue;
		if (d->key < 256)
			fprintf(out, " [-%c", d->key);
		else
			fprintf(out, " [--%s", d->name);
		if (d->value != NULL)
			fprintf(out, " %s", d->value);
		fprintf(out, "]%s", d->repeat ? "..." : "");
	}
}

/* One option's lines: "  -t, --table TABLE   help", continuation lines
 * of the help indented to its column. */
static void cli_option_line(FILE *out, const struct cli_option_def *d)
{
	char left[64];
	const int column = 26;

	if (d->key < 256)
		snprintf(left, sizeof left, "-%c, --%s%s%s", d->key, d->name,
			 d->value ? " " : "", d->value ? d->value : "");
	else
		snprintf(left, sizeof left, "    --%s%s%s", d->name,
			 d->value ? " " : "", d->value ? d->value : "");
	fprintf(out, "  %-*s", column - 2, left);
	if ((int)strlen(left) > column - 3)
		fprintf(out, "\n%*s", column, "");
	for (const char *p = d->help; *p != '\0'; p++) {
		fputc(*p, out);
		if (*p == '\n')
			fprintf(out, "%*s", column, "");
	}
	fputc('\n', out);
}

void cli_options_help(FILE *out, unsigned options, int common)
{
	for (size_t i = 0; i < cli_n_option_defs; i++) {
		const struct cli_option_def *d = &cli_option_defs[i];
		if (common ? d->flag == 0 : (d->flag & options) != 0)
			cli_option_line(out, d);
	}
}
