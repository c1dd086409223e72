/* SPDX-License-Identifier: MIT */
/*
 * browser_options.c - the browser's options and its --help.
 */
#include "config.h"

#include "browser/browser_options.h"

#include "common/duration.h"
#include "common/exit_codes.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: flockd [OPTIONS] [DIR]\n"
		"       flockd --compare DIR_B|[USER@]HOST:PATH [OPTIONS] [DIR]\n"
		"       flockd --demo\n"
		"       flockd --dump-config\n"
		"       flockd COMMAND ...   (flockd help: the commands)\n"
		"\n"
		"Browse the flockd database in DIR (default: $FLOCKD_DIR, "
		"else the current\ndirectory).\n"
		"\n"
		"Options:\n"
		"  -r, --read-only       change nothing, take no exclusive "
		"lock\n"
		"  -t, --table TABLE     start in TABLE (\"\" is the root)\n"
		"  -k, --key KEY         start with the cursor on KEY\n"
		"      --timeout DURATION  lock wait limit (default: the timeout "
		"setting, 2s;\n"
		"                        500ms, 1m, ...)\n"
		"      --compare DIR_B   compare mode: mark each key of DIR as "
		"only here (+),\n"
		"                        only in DIR_B (-), differs (#) or same "
		"(=); Enter on\n"
		"                        a differing key shows both values; "
		"DIR_B is only read\n"
		"                        (c copies picked keys over); "
		"HOST:PATH is a database\n"
		"                        on HOST, reached over ssh\n"
		"  -e, --rsh CMD         the remote shell for HOST:PATH "
		"(default: ssh)\n"
		"      --remote-flockd PATH  flockd on HOST (default: "
		"flockd)\n"
		"      --demo            create a demo database in a new "
		"temporary\n"
		"                        directory, browse it, print where it "
		"is\n"
		"      --dump-config     print the keys, colours and settings in "
		"effect\n"
		"                        (defaults and the config file) as a "
		"config file\n"
		"  -h, --help            this help\n"
		"  -V, --version         the version\n"
		"\n"
		"Keys, colours and settings: $XDG_CONFIG_HOME/flockd/config "
		"(or\n"
		"~/.config/flockd/config); flockd(1), CONFIGURATION. In the "
		"browser, ? lists\n"
		"every key (L locks, C check, I info, D compare).\n"
		"Exit status: 0 ok, 1 error, 2 usage.\n");
}

/* The checks after the options: -1 to go on, or the exit status. */
static int check(int argc, char **argv, struct browser_options *o)
{
	if (optind < argc)
		o->dir = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "flockd: one directory at most (flockd "
			"--help)\n");
		return EXIT_USAGE;
	}
	if (o->demo && o->compare != NULL) {
		fprintf(stderr, "flockd: --demo and --compare do not go "
			"together\n");
		return EXIT_USAGE;
	}
	if ((o->rsh != NULL || o->remote_flockd != NULL) &&
	    o->compare == NULL) {
		fprintf(stderr, "flockd: --rsh and --remote-flockd go with "
			"--compare HOST:PATH\n");
		return EXIT_USAGE;
	}
	if (o->demo && o->dir != NULL) {
		fprintf(stderr, "flockd: --demo makes its own directory\n");
		return EXIT_USAGE;
	}
	const char *env_dir = getenv("FLOCKD_DIR"); /* the command line wins */
	if (o->dir == NULL)
		o->dir = env_dir != NULL && *env_dir != '\0' ? env_dir : ".";
	return -1;
}

int browser_parse_options(int argc, char **argv, struct browser_options *o)
{
	static const struct option longopts[] = {
		{"read-only", no_argument, NULL, 'r'},
		{"table", required_argument, NULL, 't'},
		{"key", required_argument, NULL, 'k'},
		{"timeout", required_argument, NULL, 'T'},
		{"demo", no_argument, NULL, 'D'},
		{"compare", required_argument, NULL, 'C'},
		{"rsh", required_argument, NULL, 'e'},
		{"remote-flockd", required_argument, NULL, 'F'},
		{"dump-config", no_argument, NULL, 'P'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int c;

	memset(o, 0, sizeof *o);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "rt:k:e:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': o->read_only = 1; break;
		case 't': o->table = optarg; break;
		case 'k': o->key = optarg; break;
		case 'D': o->demo = 1; break;
		case 'C': o->compare = optarg; break;
		case 'e': o->rsh = optarg; break;
		case 'F': o->remote_flockd = optarg; break;
		case 'P': o->dump_config = 1; break;
		case 'T':
			if (duration_parse(optarg, &o->timeout_ms) != 0 ||
			    o->timeout_ms <= 0) {
				fprintf(stderr, "flockd: bad --timeout (say "
					"500ms, 2s, 1m)\n");
				return EXIT_USAGE;
			}
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("flockd %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		default:
			fprintf(stderr, "flockd: unknown or incomplete option "
				"(flockd --help lists them)\n");
			return EXIT_USAGE;
		}
	}
	return check(argc, argv, o);
}
