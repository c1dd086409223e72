/* SPDX-License-Identifier: MIT */
/*
 * browser_options.h - the browser's command line: `flockd [OPTIONS] [DIR]`.
 */
#ifndef TUI_BROWSER_BROWSER_OPTIONS_H
#define TUI_BROWSER_BROWSER_OPTIONS_H

struct browser_options {
	const char *dir;     /* "." when not given */
	const char *table;   /* -t; NULL: the first */
	const char *key;     /* -k; NULL: none */
	const char *compare; /* --compare DIR_B or HOST:PATH; NULL: off */
	const char *rsh;     /* -e/--rsh CMD; NULL: ssh */
	const char *remote_flockd; /* --remote-flockd PATH; NULL: flockd */
	int read_only;
	int demo;
	int dump_config;
	long timeout_ms;     /* --timeout; 0: the config's */
};

/* browser_parse_options - parse argv (argv[0] is the program). Returns -1
 * to go on, else the exit status (after --help, --version or a usage
 * error, which it has printed). */
int browser_parse_options(int argc, char **argv, struct browser_options *o);

#endif
