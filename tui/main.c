/* SPDX-License-Identifier: MIT */
/*
 * main.c - the flockd program's entry: a first argument that names a command
 * runs the command line (cli/), anything else opens the browser (browser/).
 */
#include "config.h"

#include "browser/browser.h"
#include "cli/cli.h"

#include <locale.h>

int main(int argc, char **argv)
{
	/* Both halves measure and escape text by the user's character set;
	 * nothing else follows the locale (numbers such as "--timeout 1.5s"
	 * are read the same way under a locale with a decimal comma). */
	setlocale(LC_CTYPE, "");
	if (argc > 1 && cli_is_command(argv[1]))
		return cli_main(argc, argv);
	return browser_main(argc, argv);
}
