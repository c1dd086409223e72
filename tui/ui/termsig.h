/* SPDX-License-Identifier: MIT */
/*
 * termsig.h - the signals that end or interrupt the interactive program
 * (SIGHUP, SIGTERM, SIGINT), turned into flags the loops read, and the one
 * cancel flag the store's waits read (flockd_table_set_cancel).
 *
 * Why flags: nothing useful is async-signal-safe. A handler only records
 * the signal and raises the cancel flag; the loops that read keys see it
 * (ui_key gives KC_HANGUP for SIGHUP and SIGTERM, Ctrl-C's key for
 * SIGINT), the editor writes its recovery file from there, and a lock wait
 * in the store ends with ECANCELED. Handlers are installed without
 * SA_RESTART, so a blocked read or wait returns at once. A signal that was
 * ignored when the program started (nohup) stays ignored.
 *
 * The flags are the one piece of process-wide mutable state of the
 * program: a signal handler can reach nothing else.
 */
#ifndef TUI_UI_TERMSIG_H
#define TUI_UI_TERMSIG_H

#include <signal.h>

/* termsig_install - catch SIGHUP, SIGTERM and SIGINT (unless ignored).
 * Call before curses starts: ncurses then leaves SIGINT and SIGTERM to us
 * instead of ending the program itself. */
void termsig_install(void);

/* termsig_pending - the signal that asked the program to end (SIGHUP or
 * SIGTERM), 0 while none did. Stays set. */
int termsig_pending(void);

/* termsig_take_interrupt - non-zero once per SIGINT received. */
int termsig_take_interrupt(void);

/* termsig_cancel_flag - the flag to give to flockd_table_set_cancel: it is
 * raised by SIGHUP and SIGTERM and by termsig_cancel (Esc during a wait). */
const volatile sig_atomic_t *termsig_cancel_flag(void);

/* termsig_cancel - ask the wait in progress to stop. */
void termsig_cancel(void);

/* termsig_cancel_reset - after a wait: lower the flag again, unless a
 * signal that ends the program is pending. */
void termsig_cancel_reset(void);

/* termsig_block_in_thread - block the caught signals in the calling
 * thread (a worker), so they reach the thread that reads keys. */
void termsig_block_in_thread(void);

/* termsig_exit_status - the exit status for the pending signal (128 + N),
 * or `otherwise`. */
int termsig_exit_status(int otherwise);

/* termsig_reraise - end the program by the pending signal with its
 * default action, as the shell expects (after the terminal was restored).
 * Returns only when no signal is pending. */
void termsig_reraise(void);

#endif
