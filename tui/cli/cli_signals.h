/* SPDX-License-Identifier: MIT */
/*
 * cli_signals.h - SIGINT, SIGTERM and SIGHUP while a command writes: they
 * set a flag instead of killing the process, so that the write stops
 * cleanly (the store discards its temp files: no named temp is left
 * behind), and then the process dies of the signal as the shell expects.
 * Internal to tui/cli/.
 *
 * The flag is the one static of the command line: a signal handler can
 * reach nothing else.
 */
#ifndef TUI_CLI_CLI_SIGNALS_H
#define TUI_CLI_CLI_SIGNALS_H

#include <signal.h>

/* The handlers in place before cli_signals_catch. */
struct cli_signals {
	struct sigaction old[3];
};

/* cli_signals_catch - catch the three signals (without SA_RESTART, so a
 * read blocked on a pipe returns); ignored ones (nohup) stay ignored. */
void cli_signals_catch(struct cli_signals *s);

/* cli_signals_flag - the signal that asked the write to stop, 0 while
 * none did: for flockd_table_set_cancel and the command's own loops. */
const volatile sig_atomic_t *cli_signals_flag(void);

/* cli_signals_release - put the old handlers back; if a signal came,
 * die of it now. */
void cli_signals_release(const struct cli_signals *s);

#endif
