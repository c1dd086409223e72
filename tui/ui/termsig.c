/* SPDX-License-Identifier: MIT */
/*
 * termsig.c - signals to flags (see termsig.h for why these statics).
 */
#include "ui/termsig.h"

#include <pthread.h>
#include <string.h>

static volatile sig_atomic_t ending;      /* SIGHUP or SIGTERM */
static volatile sig_atomic_t interrupted; /* SIGINT count, mod 2^n */
static volatile sig_atomic_t cancel_flag; /* what the store's waits read */

static void on_signal(int sig)
{
	if (sig == SIGINT) {
		interrupted = 1;
		return;
	}
	ending = sig;
	cancel_flag = 1;
}

static const int caught[] = {SIGHUP, SIGTERM, SIGINT};
#define N_CAUGHT (sizeof caught / sizeof caught[0])

void termsig_install(void)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: blocked calls return */
	for (size_t i = 0; i < N_CAUGHT; i++) {
		if (sigaction(caught[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(caught[i], &sa, NULL);
	}
}

int termsig_pending(void)
{
	return ending;
}

int termsig_take_interrupt(void)
{
	if (!interrupted)
		return 0;
	interrupted = 0;
	return 1;
}

const volatile sig_atomic_t *termsig_cancel_flag(void)
{
	return &cancel_flag;
}

void termsig_cancel(void)
{
	cancel_flag = 1;
}

void termsig_cancel_reset(void)
{
	cancel_flag = ending != 0;
}

void termsig_block_in_thread(void)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < N_CAUGHT; i++)
		sigaddset(&set, caught[i]);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

int termsig_exit_status(int otherwise)
{
	return ending ? 128 + ending : otherwise;
}

void termsig_reraise(void)
{
	int sig = ending;
	if (sig == 0)
		return;
	signal(sig, SIG_DFL);
	raise(sig);
}
