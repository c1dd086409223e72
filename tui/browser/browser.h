/* SPDX-License-Identifier: MIT */
/*
 * browser.h - the interactive half of flockd: `flockd [OPTIONS] [DIR]`.
 */
#ifndef TUI_BROWSER_BROWSER_H
#define TUI_BROWSER_BROWSER_H

/* browser_main - parse the browser's options (argv[0] is the program) and
 * run the browser; returns the exit status (common/exit_codes.h). */
int browser_main(int argc, char **argv);

#endif
