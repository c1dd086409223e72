/* SPDX-License-Identifier: MIT */
/* cli_signals.c - stopping a write on SIGINT, SIGTERM, SIGHUP
 * (cli_signals.h). */
#include "cli/cli_signals.h"

#include <string.h>

static volatile sig_atomic_t cli_stop;

static const int cli_stop_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void cli_stop_handler(int sig)
{
	cli_stop = sig;
}

void cli_signals_catch(struct cli_signals *s)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cli_stop_handler;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++) {
		sigaction(cli_stop_signals[i], NULL, &s->old[i]);
		if (s->old[i].sa_handler != SIG_IGN)
			sigaction(cli_stop_signals[i], &sa, NULL);
	}
}

const volatile sig_atomic_t *cli_signals_flag(void)
{
	return &cli_stop;
}

void cli_signals_release(const struct cli_signals *s)
{
	for (int i = 0; i < 3; i++)
		sigaction(cli_stop_signals[i], &s->old[i], NULL);
	if (cli_stop != 0) {
		signal(cli_stop, SIG_DFL);
		raise(cli_stop);
	}
}
